/* bind_more.c — torch functions added late: repeat_interleave, median, cummax/cummin, unique_consecutive, << and >>, as_strided, resize_, as Tensor methods and torch.fn(input, ...). */
#include <string.h>
#include "bind.h"

#define SELF(args) wk_bind_t((args)[0])
#define PARSE(name, spec, out) wk_args_parse(name, args + 1, nargs - 1, kw, spec, out)
#define GIVEN(v) (!WK_IS_NULL(v) && !WK_IS_NONE(v))

/* ================================================================ repeat_interleave */

/* The int64 values of a 1-D integer CPU tensor as a contiguous tensor (new reference). */
static wk_tensor *int_values(wk_tensor *t) {
    if (t->dtype != WK_DT_I64 && t->dtype != WK_DT_I32) {
        wk_rt_err(WK_ERR_RUNTIME, "\"repeat_interleave_cpu\" not implemented for '%s'", wk_dtype_scalar_name(t->dtype));
        return NULL;
    }
    if (t->storage->device.type != WK_DEV_CPU) {
        wk_rt_err(WK_ERR_NOTIMPL, "repeat_interleave with CUDA repeats is not supported in wick yet");
        return NULL;
    }
    wk_tensor *l = wk_op_to_dtype(t, WK_DT_I64, false);
    if (!l) return NULL;
    wk_tensor *c = wk_tensor_contiguous(l);
    wk_tensor_decref(l);
    return c;
}

/* torch.repeat_interleave(repeats): [0]*r0 + [1]*r1 + ... in repeats' dtype. */
static wk_tensor *ri_index(wk_tensor *reps) {
    if (reps->ndim != 1) { wk_rt_err(WK_ERR_RUNTIME, "repeat_interleave only accept 1D vector as repeat"); return NULL; }
    wk_tensor *v = int_values(reps);
    if (!v) return NULL;
    const int64_t *r = wk_tensor_data(v);
    int64_t n = reps->shape[0], total = 0;
    for (int64_t i = 0; i < n; i++) {
        if (r[i] < 0) { wk_tensor_decref(v); wk_rt_err(WK_ERR_RUNTIME, "repeats can not be negative"); return NULL; }
        total += r[i];
    }
    wk_tensor *idx = wk_tensor_empty(1, &total, WK_DT_I64, WK_CPU);
    if (idx) {
        int64_t *o = wk_tensor_data(idx);
        for (int64_t i = 0; i < n; i++)
            for (int64_t k = 0; k < r[i]; k++) *o++ = i;
    }
    wk_tensor_decref(v);
    if (!idx || reps->dtype == WK_DT_I64) return idx;
    wk_tensor *cast = wk_op_to_dtype(idx, reps->dtype, false);
    wk_tensor_decref(idx);
    return cast;
}

/* input.index_select(dim, repeat_interleave(repeats broadcast to input.size(dim))), as PyTorch
 * composes it (grad_fn IndexSelectBackward0); dim NULL flattens input first. */
static wk_tensor *repeat_interleave(wk_tensor *self, wk_tensor *reps, const int64_t *dim) {
    int d = 0;
    wk_tensor *in = dim ? wk_tensor_incref(self) : wk_op_flatten(self, 0, -1);
    if (!in) return NULL;
    if (dim && in->ndim == 0) {
        wk_tensor_decref(in);
        wk_rt_err(WK_ERR_INDEX, "Dimension specified as %lld but tensor has no dimensions", (long long)*dim);
        return NULL;
    }
    if (dim && !wk_wrap_dim(*dim, in->ndim, &d)) { wk_tensor_decref(in); return NULL; }
    int64_t size = in->ndim ? in->shape[d] : 1;
    wk_tensor *full = NULL;
    if (reps->ndim == 0 || (reps->ndim == 1 && reps->shape[0] == 1)) {
        int64_t one = 1;
        wk_tensor *r1 = wk_op_reshape(reps, 1, &one);
        full = r1 ? wk_op_expand(r1, 1, &size) : NULL;
        wk_tensor_decref(r1);
    } else if (reps->ndim == 1) {
        if (reps->shape[0] != size) wk_rt_err(WK_ERR_RUNTIME, "repeats must have the same size as input along dim");
        else full = wk_tensor_incref(reps);
    } else {
        wk_rt_err(WK_ERR_RUNTIME, "repeats must be 0-dim or 1-dim tensor");
    }
    wk_tensor *idx = full ? ri_index(full) : NULL, *out = NULL;
    if (idx) out = wk_op_index_select(in, d, idx);
    wk_tensor_decref(full);
    wk_tensor_decref(idx);
    wk_tensor_decref(in);
    return out;
}

static wk_value m_repeat_interleave(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[3] = { WK_NULLV, WK_NULLV, WK_NULLV };
    if (!PARSE("repeat_interleave", "|repeats dim $output_size", a)) return WK_NULLV;
    if (WK_IS_NULL(a[0])) {   /* torch.repeat_interleave(repeats) */
        if (GIVEN(a[1])) return wk_raise(wk_exc_TypeError, "repeat_interleave() missing required argument 'repeats'");
        return wk_bind_wrap(ri_index(SELF(args)));
    }
    int64_t dim = 0;
    if (GIVEN(a[1]) && !wk_bind_int_arg("repeat_interleave", "dim", a[1], &dim)) return WK_NULLV;
    wk_tensor *reps;
    if (wk_bind_is_tensor(a[0])) {
        reps = wk_tensor_incref(wk_bind_t(a[0]));
    } else if (WK_IS_INT(a[0]) && !WK_IS_BOOL(a[0])) {
        int64_t one = 1;
        reps = wk_tensor_empty(1, &one, WK_DT_I64, WK_CPU);
        if (!reps) return wk_bind_rt_raise();
        *(int64_t *)wk_tensor_data(reps) = a[0].u.i;
    } else {
        return wk_raise(wk_exc_TypeError, "repeat_interleave() received an invalid combination of arguments - got (%s), "
                        "but expected one of:\n * (Tensor repeats, int dim, *, int output_size)\n"
                        " * (int repeats, int dim, *, int output_size)\n", wk_typename(a[0]));
    }
    wk_tensor *out = repeat_interleave(SELF(args), reps, GIVEN(a[1]) ? &dim : NULL);
    wk_tensor_decref(reps);
    return wk_bind_wrap(out);
}

/* ================================================================ median, cummax, cummin, unique_consecutive */

static wk_value m_median(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2] = { WK_NULLV, WK_NULLV };
    if (!PARSE("median", "|dim keepdim", a)) return WK_NULLV;
    if (WK_IS_NULL(a[0])) {
        if (!WK_IS_NULL(a[1])) return wk_raise(wk_exc_TypeError, "median() missing required argument 'dim'");
        return wk_bind_wrap(wk_op_median(SELF(args)));
    }
    int64_t dim;
    bool keep;
    if (!wk_bind_int_arg("median", "dim", a[0], &dim) || !wk_bind_bool_arg(a[1], false, &keep)) return WK_NULLV;
    wk_tensor *v, *ix;
    if (!wk_op_median_dim(SELF(args), dim, keep, &v, &ix)) return wk_bind_rt_raise();
    return wk_bind_return_pair("median", v, ix);
}

static wk_value cum_call(const wk_value *args, int nargs, wk_obj *kw, bool mx) {
    const char *f = mx ? "cummax" : "cummin";
    wk_value a[1] = { WK_NULLV };
    if (!PARSE(f, "|dim", a)) return WK_NULLV;
    if (WK_IS_NULL(a[0]))
        return wk_raise(wk_exc_TypeError, "%s() received an invalid combination of arguments - got (), but expected one of:\n"
                        " * (int dim)\n * (name dim)\n", f);
    int64_t dim;
    wk_tensor *v, *ix;
    if (!wk_bind_int_arg(f, "dim", a[0], &dim)) return WK_NULLV;
    if (!(mx ? wk_op_cummax : wk_op_cummin)(SELF(args), dim, &v, &ix)) return wk_bind_rt_raise();
    return wk_bind_return_pair(f, v, ix);
}
static wk_value m_cummax(const wk_value *args, int nargs, wk_obj *kw) { return cum_call(args, nargs, kw, true); }
static wk_value m_cummin(const wk_value *args, int nargs, wk_obj *kw) { return cum_call(args, nargs, kw, false); }

static wk_value m_unique_consecutive(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[3];
    bool inv, cnt;
    if (!PARSE("unique_consecutive", "|return_inverse return_counts dim", a) || !wk_bind_bool_arg(a[0], false, &inv) ||
        !wk_bind_bool_arg(a[1], false, &cnt))
        return WK_NULLV;
    if (GIVEN(a[2])) return wk_raise(wk_exc_NotImplementedError, "unique_consecutive(dim=...) is not supported in wick yet");
    wk_tensor *out[3] = { NULL, NULL, NULL };
    if (!wk_op_unique_consecutive(SELF(args), inv, cnt, &out[0], &out[1], &out[2])) return wk_bind_rt_raise();
    if (!inv && !cnt) return wk_bind_wrap(out[0]);
    wk_tensor *res[3];
    int n = 0;
    for (int i = 0; i < 3; i++) if (out[i]) res[n++] = out[i];
    return wk_bind_tuple_of(res, n);
}

/* ================================================================ << and >> */

/* x truncated to dt's width (x86 wrap-around, as PyTorch's kernels store). */
static int64_t wrap_to(int64_t x, wk_dtype dt) {
    switch (dt) {
    case WK_DT_U8: return (uint8_t)x;
    case WK_DT_I8: return (int8_t)x;
    case WK_DT_I16: return (int16_t)x;
    case WK_DT_I32: return (int32_t)x;
    default: return x;
    }
}

/* PyTorch 2.x's CPU kernels (1.13 left counts past the width undefined): a count that is negative
 * (read as signed) or >= the width gives 0 for <<; for >> it shifts by width-1 (sign fill) for
 * signed types and gives 0 for uint8; otherwise (unsigned)a << b truncated, and a >> b. */
static int64_t shift1(int64_t a, int64_t b, bool left, wk_dtype dt) {
    a = wrap_to(a, dt);
    b = wrap_to(b, dt);
    int width = (int)wk_dtype_size(dt) * 8;
    int64_t sb = dt == WK_DT_U8 ? (int8_t)b : b;
    if (left) {
        if (sb < 0 || b >= width) return 0;
        uint64_t ua = width == 64 ? (uint64_t)a : (uint64_t)a & ((UINT64_C(1) << width) - 1);
        return wrap_to((int64_t)(ua << b), dt);
    }
    int max_shift = width - (dt != WK_DT_U8);
    if (sb < 0 || b >= max_shift) b = max_shift;
    return b >= 64 ? 0 : a >> b;
}

/* v as an int64 tensor broadcast to shape, contiguous, without history. */
static wk_tensor *as_i64(wk_tensor *v, int nd, const int64_t *shape) {
    wk_tensor *e = wk_tensor_expand(v, nd, shape);
    wk_tensor *c = e ? wk_op_to_dtype(e, WK_DT_I64, true) : NULL;
    wk_tensor *r = c ? wk_tensor_contiguous(c) : NULL;
    wk_tensor_decref(e);
    wk_tensor_decref(c);
    return r;
}

static wk_tensor *shift_op(wk_tensor *a, wk_tensor *b, bool left) {
    wk_result_type rt;
    wk_result_type_init(&rt);
    wk_result_type_tensor(&rt, a->dtype, a->ndim);
    wk_result_type_tensor(&rt, b->dtype, b->ndim);
    wk_dtype dt = wk_result_type_get(&rt);
    if (!wk_dtype_is_integral(dt)) {
        wk_rt_err(WK_ERR_RUNTIME, "\"%s_cpu\" not implemented for '%s'", left ? "lshift" : "rshift", wk_dtype_scalar_name(dt));
        return NULL;
    }
    if (wk_tensor_device(a).type != WK_DEV_CPU || wk_tensor_device(b).type != WK_DEV_CPU) {
        wk_rt_err(WK_ERR_NOTIMPL, "<< and >> on CUDA tensors are not supported in wick yet");
        return NULL;
    }
    int nd;
    int64_t shape[WK_MAX_DIMS];
    if (!wk_broadcast_shapes(a->ndim, a->shape, b->ndim, b->shape, &nd, shape)) return NULL;
    wk_tensor *x = as_i64(a, nd, shape), *y = x ? as_i64(b, nd, shape) : NULL, *r = NULL;
    if (y) {
        int64_t n = wk_tensor_numel(x), *xv = wk_tensor_data(x);
        const int64_t *yv = wk_tensor_data(y);
        for (int64_t i = 0; i < n; i++) xv[i] = shift1(xv[i], yv[i], left, dt);
        r = wk_op_to_dtype(x, dt, false);
    }
    wk_tensor_decref(x);
    wk_tensor_decref(y);
    return r;
}

/* A tensor, or a Python number as a wrapped 0-dim tensor (new reference); NULL if neither. */
static wk_tensor *shift_operand(wk_value v) {
    if (wk_bind_is_tensor(v)) return wk_tensor_incref(wk_bind_t(v));
    wk_scalar s;
    if (!wk_bind_is_number(v) || !wk_bind_scalar(v, &s)) return NULL;
    return wk_bind_scalar_tensor(s);
}

/* a << b (or >>, swapped for __rlshift__); NotImplemented for non-numbers; in place into a. */
static wk_value shift_values(wk_value a, wk_value b, bool left, bool inplace) {
    wk_tensor *x = shift_operand(a), *y = x ? shift_operand(b) : NULL;
    if (!y) { wk_tensor_decref(x); return wk_notimplemented(); }
    wk_tensor *r = shift_op(x, y, left);
    wk_tensor_decref(x);
    wk_tensor_decref(y);
    if (!inplace || !r) return wk_bind_wrap(r);
    wk_tensor *self = wk_bind_t(a);
    bool ok = true;
    if (!wk_dtype_can_cast(r->dtype, self->dtype))
        ok = wk_rt_err(WK_ERR_RUNTIME, "result type %s can't be cast to the desired output type %s",
                       wk_dtype_scalar_name(r->dtype), wk_dtype_scalar_name(self->dtype));
    else if (r->ndim != self->ndim || memcmp(r->shape, self->shape, (size_t)r->ndim * sizeof(int64_t))) {
        char x[256], y[256];
        wk_shape_str(x, sizeof x, self->ndim, self->shape);
        wk_shape_str(y, sizeof y, r->ndim, r->shape);
        ok = wk_rt_err(WK_ERR_RUNTIME, "output with shape %s doesn't match the broadcast shape %s", x, y);
    }
    ok = ok && wk_op_copy_(self, r);
    wk_tensor_decref(r);
    return ok ? wk_incref(a) : wk_bind_rt_raise();
}

static wk_value nb_lshift(wk_value a, wk_value b) { return shift_values(a, b, true, false); }
static wk_value nb_rshift(wk_value a, wk_value b) { return shift_values(a, b, false, false); }
static wk_value nbi_lshift(wk_value a, wk_value b) { return shift_values(a, b, true, true); }
static wk_value nbi_rshift(wk_value a, wk_value b) { return shift_values(a, b, false, true); }

/* Methods: which 0 << / 1 >> ; +2 reflected (other op self); +4 in place. */
static wk_value shift_method(const wk_value *args, int nargs, wk_obj *kw, const char *f, int which) {
    wk_value a[1];
    if (!PARSE(f, "other", a)) return WK_NULLV;
    if (!wk_bind_is_tensor(a[0]) && !wk_bind_is_number(a[0]))
        return wk_raise(wk_exc_TypeError, "%s(): argument 'other' must be Tensor or Number, not %s", f, wk_typename(a[0]));
    bool left = !(which & 1);
    if (which & 2) return shift_values(a[0], args[0], left, false);
    return shift_values(args[0], a[0], left, which & 4);
}
#define SHIFT_M(fn, name, which) \
    static wk_value fn(const wk_value *args, int nargs, wk_obj *kw) { return shift_method(args, nargs, kw, name, which); }
SHIFT_M(m_lshift, "__lshift__", 0) SHIFT_M(m_rshift, "__rshift__", 1) SHIFT_M(m_rlshift, "__rlshift__", 2)
SHIFT_M(m_rrshift, "__rrshift__", 3) SHIFT_M(m_ilshift, "__ilshift__", 4) SHIFT_M(m_irshift, "__irshift__", 5)
SHIFT_M(m_bls, "bitwise_left_shift", 0) SHIFT_M(m_brs, "bitwise_right_shift", 1)
SHIFT_M(m_bls_, "bitwise_left_shift_", 4) SHIFT_M(m_brs_, "bitwise_right_shift_", 5)

bool wk_bind_more_init(wk_type *t) {
    t->nb[WK_NB_LSHIFT] = nb_lshift;
    t->nb[WK_NB_RSHIFT] = nb_rshift;
    t->nb_inplace[WK_NB_LSHIFT] = nbi_lshift;
    t->nb_inplace[WK_NB_RSHIFT] = nbi_rshift;
    return true;
}

/* ================================================================ as_strided, resize_ */

/* Elements of storage that (size, stride, offset) reaches: 0 for an empty view; false when that
 * many elements of item bytes overflow. */
static bool strided_extent(int nd, const int64_t *size, const int64_t *stride, int64_t offset, int64_t item, int64_t *need) {
    int64_t last = 0;
    bool over = false;
    for (int i = 0; i < nd; i++) {
        if (size[i] == 0) { *need = 0; return true; }
        int64_t step;
        over |= __builtin_mul_overflow(size[i] - 1, stride[i], &step) || __builtin_add_overflow(last, step, &last);
    }
    int64_t bytes;
    over |= __builtin_add_overflow(last, offset + 1, need) || __builtin_mul_overflow(*need, item, &bytes);
    return !over;
}

static wk_value m_as_strided(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[3];
    int nd, ns;
    int64_t size[WK_MAX_DIMS], stride[WK_MAX_DIMS], need;
    wk_tensor *t = SELF(args);
    if (!PARSE("as_strided", "size stride|storage_offset", a) || !wk_bind_int_list("as_strided", a[0], &nd, size, WK_MAX_DIMS) ||
        !wk_bind_int_list("as_strided", a[1], &ns, stride, WK_MAX_DIMS))
        return WK_NULLV;
    int64_t off = t->offset;
    if (GIVEN(a[2]) && !wk_bind_int_arg("as_strided", "storage_offset", a[2], &off)) return WK_NULLV;
    if (nd != ns) return wk_raise(wk_exc_RuntimeError, "mismatch in length of strides and shape");
    char sz[256], st[256];
    wk_shape_str(sz, sizeof sz, nd, size);
    wk_shape_str(st, sizeof st, nd, stride);
    for (int i = 0; i < nd; i++)
        if (stride[i] < 0)
            return wk_raise(wk_exc_RuntimeError, "as_strided: Negative strides are not supported at the moment, got strides: %s", st);
    if (off < 0) return wk_raise(wk_exc_RuntimeError, "Tensor: invalid storage offset %lld", (long long)off);
    for (int i = 0; i < nd; i++)
        if (size[i] < 0)
            return wk_raise(wk_exc_RuntimeError, "Storage size calculation overflowed with sizes=%s and strides=%s", sz, st);
    int64_t item = (int64_t)wk_dtype_size(t->dtype), have = (int64_t)t->storage->nbytes / item;
    if (!strided_extent(nd, size, stride, 0, item, &need))
        return wk_raise(wk_exc_RuntimeError, "Storage size calculation overflowed with sizes=%s and strides=%s", sz, st);
    if (!strided_extent(nd, size, stride, off, item, &need) || need > have)
        return wk_raise(wk_exc_RuntimeError, "setStorage: sizes %s, strides %s, storage offset %lld, and itemsize %lld requiring a "
                        "storage size of %lld are out of bounds for storage of size %lld", sz, st, (long long)off,
                        (long long)item, (long long)(need * item), (long long)(have * item));
    return wk_bind_wrap(wk_op_as_strided(t, nd, size, stride, off));
}

/* Swaps the memory of two storages (the tensors and views on each keep their storage object). */
static void storage_swap(wk_storage *x, wk_storage *y) {
    wk_storage tmp = *x;
    x->data = y->data, x->nbytes = y->nbytes, x->allocator = y->allocator, x->release = y->release, x->release_ctx = y->release_ctx;
    y->data = tmp.data, y->nbytes = tmp.nbytes, y->allocator = tmp.allocator, y->release = tmp.release, y->release_ctx = tmp.release_ctx;
}

/* t.resize_(shape): contiguous strides from t's offset; storage grown in place when too small
 * (new elements uninitialised, as in PyTorch). */
static bool resize_tensor(wk_tensor *t, int nd, const int64_t *shape) {
    if (t->requires_grad) return wk_rt_err(WK_ERR_RUNTIME, "cannot resize variables that require grad");
    int64_t numel = 1, need;
    for (int i = 0; i < nd; i++)
        if (shape[i] < 0 || __builtin_mul_overflow(numel, shape[i], &numel))
            return wk_rt_err(WK_ERR_RUNTIME, "numel: integer multiplication overflow");
    size_t item = wk_dtype_size(t->dtype);
    need = numel ? t->offset + numel : 0;
    if ((size_t)need * item > t->storage->nbytes) {
        if (t->storage->device.type != WK_DEV_CPU)
            return wk_rt_err(WK_ERR_NOTIMPL, "resize_() growing a CUDA tensor is not supported in wick yet");
        wk_tensor *grown = wk_tensor_empty(1, &need, t->dtype, WK_CPU);
        if (!grown) return false;
        if (t->storage->nbytes) memcpy(grown->storage->data, t->storage->data, t->storage->nbytes);
        storage_swap(t->storage, grown->storage);
        wk_tensor_decref(grown);
    }
    int64_t acc = 1;
    t->ndim = nd;
    for (int i = nd - 1; i >= 0; i--) {
        t->shape[i] = shape[i];
        t->stride[i] = acc;
        acc *= shape[i] > 1 ? shape[i] : 1;
    }
    return true;
}

static wk_value m_resize_(const wk_value *args, int nargs, wk_obj *kw) {
    int nd;
    int64_t shape[WK_MAX_DIMS];
    wk_value mf[1];
    if (!wk_bind_kwargs("resize_", args + 1, nargs - 1, kw, "$memory_format", mf)) return WK_NULLV;
    if (GIVEN(mf[0])) return wk_raise(wk_exc_NotImplementedError, "resize_(memory_format=...) is not supported in wick yet");
    if (!wk_bind_shape_args("resize_", args + 1, nargs - 1, &nd, shape)) return WK_NULLV;
    if (!resize_tensor(SELF(args), nd, shape)) return wk_bind_rt_raise();
    return wk_incref(args[0]);
}

static wk_value m_resize_as_(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    wk_tensor *other;
    if (!PARSE("resize_as_", "the_template|$memory_format", a) || !wk_bind_tensor_arg("resize_as_", "the_template", 2, a[0], &other))
        return WK_NULLV;
    if (!resize_tensor(SELF(args), other->ndim, other->shape)) return wk_bind_rt_raise();
    return wk_incref(args[0]);
}

/* ================================================================ table */

const wk_methoddef wk_bind_more_methods[] = {
    { "repeat_interleave", m_repeat_interleave, 0, NULL },
    { "median", m_median, 0, NULL }, { "cummax", m_cummax, 0, NULL }, { "cummin", m_cummin, 0, NULL },
    { "unique_consecutive", m_unique_consecutive, 0, NULL },
    { "__lshift__", m_lshift, 0, NULL }, { "__rshift__", m_rshift, 0, NULL }, { "__rlshift__", m_rlshift, 0, NULL },
    { "__rrshift__", m_rrshift, 0, NULL }, { "__ilshift__", m_ilshift, 0, NULL }, { "__irshift__", m_irshift, 0, NULL },
    { "bitwise_left_shift", m_bls, 0, NULL }, { "bitwise_right_shift", m_brs, 0, NULL },
    { "bitwise_left_shift_", m_bls_, 0, NULL }, { "bitwise_right_shift_", m_brs_, 0, NULL },
    { "as_strided", m_as_strided, 0, NULL }, { "resize_", m_resize_, 0, NULL }, { "resize_as_", m_resize_as_, 0, NULL },
    { NULL, NULL, 0, NULL }
};
