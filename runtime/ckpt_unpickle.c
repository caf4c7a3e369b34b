/* ckpt_unpickle.c — restricted unpickler for torch.load (weights_only): containers, numbers, strings and the known tensor-rebuilding globals only; never runs code. */
#include "ckpt.h"
#include "utf8.h"
#include <stdarg.h>
#include <string.h>

#define MAX_MEMO (1u << 22)
#define MAX_NEST 1000
#define WK_IMMORTAL_CKPT ((int64_t)1 << 60)

/* ================================================================ error text */

static bool g_explicit_unsafe;
void wk_pickle_set_explicit_unsafe(bool on) { g_explicit_unsafe = on; }

wk_type *wk_ckpt_unpickling_error(void) {
    static wk_type *t;
    if (!t) {
        wk_obj *ns = wk_dict_new();
        if (!ns) return NULL;
        t = wk_type_new_class("UnpicklingError", wk_exc_Exception, ns, "_pickle");
        wk_obj_decref(ns);
    }
    return t;
}

static const char HEADER_2X[] =
    "Weights only load failed. This file can still be loaded, to do so you have two options, do those "
    "steps only if you trust the source of the checkpoint. \n\t(1) In PyTorch 2.6, we changed the default "
    "value of the `weights_only` argument in `torch.load` from `False` to `True`. Re-running `torch.load` "
    "with `weights_only` set to `False` will likely succeed, but it can result in arbitrary code execution. "
    "Do it only if you got the file from a trusted source.\n\t(2) Alternatively, to load with "
    "`weights_only=True` please check the recommended steps in the following error message.\n\t";
static const char HEADER_WICK[] =
    "Weights only load failed. wick never executes code from a checkpoint, so weights_only=False "
    "cannot load this file either: only tensors, containers and numbers can be loaded.\n\t";

wk_value wk_pickle_error(const char *fmt, ...) {
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_adds(&sb, g_explicit_unsafe ? HEADER_WICK : HEADER_2X);
    wk_sbuf_adds(&sb, "WeightsUnpickler error: ");
    va_list ap;
    va_start(ap, fmt);
    wk_sbuf_vprintf(&sb, fmt, ap);
    va_end(ap);
    wk_type *t = wk_ckpt_unpickling_error();
    if (!t) { wk_sbuf_free(&sb); return WK_NULLV; }
    wk_value msg = wk_str_from_sbuf(&sb);
    if (WK_IS_NULL(msg)) return WK_NULLV;
    wk_raise_value(t, msg);
    wk_decref(msg);
    return WK_NULLV;
}

/* ================================================================ private stack objects */

/* The allowed globals. */
typedef enum {
    G_REBUILD_TENSOR, G_REBUILD_PARAM, G_REBUILD_PARAM_STATE, G_ORDERED_DICT, G_SIZE, G_DEVICE,
    G_STORAGE            /* a torch.<X>Storage class; dtype in gref.dtype */
} gid;

typedef struct { wk_obj ob; gid id; wk_dtype dtype; char name[64]; } gref;
typedef struct { wk_obj ob; wk_tensor *base; } sref;

static void gref_dealloc(wk_obj *o) { wk_obj_free(o); }
static void sref_dealloc(wk_obj *o) { wk_tensor_decref(((sref *)o)->base); wk_obj_free(o); }
static wk_value gref_repr(wk_value v) { return wk_str_fromf("<class '%s'>", ((gref *)v.u.o)->name); }
static wk_value sref_repr(wk_value v) { (void)v; return wk_str_from_c("<storage>"); }

static wk_type g_gref_type = {
    .ob = { WK_IMMORTAL_CKPT, &wk_type_type }, .name = "_ckpt_global", .base = &wk_type_object,
    .basicsize = sizeof(gref), .module = "torch", .dealloc = gref_dealloc, .repr = gref_repr,
};
static wk_type g_sref_type = {
    .ob = { WK_IMMORTAL_CKPT, &wk_type_type }, .name = "TypedStorage", .base = &wk_type_object,
    .basicsize = sizeof(sref), .module = "torch", .dealloc = sref_dealloc, .repr = sref_repr,
};

static bool types_ready(void) {
    static bool done;
    if (done) return true;
    if (!wk_type_ready(&g_gref_type) || !wk_type_ready(&g_sref_type)) return false;
    return done = true;
}


/* ================================================================ decoder state */

typedef struct {
    const unsigned char *p, *end;
    wk_value *stack;
    int64_t sp, scap;
    int64_t *marks;
    int64_t nmarks, mcap;
    wk_value *memo;
    uint32_t mlen, mcount;   /* capacity; entries set (MEMOIZE uses the count) */
    wk_pickle_storage_fn storage_fn;
    void *ctx;
    wk_value od_class;        /* wick's OrderedDict class, or WK_NULL for plain dicts */
    bool od_looked_up;
    /* nesting depth of containers built here: pointer -> depth (open addressing) */
    const void **dkeys;
    int *dvals;
    size_t dcap, dcount;
} dec;

static wk_value perr(const char *msg) { return wk_pickle_error("%s", msg); }

static bool push(dec *d, wk_value v) {   /* steals v */
    if (WK_IS_NULL(v)) return false;
    if (d->sp == d->scap) {
        int64_t cap = d->scap ? 2 * d->scap : 64;
        wk_value *ns = realloc(d->stack, (size_t)cap * sizeof *ns);
        if (!ns) { wk_decref(v); wk_raise_nomem(); return false; }
        d->stack = ns;
        d->scap = cap;
    }
    d->stack[d->sp++] = v;
    return true;
}

/* Pops into *out (caller owns it). */
static bool pop(dec *d, wk_value *out) {
    if (d->sp <= (d->nmarks ? d->marks[d->nmarks - 1] : 0)) { perr("unpickling stack underflow"); return false; }
    *out = d->stack[--d->sp];
    return true;
}

static wk_value *top(dec *d) {
    if (d->sp <= (d->nmarks ? d->marks[d->nmarks - 1] : 0)) { perr("unpickling stack underflow"); return NULL; }
    return &d->stack[d->sp - 1];
}

/* Start index of the items above the last MARK; the mark is popped. */
static bool pop_mark(dec *d, int64_t *start) {
    if (!d->nmarks) { perr("could not find MARK"); return false; }
    *start = d->marks[--d->nmarks];
    return true;
}

static void drop_to(dec *d, int64_t start) {
    while (d->sp > start) wk_decref(d->stack[--d->sp]);
}

static bool need(dec *d, size_t n) {
    if ((size_t)(d->end - d->p) < n) { perr("pickle data was truncated"); return false; }
    return true;
}

static uint32_t le32(const unsigned char *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* ---------------------------------------------------------------- nesting depth */

static size_t dhash(const void *p) {
    uint64_t x = (uint64_t)(uintptr_t)p;
    x ^= x >> 31; x *= 0x9e3779b97f4a7c15ull; x ^= x >> 29;
    return (size_t)x;
}

static int depth_of(const dec *d, wk_value v) {
    if (!WK_IS_OBJ(v) || !d->dcap) return 0;
    for (size_t j = dhash(v.u.o) & (d->dcap - 1); d->dkeys[j]; j = (j + 1) & (d->dcap - 1))
        if (d->dkeys[j] == v.u.o) return d->dvals[j];
    return 0;
}

static bool depth_grow(dec *d) {
    size_t cap = d->dcap ? 2 * d->dcap : 64;
    const void **k = calloc(cap, sizeof *k);
    int *v = calloc(cap, sizeof *v);
    if (!k || !v) { free(k); free(v); wk_raise_nomem(); return false; }
    for (size_t i = 0; i < d->dcap; i++) {
        if (!d->dkeys[i]) continue;
        size_t j = dhash(d->dkeys[i]) & (cap - 1);
        while (k[j]) j = (j + 1) & (cap - 1);
        k[j] = d->dkeys[i];
        v[j] = d->dvals[i];
    }
    free(d->dkeys); free(d->dvals);
    d->dkeys = k; d->dvals = v; d->dcap = cap;
    return true;
}

/* Records that container c now holds an item of depth `inner`; refuses absurd nesting
 * (freeing a deeply nested value recurses in C). */
static bool note_depth(dec *d, wk_value c, int inner) {
    if (inner + 1 > MAX_NEST) { perr("data nested too deeply"); return false; }
    if ((d->dcount + 1) * 2 > d->dcap && !depth_grow(d)) return false;
    size_t j = dhash(c.u.o) & (d->dcap - 1);
    while (d->dkeys[j] && d->dkeys[j] != c.u.o) j = (j + 1) & (d->dcap - 1);
    if (!d->dkeys[j]) { d->dkeys[j] = c.u.o; d->dvals[j] = 0; d->dcount++; }
    if (d->dvals[j] < inner + 1) d->dvals[j] = inner + 1;
    return true;
}

static bool note_items(dec *d, wk_value c, const wk_value *items, int64_t n) {
    int m = 0;
    for (int64_t i = 0; i < n; i++) { int k = depth_of(d, items[i]); if (k > m) m = k; }
    return note_depth(d, c, m);
}

/* ================================================================ globals */

static bool storage_dtype_of(const char *name, wk_dtype *dt) { return wk_ckpt_storage_dtype(name, dt); }

static wk_value make_gref(gid id, wk_dtype dt, const char *module, const char *name) {
    gref *g = (gref *)wk_obj_alloc(&g_gref_type);
    if (!g) return WK_NULLV;
    g->id = id;
    g->dtype = dt;
    snprintf(g->name, sizeof g->name, "%s.%s", module, name);
    return wk_objv(&g->ob);
}

static wk_value find_global(const char *module, const char *name) {
    wk_dtype dt = WK_DT_F32;
    if (!strcmp(module, "torch._utils")) {
        if (!strcmp(name, "_rebuild_tensor_v2")) return make_gref(G_REBUILD_TENSOR, dt, module, name);
        if (!strcmp(name, "_rebuild_parameter")) return make_gref(G_REBUILD_PARAM, dt, module, name);
        if (!strcmp(name, "_rebuild_parameter_with_state")) return make_gref(G_REBUILD_PARAM_STATE, dt, module, name);
    } else if (!strcmp(module, "collections") && !strcmp(name, "OrderedDict")) {
        return make_gref(G_ORDERED_DICT, dt, module, name);
    } else if (!strcmp(module, "torch")) {
        if (!strcmp(name, "Size")) return make_gref(G_SIZE, dt, module, name);
        if (!strcmp(name, "device")) return make_gref(G_DEVICE, dt, module, name);
        if (storage_dtype_of(name, &dt)) return make_gref(G_STORAGE, dt, module, name);
        if (name[0] >= 'a' && name[0] <= 'z' && wk_dtype_from_name(name, &dt)) return wk_bind_dtype_obj(dt);
    }
    const char *dot = strrchr(name, '.');
    return wk_pickle_error("Unsupported global: GLOBAL %s.%s was not an allowed global by default. Please use "
                           "`torch.serialization.add_safe_globals([%s])` or the "
                           "`torch.serialization.safe_globals([%s])` context manager to allowlist this global "
                           "if you trust this class/function.\n\nCheck the documentation of torch.load to learn "
                           "more about types accepted by default with weights_only "
                           "https://pytorch.org/docs/stable/generated/torch.load.html.",
                           module, name, dot ? dot + 1 : name, dot ? dot + 1 : name);
}

/* GLOBAL: "module\nname\n" */
static bool op_global(dec *d) {
    const unsigned char *nl1 = memchr(d->p, '\n', (size_t)(d->end - d->p));
    const unsigned char *nl2 = nl1 ? memchr(nl1 + 1, '\n', (size_t)(d->end - nl1 - 1)) : NULL;
    if (!nl2) return perr("pickle data was truncated"), false;
    char module[256], name[256];
    size_t ml = (size_t)(nl1 - d->p), nlen = (size_t)(nl2 - nl1 - 1);
    if (ml >= sizeof module || nlen >= sizeof name) return perr("global name too long"), false;
    memcpy(module, d->p, ml); module[ml] = 0;
    memcpy(name, nl1 + 1, nlen); name[nlen] = 0;
    d->p = nl2 + 1;
    return push(d, find_global(module, name));
}

static bool op_stack_global(dec *d) {
    wk_value name, module;
    if (!pop(d, &name)) return false;
    if (!pop(d, &module)) { wk_decref(name); return false; }
    bool ok = wk_is_str(name) && wk_is_str(module);
    if (!ok) perr("STACK_GLOBAL requires str");
    else ok = push(d, find_global(wk_str_cstr(module), wk_str_cstr(name)));
    wk_decref(name);
    wk_decref(module);
    return ok;
}

/* ================================================================ REDUCE handlers */

static bool int_item(wk_value v, int64_t *out) {
    if (!WK_IS_INT(v) && !WK_IS_BOOL(v)) return false;
    *out = v.u.i;
    return true;
}

static bool dims_of(wk_value v, int *n, int64_t *out) {
    if (!wk_is_tuple(v) && !wk_isinstance_t(v, &wk_type_tuple)) return false;
    wk_tuple *t = WK_TUPLE(v.u.o);
    if (t->len > WK_MAX_DIMS) return false;
    for (int64_t i = 0; i < t->len; i++)
        if (!int_item(t->items[i], &out[i]) || out[i] < 0) return false;
    *n = (int)t->len;
    return true;
}

/* Checks a strided view fits in a storage of numel elements (PyTorch's setStorage text). */
static bool view_fits(int n, const int64_t *size, const int64_t *stride, int64_t off, int64_t numel,
                      wk_dtype dt) {
    bool empty = false;
    __int128 last = off;
    for (int i = 0; i < n; i++) {
        if (size[i] == 0) empty = true;
        else last += (__int128)(size[i] - 1) * stride[i];
    }
    __int128 need = empty ? off : last + 1;
    if (off >= 0 && need <= numel) return true;
    char sz[256], st[256];
    wk_shape_str(sz, sizeof sz, n, size);
    wk_shape_str(st, sizeof st, n, stride);
    size_t es = wk_dtype_size(dt);
    wk_raise(wk_exc_RuntimeError, "setStorage: sizes %s, strides %s, storage offset %lld, and itemsize %zu "
             "requiring a storage size of %lld are out of bounds for storage of size %lld", sz, st,
             (long long)off, es, (long long)(need * (__int128)es), (long long)numel * (long long)es);
    return false;
}

static wk_tensor *fresh_version(wk_tensor *t) {
    wk_version *v = malloc(sizeof *v);
    if (!v) { wk_tensor_decref(t); wk_raise_nomem(); return NULL; }
    v->refcount = 1;
    v->value = 0;
    if (t->version && --t->version->refcount == 0) free(t->version);
    t->version = v;
    return t;
}

static wk_value rebuild_tensor(wk_tuple *a) {
    if (a->len != 6 && a->len != 7) return perr("_rebuild_tensor_v2 expects 6 or 7 arguments");
    wk_value s = a->items[0];
    if (!WK_IS_OBJ(s) || s.u.o->type != &g_sref_type) return perr("_rebuild_tensor_v2: storage expected");
    wk_tensor *base = ((sref *)s.u.o)->base;
    int64_t off, size[WK_MAX_DIMS], stride[WK_MAX_DIMS];
    int n, ns;
    if (!int_item(a->items[1], &off) || !dims_of(a->items[2], &n, size) || !dims_of(a->items[3], &ns, stride) || n != ns)
        return perr("_rebuild_tensor_v2: bad storage offset, size or stride");
    if (!WK_IS_BOOL(a->items[4])) return perr("_rebuild_tensor_v2: requires_grad must be a bool");
    if (!view_fits(n, size, stride, off, base->shape[0], base->dtype)) return WK_NULLV;
    wk_tensor *t = wk_tensor_as_strided(base, n, size, stride, off);
    if (!t) return wk_bind_rt_raise();
    if (!(t = fresh_version(t))) return WK_NULLV;
    if (a->items[4].u.i && !wk_autograd_set_requires_grad(t, true)) {
        wk_tensor_decref(t);
        return wk_bind_rt_raise();
    }
    return wk_bind_wrap(t);
}

/* nn.Parameter(data, requires_grad) through wick's torch.nn; a plain tensor with
 * requires_grad when torch.nn is not available (C unit tests). */
static wk_value rebuild_param(wk_tuple *a) {
    if (a->len < 2 || !wk_bind_is_tensor(a->items[0]) || !WK_IS_BOOL(a->items[1]))
        return perr("_rebuild_parameter: (tensor, requires_grad, hooks) expected");
    wk_value nn = wk_import("torch.nn");
    wk_value cls = WK_IS_NULL(nn) ? WK_NULLV : wk_getattr_s(nn, "Parameter");
    wk_decref(nn);
    if (!WK_IS_NULL(cls)) {
        wk_value r = wk_call2(cls, a->items[0], a->items[1]);
        wk_decref(cls);
        return r;
    }
    wk_err_clear();
    wk_tensor *t = wk_tensor_alias(wk_bind_t(a->items[0]));
    if (!t || !(t = fresh_version(t))) return t ? WK_NULLV : wk_bind_rt_raise();
    if (a->items[1].u.i && !wk_autograd_set_requires_grad(t, true)) { wk_tensor_decref(t); return wk_bind_rt_raise(); }
    return wk_bind_wrap(t);
}

static wk_value new_ordered_dict(dec *d) {
    if (!d->od_looked_up) {
        d->od_looked_up = true;
        wk_value m = wk_import("collections");
        d->od_class = WK_IS_NULL(m) ? WK_NULLV : wk_getattr_s(m, "OrderedDict");
        wk_decref(m);
        if (WK_IS_NULL(d->od_class)) wk_err_clear();
    }
    if (WK_IS_NULL(d->od_class)) return wk_objv(wk_dict_new());
    return wk_call0(d->od_class);
}

static wk_value call_global(dec *d, gref *g, wk_tuple *a) {
    switch (g->id) {
    case G_REBUILD_TENSOR: return rebuild_tensor(a);
    case G_REBUILD_PARAM:
    case G_REBUILD_PARAM_STATE: return rebuild_param(a);
    case G_ORDERED_DICT:
        if (a->len != 0) return perr("OrderedDict with arguments is not supported");
        return new_ordered_dict(d);
    case G_SIZE: {
        int n;
        int64_t dims[WK_MAX_DIMS];
        if (a->len != 1 || !dims_of(a->items[0], &n, dims)) return perr("torch.Size expects a tuple of ints");
        return wk_bind_size(n, dims);
    }
    case G_DEVICE:
        for (int64_t i = 0; i < a->len; i++)
            if (!wk_is_str(a->items[i]) && !WK_IS_INT(a->items[i])) return perr("torch.device expects str or int");
        return wk_call(wk_objv(&wk_torch_device_type.ob), a->items, (int)a->len, NULL);
    case G_STORAGE: break;
    }
    return wk_pickle_error("Trying to call reduce for unrecognized function %s", g->name);
}

static bool op_reduce(dec *d) {
    wk_value args;
    if (!pop(d, &args)) return false;
    wk_value *f = top(d);
    bool ok = f != NULL;
    if (ok && (!WK_IS_OBJ(*f) || f->u.o->type != &g_gref_type)) {
        wk_value r = wk_repr(*f);
        wk_pickle_error("Trying to call reduce for unrecognized function %s", wk_is_str(r) ? wk_str_cstr(r) : "?");
        wk_decref(r);
        ok = false;
    } else if (ok && !wk_is_tuple(args)) {
        perr("REDUCE arguments must be a tuple");
        ok = false;
    }
    if (ok) {
        wk_value r = call_global(d, (gref *)f->u.o, WK_TUPLE(args.u.o));
        if ((ok = !WK_IS_NULL(r))) { wk_decref(*f); *f = r; }
    }
    wk_decref(args);
    return ok;
}

/* BUILD: only OrderedDict attribute state (_metadata) and tensor state (ignored). */
static bool op_build(dec *d) {
    wk_value state;
    if (!pop(d, &state)) return false;
    wk_value *inst = top(d);
    bool ok = inst != NULL;
    if (ok && wk_isinstance_t(*inst, &wk_type_dict) && wk_is_dict(state)) {
        int64_t pos = 0;
        wk_value k, v;
        bool plain = wk_is_dict(*inst);
        while (ok && !plain && wk_dict_next(state.u.o, &pos, &k, &v)) {
            if (!wk_is_str(k)) { perr("BUILD state keys must be str"); ok = false; break; }
            ok = wk_setattr(*inst, k.u.o, v) == 0;
        }
    } else if (ok && !wk_bind_is_tensor(*inst)) {
        wk_pickle_error("Can only build Tensor, Parameter, OrderedDict or types allowlisted via "
                        "`add_safe_globals`, but got %s", wk_typename(*inst));
        ok = false;
    }
    wk_decref(state);
    return ok;
}

/* BINPERSID: ('storage', <class>, key, location, numel) */
static bool op_persid(dec *d) {
    wk_value pid;
    if (!pop(d, &pid)) return false;
    bool ok = false;
    wk_tuple *t = wk_is_tuple(pid) ? WK_TUPLE(pid.u.o) : NULL;
    if (!t || t->len < 1) {
        perr("persistent_load id must be a tuple");
    } else if (!wk_is_str(t->items[0]) || strcmp(wk_str_cstr(t->items[0]), "storage")) {
        perr("Only persistent_load of storage is allowed");
    } else if (t->len != 5 || !WK_IS_OBJ(t->items[1]) || t->items[1].u.o->type != &g_gref_type ||
               ((gref *)t->items[1].u.o)->id != G_STORAGE || !wk_is_str(t->items[2]) ||
               !wk_is_str(t->items[3]) || !WK_IS_INT(t->items[4]) || t->items[4].u.i < 0) {
        perr("bad storage persistent id: expected ('storage', <storage class>, key, location, numel)");
    } else {
        wk_tensor *base = d->storage_fn(d->ctx, wk_str_cstr(t->items[2]), ((gref *)t->items[1].u.o)->dtype,
                                        t->items[4].u.i, wk_str_cstr(t->items[3]));
        sref *s = base ? (sref *)wk_obj_alloc(&g_sref_type) : NULL;
        if (s) s->base = base;
        else wk_tensor_decref(base);
        ok = s && push(d, wk_objv(&s->ob));
    }
    wk_decref(pid);
    return ok;
}

/* ================================================================ containers */

static bool op_tuple(dec *d, int64_t start) {
    int64_t n = d->sp - start;
    wk_obj *t = wk_tuple_from_array(&d->stack[start], n);
    if (!t) return false;
    bool ok = note_items(d, wk_objv(t), &d->stack[start], n);
    drop_to(d, start);
    if (!ok) { wk_obj_decref(t); return false; }
    return push(d, wk_objv(t));
}

static bool op_tuple_n(dec *d, int n) {
    int64_t floor = d->nmarks ? d->marks[d->nmarks - 1] : 0;
    if (d->sp - floor < n) return perr("unpickling stack underflow"), false;
    return op_tuple(d, d->sp - n);
}

static bool append_items(dec *d, int64_t start) {
    wk_value *l = start > 0 ? &d->stack[start - 1] : NULL;
    int64_t floor = d->nmarks ? d->marks[d->nmarks - 1] : 0;
    bool ok = l && start - 1 >= floor && wk_isinstance_t(*l, &wk_type_list);
    if (!ok) perr("Can only append to lists");
    ok = ok && note_items(d, *l, &d->stack[start], d->sp - start);
    for (int64_t i = start; ok && i < d->sp; i++) ok = wk_list_append(l->u.o, d->stack[i]);
    drop_to(d, start);
    return ok;
}

static bool set_items(dec *d, int64_t start) {
    wk_value *m = start > 0 ? &d->stack[start - 1] : NULL;
    int64_t floor = d->nmarks ? d->marks[d->nmarks - 1] : 0;
    bool ok = m && start - 1 >= floor && wk_isinstance_t(*m, &wk_type_dict);
    if (!ok) perr("Can only set items of dicts");
    if (ok && (d->sp - start) % 2) { perr("odd number of items for SETITEMS"); ok = false; }
    ok = ok && note_items(d, *m, &d->stack[start], d->sp - start);
    for (int64_t i = start; ok && i + 1 < d->sp; i += 2) ok = wk_setitem(*m, d->stack[i], d->stack[i + 1]) == 0;
    drop_to(d, start);
    return ok;
}

static bool op_mark_list(dec *d, bool is_dict) {
    int64_t start;
    if (!pop_mark(d, &start)) return false;
    wk_value c = wk_objv(is_dict ? wk_dict_new() : wk_list_new(0));
    if (WK_IS_NULL(c)) { drop_to(d, start); return false; }
    /* insert the new container below the items, then reuse the append/setitems paths */
    if (!push(d, WK_NONEV)) { wk_decref(c); drop_to(d, start); return false; }
    memmove(&d->stack[start + 1], &d->stack[start], (size_t)(d->sp - 1 - start) * sizeof *d->stack);
    d->stack[start] = c;
    return is_dict ? set_items(d, start + 1) : append_items(d, start + 1);
}

/* ================================================================ scalars */

static bool push_str(dec *d, const unsigned char *s, size_t n) {
    if (!wk_utf8_validate((const char *)s, n, NULL, NULL)) return perr("invalid UTF-8 in a pickled string"), false;
    return push(d, wk_str_new((const char *)s, n));
}

static bool op_long(dec *d, size_t n) {
    if (!need(d, n)) return false;
    if (n > 8) {
        size_t k = n;   /* accept wider encodings of values that fit in 64 bits */
        unsigned char fill = (d->p[n - 1] & 0x80) ? 0xff : 0;
        while (k > 8 && d->p[k - 1] == fill) k--;
        if (k > 8 || ((d->p[7] & 0x80) != (fill & 0x80)))
            return wk_raise(wk_exc_OverflowError, "int too large to load (wick ints are 64-bit)"), false;
        n = 8;
    }
    uint64_t u = 0;
    for (size_t i = 0; i < n; i++) u |= (uint64_t)d->p[i] << (8 * i);
    if (n && n < 8 && (d->p[n - 1] & 0x80)) u |= ~(uint64_t)0 << (8 * n);
    d->p += n;
    return push(d, wk_int((int64_t)u));
}

static bool op_float(dec *d) {
    if (!need(d, 8)) return false;
    uint64_t u = 0;
    for (int i = 0; i < 8; i++) u = u << 8 | d->p[i];
    d->p += 8;
    double v;
    memcpy(&v, &u, 8);
    return push(d, wk_float(v));
}

/* ================================================================ memo */

static bool memo_put(dec *d, uint32_t idx) {
    wk_value *t = top(d);
    if (!t) return false;
    if (idx >= MAX_MEMO) return perr("memo index too large"), false;
    if (idx >= d->mlen) {
        uint32_t n = d->mlen ? d->mlen : 64;
        while (n <= idx) n *= 2;
        wk_value *m = realloc(d->memo, (size_t)n * sizeof *m);
        if (!m) return wk_raise_nomem(), false;
        for (uint32_t i = d->mlen; i < n; i++) m[i] = WK_NULLV;
        d->memo = m;
        d->mlen = n;
    }
    if (WK_IS_NULL(d->memo[idx])) d->mcount++;
    wk_assign(&d->memo[idx], *t);
    return true;
}

static bool memo_get(dec *d, uint32_t idx) {
    if (idx >= d->mlen || WK_IS_NULL(d->memo[idx])) {
        wk_pickle_error("Memo value not found at index %u", idx);
        return false;
    }
    return push(d, wk_incref(d->memo[idx]));
}

/* ================================================================ main loop */

static bool step(dec *d, int c, bool *stop);

wk_value wk_pickle_load(const unsigned char *data, size_t n, wk_pickle_storage_fn fn, void *ctx) {
    if (!types_ready()) return WK_NULLV;
    dec d;
    memset(&d, 0, sizeof d);
    d.p = data;
    d.end = data + n;
    d.storage_fn = fn;
    d.ctx = ctx;
    bool ok = true, stop = false;
    while (ok && !stop) {
        if (d.p >= d.end) { perr("pickle data was truncated"); ok = false; break; }
        int c = *d.p++;
        ok = step(&d, c, &stop);
    }
    wk_value result = WK_NULLV;
    if (ok && !pop(&d, &result)) ok = false;
    drop_to(&d, 0);
    for (uint32_t i = 0; i < d.mlen; i++) wk_decref(d.memo[i]);
    free(d.memo);
    free(d.stack);
    free(d.marks);
    free(d.dkeys);
    free(d.dvals);
    wk_decref(d.od_class);
    if (!ok) { wk_decref(result); return WK_NULLV; }
    return result;
}

static bool op_mark(dec *d) {
    if (d->nmarks == d->mcap) {
        int64_t cap = d->mcap ? 2 * d->mcap : 16;
        int64_t *m = realloc(d->marks, (size_t)cap * sizeof *m);
        if (!m) return wk_raise_nomem(), false;
        d->marks = m;
        d->mcap = cap;
    }
    d->marks[d->nmarks++] = d->sp;
    return true;
}

static bool op_sized(dec *d, int c) {
    size_t len, hdr = c == 0x8c || c == 'U' || c == 'C' ? 1 : c == 0x8d || c == 0x8e ? 8 : 4;
    if (!need(d, hdr)) return false;
    if (hdr == 1) len = d->p[0];
    else if (hdr == 4) len = le32(d->p);
    else {
        uint64_t u = le32(d->p) | (uint64_t)le32(d->p + 4) << 32;
        if (u > (uint64_t)(d->end - d->p)) return perr("pickle data was truncated"), false;
        len = (size_t)u;
    }
    d->p += hdr;
    if (!need(d, len)) return false;
    const unsigned char *s = d->p;
    d->p += len;
    if (c == 'C' || c == 'B' || c == 0x8e) return push(d, wk_bytes_new(s, len));
    return push_str(d, s, len);
}

static bool step(dec *d, int c, bool *stop) {
    int64_t start;
    switch (c) {
    case 0x80: if (!need(d, 1)) return false; d->p++; return true;          /* PROTO */
    case 0x95: if (!need(d, 8)) return false; d->p += 8; return true;       /* FRAME */
    case '.': *stop = true; return true;                                     /* STOP */
    case '(': return op_mark(d);
    case '0': { wk_value v; if (!pop(d, &v)) return false; wk_decref(v); return true; }
    case '1': if (!pop_mark(d, &start)) return false; drop_to(d, start); return true;
    case '2': { wk_value *t = top(d); return t && push(d, wk_incref(*t)); }
    case 'N': return push(d, WK_NONEV);
    case 0x88: return push(d, WK_TRUEV);
    case 0x89: return push(d, WK_FALSEV);
    case 'K': if (!need(d, 1)) return false; return push(d, wk_int(*d->p++));
    case 'M': if (!need(d, 2)) return false; d->p += 2; return push(d, wk_int(d->p[-2] | d->p[-1] << 8));
    case 'J': if (!need(d, 4)) return false; d->p += 4; return push(d, wk_int((int32_t)le32(d->p - 4)));
    case 0x8a: if (!need(d, 1)) return false; d->p++; return op_long(d, d->p[-1]);
    case 0x8b: if (!need(d, 4)) return false; d->p += 4; return op_long(d, le32(d->p - 4));
    case 'G': return op_float(d);
    case 'X': case 0x8c: case 0x8d: case 'U': case 'T': case 'C': case 'B': case 0x8e: return op_sized(d, c);
    case ')': return push(d, wk_objv(wk_empty_tuple()));
    case 't': return pop_mark(d, &start) && op_tuple(d, start);
    case 0x85: return op_tuple_n(d, 1);
    case 0x86: return op_tuple_n(d, 2);
    case 0x87: return op_tuple_n(d, 3);
    case ']': return push(d, wk_objv(wk_list_new(0)));
    case '}': return push(d, wk_objv(wk_dict_new()));
    case 'l': return op_mark_list(d, false);
    case 'd': return op_mark_list(d, true);
    case 'a': {
        int64_t floor = d->nmarks ? d->marks[d->nmarks - 1] : 0;
        if (d->sp - floor < 2) return perr("unpickling stack underflow"), false;
        return append_items(d, d->sp - 1);
    }
    case 'e': return pop_mark(d, &start) && append_items(d, start);
    case 's': {
        int64_t floor = d->nmarks ? d->marks[d->nmarks - 1] : 0;
        if (d->sp - floor < 3) return perr("unpickling stack underflow"), false;
        return set_items(d, d->sp - 2);
    }
    case 'u': return pop_mark(d, &start) && set_items(d, start);
    case 'c': return op_global(d);
    case 0x93: return op_stack_global(d);
    case 'R': return op_reduce(d);
    case 'b': return op_build(d);
    case 'Q': return op_persid(d);
    case 'q': if (!need(d, 1)) return false; return memo_put(d, *d->p++);
    case 'r': if (!need(d, 4)) return false; d->p += 4; return memo_put(d, le32(d->p - 4));
    case 0x94: return memo_put(d, d->mcount);
    case 'h': if (!need(d, 1)) return false; return memo_get(d, *d->p++);
    case 'j': if (!need(d, 4)) return false; d->p += 4; return memo_get(d, le32(d->p - 4));
    default:
        wk_pickle_error("Unsupported operand %d", c);
        return false;
    }
}
