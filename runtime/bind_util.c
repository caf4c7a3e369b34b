/* bind_util.c — argument helpers of the torch bindings: runtime errors to exceptions, numbers, shapes, dims, keywords. */
#include <string.h>
#include "bind.h"

static wk_type *errkind_type(wk_errkind k) {
    switch (k) {
    case WK_ERR_INDEX: return wk_exc_IndexError;
    case WK_ERR_VALUE: return wk_exc_ValueError;
    case WK_ERR_TYPE: return wk_exc_TypeError;
    case WK_ERR_ASSERTION: return wk_exc_AssertionError;
    case WK_ERR_NOTIMPL: return wk_exc_NotImplementedError;
    default: return wk_exc_RuntimeError;
    }
}

wk_value wk_bind_rt_raise(void) {
    if (wk_err_occurred()) { wk_rt_errclear(); return WK_NULLV; }   /* a wick error (hook) wins */
    wk_errkind k = wk_rt_errkind();
    if (k == WK_ERR_NONE) return wk_raise(wk_exc_RuntimeError, "unknown runtime error");
    wk_type *t = errkind_type(k);
    if (k == WK_ERR_OOM && !strncmp(wk_rt_errmsg(), "CUDA out of memory", 18) && wk_bind_cuda_oom_type())
        t = wk_bind_cuda_oom_type();
    wk_raise(t, "%s", wk_rt_errmsg());
    wk_rt_errclear();
    return WK_NULLV;
}

bool wk_bind_rt_fail(void) { wk_bind_rt_raise(); return false; }

bool wk_bind_is_number(wk_value v) { return WK_IS_INT(v) || WK_IS_FLOAT(v) || WK_IS_BOOL(v); }

bool wk_bind_scalar(wk_value v, wk_scalar *out) {
    switch (v.tag) {
    case WK_BOOL: *out = wk_scalar_bool(v.u.i != 0); return true;
    case WK_INT: *out = wk_scalar_int(v.u.i); return true;
    case WK_FLOAT: *out = wk_scalar_float(v.u.f); return true;
    default: break;
    }
    if (wk_bind_is_tensor(v)) {
        wk_tensor *t = wk_bind_t(v);
        if (wk_tensor_numel(t) != 1) {
            wk_raise(wk_exc_RuntimeError, "a Tensor with %lld elements cannot be converted to Scalar",
                     (long long)wk_tensor_numel(t));
            return false;
        }
        wk_tensor *h = wk_tensor_to_device(t, WK_CPU);
        if (!h) return wk_bind_rt_fail();
        *out = wk_tensor_get_flat(h, 0);
        wk_tensor_decref(h);
        return true;
    }
    wk_raise(wk_exc_TypeError, "expected a number, not '%s'", wk_typename(v));
    return false;
}

wk_value wk_bind_scalar_value(wk_scalar s) {
    switch (s.kind) {
    case WK_SCALAR_BOOL: return wk_bool(s.v.b);
    case WK_SCALAR_INT: return wk_int(s.v.i);
    default: return wk_float(s.v.f);
    }
}

wk_tensor *wk_bind_scalar_tensor(wk_scalar s) {
    wk_tensor *t = wk_tensor_scalar(s, wk_scalar_dtype(s), WK_CPU);
    if (!t) wk_bind_rt_raise();
    return t;
}

wk_tensor *wk_bind_as_operand(wk_value v, bool *wrapped) {
    if (wrapped) *wrapped = false;
    if (wk_bind_is_tensor(v)) return wk_tensor_incref(wk_bind_t(v));
    wk_scalar s;
    if (!wk_bind_is_number(v)) {
        wk_raise(wk_exc_TypeError, "expected Tensor as element 0 in argument 0, but got %s", wk_typename(v));
        return NULL;
    }
    wk_bind_scalar(v, &s);
    if (wrapped) *wrapped = true;
    return wk_bind_scalar_tensor(s);
}

bool wk_bind_tensor_arg(const char *fname, const char *arg, int pos, wk_value v, wk_tensor **out) {
    if (wk_bind_is_tensor(v)) { *out = wk_bind_t(v); return true; }
    wk_raise(wk_exc_TypeError, "%s(): argument '%s' (position %d) must be Tensor, not %s", fname, arg,
             pos, wk_typename(v));
    return false;
}

bool wk_bind_int_arg(const char *fname, const char *arg, wk_value v, int64_t *out) {
    if (WK_IS_INT(v) || WK_IS_BOOL(v)) { *out = v.u.i; return true; }
    if (wk_bind_is_tensor(v) && wk_tensor_numel(wk_bind_t(v)) == 1 &&
        !wk_dtype_is_float(wk_bind_t(v)->dtype)) {
        wk_scalar s;
        if (!wk_bind_scalar(v, &s)) return false;
        *out = wk_scalar_to_i64(s);
        return true;
    }
    wk_raise(wk_exc_TypeError, "%s(): argument '%s' must be int, not %s", fname, arg, wk_typename(v));
    return false;
}

bool wk_bind_bool_arg(wk_value v, bool dflt, bool *out) {
    if (WK_IS_NULL(v) || WK_IS_NONE(v)) { *out = dflt; return true; }
    int r = wk_truthy(v);
    if (r < 0) return false;
    *out = r != 0;
    return true;
}

static const wk_value g_no_items[1];

/* Items of a list or tuple (borrowed; never NULL for an empty one), or NULL. */
static const wk_value *seq_items(wk_value v, int64_t *n) {
    if (!WK_IS_OBJ(v)) return NULL;
    if (wk_isinstance_t(v, &wk_type_tuple)) { *n = WK_TUPLE(v.u.o)->len; return *n ? WK_TUPLE(v.u.o)->items : g_no_items; }
    if (wk_isinstance_t(v, &wk_type_list)) { *n = WK_LIST(v.u.o)->len; return *n ? WK_LIST(v.u.o)->items : g_no_items; }
    return NULL;
}

static bool shape_item(const char *fname, wk_value v, int pos, int64_t *out) {
    if (WK_IS_INT(v) || WK_IS_BOOL(v)) { *out = v.u.i; return true; }
    if (wk_bind_is_tensor(v) && wk_tensor_numel(wk_bind_t(v)) == 1 &&
        !wk_dtype_is_float(wk_bind_t(v)->dtype) && wk_bind_t(v)->dtype != WK_DT_BOOL) {
        wk_scalar s;
        if (!wk_bind_scalar(v, &s)) return false;
        *out = wk_scalar_to_i64(s);
        return true;
    }
    wk_raise(wk_exc_TypeError, "%s(): argument 'size' (position %d) must be tuple of ints, but found element of type %s at pos %d",
             fname, 1, wk_typename(v), pos);
    return false;
}

bool wk_bind_shape_seq(const char *fname, wk_value seq, int *ndim, int64_t *shape) {
    int64_t n;
    const wk_value *items = seq_items(seq, &n);
    if (!items) {
        wk_raise(wk_exc_TypeError, "%s(): argument 'size' (position 1) must be tuple of ints, not %s", fname,
                 wk_typename(seq));
        return false;
    }
    if (n > WK_MAX_DIMS) {
        wk_raise(wk_exc_RuntimeError, "Number of dimensions of tensor must be at most %d", WK_MAX_DIMS);
        return false;
    }
    for (int64_t i = 0; i < n; i++)
        if (!shape_item(fname, items[i], (int)i, &shape[i])) return false;
    *ndim = (int)n;
    return true;
}

bool wk_bind_shape_args(const char *fname, const wk_value *args, int nargs, int *ndim, int64_t *shape) {
    if (nargs == 1 && !WK_IS_INT(args[0]) && !WK_IS_BOOL(args[0]) && !wk_bind_is_tensor(args[0]))
        return wk_bind_shape_seq(fname, args[0], ndim, shape);
    if (nargs > WK_MAX_DIMS) {
        wk_raise(wk_exc_RuntimeError, "Number of dimensions of tensor must be at most %d", WK_MAX_DIMS);
        return false;
    }
    for (int i = 0; i < nargs; i++) {
        if (!WK_IS_INT(args[i]) && !WK_IS_BOOL(args[i]) && !wk_bind_is_tensor(args[i])) {
            wk_raise(wk_exc_TypeError, "%s(): argument 'size' must be tuple of ints, but found element of type %s at pos %d",
                     fname, wk_typename(args[i]), i);
            return false;
        }
        if (!shape_item(fname, args[i], i, &shape[i])) return false;
    }
    *ndim = nargs;
    return true;
}

bool wk_bind_int_list(const char *fname, wk_value v, int *n, int64_t *out, int cap) {
    if (WK_IS_INT(v) || WK_IS_BOOL(v)) { out[0] = v.u.i; *n = 1; return true; }
    int64_t len;
    const wk_value *items = seq_items(v, &len);
    if (!items) {
        wk_raise(wk_exc_TypeError, "%s(): argument 'dim' must be tuple of ints, not %s", fname, wk_typename(v));
        return false;
    }
    if (len > cap) {
        wk_raise(wk_exc_RuntimeError, "%s(): too many dims", fname);
        return false;
    }
    for (int64_t i = 0; i < len; i++) {
        if (!WK_IS_INT(items[i]) && !WK_IS_BOOL(items[i])) {
            wk_raise(wk_exc_TypeError, "%s(): argument 'dim' must be tuple of ints, but found element of type %s at pos %lld",
                     fname, wk_typename(items[i]), (long long)i);
            return false;
        }
        out[i] = items[i].u.i;
    }
    *n = (int)len;
    return true;
}

bool wk_bind_kwargs(const char *fname, const wk_value *args, int nargs, wk_obj *kwnames,
                    const char *spec, wk_value *out) {
    return wk_args_parse(fname, args + nargs, 0, kwnames, spec, out);
}

wk_value wk_bind_tuple_of(wk_tensor **ts, int64_t n) {
    wk_obj *tup = wk_tuple_new(n);
    int64_t i = 0;
    for (; tup && i < n; i++) {
        wk_value w = wk_bind_wrap(ts[i]);
        ts[i] = NULL;
        if (WK_IS_NULL(w)) { wk_obj_decref(tup); tup = NULL; i++; break; }
        wk_tuple_set_steal(tup, i, w);
    }
    for (; i < n; i++) wk_tensor_decref(ts[i]);
    return wk_objv(tup);
}

bool wk_bind_device_check(wk_device d) {
    if (d.type == WK_DEV_CPU) return true;
    return wk_bind_cuda_device_check(d);
}
