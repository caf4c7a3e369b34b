/* mod_math.c — the `math` module: CPython's functions, constants and error rules. */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "object.h"
#include "init.h"

/* ---------------------------------------------------------------- helpers */

static wk_value domain_error(void) { return wk_raise(wk_exc_ValueError, "math domain error"); }
static wk_value range_error(void) { return wk_raise(wk_exc_OverflowError, "math range error"); }

/* Checks a libm result the way CPython's math_1 does: a NaN from a non-NaN input is a
 * domain error, an infinity from a finite input a range error (unless allowed). */
static wk_value checked(double x, double r, bool can_overflow) {
    if (isnan(r) && !isnan(x)) return domain_error();
    if (isinf(r) && isfinite(x)) return can_overflow ? range_error() : domain_error();
    return wk_float(r);
}

static bool arg_double(const wk_value *args, int i, double *out) {
    return wk_as_double(args[i], out);
}

static bool want_args(const char *name, int nargs, wk_obj *kwnames, int lo, int hi) {
    if (kwnames && WK_TUPLE(kwnames)->len) {
        wk_raise(wk_exc_TypeError, "%s() takes no keyword arguments", name);
        return false;
    }
    if (nargs >= lo && nargs <= hi) return true;
    if (lo == hi)
        wk_raise(wk_exc_TypeError, "%s() takes exactly %s (%d given)", name,
                 lo == 1 ? "one argument" : "2 arguments", nargs);
    else
        wk_raise(wk_exc_TypeError, "%s expected at most %d arguments, got %d", name, hi, nargs);
    return false;
}

/* One-argument float functions: one X-macro list gives both the C functions and their
 * method-table rows. X(name, libm function, may overflow, docstring). */
#define UNARY_FUNCS(X) \
    X(sqrt, sqrt, false, "Return the square root of x.") \
    X(exp, exp, true, "Return e raised to the power of x.") \
    X(expm1, expm1, true, "Return exp(x)-1.") \
    X(log2, log2, false, "Return the base 2 logarithm of x.") \
    X(log10, log10, false, "Return the base 10 logarithm of x.") \
    X(log1p, log1p, false, "Return the natural logarithm of 1+x (base e).") \
    X(sin, sin, false, "Return the sine of x (measured in radians).") \
    X(cos, cos, false, "Return the cosine of x (measured in radians).") \
    X(tan, tan, false, "Return the tangent of x (measured in radians).") \
    X(asin, asin, false, "Return the arc sine (measured in radians) of x.") \
    X(acos, acos, false, "Return the arc cosine (measured in radians) of x.") \
    X(atan, atan, false, "Return the arc tangent (measured in radians) of x.") \
    X(sinh, sinh, true, "Return the hyperbolic sine of x.") \
    X(cosh, cosh, true, "Return the hyperbolic cosine of x.") \
    X(tanh, tanh, false, "Return the hyperbolic tangent of x.") \
    X(asinh, asinh, false, "Return the inverse hyperbolic sine of x.") \
    X(acosh, acosh, false, "Return the inverse hyperbolic cosine of x.") \
    X(atanh, atanh, false, "Return the inverse hyperbolic tangent of x.") \
    X(fabs, fabs, false, "Return the absolute value of the float x.") \
    X(erf, erf, false, "Error function at x.") \
    X(erfc, erfc, false, "Complementary error function at x.") \
    X(gamma, tgamma, true, "Gamma function at x.") \
    X(lgamma, lgamma, true, "Natural logarithm of absolute value of Gamma function at x.")

/* Domain checks libm does not report as a NaN result. */
static bool unary_domain_ok(double (*fn)(double), double x) {
    if ((fn == log2 || fn == log10) && x <= 0) return false;
    if (fn == log1p && x <= -1) return false;
    if (fn == atanh && (x >= 1 || x <= -1)) return false;
    if ((fn == tgamma || fn == lgamma) && x <= 0 && x == floor(x)) return false;
    return true;
}

static wk_value unary_call(const char *name, double (*fn)(double), bool can_overflow,
                           const wk_value *args, int nargs, wk_obj *kw) {
    double x;
    if (!want_args(name, nargs, kw, 1, 1) || !arg_double(args, 0, &x)) return WK_NULLV;
    if (!unary_domain_ok(fn, x)) return domain_error();
    return checked(x, fn(x), can_overflow);
}

#define UNARY_FN(NAME, FN, OVF, DOC) \
    static wk_value m_##NAME(const wk_value *a, int n, wk_obj *k) { return unary_call(#NAME, FN, OVF, a, n, k); }
UNARY_FUNCS(UNARY_FN)
#undef UNARY_FN

/* ---------------------------------------------------------------- to-int functions */

static wk_value float_to_int(double r) {
    if (isnan(r)) return wk_raise(wk_exc_ValueError, "cannot convert float NaN to integer");
    if (isinf(r)) return wk_raise(wk_exc_OverflowError, "cannot convert float infinity to integer");
    if (r >= 9223372036854775808.0 || r < -9223372036854775808.0)
        return wk_raise(wk_exc_OverflowError, "integer overflow: wick ints are 64-bit");
    return wk_int((int64_t)r);
}

static wk_value round_common(const char *name, double (*fn)(double), const wk_value *args,
                             int nargs, wk_obj *kw) {
    if (!want_args(name, nargs, kw, 1, 1)) return WK_NULLV;
    if (WK_IS_INT(args[0])) return args[0];
    if (WK_IS_BOOL(args[0])) return wk_int(args[0].u.i);
    if (WK_IS_OBJ(args[0])) {
        char dunder[32];
        snprintf(dunder, sizeof dunder, "__%s__", name);
        wk_value m = wk_getattr_opt(args[0], wk_intern(dunder));
        if (!WK_IS_NULL(m)) { wk_value r = wk_call0(m); wk_decref(m); return r; }
        if (wk_err_occurred()) return WK_NULLV;
    }
    double x;
    if (!wk_as_double(args[0], &x)) return WK_NULLV;
    return float_to_int(fn(x));
}

static wk_value m_floor(const wk_value *a, int n, wk_obj *k) { return round_common("floor", floor, a, n, k); }
static wk_value m_ceil(const wk_value *a, int n, wk_obj *k) { return round_common("ceil", ceil, a, n, k); }
static wk_value m_trunc(const wk_value *a, int n, wk_obj *k) { return round_common("trunc", trunc, a, n, k); }

/* ---------------------------------------------------------------- other functions */

static wk_value m_log(const wk_value *args, int nargs, wk_obj *kw) {
    double x, base = 0;
    if (!want_args("log", nargs, kw, 1, 2) || !arg_double(args, 0, &x)) return WK_NULLV;
    if (nargs == 2 && !arg_double(args, 1, &base)) return WK_NULLV;
    if (x <= 0 || (nargs == 2 && base <= 0)) return domain_error();
    if (nargs == 1) return wk_float(log(x));
    double den = log(base);
    if (den == 0) return wk_raise(wk_exc_ZeroDivisionError, "float division by zero");
    return wk_float(log(x) / den);
}

static wk_value m_pow(const wk_value *args, int nargs, wk_obj *kw) {
    double x, y;
    if (!want_args("pow", nargs, kw, 2, 2) || !arg_double(args, 0, &x) || !arg_double(args, 1, &y))
        return WK_NULLV;
    if (x == 0 && y < 0) return domain_error();
    if (x < 0 && isfinite(y) && y != floor(y)) return domain_error();
    double r = pow(x, y);
    if (isinf(r) && isfinite(x) && isfinite(y)) return range_error();
    return wk_float(r);
}

typedef double (*binary_fn)(double, double);
static wk_value binary_common(const char *name, binary_fn fn, const wk_value *args, int nargs, wk_obj *kw) {
    double x, y;
    if (!want_args(name, nargs, kw, 2, 2) || !arg_double(args, 0, &x) || !arg_double(args, 1, &y))
        return WK_NULLV;
    if (fn == fmod && (y == 0 || isinf(x)) && !isnan(x) && !isnan(y)) return domain_error();
    return wk_float(fn(x, y));
}
static wk_value m_atan2(const wk_value *a, int n, wk_obj *k) { return binary_common("atan2", atan2, a, n, k); }
static wk_value m_fmod(const wk_value *a, int n, wk_obj *k) { return binary_common("fmod", fmod, a, n, k); }
static wk_value m_copysign(const wk_value *a, int n, wk_obj *k) { return binary_common("copysign", copysign, a, n, k); }
static wk_value m_remainder(const wk_value *a, int n, wk_obj *k) { return binary_common("remainder", remainder, a, n, k); }

static wk_value m_hypot(const wk_value *args, int nargs, wk_obj *kw) {
    if (!want_args("hypot", nargs, kw, 0, 1 << 20)) return WK_NULLV;
    double acc = 0;
    for (int i = 0; i < nargs; i++) {
        double x;
        if (!arg_double(args, i, &x)) return WK_NULLV;
        acc = hypot(acc, x);
    }
    return wk_float(acc);
}

static wk_value m_degrees(const wk_value *a, int n, wk_obj *k) {
    double x;
    if (!want_args("degrees", n, k, 1, 1) || !arg_double(a, 0, &x)) return WK_NULLV;
    return wk_float(x * (180.0 / M_PI));
}

static wk_value m_radians(const wk_value *a, int n, wk_obj *k) {
    double x;
    if (!want_args("radians", n, k, 1, 1) || !arg_double(a, 0, &x)) return WK_NULLV;
    return wk_float(x * (M_PI / 180.0));
}

typedef int (*classify_fn)(double);
static int is_finite(double x) { return isfinite(x); }
static int is_inf(double x) { return isinf(x); }
static int is_nan(double x) { return isnan(x); }
static wk_value classify(const char *name, classify_fn fn, const wk_value *a, int n, wk_obj *k) {
    double x;
    if (!want_args(name, n, k, 1, 1) || !arg_double(a, 0, &x)) return WK_NULLV;
    return wk_bool(fn(x));
}
static wk_value m_isfinite(const wk_value *a, int n, wk_obj *k) { return classify("isfinite", is_finite, a, n, k); }
static wk_value m_isinf(const wk_value *a, int n, wk_obj *k) { return classify("isinf", is_inf, a, n, k); }
static wk_value m_isnan(const wk_value *a, int n, wk_obj *k) { return classify("isnan", is_nan, a, n, k); }

static wk_value m_isclose(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[4];
    if (!wk_args_parse("isclose", args, nargs, kw, "a b $ rel_tol abs_tol", v)) return WK_NULLV;
    double a, b, rel = 1e-9, abs_tol = 0;
    if (!wk_as_double(v[0], &a) || !wk_as_double(v[1], &b)) return WK_NULLV;
    if (!WK_IS_NULL(v[2]) && !wk_as_double(v[2], &rel)) return WK_NULLV;
    if (!WK_IS_NULL(v[3]) && !wk_as_double(v[3], &abs_tol)) return WK_NULLV;
    if (rel < 0 || abs_tol < 0) return wk_raise(wk_exc_ValueError, "tolerances must be non-negative");
    if (a == b) return WK_TRUEV;
    if (isinf(a) || isinf(b)) return WK_FALSEV;
    double diff = fabs(b - a);
    return wk_bool(diff <= fabs(rel * b) || diff <= fabs(rel * a) || diff <= abs_tol);
}

static wk_value m_modf(const wk_value *a, int n, wk_obj *k) {
    double x, ip;
    if (!want_args("modf", n, k, 1, 1) || !arg_double(a, 0, &x)) return WK_NULLV;
    double fp = isinf(x) ? copysign(0.0, x) : modf(x, &ip);
    if (isinf(x)) ip = x;
    wk_obj *t = wk_tuple_pack(2, wk_float(fp), wk_float(ip));
    return wk_objv(t);
}

static wk_value m_frexp(const wk_value *a, int n, wk_obj *k) {
    double x;
    if (!want_args("frexp", n, k, 1, 1) || !arg_double(a, 0, &x)) return WK_NULLV;
    int e = 0;
    double m = (isnan(x) || isinf(x) || x == 0) ? x : frexp(x, &e);
    return wk_objv(wk_tuple_pack(2, wk_float(m), wk_int(e)));
}

static wk_value m_ldexp(const wk_value *a, int n, wk_obj *k) {
    double x;
    int64_t e;
    if (!want_args("ldexp", n, k, 2, 2) || !arg_double(a, 0, &x)) return WK_NULLV;
    if (WK_IS_FLOAT(a[1])) return wk_raise(wk_exc_TypeError, "Expected an int as second argument to ldexp.");
    if (!wk_as_int64(a[1], &e)) return WK_NULLV;
    if (e > 100000) e = 100000;
    if (e < -100000) e = -100000;
    double r = ldexp(x, (int)e);
    if (isinf(r) && isfinite(x)) return range_error();
    return wk_float(r);
}

/* Exact summation (Shewchuk's algorithm, as CPython's fsum). */
static wk_value m_fsum(const wk_value *a, int n, wk_obj *k) {
    if (!want_args("fsum", n, k, 1, 1)) return WK_NULLV;
    wk_obj *items = wk_sequence_list(a[0]);
    if (!items) return WK_NULLV;
    double partials[64];
    int np = 0;
    double special = 0;
    bool have_special = false;
    wk_list *l = WK_LIST(items);
    for (int64_t i = 0; i < l->len; i++) {
        double x;
        if (!wk_as_double(l->items[i], &x)) { wk_obj_decref(items); return WK_NULLV; }
        if (!isfinite(x)) { special += x; have_special = true; continue; }
        int j = 0;
        for (int p = 0; p < np; p++) {
            double y = partials[p];
            if (fabs(x) < fabs(y)) { double t = x; x = y; y = t; }
            double hi = x + y, lo = y - (hi - x);
            if (lo != 0.0) partials[j++] = lo;
            x = hi;
        }
        if (j < 64) partials[j++] = x;
        np = j;
    }
    wk_obj_decref(items);
    if (have_special) {
        if (isnan(special)) return wk_raise(wk_exc_ValueError, "-inf + inf in fsum");
        return wk_float(special);
    }
    double hi = 0.0;
    if (np > 0) {
        hi = partials[--np];
        double lo = 0;
        while (np > 0) {
            double x = hi, y = partials[--np];
            hi = x + y;
            lo = y - (hi - x);
            if (lo != 0.0) break;
        }
        if (np > 0 && ((lo < 0.0 && partials[np - 1] < 0.0) || (lo > 0.0 && partials[np - 1] > 0.0))) {
            double y = lo * 2.0, x = hi + y;
            if (y == x - hi) hi = x;
        }
    }
    return wk_float(hi);
}

/* ---------------------------------------------------------------- integer functions */

static bool int_arg(const char *name, wk_value v, int64_t *out) {
    if (WK_IS_FLOAT(v)) {
        wk_raise(wk_exc_TypeError, "'float' object cannot be interpreted as an integer");
        return false;
    }
    (void)name;
    return wk_as_int64(v, out);
}

static wk_value m_factorial(const wk_value *a, int n, wk_obj *k) {
    int64_t x;
    if (!want_args("factorial", n, k, 1, 1) || !int_arg("factorial", a[0], &x)) return WK_NULLV;
    if (x < 0) return wk_raise(wk_exc_ValueError, "factorial() not defined for negative values");
    int64_t r = 1;
    for (int64_t i = 2; i <= x; i++)
        if (__builtin_mul_overflow(r, i, &r))
            return wk_raise(wk_exc_OverflowError, "integer overflow: wick ints are 64-bit");
    return wk_int(r);
}

static int64_t gcd64(int64_t a, int64_t b) {
    uint64_t x = a < 0 ? -(uint64_t)a : (uint64_t)a, y = b < 0 ? -(uint64_t)b : (uint64_t)b;
    while (y) { uint64_t t = x % y; x = y; y = t; }
    return (int64_t)x;
}

static wk_value gcd_lcm(bool lcm, const wk_value *a, int n, wk_obj *k) {
    const char *name = lcm ? "lcm" : "gcd";
    if (!want_args(name, n, k, 0, 1 << 20)) return WK_NULLV;
    int64_t acc = lcm ? 1 : 0;
    for (int i = 0; i < n; i++) {
        int64_t x;
        if (!int_arg(name, a[i], &x)) return WK_NULLV;
        if (!lcm) { acc = gcd64(acc, x); continue; }
        if (acc == 0 || x == 0) { acc = 0; continue; }
        int64_t g = gcd64(acc, x), r;
        if (__builtin_mul_overflow(acc / g, x, &r))
            return wk_raise(wk_exc_OverflowError, "integer overflow: wick ints are 64-bit");
        acc = r < 0 ? -r : r;
    }
    return wk_int(acc);
}
static wk_value m_gcd(const wk_value *a, int n, wk_obj *k) { return gcd_lcm(false, a, n, k); }
static wk_value m_lcm(const wk_value *a, int n, wk_obj *k) { return gcd_lcm(true, a, n, k); }

static wk_value m_isqrt(const wk_value *a, int n, wk_obj *k) {
    int64_t x;
    if (!want_args("isqrt", n, k, 1, 1) || !int_arg("isqrt", a[0], &x)) return WK_NULLV;
    if (x < 0) return wk_raise(wk_exc_ValueError, "isqrt() argument must be nonnegative");
    uint64_t r = (uint64_t)sqrtl((long double)x);
    while (r * r > (uint64_t)x) r--;
    while ((r + 1) * (r + 1) <= (uint64_t)x) r++;
    return wk_int((int64_t)r);
}

/* comb(n, k) and perm(n, k) with overflow checks. */
static wk_value comb_perm(bool comb, const wk_value *a, int n, wk_obj *kw) {
    const char *name = comb ? "comb" : "perm";
    int64_t nn, kk;
    if (!want_args(name, n, kw, comb ? 2 : 1, 2) || !int_arg(name, a[0], &nn)) return WK_NULLV;
    if (n == 1 || WK_IS_NONE(a[1])) kk = nn;
    else if (!int_arg(name, a[1], &kk)) return WK_NULLV;
    if (nn < 0) return wk_raise(wk_exc_ValueError, "n must be a non-negative integer");
    if (kk < 0) return wk_raise(wk_exc_ValueError, "k must be a non-negative integer");
    if (kk > nn) return wk_int(0);
    if (comb && kk > nn - kk) kk = nn - kk;
    int64_t r = 1;
    for (int64_t i = 0; i < kk; i++) {
        int64_t t;
        if (__builtin_mul_overflow(r, nn - i, &t))
            return wk_raise(wk_exc_OverflowError, "integer overflow: wick ints are 64-bit");
        r = comb ? t / (i + 1) : t;
    }
    return wk_int(r);
}
static wk_value m_comb(const wk_value *a, int n, wk_obj *k) { return comb_perm(true, a, n, k); }
static wk_value m_perm(const wk_value *a, int n, wk_obj *k) { return comb_perm(false, a, n, k); }

static wk_value m_prod(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[2];
    if (!wk_args_parse("prod", args, nargs, kw, "iterable / $ start", v)) return WK_NULLV;
    wk_value acc = WK_IS_NULL(v[1]) ? wk_int(1) : wk_incref(v[1]);
    wk_value it = wk_iter(v[0]);
    if (WK_IS_NULL(it)) { wk_decref(acc); return WK_NULLV; }
    for (;;) {
        wk_value x = wk_next(it);
        if (WK_IS_NULL(x)) break;
        wk_value r = wk_binop(WK_NB_MUL, acc, x);
        wk_decref(x);
        wk_decref(acc);
        acc = r;
        if (WK_IS_NULL(acc)) break;
    }
    wk_decref(it);
    if (wk_err_occurred()) { wk_decref(acc); return WK_NULLV; }
    return acc;
}

static wk_value m_dist(const wk_value *a, int n, wk_obj *k) {
    if (!want_args("dist", n, k, 2, 2)) return WK_NULLV;
    wk_obj *p = wk_sequence_tuple(a[0]), *q = p ? wk_sequence_tuple(a[1]) : NULL;
    wk_value r = WK_NULLV;
    if (q && WK_TUPLE(p)->len != WK_TUPLE(q)->len)
        wk_raise(wk_exc_ValueError, "both points must have the same number of dimensions");
    else if (q) {
        double acc = 0;
        int64_t i;
        for (i = 0; i < WK_TUPLE(p)->len; i++) {
            double x, y;
            if (!wk_as_double(WK_TUPLE(p)->items[i], &x) || !wk_as_double(WK_TUPLE(q)->items[i], &y)) break;
            acc = hypot(acc, x - y);
        }
        if (i == WK_TUPLE(p)->len) r = wk_float(acc);
    }
    wk_obj_decref(p);
    wk_obj_decref(q);
    return r;
}

static const wk_methoddef math_funcs[] = {
    { "floor", m_floor, 0, "Return the floor of x as an Integral." },
    { "ceil", m_ceil, 0, "Return the ceiling of x as an Integral." },
    { "trunc", m_trunc, 0, "Truncates the Real x to the nearest Integral toward 0." },
    { "log", m_log, 0, "log(x, [base=math.e])\nReturn the logarithm of x to the given base." },
    { "pow", m_pow, 0, "Return x**y (x to the power of y)." },
    { "atan2", m_atan2, 0, "Return the arc tangent (measured in radians) of y/x." },
    { "fmod", m_fmod, 0, "Return fmod(x, y), according to platform C." },
    { "copysign", m_copysign, 0, "Return a float with the magnitude of x but the sign of y." },
    { "remainder", m_remainder, 0, "Difference between x and the closest integer multiple of y." },
    { "hypot", m_hypot, 0, "Multidimensional Euclidean distance from the origin to a point." },
    { "degrees", m_degrees, 0, "Convert angle x from radians to degrees." },
    { "radians", m_radians, 0, "Convert angle x from degrees to radians." },
    { "isfinite", m_isfinite, 0, "Return True if x is neither an infinity nor a NaN." },
    { "isinf", m_isinf, 0, "Return True if x is a positive or negative infinity." },
    { "isnan", m_isnan, 0, "Return True if x is a NaN (not a number)." },
    { "isclose", m_isclose, 0, "Determine whether two floating point numbers are close in value." },
    { "modf", m_modf, 0, "Return the fractional and integer parts of x." },
    { "frexp", m_frexp, 0, "Return the mantissa and exponent of x, as pair (m, e)." },
    { "ldexp", m_ldexp, 0, "Return x * (2**i)." },
    { "fsum", m_fsum, 0, "Return an accurate floating point sum of values in the iterable seq." },
    { "factorial", m_factorial, 0, "Find n!." },
    { "gcd", m_gcd, 0, "Greatest Common Divisor." },
    { "lcm", m_lcm, 0, "Least Common Multiple." },
    { "isqrt", m_isqrt, 0, "Return the integer part of the square root of the input." },
    { "comb", m_comb, 0, "Number of ways to choose k items from n items without repetition and without order." },
    { "perm", m_perm, 0, "Number of ways to choose k items from n items without repetition and with order." },
    { "prod", m_prod, 0, "Calculate the product of all the elements in the input iterable." },
    { "dist", m_dist, 0, "Return the Euclidean distance between two points p and q." },
#define UNARY_ROW(NAME, FN, OVF, DOC) { #NAME, m_##NAME, 0, DOC },
    UNARY_FUNCS(UNARY_ROW)
#undef UNARY_ROW
    { NULL, NULL, 0, NULL }
};

wk_obj *wk_mod_math_init(void) {
    wk_obj *m = wk_module_new("math");
    if (!m) return NULL;
    bool ok = wk_module_add_funcs(m, math_funcs);
    ok = ok && wk_module_add(m, "pi", wk_float(M_PI)) && wk_module_add(m, "e", wk_float(M_E))
         && wk_module_add(m, "tau", wk_float(2 * M_PI)) && wk_module_add(m, "inf", wk_float(INFINITY))
         && wk_module_add(m, "nan", wk_float(NAN));
    if (!ok) { wk_obj_decref(m); return NULL; }
    return m;
}

