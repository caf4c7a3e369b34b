/* bind_ops.c — elementwise, comparison and linear-algebra ops as Tensor methods, torch functions and operators (table-driven). */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "bind.h"

#define SELF(args) wk_bind_t((args)[0])
#define PARSE(name, spec, out) wk_args_parse(name, args + 1, nargs - 1, kw, spec, out)

/* A tensor or Python number operand; false with TypeError otherwise. */
static bool operand(const char *f, const char *arg, wk_value v, wk_val *out) {
    if (wk_bind_is_tensor(v)) { *out = wk_vt(wk_bind_t(v)); return true; }
    wk_scalar s;
    if (wk_bind_is_number(v) && wk_bind_scalar(v, &s)) { *out = wk_vs(s); return true; }
    wk_raise(wk_exc_TypeError, "%s(): argument '%s' must be Tensor or Number, not %s", f, arg, wk_typename(v));
    return false;
}

static bool scalar_opt(const char *f, wk_value v, wk_scalar dflt, wk_scalar *out) {
    *out = dflt;
    if (WK_IS_NULL(v) || WK_IS_NONE(v)) return true;
    if (!wk_bind_is_number(v) && !wk_bind_is_tensor(v)) {
        wk_raise(wk_exc_TypeError, "%s(): argument must be Number, not %s", f, wk_typename(v));
        return false;
    }
    return wk_bind_scalar(v, out);
}

static wk_value done_inplace(const wk_value *args, bool ok) {
    if (!ok) return wk_bind_rt_raise();
    return wk_incref(args[0]);
}

/* ================================================================ binary ops */

enum { F_ALPHA = 1, F_ROUND = 2, F_TENSOR = 4 };  /* F_TENSOR: `other` must be a Tensor */

#define BINOPS(X) \
    X(add, WK_OP_ADD, F_ALPHA) X(sub, WK_OP_SUB, F_ALPHA) X(subtract, WK_OP_SUB, F_ALPHA) \
    X(mul, WK_OP_MUL, 0) X(multiply, WK_OP_MUL, 0) X(div, WK_OP_DIV, F_ROUND) \
    X(divide, WK_OP_DIV, F_ROUND) X(true_divide, WK_OP_DIV, 0) X(floor_divide, WK_OP_DIV_FLOOR, 0) \
    X(remainder, WK_OP_REMAINDER, 0) X(fmod, WK_OP_FMOD, 0) X(pow, WK_OP_POW, 0) \
    X(maximum, WK_OP_MAXIMUM, F_TENSOR) X(minimum, WK_OP_MINIMUM, F_TENSOR) X(atan2, WK_OP_ATAN2, F_TENSOR) \
    X(bitwise_and, WK_OP_BITAND, 0) X(bitwise_or, WK_OP_BITOR, 0) X(bitwise_xor, WK_OP_BITXOR, 0) \
    X(eq, WK_OP_EQ, 0) X(ne, WK_OP_NE, 0) X(lt, WK_OP_LT, 0) X(le, WK_OP_LE, 0) X(gt, WK_OP_GT, 0) \
    X(ge, WK_OP_GE, 0) X(greater, WK_OP_GT, 0) X(less, WK_OP_LT, 0) X(greater_equal, WK_OP_GE, 0) \
    X(less_equal, WK_OP_LE, 0) X(not_equal, WK_OP_NE, 0) \
    X(logical_and, WK_OP_LOGICAL_AND, F_TENSOR) X(logical_or, WK_OP_LOGICAL_OR, F_TENSOR) \
    X(logical_xor, WK_OP_LOGICAL_XOR, F_TENSOR)

typedef struct { const char *name; int op; int flags; } bindef;
#define X_DEF(n, op, fl) { #n, op, fl },
static const bindef g_bin[] = { BINOPS(X_DEF) };
#define X_ENUM(n, op, fl) B_##n,
enum { BINOPS(X_ENUM) B_COUNT };

static wk_value binary_call(const wk_value *args, int nargs, wk_obj *kw, int which, bool inplace) {
    const bindef *d = &g_bin[which];
    const char *spec = d->flags & F_ALPHA ? "other|$alpha" : d->flags & F_ROUND ? "other|$rounding_mode" : "other";
    wk_value a[2] = { WK_NULLV, WK_NULLV };
    wk_val other;
    if (!PARSE(d->name, spec, a)) return WK_NULLV;
    if ((d->flags & F_TENSOR) && !wk_bind_is_tensor(a[0]))
        return wk_raise(wk_exc_TypeError, "%s(): argument 'other' (position 2) must be Tensor, not %s", d->name,
                        wk_typename(a[0]));
    if (!operand(d->name, "other", a[0], &other)) return WK_NULLV;
    wk_tensor *t = SELF(args);
    if (d->flags & F_ALPHA) {
        wk_scalar alpha;
        if (!scalar_opt(d->name, a[1], wk_scalar_int(1), &alpha)) return WK_NULLV;
        bool add = d->op == WK_OP_ADD;
        if (inplace) return done_inplace(args, add ? wk_op_add_(t, other, alpha) : wk_op_sub_(t, other, alpha));
        return wk_bind_wrap(add ? wk_op_add(wk_vt(t), other, alpha) : wk_op_sub(wk_vt(t), other, alpha));
    }
    if (d->flags & F_ROUND) {
        const char *mode = NULL;
        if (!WK_IS_NULL(a[1]) && !WK_IS_NONE(a[1])) {
            if (!wk_is_str(a[1])) return wk_raise(wk_exc_TypeError, "div(): argument 'rounding_mode' must be str, not %s", wk_typename(a[1]));
            mode = wk_str_cstr(a[1]);
        }
        if (inplace) return done_inplace(args, wk_op_div_(t, other, mode));
        return wk_bind_wrap(wk_op_div(wk_vt(t), other, mode));
    }
    if (inplace) return done_inplace(args, wk_op_binary_(d->op, t, other));
    return wk_bind_wrap(wk_op_binary(d->op, wk_vt(t), other));
}

#define X_FN(n, op, fl) \
    static wk_value bin_##n(const wk_value *args, int nargs, wk_obj *kw) { return binary_call(args, nargs, kw, B_##n, false); } \
    static wk_value bin_##n##_(const wk_value *args, int nargs, wk_obj *kw) { return binary_call(args, nargs, kw, B_##n, true); }
BINOPS(X_FN)

/* ================================================================ unary ops */

#define UNOPS(X) \
    X(neg, WK_UOP_NEG) X(negative, WK_UOP_NEG) X(abs, WK_UOP_ABS) X(absolute, WK_UOP_ABS) \
    X(sign, WK_UOP_SIGN) X(sgn, WK_UOP_SIGN) X(square, WK_UOP_SQUARE) X(reciprocal, WK_UOP_RECIPROCAL) X(exp, WK_UOP_EXP) \
    X(exp2, WK_UOP_EXP2) X(expm1, WK_UOP_EXPM1) X(log, WK_UOP_LOG) X(log2, WK_UOP_LOG2) \
    X(log10, WK_UOP_LOG10) X(log1p, WK_UOP_LOG1P) X(sqrt, WK_UOP_SQRT) X(rsqrt, WK_UOP_RSQRT) \
    X(sin, WK_UOP_SIN) X(cos, WK_UOP_COS) X(tan, WK_UOP_TAN) X(asin, WK_UOP_ASIN) X(acos, WK_UOP_ACOS) \
    X(atan, WK_UOP_ATAN) X(sinh, WK_UOP_SINH) X(cosh, WK_UOP_COSH) X(tanh, WK_UOP_TANH) \
    X(sigmoid, WK_UOP_SIGMOID) X(relu, WK_UOP_RELU) X(erf, WK_UOP_ERF) X(floor, WK_UOP_FLOOR) \
    X(ceil, WK_UOP_CEIL) X(trunc, WK_UOP_TRUNC) X(fix, WK_UOP_TRUNC) X(frac, WK_UOP_FRAC) \
    X(logical_not, WK_UOP_LOGICAL_NOT) X(bitwise_not, WK_UOP_BITWISE_NOT) X(isnan, WK_UOP_ISNAN) \
    X(isinf, WK_UOP_ISINF) X(isfinite, WK_UOP_ISFINITE)

#define X_UENUM(n, op) U_##n,
enum { UNOPS(X_UENUM) U_COUNT };
#define X_UDEF(n, op) { #n, op },
static const struct { const char *name; wk_unary_op op; } g_un[] = { UNOPS(X_UDEF) };

static wk_value unary_call(const wk_value *args, int nargs, wk_obj *kw, int which, bool inplace) {
    if (!wk_args_none(g_un[which].name, nargs - 1, kw)) return WK_NULLV;
    if (inplace) return done_inplace(args, wk_op_unary_(g_un[which].op, SELF(args)));
    return wk_bind_wrap(wk_op_unary(g_un[which].op, SELF(args)));
}

#define X_UFN(n, op) \
    static wk_value un_##n(const wk_value *args, int nargs, wk_obj *kw) { return unary_call(args, nargs, kw, U_##n, false); } \
    static wk_value un_##n##_(const wk_value *args, int nargs, wk_obj *kw) { return unary_call(args, nargs, kw, U_##n, true); }
UNOPS(X_UFN)

/* round(decimals=0) */
static wk_value m_round(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    int64_t dec = 0;
    if (!PARSE("round", "|$decimals", a)) return WK_NULLV;
    if (!WK_IS_NULL(a[0]) && !wk_bind_int_arg("round", "decimals", a[0], &dec)) return WK_NULLV;
    return wk_bind_wrap(wk_op_round(SELF(args), dec));
}

static wk_value m_round_(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_none("round_", nargs - 1, kw)) return WK_NULLV;
    return done_inplace(args, wk_op_unary_(WK_UOP_ROUND, SELF(args)));
}

/* clamp(min=None, max=None) */
static wk_value clamp_call(const wk_value *args, int nargs, wk_obj *kw, const char *name, bool inplace) {
    wk_value a[2];
    wk_val lo, hi;
    if (!PARSE(name, "|min max", a)) return WK_NULLV;
    bool has_lo = !WK_IS_NULL(a[0]) && !WK_IS_NONE(a[0]), has_hi = !WK_IS_NULL(a[1]) && !WK_IS_NONE(a[1]);
    if ((has_lo && !operand(name, "min", a[0], &lo)) || (has_hi && !operand(name, "max", a[1], &hi))) return WK_NULLV;
    if (inplace) return done_inplace(args, wk_op_clamp_(SELF(args), has_lo ? &lo : NULL, has_hi ? &hi : NULL));
    return wk_bind_wrap(wk_op_clamp(SELF(args), has_lo ? &lo : NULL, has_hi ? &hi : NULL));
}
static wk_value m_clamp(const wk_value *args, int nargs, wk_obj *kw) { return clamp_call(args, nargs, kw, "clamp", false); }
static wk_value m_clamp_(const wk_value *args, int nargs, wk_obj *kw) { return clamp_call(args, nargs, kw, "clamp_", true); }
static wk_value m_clip(const wk_value *args, int nargs, wk_obj *kw) { return clamp_call(args, nargs, kw, "clip", false); }
static wk_value m_clip_(const wk_value *args, int nargs, wk_obj *kw) { return clamp_call(args, nargs, kw, "clip_", true); }
/* clamp_min(min) / clamp_max(max): clamp with one bound, except that a NaN bound gives NaN
 * everywhere (PyTorch's clamp_min/clamp_max fill the result; clamp(min=nan) does not) */
static wk_value clamp_one(const wk_value *args, int nargs, wk_obj *kw, const char *name, bool upper, bool inplace) {
    wk_value a[1];
    wk_val b;
    if (!PARSE(name, upper ? "max" : "min", a) || !operand(name, upper ? "max" : "min", a[0], &b)) return WK_NULLV;
    bool nan = !b.t && b.s.kind == WK_SCALAR_FLOAT && isnan(b.s.v.f);
    const wk_val *lo = upper && !nan ? NULL : &b, *hi = upper || nan ? &b : NULL;
    if (inplace) return done_inplace(args, wk_op_clamp_(SELF(args), lo, hi));
    return wk_bind_wrap(wk_op_clamp(SELF(args), lo, hi));
}
static wk_value m_clamp_min(const wk_value *args, int nargs, wk_obj *kw) { return clamp_one(args, nargs, kw, "clamp_min", false, false); }
static wk_value m_clamp_min_(const wk_value *args, int nargs, wk_obj *kw) { return clamp_one(args, nargs, kw, "clamp_min_", false, true); }
static wk_value m_clamp_max(const wk_value *args, int nargs, wk_obj *kw) { return clamp_one(args, nargs, kw, "clamp_max", true, false); }
static wk_value m_clamp_max_(const wk_value *args, int nargs, wk_obj *kw) { return clamp_one(args, nargs, kw, "clamp_max_", true, true); }

/* Activation-like ops with one float parameter. */
static wk_value param_call(const wk_value *args, int nargs, wk_obj *kw, const char *name, const char *spec,
                           double d0, double d1) {
    wk_value a[2] = { WK_NULLV, WK_NULLV };
    if (!PARSE(name, spec, a)) return WK_NULLV;
    double p[2] = { d0, d1 };
    for (int i = 0; i < 2; i++)
        if (!WK_IS_NULL(a[i]) && !wk_as_double(a[i], &p[i])) return WK_NULLV;
    wk_tensor *t = SELF(args);
    if (!strcmp(name, "leaky_relu")) return wk_bind_wrap(wk_op_leaky_relu(t, p[0]));
    if (!strcmp(name, "elu")) return wk_bind_wrap(wk_op_elu(t, p[0]));
    return wk_bind_wrap(wk_op_softplus(t, p[0], p[1]));
}
static wk_value m_leaky_relu(const wk_value *args, int nargs, wk_obj *kw) { return param_call(args, nargs, kw, "leaky_relu", "|negative_slope", 0.01, 0); }
static wk_value m_elu(const wk_value *args, int nargs, wk_obj *kw) { return param_call(args, nargs, kw, "elu", "|alpha", 1.0, 0); }
static wk_value m_softplus(const wk_value *args, int nargs, wk_obj *kw) { return param_call(args, nargs, kw, "softplus", "|beta threshold", 1.0, 20.0); }

static wk_value m_gelu(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!PARSE("gelu", "|$approximate", a)) return WK_NULLV;
    return wk_bind_wrap(wk_op_unary(WK_UOP_GELU, SELF(args)));
}
static wk_value m_silu(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_none("silu", nargs - 1, kw)) return WK_NULLV;
    return wk_bind_wrap(wk_op_unary(WK_UOP_SILU, SELF(args)));
}

/* float_power(exponent): pow computed in float64; the in-place form needs a float64 self. */
static wk_value float_power_call(const wk_value *args, int nargs, wk_obj *kw, bool inplace) {
    const char *f = inplace ? "float_power_" : "float_power";
    wk_value a[1];
    wk_val e;
    if (!PARSE(f, "exponent", a) || !operand(f, "exponent", a[0], &e)) return WK_NULLV;
    wk_tensor *t = SELF(args);
    if (inplace && t->dtype != WK_DT_F64)
        return wk_raise(wk_exc_RuntimeError, "the base given to float_power_ has dtype %s but the operation's "
                        "result requires dtype Double", wk_dtype_scalar_name(t->dtype));
    if (!e.t) e = wk_vf(wk_scalar_to_f64(e.s));
    wk_tensor *ed = e.t ? wk_op_to_dtype(e.t, WK_DT_F64, false) : NULL;
    if (e.t && !ed) return wk_bind_rt_raise();
    if (ed) e = wk_vt(ed);
    wk_value r;
    if (inplace) r = done_inplace(args, wk_op_binary_(WK_OP_POW, t, e));
    else {
        wk_tensor *base = wk_op_to_dtype(t, WK_DT_F64, false);
        r = wk_bind_wrap(base ? wk_op_binary(WK_OP_POW, wk_vt(base), e) : NULL);
        wk_tensor_decref(base);
    }
    wk_tensor_decref(ed);
    return r;
}
static wk_value m_float_power(const wk_value *args, int nargs, wk_obj *kw) { return float_power_call(args, nargs, kw, false); }
static wk_value m_float_power_(const wk_value *args, int nargs, wk_obj *kw) { return float_power_call(args, nargs, kw, true); }

/* fmax / fmin: maximum / minimum that ignore a nan operand (nan only where both are nan). */
static wk_value fminmax_call(const wk_value *args, int nargs, wk_obj *kw, bool mx) {
    const char *f = mx ? "fmax" : "fmin";
    wk_value a[1];
    wk_tensor *o, *t = SELF(args);
    if (!PARSE(f, "other", a) || !wk_bind_tensor_arg(f, "other", 2, a[0], &o)) return WK_NULLV;
    wk_tensor *m = wk_op_binary(mx ? WK_OP_MAXIMUM : WK_OP_MINIMUM, wk_vt(t), wk_vt(o));
    wk_tensor *na = m ? wk_op_unary(WK_UOP_ISNAN, t) : NULL, *nb = na ? wk_op_unary(WK_UOP_ISNAN, o) : NULL;
    wk_tensor *keep_a = nb ? wk_op_where(nb, wk_vt(t), wk_vt(m)) : NULL;
    wk_tensor *r = keep_a ? wk_op_where(na, wk_vt(o), wk_vt(keep_a)) : NULL;
    wk_tensor_decref(m); wk_tensor_decref(na); wk_tensor_decref(nb); wk_tensor_decref(keep_a);
    return wk_bind_wrap(r);
}
static wk_value m_fmax(const wk_value *args, int nargs, wk_obj *kw) { return fminmax_call(args, nargs, kw, true); }
static wk_value m_fmin(const wk_value *args, int nargs, wk_obj *kw) { return fminmax_call(args, nargs, kw, false); }

/* isposinf / isneginf: x == +inf / -inf (always false for integer and bool tensors). */
static wk_value inf_test(const wk_value *args, int nargs, wk_obj *kw, const char *f, double inf) {
    if (!wk_args_none(f, nargs - 1, kw)) return WK_NULLV;
    return wk_bind_wrap(wk_op_binary(WK_OP_EQ, wk_vt(SELF(args)), wk_vf(inf)));
}
static wk_value m_isposinf(const wk_value *args, int nargs, wk_obj *kw) { return inf_test(args, nargs, kw, "isposinf", INFINITY); }
static wk_value m_isneginf(const wk_value *args, int nargs, wk_obj *kw) { return inf_test(args, nargs, kw, "isneginf", -INFINITY); }

static double dtype_max(wk_dtype dt) {
    switch (dt) {
    case WK_DT_F16: return 65504.0;
    case WK_DT_BF16: return 3.3895313892515355e38;
    case WK_DT_F32: return FLT_MAX;
    default: return DBL_MAX;
    }
}

/* nan_to_num(nan=0.0, posinf=None, neginf=None): infinities default to the dtype's extremes. */
static wk_value nan_to_num_call(const wk_value *args, int nargs, wk_obj *kw, bool inplace) {
    const char *f = inplace ? "nan_to_num_" : "nan_to_num";
    wk_value a[3];
    wk_tensor *t = SELF(args);
    if (!PARSE(f, "|nan posinf neginf", a)) return WK_NULLV;
    double v[3] = { 0, dtype_max(t->dtype), -dtype_max(t->dtype) };
    for (int i = 0; i < 3; i++)
        if (!WK_IS_NULL(a[i]) && !WK_IS_NONE(a[i]) && !wk_as_double(a[i], &v[i])) return WK_NULLV;
    if (!wk_dtype_is_float(t->dtype)) return inplace ? wk_incref(args[0]) : wk_bind_wrap(wk_op_clone(t));
    wk_tensor *m[3] = { wk_op_unary(WK_UOP_ISNAN, t), wk_op_binary(WK_OP_EQ, wk_vt(t), wk_vf(INFINITY)),
                        wk_op_binary(WK_OP_EQ, wk_vt(t), wk_vf(-INFINITY)) };
    wk_tensor *r = wk_tensor_incref(t);
    for (int i = 0; i < 3 && r; i++) {
        wk_tensor *next = m[i] ? wk_op_where(m[i], wk_vf(v[i]), wk_vt(r)) : NULL;
        wk_tensor_decref(r);
        r = next;
    }
    for (int i = 0; i < 3; i++) wk_tensor_decref(m[i]);
    if (!inplace || !r) return wk_bind_wrap(r);
    bool ok = wk_op_copy_(t, r);
    wk_tensor_decref(r);
    return done_inplace(args, ok);
}
static wk_value m_nan_to_num(const wk_value *args, int nargs, wk_obj *kw) { return nan_to_num_call(args, nargs, kw, false); }
static wk_value m_nan_to_num_(const wk_value *args, int nargs, wk_obj *kw) { return nan_to_num_call(args, nargs, kw, true); }

/* triu_ / tril_(diagonal=0): the out-of-place result copied back into self. */
static wk_value tri_inplace(const wk_value *args, int nargs, wk_obj *kw, bool upper) {
    const char *f = upper ? "triu_" : "tril_";
    wk_value a[1];
    int64_t diag = 0;
    if (!PARSE(f, "|diagonal", a) || (!WK_IS_NULL(a[0]) && !wk_bind_int_arg(f, "diagonal", a[0], &diag))) return WK_NULLV;
    wk_tensor *r = upper ? wk_op_triu(SELF(args), diag) : wk_op_tril(SELF(args), diag);
    if (!r) return wk_bind_rt_raise();
    bool ok = wk_op_copy_(SELF(args), r);
    wk_tensor_decref(r);
    return done_inplace(args, ok);
}
static wk_value m_triu_(const wk_value *args, int nargs, wk_obj *kw) { return tri_inplace(args, nargs, kw, true); }
static wk_value m_tril_(const wk_value *args, int nargs, wk_obj *kw) { return tri_inplace(args, nargs, kw, false); }

/* ================================================================ ternary, fills, masks */

/* input.where(condition, other) */
static wk_value m_where(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    wk_tensor *cond;
    wk_val y;
    if (!PARSE("where", "condition other", a) || !wk_bind_tensor_arg("where", "condition", 1, a[0], &cond) ||
        !operand("where", "other", a[1], &y))
        return WK_NULLV;
    return wk_bind_wrap(wk_op_where(cond, wk_vt(SELF(args)), y));
}

/* torch.where(condition, input, other) / torch.where(condition) */
static wk_value f_where(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[3];
    wk_tensor *c;
    if (!wk_args_parse("where", args, nargs, kw, "condition|input other", a) ||
        !wk_bind_tensor_arg("where", "condition", 1, a[0], &c))
        return WK_NULLV;
    if (WK_IS_NULL(a[1])) {
        wk_tensor *nz = wk_op_nonzero(c);
        if (!nz) return wk_bind_rt_raise();
        wk_tensor *cols[WK_MAX_DIMS];
        int n = nz->shape[1] > 0 ? (int)nz->shape[1] : 0;
        for (int i = 0; i < n; i++) cols[i] = wk_op_select(nz, 1, i);
        wk_tensor_decref(nz);
        return wk_bind_tuple_of(cols, n);
    }
    wk_val x, y;
    if (!operand("where", "input", a[1], &x) || (!WK_IS_NULL(a[2]) && !operand("where", "other", a[2], &y)))
        return WK_NULLV;
    if (WK_IS_NULL(a[2])) return wk_raise(wk_exc_TypeError, "where() missing required argument 'other'");
    return wk_bind_wrap(wk_op_where(c, x, y));
}

static wk_value m_lerp(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    wk_tensor *end;
    wk_val w;
    if (!PARSE("lerp", "end weight", a) || !wk_bind_tensor_arg("lerp", "end", 2, a[0], &end) ||
        !operand("lerp", "weight", a[1], &w))
        return WK_NULLV;
    return wk_bind_wrap(wk_op_lerp(SELF(args), end, w));
}

static wk_value masked_fill_call(const wk_value *args, int nargs, wk_obj *kw, bool inplace) {
    const char *f = inplace ? "masked_fill_" : "masked_fill";
    wk_value a[2];
    wk_tensor *mask;
    wk_val v;
    if (!PARSE(f, "mask value", a) || !wk_bind_tensor_arg(f, "mask", 1, a[0], &mask) || !operand(f, "value", a[1], &v))
        return WK_NULLV;
    if (inplace) return done_inplace(args, wk_op_masked_fill_(SELF(args), mask, v));
    return wk_bind_wrap(wk_op_masked_fill(SELF(args), mask, v));
}
static wk_value m_masked_fill(const wk_value *args, int nargs, wk_obj *kw) { return masked_fill_call(args, nargs, kw, false); }
static wk_value m_masked_fill_(const wk_value *args, int nargs, wk_obj *kw) { return masked_fill_call(args, nargs, kw, true); }

static wk_value m_fill_(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    wk_val v;
    if (!PARSE("fill_", "value", a) || !operand("fill_", "value", a[0], &v)) return WK_NULLV;
    return done_inplace(args, wk_op_fill_(SELF(args), v));
}

static wk_value m_zero_(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_none("zero_", nargs - 1, kw)) return WK_NULLV;
    return done_inplace(args, wk_op_zero_(SELF(args)));
}

static wk_value m_copy_(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    wk_tensor *src;
    if (!PARSE("copy_", "src|non_blocking", a) || !wk_bind_tensor_arg("copy_", "src", 1, a[0], &src)) return WK_NULLV;
    wk_tensor *t = SELF(args);
    int nd;
    int64_t bs[WK_MAX_DIMS];   /* copy_ broadcasts src against self like an in-place binary op */
    if (!wk_broadcast_shapes(t->ndim, t->shape, src->ndim, src->shape, &nd, bs)) return wk_bind_rt_raise();
    if (nd != t->ndim || memcmp(bs, t->shape, (size_t)nd * sizeof *bs) != 0) {
        char x[256], y[256];
        wk_shape_str(x, sizeof x, t->ndim, t->shape);
        wk_shape_str(y, sizeof y, nd, bs);
        return wk_raise(wk_exc_RuntimeError, "output with shape %s doesn't match the broadcast shape %s", x, y);
    }
    return done_inplace(args, wk_op_copy_(t, src));
}

/* ================================================================ linear algebra */

typedef enum { L_MATMUL, L_MM, L_BMM, L_MV, L_DOT, L_OUTER, L_INNER } linop;
static const char *const g_lin_names[] = { "matmul", "mm", "bmm", "mv", "dot", "outer", "inner" };

/* inner(a, b): contraction over the last dims, shape a.shape[:-1] + b.shape[:-1]. */
static wk_tensor *inner_op(wk_tensor *a, wk_tensor *b) {
    if (a->ndim == 0 || b->ndim == 0) return wk_op_binary(WK_OP_MUL, wk_vt(a), wk_vt(b));
    int64_t k = a->shape[a->ndim - 1];
    if (k != b->shape[b->ndim - 1]) {
        char sa[256], sb[256];
        wk_shape_str(sa, sizeof sa, a->ndim, a->shape);
        wk_shape_str(sb, sizeof sb, b->ndim, b->shape);
        wk_rt_err(WK_ERR_RUNTIME, "inner() the last dimension must match on both input tensors but got shapes %s and %s", sa, sb);
        return NULL;
    }
    if (a->ndim == 1 && b->ndim == 1) return wk_op_dot(a, b);
    int64_t sa2[2] = { 1, k }, sb2[2] = { 1, k }, os[WK_MAX_DIMS];
    int on = 0;
    for (int d = 0; d < a->ndim - 1; d++) { os[on++] = a->shape[d]; sa2[0] *= a->shape[d]; }
    for (int d = 0; d < b->ndim - 1; d++) { os[on++] = b->shape[d]; sb2[0] *= b->shape[d]; }
    if (on > WK_MAX_DIMS) { wk_rt_err(WK_ERR_RUNTIME, "inner(): too many dimensions"); return NULL; }
    wk_tensor *a2 = wk_op_reshape(a, 2, sa2), *b2 = wk_op_reshape(b, 2, sb2);
    wk_tensor *bt = b2 ? wk_op_t(b2) : NULL, *p = a2 && bt ? wk_op_mm(a2, bt) : NULL;
    wk_tensor *r = p ? wk_op_reshape(p, on, os) : NULL;
    wk_tensor_decref(a2); wk_tensor_decref(b2); wk_tensor_decref(bt); wk_tensor_decref(p);
    return r;
}

static wk_tensor *lin_apply(linop op, wk_tensor *a, wk_tensor *b) {
    switch (op) {
    case L_MATMUL: return wk_op_matmul(a, b);
    case L_MM: return wk_op_mm(a, b);
    case L_BMM: return wk_op_bmm(a, b);
    case L_MV: return wk_op_mv(a, b);
    case L_DOT: return wk_op_dot(a, b);
    case L_INNER: return inner_op(a, b);
    case L_OUTER: return wk_op_outer(a, b);
    }
    return NULL;
}

static wk_value lin_call(const wk_value *args, int nargs, wk_obj *kw, linop op) {
    static const char *const argnames[] = { "other", "mat2", "mat2", "vec", "tensor", "vec2", "other" };
    const char *f = g_lin_names[op];
    wk_value a[1];
    wk_tensor *b;
    if (!PARSE(f, argnames[op], a) || !wk_bind_tensor_arg(f, argnames[op], 2, a[0], &b)) return WK_NULLV;
    return wk_bind_wrap(lin_apply(op, SELF(args), b));
}
#define LINM(fn, op) static wk_value fn(const wk_value *args, int nargs, wk_obj *kw) { return lin_call(args, nargs, kw, op); }
LINM(m_matmul, L_MATMUL)
LINM(m_mm, L_MM)
LINM(m_bmm, L_BMM)
LINM(m_mv, L_MV)
LINM(m_dot, L_DOT)
LINM(m_outer, L_OUTER)
LINM(m_inner, L_INNER)

static wk_value m_addmm(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[4];
    wk_tensor *m1, *m2;
    wk_scalar beta, alpha;
    if (!PARSE("addmm", "mat1 mat2|$beta alpha", a) || !wk_bind_tensor_arg("addmm", "mat1", 2, a[0], &m1) ||
        !wk_bind_tensor_arg("addmm", "mat2", 3, a[1], &m2) || !scalar_opt("addmm", a[2], wk_scalar_int(1), &beta) ||
        !scalar_opt("addmm", a[3], wk_scalar_int(1), &alpha))
        return WK_NULLV;
    return wk_bind_wrap(wk_op_addmm(SELF(args), m1, m2, beta, alpha));
}

/* Collects the tensors of a list/tuple argument (borrowed pointers into the sequence). */
static wk_tensor **tensor_list(const char *f, wk_value seq, int *n) {
    wk_obj *tup = wk_sequence_tuple(seq);
    if (!tup) {
        wk_err_clear();
        wk_raise(wk_exc_TypeError, "%s(): argument 'tensors' (position 1) must be tuple of Tensors, not %s", f, wk_typename(seq));
        return NULL;
    }
    int64_t len = WK_TUPLE(tup)->len;
    wk_tensor **ts = malloc(sizeof(wk_tensor *) * (size_t)(len ? len : 1));
    for (int64_t i = 0; ts && i < len; i++) {
        wk_value v = WK_TUPLE(tup)->items[i];
        if (!wk_bind_is_tensor(v)) {
            wk_raise(wk_exc_TypeError, "expected Tensor as element %lld in argument 0, but got %s", (long long)i, wk_typename(v));
            for (int64_t j = 0; j < i; j++) wk_tensor_decref(ts[j]);   /* the ones already taken */
            free(ts);
            ts = NULL;
            break;
        }
        ts[i] = wk_tensor_incref(wk_bind_t(v));
    }
    if (!ts && !wk_err_occurred()) wk_raise_nomem();
    wk_obj_decref(tup);
    *n = (int)len;
    return ts;
}

static void tensor_list_free(wk_tensor **ts, int n) {
    for (int i = 0; i < n; i++) wk_tensor_decref(ts[i]);
    free(ts);
}

/* torch.einsum(equation, *operands) or einsum(equation, [operands]) */
static wk_value f_einsum(const wk_value *args, int nargs, wk_obj *kw) {
    if (kw || nargs < 1 || !wk_is_str(args[0]))
        return wk_raise(wk_exc_TypeError, "einsum(): argument 'equation' (position 1) must be str");
    int n;
    wk_tensor **ts;
    if (nargs == 2 && !wk_bind_is_tensor(args[1])) ts = tensor_list("einsum", args[1], &n);
    else {
        wk_obj *tup = wk_tuple_from_array(args + 1, nargs - 1);
        ts = tup ? tensor_list("einsum", wk_objv(tup), &n) : NULL;
        wk_obj_decref(tup);
    }
    if (!ts) return WK_NULLV;
    wk_tensor *r = wk_op_einsum(wk_str_cstr(args[0]), n, ts);
    tensor_list_free(ts, n);
    return wk_bind_wrap(r);
}

/* ================================================================ joining and splitting */

typedef enum { J_CAT, J_STACK, J_VSTACK, J_HSTACK, J_COLSTACK } joinop;

static wk_value join_call(const wk_value *args, int nargs, wk_obj *kw, const char *f, joinop op) {
    wk_value a[2];
    int64_t dim = 0;
    int n;
    if (!wk_args_parse(f, args, nargs, kw, op >= J_VSTACK ? "tensors" : "tensors|dim", a)) return WK_NULLV;
    if (!WK_IS_NULL(a[1]) && op < J_VSTACK && !wk_bind_int_arg(f, "dim", a[1], &dim)) return WK_NULLV;
    if (wk_bind_is_tensor(a[0]))   /* a tensor is iterable, but PyTorch wants a sequence of tensors */
        return wk_raise(wk_exc_TypeError, "%s(): argument 'tensors' (position 1) must be tuple of Tensors, not Tensor", f);
    wk_tensor **ts = tensor_list(f, a[0], &n);
    if (!ts) return WK_NULLV;
    wk_tensor *r = NULL;
    if (op >= J_VSTACK && n == 0) {
        tensor_list_free(ts, n);
        return wk_raise(wk_exc_RuntimeError, "%s expects a non-empty TensorList", f);
    }
    if (op >= J_VSTACK) {
        bool ok = true;
        for (int i = 0; i < n && ok; i++) {
            wk_tensor *x = ts[i];
            if (op == J_VSTACK && x->ndim < 2) ts[i] = x->ndim == 0 ? wk_op_reshape(x, 2, (int64_t[]){ 1, 1 })
                                                                     : wk_op_unsqueeze(x, 0);
            else if (op == J_HSTACK && x->ndim == 0) ts[i] = wk_op_reshape(x, 1, (int64_t[]){ 1 });
            else if (op == J_COLSTACK && x->ndim < 2) ts[i] = wk_op_reshape(x, 2, (int64_t[]){ wk_tensor_numel(x), 1 });
            else continue;
            wk_tensor_decref(x);
            ok = ts[i] != NULL;
        }
        dim = op == J_HSTACK && n > 0 && ts[0] && ts[0]->ndim == 1 ? 0 : (op == J_VSTACK ? 0 : 1);
        if (!ok) { for (int i = 0; i < n; i++) if (!ts[i]) ts[i] = NULL; }
        r = ok ? wk_op_cat(n, ts, dim) : NULL;
    } else {
        r = op == J_CAT ? wk_op_cat(n, ts, dim) : wk_op_stack(n, ts, dim);
    }
    tensor_list_free(ts, n);
    return wk_bind_wrap(r);
}
static wk_value f_cat(const wk_value *args, int nargs, wk_obj *kw) { return join_call(args, nargs, kw, "cat", J_CAT); }
static wk_value f_concat(const wk_value *args, int nargs, wk_obj *kw) { return join_call(args, nargs, kw, "concat", J_CAT); }
static wk_value f_stack(const wk_value *args, int nargs, wk_obj *kw) { return join_call(args, nargs, kw, "stack", J_STACK); }
static wk_value f_vstack(const wk_value *args, int nargs, wk_obj *kw) { return join_call(args, nargs, kw, "vstack", J_VSTACK); }
static wk_value f_hstack(const wk_value *args, int nargs, wk_obj *kw) { return join_call(args, nargs, kw, "hstack", J_HSTACK); }
static wk_value f_row_stack(const wk_value *args, int nargs, wk_obj *kw) { return join_call(args, nargs, kw, "row_stack", J_VSTACK); }
static wk_value f_column_stack(const wk_value *args, int nargs, wk_obj *kw) { return join_call(args, nargs, kw, "column_stack", J_COLSTACK); }

/* n_out is read here, after the op that sets it has run. */
static wk_value list_result(wk_tensor **parts, const int *n_out) {
    if (!parts) return wk_bind_rt_raise();
    int n = *n_out;
    wk_value r = wk_bind_tuple_of(parts, n);
    free(parts);
    return r;
}

static wk_value m_split(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    int64_t dim = 0, sz;
    int n;
    if (!PARSE("split", "split_size_or_sections|dim", a)) return WK_NULLV;
    if (!WK_IS_NULL(a[1]) && !wk_bind_int_arg("split", "dim", a[1], &dim)) return WK_NULLV;
    if (WK_IS_INT(a[0])) return list_result(wk_op_split(SELF(args), a[0].u.i, dim, &n), &n);
    int ns;
    int64_t sizes[1024];
    if (!wk_bind_int_list("split", a[0], &ns, sizes, 1024)) return WK_NULLV;
    (void)sz;
    return list_result(wk_op_split_sizes(SELF(args), ns, sizes, dim, &n), &n);
}

static wk_value m_chunk(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    int64_t chunks, dim = 0;
    int n;
    if (!PARSE("chunk", "chunks|dim", a) || !wk_bind_int_arg("chunk", "chunks", a[0], &chunks)) return WK_NULLV;
    if (!WK_IS_NULL(a[1]) && !wk_bind_int_arg("chunk", "dim", a[1], &dim)) return WK_NULLV;
    return list_result(wk_op_chunk(SELF(args), chunks, dim, &n), &n);
}

static wk_value m_unbind(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    int64_t dim = 0;
    int n;
    if (!PARSE("unbind", "|dim", a)) return WK_NULLV;
    if (!WK_IS_NULL(a[0]) && !wk_bind_int_arg("unbind", "dim", a[0], &dim)) return WK_NULLV;
    if (SELF(args)->ndim == 0)
        return wk_raise(wk_exc_IndexError, "Dimension specified as %lld but tensor has no dimensions", (long long)dim);
    return list_result(wk_op_unbind(SELF(args), dim, &n), &n);
}

/* ================================================================ indexing ops */

static bool dim_index(const char *f, const wk_value *a, int64_t *dim, wk_tensor **index) {
    return wk_bind_int_arg(f, "dim", a[0], dim) && wk_bind_tensor_arg(f, "index", 2, a[1], index);
}

static wk_value m_index_select(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    int64_t dim;
    wk_tensor *ix;
    if (!PARSE("index_select", "dim index", a) || !dim_index("index_select", a, &dim, &ix)) return WK_NULLV;
    return wk_bind_wrap(wk_op_index_select(SELF(args), dim, ix));
}

static wk_value m_gather(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[3];
    int64_t dim;
    wk_tensor *ix;
    if (!PARSE("gather", "dim index|$sparse_grad", a) || !dim_index("gather", a, &dim, &ix)) return WK_NULLV;
    return wk_bind_wrap(wk_op_gather(SELF(args), dim, ix));
}

static wk_value scatter_call(const wk_value *args, int nargs, wk_obj *kw, const char *f, bool inplace, bool add) {
    wk_value a[5] = { WK_NULLV, WK_NULLV, WK_NULLV, WK_NULLV, WK_NULLV };
    int64_t dim;
    wk_tensor *ix;
    wk_val src;
    if (!PARSE(f, add ? "dim index src" : "dim index|src value $reduce", a) || !dim_index(f, a, &dim, &ix)) return WK_NULLV;
    wk_value sv = !WK_IS_NULL(a[2]) ? a[2] : a[3];
    if (!add) a[3] = a[4];
    if (WK_IS_NULL(sv)) return wk_raise(wk_exc_TypeError, "%s() missing required argument 'src'", f);
    if (!operand(f, "src", sv, &src)) return WK_NULLV;
    wk_scatter_reduce red = add ? WK_SCATTER_ADD : WK_SCATTER_SET;
    if (!add && !WK_IS_NULL(a[3]) && wk_is_str(a[3])) {
        const char *r = wk_str_cstr(a[3]);
        if (strcmp(r, "add") && strcmp(r, "multiply"))
            return wk_raise(wk_exc_RuntimeError, "reduce argument must be either add or multiply.");
        red = !strcmp(r, "add") ? WK_SCATTER_ADD : WK_SCATTER_MUL;
    }
    if (inplace) return done_inplace(args, wk_op_scatter_(SELF(args), dim, ix, src, red));
    return wk_bind_wrap(wk_op_scatter(SELF(args), dim, ix, src, red));
}
static wk_value m_scatter(const wk_value *args, int nargs, wk_obj *kw) { return scatter_call(args, nargs, kw, "scatter", false, false); }
static wk_value m_scatter_(const wk_value *args, int nargs, wk_obj *kw) { return scatter_call(args, nargs, kw, "scatter_", true, false); }
static wk_value m_scatter_add(const wk_value *args, int nargs, wk_obj *kw) { return scatter_call(args, nargs, kw, "scatter_add", false, true); }
static wk_value m_scatter_add_(const wk_value *args, int nargs, wk_obj *kw) { return scatter_call(args, nargs, kw, "scatter_add_", true, true); }

static wk_value index_add_call(const wk_value *args, int nargs, wk_obj *kw, bool inplace) {
    const char *f = inplace ? "index_add_" : "index_add";
    wk_value a[4];
    int64_t dim;
    wk_tensor *ix, *src;
    wk_scalar alpha;
    if (!PARSE(f, "dim index source|$alpha", a) || !dim_index(f, a, &dim, &ix) ||
        !wk_bind_tensor_arg(f, "source", 3, a[2], &src) || !scalar_opt(f, a[3], wk_scalar_int(1), &alpha))
        return WK_NULLV;
    if (inplace) return done_inplace(args, wk_op_index_add_(SELF(args), dim, ix, src, alpha));
    return wk_bind_wrap(wk_op_index_add(SELF(args), dim, ix, src, alpha));
}
static wk_value m_index_add(const wk_value *args, int nargs, wk_obj *kw) { return index_add_call(args, nargs, kw, false); }
static wk_value m_index_add_(const wk_value *args, int nargs, wk_obj *kw) { return index_add_call(args, nargs, kw, true); }

static wk_value m_masked_select(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    wk_tensor *mask;
    if (!PARSE("masked_select", "mask", a) || !wk_bind_tensor_arg("masked_select", "mask", 2, a[0], &mask)) return WK_NULLV;
    return wk_bind_wrap(wk_op_masked_select(SELF(args), mask));
}

static wk_value m_nonzero(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    bool as_tuple = false;
    if (!PARSE("nonzero", "|$as_tuple", a) || !wk_bind_bool_arg(a[0], false, &as_tuple)) return WK_NULLV;
    wk_tensor *nz = wk_op_nonzero(SELF(args));
    if (!nz || !as_tuple) return wk_bind_wrap(nz);
    wk_tensor *cols[WK_MAX_DIMS];
    int n = (int)nz->shape[1];
    for (int i = 0; i < n; i++) cols[i] = wk_op_select(nz, 1, i);
    wk_tensor_decref(nz);
    return wk_bind_tuple_of(cols, n);
}

/* ================================================================ comparisons of whole tensors */

static wk_value m_equal(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    wk_tensor *o;
    bool r;
    if (!PARSE("equal", "other", a) || !wk_bind_tensor_arg("equal", "other", 2, a[0], &o)) return WK_NULLV;
    if (!wk_op_equal(SELF(args), o, &r)) return wk_bind_rt_raise();
    return wk_bool(r);
}

static wk_value close_call(const wk_value *args, int nargs, wk_obj *kw, bool all) {
    const char *f = all ? "allclose" : "isclose";
    wk_value a[4];
    wk_tensor *o;
    double rtol = 1e-5, atol = 1e-8;
    bool nan_eq = false, r;
    if (!PARSE(f, "other|rtol atol equal_nan", a) || !wk_bind_tensor_arg(f, "other", 2, a[0], &o) ||
        (!WK_IS_NULL(a[1]) && !wk_as_double(a[1], &rtol)) || (!WK_IS_NULL(a[2]) && !wk_as_double(a[2], &atol)) ||
        !wk_bind_bool_arg(a[3], false, &nan_eq))
        return WK_NULLV;
    if (!all) return wk_bind_wrap(wk_op_isclose(SELF(args), o, rtol, atol, nan_eq));
    if (!wk_op_allclose(SELF(args), o, rtol, atol, nan_eq, &r)) return wk_bind_rt_raise();
    return wk_bool(r);
}
static wk_value m_allclose(const wk_value *args, int nargs, wk_obj *kw) { return close_call(args, nargs, kw, true); }
static wk_value m_isclose(const wk_value *args, int nargs, wk_obj *kw) { return close_call(args, nargs, kw, false); }

static wk_value m_broadcast_to(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    int nd;
    int64_t s[WK_MAX_DIMS];
    if (!PARSE("broadcast_to", "size", a) || !wk_bind_shape_seq("broadcast_to", a[0], &nd, s)) return WK_NULLV;
    return wk_bind_wrap(wk_op_broadcast_to(SELF(args), nd, s));
}

/* ================================================================ operators */

static const int g_nb_binop[WK_NB_COUNT] = {
    [WK_NB_ADD] = WK_OP_ADD, [WK_NB_SUB] = WK_OP_SUB, [WK_NB_MUL] = WK_OP_MUL, [WK_NB_TRUEDIV] = WK_OP_DIV,
    [WK_NB_MOD] = WK_OP_REMAINDER, [WK_NB_POW] = WK_OP_POW, [WK_NB_OR] = WK_OP_BITOR,
    [WK_NB_XOR] = WK_OP_BITXOR, [WK_NB_AND] = WK_OP_BITAND, [WK_NB_FLOORDIV] = WK_OP_DIV_FLOOR,
};

static bool nb_operand(wk_value v, wk_val *out) {
    if (wk_bind_is_tensor(v)) { *out = wk_vt(wk_bind_t(v)); return true; }
    wk_scalar s;
    if (!wk_bind_is_number(v)) return false;
    wk_bind_scalar(v, &s);
    *out = wk_vs(s);
    return true;
}

static wk_value nb_generic(wk_nb_op op, wk_value a, wk_value b) {
    wk_val x, y;
    if (!nb_operand(a, &x) || !nb_operand(b, &y)) return wk_notimplemented();
    if (op == WK_NB_MATMUL) {
        if (!x.t || !y.t) return wk_notimplemented();
        return wk_bind_wrap(wk_op_matmul(x.t, y.t));
    }
    return wk_bind_wrap(wk_op_binary(g_nb_binop[op], x, y));
}

static wk_value nb_inplace_generic(wk_nb_op op, wk_value a, wk_value b) {
    wk_val y;
    if (!wk_bind_is_tensor(a) || !nb_operand(b, &y)) return wk_notimplemented();
    if (op == WK_NB_MATMUL) return wk_notimplemented();
    if (!wk_op_binary_(g_nb_binop[op], wk_bind_t(a), y)) return wk_bind_rt_raise();
    return wk_incref(a);
}

#define NBS(X) X(ADD) X(SUB) X(MUL) X(MATMUL) X(TRUEDIV) X(MOD) X(POW) X(OR) X(XOR) X(AND) X(FLOORDIV)
#define X_NB(op) \
    static wk_value nb_##op(wk_value a, wk_value b) { return nb_generic(WK_NB_##op, a, b); } \
    static wk_value nbi_##op(wk_value a, wk_value b) { return nb_inplace_generic(WK_NB_##op, a, b); }
NBS(X_NB)

static const int g_cmp_binop[] = { [WK_LT] = WK_OP_LT, [WK_LE] = WK_OP_LE, [WK_EQ] = WK_OP_EQ,
                                        [WK_NE] = WK_OP_NE, [WK_GT] = WK_OP_GT, [WK_GE] = WK_OP_GE };

static wk_value tensor_richcmp(wk_value a, wk_value b, wk_cmp_op op) {
    wk_val x, y;
    if (!nb_operand(a, &x) || !nb_operand(b, &y)) {
        if (op == WK_EQ || op == WK_NE) return wk_bool((op == WK_EQ) == wk_is(a, b));
        return wk_notimplemented();
    }
    return wk_bind_wrap(wk_op_binary(g_cmp_binop[op], x, y));
}

static wk_value un_op_neg(wk_value a) { return wk_bind_wrap(wk_op_unary(WK_UOP_NEG, wk_bind_t(a))); }
static wk_value un_op_abs(wk_value a) { return wk_bind_wrap(wk_op_unary(WK_UOP_ABS, wk_bind_t(a))); }
static wk_value un_op_pos(wk_value a) {
    if (wk_bind_t(a)->dtype == WK_DT_BOOL)
        return wk_raise(wk_exc_RuntimeError, "The `+` operator, on a bool tensor is not supported.");
    return wk_incref(a);
}
static wk_value m_positive(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_none("positive", nargs - 1, kw)) return WK_NULLV;
    return un_op_pos(args[0]);
}
static wk_value un_op_invert(wk_value a) {
    wk_tensor *t = wk_bind_t(a);
    if (wk_dtype_is_float(t->dtype))
        return wk_raise(wk_exc_TypeError, "~ (operator.invert) is only implemented on integer and Boolean-type tensors");
    return wk_bind_wrap(wk_op_unary(t->dtype == WK_DT_BOOL ? WK_UOP_LOGICAL_NOT : WK_UOP_BITWISE_NOT, t));
}

bool wk_bind_ops_init(wk_type *t) {
#define X_SET(op) t->nb[WK_NB_##op] = nb_##op; t->nb_inplace[WK_NB_##op] = nbi_##op;
    NBS(X_SET)
#undef X_SET
    t->nb_inplace[WK_NB_MATMUL] = NULL;
    t->richcmp = tensor_richcmp;
    t->un[WK_UN_NEG] = un_op_neg;
    t->un[WK_UN_ABS] = un_op_abs;
    t->un[WK_UN_POS] = un_op_pos;
    t->un[WK_UN_INVERT] = un_op_invert;
    return true;
}

/* Columns of row i inside the triangle: j - i <= off (lower) or j - i >= off (upper). */
static int64_t tri_row_count(int64_t i, int64_t col, int64_t off, bool upper) {
    int64_t edge = i + off + (upper ? 0 : 1);  /* lower: j < edge; upper: j >= edge */
    edge = edge < 0 ? 0 : edge > col ? col : edge;
    return upper ? col - edge : edge;
}

/* torch.tril_indices / triu_indices(row, col, offset=0, *, dtype=torch.long): the 2 x N
 * coordinates of the triangle, row-major. */
static wk_value tri_indices(const wk_value *args, int nargs, wk_obj *kw, bool upper) {
    const char *f = upper ? "triu_indices" : "tril_indices";
    wk_value a[6];
    int64_t row, col, off = 0;
    wk_dtype dt = WK_DT_I64;
    if (!wk_args_parse(f, args, nargs, kw, "row col|offset $dtype device layout", a) ||
        !wk_bind_int_arg(f, "row", a[0], &row) || !wk_bind_int_arg(f, "col", a[1], &col) ||
        (!WK_IS_NULL(a[2]) && !wk_bind_int_arg(f, "offset", a[2], &off)) || !wk_bind_dtype_arg(a[3], &dt))
        return WK_NULLV;
    if (row < 0 || col < 0)
        return wk_raise(wk_exc_RuntimeError, "%s must be non-negative, got%lld", row < 0 ? "row" : "col", (long long)(row < 0 ? row : col));
    int64_t n = 0;
    for (int64_t i = 0; i < row; i++) n += tri_row_count(i, col, off, upper);
    int64_t shape[2] = { 2, n };
    wk_tensor *t = wk_tensor_empty(2, shape, WK_DT_I64, WK_CPU);
    if (!t) return wk_bind_rt_raise();
    int64_t *rows = wk_tensor_data(t), *cols = rows + n;
    for (int64_t i = 0; i < row; i++) {
        int64_t c = tri_row_count(i, col, off, upper), j0 = upper ? col - c : 0;
        for (int64_t j = 0; j < c; j++) { *rows++ = i; *cols++ = j0 + j; }
    }
    wk_tensor *r = wk_op_to_dtype(t, dt, false);
    wk_tensor_decref(t);
    return wk_bind_wrap(r);
}
static wk_value f_tril_indices(const wk_value *args, int nargs, wk_obj *kw) { return tri_indices(args, nargs, kw, false); }
static wk_value f_triu_indices(const wk_value *args, int nargs, wk_obj *kw) { return tri_indices(args, nargs, kw, true); }

/* ================================================================ tables */

#define X_BM(n, op, fl) { #n, bin_##n, 0, NULL }, { #n "_", bin_##n##_, 0, NULL },
#define X_UM(n, op) { #n, un_##n, 0, NULL }, { #n "_", un_##n##_, 0, NULL },

const wk_methoddef wk_bind_op_methods[] = {
    BINOPS(X_BM)
    UNOPS(X_UM)
    { "round", m_round, 0, NULL }, { "round_", m_round_, 0, NULL }, { "positive", m_positive, 0, NULL },
    { "isposinf", m_isposinf, 0, NULL }, { "isneginf", m_isneginf, 0, NULL },
    { "nan_to_num", m_nan_to_num, 0, NULL }, { "nan_to_num_", m_nan_to_num_, 0, NULL },
    { "triu_", m_triu_, 0, NULL }, { "tril_", m_tril_, 0, NULL }, { "vdot", m_dot, 0, NULL }, { "ger", m_outer, 0, NULL },
    { "float_power", m_float_power, 0, NULL }, { "fmax", m_fmax, 0, NULL }, { "fmin", m_fmin, 0, NULL }, { "float_power_", m_float_power_, 0, NULL },
    { "clamp", m_clamp, 0, NULL }, { "clamp_", m_clamp_, 0, NULL },
    { "clip", m_clip, 0, NULL }, { "clip_", m_clip_, 0, NULL },
    { "clamp_min", m_clamp_min, 0, NULL }, { "clamp_min_", m_clamp_min_, 0, NULL },
    { "clamp_max", m_clamp_max, 0, NULL }, { "clamp_max_", m_clamp_max_, 0, NULL },
    { "where", m_where, 0, NULL }, { "lerp", m_lerp, 0, NULL },
    { "masked_fill", m_masked_fill, 0, NULL }, { "masked_fill_", m_masked_fill_, 0, NULL },
    { "fill_", m_fill_, 0, NULL }, { "zero_", m_zero_, 0, NULL }, { "copy_", m_copy_, 0, NULL },
    { "matmul", m_matmul, 0, NULL }, { "mm", m_mm, 0, NULL }, { "bmm", m_bmm, 0, NULL },
    { "mv", m_mv, 0, NULL }, { "dot", m_dot, 0, NULL }, { "outer", m_outer, 0, NULL },
    { "inner", m_inner, 0, NULL }, { "addmm", m_addmm, 0, NULL },
    { "split", m_split, 0, NULL }, { "chunk", m_chunk, 0, NULL }, { "unbind", m_unbind, 0, NULL },
    { "index_select", m_index_select, 0, NULL }, { "gather", m_gather, 0, NULL },
    { "scatter", m_scatter, 0, NULL }, { "scatter_", m_scatter_, 0, NULL },
    { "scatter_add", m_scatter_add, 0, NULL }, { "scatter_add_", m_scatter_add_, 0, NULL },
    { "index_add", m_index_add, 0, NULL }, { "index_add_", m_index_add_, 0, NULL },
    { "masked_select", m_masked_select, 0, NULL }, { "nonzero", m_nonzero, 0, NULL },
    { "equal", m_equal, 0, NULL }, { "allclose", m_allclose, 0, NULL }, { "isclose", m_isclose, 0, NULL },
    { "broadcast_to", m_broadcast_to, 0, NULL },
    { "leaky_relu", m_leaky_relu, 0, NULL }, { "elu", m_elu, 0, NULL }, { "softplus", m_softplus, 0, NULL },
    { "gelu", m_gelu, 0, NULL }, { "silu", m_silu, 0, NULL },
    { NULL, NULL, 0, NULL }
};

/* Module-level functions whose first argument is not `input`. */
const wk_methoddef wk_bind_op_funcs[] = {
    { "where", f_where, 0, NULL }, { "einsum", f_einsum, 0, NULL },
    { "tril_indices", f_tril_indices, 0, NULL }, { "triu_indices", f_triu_indices, 0, NULL },
    { "cat", f_cat, 0, NULL }, { "concat", f_concat, 0, NULL }, { "concatenate", f_concat, 0, NULL },
    { "stack", f_stack, 0, NULL }, { "vstack", f_vstack, 0, NULL }, { "hstack", f_hstack, 0, NULL },
    { "row_stack", f_row_stack, 0, NULL }, { "column_stack", f_column_stack, 0, NULL },
    { NULL, NULL, 0, NULL }
};
