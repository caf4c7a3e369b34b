/* bind_types.c — torch.dtype, torch.device, torch.Size, torch.memory_format and the torch.return_types named tuples. */
#include <string.h>
#include "bind.h"

#define IMMORTAL ((int64_t)1 << 60)

/* ================================================================ torch.dtype */

typedef struct { wk_obj ob; wk_dtype dt; } dtypeobj;
static dtypeobj g_dtypes[WK_NDTYPES];

wk_value wk_bind_dtype_obj(wk_dtype dt) {
    wk_obj_incref(&g_dtypes[dt].ob);
    return wk_objv(&g_dtypes[dt].ob);
}

bool wk_bind_is_dtype(wk_value v) { return WK_IS_OBJ(v) && v.u.o->type == &wk_torch_dtype_type; }

bool wk_bind_dtype_arg(wk_value v, wk_dtype *out) {
    if (WK_IS_NULL(v) || WK_IS_NONE(v)) return true;
    if (wk_bind_is_dtype(v)) { *out = ((dtypeobj *)v.u.o)->dt; return true; }
    if (WK_IS_OBJ(v) && v.u.o == &wk_type_float.ob) { *out = WK_DT_F64; return true; }
    if (WK_IS_OBJ(v) && v.u.o == &wk_type_int.ob) { *out = WK_DT_I64; return true; }
    if (WK_IS_OBJ(v) && v.u.o == &wk_type_bool.ob) { *out = WK_DT_BOOL; return true; }
    wk_raise(wk_exc_TypeError, "dtype must be torch.dtype, not %s", wk_typename(v));
    return false;
}

static wk_value dtype_repr(wk_value self) { return wk_str_from_c(wk_dtype_name(((dtypeobj *)self.u.o)->dt)); }
static wk_dtype DT(wk_value self) { return ((dtypeobj *)self.u.o)->dt; }
static wk_value dtype_is_float(wk_value self) { return wk_bool(wk_dtype_is_float(DT(self))); }
static wk_value dtype_is_signed(wk_value self) { return wk_bool(wk_dtype_is_signed(DT(self))); }
static wk_value dtype_is_complex(wk_value self) { (void)self; return WK_FALSEV; }
static wk_value dtype_itemsize(wk_value self) { return wk_int((int64_t)wk_dtype_size(DT(self))); }

static const wk_getsetdef dtype_getsets[] = {
    { "is_floating_point", dtype_is_float, NULL, NULL },
    { "is_signed", dtype_is_signed, NULL, NULL },
    { "is_complex", dtype_is_complex, NULL, NULL },
    { "itemsize", dtype_itemsize, NULL, NULL },
    { NULL, NULL, NULL, NULL }
};

wk_type wk_torch_dtype_type = {
    .ob = { IMMORTAL, &wk_type_type }, .name = "dtype", .base = &wk_type_object,
    .basicsize = sizeof(dtypeobj), .module = "torch", .repr = dtype_repr,
};

/* ================================================================ torch.memory_format */

typedef struct { wk_obj ob; wk_memory_format mf; } mformobj;
static const char *const g_mf_names[] = { "contiguous_format", "preserve_format", "channels_last", "channels_last_3d" };
#define NMF ((int)(sizeof g_mf_names / sizeof g_mf_names[0]))
static mformobj g_mformats[NMF];

static wk_value mformat_repr(wk_value self) { return wk_str_fromf("torch.%s", g_mf_names[((mformobj *)self.u.o)->mf]); }

static wk_type g_mformat_type = {
    .ob = { IMMORTAL, &wk_type_type }, .name = "memory_format", .base = &wk_type_object,
    .basicsize = sizeof(mformobj), .module = "torch", .repr = mformat_repr,
};

bool wk_bind_memory_format_arg(const char *f, wk_value v, wk_memory_format dflt, wk_memory_format *out) {
    *out = dflt;
    if (WK_IS_NULL(v) || WK_IS_NONE(v)) return true;
    if (!WK_IS_OBJ(v) || v.u.o->type != &g_mformat_type) {
        wk_raise(wk_exc_TypeError, "%s(): argument 'memory_format' must be torch.memory_format, not %s", f, wk_typename(v));
        return false;
    }
    *out = ((mformobj *)v.u.o)->mf;
    if (*out == WK_MF_CHANNELS_LAST || *out == WK_MF_CHANNELS_LAST_3D) {
        wk_raise(wk_exc_NotImplementedError, "%s(): memory_format=torch.%s is not supported in wick", f, g_mf_names[*out]);
        return false;
    }
    return true;
}

/* ================================================================ torch.device */

typedef struct { wk_obj ob; wk_device d; } deviceobj;
#define DEV(v) (((deviceobj *)(v).u.o)->d)

wk_value wk_bind_device_obj(wk_device d) {
    deviceobj *o = (deviceobj *)wk_obj_alloc(&wk_torch_device_type);
    if (!o) return WK_NULLV;
    o->d = d;
    return wk_objv(&o->ob);
}

bool wk_bind_is_device_like(wk_value v) {
    return wk_is_str(v) || (WK_IS_OBJ(v) && v.u.o->type == &wk_torch_device_type);
}

bool wk_bind_device_arg(wk_value v, wk_device *out) {
    if (WK_IS_NULL(v) || WK_IS_NONE(v)) return true;
    if (WK_IS_OBJ(v) && v.u.o->type == &wk_torch_device_type) { *out = DEV(v); return true; }
    if (wk_is_str(v)) return wk_device_parse(wk_str_cstr(v), out) || wk_bind_rt_fail();
    if (WK_IS_INT(v)) {
        if (v.u.i < 0) { wk_raise(wk_exc_RuntimeError, "Device index must not be negative"); return false; }
        *out = (wk_device){ WK_DEV_CUDA, (int8_t)v.u.i };
        return true;
    }
    wk_raise(wk_exc_TypeError, "device must be torch.device, str or int, not %s", wk_typename(v));
    return false;
}

static wk_value device_new(wk_type *t, const wk_value *args, int nargs, wk_obj *kw) {
    (void)t;
    wk_value a[2];
    if (!wk_args_parse("device", args, nargs, kw, "type|index", a)) return WK_NULLV;
    wk_device d = WK_CPU;
    if (WK_IS_INT(a[0]) && WK_IS_NULL(a[1])) return wk_bind_device_arg(a[0], &d) ? wk_bind_device_obj(d) : WK_NULLV;
    if (!wk_bind_is_device_like(a[0]))
        return wk_raise(wk_exc_TypeError, "device() received an invalid combination of arguments - got (%s)",
                        wk_typename(a[0]));
    if (!wk_bind_device_arg(a[0], &d)) return WK_NULLV;
    if (!WK_IS_NULL(a[1]) && !WK_IS_NONE(a[1])) {
        if (!WK_IS_INT(a[1])) return wk_raise(wk_exc_TypeError, "device(): argument 'index' must be int, not %s", wk_typename(a[1]));
        if (d.index >= 0)
            return wk_raise(wk_exc_RuntimeError, "type (string) must not include an index because index was passed explicitly: %s",
                            wk_str_cstr(a[0]));
        if (a[1].u.i < 0) return wk_raise(wk_exc_RuntimeError, "Device index must not be negative");
        if (d.type == WK_DEV_CPU && a[1].u.i != 0)
            return wk_raise(wk_exc_RuntimeError, "CPU device index must be -1 or zero, got %lld", (long long)a[1].u.i);
        d.index = (int8_t)a[1].u.i;
    }
    return wk_bind_device_obj(d);
}

static wk_value device_repr(wk_value self) {
    char buf[64];
    wk_device_repr(DEV(self), buf, sizeof buf);
    return wk_str_from_c(buf);
}

static wk_value device_str(wk_value self) {
    char buf[64];
    wk_device_str(DEV(self), buf, sizeof buf);
    return wk_str_from_c(buf);
}

static wk_value device_richcmp(wk_value a, wk_value b, wk_cmp_op op) {
    if ((op != WK_EQ && op != WK_NE) || !WK_IS_OBJ(b) || b.u.o->type != &wk_torch_device_type)
        return wk_notimplemented();
    bool eq = DEV(a).type == DEV(b).type && DEV(a).index == DEV(b).index;
    return wk_bool(op == WK_EQ ? eq : !eq);
}

static bool device_hash(wk_value self, int64_t *out) {
    *out = DEV(self).type * 1000 + DEV(self).index + 7;
    return true;
}

static wk_value device_type_get(wk_value self) { return wk_str_from_c(DEV(self).type == WK_DEV_CUDA ? "cuda" : "cpu"); }
static wk_value device_index_get(wk_value self) { return DEV(self).index < 0 ? WK_NONEV : wk_int(DEV(self).index); }

static const wk_getsetdef device_getsets[] = {
    { "type", device_type_get, NULL, NULL },
    { "index", device_index_get, NULL, NULL },
    { NULL, NULL, NULL, NULL }
};

wk_type wk_torch_device_type = {
    .ob = { IMMORTAL, &wk_type_type }, .name = "device", .base = &wk_type_object,
    .basicsize = sizeof(deviceobj), .module = "torch", .new = device_new, .repr = device_repr,
    .str = device_str, .richcmp = device_richcmp, .hash = device_hash,
};

/* ================================================================ torch.Size */

wk_value wk_bind_size(int ndim, const int64_t *shape) {
    wk_tuple *t = (wk_tuple *)wk_obj_alloc_var(&wk_torch_size_type, (size_t)ndim * sizeof(wk_value));
    if (!t) return WK_NULLV;
    t->len = ndim;
    t->hash = -1;
    for (int i = 0; i < ndim; i++) t->items[i] = wk_int(shape[i]);
    return wk_objv(&t->ob);
}

static bool size_dims(wk_value self, int *ndim, int64_t *shape) {
    wk_tuple *t = WK_TUPLE(self.u.o);
    if (t->len > WK_MAX_DIMS) { wk_raise(wk_exc_ValueError, "too many dimensions"); return false; }
    for (int64_t i = 0; i < t->len; i++) {
        if (!WK_IS_INT(t->items[i])) {
            wk_raise(wk_exc_TypeError, "torch.Size() takes an iterable of 'int' (item %lld is '%s')", (long long)i,
                     wk_typename(t->items[i]));
            return false;
        }
        shape[i] = t->items[i].u.i;
    }
    *ndim = (int)t->len;
    return true;
}

static wk_value size_new(wk_type *type, const wk_value *args, int nargs, wk_obj *kw) {
    (void)type;
    wk_value a[1];
    if (!wk_args_parse("Size", args, nargs, kw, "|sizes", a)) return WK_NULLV;
    if (WK_IS_NULL(a[0])) return wk_bind_size(0, NULL);
    wk_obj *tup = wk_sequence_tuple(a[0]);
    if (!tup) return WK_NULLV;
    int nd = 0;
    int64_t shape[WK_MAX_DIMS];
    bool ok = size_dims(wk_objv(tup), &nd, shape);
    wk_obj_decref(tup);
    return ok ? wk_bind_size(nd, shape) : WK_NULLV;
}

static wk_value size_repr(wk_value self) {
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_adds(&sb, "torch.Size([");
    wk_tuple *t = WK_TUPLE(self.u.o);
    for (int64_t i = 0; i < t->len; i++) {
        if (i) wk_sbuf_adds(&sb, ", ");
        if (!wk_repr_to(&sb, t->items[i])) { wk_sbuf_free(&sb); return WK_NULLV; }
    }
    wk_sbuf_adds(&sb, "])");
    return wk_str_from_sbuf(&sb);
}

static wk_value size_getitem(wk_value self, wk_value key) {
    wk_value r = wk_type_tuple.getitem(self, key);
    if (WK_IS_NULL(r) || !wk_is_tuple(r)) return r;
    wk_tuple *t = WK_TUPLE(r.u.o);
    wk_tuple *s = (wk_tuple *)wk_obj_alloc_var(&wk_torch_size_type, (size_t)t->len * sizeof(wk_value));
    if (s) {
        s->len = t->len;
        s->hash = -1;
        for (int64_t i = 0; i < t->len; i++) s->items[i] = wk_incref(t->items[i]);
    }
    wk_decref(r);
    return s ? wk_objv(&s->ob) : WK_NULLV;
}

static wk_value size_numel(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_none("numel", nargs - 1, kw)) return WK_NULLV;
    int nd;
    int64_t shape[WK_MAX_DIMS], n = 1;
    if (!size_dims(args[0], &nd, shape)) return WK_NULLV;
    for (int i = 0; i < nd; i++) n *= shape[i];
    return wk_int(n);
}

/* Size + tuple stays a torch.Size. */
static wk_value size_add(wk_value a, wk_value b) {
    if (!wk_isinstance_t(a, &wk_torch_size_type) || !wk_isinstance_t(b, &wk_type_tuple)) return wk_notimplemented();
    wk_tuple *x = WK_TUPLE(a.u.o), *y = WK_TUPLE(b.u.o);
    int64_t shape[WK_MAX_DIMS];
    if (x->len + y->len > WK_MAX_DIMS) return wk_type_tuple.nb[WK_NB_ADD] ? wk_type_tuple.nb[WK_NB_ADD](a, b) : wk_notimplemented();
    for (int64_t i = 0; i < x->len + y->len; i++) {
        wk_value v = i < x->len ? x->items[i] : y->items[i - x->len];
        if (!WK_IS_INT(v)) return wk_type_tuple.nb[WK_NB_ADD] ? wk_type_tuple.nb[WK_NB_ADD](a, b) : wk_notimplemented();
        shape[i] = v.u.i;
    }
    return wk_bind_size((int)(x->len + y->len), shape);
}

static const wk_methoddef size_methods[] = {
    { "numel", size_numel, 0, NULL },
    { NULL, NULL, 0, NULL }
};

wk_type wk_torch_size_type = {
    .ob = { IMMORTAL, &wk_type_type }, .name = "Size", .base = &wk_type_tuple,
    .basicsize = sizeof(wk_tuple), .module = "torch", .new = size_new, .repr = size_repr,
    .getitem = size_getitem, .nb = { [WK_NB_ADD] = size_add },
};

/* ================================================================ torch.return_types */

static const char *const g_rt_names[] = { "max", "min", "sort", "topk", "kthvalue", "mode",
                                          "median", "cummax", "cummin", "aminmax" };
#define NRT ((int)(sizeof g_rt_names / sizeof g_rt_names[0]))
static wk_type g_rt_types[NRT];

static wk_value rt_repr(wk_value self) {
    wk_tuple *t = WK_TUPLE(self.u.o);
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    bool mm = !strcmp(self.u.o->type->name, "aminmax");  /* fields min/max instead of values/indices */
    wk_sbuf_printf(&sb, "torch.return_types.%s(\n%s=", self.u.o->type->name, mm ? "min" : "values");
    bool ok = t->len == 2 && wk_repr_to(&sb, t->items[0]);
    wk_sbuf_adds(&sb, mm ? ",\nmax=" : ",\nindices=");
    ok = ok && wk_repr_to(&sb, t->items[1]);
    wk_sbuf_adds(&sb, ")");
    if (!ok) { wk_sbuf_free(&sb); return WK_NULLV; }
    return wk_str_from_sbuf(&sb);
}

static wk_value rt_values(wk_value self) { return wk_incref(WK_TUPLE(self.u.o)->items[0]); }
static wk_value rt_indices(wk_value self) { return wk_incref(WK_TUPLE(self.u.o)->items[1]); }

static const wk_getsetdef rt_getsets[] = {
    { "values", rt_values, NULL, NULL },
    { "indices", rt_indices, NULL, NULL },
    { NULL, NULL, NULL, NULL }
};
static const wk_getsetdef rt_minmax_getsets[] = {
    { "min", rt_values, NULL, NULL },
    { "max", rt_indices, NULL, NULL },
    { NULL, NULL, NULL, NULL }
};

wk_value wk_bind_return_pair(const char *name, wk_tensor *values, wk_tensor *indices) {
    wk_type *type = &g_rt_types[0];
    for (int i = 0; i < NRT; i++)
        if (!strcmp(g_rt_names[i], name)) type = &g_rt_types[i];
    wk_value v = wk_bind_wrap(values);
    wk_value ix = WK_IS_NULL(v) ? (wk_tensor_decref(indices), WK_NULLV) : wk_bind_wrap(indices);
    if (WK_IS_NULL(ix)) { wk_decref(v); return WK_NULLV; }
    wk_tuple *t = (wk_tuple *)wk_obj_alloc_var(type, 2 * sizeof(wk_value));
    if (!t) { wk_decref(v); wk_decref(ix); return WK_NULLV; }
    t->len = 2;
    t->hash = -1;
    t->items[0] = v;
    t->items[1] = ix;
    return wk_objv(&t->ob);
}

/* ================================================================ init */

static const struct { const char *name; wk_dtype dt; } g_dtype_names[] = {
    { "float32", WK_DT_F32 }, { "float", WK_DT_F32 }, { "float64", WK_DT_F64 }, { "double", WK_DT_F64 },
    { "float16", WK_DT_F16 }, { "half", WK_DT_F16 }, { "bfloat16", WK_DT_BF16 }, { "int64", WK_DT_I64 },
    { "long", WK_DT_I64 }, { "int32", WK_DT_I32 }, { "int", WK_DT_I32 }, { "int16", WK_DT_I16 },
    { "short", WK_DT_I16 }, { "int8", WK_DT_I8 }, { "uint8", WK_DT_U8 }, { "bool", WK_DT_BOOL },
};

bool wk_bind_types_init(void) {
    if (!wk_type_ready(&wk_torch_dtype_type) || !wk_type_add_getsets(&wk_torch_dtype_type, dtype_getsets))
        return false;
    for (int i = 0; i < WK_NDTYPES; i++) {
        g_dtypes[i].ob.refcnt = IMMORTAL;
        g_dtypes[i].ob.type = &wk_torch_dtype_type;
        g_dtypes[i].dt = (wk_dtype)i;
    }
    if (!wk_type_ready(&wk_torch_device_type) || !wk_type_add_getsets(&wk_torch_device_type, device_getsets))
        return false;
    if (!wk_type_ready(&g_mformat_type)) return false;
    for (int i = 0; i < NMF; i++) {
        g_mformats[i].ob.refcnt = IMMORTAL;
        g_mformats[i].ob.type = &g_mformat_type;
        g_mformats[i].mf = (wk_memory_format)i;
    }
    if (!wk_type_ready(&wk_torch_size_type) || !wk_type_add_methods(&wk_torch_size_type, size_methods))
        return false;
    for (int i = 0; i < NRT; i++) {
        g_rt_types[i] = (wk_type){
            .ob = { IMMORTAL, &wk_type_type }, .name = g_rt_names[i], .base = &wk_type_tuple,
            .basicsize = sizeof(wk_tuple), .module = "torch.return_types", .repr = rt_repr,
        };
        const wk_getsetdef *gs = strcmp(g_rt_names[i], "aminmax") ? rt_getsets : rt_minmax_getsets;
        if (!wk_type_ready(&g_rt_types[i]) || !wk_type_add_getsets(&g_rt_types[i], gs)) return false;
    }
    return true;
}

/* Adds dtype names, device, Size and the torch.return_types submodule to torch. */
bool wk_bind_types_module(wk_obj *torch) {
    for (size_t i = 0; i < sizeof g_dtype_names / sizeof g_dtype_names[0]; i++)
        if (!wk_module_add(torch, g_dtype_names[i].name, wk_objv(&g_dtypes[g_dtype_names[i].dt].ob)))
            return false;
    if (!wk_module_add(torch, "dtype", wk_objv(&wk_torch_dtype_type.ob)) ||
        !wk_module_add(torch, "device", wk_objv(&wk_torch_device_type.ob)) ||
        !wk_module_add(torch, "Size", wk_objv(&wk_torch_size_type.ob)) ||
        !wk_module_add(torch, "memory_format", wk_objv(&g_mformat_type.ob)))
        return false;
    for (int i = 0; i < NMF; i++)
        if (!wk_module_add(torch, g_mf_names[i], wk_objv(&g_mformats[i].ob))) return false;
    wk_obj *rt = wk_module_new("torch.return_types");
    bool ok = rt != NULL;
    for (int i = 0; ok && i < NRT; i++) ok = wk_module_add(rt, g_rt_names[i], wk_objv(&g_rt_types[i].ob));
    ok = ok && wk_module_add(torch, "return_types", wk_objv(rt)) &&
         wk_dict_set_s(wk_vm_state.modules, "torch.return_types", wk_objv(rt)) == 0;
    wk_obj_decref(rt);
    return ok;
}
