/* number.c — int (64-bit, OverflowError instead of wrapping), float, bool and NoneType:
 * arithmetic with Python semantics, exact mixed comparisons, constructors, methods. */
#include "objimpl.h"
#include "containers.h"
#include "numfmt.h"
#include <math.h>
#include <string.h>

/* Instances of user subclasses of int / float carry their value here. */
typedef struct { wk_obj ob; int64_t v; } wk_intobj;
typedef struct { wk_obj ob; double v; } wk_floatobj;

bool wk_num_int_value(wk_value v, int64_t *out) {
    if (v.tag == WK_INT || v.tag == WK_BOOL) { *out = v.u.i; return true; }
    if (v.tag == WK_OBJ && v.u.o->type != &wk_type_int && wk_isinstance_t(v, &wk_type_int)) {
        *out = ((wk_intobj *)v.u.o)->v;
        return true;
    }
    return false;
}

bool wk_num_float_value(wk_value v, double *out) {
    if (v.tag == WK_FLOAT) { *out = v.u.f; return true; }
    if (v.tag == WK_OBJ && v.u.o->type != &wk_type_float && wk_isinstance_t(v, &wk_type_float)) {
        *out = ((wk_floatobj *)v.u.o)->v;
        return true;
    }
    return false;
}

wk_value wk_int_overflow(void) {
    return wk_raise(wk_exc_OverflowError, "integer overflow: wick ints are 64-bit");
}

typedef struct { bool isf; int64_t i; double f; } num;

static bool to_num(wk_value v, num *n) {
    n->isf = false;
    if (v.tag == WK_INT || v.tag == WK_BOOL) { n->i = v.u.i; return true; }
    if (v.tag == WK_FLOAT) { n->isf = true; n->f = v.u.f; return true; }
    if (v.tag != WK_OBJ) return false;
    if (wk_num_int_value(v, &n->i)) return true;
    n->isf = true;
    return wk_num_float_value(v, &n->f);
}

static double num_f(const num *n) { return n->isf ? n->f : (double)n->i; }

/* ---------------------------------------------------------------- arithmetic */

static double int_truediv(int64_t a, int64_t b) {
    const int64_t lim = (int64_t)1 << 53;
    if (a > -lim && a < lim && b > -lim && b < lim) return (double)a / (double)b;
    return (double)((long double)a / (long double)b);
}

static wk_value zerodiv(const char *msg) { return wk_raise(wk_exc_ZeroDivisionError, "%s", msg); }

static wk_value int_pow(int64_t a, int64_t b) {
    int64_t r;
    if (b < 0) {
        if (a == 0) return zerodiv("0.0 cannot be raised to a negative power");
        return wk_float(pow((double)a, (double)b));
    }
    return wk_int_pow(a, b, &r) ? wk_int(r) : wk_int_overflow();
}

static wk_value int_arith(int op, int64_t a, int64_t b, bool both_bool) {
    int64_t r;
    bool ok = true;
    switch (op) {
    case WK_NB_ADD: ok = wk_int_add(a, b, &r); break;
    case WK_NB_SUB: ok = wk_int_sub(a, b, &r); break;
    case WK_NB_MUL: ok = wk_int_mul(a, b, &r); break;
    case WK_NB_TRUEDIV: return b == 0 ? zerodiv("division by zero") : wk_float(int_truediv(a, b));
    case WK_NB_FLOORDIV:
        if (b == 0) return zerodiv("integer division or modulo by zero");
        ok = wk_int_floordiv(a, b, &r);
        break;
    case WK_NB_MOD:
        if (b == 0) return zerodiv("integer modulo by zero");
        r = wk_int_mod(a, b);
        break;
    case WK_NB_POW: return int_pow(a, b);
    case WK_NB_LSHIFT: case WK_NB_RSHIFT:
        if (b < 0) return wk_raise(wk_exc_ValueError, "negative shift count");
        if (op == WK_NB_RSHIFT) return wk_int(wk_int_rshift(a, b));
        ok = wk_int_lshift(a, b, &r);
        break;
    case WK_NB_AND: r = a & b; return both_bool ? wk_bool(r) : wk_int(r);
    case WK_NB_OR: r = a | b; return both_bool ? wk_bool(r) : wk_int(r);
    case WK_NB_XOR: r = a ^ b; return both_bool ? wk_bool(r) : wk_int(r);
    default: return wk_notimplemented();
    }
    return ok ? wk_int(r) : wk_int_overflow();
}

static wk_value float_pow(double x, double y) {
    if (x == 0.0 && y < 0.0) return zerodiv("0.0 cannot be raised to a negative power");
    if (x < 0.0 && isfinite(x) && isfinite(y) && y != floor(y))
        return wk_raise(wk_exc_ValueError, "negative number cannot be raised to a fractional power");
    double r = pow(x, y);
    if (isinf(r) && isfinite(x) && isfinite(y))
        return wk_raise(wk_exc_OverflowError, "(34, 'Numerical result out of range')");
    return wk_float(r);
}

static wk_value float_arith(int op, double a, double b) {
    switch (op) {
    case WK_NB_ADD: return wk_float(a + b);
    case WK_NB_SUB: return wk_float(a - b);
    case WK_NB_MUL: return wk_float(a * b);
    case WK_NB_TRUEDIV: return b == 0.0 ? zerodiv("float division by zero") : wk_float(a / b);
    case WK_NB_FLOORDIV:
        return b == 0.0 ? zerodiv("float floor division by zero") : wk_float(wk_float_floordiv(a, b));
    case WK_NB_MOD: return b == 0.0 ? zerodiv("float modulo") : wk_float(wk_float_mod(a, b));
    case WK_NB_POW: return float_pow(a, b);
    default: return wk_notimplemented();
    }
}

wk_value wk_num_binop(int op, wk_value a, wk_value b) {
    if (a.tag == WK_INT && b.tag == WK_INT) return int_arith(op, a.u.i, b.u.i, false);
    num x, y;
    if (!to_num(a, &x) || !to_num(b, &y)) return wk_notimplemented();
    if (!x.isf && !y.isf) return int_arith(op, x.i, y.i, a.tag == WK_BOOL && b.tag == WK_BOOL);
    return float_arith(op, num_f(&x), num_f(&y));
}

#define OPS13(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12)
/* int's slots handle int pairs only (int.__add__(1, 1.5) is NotImplemented); float's
 * handle every pair of numbers with at least one float. */
static wk_value int_binop(int op, wk_value a, wk_value b) {
    int64_t x, y;
    if (!wk_num_int_value(a, &x) || !wk_num_int_value(b, &y)) return wk_notimplemented();
    return int_arith(op, x, y, a.tag == WK_BOOL && b.tag == WK_BOOL);
}
#define NUM_THUNK(i) \
    static wk_value int_##i(wk_value a, wk_value b) { return int_binop(i, a, b); } \
    static wk_value flt_##i(wk_value a, wk_value b) { return wk_num_binop(i, a, b); }
OPS13(NUM_THUNK)
#define INT_PTR(i) int_##i,
#define FLT_PTR(i) flt_##i,
static wk_value (*const int_thunks[WK_NB_COUNT])(wk_value, wk_value) = { OPS13(INT_PTR) };
static wk_value (*const flt_thunks[WK_NB_COUNT])(wk_value, wk_value) = { OPS13(FLT_PTR) };

/* ---------------------------------------------------------------- comparison */

/* Exact comparison of an int with a double: -1, 0, 1, or 2 when d is NaN. */
static int cmp_int_double(int64_t i, double d) {
    if (isnan(d)) return 2;
    if (d >= 9223372036854775808.0) return -1;
    if (d < -9223372036854775808.0) return 1;
    int64_t t = (int64_t)d;   /* truncation, exact in range */
    if (i != t) return i < t ? -1 : 1;
    double frac = d - (double)t;
    return frac > 0 ? -1 : frac < 0 ? 1 : 0;
}

static wk_value cmp_result(int c, wk_cmp_op op) {
    if (c == 2) return wk_bool(op == WK_NE);
    switch (op) {
    case WK_LT: return wk_bool(c < 0);
    case WK_LE: return wk_bool(c <= 0);
    case WK_EQ: return wk_bool(c == 0);
    case WK_NE: return wk_bool(c != 0);
    case WK_GT: return wk_bool(c > 0);
    default: return wk_bool(c >= 0);
    }
}

static wk_value num_richcmp(wk_value a, wk_value b, wk_cmp_op op) {
    num x, y;
    if (!to_num(a, &x) || !to_num(b, &y)) return wk_notimplemented();
    int c;
    if (!x.isf && !y.isf) c = x.i < y.i ? -1 : x.i > y.i;
    else if (x.isf && y.isf) c = isnan(x.f) || isnan(y.f) ? 2 : x.f < y.f ? -1 : x.f > y.f;
    else if (x.isf) { c = cmp_int_double(y.i, x.f); c = c == 2 ? 2 : -c; }
    else c = cmp_int_double(x.i, y.f);
    return cmp_result(c, op);
}

static bool num_hash(wk_value v, int64_t *out) {
    num x;
    if (!to_num(v, &x)) return wk_object_hash(v, out);
    *out = x.isf ? wk_float_hash(x.f) : wk_int_hash(x.i);
    return true;
}

static int num_truth(wk_value v) {
    num x;
    if (!to_num(v, &x)) return 1;
    return x.isf ? x.f != 0.0 : x.i != 0;
}

/* ---------------------------------------------------------------- unary */

static int64_t ival(wk_value v) { int64_t i = 0; wk_num_int_value(v, &i); return i; }
static double fval(wk_value v) { double f = 0; wk_num_float_value(v, &f); return f; }

static wk_value int_neg(wk_value v) {
    int64_t r;
    return wk_int_neg(ival(v), &r) ? wk_int(r) : wk_int_overflow();
}
static wk_value int_pos(wk_value v) { return wk_int(ival(v)); }
static wk_value int_invert(wk_value v) { return wk_int(~ival(v)); }
static wk_value int_abs(wk_value v) { int64_t i = ival(v); return i < 0 ? int_neg(v) : wk_int(i); }
static wk_value int_float(wk_value v) { return wk_float((double)ival(v)); }

static wk_value float_to_int_value(double x) {
    int64_t r;
    int kind;
    if (wk_float_to_int64(x, &r, &kind)) return wk_int(r);
    if (kind == 1) return wk_raise(wk_exc_ValueError, "cannot convert float NaN to integer");
    if (kind == 2) return wk_raise(wk_exc_OverflowError, "cannot convert float infinity to integer");
    return wk_int_overflow();
}

static wk_value float_neg(wk_value v) { return wk_float(-fval(v)); }
static wk_value float_pos(wk_value v) { return wk_float(fval(v)); }
static wk_value float_abs(wk_value v) { return wk_float(fabs(fval(v))); }
static wk_value float_int(wk_value v) { return float_to_int_value(fval(v)); }

/* ---------------------------------------------------------------- text */

static wk_value int_repr(wk_value v) {
    if (v.tag == WK_BOOL) return wk_str_from_c(v.u.i ? "True" : "False");
    return wk_str_fromf("%lld", (long long)ival(v));
}

static wk_value float_repr(wk_value v) {
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_fmt_float_repr(&sb, fval(v));
    return wk_str_from_sbuf(&sb);
}

static wk_value fmt_result(wk_sbuf *sb, bool ok, const char *err) {
    if (ok) return wk_str_from_sbuf(sb);
    wk_sbuf_free(sb);
    return wk_raise(wk_fmt_err_is_overflow(err) ? wk_exc_OverflowError : wk_exc_ValueError, "%s", err);
}

static wk_value num_format(wk_value v, wk_value spec) {
    if (!wk_is_str(spec))
        return wk_raise(wk_exc_TypeError, "format() argument 2 must be str, not %s", wk_typename(spec));
    wk_strobj *s = WK_STR(spec.u.o);
    if (s->len == 0) return wk_str(v);
    wk_sbuf sb;
    char err[256] = "";
    wk_sbuf_init(&sb);
    num x;
    to_num(v, &x);
    bool ok = x.isf ? wk_fmt_float(&sb, x.f, s->data, (size_t)s->len, err, sizeof err)
                    : wk_fmt_int_named(&sb, x.i, wk_typename(v), s->data, (size_t)s->len, err, sizeof err);
    return fmt_result(&sb, ok, err);
}

/* ---------------------------------------------------------------- constructors */

static wk_value box_int(wk_type *t, int64_t v) {
    if (t == &wk_type_int) return wk_int(v);
    wk_intobj *o = (wk_intobj *)wk_obj_alloc(t);
    if (!o) return WK_NULLV;
    o->v = v;
    return wk_objv(&o->ob);
}

static wk_value box_float(wk_type *t, double v) {
    if (t == &wk_type_float) return wk_float(v);
    wk_floatobj *o = (wk_floatobj *)wk_obj_alloc(t);
    if (!o) return WK_NULLV;
    o->v = v;
    return wk_objv(&o->ob);
}

static bool text_of(wk_value v, const char **s, size_t *n) {
    if (wk_isinstance_t(v, &wk_type_str)) {
        *s = WK_STR(v.u.o)->data;
        *n = (size_t)WK_STR(v.u.o)->len;
        return true;
    }
    if (wk_isinstance_t(v, &wk_type_bytes)) {
        *s = (const char *)((wk_bytes *)v.u.o)->data;
        *n = (size_t)((wk_bytes *)v.u.o)->len;
        return true;
    }
    return false;
}

wk_value wk_int_from_text(const char *s, size_t n, int base, wk_value orig) {
    int64_t r;
    int kind;
    (void)orig;
    if (wk_parse_int(s, n, base, &r, &kind)) return wk_int(r);
    if (kind == WK_PARSE_OVERFLOW) return wk_int_overflow();
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_fmt_int_literal_error(&sb, s, n, base);
    wk_value msg = wk_str_from_sbuf(&sb);
    if (!WK_IS_NULL(msg)) { wk_raise_value(wk_exc_ValueError, msg); wk_decref(msg); }
    return WK_NULLV;
}

/* int(x) without a base: numbers, text, __int__, __index__, __trunc__. */
static wk_value int_of(wk_value x) {
    const char *s;
    size_t n;
    int64_t i;
    if (wk_num_int_value(x, &i)) return wk_int(i);
    if (text_of(x, &s, &n)) return wk_int_from_text(s, n, 10, x);
    wk_type *t = wk_typeof(x);
    wk_value r;
    if (t->un[WK_UN_INT]) r = t->un[WK_UN_INT](x);
    else if (t->un[WK_UN_INDEX]) r = t->un[WK_UN_INDEX](x);
    else if (!WK_IS_NULL(wk_type_lookup(t, wk_dunder(WK_DN_trunc)))) r = wk_call_method(x, wk_dunder(WK_DN_trunc), NULL, 0, NULL);
    else return wk_raise(wk_exc_TypeError, "int() argument must be a string, a bytes-like object or a real number, not '%s'", t->name);
    if (WK_IS_NULL(r) || r.tag == WK_INT) return r;
    bool ok = wk_num_int_value(r, &i);
    if (!ok) wk_raise(wk_exc_TypeError, "__int__ returned non-int (type %s)", wk_typename(r));
    wk_decref(r);
    return ok ? wk_int(i) : WK_NULLV;
}

static wk_value int_new(wk_type *t, const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    if (!wk_args_parse("int", args, nargs, kw, "|x / base", a)) return WK_NULLV;
    wk_value r;
    if (WK_IS_NULL(a[1])) {
        r = WK_IS_NULL(a[0]) ? wk_int(0) : int_of(a[0]);
    } else {
        int64_t base;
        const char *s;
        size_t n;
        if (!wk_as_index(a[1], &base)) return WK_NULLV;
        if (base != 0 && (base < 2 || base > 36))
            return wk_raise(wk_exc_ValueError, "int() base must be >= 2 and <= 36, or 0");
        if (WK_IS_NULL(a[0]) || !text_of(a[0], &s, &n))
            return wk_raise(wk_exc_TypeError, WK_IS_NULL(a[0]) ? "int() missing string argument"
                                                               : "int() can't convert non-string with explicit base");
        r = wk_int_from_text(s, n, (int)base, a[0]);
    }
    if (WK_IS_NULL(r) || t == &wk_type_int) return r;
    return box_int(t, r.u.i);
}

static wk_value float_of(wk_value x) {
    const char *s;
    size_t n;
    double d;
    int64_t i;
    if (wk_num_float_value(x, &d)) return wk_float(d);
    if (text_of(x, &s, &n)) {
        if (wk_parse_float(s, n, &d)) return wk_float(d);
        wk_sbuf sb;
        wk_sbuf_init(&sb);
        wk_fmt_float_literal_error(&sb, s, n);
        wk_value msg = wk_str_from_sbuf(&sb);
        if (!WK_IS_NULL(msg)) { wk_raise_value(wk_exc_ValueError, msg); wk_decref(msg); }
        return WK_NULLV;
    }
    if (wk_num_int_value(x, &i)) return wk_float((double)i);
    wk_type *t = wk_typeof(x);
    if (!t->un[WK_UN_FLOAT] && !t->un[WK_UN_INDEX])
        return wk_raise(wk_exc_TypeError, "float() argument must be a string or a real number, not '%s'", t->name);
    return wk_as_double(x, &d) ? wk_float(d) : WK_NULLV;
}

static wk_value float_new(wk_type *t, const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_args("float", nargs, kw, 0, 1)) return WK_NULLV;
    wk_value r = nargs ? float_of(args[0]) : wk_float(0.0);
    if (WK_IS_NULL(r) || t == &wk_type_float) return r;
    return box_float(t, r.u.f);
}

static wk_value bool_new(wk_type *t, const wk_value *args, int nargs, wk_obj *kw) {
    (void)t;
    if (!wk_check_args("bool", nargs, kw, 0, 1)) return WK_NULLV;
    if (!nargs) return WK_FALSEV;
    int r = wk_truthy(args[0]);
    return r < 0 ? WK_NULLV : wk_bool(r);
}

static wk_value none_new(wk_type *t, const wk_value *args, int nargs, wk_obj *kw) {
    (void)t; (void)args;
    if (nargs || kw) return wk_raise(wk_exc_TypeError, "NoneType takes no arguments");
    return WK_NONEV;
}

static wk_value none_repr(wk_value v) { (void)v; return wk_str_from_c("None"); }
static bool none_hash(wk_value v, int64_t *out) { (void)v; *out = 0xFCA86420; return true; }
static int none_truth(wk_value v) { (void)v; return 0; }

/* ---------------------------------------------------------------- methods */

#define SELF_ONLY(name) if (!wk_check_noargs(name, nargs - 1, kw)) return WK_NULLV

static wk_value int_bit_length(const wk_value *a, int nargs, wk_obj *kw) {
    SELF_ONLY("int.bit_length");
    return wk_int(wk_int_bit_length(ival(a[0])));
}
static wk_value int_self(const wk_value *a, int nargs, wk_obj *kw) {
    SELF_ONLY("int.conjugate");
    return wk_int(ival(a[0]));
}
static wk_value int_ratio(const wk_value *a, int nargs, wk_obj *kw) {
    SELF_ONLY("int.as_integer_ratio");
    return wk_objv(wk_tuple_pack(2, wk_int(ival(a[0])), wk_int(1)));
}
static wk_value int_round(const wk_value *a, int nargs, wk_obj *kw) {
    wk_value nd;
    int64_t d, r;
    if (!wk_args_parse("__round__", a + 1, nargs - 1, kw, "|ndigits /", &nd)) return WK_NULLV;
    if (WK_IS_NULL(nd) || WK_IS_NONE(nd)) return wk_int(ival(a[0]));
    if (!wk_as_index(nd, &d)) return WK_NULLV;
    return wk_int_round(ival(a[0]), d, &r) ? wk_int(r) : wk_int_overflow();
}

static wk_value float_is_integer(const wk_value *a, int nargs, wk_obj *kw) {
    SELF_ONLY("float.is_integer");
    return wk_bool(wk_float_is_integer(fval(a[0])));
}
static wk_value float_conj(const wk_value *a, int nargs, wk_obj *kw) {
    SELF_ONLY("float.conjugate");
    return wk_float(fval(a[0]));
}
static wk_value float_ratio(const wk_value *a, int nargs, wk_obj *kw) {
    SELF_ONLY("float.as_integer_ratio");
    double x = fval(a[0]);
    if (isinf(x)) return wk_raise(wk_exc_OverflowError, "cannot convert Infinity to integer ratio");
    if (isnan(x)) return wk_raise(wk_exc_ValueError, "cannot convert NaN to integer ratio");
    int e;
    double m = frexp(x, &e);
    for (int i = 0; i < 300 && m != floor(m); i++) { m *= 2.0; e--; }
    int64_t num = (int64_t)m, den = 1;
    if (e > 0 && !wk_int_lshift(num, e, &num)) return wk_int_overflow();
    if (e < 0 && (e < -62 || !wk_int_lshift(1, -e, &den))) return wk_int_overflow();
    return wk_objv(wk_tuple_pack(2, wk_int(num), wk_int(den)));
}
static wk_value float_trunc(const wk_value *a, int nargs, wk_obj *kw) {
    SELF_ONLY("float.__trunc__");
    return float_to_int_value(fval(a[0]));
}
static wk_value float_floor(const wk_value *a, int nargs, wk_obj *kw) {
    SELF_ONLY("float.__floor__");
    return float_to_int_value(floor(fval(a[0])));
}
static wk_value float_ceil(const wk_value *a, int nargs, wk_obj *kw) {
    SELF_ONLY("float.__ceil__");
    return float_to_int_value(ceil(fval(a[0])));
}
static wk_value float_round(const wk_value *a, int nargs, wk_obj *kw) {
    wk_value nd;
    int64_t d;
    double r;
    if (!wk_args_parse("__round__", a + 1, nargs - 1, kw, "|ndigits /", &nd)) return WK_NULLV;
    if (WK_IS_NULL(nd) || WK_IS_NONE(nd)) return float_to_int_value(wk_float_round_half_even(fval(a[0])));
    if (!wk_as_index(nd, &d)) return WK_NULLV;
    if (!wk_float_round(fval(a[0]), d, &r))
        return wk_raise(wk_exc_OverflowError, "rounded value too large to represent");
    return wk_float(r);
}

static const wk_methoddef int_methods[] = {
    { "bit_length", int_bit_length, 0, "Number of bits necessary to represent self in binary." },
    { "conjugate", int_self, 0, "Returns self, the complex conjugate of any int." },
    { "as_integer_ratio", int_ratio, 0, "Return integer ratio." },
    { "__trunc__", int_self, 0, "Truncating an Integral returns itself." },
    { "__floor__", int_self, 0, "Flooring an Integral returns itself." },
    { "__ceil__", int_self, 0, "Ceiling of an Integral returns itself." },
    { "__round__", int_round, 0, "Rounding an Integral returns itself." },
    { NULL, NULL, 0, NULL }
};
static const wk_methoddef float_methods[] = {
    { "is_integer", float_is_integer, 0, "Return True if the float is an integer." },
    { "conjugate", float_conj, 0, "Return self, the complex conjugate of any float." },
    { "as_integer_ratio", float_ratio, 0, "Return integer ratio." },
    { "__trunc__", float_trunc, 0, "Return the Integral closest to x between 0 and x." },
    { "__floor__", float_floor, 0, "Return the floor as an Integral." },
    { "__ceil__", float_ceil, 0, "Return the ceiling as an Integral." },
    { "__round__", float_round, 0, "Return the Integral closest to x, rounding half toward even." },
    { NULL, NULL, 0, NULL }
};

static wk_value get_int_self(wk_value s) { return wk_int(ival(s)); }
static wk_value get_zero(wk_value s) { (void)s; return wk_int(0); }
static wk_value get_one(wk_value s) { (void)s; return wk_int(1); }
static wk_value get_float_self(wk_value s) { return wk_float(fval(s)); }
static wk_value get_fzero(wk_value s) { (void)s; return wk_float(0.0); }
static const wk_getsetdef int_getsets[] = {
    { "real", get_int_self, NULL, "the real part of a complex number" },
    { "imag", get_zero, NULL, "the imaginary part of a complex number" },
    { "numerator", get_int_self, NULL, "the numerator of a rational number in lowest terms" },
    { "denominator", get_one, NULL, "the denominator of a rational number in lowest terms" },
    { NULL, NULL, NULL, NULL }
};
static const wk_getsetdef float_getsets[] = {
    { "real", get_float_self, NULL, "the real part of a complex number" },
    { "imag", get_fzero, NULL, "the imaginary part of a complex number" },
    { NULL, NULL, NULL, NULL }
};

/* ---------------------------------------------------------------- the types */

wk_type wk_type_int = {
    .ob = { WK_IMMORTAL, &wk_type_type }, .name = "int", .basicsize = sizeof(wk_intobj),
    .flags = WK_TPFLAG_BASETYPE,
    .doc = "int([x]) -> integer\nint(x, base=10) -> integer\n\nConvert a number or string to an "
           "integer, or return 0 if no arguments\nare given.  If x is a number, return "
           "x.__int__().  For floating point\nnumbers, this truncates towards zero.",
    .new = int_new, .repr = int_repr, .format = num_format, .richcmp = num_richcmp,
    .hash = num_hash, .truth = num_truth,
    .un = { int_neg, int_pos, int_invert, int_abs, int_pos, int_float, int_pos },
};
wk_type wk_type_bool = {
    .ob = { WK_IMMORTAL, &wk_type_type }, .name = "bool", .base = &wk_type_int,
    .doc = "bool(x) -> bool\n\nReturns True when the argument x is true, False otherwise.\n"
           "The builtins True and False are the only two instances of the class bool.\n"
           "The class bool is a subclass of the class int, and cannot be subclassed.",
    .new = bool_new, .repr = int_repr,
};
wk_type wk_type_float = {
    .ob = { WK_IMMORTAL, &wk_type_type }, .name = "float", .basicsize = sizeof(wk_floatobj),
    .flags = WK_TPFLAG_BASETYPE,
    .doc = "Convert a string or number to a floating point number, if possible.",
    .new = float_new, .repr = float_repr, .format = num_format, .richcmp = num_richcmp,
    .hash = num_hash, .truth = num_truth,
    .un = { float_neg, float_pos, NULL, float_abs, float_int, float_pos, NULL },
};
wk_type wk_type_none = {
    .ob = { WK_IMMORTAL, &wk_type_type }, .name = "NoneType", .basicsize = sizeof(wk_obj),
    .new = none_new, .repr = none_repr, .hash = none_hash, .truth = none_truth,
};

bool wk_number_types_init(void) {
    for (int i = 0; i < WK_NB_COUNT; i++) {
        wk_type_int.nb[i] = int_thunks[i];
        if (i != WK_NB_MATMUL && (i < WK_NB_LSHIFT || i == WK_NB_FLOORDIV))
            wk_type_float.nb[i] = flt_thunks[i];
    }
    return wk_type_add_methods(&wk_type_int, int_methods) &&
           wk_type_add_getsets(&wk_type_int, int_getsets) &&
           wk_type_add_methods(&wk_type_float, float_methods) &&
           wk_type_add_getsets(&wk_type_float, float_getsets) &&
           wk_type_ready(&wk_type_int) && wk_type_ready(&wk_type_bool) &&
           wk_type_ready(&wk_type_float) && wk_type_ready(&wk_type_none);
}
