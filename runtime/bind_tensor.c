/* bind_tensor.c — the torch.Tensor type: wrapping, printing, properties, conversions, shape and view methods. */
#include <math.h>
#include <string.h>
#include "bind.h"
#include "np.h"

#define SELF(args) wk_bind_t((args)[0])
#define PARSE(name, spec, out) wk_args_parse(name, args + 1, nargs - 1, kw, spec, out)

/* ================================================================ wrapping */

bool wk_bind_is_tensor(wk_value v) {
    return WK_IS_OBJ(v) && (v.u.o->type == &wk_torch_tensor_type ||
                            wk_type_is_subtype(v.u.o->type, &wk_torch_tensor_type));
}

wk_value wk_bind_wrap_as(wk_type *type, wk_tensor *t) {
    if (!t) return wk_bind_rt_raise();
    wk_tensorobj *o = (wk_tensorobj *)wk_obj_alloc(type);
    if (!o) { wk_tensor_decref(t); return WK_NULLV; }
    o->t = t;
    return wk_objv(&o->ob);
}

wk_value wk_bind_wrap(wk_tensor *t) { return wk_bind_wrap_as(&wk_torch_tensor_type, t); }

static void tensor_dealloc(wk_obj *o) {
    wk_tensorobj *to = (wk_tensorobj *)o;
    wk_obj_decref(to->dict);
    wk_tensor_decref(to->t);
    wk_obj_free(o);
}

static wk_value tensor_new(wk_type *type, const wk_value *args, int nargs, wk_obj *kw) {
    return wk_bind_tensor_new(type, args, nargs, kw);
}

/* ================================================================ text */

static wk_value tensor_repr(wk_value self) {
    char suffix[128];
    wk_bind_grad_suffix(wk_bind_t(self), suffix, sizeof suffix);
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_tensor_repr_ex(&sb, wk_bind_t(self), NULL, suffix);
    return wk_str_from_sbuf(&sb);
}

static wk_value item_of(wk_tensor *t);

static wk_value tensor_format(wk_value self, wk_value spec) {
    if (wk_bind_t(self)->ndim == 0 && self.u.o->type == &wk_torch_tensor_type) {
        wk_value x = item_of(wk_bind_t(self));
        if (WK_IS_NULL(x)) return x;
        wk_value r = wk_format(x, spec);
        wk_decref(x);
        return r;
    }
    if (wk_is_str(spec) && WK_STR(spec.u.o)->len == 0) return wk_str(self);
    return wk_raise(wk_exc_TypeError, "unsupported format string passed to Tensor.__format__");
}

/* ================================================================ numbers out of tensors */

static wk_value item_of(wk_tensor *t) {
    int64_t n = wk_tensor_numel(t);
    if (n != 1)
        return wk_raise(wk_exc_RuntimeError, "a Tensor with %lld elements cannot be converted to Scalar", (long long)n);
    wk_scalar s;
    wk_tensor *h = wk_tensor_to_device(t, WK_CPU);
    if (!h) return wk_bind_rt_raise();
    s = wk_tensor_get_flat(h, 0);
    wk_tensor_decref(h);
    return wk_bind_scalar_value(s);
}

static wk_value one_elem(wk_value self) {
    if (wk_tensor_numel(wk_bind_t(self)) != 1)
        return wk_raise(wk_exc_ValueError, "only one element tensors can be converted to Python scalars");
    return item_of(wk_bind_t(self));
}

static wk_value tensor_int(wk_value self) {
    wk_value v = one_elem(self);
    if (WK_IS_FLOAT(v)) {
        double f = v.u.f;
        if (isnan(f)) return wk_raise(wk_exc_ValueError, "cannot convert float NaN to integer");
        if (isinf(f)) return wk_raise(wk_exc_OverflowError, "cannot convert float infinity to integer");
        return wk_int((int64_t)f);
    }
    if (WK_IS_BOOL(v)) return wk_int(v.u.i);
    return v;
}

static wk_value tensor_float(wk_value self) {
    wk_value v = one_elem(self);
    if (WK_IS_INT(v) || WK_IS_BOOL(v)) return wk_float((double)v.u.i);
    return v;
}

static wk_value tensor_index(wk_value self) {
    wk_tensor *t = wk_bind_t(self);
    if (wk_tensor_numel(t) != 1 || wk_dtype_is_float(t->dtype))
        return wk_raise(wk_exc_TypeError, "only integer tensors of a single element can be converted to an index");
    wk_value v = item_of(t);
    return WK_IS_BOOL(v) ? wk_int(v.u.i) : v;
}

/* `item in t`: (t == item).any() for a number or tensor item. */
static int tensor_contains(wk_value self, wk_value item) {
    wk_val v;
    wk_scalar sc;
    if (wk_bind_is_tensor(item)) v = wk_vt(wk_bind_t(item));
    else if (wk_bind_is_number(item) && wk_bind_scalar(item, &sc)) v = wk_vs(sc);
    else {
        wk_raise(wk_exc_RuntimeError, "Tensor.__contains__ only supports Tensor or scalar, but you passed in a <class '%s'>.",
                 wk_typename(item));
        return -1;
    }
    wk_tensor *eq = wk_op_binary(WK_OP_EQ, wk_vt(wk_bind_t(self)), v);
    wk_tensor *any = eq ? wk_op_any(eq, NULL, 0, false) : NULL;
    if (eq) wk_tensor_decref(eq);
    if (!any) { wk_bind_rt_raise(); return -1; }
    int r = wk_scalar_to_i64(wk_tensor_get_flat(any, 0)) != 0;
    wk_tensor_decref(any);
    return r;
}

static int tensor_truth(wk_value self) {
    int64_t n = wk_tensor_numel(wk_bind_t(self));
    if (n == 0) { wk_raise(wk_exc_RuntimeError, "Boolean value of Tensor with no values is ambiguous"); return -1; }
    if (n > 1) { wk_raise(wk_exc_RuntimeError, "Boolean value of Tensor with more than one value is ambiguous"); return -1; }
    wk_value v = item_of(wk_bind_t(self));
    if (WK_IS_NULL(v)) return -1;
    return WK_IS_FLOAT(v) ? v.u.f != 0 : v.u.i != 0;
}

static int64_t tensor_len(wk_value self) {
    wk_tensor *t = wk_bind_t(self);
    if (t->ndim == 0) { wk_raise(wk_exc_TypeError, "len() of a 0-d tensor"); return -1; }
    return t->shape[0];
}

static wk_value tensor_iter(wk_value self) {
    wk_tensor *t = wk_bind_t(self);
    if (t->ndim == 0) return wk_raise(wk_exc_TypeError, "iteration over a 0-d tensor");
    int n = 0;
    wk_tensor **parts = wk_op_unbind(t, 0, &n);
    if (!parts) return wk_bind_rt_raise();
    wk_value tup = wk_bind_tuple_of(parts, n);
    free(parts);
    if (WK_IS_NULL(tup)) return tup;
    wk_value it = wk_iter(tup);
    wk_decref(tup);
    return it;
}

static bool tensor_hash(wk_value self, int64_t *out) {
    *out = (int64_t)((uintptr_t)self.u.o >> 4);
    return true;
}

/* Nested lists of Python numbers. */
static wk_value tolist_rec(wk_tensor *t, int d, int64_t *flat) {
    if (d == t->ndim) return wk_bind_scalar_value(wk_tensor_get_flat(t, (*flat)++));
    wk_obj *l = wk_list_new(0);
    for (int64_t i = 0; l && i < t->shape[d]; i++) {
        wk_value x = tolist_rec(t, d + 1, flat);
        if (WK_IS_NULL(x) || !wk_list_append_steal(l, x)) { wk_obj_decref(l); return WK_NULLV; }
    }
    return wk_objv(l);
}

static wk_value m_item(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_none("item", nargs - 1, kw)) return WK_NULLV;
    return item_of(SELF(args));
}

static wk_value m_tolist(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_none("tolist", nargs - 1, kw)) return WK_NULLV;
    wk_tensor *h = wk_tensor_to_device(SELF(args), WK_CPU);
    if (!h) return wk_bind_rt_raise();
    int64_t flat = 0;
    wk_value r = tolist_rec(h, 0, &flat);
    wk_tensor_decref(h);
    return r;
}

static wk_value m_numpy(const wk_value *args, int nargs, wk_obj *kw) {
    (void)nargs; (void)kw;
    wk_device d = wk_tensor_device(SELF(args));
    if (d.type == WK_DEV_CUDA)
        return wk_raise(wk_exc_TypeError, "can't convert cuda:%d device type tensor to numpy. Use Tensor.cpu() to copy "
                        "the tensor to host memory first.", d.index < 0 ? 0 : d.index);
    if (SELF(args)->requires_grad)
        return wk_raise(wk_exc_RuntimeError, "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
    return wk_np_from_tensor(SELF(args));   /* shares memory with the tensor */
}

/* ================================================================ properties */

static wk_value g_shape(wk_value self) { wk_tensor *t = wk_bind_t(self); return wk_bind_size(t->ndim, t->shape); }
static wk_value g_dtype(wk_value self) { return wk_bind_dtype_obj(wk_bind_t(self)->dtype); }
static wk_value g_device(wk_value self) {
    wk_device d = wk_tensor_device(wk_bind_t(self));
    if (d.type == WK_DEV_CUDA && d.index < 0) d.index = 0;
    return wk_bind_device_obj(d);
}
static wk_value g_ndim(wk_value self) { return wk_int(wk_bind_t(self)->ndim); }
static wk_value g_is_cuda(wk_value self) { return wk_bool(wk_tensor_device(wk_bind_t(self)).type == WK_DEV_CUDA); }
static wk_value g_is_cpu(wk_value self) { return wk_bool(wk_tensor_device(wk_bind_t(self)).type == WK_DEV_CPU); }
static wk_value g_nbytes(wk_value self) {
    wk_tensor *t = wk_bind_t(self);
    return wk_int(wk_tensor_numel(t) * (int64_t)wk_tensor_elsize(t));
}
static wk_value g_itemsize(wk_value self) { return wk_int((int64_t)wk_tensor_elsize(wk_bind_t(self))); }
static wk_value g_T(wk_value self) {
    wk_tensor *t = wk_bind_t(self);
    int64_t dims[WK_MAX_DIMS];
    for (int i = 0; i < t->ndim; i++) dims[i] = t->ndim - 1 - i;
    return wk_bind_wrap(wk_op_permute(t, dims));
}
static wk_value g_mT(wk_value self) {
    wk_tensor *t = wk_bind_t(self);
    if (t->ndim < 2) return wk_raise(wk_exc_RuntimeError, "tensor.mT is only supported on matrices or batches of matrices. Got %d-D tensor.", t->ndim);
    return wk_bind_wrap(wk_op_transpose(t, -2, -1));
}
static wk_value g_data(wk_value self) { return wk_bind_wrap(wk_op_detach(wk_bind_t(self))); }

/* x.data = y: x now views y's storage (shape, strides and dtype too). */
static int s_data(wk_value self, wk_value v) {
    if (!wk_bind_is_tensor(v)) {
        wk_raise(wk_exc_TypeError, "data must be a Tensor, not %s", wk_typename(v));
        return -1;
    }
    wk_tensor *t = wk_bind_t(self), *src = wk_bind_t(v);
    src->storage->refcount++;
    wk_storage_decref(t->storage);
    t->storage = src->storage;
    t->offset = src->offset;
    t->ndim = src->ndim;
    memcpy(t->shape, src->shape, sizeof t->shape);
    memcpy(t->stride, src->stride, sizeof t->stride);
    t->dtype = src->dtype;
    return 0;
}

static const wk_getsetdef tensor_getsets[] = {
    { "shape", g_shape, NULL, NULL },
    { "dtype", g_dtype, NULL, NULL },
    { "device", g_device, NULL, NULL },
    { "ndim", g_ndim, NULL, NULL },
    { "is_cuda", g_is_cuda, NULL, NULL },
    { "is_cpu", g_is_cpu, NULL, NULL },
    { "nbytes", g_nbytes, NULL, NULL },
    { "itemsize", g_itemsize, NULL, NULL },
    { "T", g_T, NULL, NULL },
    { "mT", g_mT, NULL, NULL },
    { "data", g_data, s_data, NULL },
    { NULL, NULL, NULL, NULL }
};

/* ================================================================ simple queries */

static bool opt_dim(const char *f, wk_value v, wk_tensor *t, int *out) {
    int64_t d;
    if (!wk_bind_int_arg(f, "dim", v, &d)) return false;
    if (!wk_wrap_dim(d, t->ndim == 0 ? 1 : t->ndim, out)) return wk_bind_rt_fail();
    return true;
}

static wk_value m_size(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!PARSE("size", "|dim", a)) return WK_NULLV;
    wk_tensor *t = SELF(args);
    if (WK_IS_NULL(a[0]) || WK_IS_NONE(a[0])) return wk_bind_size(t->ndim, t->shape);
    int d;
    if (t->ndim == 0 && (WK_IS_INT(a[0]) || WK_IS_BOOL(a[0])))
        return wk_raise(wk_exc_IndexError, "Dimension specified as %lld but tensor has no dimensions", (long long)a[0].u.i);
    if (!opt_dim("size", a[0], t, &d)) return WK_NULLV;
    return wk_int(t->ndim ? t->shape[d] : 1);
}

static wk_value m_stride(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!PARSE("stride", "|dim", a)) return WK_NULLV;
    wk_tensor *t = SELF(args);
    if (!WK_IS_NULL(a[0]) && !WK_IS_NONE(a[0])) {
        int d;
        if (!opt_dim("stride", a[0], t, &d)) return WK_NULLV;
        return wk_int(t->ndim ? t->stride[d] : 1);
    }
    wk_obj *tup = wk_tuple_new(t->ndim);
    for (int i = 0; tup && i < t->ndim; i++) wk_tuple_set_steal(tup, i, wk_int(t->stride[i]));
    return wk_objv(tup);
}

typedef enum { Q_DIM, Q_NUMEL, Q_OFFSET, Q_CONTIG, Q_ELSIZE, Q_ISFLOAT, Q_DATAPTR, Q_ISSIGNED } query;

static wk_value query_of(wk_tensor *t, query q) {
    switch (q) {
    case Q_DIM: return wk_int(t->ndim);
    case Q_NUMEL: return wk_int(wk_tensor_numel(t));
    case Q_OFFSET: return wk_int(t->offset);
    case Q_CONTIG: return wk_bool(wk_tensor_is_contiguous(t));
    case Q_ELSIZE: return wk_int((int64_t)wk_tensor_elsize(t));
    case Q_ISFLOAT: return wk_bool(wk_dtype_is_float(t->dtype));
    case Q_ISSIGNED: return wk_bool(wk_dtype_is_signed(t->dtype));
    case Q_DATAPTR: return wk_int((int64_t)(intptr_t)wk_tensor_data(t));
    }
    return WK_NONEV;
}

#define QUERY(fn, name, q) \
    static wk_value fn(const wk_value *args, int nargs, wk_obj *kw) { \
        if (!wk_args_none(name, nargs - 1, kw)) return WK_NULLV; \
        return query_of(SELF(args), q); \
    }
QUERY(m_dim, "dim", Q_DIM)
QUERY(m_numel, "numel", Q_NUMEL)
QUERY(m_storage_offset, "storage_offset", Q_OFFSET)
QUERY(m_element_size, "element_size", Q_ELSIZE)
QUERY(m_is_floating_point, "is_floating_point", Q_ISFLOAT)
QUERY(m_is_signed, "is_signed", Q_ISSIGNED)
QUERY(m_data_ptr, "data_ptr", Q_DATAPTR)

static wk_value m_is_contiguous(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    wk_memory_format mf;
    if (!PARSE("is_contiguous", "|memory_format", a) ||
        !wk_bind_memory_format_arg("is_contiguous", a[0], WK_MF_CONTIGUOUS, &mf))
        return WK_NULLV;
    return query_of(SELF(args), Q_CONTIG);   /* preserve_format asks the plain question too */
}

static wk_value m_get_device(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_none("get_device", nargs - 1, kw)) return WK_NULLV;
    wk_device d = wk_tensor_device(SELF(args));
    return wk_int(d.type == WK_DEV_CPU ? -1 : d.index < 0 ? 0 : d.index);
}

/* ================================================================ conversions */

/* Returns self itself when nothing had to change. */
static wk_value convert(wk_value self, int dt, bool has_dev, wk_device dev, bool copy) {
    wk_tensor *t = wk_bind_t(self);
    wk_tensor *r = wk_tensor_incref(t);
    if (has_dev) {
        if (!wk_bind_device_check(dev)) { wk_tensor_decref(r); return WK_NULLV; }
        wk_tensor *m = wk_op_to_device(r, dev, copy && dt == WK_NO_DTYPE);
        wk_tensor_decref(r);
        if (!(r = m)) return wk_bind_rt_raise();
        copy = copy && m == t;
    }
    if (dt != WK_NO_DTYPE) {
        wk_tensor *m = wk_op_to_dtype(r, (wk_dtype)dt, copy);
        wk_tensor_decref(r);
        if (!(r = m)) return wk_bind_rt_raise();
    } else if (copy && r == t) {
        wk_tensor *m = wk_op_clone(r);
        wk_tensor_decref(r);
        if (!(r = m)) return wk_bind_rt_raise();
    }
    if (r == t) { wk_tensor_decref(r); return wk_incref(self); }
    return wk_bind_wrap(r);
}

/* to(dtype) / to(device, dtype) / to(other) / to(dtype=, device=, copy=, non_blocking=) */
static wk_value m_to(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[6];
    if (!PARSE("to", "|a b $dtype device copy non_blocking", a)) return WK_NULLV;
    wk_tensor *t = SELF(args);
    wk_dtype dt = (wk_dtype)WK_NO_DTYPE;
    wk_device dev = WK_CPU;
    bool has_dev = false, copy = false;
    for (int i = 0; i < 2; i++) {
        wk_value v = a[i];
        if (WK_IS_NULL(v) || WK_IS_NONE(v)) continue;
        if (wk_bind_is_tensor(v)) {
            dt = wk_bind_t(v)->dtype;
            dev = wk_tensor_device(wk_bind_t(v));
            has_dev = true;
        } else if (wk_bind_is_dtype(v)) {
            if (!wk_bind_dtype_arg(v, &dt)) return WK_NULLV;
        } else if (wk_bind_is_device_like(v) || WK_IS_INT(v)) {
            if (!wk_bind_device_arg(v, &dev)) return WK_NULLV;
            has_dev = true;
        } else {
            return wk_raise(wk_exc_TypeError, "to() received an invalid combination of arguments - got (%s)", wk_typename(v));
        }
    }
    if (!WK_IS_NULL(a[2]) && !wk_bind_dtype_arg(a[2], &dt)) return WK_NULLV;
    if (!WK_IS_NULL(a[3]) && !WK_IS_NONE(a[3])) {
        if (!wk_bind_device_arg(a[3], &dev)) return WK_NULLV;
        has_dev = true;
    }
    if (!wk_bind_bool_arg(a[4], false, &copy)) return WK_NULLV;
    if (has_dev && wk_device_eq(dev, wk_tensor_device(t)) && dev.index < 0) has_dev = false;
    return convert(args[0], (int)dt, has_dev, dev, copy);
}

static wk_value m_cpu(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!PARSE("cpu", "|memory_format", a)) return WK_NULLV;
    wk_tensor *t = SELF(args);
    if (wk_tensor_device(t).type == WK_DEV_CPU) return wk_incref(args[0]);
    return convert(args[0], WK_NO_DTYPE, true, WK_CPU, false);
}

static wk_value m_cuda(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    if (!PARSE("cuda", "|device non_blocking", a)) return WK_NULLV;
    wk_device dev = { WK_DEV_CUDA, 0 };
    if (!wk_bind_device_arg(a[0], &dev)) return WK_NULLV;
    return convert(args[0], WK_NO_DTYPE, true, dev, false);
}

static wk_value to_dtype(const wk_value *args, int nargs, wk_obj *kw, const char *name, wk_dtype dt) {
    wk_value a[1];
    if (!PARSE(name, "|memory_format", a)) return WK_NULLV;
    if (SELF(args)->dtype == dt) return wk_incref(args[0]);
    return convert(args[0], (int)dt, false, WK_CPU, false);
}

#define TO_DTYPE(fn, name, dt) \
    static wk_value fn(const wk_value *args, int nargs, wk_obj *kw) { return to_dtype(args, nargs, kw, name, dt); }
TO_DTYPE(m_float, "float", WK_DT_F32)
TO_DTYPE(m_double, "double", WK_DT_F64)
TO_DTYPE(m_half, "half", WK_DT_F16)
TO_DTYPE(m_bfloat16, "bfloat16", WK_DT_BF16)
TO_DTYPE(m_long, "long", WK_DT_I64)
TO_DTYPE(m_intm, "int", WK_DT_I32)
TO_DTYPE(m_short, "short", WK_DT_I16)
TO_DTYPE(m_char, "char", WK_DT_I8)
TO_DTYPE(m_byte, "byte", WK_DT_U8)
TO_DTYPE(m_boolm, "bool", WK_DT_BOOL)

static wk_value m_type_as(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    wk_tensor *o;
    if (!PARSE("type_as", "other", a) || !wk_bind_tensor_arg("type_as", "other", 1, a[0], &o)) return WK_NULLV;
    if (SELF(args)->dtype == o->dtype) return wk_incref(args[0]);
    return convert(args[0], (int)o->dtype, false, WK_CPU, false);
}

static const char *const g_tensor_type_names[WK_NDTYPES] = { "Bool", "Byte", "Char", "Short", "Int", "Long",
                                                              "Half", "BFloat16", "Float", "Double" };

/* 'torch.DoubleTensor' -> float64 (CPU legacy type names). */
static bool dtype_of_type_name(const char *name, wk_dtype *out) {
    for (int i = 0; i < WK_NDTYPES; i++) {
        char buf[40];
        snprintf(buf, sizeof buf, "torch.%sTensor", g_tensor_type_names[i]);
        if (strcmp(buf, name) == 0) { *out = (wk_dtype)i; return true; }
    }
    return false;
}

/* t.type(): 'torch.FloatTensor'; t.type(dtype) converts. */
static wk_value m_type(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    if (!PARSE("type", "|dtype non_blocking", a)) return WK_NULLV;
    wk_tensor *t = SELF(args);
    if (WK_IS_NULL(a[0]) || WK_IS_NONE(a[0])) {
        bool cuda = wk_tensor_device(t).type == WK_DEV_CUDA;
        return wk_str_fromf("torch.%s%sTensor", cuda ? "cuda." : "", g_tensor_type_names[t->dtype]);
    }
    wk_dtype dt = t->dtype;
    if (wk_is_str(a[0])) {
        if (!dtype_of_type_name(wk_str_cstr(a[0]), &dt)) return wk_raise(wk_exc_ValueError, "invalid type: '%s'", wk_str_cstr(a[0]));
    } else if (!wk_bind_dtype_arg(a[0], &dt)) {
        return WK_NULLV;
    }
    if (dt == t->dtype) return wk_incref(args[0]);
    return convert(args[0], (int)dt, false, WK_CPU, false);
}

static wk_value m_clone(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    wk_memory_format mf;
    if (!PARSE("clone", "|$memory_format", a) || !wk_bind_memory_format_arg("clone", a[0], WK_MF_PRESERVE, &mf))
        return WK_NULLV;
    if (mf == WK_MF_CONTIGUOUS && !wk_tensor_is_contiguous(SELF(args))) return wk_bind_wrap(wk_op_contiguous(SELF(args)));
    return wk_bind_wrap(wk_op_clone(SELF(args)));
}

static wk_value m_contiguous(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    wk_memory_format mf;
    if (!PARSE("contiguous", "|memory_format", a) || !wk_bind_memory_format_arg("contiguous", a[0], WK_MF_CONTIGUOUS, &mf))
        return WK_NULLV;
    if (mf == WK_MF_PRESERVE) return wk_raise(wk_exc_RuntimeError, "preserve memory format is unsupported by the contiguous operator");
    if (wk_tensor_is_contiguous(SELF(args))) return wk_incref(args[0]);
    return wk_bind_wrap(wk_op_contiguous(SELF(args)));
}

static wk_value m_detach(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_none("detach", nargs - 1, kw)) return WK_NULLV;
    return wk_bind_wrap(wk_op_detach(SELF(args)));
}

/* ================================================================ shapes and views */

/* Sizes given as f(2, 3), f((2, 3)) or f(size=(2, 3)) (kwname names the keyword). */
static bool vararg_shape(const char *f, const char *kwname, const wk_value *args, int nargs, wk_obj *kw,
                         int *nd, int64_t *shape) {
    int64_t nkw = kw ? WK_TUPLE(kw)->len : 0;
    if (nkw == 1 && nargs == 1 && !strcmp(wk_str_cstr(WK_TUPLE(kw)->items[0]), kwname))
        return wk_bind_shape_seq(f, args[1], nd, shape);
    if (nkw) {
        wk_raise(wk_exc_TypeError, "%s() got an unexpected keyword argument '%s'", f,
                 wk_str_cstr(WK_TUPLE(kw)->items[0]));
        return false;
    }
    return wk_bind_shape_args(f, args + 1, nargs - 1, nd, shape);
}

typedef enum { V_VIEW, V_RESHAPE, V_EXPAND, V_REPEAT, V_PERMUTE } varshape_op;

static wk_value varshape(const wk_value *args, int nargs, wk_obj *kw, const char *f, const char *kwname,
                         varshape_op op) {
    int nd;
    int64_t s[WK_MAX_DIMS];
    if (!vararg_shape(f, kwname, args, nargs, kw, &nd, s)) return WK_NULLV;
    wk_tensor *t = SELF(args);
    switch (op) {
    case V_VIEW: return wk_bind_wrap(wk_op_view(t, nd, s));
    case V_RESHAPE: return wk_bind_wrap(wk_op_reshape(t, nd, s));
    case V_EXPAND: return wk_bind_wrap(wk_op_expand(t, nd, s));
    case V_REPEAT: return wk_bind_wrap(wk_op_repeat(t, nd, s));
    case V_PERMUTE:
        if (nd != t->ndim)
            return wk_raise(wk_exc_RuntimeError, "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = %d is not equal to len(dims) = %d",
                            t->ndim, nd);
        return wk_bind_wrap(wk_op_permute(t, s));
    }
    return WK_NONEV;
}

#define VARSHAPE(fn, name, kwname, op) \
    static wk_value fn(const wk_value *args, int nargs, wk_obj *kw) { return varshape(args, nargs, kw, name, kwname, op); }
VARSHAPE(m_reshape, "reshape", "shape", V_RESHAPE)
VARSHAPE(m_expand, "expand", "size", V_EXPAND)
VARSHAPE(m_repeat, "repeat", "repeats", V_REPEAT)
VARSHAPE(m_permute, "permute", "dims", V_PERMUTE)

static wk_value m_view(const wk_value *args, int nargs, wk_obj *kw) {
    if (nargs == 2 && !kw && wk_bind_is_dtype(args[1])) {
        wk_dtype dt = SELF(args)->dtype;
        wk_bind_dtype_arg(args[1], &dt);
        if (wk_dtype_size(dt) != wk_tensor_elsize(SELF(args)))
            return wk_raise(wk_exc_NotImplementedError, "view(dtype) with a different element size is not supported in wick");
        wk_tensor *t = wk_tensor_alias(SELF(args));
        if (t) t->dtype = dt;
        return wk_bind_wrap(t);
    }
    return varshape(args, nargs, kw, "view", "size", V_VIEW);
}

static wk_value like_shape(const wk_value *args, int nargs, wk_obj *kw, const char *f, varshape_op op) {
    wk_value a[1];
    wk_tensor *o;
    if (!PARSE(f, "other", a) || !wk_bind_tensor_arg(f, "other", 1, a[0], &o)) return WK_NULLV;
    wk_tensor *t = SELF(args);
    if (op == V_VIEW) return wk_bind_wrap(wk_op_view(t, o->ndim, o->shape));
    if (op == V_RESHAPE) return wk_bind_wrap(wk_op_reshape(t, o->ndim, o->shape));
    return wk_bind_wrap(wk_op_expand(t, o->ndim, o->shape));
}
static wk_value m_view_as(const wk_value *args, int nargs, wk_obj *kw) { return like_shape(args, nargs, kw, "view_as", V_VIEW); }
static wk_value m_reshape_as(const wk_value *args, int nargs, wk_obj *kw) { return like_shape(args, nargs, kw, "reshape_as", V_RESHAPE); }
static wk_value m_expand_as(const wk_value *args, int nargs, wk_obj *kw) { return like_shape(args, nargs, kw, "expand_as", V_EXPAND); }

/* Methods taking a fixed list of integer arguments: "name spec" + defaults. */
typedef enum { I_FLATTEN, I_SQUEEZE, I_UNSQUEEZE, I_TRANSPOSE, I_T, I_NARROW, I_SELECT, I_UNFOLD,
               I_DIAGONAL, I_TRIU, I_TRIL } intop;

static wk_tensor *int_apply(intop op, wk_tensor *t, const int64_t *v, const bool *given) {
    switch (op) {
    case I_FLATTEN: return wk_op_flatten(t, v[0], v[1]);
    case I_SQUEEZE: return given[0] ? wk_op_squeeze_dim(t, v[0]) : wk_op_squeeze(t);
    case I_UNSQUEEZE: return wk_op_unsqueeze(t, v[0]);
    case I_TRANSPOSE: return wk_op_transpose(t, v[0], v[1]);
    case I_T: return wk_op_t(t);
    case I_NARROW: return wk_op_narrow(t, v[0], v[1], v[2]);
    case I_SELECT: return wk_op_select(t, v[0], v[1]);
    case I_UNFOLD: return wk_op_unfold(t, v[0], v[1], v[2]);
    case I_DIAGONAL: return wk_op_diagonal(t, v[0], v[1], v[2]);
    case I_TRIU: return wk_op_triu(t, v[0]);
    case I_TRIL: return wk_op_tril(t, v[0]);
    }
    return NULL;
}

typedef struct { const char *name, *spec; intop op; int64_t dflt[3]; } intdef;
static const intdef g_intdefs[] = {
    { "flatten", "|start_dim end_dim", I_FLATTEN, { 0, -1, 0 } },
    { "squeeze", "|dim", I_SQUEEZE, { 0, 0, 0 } },
    { "unsqueeze", "dim", I_UNSQUEEZE, { 0, 0, 0 } },
    { "transpose", "dim0 dim1", I_TRANSPOSE, { 0, 0, 0 } },
    { "t", "", I_T, { 0, 0, 0 } },
    { "narrow", "dim start length", I_NARROW, { 0, 0, 0 } },
    { "select", "dim index", I_SELECT, { 0, 0, 0 } },
    { "unfold", "dimension size step", I_UNFOLD, { 0, 0, 0 } },
    { "diagonal", "|offset dim1 dim2", I_DIAGONAL, { 0, 0, 1 } },
    { "triu", "|diagonal", I_TRIU, { 0, 0, 0 } },
    { "tril", "|diagonal", I_TRIL, { 0, 0, 0 } },
};

/* self is args[0] (method) or the first positional (torch.fn(input, ...)). */
static wk_value int_method(const wk_value *args, int nargs, wk_obj *kw, intop op) {
    const intdef *d = &g_intdefs[op];
    wk_value a[3] = { WK_NULLV, WK_NULLV, WK_NULLV };
    if (!wk_args_parse(d->name, args + 1, nargs - 1, kw, d->spec, a)) return WK_NULLV;
    int64_t v[3];
    bool given[3];
    const char *bar = strchr(d->spec, '|');
    int nreq = 0;   /* required parameters (before '|'): None is a TypeError there */
    for (const char *c = d->spec; *c && c != bar; c++) nreq += (c == d->spec || c[-1] == ' ') && *c != ' ';
    for (int i = 0; i < 3; i++) {
        given[i] = !WK_IS_NULL(a[i]) && (i < nreq || !WK_IS_NONE(a[i]));
        v[i] = d->dflt[i];
        if (given[i] && !wk_bind_int_arg(d->name, "dim", a[i], &v[i])) return WK_NULLV;
    }
    wk_tensor *t = SELF(args);
    int d0, d1;
    if (op == I_FLATTEN && t->ndim > 0 && wk_wrap_dim(v[0], t->ndim, &d0) && wk_wrap_dim(v[1], t->ndim, &d1) && d0 == d1)
        return wk_incref(args[0]);   /* flattening one dim is the identity: PyTorch returns self */
    if (op == I_SELECT && t->ndim > 0 && wk_wrap_dim(v[0], t->ndim, &d0) && (v[1] < -t->shape[d0] || v[1] >= t->shape[d0])) {
        char sb[256];
        wk_shape_str(sb, sizeof sb, t->ndim, t->shape);
        return wk_raise(wk_exc_IndexError, "select(): index %lld out of range for tensor of size %s at dimension %d",
                        (long long)v[1], sb, d0);
    }
    wk_rt_errclear();
    return wk_bind_wrap(int_apply(op, t, v, given));
}

#define INTM(fn, op) static wk_value fn(const wk_value *args, int nargs, wk_obj *kw) { return int_method(args, nargs, kw, op); }
INTM(m_flatten, I_FLATTEN)
INTM(m_squeeze, I_SQUEEZE)
INTM(m_unsqueeze, I_UNSQUEEZE)
INTM(m_transpose, I_TRANSPOSE)
INTM(m_t, I_T)
INTM(m_narrow, I_NARROW)
INTM(m_select, I_SELECT)
INTM(m_unfold, I_UNFOLD)
INTM(m_diagonal, I_DIAGONAL)
INTM(m_triu, I_TRIU)
INTM(m_tril, I_TRIL)

static wk_value m_unflatten(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    int64_t dim, sizes[WK_MAX_DIMS];
    int n;
    if (!PARSE("unflatten", "dim sizes", a) || !wk_bind_int_arg("unflatten", "dim", a[0], &dim) ||
        !wk_bind_shape_seq("unflatten", a[1], &n, sizes))
        return WK_NULLV;
    return wk_bind_wrap(wk_op_unflatten(SELF(args), dim, n, sizes));
}

/* torch.Tensor._make_subclass(cls, data, require_grad=False) (nn.Parameter). */
static wk_value m_make_subclass(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[3];
    wk_tensor *data;
    if (!wk_args_parse("_make_subclass", args, nargs, kw, "cls data|require_grad", a) ||
        !wk_bind_tensor_arg("_make_subclass", "data", 2, a[1], &data))
        return WK_NULLV;
    if (!WK_IS_OBJ(a[0]) || a[0].u.o->type != &wk_type_type ||
        !wk_type_is_subtype((wk_type *)a[0].u.o, &wk_torch_tensor_type))
        if (!WK_IS_OBJ(a[0]) || !wk_type_is_subtype((wk_type *)a[0].u.o, &wk_torch_tensor_type))
            return wk_raise(wk_exc_TypeError, "cls must be a subclass of Tensor");
    bool rg = false;
    if (!wk_bind_bool_arg(a[2], false, &rg)) return WK_NULLV;
    wk_tensor *t = wk_op_detach(data);
    if (!t) return wk_bind_rt_raise();
    if (rg && !wk_autograd_set_requires_grad(t, true)) { wk_tensor_decref(t); return wk_bind_rt_raise(); }
    return wk_bind_wrap_as((wk_type *)a[0].u.o, t);
}

const wk_methoddef wk_bind_tensor_methods[] = {
    { "item", m_item, 0, NULL }, { "tolist", m_tolist, 0, NULL }, { "numpy", m_numpy, 0, NULL },
    { "size", m_size, 0, NULL }, { "stride", m_stride, 0, NULL }, { "dim", m_dim, 0, NULL },
    { "ndimension", m_dim, 0, NULL }, { "numel", m_numel, 0, NULL }, { "nelement", m_numel, 0, NULL },
    { "storage_offset", m_storage_offset, 0, NULL }, { "is_contiguous", m_is_contiguous, 0, NULL },
    { "element_size", m_element_size, 0, NULL }, { "is_floating_point", m_is_floating_point, 0, NULL },
    { "is_signed", m_is_signed, 0, NULL }, { "data_ptr", m_data_ptr, 0, NULL },
    { "get_device", m_get_device, 0, NULL },
    { "to", m_to, 0, NULL }, { "cpu", m_cpu, 0, NULL }, { "cuda", m_cuda, 0, NULL },
    { "float", m_float, 0, NULL }, { "double", m_double, 0, NULL }, { "half", m_half, 0, NULL },
    { "bfloat16", m_bfloat16, 0, NULL }, { "long", m_long, 0, NULL }, { "int", m_intm, 0, NULL },
    { "short", m_short, 0, NULL }, { "char", m_char, 0, NULL }, { "byte", m_byte, 0, NULL },
    { "bool", m_boolm, 0, NULL }, { "type_as", m_type_as, 0, NULL }, { "type", m_type, 0, NULL },
    { "clone", m_clone, 0, NULL }, { "contiguous", m_contiguous, 0, NULL }, { "detach", m_detach, 0, NULL },
    { "_make_subclass", m_make_subclass, WK_METH_STATIC, NULL },
    { NULL, NULL, 0, NULL }
};

const wk_methoddef wk_bind_view_methods[] = {
    { "view", m_view, 0, NULL }, { "reshape", m_reshape, 0, NULL }, { "expand", m_expand, 0, NULL },
    { "repeat", m_repeat, 0, NULL }, { "permute", m_permute, 0, NULL },
    { "view_as", m_view_as, 0, NULL }, { "reshape_as", m_reshape_as, 0, NULL },
    { "expand_as", m_expand_as, 0, NULL }, { "flatten", m_flatten, 0, NULL },
    { "unflatten", m_unflatten, 0, NULL }, { "squeeze", m_squeeze, 0, NULL },
    { "unsqueeze", m_unsqueeze, 0, NULL }, { "transpose", m_transpose, 0, NULL },
    { "swapaxes", m_transpose, 0, NULL }, { "swapdims", m_transpose, 0, NULL },
    { "t", m_t, 0, NULL }, { "narrow", m_narrow, 0, NULL }, { "select", m_select, 0, NULL },
    { "unfold", m_unfold, 0, NULL }, { "diagonal", m_diagonal, 0, NULL },
    { "triu", m_triu, 0, NULL }, { "tril", m_tril, 0, NULL },
    { NULL, NULL, 0, NULL }
};

/* ================================================================ the type */

wk_type wk_torch_tensor_type = {
    .ob = { (int64_t)1 << 60, &wk_type_type }, .name = "Tensor", .base = &wk_type_object,
    .flags = WK_TPFLAG_BASETYPE, .basicsize = sizeof(wk_tensorobj),
    .dictoffset = offsetof(wk_tensorobj, dict), .module = "torch",
    .dealloc = tensor_dealloc, .new = tensor_new, .repr = tensor_repr, .format = tensor_format,
    .hash = tensor_hash, .un = { [WK_UN_INT] = tensor_int, [WK_UN_FLOAT] = tensor_float,
                                 [WK_UN_INDEX] = tensor_index },
    .truth = tensor_truth, .len = tensor_len, .contains = tensor_contains, .getitem = wk_bind_getitem, .setitem = wk_bind_setitem,
    .iter = tensor_iter,
};

bool wk_bind_tensor_init(void) {
    wk_type *t = &wk_torch_tensor_type;
    if (!wk_bind_ops_init(t) || !wk_bind_more_init(t)) return false;   /* number slots and richcmp before ready */
    return wk_type_ready(t) && wk_type_add_getsets(t, tensor_getsets) &&
           wk_type_add_getsets(t, wk_bind_autograd_getsets) &&
           wk_type_add_methods(t, wk_bind_tensor_methods) && wk_type_add_methods(t, wk_bind_view_methods) &&
           wk_type_add_methods(t, wk_bind_create_methods) && wk_type_add_methods(t, wk_bind_op_methods) &&
           wk_type_add_methods(t, wk_bind_reduce_methods) && wk_type_add_methods(t, wk_bind_pointwise_methods) &&
           wk_type_add_methods(t, wk_bind_autograd_methods) && wk_type_add_methods(t, wk_bind_shape_methods) &&
           wk_type_add_methods(t, wk_bind_random_methods) && wk_type_add_methods(t, wk_bind_more_methods);
}
