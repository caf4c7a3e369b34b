/* np_module.c — the numpy module object: creation functions (array, zeros, arange, linspace, ...), ufunc-style helpers and dtype names. */
#include <math.h>
#include <string.h>
#include "np.h"
#include "bind.h"

static bool dtype_opt(wk_value v, wk_dtype dflt, wk_dtype *out) {
    *out = dflt;
    if (WK_IS_NULL(v) || WK_IS_NONE(v)) return true;
    return wk_np_dtype_arg(v, out);
}

static bool shape_arg(wk_value v, int *nd, int64_t *shape) {
    if (WK_IS_INT(v)) {
        if (v.u.i < 0) { wk_raise(wk_exc_ValueError, "negative dimensions are not allowed"); return false; }
        *nd = 1; shape[0] = v.u.i; return true;
    }
    if (!wk_bind_shape_seq("zeros", v, nd, shape)) return false;
    for (int i = 0; i < *nd; i++)
        if (shape[i] < 0) { wk_raise(wk_exc_ValueError, "negative dimensions are not allowed"); return false; }
    return true;
}

static wk_value f_array(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[3]; wk_dtype dt;
    if (!wk_args_parse("array", args, nargs, kw, "object|dtype $copy", a)) return WK_NULLV;
    bool has = !(WK_IS_NULL(a[1]) || WK_IS_NONE(a[1]));
    if (has && !wk_np_dtype_arg(a[1], &dt)) return WK_NULLV;
    if (wk_bind_is_tensor(a[0])) {
        wk_tensor *src = wk_bind_t(a[0]);
        return wk_np_wrap(wk_tensor_to_dtype(src, has ? dt : src->dtype, true));
    }
    wk_tensor *t = wk_np_from_data(a[0], has ? (int)dt : -1);
    return t ? wk_np_wrap(t) : WK_NULLV;
}

static wk_value f_asarray(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2]; wk_dtype dt;
    if (!wk_args_parse("asarray", args, nargs, kw, "a|dtype", a)) return WK_NULLV;
    bool has = !(WK_IS_NULL(a[1]) || WK_IS_NONE(a[1]));
    if (has && !wk_np_dtype_arg(a[1], &dt)) return WK_NULLV;
    if (wk_np_is_ndarray(a[0]) && (!has || wk_np_t(a[0])->dtype == dt)) return wk_incref(a[0]);
    wk_tensor *t = wk_np_as_tensor(a[0], has ? (int)dt : -1);
    return t ? wk_np_wrap(t) : WK_NULLV;
}

static wk_value filled(const char *name, const wk_value *args, int nargs, wk_obj *kw, int which) {
    wk_value a[3]; wk_dtype dt; int nd; int64_t shape[WK_MAX_DIMS];
    const char *spec = which == 2 ? "shape fill_value|dtype" : "shape|dtype";
    if (!wk_args_parse(name, args, nargs, kw, spec, a)) return WK_NULLV;
    wk_value dv = which == 2 ? a[2] : a[1];
    wk_dtype dflt = WK_DT_F64;
    if (which == 2 && WK_IS_INT(a[1])) dflt = WK_DT_I64;
    if (which == 2 && WK_IS_BOOL(a[1])) dflt = WK_DT_BOOL;
    if (!shape_arg(a[0], &nd, shape) || !dtype_opt(dv, dflt, &dt)) return WK_NULLV;
    if (which == 2) {
        wk_scalar s;
        if (!wk_bind_scalar(a[1], &s)) return WK_NULLV;
        return wk_np_wrap(wk_tensor_full(nd, shape, s, dt, WK_CPU));
    }
    return wk_np_wrap(which ? wk_tensor_ones(nd, shape, dt, WK_CPU) : wk_tensor_zeros(nd, shape, dt, WK_CPU));
}

static wk_value f_zeros(const wk_value *a, int n, wk_obj *kw) { return filled("zeros", a, n, kw, 0); }
static wk_value f_ones(const wk_value *a, int n, wk_obj *kw) { return filled("ones", a, n, kw, 1); }
static wk_value f_full(const wk_value *a, int n, wk_obj *kw) { return filled("full", a, n, kw, 2); }
static wk_value f_empty(const wk_value *a, int n, wk_obj *kw) { return filled("empty", a, n, kw, 0); }

static wk_value like(const char *name, const wk_value *args, int nargs, wk_obj *kw, int which) {
    wk_value a[2]; wk_dtype dt;
    if (!wk_args_parse(name, args, nargs, kw, "a|dtype", a)) return WK_NULLV;
    wk_tensor *t = wk_np_as_tensor(a[0], -1);
    if (!t) return WK_NULLV;
    wk_value r = WK_NULLV;
    if (dtype_opt(a[1], t->dtype, &dt))
        r = wk_np_wrap(which ? wk_tensor_ones(t->ndim, t->shape, dt, WK_CPU) : wk_tensor_zeros(t->ndim, t->shape, dt, WK_CPU));
    wk_tensor_decref(t);
    return r;
}
static wk_value f_zeros_like(const wk_value *a, int n, wk_obj *kw) { return like("zeros_like", a, n, kw, 0); }
static wk_value f_ones_like(const wk_value *a, int n, wk_obj *kw) { return like("ones_like", a, n, kw, 1); }

static bool num_arg(wk_value v, double *d, bool *is_float) {
    if (WK_IS_FLOAT(v)) { *is_float = true; *d = v.u.f; return true; }
    int64_t i;
    if (!wk_as_int64(v, &i)) return false;
    *d = (double)i;
    return true;
}

static wk_value f_arange(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[4];
    if (!wk_args_parse("arange", args, nargs, kw, "start|stop step dtype", a)) return WK_NULLV;
    double start = 0, stop, step = 1;
    bool fl = false;
    if (WK_IS_NULL(a[1]) || WK_IS_NONE(a[1])) { if (!num_arg(a[0], &stop, &fl)) return WK_NULLV; }
    else if (!num_arg(a[0], &start, &fl) || !num_arg(a[1], &stop, &fl)) return WK_NULLV;
    if (!WK_IS_NULL(a[2]) && !WK_IS_NONE(a[2]) && !num_arg(a[2], &step, &fl)) return WK_NULLV;
    if (step == 0) return wk_raise(wk_exc_ZeroDivisionError, "division by zero");
    wk_dtype dt;
    if (!dtype_opt(a[3], fl ? WK_DT_F64 : WK_DT_I64, &dt)) return WK_NULLV;
    double len = ceil((stop - start) / step);
    int64_t n = len > 0 ? (int64_t)len : 0;
    wk_tensor *t = wk_tensor_empty(1, &n, dt, WK_CPU);
    if (!t) return wk_bind_rt_raise();
    char *p = wk_tensor_data(t);
    size_t es = wk_dtype_size(dt);
    double delta = (start + step) - start;
    for (int64_t i = 0; i < n; i++) {
        if (fl || wk_dtype_is_float(dt)) wk_dtype_store_f64(dt, p + (size_t)i * es, start + (double)i * delta);
        else wk_dtype_store_i64(dt, p + (size_t)i * es, (int64_t)start + i * (int64_t)step);
    }
    return wk_np_wrap(t);
}

static wk_value f_linspace(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[5];
    if (!wk_args_parse("linspace", args, nargs, kw, "start stop|num endpoint $dtype", a)) return WK_NULLV;
    double start, stop; bool fl = false, endpoint = true; int64_t num = 50;
    if (!num_arg(a[0], &start, &fl) || !num_arg(a[1], &stop, &fl)) return WK_NULLV;
    if (!WK_IS_NULL(a[2]) && !wk_as_int64(a[2], &num)) return WK_NULLV;
    if (num < 0) return wk_raise(wk_exc_ValueError, "Number of samples, %lld, must be non-negative.", (long long)num);
    if (!wk_bind_bool_arg(a[3], true, &endpoint)) return WK_NULLV;
    wk_dtype dt;
    if (!dtype_opt(a[4], WK_DT_F64, &dt)) return WK_NULLV;
    int64_t div = endpoint ? num - 1 : num;
    double delta = stop - start, step = div > 0 ? delta / (double)div : NAN;
    wk_tensor *t = wk_tensor_empty(1, &num, dt, WK_CPU);
    if (!t) return wk_bind_rt_raise();
    char *p = wk_tensor_data(t);
    size_t es = wk_dtype_size(dt);
    for (int64_t i = 0; i < num; i++) {
        double y = div <= 0 ? (double)i * delta : step == 0 ? (double)i / (double)div * delta : (double)i * step;
        y += start;
        if (endpoint && num > 1 && i == num - 1) y = stop;
        if (!wk_dtype_is_float(dt)) y = floor(y);
        wk_dtype_store_f64(dt, p + (size_t)i * es, y);
    }
    return wk_np_wrap(t);
}

static wk_value f_reshape(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    if (!wk_args_parse("reshape", args, nargs, kw, "a newshape", a)) return WK_NULLV;
    wk_tensor *t = wk_np_as_tensor(a[0], -1);
    if (!t) return WK_NULLV;
    wk_value r = wk_np_reshape_v(t, a + 1, 1);
    wk_tensor_decref(t);
    return r;
}

static wk_value f_shape(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!wk_args_parse("shape", args, nargs, kw, "a", a)) return WK_NULLV;
    wk_tensor *t = wk_np_as_tensor(a[0], -1);
    if (!t) return WK_NULLV;
    wk_value arr = wk_np_wrap(t);
    wk_value r = WK_IS_NULL(arr) ? arr : wk_getattr_s(arr, "shape");
    wk_decref(arr);
    return r;
}

/* Elementwise math: float64 for integer input, as NumPy's ufunc loops choose. */
static wk_value umath(const char *name, wk_unary_op op, const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!wk_args_parse(name, args, nargs, kw, "x", a)) return WK_NULLV;
    if (WK_IS_INT(a[0]) || WK_IS_FLOAT(a[0]) || WK_IS_BOOL(a[0])) {
        wk_tensor *t = wk_np_as_tensor(a[0], WK_DT_F64);
        wk_tensor *r = t ? wk_op_unary(op, t) : NULL;
        wk_tensor_decref(t);
        if (!r) return wk_err_occurred() ? WK_NULLV : wk_bind_rt_raise();
        wk_value v = wk_np_scalar(r);
        wk_tensor_decref(r);
        return v;
    }
    wk_tensor *t = wk_np_as_tensor(a[0], -1);
    if (!t) return WK_NULLV;
    bool keep = op == WK_UOP_ABS || op == WK_UOP_NEG;
    wk_tensor *c = wk_dtype_is_float(t->dtype) || keep ? wk_tensor_incref(t) : wk_tensor_to_dtype(t, WK_DT_F64, false);
    wk_tensor_decref(t);
    if (!c) return wk_bind_rt_raise();
    if (op == WK_UOP_ABS && c->dtype == WK_DT_BOOL) return wk_np_wrap(c);  /* NumPy: abs of bool is itself */
    wk_tensor *r = wk_op_unary(op, c);
    wk_tensor_decref(c);
    return wk_np_wrap(r);
}

#define UM(fn, name, op) static wk_value fn(const wk_value *a, int n, wk_obj *kw) { return umath(name, op, a, n, kw); }
UM(f_sqrt, "sqrt", WK_UOP_SQRT)
UM(f_exp, "exp", WK_UOP_EXP)
UM(f_log, "log", WK_UOP_LOG)
UM(f_abs, "absolute", WK_UOP_ABS)
UM(f_sin, "sin", WK_UOP_SIN)
UM(f_cos, "cos", WK_UOP_COS)
UM(f_tanh, "tanh", WK_UOP_TANH)

static wk_value f_dot(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    if (!wk_args_parse("dot", args, nargs, kw, "a b", a)) return WK_NULLV;
    wk_tensor *x = wk_np_as_tensor(a[0], -1), *y = x ? wk_np_as_tensor(a[1], -1) : NULL;
    wk_value r = WK_NULLV;
    if (x && y) {
        wk_value ax = wk_np_wrap(wk_tensor_incref(x)), ay = wk_np_wrap(wk_tensor_incref(y));
        r = wk_binop(WK_NB_MATMUL, ax, ay);
        wk_decref(ax); wk_decref(ay);
    }
    wk_tensor_decref(x); wk_tensor_decref(y);
    return r;
}

static const wk_methoddef np_funcs[] = {
    { "array", f_array, 0, NULL }, { "asarray", f_asarray, 0, NULL }, { "zeros", f_zeros, 0, NULL },
    { "ones", f_ones, 0, NULL }, { "full", f_full, 0, NULL }, { "empty", f_empty, 0, NULL },
    { "zeros_like", f_zeros_like, 0, NULL }, { "ones_like", f_ones_like, 0, NULL },
    { "arange", f_arange, 0, NULL }, { "linspace", f_linspace, 0, NULL }, { "reshape", f_reshape, 0, NULL },
    { "shape", f_shape, 0, NULL }, { "loadtxt", wk_np_loadtxt, 0, NULL },
    { "sqrt", f_sqrt, 0, NULL }, { "exp", f_exp, 0, NULL }, { "log", f_log, 0, NULL },
    { "abs", f_abs, 0, NULL }, { "absolute", f_abs, 0, NULL }, { "sin", f_sin, 0, NULL },
    { "cos", f_cos, 0, NULL }, { "tanh", f_tanh, 0, NULL }, { "dot", f_dot, 0, NULL },
    { "matmul", f_dot, 0, NULL },
    { NULL, NULL, 0, NULL }
};

static bool add_dtypes(wk_obj *m) {
    static const struct { const char *n; wk_dtype dt; } names[] = {
        {"float64", WK_DT_F64}, {"double", WK_DT_F64}, {"float32", WK_DT_F32}, {"single", WK_DT_F32},
        {"float16", WK_DT_F16}, {"half", WK_DT_F16}, {"int64", WK_DT_I64}, {"int32", WK_DT_I32},
        {"int16", WK_DT_I16}, {"int8", WK_DT_I8}, {"uint8", WK_DT_U8}, {"bool_", WK_DT_BOOL},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        wk_value d = wk_np_scalar_type(names[i].dt);
        bool ok = wk_module_add(m, names[i].n, d);
        wk_decref(d);
        if (!ok) return false;
    }
    return wk_module_add(m, "ndarray", wk_objv(&wk_np_ndarray_type.ob)) &&
           wk_module_add(m, "dtype", wk_objv(&wk_np_dtype_type.ob)) &&
           wk_module_add(m, "pi", wk_float(M_PI)) && wk_module_add(m, "e", wk_float(M_E)) &&
           wk_module_add(m, "nan", wk_float(NAN)) && wk_module_add(m, "inf", wk_float(INFINITY)) &&
           wk_module_add(m, "__version__", wk_objv(wk_intern("1.24.2")));
}

wk_obj *wk_mod_numpy_init(void) {
    if (!wk_np_types_init()) return NULL;
    wk_obj *m = wk_module_new("numpy");
    if (!m) return NULL;
    wk_obj *r = NULL;
    if (!wk_module_add_funcs(m, np_funcs) || !wk_module_add_funcs(m, wk_np_reduce_funcs) || !add_dtypes(m) ||
        !(r = wk_np_random_module()) || !wk_module_add(m, "random", wk_objv(r))) {
        wk_obj_decref(r); wk_obj_decref(m);
        return NULL;
    }
    wk_obj_decref(r);
    return m;
}
