/* builtins_num.c — numeric builtins: abs, round, divmod, pow, sum, min, max, hex, oct,
 * bin, chr, ord, format. */
#include "containers.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IS_INTV(v) ((v).tag == WK_INT || (v).tag == WK_BOOL)

static wk_value b_abs(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_o("abs", nargs, kw)) return WK_NULLV;
    return wk_unop(WK_UN_ABS, args[0]);
}

/* ---------------------------------------------------------------- round */

/* Rounds x to a multiple of 10**k (k > 0) half to even. */
static wk_value round_int(int64_t x, int64_t k) {
    if (k >= 19) return wk_int(0);
    int64_t m = 1;
    for (int64_t i = 0; i < k; i++) m *= 10;
    int64_t q = x / m, r = x % m;
    if (r < 0) { r += m; q -= 1; }
    if (2 * (uint64_t)r > (uint64_t)m || (2 * (uint64_t)r == (uint64_t)m && (q & 1))) q += 1;
    int64_t res;
    if (__builtin_mul_overflow(q, m, &res)) return wk_raise(wk_exc_OverflowError, "integer overflow: wick ints are 64-bit");
    return wk_int(res);
}

/* Correctly rounded round(x, nd) through the C library's exact decimal conversion. */
static double round_double(double x, int64_t nd) {
    char buf[400];
    if (!isfinite(x) || x == 0 || nd > 323) return x;
    if (nd >= 0) {
        snprintf(buf, sizeof buf, "%.*f", (int)nd, x);
        return strtod(buf, NULL);
    }
    if (nd < -308) return copysign(0.0, x);
    snprintf(buf, sizeof buf, "%.17e", x);
    int exp10 = atoi(strchr(buf, 'e') + 1);
    int64_t digits = exp10 + nd + 1;       /* significant digits kept */
    double unit = pow(10.0, (double)-nd);
    if (digits < 0) return copysign(0.0, x);
    if (digits == 0) return fabs(x) > unit / 2 ? copysign(unit, x) : copysign(0.0, x);
    snprintf(buf, sizeof buf, "%.*e", (int)digits - 1, x);
    return strtod(buf, NULL);
}

static wk_value round_to_int(double x) {
    if (isnan(x)) return wk_raise(wk_exc_ValueError, "cannot convert float NaN to integer");
    if (isinf(x)) return wk_raise(wk_exc_OverflowError, "cannot convert float infinity to integer");
    double r = nearbyint(x);      /* default rounding mode: half to even */
    if (r >= 9223372036854775808.0 || r < -9223372036854775808.0)
        return wk_raise(wk_exc_OverflowError, "integer overflow: wick ints are 64-bit");
    return wk_int((int64_t)r);
}

static wk_value b_round(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    int64_t nd = 0;
    if (!wk_args_parse("round", args, nargs, kw, "number|ndigits", a)) return WK_NULLV;
    bool has_nd = !WK_IS_NULL(a[1]) && !WK_IS_NONE(a[1]);
    if (has_nd && !wk_as_index(a[1], &nd)) return WK_NULLV;
    wk_value x = a[0];
    if (IS_INTV(x)) return !has_nd || nd >= 0 ? wk_int(x.u.i) : round_int(x.u.i, -nd);
    if (x.tag == WK_FLOAT) return has_nd ? wk_float(round_double(x.u.f, nd)) : round_to_int(x.u.f);
    if (WK_IS_NULL(wk_type_lookup(wk_typeof(x), wk_intern("__round__"))))
        return wk_raise(wk_exc_TypeError, "type %s doesn't define __round__ method", wk_typename(x));
    return wk_call_method_s(x, "__round__", has_nd ? &a[1] : NULL, has_nd ? 1 : 0);
}

/* ---------------------------------------------------------------- divmod, pow */

static wk_value float_divmod(double vx, double wx) {
    if (wx == 0.0) return wk_raise(wk_exc_ZeroDivisionError, "float divmod()");
    double mod = fmod(vx, wx), div = (vx - mod) / wx, fd;
    if (mod) {
        if ((wx < 0) != (mod < 0)) { mod += wx; div -= 1.0; }
    } else mod = copysign(0.0, wx);
    if (div) {
        fd = floor(div);
        if (div - fd > 0.5) fd += 1.0;
    } else fd = copysign(0.0, vx / wx);
    return wk_objv(wk_tuple_pack(2, wk_float(fd), wk_float(mod)));
}

static wk_value int_divmod(int64_t a, int64_t b) {
    if (b == 0) return wk_raise(wk_exc_ZeroDivisionError, "integer division or modulo by zero");
    if (a == INT64_MIN && b == -1) return wk_raise(wk_exc_OverflowError, "integer overflow");
    int64_t q = a / b, r = a % b;
    if (r && ((r < 0) != (b < 0))) { r += b; q -= 1; }
    return wk_objv(wk_tuple_pack(2, wk_int(q), wk_int(r)));
}

/* a.__divmod__(b) then b.__rdivmod__(a) for other types. */
static wk_value divmod_dunder(wk_value a, wk_value b) {
    static const char *names[2] = { "__divmod__", "__rdivmod__" };
    for (int i = 0; i < 2; i++) {
        wk_value self = i ? b : a, other = i ? a : b;
        if (WK_IS_NULL(wk_type_lookup(wk_typeof(self), wk_intern(names[i])))) continue;
        wk_value r = wk_call_method_s(self, names[i], &other, 1);
        if (!wk_is_notimplemented(r)) return r;
        wk_decref(r);
    }
    return wk_raise(wk_exc_TypeError, "unsupported operand type(s) for divmod(): '%s' and '%s'",
                    wk_typename(a), wk_typename(b));
}

static wk_value b_divmod(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_args("divmod", nargs, kw, 2, 2)) return WK_NULLV;
    wk_value a = args[0], b = args[1];
    if (IS_INTV(a) && IS_INTV(b)) return int_divmod(a.u.i, b.u.i);
    bool an = IS_INTV(a) || a.tag == WK_FLOAT, bn = IS_INTV(b) || b.tag == WK_FLOAT;
    if (an && bn) {
        double x = a.tag == WK_FLOAT ? a.u.f : (double)a.u.i, y = b.tag == WK_FLOAT ? b.u.f : (double)b.u.i;
        return float_divmod(x, y);
    }
    return divmod_dunder(a, b);
}

static int64_t mulmod(int64_t a, int64_t b, int64_t m) { return (int64_t)((__int128)a * b % m); }

/* Modular inverse of a (mod m > 0), or -1. */
static int64_t modinv(int64_t a, int64_t m) {
    int64_t g = m, x = 0, x1 = 1, a1 = a;
    while (a1) {
        int64_t q = g / a1, t = g - q * a1;
        g = a1; a1 = t;
        t = x - q * x1; x = x1; x1 = t;
    }
    if (g != 1) return -1;
    return x < 0 ? x + m : x;
}

static wk_value pow_mod(int64_t b, int64_t e, int64_t m) {
    if (m == 0) return wk_raise(wk_exc_ValueError, "pow() 3rd argument cannot be 0");
    bool neg = m < 0;
    if (neg) { if (m == INT64_MIN) return wk_raise(wk_exc_OverflowError, "integer overflow"); m = -m; }
    b %= m;
    if (b < 0) b += m;
    if (e < 0) {
        b = modinv(b, m);
        if (b < 0) return wk_raise(wk_exc_ValueError, "base is not invertible for the given modulus");
        e = e == INT64_MIN ? INT64_MAX : -e;   /* INT64_MIN: approximation */
    }
    int64_t r = 1 % m;
    for (; e; e >>= 1, b = mulmod(b, b, m))
        if (e & 1) r = mulmod(r, b, m);
    if (neg && r) r -= m;
    return wk_int(r);
}

static wk_value b_pow(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[3];
    if (!wk_args_parse("pow", args, nargs, kw, "base exp|mod", a)) return WK_NULLV;
    if (WK_IS_NULL(a[2]) || WK_IS_NONE(a[2])) return wk_binop(WK_NB_POW, a[0], a[1]);
    if (!IS_INTV(a[0]) || !IS_INTV(a[1]) || !IS_INTV(a[2]))
        return wk_raise(wk_exc_TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
    return pow_mod(a[0].u.i, a[1].u.i, a[2].u.i);
}

/* ---------------------------------------------------------------- sum */

/* Adds x into *acc, staying native for ints and floats. */
static bool sum_add(wk_value *acc, wk_value x) {
    int64_t r;
    if (acc->tag == WK_INT && IS_INTV(x) && !__builtin_add_overflow(acc->u.i, x.u.i, &r)) {
        acc->u.i = r;
        return true;
    }
    if (acc->tag == WK_FLOAT && (x.tag == WK_FLOAT || IS_INTV(x))) {
        acc->u.f += x.tag == WK_FLOAT ? x.u.f : (double)x.u.i;
        return true;
    }
    wk_value n = wk_binop(WK_NB_ADD, *acc, x);
    if (WK_IS_NULL(n)) return false;
    wk_decref(*acc);
    *acc = n;
    return true;
}

static wk_value b_sum(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    if (nargs == 0 && wk_nkw(kw) == 0)
        return wk_raise(wk_exc_TypeError, "sum() takes at least 1 positional argument (0 given)");
    if (!wk_args_parse("sum", args, nargs, kw, "iterable /|start", a)) return WK_NULLV;
    wk_value acc = WK_IS_NULL(a[1]) ? wk_int(0) : a[1];
    if (acc.tag == WK_BOOL) acc = wk_int(acc.u.i);
    if (wk_is_str(acc)) return wk_raise(wk_exc_TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
    if (acc.tag == WK_OBJ && acc.u.o->type == &wk_type_bytes)
        return wk_raise(wk_exc_TypeError, "sum() can't sum bytes [use b''.join(seq) instead]");
    wk_value it = wk_iter(a[0]);
    if (WK_IS_NULL(it)) return it;
    wk_incref(acc);
    for (wk_value x; !WK_IS_NULL(x = wk_next(it));) {
        bool ok = sum_add(&acc, x);
        wk_decref(x);
        if (!ok) { wk_decref(acc); wk_decref(it); return WK_NULLV; }
    }
    wk_decref(it);
    if (wk_err_occurred()) { wk_decref(acc); return WK_NULLV; }
    return acc;
}

/* ---------------------------------------------------------------- min, max */

static wk_value min_max(const wk_value *args, int nargs, wk_obj *kw, const char *name, wk_cmp_op op) {
    wk_value key = WK_NULLV, dflt = WK_NULLV;
    for (int i = 0; i < wk_nkw(kw); i++) {
        const char *k = wk_str_cstr(WK_TUPLE(kw)->items[i]);
        if (!strcmp(k, "key")) key = args[nargs + i];
        else if (!strcmp(k, "default")) dflt = args[nargs + i];
        else return wk_raise(wk_exc_TypeError, "'%s' is an invalid keyword argument for %s()", k, name);
    }
    if (nargs == 0) return wk_raise(wk_exc_TypeError, "%s expected at least 1 argument, got 0", name);
    if (nargs > 1 && !WK_IS_NULL(dflt))
        return wk_raise(wk_exc_TypeError, "Cannot specify a default for %s() with multiple positional arguments", name);
    if (WK_IS_NONE(key)) key = WK_NULLV;
    wk_value seq = nargs == 1 ? wk_incref(args[0]) : wk_objv(wk_tuple_from_array(args, nargs));
    wk_value it = WK_IS_NULL(seq) ? seq : wk_iter(seq);
    wk_decref(seq);
    if (WK_IS_NULL(it)) return it;
    wk_value best = WK_NULLV, bestk = WK_NULLV;
    for (wk_value x; !WK_IS_NULL(x = wk_next(it));) {
        wk_value k = WK_IS_NULL(key) ? wk_incref(x) : wk_call1(key, x);
        int better = WK_IS_NULL(k) ? -1 : WK_IS_NULL(best) ? 1 :
            (IS_INTV(k) && IS_INTV(bestk)) ? (op == WK_GT ? k.u.i > bestk.u.i : k.u.i < bestk.u.i) :
            wk_richcmp_bool(k, bestk, op);
        if (better > 0) { wk_decref(best); wk_decref(bestk); best = x; bestk = k; continue; }
        wk_decref(x); wk_decref(k);
        if (better < 0) { wk_decref(best); wk_decref(bestk); wk_decref(it); return WK_NULLV; }
    }
    wk_decref(it);
    wk_decref(bestk);
    if (wk_err_occurred()) { wk_decref(best); return WK_NULLV; }
    if (!WK_IS_NULL(best)) return best;
    if (!WK_IS_NULL(dflt)) return wk_incref(dflt);
    return wk_raise(wk_exc_ValueError, "%s() arg is an empty sequence", name);
}

static wk_value b_min(const wk_value *args, int nargs, wk_obj *kw) { return min_max(args, nargs, kw, "min", WK_LT); }
static wk_value b_max(const wk_value *args, int nargs, wk_obj *kw) { return min_max(args, nargs, kw, "max", WK_GT); }

/* ---------------------------------------------------------------- hex, oct, bin */

static wk_value int_base(const wk_value *args, int nargs, wk_obj *kw, const char *name, int shift, char letter) {
    int64_t v;
    if (!wk_check_o(name, nargs, kw) || !wk_as_index(args[0], &v)) return WK_NULLV;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    char buf[80], *p = buf + sizeof buf;
    *--p = 0;
    do { *--p = "0123456789abcdef"[u & ((1u << shift) - 1)]; u >>= shift; } while (u);
    *--p = letter;
    *--p = '0';
    if (v < 0) *--p = '-';
    return wk_str_from_c(p);
}

static wk_value b_hex(const wk_value *args, int nargs, wk_obj *kw) { return int_base(args, nargs, kw, "hex", 4, 'x'); }
static wk_value b_oct(const wk_value *args, int nargs, wk_obj *kw) { return int_base(args, nargs, kw, "oct", 3, 'o'); }
static wk_value b_bin(const wk_value *args, int nargs, wk_obj *kw) { return int_base(args, nargs, kw, "bin", 1, 'b'); }

/* ---------------------------------------------------------------- chr, ord, format */

static wk_value b_chr(const wk_value *args, int nargs, wk_obj *kw) {
    int64_t c;
    if (!wk_check_o("chr", nargs, kw) || !wk_as_index(args[0], &c)) return WK_NULLV;
    if (c < 0 || c > 0x10ffff) return wk_raise(wk_exc_ValueError, "chr() arg not in range(0x110000)");
    char b[4];
    size_t n;
    if (c < 0x80) { b[0] = (char)c; n = 1; }
    else if (c < 0x800) { b[0] = (char)(0xc0 | (c >> 6)); b[1] = (char)(0x80 | (c & 0x3f)); n = 2; }
    else if (c < 0x10000) {
        b[0] = (char)(0xe0 | (c >> 12)); b[1] = (char)(0x80 | ((c >> 6) & 0x3f));
        b[2] = (char)(0x80 | (c & 0x3f)); n = 3;
    } else {
        b[0] = (char)(0xf0 | (c >> 18)); b[1] = (char)(0x80 | ((c >> 12) & 0x3f));
        b[2] = (char)(0x80 | ((c >> 6) & 0x3f)); b[3] = (char)(0x80 | (c & 0x3f)); n = 4;
    }
    return wk_str_new(b, n);
}

static wk_value b_ord(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_o("ord", nargs, kw)) return WK_NULLV;
    wk_value v = args[0];
    if (v.tag == WK_OBJ && v.u.o->type == &wk_type_bytes) {
        wk_bytes *b = (wk_bytes *)v.u.o;
        if (b->len == 1) return wk_int(b->data[0]);
        return wk_raise(wk_exc_TypeError, "ord() expected a character, but string of length %lld found", (long long)b->len);
    }
    if (!wk_is_str(v))
        return wk_raise(wk_exc_TypeError, "ord() expected string of length 1, but %s found", wk_typename(v));
    wk_strobj *s = WK_STR(v.u.o);
    if (s->nchars != 1)
        return wk_raise(wk_exc_TypeError, "ord() expected a character, but string of length %lld found", (long long)s->nchars);
    const unsigned char *p = (const unsigned char *)s->data;
    if (p[0] < 0x80) return wk_int(p[0]);
    int extra = p[0] >= 0xf0 ? 3 : p[0] >= 0xe0 ? 2 : 1;
    int64_t c = p[0] & (0x3f >> extra);
    for (int i = 1; i <= extra; i++) c = (c << 6) | (p[i] & 0x3f);
    return wk_int(c);
}

static wk_value b_format(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    if (!wk_args_parse("format", args, nargs, kw, "value|format_spec /", a)) return WK_NULLV;
    wk_value spec = a[1];
    if (WK_IS_NULL(spec)) {
        wk_value empty = wk_str_new("", 0);
        wk_value r = WK_IS_NULL(empty) ? empty : wk_format(a[0], empty);
        wk_decref(empty);
        return r;
    }
    if (!wk_is_str(spec))
        return wk_raise(wk_exc_TypeError, "format() argument 2 must be str, not %s", wk_typename(spec));
    return wk_format(a[0], spec);
}

const wk_methoddef wk_builtins_num[] = {
    { "abs", b_abs, 0, "Return the absolute value of the argument." },
    { "round", b_round, 0, "Round a number to a given precision in decimal digits.\n\nThe return value is an integer if ndigits is omitted or None.  Otherwise\nthe return value has the same type as the number.  ndigits may be negative." },
    { "divmod", b_divmod, 0, "Return the tuple (x//y, x%y).  Invariant: div*y + mod == x." },
    { "pow", b_pow, 0, "Equivalent to base**exp with 2 arguments or base**exp % mod with 3 arguments" },
    { "sum", b_sum, 0, "Return the sum of a 'start' value (default: 0) plus an iterable of numbers" },
    { "min", b_min, 0, "min(iterable, *[, default=obj, key=func]) -> value\nmin(arg1, arg2, *args, *[, key=func]) -> value" },
    { "max", b_max, 0, "max(iterable, *[, default=obj, key=func]) -> value\nmax(arg1, arg2, *args, *[, key=func]) -> value" },
    { "hex", b_hex, 0, "Return the hexadecimal representation of an integer." },
    { "oct", b_oct, 0, "Return the octal representation of an integer." },
    { "bin", b_bin, 0, "Return the binary representation of an integer." },
    { "chr", b_chr, 0, "Return a Unicode string of one character with ordinal i; 0 <= i <= 0x10ffff." },
    { "ord", b_ord, 0, "Return the Unicode code point for a one-character string." },
    { "format", b_format, 0, "Return value.__format__(format_spec)" },
    { NULL, NULL, 0, NULL }
};
