/* np_ops.c — ndarray arithmetic, comparisons and reductions with NumPy's promotion, broadcasting errors and scalar results. */
#include <string.h>
#include "np.h"
#include "bind.h"

/* ================================================================ promotion */

static int kind_of(wk_dtype dt) { return dt == WK_DT_BOOL ? 0 : wk_dtype_is_float(dt) ? 2 : 1; }
static int frank(wk_dtype dt) { return dt == WK_DT_F16 ? 0 : dt == WK_DT_F64 ? 2 : 1; }

wk_dtype wk_np_promote(wk_dtype a, wk_dtype b) {
    if (a == b) return a;
    if (a == WK_DT_BOOL) return b;
    if (b == WK_DT_BOOL) return a;
    bool fa = wk_dtype_is_float(a), fb = wk_dtype_is_float(b);
    if (fa && fb) return frank(a) >= frank(b) ? a : b;
    if (fa || fb) {
        wk_dtype f = fa ? a : b, i = fa ? b : a;
        size_t is = wk_dtype_size(i);
        wk_dtype need = is == 1 ? WK_DT_F16 : is == 2 ? WK_DT_F32 : WK_DT_F64;
        return frank(f) >= frank(need) ? f : need;
    }
    if (a == WK_DT_U8 || b == WK_DT_U8) {
        wk_dtype s = a == WK_DT_U8 ? b : a;
        return wk_dtype_size(s) > 1 ? s : WK_DT_I16;
    }
    return wk_dtype_size(a) >= wk_dtype_size(b) ? a : b;
}

/* ================================================================ operands */

typedef struct operand { wk_tensor *t; wk_scalar s; bool is_scalar; } operand;

/* 1 ok, 0 not supported (NotImplemented), -1 error. */
static int get_operand(wk_value v, operand *o) {
    memset(o, 0, sizeof *o);
    if (wk_np_is_ndarray(v)) { o->t = wk_tensor_incref(wk_np_t(v)); return 1; }
    if (WK_IS_BOOL(v) || WK_IS_INT(v) || WK_IS_FLOAT(v)) {
        o->is_scalar = true;
        wk_bind_scalar(v, &o->s);
        return 1;
    }
    if (wk_is_list(v) || wk_is_tuple(v)) {
        o->t = wk_np_from_data(v, -1);
        return o->t ? 1 : -1;
    }
    return 0;
}

static void put_operand(operand *o) { wk_tensor_decref(o->t); }

static wk_dtype result_dtype(const operand *a, const operand *b) {
    if (!a->is_scalar && !b->is_scalar) return wk_np_promote(a->t->dtype, b->t->dtype);
    const operand *arr = a->is_scalar ? b : a, *sc = a->is_scalar ? a : b;
    if (arr->is_scalar) {   /* two scalars: cannot happen through the slots */
        return sc->s.kind == WK_SCALAR_FLOAT ? WK_DT_F64 : WK_DT_I64;
    }
    int sk = sc->s.kind == WK_SCALAR_BOOL ? 0 : sc->s.kind == WK_SCALAR_INT ? 1 : 2;
    if (sk <= kind_of(arr->t->dtype)) return arr->t->dtype;
    return sk == 1 ? WK_DT_I64 : WK_DT_F64;
}

static void shape_text(wk_sbuf *sb, const wk_tensor *t) {
    wk_sbuf_addc(sb, '(');
    for (int i = 0; i < t->ndim; i++) wk_sbuf_printf(sb, i ? ",%lld" : "%lld", (long long)t->shape[i]);
    if (t->ndim == 1) wk_sbuf_addc(sb, ',');
    wk_sbuf_addc(sb, ')');
}

static bool check_broadcast(const operand *a, const operand *b) {
    if (a->is_scalar || b->is_scalar) return true;
    int n; int64_t out[WK_MAX_DIMS];
    if (wk_broadcast_shapes(a->t->ndim, a->t->shape, b->t->ndim, b->t->shape, &n, out)) return true;
    wk_rt_errclear();
    wk_sbuf sb; wk_sbuf_init(&sb);
    wk_sbuf_adds(&sb, "operands could not be broadcast together with shapes ");
    shape_text(&sb, a->t); wk_sbuf_addc(&sb, ' '); shape_text(&sb, b->t); wk_sbuf_addc(&sb, ' ');
    wk_raise(wk_exc_ValueError, "%s", sb.data);
    wk_sbuf_free(&sb);
    return false;
}

static bool cast_to(operand *o, wk_dtype dt) {
    if (o->is_scalar) return true;
    wk_tensor *c = wk_tensor_to_dtype(o->t, dt, false);
    if (!c) return wk_bind_rt_fail();
    wk_tensor_decref(o->t);
    o->t = c;
    return true;
}

static wk_val as_val(const operand *o) { return o->is_scalar ? wk_vs(o->s) : wk_vt(o->t); }

/* Result of a reduction or op: Python scalar for 0-d, else an ndarray (steals t). */
static wk_value result(wk_tensor *t) {
    if (!t) return wk_bind_rt_raise();
    if (t->ndim == 0) { wk_value v = wk_np_scalar(t); wk_tensor_decref(t); return v; }
    return wk_np_wrap(t);
}

/* ================================================================ binary operators */

static bool is_cmp(int op) { return op >= WK_OP_EQ && op <= WK_OP_GE; }

/* a <op> b on operands; *dt_out gets the compute dtype. NULL on error. */
static wk_tensor *compute(int op, operand *a, operand *b) {
    if (!check_broadcast(a, b)) return NULL;
    wk_dtype rd = result_dtype(a, b);
    if (op == WK_OP_DIV && !wk_dtype_is_float(rd)) rd = WK_DT_F64;
    if ((op == WK_OP_BITAND || op == WK_OP_BITOR || op == WK_OP_BITXOR) && wk_dtype_is_float(rd)) {
        static const char *names[] = {"bitwise_and", "bitwise_or", "bitwise_xor"};
        wk_raise(wk_exc_TypeError, "ufunc '%s' not supported for the input types, and the inputs could not "
                 "be safely coerced to any supported types according to the casting rule ''safe''",
                 names[op - WK_OP_BITAND]);
        return NULL;
    }
    if (rd == WK_DT_BOOL && op == WK_OP_SUB) {
        wk_raise(wk_exc_TypeError, "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, "
                 "the `^` operator, or the logical_xor function instead.");
        return NULL;
    }
    if (rd == WK_DT_BOOL && (op == WK_OP_DIV_FLOOR || op == WK_OP_REMAINDER || op == WK_OP_POW)) rd = WK_DT_I8;
    if (!cast_to(a, rd) || !cast_to(b, rd)) return NULL;
    /* bool scalars join integer arithmetic as 0/1 (the tensor ops refuse a bool operand of `-`) */
    if (a->is_scalar && a->s.kind == WK_SCALAR_BOOL && rd != WK_DT_BOOL) a->s = wk_scalar_int(wk_scalar_to_i64(a->s));
    if (b->is_scalar && b->s.kind == WK_SCALAR_BOOL && rd != WK_DT_BOOL) b->s = wk_scalar_int(wk_scalar_to_i64(b->s));
    if (a->is_scalar && rd == WK_DT_F64) a->s = wk_scalar_float(wk_scalar_to_f64(a->s));
    if (b->is_scalar && rd == WK_DT_F64) b->s = wk_scalar_float(wk_scalar_to_f64(b->s));
    wk_tensor *r = wk_op_binary((wk_rt_binop)op, as_val(a), as_val(b));
    if (!r) { wk_bind_rt_raise(); return NULL; }
    if (!is_cmp(op) && r->dtype != rd) {
        wk_tensor *c = wk_tensor_to_dtype(r, rd, false);
        wk_tensor_decref(r);
        if (!c) wk_bind_rt_raise();
        r = c;
    }
    return r;
}

static wk_value binary(int op, wk_value x, wk_value y) {
    operand a, b;
    int ra = get_operand(x, &a);
    if (ra <= 0) return ra < 0 ? WK_NULLV : wk_notimplemented();
    int rb = get_operand(y, &b);
    if (rb <= 0) { put_operand(&a); return rb < 0 ? WK_NULLV : wk_notimplemented(); }
    wk_tensor *r = compute(op, &a, &b);
    put_operand(&a); put_operand(&b);
    if (!r) return WK_NULLV;
    return wk_np_wrap(r);
}

static const char *ufunc_name(int op) {
    switch (op) {
    case WK_OP_ADD: return "add";
    case WK_OP_SUB: return "subtract";
    case WK_OP_MUL: return "multiply";
    case WK_OP_DIV: return "divide";
    case WK_OP_DIV_FLOOR: return "floor_divide";
    case WK_OP_REMAINDER: return "remainder";
    case WK_OP_POW: return "power";
    default: return "bitwise";
    }
}

static wk_value inplace(int op, wk_value x, wk_value y) {
    if (!wk_np_is_ndarray(x)) return wk_notimplemented();
    operand a, b;
    get_operand(x, &a);
    int rb = get_operand(y, &b);
    if (rb <= 0) { put_operand(&a); return rb < 0 ? WK_NULLV : wk_notimplemented(); }
    wk_tensor *self = wk_np_t(x);
    wk_tensor *r = compute(op, &a, &b);
    put_operand(&a); put_operand(&b);
    if (!r) return WK_NULLV;
    if (kind_of(r->dtype) > kind_of(self->dtype)) {
        wk_raise(wk_exc_TypeError, "Cannot cast ufunc '%s' output from dtype('%s') to dtype('%s') with "
                 "casting rule 'same_kind'", ufunc_name(op), wk_np_dtype_name(r->dtype), wk_np_dtype_name(self->dtype));
        wk_tensor_decref(r);
        return WK_NULLV;
    }
    bool ok = wk_tensor_copy_(self, r);
    wk_tensor_decref(r);
    if (!ok) return wk_bind_rt_raise();
    return wk_incref(x);
}

#define BIN(name, op) \
    static wk_value name(wk_value a, wk_value b) { return binary(op, a, b); } \
    static wk_value name##_i(wk_value a, wk_value b) { return inplace(op, a, b); }
BIN(nb_add, WK_OP_ADD)
BIN(nb_sub, WK_OP_SUB)
BIN(nb_mul, WK_OP_MUL)
BIN(nb_div, WK_OP_DIV)
BIN(nb_floordiv, WK_OP_DIV_FLOOR)
BIN(nb_mod, WK_OP_REMAINDER)
BIN(nb_pow, WK_OP_POW)
BIN(nb_and, WK_OP_BITAND)
BIN(nb_or, WK_OP_BITOR)
BIN(nb_xor, WK_OP_BITXOR)

static wk_value nb_matmul(wk_value x, wk_value y) {
    operand a, b;
    int ra = get_operand(x, &a);
    if (ra <= 0) return ra < 0 ? WK_NULLV : wk_notimplemented();
    int rb = get_operand(y, &b);
    if (rb <= 0) { put_operand(&a); return rb < 0 ? WK_NULLV : wk_notimplemented(); }
    wk_value out = WK_NULLV;
    if (a.is_scalar || b.is_scalar)
        wk_raise(wk_exc_ValueError, "matmul: Input operand %d does not have enough dimensions "
                 "(has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)", a.is_scalar ? 0 : 1);
    else {
        wk_dtype rd = wk_np_promote(a.t->dtype, b.t->dtype);
        if (cast_to(&a, rd) && cast_to(&b, rd)) out = result(wk_op_matmul(a.t, b.t));
    }
    put_operand(&a); put_operand(&b);
    return out;
}

static wk_value richcmp(wk_value x, wk_value y, wk_cmp_op op) {
    static const int map[] = { WK_OP_LT, WK_OP_LE, WK_OP_EQ, WK_OP_NE, WK_OP_GT, WK_OP_GE };
    return binary(map[op], x, y);
}

/* ================================================================ unary operators */

static wk_value unary(wk_unary_op op, wk_value self) {
    wk_tensor *t = wk_np_t(self);
    if (op == WK_UOP_NEG && t->dtype == WK_DT_BOOL)
        return wk_raise(wk_exc_TypeError, "The numpy boolean negative, the `-` operator, is not supported, "
                        "use the `~` operator or the logical_not function instead.");
    if (op == WK_UOP_BITWISE_NOT && t->dtype == WK_DT_BOOL) op = WK_UOP_LOGICAL_NOT;
    if (op == WK_UOP_BITWISE_NOT && wk_dtype_is_float(t->dtype))
        return wk_raise(wk_exc_TypeError, "ufunc 'invert' not supported for the input types, and the inputs could "
                        "not be safely coerced to any supported types according to the casting rule ''safe''");
    return wk_np_wrap(wk_op_unary(op, t));
}

static wk_value un_neg(wk_value s) { return unary(WK_UOP_NEG, s); }
static wk_value un_abs(wk_value s) {
    if (wk_np_t(s)->dtype == WK_DT_BOOL) return wk_np_wrap(wk_tensor_incref(wk_np_t(s)));
    return unary(WK_UOP_ABS, s);
}
static wk_value un_invert(wk_value s) { return unary(WK_UOP_BITWISE_NOT, s); }
static wk_value un_pos(wk_value s) { return wk_np_wrap(wk_tensor_clone(wk_np_t(s))); }

static wk_value scalar_conv(wk_value s, bool to_int) {
    wk_tensor *t = wk_np_t(s);
    if (wk_tensor_numel(t) != 1)
        return wk_raise(wk_exc_TypeError, "only size-1 arrays can be converted to Python scalars");
    double d = wk_dtype_load_f64(t->dtype, wk_tensor_data(t));
    if (!to_int) return wk_float(d);
    if (wk_dtype_is_float(t->dtype)) { wk_value f = wk_float(d); return wk_unop(WK_UN_INT, f); }
    return wk_int(wk_dtype_load_i64(t->dtype, wk_tensor_data(t)));
}
static wk_value un_int(wk_value s) { return scalar_conv(s, true); }
static wk_value un_float(wk_value s) { return scalar_conv(s, false); }

bool wk_np_ops_init(wk_type *t) {
    t->nb[WK_NB_ADD] = nb_add; t->nb_inplace[WK_NB_ADD] = nb_add_i;
    t->nb[WK_NB_SUB] = nb_sub; t->nb_inplace[WK_NB_SUB] = nb_sub_i;
    t->nb[WK_NB_MUL] = nb_mul; t->nb_inplace[WK_NB_MUL] = nb_mul_i;
    t->nb[WK_NB_TRUEDIV] = nb_div; t->nb_inplace[WK_NB_TRUEDIV] = nb_div_i;
    t->nb[WK_NB_FLOORDIV] = nb_floordiv; t->nb_inplace[WK_NB_FLOORDIV] = nb_floordiv_i;
    t->nb[WK_NB_MOD] = nb_mod; t->nb_inplace[WK_NB_MOD] = nb_mod_i;
    t->nb[WK_NB_POW] = nb_pow; t->nb_inplace[WK_NB_POW] = nb_pow_i;
    t->nb[WK_NB_AND] = nb_and; t->nb_inplace[WK_NB_AND] = nb_and_i;
    t->nb[WK_NB_OR] = nb_or; t->nb_inplace[WK_NB_OR] = nb_or_i;
    t->nb[WK_NB_XOR] = nb_xor; t->nb_inplace[WK_NB_XOR] = nb_xor_i;
    t->nb[WK_NB_MATMUL] = nb_matmul;
    t->un[WK_UN_NEG] = un_neg; t->un[WK_UN_POS] = un_pos; t->un[WK_UN_ABS] = un_abs;
    t->un[WK_UN_INVERT] = un_invert; t->un[WK_UN_INT] = un_int; t->un[WK_UN_FLOAT] = un_float;
    t->richcmp = richcmp;
    return true;
}

/* ================================================================ reductions */

typedef enum { R_SUM, R_MEAN, R_MAX, R_MIN, R_ARGMAX, R_ARGMIN, R_PROD, R_STD, R_VAR, R_ALL, R_ANY } rkind;
static const char *rnames[] = { "sum", "mean", "max", "min", "argmax", "argmin", "prod", "std", "var", "all", "any" };

static bool axes_arg(wk_value v, const wk_tensor *t, int64_t *dims, int *n) {
    *n = 0;
    if (WK_IS_NULL(v) || WK_IS_NONE(v)) return true;
    int k = 0;
    if (!wk_bind_int_list("axis", v, &k, dims, WK_MAX_DIMS)) return false;
    for (int i = 0; i < k; i++) {
        if (dims[i] >= t->ndim || dims[i] < -t->ndim) {
            wk_raise(wk_exc_ValueError, "axis %lld is out of bounds for array of dimension %d",
                     (long long)dims[i], t->ndim);
            return false;
        }
        if (dims[i] < 0) dims[i] += t->ndim;
    }
    *n = k;
    return true;
}

static wk_tensor *reduce_t(rkind k, wk_tensor *t, const int64_t *dims, int nd, bool keep, int ddof) {
    bool all = nd == 0;
    if (all && t->ndim == 0 && k != R_ARGMAX && k != R_ARGMIN) { /* reductions of 0-d arrays */
        nd = 0;
    }
    switch (k) {
    case R_SUM: return wk_op_sum(t, dims, nd, keep, kind_of(t->dtype) < 2 ? WK_DT_I64 : WK_NO_DTYPE);
    case R_PROD: return wk_op_prod(t, nd ? dims : NULL, keep, kind_of(t->dtype) < 2 ? WK_DT_I64 : WK_NO_DTYPE);
    case R_ALL: return wk_op_all(t, dims, nd, keep);
    case R_ANY: return wk_op_any(t, dims, nd, keep);
    case R_MAX: return wk_op_amax(t, dims, nd, keep);
    case R_MIN: return wk_op_amin(t, dims, nd, keep);
    case R_ARGMAX: return wk_op_argmax(t, nd ? dims : NULL, keep);
    case R_ARGMIN: return wk_op_argmin(t, nd ? dims : NULL, keep);
    default: break;
    }
    wk_tensor *f = wk_tensor_to_dtype(t, kind_of(t->dtype) < 2 ? WK_DT_F64 : t->dtype, false);
    if (!f) return NULL;
    wk_tensor *r = k == R_MEAN ? wk_op_mean(f, dims, nd, keep, WK_NO_DTYPE)
                 : k == R_STD ? wk_op_std(f, dims, nd, ddof, keep)
                 : wk_op_var(f, dims, nd, ddof, keep);
    wk_tensor_decref(f);
    return r;
}

static wk_value reduce(rkind k, wk_value arr, wk_value axis, wk_value keepdims, wk_value ddof_v) {
    wk_tensor *t = wk_np_as_tensor(arr, -1);
    if (!t) return WK_NULLV;
    int64_t dims[WK_MAX_DIMS]; int nd; bool keep = false; int64_t ddof = 0;
    wk_value out = WK_NULLV;
    if (!axes_arg(axis, t, dims, &nd) || !wk_bind_bool_arg(keepdims, false, &keep)) goto done;
    if (!WK_IS_NULL(ddof_v) && !wk_as_int64(ddof_v, &ddof)) goto done;
    if ((k == R_ARGMAX || k == R_ARGMIN) && nd > 1) { wk_raise(wk_exc_TypeError, "an integer is required for the axis"); goto done; }
    if ((k == R_MAX || k == R_MIN || k == R_ARGMAX || k == R_ARGMIN) && wk_tensor_numel(t) == 0) {
        if (k == R_MAX || k == R_MIN)
            wk_raise(wk_exc_ValueError, "zero-size array to reduction operation %s which has no identity",
                     k == R_MAX ? "maximum" : "minimum");
        else wk_raise(wk_exc_ValueError, "attempt to get %s of an empty sequence", rnames[k]);
        goto done;
    }
    if (t->ndim == 0 && (k == R_ARGMAX || k == R_ARGMIN)) { out = wk_int(0); goto done; }
    out = result(reduce_t(k, t, dims, nd, keep, (int)ddof));
done:
    wk_tensor_decref(t);
    return out;
}

/* Method and function forms; keepdims is keyword-only (parsed separately). */
static wk_value red_method(rkind k, const wk_value *args, int nargs, wk_obj *kw, bool func) {
    wk_value a[5];
    const char *spec = func ? "a|axis $keepdims ddof dtype" : "|axis $keepdims ddof dtype";
    if (!wk_args_parse(rnames[k], args + (func ? 0 : 1), nargs - (func ? 0 : 1), kw, spec, a)) return WK_NULLV;
    wk_value arr = func ? a[0] : args[0];
    wk_value *o = func ? a + 1 : a;
    return reduce(k, arr, o[0], o[1], o[2]);
}

#define RED(fn, k) \
    static wk_value fn(const wk_value *args, int nargs, wk_obj *kw) { return red_method(k, args, nargs, kw, false); } \
    static wk_value fn##_f(const wk_value *args, int nargs, wk_obj *kw) { return red_method(k, args, nargs, kw, true); }
RED(m_sum, R_SUM)
RED(m_mean, R_MEAN)
RED(m_max, R_MAX)
RED(m_min, R_MIN)
RED(m_argmax, R_ARGMAX)
RED(m_argmin, R_ARGMIN)
RED(m_prod, R_PROD)
RED(m_std, R_STD)
RED(m_var, R_VAR)
RED(m_all, R_ALL)
RED(m_any, R_ANY)

const wk_methoddef wk_np_reduce_methods[] = {
    { "sum", m_sum, 0, NULL }, { "mean", m_mean, 0, NULL }, { "max", m_max, 0, NULL },
    { "min", m_min, 0, NULL }, { "argmax", m_argmax, 0, NULL }, { "argmin", m_argmin, 0, NULL },
    { "prod", m_prod, 0, NULL }, { "std", m_std, 0, NULL }, { "var", m_var, 0, NULL },
    { "all", m_all, 0, NULL }, { "any", m_any, 0, NULL }, { NULL, NULL, 0, NULL }
};

const wk_methoddef wk_np_reduce_funcs[] = {
    { "sum", m_sum_f, 0, NULL }, { "mean", m_mean_f, 0, NULL }, { "max", m_max_f, 0, NULL },
    { "min", m_min_f, 0, NULL }, { "amax", m_max_f, 0, NULL }, { "amin", m_min_f, 0, NULL },
    { "argmax", m_argmax_f, 0, NULL }, { "argmin", m_argmin_f, 0, NULL }, { "prod", m_prod_f, 0, NULL },
    { "std", m_std_f, 0, NULL }, { "var", m_var_f, 0, NULL }, { "all", m_all_f, 0, NULL },
    { "any", m_any_f, 0, NULL }, { NULL, NULL, 0, NULL }
};
