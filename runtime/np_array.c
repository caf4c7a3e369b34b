/* np_array.c — the numpy.ndarray type: wrapping, dtype objects, construction from data, indexing, properties and shape methods. */
#include <string.h>
#include "np.h"
#include "bind.h"

#define IMMORTAL ((int64_t)1 << 60)
#define SELF(args) wk_np_t((args)[0])
#define PARSE(name, spec, out) wk_args_parse(name, args + 1, nargs - 1, kw, spec, out)

/* ================================================================ dtype objects */

typedef struct { wk_obj ob; wk_dtype dt; bool is_type; } npdtype;
static npdtype g_dtypes[WK_NDTYPES], g_types[WK_NDTYPES];

static wk_value dtype_repr(wk_value self) {
    if (((npdtype *)self.u.o)->is_type) {
        wk_dtype dt = ((npdtype *)self.u.o)->dt;
        return wk_str_fromf("<class 'numpy.%s%s'>", wk_np_dtype_name(dt), dt == WK_DT_BOOL ? "_" : "");
    }
    return wk_str_fromf("dtype('%s')", wk_np_dtype_name(((npdtype *)self.u.o)->dt));
}
static wk_value dtype_str(wk_value self) {
    if (((npdtype *)self.u.o)->is_type) return dtype_repr(self);
    return wk_str_from_c(wk_np_dtype_name(((npdtype *)self.u.o)->dt)); }

static wk_value dtype_cmp(wk_value a, wk_value b, wk_cmp_op op) {
    wk_dtype x, y;
    if ((op != WK_EQ && op != WK_NE) || !wk_np_dtype_arg(a, &x)) { wk_err_clear(); return wk_notimplemented(); }
    if (!wk_np_dtype_arg(b, &y)) { wk_err_clear(); return wk_bool(op == WK_NE); }
    return wk_bool((x == y) == (op == WK_EQ));
}

static bool dtype_hash(wk_value self, int64_t *out) { *out = 0x6e70 + ((npdtype *)self.u.o)->dt; return true; }

/* np.float32(x): converts a number (the scalar types are the dtype objects here). */
static wk_value dtype_call(wk_value self, const wk_value *args, int nargs, wk_obj *kw) {
    wk_dtype dt = ((npdtype *)self.u.o)->dt;
    if (nargs != 1 || kw) return wk_raise(wk_exc_TypeError, "%s() takes exactly one argument", wk_np_dtype_name(dt));
    wk_tensor *t = wk_np_as_tensor(args[0], (int)dt);
    if (!t) return WK_NULLV;
    if (t->ndim == 0) { wk_value v = wk_np_scalar(t); wk_tensor_decref(t); return v; }
    return wk_np_wrap(t);
}

static wk_value dtype_name(wk_value self) { return wk_str_from_c(wk_np_dtype_name(((npdtype *)self.u.o)->dt)); }
static wk_value dtype_itemsize(wk_value self) { return wk_int((int64_t)wk_dtype_size(((npdtype *)self.u.o)->dt)); }
static wk_value dtype_kind(wk_value self) {
    wk_dtype dt = ((npdtype *)self.u.o)->dt;
    return wk_str_from_c(dt == WK_DT_BOOL ? "b" : wk_dtype_is_float(dt) ? "f" : dt == WK_DT_U8 ? "u" : "i");
}
static const wk_getsetdef dtype_getsets[] = {
    { "name", dtype_name, NULL, NULL }, { "itemsize", dtype_itemsize, NULL, NULL },
    { "kind", dtype_kind, NULL, NULL }, { NULL, NULL, NULL, NULL }
};

wk_type wk_np_dtype_type = {
    .ob = { IMMORTAL, &wk_type_type }, .name = "dtype", .base = &wk_type_object,
    .basicsize = sizeof(npdtype), .module = "numpy", .repr = dtype_repr, .str = dtype_str,
    .richcmp = dtype_cmp, .hash = dtype_hash, .call = dtype_call,
};

wk_value wk_np_dtype_obj(wk_dtype dt) {
    wk_obj_incref(&g_dtypes[dt].ob);
    return wk_objv(&g_dtypes[dt].ob);
}

wk_value wk_np_scalar_type(wk_dtype dt) {
    wk_obj_incref(&g_types[dt].ob);
    return wk_objv(&g_types[dt].ob);
}

bool wk_np_dtype_arg(wk_value v, wk_dtype *out) {
    if (WK_IS_OBJ(v) && v.u.o->type == &wk_np_dtype_type) { *out = ((npdtype *)v.u.o)->dt; return true; }
    if (WK_IS_OBJ(v) && v.u.o == &wk_type_float.ob) { *out = WK_DT_F64; return true; }
    if (WK_IS_OBJ(v) && v.u.o == &wk_type_int.ob) { *out = WK_DT_I64; return true; }
    if (WK_IS_OBJ(v) && v.u.o == &wk_type_bool.ob) { *out = WK_DT_BOOL; return true; }
    if (wk_is_str(v)) {
        const char *s = wk_str_cstr(v);
        static const struct { const char *n; wk_dtype dt; } names[] = {
            {"float64", WK_DT_F64}, {"f8", WK_DT_F64}, {"float", WK_DT_F64}, {"double", WK_DT_F64},
            {"float32", WK_DT_F32}, {"f4", WK_DT_F32}, {"single", WK_DT_F32}, {"float16", WK_DT_F16},
            {"f2", WK_DT_F16}, {"half", WK_DT_F16}, {"int64", WK_DT_I64}, {"i8", WK_DT_I64},
            {"int", WK_DT_I64}, {"int32", WK_DT_I32}, {"i4", WK_DT_I32}, {"int16", WK_DT_I16},
            {"i2", WK_DT_I16}, {"int8", WK_DT_I8}, {"i1", WK_DT_I8}, {"uint8", WK_DT_U8},
            {"u1", WK_DT_U8}, {"bool", WK_DT_BOOL}, {"?", WK_DT_BOOL},
        };
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
            if (!strcmp(s, names[i].n)) { *out = names[i].dt; return true; }
        wk_raise(wk_exc_TypeError, "data type '%s' not understood", s);
        return false;
    }
    wk_raise(wk_exc_TypeError, "Cannot interpret '%s' as a data type", wk_typename(v));
    return false;
}

static bool dtypes_init(void) {
    if (!wk_type_ready(&wk_np_dtype_type) || !wk_type_add_getsets(&wk_np_dtype_type, dtype_getsets)) return false;
    for (int i = 0; i < WK_NDTYPES; i++) {
        g_dtypes[i].ob.refcnt = IMMORTAL;
        g_dtypes[i].ob.type = &wk_np_dtype_type;
        g_dtypes[i].dt = (wk_dtype)i;
        g_types[i] = g_dtypes[i];
        g_types[i].is_type = true;
    }
    return true;
}

/* ================================================================ wrapping and the bridge */

bool wk_np_is_ndarray(wk_value v) { return WK_IS_OBJ(v) && v.u.o->type == &wk_np_ndarray_type; }

wk_value wk_np_wrap(wk_tensor *t) {
    if (!t) return wk_bind_rt_raise();
    wk_ndarray *o = (wk_ndarray *)wk_obj_alloc(&wk_np_ndarray_type);
    if (!o) { wk_tensor_decref(t); return WK_NULLV; }
    o->t = t;
    return wk_objv(&o->ob);
}

static wk_tensor *share(const wk_tensor *t) {
    return wk_tensor_as_strided(t, t->ndim, t->shape, t->stride, t->offset);
}

/* tensor.numpy() may run before `import numpy`: the ndarray type is readied on first use. */
wk_value wk_np_from_tensor(wk_tensor *t) {
    if (!wk_np_types_init()) return WK_NULLV;
    return wk_np_wrap(share(t));
}

wk_tensor *wk_np_to_tensor(wk_value v) {
    if (!wk_np_is_ndarray(v)) {
        wk_raise(wk_exc_TypeError, "expected np.ndarray (got %s)", wk_typename(v));
        return NULL;
    }
    wk_tensor *t = share(wk_np_t(v));
    if (!t) wk_bind_rt_raise();
    return t;
}

static void nd_dealloc(wk_obj *o) {
    wk_tensor_decref(((wk_ndarray *)o)->t);
    wk_obj_free(o);
}

wk_value wk_np_scalar(const wk_tensor *t) {
    wk_scalar s = wk_dtype_load_scalar(t->dtype, wk_tensor_data(t));
    return wk_bind_scalar_value(s);
}

/* ================================================================ construction */

/* 0 bool, 1 int, 2 float: the widest kind of Python number in nested data. */
static bool scan_kind(wk_value v, int *kind, int depth) {
    if (depth > 64) { wk_raise(wk_exc_ValueError, "nested too deep"); return false; }
    if (wk_is_list(v) || wk_is_tuple(v)) {
        int64_t n = wk_is_list(v) ? WK_LIST(v.u.o)->len : WK_TUPLE(v.u.o)->len;
        wk_value *items = wk_is_list(v) ? WK_LIST(v.u.o)->items : WK_TUPLE(v.u.o)->items;
        for (int64_t i = 0; i < n; i++) if (!scan_kind(items[i], kind, depth + 1)) return false;
        return true;
    }
    int k = WK_IS_BOOL(v) ? 0 : WK_IS_INT(v) ? 1 : 2;
    if (wk_np_is_ndarray(v)) {
        wk_dtype dt = wk_np_t(v)->dtype;
        k = dt == WK_DT_BOOL ? 0 : wk_dtype_is_float(dt) ? 2 : 1;
    }
    if (k > *kind) *kind = k;
    return true;
}

/* Replaces ndarrays inside nested data by lists (tolist) so the tensor parser reads them. */
static wk_value plain_data(wk_value v) {
    if (wk_np_is_ndarray(v)) return wk_call_method_s(v, "tolist", NULL, 0);
    if (!(wk_is_list(v) || wk_is_tuple(v))) return wk_incref(v);
    int64_t n = wk_is_list(v) ? WK_LIST(v.u.o)->len : WK_TUPLE(v.u.o)->len;
    wk_value *items = wk_is_list(v) ? WK_LIST(v.u.o)->items : WK_TUPLE(v.u.o)->items;
    wk_obj *l = wk_list_new(n);
    if (!l) return WK_NULLV;
    for (int64_t i = 0; i < n; i++) {
        wk_value x = plain_data(items[i]);
        if (WK_IS_NULL(x)) { wk_obj_decref(l); return WK_NULLV; }
        wk_list_set_steal(l, i, x);
    }
    return wk_objv(l);
}

wk_tensor *wk_np_from_data(wk_value data, int dtype) {
    if (wk_np_is_ndarray(data)) {
        wk_tensor *src = wk_np_t(data);
        wk_tensor *t = wk_tensor_to_dtype(src, dtype < 0 ? src->dtype : (wk_dtype)dtype, true);
        if (!t) wk_bind_rt_raise();
        return t;
    }
    int kind = -1;
    if (!scan_kind(data, &kind, 0)) return NULL;
    if (dtype < 0) dtype = kind == 0 ? WK_DT_BOOL : kind == 1 ? WK_DT_I64 : WK_DT_F64;
    wk_value plain = plain_data(data);
    if (WK_IS_NULL(plain)) return NULL;
    wk_tensor *t = wk_bind_from_data(plain, dtype);
    wk_decref(plain);
    return t;
}

wk_tensor *wk_np_as_tensor(wk_value v, int dtype) {
    if (wk_np_is_ndarray(v) && (dtype < 0 || wk_np_t(v)->dtype == (wk_dtype)dtype))
        return wk_tensor_incref(wk_np_t(v));
    if (wk_bind_is_tensor(v)) {
        wk_tensor *t = wk_tensor_to_dtype(wk_bind_t(v), dtype < 0 ? wk_bind_t(v)->dtype : (wk_dtype)dtype, false);
        if (!t) wk_bind_rt_raise();
        return t;
    }
    return wk_np_from_data(v, dtype);
}

/* ================================================================ text */

static wk_value nd_repr(wk_value self) {
    wk_sbuf sb; wk_sbuf_init(&sb);
    wk_np_repr(&sb, wk_np_t(self));
    return wk_str_from_sbuf(&sb);
}

static wk_value nd_str(wk_value self) {
    wk_sbuf sb; wk_sbuf_init(&sb);
    wk_np_str(&sb, wk_np_t(self));
    return wk_str_from_sbuf(&sb);
}

/* ================================================================ indexing (through torch's) */

static wk_value to_torch_key(wk_value k) {
    if (wk_np_is_ndarray(k)) {
        wk_tensor *t = share(wk_np_t(k));
        return wk_bind_wrap(t);
    }
    if (wk_is_tuple(k)) {
        int64_t n = WK_TUPLE(k.u.o)->len;
        wk_obj *tu = wk_tuple_new(n);
        if (!tu) return WK_NULLV;
        for (int64_t i = 0; i < n; i++) {
            wk_value x = to_torch_key(WK_TUPLE(k.u.o)->items[i]);
            if (WK_IS_NULL(x)) { wk_obj_decref(tu); return WK_NULLV; }
            wk_tuple_set_steal(tu, i, x);
        }
        return wk_objv(tu);
    }
    return wk_incref(k);
}

/* NumPy's IndexError for an integer out of range on axis 0 (checked before torch's). */
static bool check_int_key(const wk_tensor *t, wk_value k, int axis) {
    if (!WK_IS_INT(k) || axis >= t->ndim) return true;
    int64_t n = t->shape[axis];
    if (k.u.i >= n || k.u.i < -n) {
        wk_raise(wk_exc_IndexError, "index %lld is out of bounds for axis %d with size %lld",
                 (long long)k.u.i, axis, (long long)n);
        return false;
    }
    return true;
}

static bool check_key(const wk_tensor *t, wk_value k) {
    if (WK_IS_INT(k) && t->ndim == 0) {
        wk_raise(wk_exc_IndexError, "too many indices for array: array is 0-dimensional, but 1 were indexed");
        return false;
    }
    if (!wk_is_tuple(k)) return check_int_key(t, k, 0);
    int64_t n = WK_TUPLE(k.u.o)->len, count = 0;
    for (int64_t i = 0; i < n; i++) {
        wk_value x = WK_TUPLE(k.u.o)->items[i];
        if (WK_IS_OBJ(x) && x.u.o->type == &wk_type_ellipsis) return true;
        if (WK_IS_NONE(x) || wk_np_is_ndarray(x)) return true;
        count++;
    }
    if (count > t->ndim) {
        wk_raise(wk_exc_IndexError, "too many indices for array: array is %d-dimensional, but %lld were indexed",
                 t->ndim, (long long)count);
        return false;
    }
    for (int64_t i = 0; i < n; i++)
        if (!check_int_key(t, WK_TUPLE(k.u.o)->items[i], (int)i)) return false;
    return true;
}


/* Basic indexing (ints, slices with any step, None, Ellipsis) as a strided view.
 * 1: *out set (a new view), 0: not a basic key (torch's indexing handles it), -1: error. */
static int basic_view(wk_tensor *t, wk_value key, wk_tensor **out, bool *all_ints) {
    const wk_value *items = &key;
    int64_t n = 1;
    if (wk_is_tuple(key)) { items = WK_TUPLE(key.u.o)->items; n = WK_TUPLE(key.u.o)->len; }
    int consumed = 0, ellipses = 0;
    *all_ints = true;
    for (int64_t i = 0; i < n; i++) {
        wk_value x = items[i];
        bool sl = WK_IS_OBJ(x) && x.u.o->type == &wk_type_slice;
        bool el = WK_IS_OBJ(x) && x.u.o->type == &wk_type_ellipsis;
        if (!(WK_IS_INT(x) || sl || el || WK_IS_NONE(x))) return 0;
        if (!WK_IS_INT(x)) *all_ints = false;
        if (WK_IS_INT(x) || sl) consumed++;
        if (el) ellipses++;
    }
    if (ellipses > 1) { wk_raise(wk_exc_IndexError, "an index can only have a single ellipsis ('...')"); return -1; }
    if (consumed > t->ndim) {
        wk_raise(wk_exc_IndexError, "too many indices for array: array is %d-dimensional, but %d were indexed",
                 t->ndim, consumed);
        return -1;
    }
    if (consumed < t->ndim) *all_ints = false;
    int64_t shape[WK_MAX_DIMS], stride[WK_MAX_DIMS], off = t->offset;
    int d = 0, k = 0;
    for (int64_t i = 0; i <= n; i++) {
        bool tail = i == n;
        wk_value x = tail ? WK_NULLV : items[i];
        if (tail || (WK_IS_OBJ(x) && x.u.o->type == &wk_type_ellipsis)) {
            int keep = tail ? t->ndim - d : t->ndim - consumed;
            for (int j = 0; j < keep; j++, d++, k++) {
                if (k >= WK_MAX_DIMS) { wk_raise(wk_exc_IndexError, "too many dimensions"); return -1; }
                shape[k] = t->shape[d]; stride[k] = t->stride[d];
            }
            continue;
        }
        if (k >= WK_MAX_DIMS) { wk_raise(wk_exc_IndexError, "too many dimensions"); return -1; }
        if (WK_IS_NONE(x)) { shape[k] = 1; stride[k] = 0; k++; continue; }
        if (WK_IS_INT(x)) {
            int64_t v = x.u.i, sz = t->shape[d];
            if (v >= sz || v < -sz) {
                wk_raise(wk_exc_IndexError, "index %lld is out of bounds for axis %d with size %lld",
                         (long long)v, d, (long long)sz);
                return -1;
            }
            if (v < 0) v += sz;
            off += v * t->stride[d];
            d++;
            continue;
        }
        int64_t start, stop, step, count;
        if (!wk_slice_indices(x.u.o, t->shape[d], &start, &stop, &step, &count)) return -1;
        shape[k] = count; stride[k] = step * t->stride[d];
        if (count > 0) off += start * t->stride[d];
        k++; d++;
    }
    *out = wk_tensor_as_strided(t, k, shape, stride, off);
    if (!*out) { wk_bind_rt_raise(); return -1; }
    return 1;
}

static wk_value nd_getitem(wk_value self, wk_value key) {
    wk_tensor *view; bool ints;
    int b = basic_view(wk_np_t(self), key, &view, &ints);
    if (b < 0) return WK_NULLV;
    if (b > 0) {
        if (!ints) return wk_np_wrap(view);
        wk_value v = wk_np_scalar(view);
        wk_tensor_decref(view);
        return v;
    }
    if (!check_key(wk_np_t(self), key)) return WK_NULLV;
    wk_value tk = to_torch_key(key);
    if (WK_IS_NULL(tk)) return WK_NULLV;
    wk_value ts = wk_bind_wrap(share(wk_np_t(self)));
    wk_value r = WK_IS_NULL(ts) ? WK_NULLV : wk_bind_getitem(ts, tk);
    wk_decref(ts); wk_decref(tk);
    if (WK_IS_NULL(r)) return r;
    wk_tensor *t = wk_bind_t(r);
    bool scalar = t->ndim == 0 && !(wk_is_tuple(key) && WK_TUPLE(key.u.o)->len == 0);
    wk_value out = scalar ? wk_np_scalar(t) : wk_np_from_tensor(t);
    wk_decref(r);
    return out;
}

static int nd_setitem(wk_value self, wk_value key, wk_value v) {
    if (WK_IS_NULL(v)) { wk_raise(wk_exc_ValueError, "cannot delete array elements"); return -1; }
    wk_tensor *view; bool ints;
    int b = basic_view(wk_np_t(self), key, &view, &ints);
    if (b < 0) return -1;
    if (b > 0) {
        wk_tensor *src = wk_np_as_tensor(v, -1);
        bool ok = src && wk_tensor_copy_(view, src);
        if (src && !ok) wk_bind_rt_raise();
        wk_tensor_decref(src); wk_tensor_decref(view);
        return ok ? 0 : -1;
    }
    if (!check_key(wk_np_t(self), key)) return -1;
    wk_value tk = to_torch_key(key);
    if (WK_IS_NULL(tk)) return -1;
    wk_value tv = wk_np_is_ndarray(v) ? wk_bind_wrap(share(wk_np_t(v))) : wk_incref(v);
    wk_value ts = wk_bind_wrap(share(wk_np_t(self)));
    int rc = WK_IS_NULL(ts) || WK_IS_NULL(tv) ? -1 : wk_bind_setitem(ts, tk, tv);
    wk_decref(ts); wk_decref(tk); wk_decref(tv);
    return rc;
}

static int64_t nd_len(wk_value self) {
    wk_tensor *t = wk_np_t(self);
    if (t->ndim == 0) { wk_raise(wk_exc_TypeError, "len() of unsized object"); return -1; }
    return t->shape[0];
}

static int nd_truth(wk_value self) {
    wk_tensor *t = wk_np_t(self);
    if (wk_tensor_numel(t) != 1) {
        wk_raise(wk_exc_ValueError, "The truth value of an array with more than one element is ambiguous. "
                 "Use a.any() or a.all()");
        return -1;
    }
    return wk_dtype_load_f64(t->dtype, wk_tensor_data(t)) != 0;
}

/* ================================================================ properties */

static wk_value shape_tuple(const wk_tensor *t) {
    wk_obj *tu = wk_tuple_new(t->ndim);
    if (!tu) return WK_NULLV;
    for (int i = 0; i < t->ndim; i++) wk_tuple_set_steal(tu, i, wk_int(t->shape[i]));
    return wk_objv(tu);
}

static wk_value g_shape(wk_value self) { return shape_tuple(wk_np_t(self)); }
static wk_value g_dtype(wk_value self) { return wk_np_dtype_obj(wk_np_t(self)->dtype); }
static wk_value g_ndim(wk_value self) { return wk_int(wk_np_t(self)->ndim); }
static wk_value g_size(wk_value self) { return wk_int(wk_tensor_numel(wk_np_t(self))); }
static wk_value g_itemsize(wk_value self) { return wk_int((int64_t)wk_tensor_elsize(wk_np_t(self))); }
static wk_value g_nbytes(wk_value self) {
    return wk_int(wk_tensor_numel(wk_np_t(self)) * (int64_t)wk_tensor_elsize(wk_np_t(self)));
}
static wk_value g_strides(wk_value self) {
    wk_tensor *t = wk_np_t(self);
    wk_obj *tu = wk_tuple_new(t->ndim);
    if (!tu) return WK_NULLV;
    for (int i = 0; i < t->ndim; i++) wk_tuple_set_steal(tu, i, wk_int(t->stride[i] * (int64_t)wk_tensor_elsize(t)));
    return wk_objv(tu);
}
static wk_value g_T(wk_value self) {
    wk_tensor *t = wk_np_t(self);
    int64_t dims[WK_MAX_DIMS];
    for (int i = 0; i < t->ndim; i++) dims[i] = t->ndim - 1 - i;
    return wk_np_wrap(wk_tensor_permute(t, dims));
}

static const wk_getsetdef nd_getsets[] = {
    { "shape", g_shape, NULL, NULL }, { "dtype", g_dtype, NULL, NULL }, { "ndim", g_ndim, NULL, NULL },
    { "size", g_size, NULL, NULL }, { "itemsize", g_itemsize, NULL, NULL }, { "nbytes", g_nbytes, NULL, NULL },
    { "strides", g_strides, NULL, NULL }, { "T", g_T, NULL, NULL }, { NULL, NULL, NULL, NULL }
};

/* ================================================================ methods */

static wk_value tolist_rec(const wk_tensor *t, int64_t *idx, int axis) {
    if (axis == t->ndim) {
        wk_scalar s = wk_dtype_load_scalar(t->dtype, wk_tensor_ptr_at(t, idx));
        return wk_bind_scalar_value(s);
    }
    wk_obj *l = wk_list_new(t->shape[axis]);
    if (!l) return WK_NULLV;
    for (int64_t i = 0; i < t->shape[axis]; i++) {
        idx[axis] = i;
        wk_value x = tolist_rec(t, idx, axis + 1);
        if (WK_IS_NULL(x)) { wk_obj_decref(l); return x; }
        wk_list_set_steal(l, i, x);
    }
    return wk_objv(l);
}

static wk_value m_tolist(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_parse("tolist", args + 1, nargs - 1, kw, "", NULL)) return WK_NULLV;
    int64_t idx[WK_MAX_DIMS] = {0};
    return tolist_rec(SELF(args), idx, 0);
}

static wk_value m_item(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_parse("item", args + 1, nargs - 1, kw, "", NULL)) return WK_NULLV;
    wk_tensor *t = SELF(args);
    if (wk_tensor_numel(t) != 1)
        return wk_raise(wk_exc_ValueError, "can only convert an array of size 1 to a Python scalar");
    int64_t idx[WK_MAX_DIMS] = {0};
    return wk_bind_scalar_value(wk_dtype_load_scalar(t->dtype, wk_tensor_ptr_at(t, idx)));
}

static wk_value m_astype(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    wk_dtype dt;
    if (!PARSE("astype", "dtype", a) || !wk_np_dtype_arg(a[0], &dt)) return WK_NULLV;
    return wk_np_wrap(wk_tensor_to_dtype(SELF(args), dt, true));
}

static wk_value m_copy(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_parse("copy", args + 1, nargs - 1, kw, "", NULL)) return WK_NULLV;
    wk_tensor *t = SELF(args);
    wk_tensor *c = wk_tensor_empty(t->ndim, t->shape, t->dtype, WK_CPU);
    if (c && !wk_tensor_copy_(c, t)) { wk_tensor_decref(c); c = NULL; }
    return wk_np_wrap(c);
}

/* Shapes: f(2, 3), f((2, 3)), f([2, 3]) with NumPy's size error. */
static bool shape_from(const char *fname, const wk_value *args, int nargs, int *nd, int64_t *shape) {
    if (nargs == 1 && (wk_is_tuple(args[0]) || wk_is_list(args[0])))
        return wk_bind_shape_seq(fname, args[0], nd, shape);
    if (nargs > WK_MAX_DIMS) { wk_raise(wk_exc_ValueError, "too many dimensions"); return false; }
    for (int i = 0; i < nargs; i++) if (!wk_as_int64(args[i], &shape[i])) return false;
    *nd = nargs;
    return true;
}

static wk_value do_reshape(wk_tensor *t, int nd, const int64_t *shape) {
    int64_t out[WK_MAX_DIMS];
    if (!wk_infer_shape(nd, shape, wk_tensor_numel(t), out)) {
        wk_rt_errclear();
        wk_sbuf sb; wk_sbuf_init(&sb);
        wk_sbuf_printf(&sb, "cannot reshape array of size %lld into shape (", (long long)wk_tensor_numel(t));
        for (int i = 0; i < nd; i++) wk_sbuf_printf(&sb, i ? ",%lld" : "%lld", (long long)shape[i]);
        wk_sbuf_adds(&sb, nd == 1 ? ",)" : ")");
        wk_raise(wk_exc_ValueError, "%s", sb.data);
        wk_sbuf_free(&sb);
        return WK_NULLV;
    }
    return wk_np_wrap(wk_tensor_reshape(t, nd, out));
}

wk_value wk_np_reshape_v(wk_tensor *t, const wk_value *args, int nargs) {
    int nd; int64_t shape[WK_MAX_DIMS];
    if (!shape_from("reshape", args, nargs, &nd, shape)) return WK_NULLV;
    return do_reshape(t, nd, shape);
}

static wk_value m_reshape(const wk_value *args, int nargs, wk_obj *kw) {
    if (kw) return wk_raise(wk_exc_TypeError, "reshape() takes no keyword arguments");
    return wk_np_reshape_v(SELF(args), args + 1, nargs - 1);
}

static wk_value m_flatten(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_parse("flatten", args + 1, nargs - 1, kw, "", NULL)) return WK_NULLV;
    wk_tensor *t = SELF(args);
    int64_t n = wk_tensor_numel(t);
    wk_tensor *c = wk_tensor_empty(1, &n, t->dtype, WK_CPU);
    wk_tensor *v = c ? wk_tensor_reshape(t, 1, &n) : NULL;
    bool ok = v && wk_tensor_copy_(c, v);
    wk_tensor_decref(v);
    if (!ok) { wk_tensor_decref(c); c = NULL; }
    return wk_np_wrap(c);
}

static wk_value m_ravel(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_parse("ravel", args + 1, nargs - 1, kw, "", NULL)) return WK_NULLV;
    int64_t n = wk_tensor_numel(SELF(args));
    return wk_np_wrap(wk_tensor_reshape(SELF(args), 1, &n));
}

static wk_value m_transpose(const wk_value *args, int nargs, wk_obj *kw) {
    if (kw) return wk_raise(wk_exc_TypeError, "transpose() takes no keyword arguments");
    wk_tensor *t = SELF(args);
    if (nargs == 1) return g_T(args[0]);
    int nd; int64_t dims[WK_MAX_DIMS];
    if (!shape_from("transpose", args + 1, nargs - 1, &nd, dims)) return WK_NULLV;
    if (nd != t->ndim) return wk_raise(wk_exc_ValueError, "axes don't match array");
    return wk_np_wrap(wk_tensor_permute(t, dims));
}

static wk_value m_fill(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1]; wk_scalar s;
    if (!PARSE("fill", "value", a) || !wk_bind_scalar(a[0], &s)) return WK_NULLV;
    if (!wk_tensor_fill_(SELF(args), s)) return wk_bind_rt_raise();
    return WK_NONEV;
}

static const wk_methoddef nd_methods[] = {
    { "tolist", m_tolist, 0, NULL }, { "item", m_item, 0, NULL }, { "astype", m_astype, 0, NULL },
    { "copy", m_copy, 0, NULL }, { "reshape", m_reshape, 0, NULL }, { "flatten", m_flatten, 0, NULL },
    { "ravel", m_ravel, 0, NULL }, { "transpose", m_transpose, 0, NULL }, { "fill", m_fill, 0, NULL },
    { NULL, NULL, 0, NULL }
};

/* ================================================================ iteration */

typedef struct { wk_obj ob; wk_value arr; int64_t i; } nditer;
static void it_dealloc(wk_obj *o) { wk_decref(((nditer *)o)->arr); wk_obj_free(o); }
static wk_value it_self(wk_value self) { return wk_incref(self); }
static wk_value it_next(wk_value self) {
    nditer *it = (nditer *)self.u.o;
    wk_tensor *t = wk_np_t(it->arr);
    if (it->i >= t->shape[0]) return WK_NULLV;
    return nd_getitem(it->arr, wk_int(it->i++));
}
static wk_type g_iter_type = {
    .ob = { IMMORTAL, &wk_type_type }, .name = "iterator", .base = &wk_type_object,
    .basicsize = sizeof(nditer), .module = "numpy", .dealloc = it_dealloc, .iter = it_self, .next = it_next,
};
static wk_value nd_iter(wk_value self) {
    if (wk_np_t(self)->ndim == 0) return wk_raise(wk_exc_TypeError, "iteration over a 0-d array");
    nditer *it = (nditer *)wk_obj_alloc(&g_iter_type);
    if (!it) return WK_NULLV;
    it->arr = wk_incref(self);
    return wk_objv(&it->ob);
}

static wk_value nd_new(wk_type *type, const wk_value *args, int nargs, wk_obj *kw) {
    (void)type;
    wk_value a[2]; wk_dtype dt = WK_DT_F64;
    if (!wk_args_parse("ndarray", args, nargs, kw, "shape|dtype", a)) return WK_NULLV;
    if (!WK_IS_NULL(a[1]) && !wk_np_dtype_arg(a[1], &dt)) return WK_NULLV;
    int nd; int64_t shape[WK_MAX_DIMS];
    if (!shape_from("ndarray", a, 1, &nd, shape)) return WK_NULLV;
    return wk_np_wrap(wk_tensor_zeros(nd, shape, dt, WK_CPU));
}

wk_type wk_np_ndarray_type = {
    .ob = { IMMORTAL, &wk_type_type }, .name = "ndarray", .base = &wk_type_object,
    .basicsize = sizeof(wk_ndarray), .module = "numpy", .dealloc = nd_dealloc,
    .repr = nd_repr, .str = nd_str, .getitem = nd_getitem, .setitem = nd_setitem,
    .len = nd_len, .truth = nd_truth, .iter = nd_iter, .new = nd_new,
};

bool wk_np_types_init(void) {
    static bool done;
    if (done) return true;
    if (!dtypes_init() || !wk_type_ready(&g_iter_type)) return false;
    if (!wk_np_ops_init(&wk_np_ndarray_type) || !wk_type_ready(&wk_np_ndarray_type) ||
        !wk_type_add_getsets(&wk_np_ndarray_type, nd_getsets) ||
        !wk_type_add_methods(&wk_np_ndarray_type, nd_methods) ||
        !wk_type_add_methods(&wk_np_ndarray_type, wk_np_reduce_methods)) return false;
    done = true;
    return true;
}
