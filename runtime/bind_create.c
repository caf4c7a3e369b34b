/* bind_create.c — tensor creation: torch.tensor from nested data, factories, random tensors, *_like, new_*, torch.Generator. */
#include <math.h>
#include <string.h>
#include "bind.h"
#include "np.h"

#define GIVEN(v) (!WK_IS_NULL(v) && !WK_IS_NONE(v))

/* ================================================================ torch.Generator */

typedef struct { wk_obj ob; wk_generator *g; } genobj;

static void gen_dealloc(wk_obj *o) {
    genobj *g = (genobj *)o;
    if (g->g && g->g != wk_rng_default()) wk_rng_free(g->g);
    wk_obj_free(o);
}

static wk_value gen_new(wk_type *t, const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    wk_device d = WK_CPU;
    if (!wk_args_parse("Generator", args, nargs, kw, "|device", a) || !wk_bind_device_arg(a[0], &d)) return WK_NULLV;
    if (d.type != WK_DEV_CPU && !wk_bind_device_check(d)) return WK_NULLV;
    genobj *g = (genobj *)wk_obj_alloc(t);
    if (!g) return WK_NULLV;
    if (!(g->g = wk_rng_new())) { wk_obj_decref(&g->ob); return wk_raise_nomem(); }
    return wk_objv(&g->ob);
}

bool wk_bind_generator_arg(wk_value v, wk_generator **out) {
    *out = NULL;
    if (!GIVEN(v)) return true;
    if (WK_IS_OBJ(v) && v.u.o->type == &wk_torch_generator_type) { *out = ((genobj *)v.u.o)->g; return true; }
    wk_raise(wk_exc_TypeError, "generator must be torch.Generator, not %s", wk_typename(v));
    return false;
}

static bool seed_value(wk_value v, uint64_t *out) {
    if (!WK_IS_INT(v) && !WK_IS_BOOL(v)) {
        wk_raise(wk_exc_TypeError, "manual_seed expected a long, but got %s", wk_typename(v));
        return false;
    }
    *out = (uint64_t)v.u.i;
    return true;
}

static wk_value gen_manual_seed(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    uint64_t s;
    if (!wk_args_parse("manual_seed", args + 1, nargs - 1, kw, "seed", a) || !seed_value(a[0], &s)) return WK_NULLV;
    wk_rng_seed(((genobj *)args[0].u.o)->g, s);
    return wk_incref(args[0]);
}

static wk_value gen_initial_seed(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_none("initial_seed", nargs - 1, kw)) return WK_NULLV;
    return wk_int((int64_t)wk_rng_initial_seed(((genobj *)args[0].u.o)->g));
}

static wk_value gen_seed(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_none("seed", nargs - 1, kw)) return WK_NULLV;
    return wk_int((int64_t)(wk_rng_seed_random(((genobj *)args[0].u.o)->g) & INT64_MAX));
}

static wk_value gen_device(wk_value self) { (void)self; return wk_bind_device_obj(WK_CPU); }

static const wk_methoddef gen_methods[] = {
    { "manual_seed", gen_manual_seed, 0, NULL }, { "initial_seed", gen_initial_seed, 0, NULL },
    { "seed", gen_seed, 0, NULL }, { NULL, NULL, 0, NULL }
};
static const wk_getsetdef gen_getsets[] = { { "device", gen_device, NULL, NULL }, { NULL, NULL, NULL, NULL } };

wk_type wk_torch_generator_type = {
    .ob = { (int64_t)1 << 60, &wk_type_type }, .name = "Generator", .base = &wk_type_object,
    .basicsize = sizeof(genobj), .module = "torch", .dealloc = gen_dealloc, .new = gen_new,
};

/* torch.default_generator */
wk_value wk_bind_default_generator(void) {
    genobj *g = (genobj *)wk_obj_alloc(&wk_torch_generator_type);
    if (!g) return WK_NULLV;
    g->g = wk_rng_default();
    return wk_objv(&g->ob);
}

/* torch.manual_seed(seed) -> the default generator */
wk_value wk_bind_manual_seed(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    uint64_t s;
    if (!wk_args_parse("manual_seed", args, nargs, kw, "seed", a)) return WK_NULLV;
    wk_value n = WK_IS_INT(a[0]) || WK_IS_BOOL(a[0]) ? a[0]
               : wk_call(wk_objv((wk_obj *)&wk_type_int), a, 1, NULL);   /* PyTorch does int(seed) */
    if (WK_IS_NULL(n)) return WK_NULLV;
    bool ok = seed_value(n, &s);
    if (!WK_IS_INT(a[0]) && !WK_IS_BOOL(a[0])) wk_decref(n);   /* the int() result */
    if (!ok) return WK_NULLV;
    wk_rng_seed(wk_rng_default(), s);
    wk_bind_cuda_seed_all(s);
    return wk_bind_default_generator();
}

bool wk_bind_generator_init(void) {
    return wk_type_ready(&wk_torch_generator_type) && wk_type_add_methods(&wk_torch_generator_type, gen_methods) &&
           wk_type_add_getsets(&wk_torch_generator_type, gen_getsets);
}

/* ================================================================ common options */

typedef struct {
    wk_dtype dtype;
    bool has_dtype;
    wk_device device;
    bool requires_grad;
    wk_generator *gen;
} opts;

/* Parses the usual keyword options: dtype device requires_grad (+ layout pin_memory
 * memory_format generator out ignored or checked). vals[] is in the order of OPT_SPEC. */
#define OPT_SPEC "$dtype layout device requires_grad pin_memory memory_format generator out"
#define NOPT 8
static bool opts_from(wk_value *v, opts *o, wk_dtype dflt) {
    o->dtype = dflt;
    o->has_dtype = GIVEN(v[0]);
    o->device = WK_CPU;
    o->gen = NULL;
    if (!wk_bind_dtype_arg(v[0], &o->dtype) || !wk_bind_device_arg(v[2], &o->device) ||
        !wk_bind_bool_arg(v[3], false, &o->requires_grad) || !wk_bind_generator_arg(v[6], &o->gen))
        return false;
    if (GIVEN(v[7])) { wk_raise(wk_exc_NotImplementedError, "out= is not supported in wick"); return false; }
    return wk_bind_device_check(o->device);
}

/* Moves a freshly made CPU tensor to the device and applies requires_grad; steals t. */
static wk_value finish(wk_tensor *t, const opts *o) {
    if (!t) return wk_bind_rt_raise();
    if (o->device.type != WK_DEV_CPU) {
        wk_tensor *d = wk_tensor_to_device(t, o->device);
        wk_tensor_decref(t);
        if (!(t = d)) return wk_bind_rt_raise();
    }
    if (o->requires_grad && !wk_dtype_is_float(t->dtype)) {
        wk_tensor_decref(t);
        return wk_raise(wk_exc_RuntimeError, "Only Tensors of floating point and complex dtype can require gradients");
    }
    if (o->requires_grad && !wk_autograd_set_requires_grad(t, true)) {
        wk_tensor_decref(t);
        return wk_bind_rt_raise();
    }
    return wk_bind_wrap(t);
}

/* ================================================================ torch.tensor(data) */

typedef struct { int ndim; int64_t shape[WK_MAX_DIMS]; bool has_float, has_int, has_bool; } datainfo;

static const wk_value g_no_items[1];

/* Items of a list or tuple (borrowed; never NULL for an empty one), or NULL. */
static const wk_value *seq_items(wk_value v, int64_t *n) {
    if (!WK_IS_OBJ(v)) return NULL;
    if (wk_isinstance_t(v, &wk_type_list)) { *n = WK_LIST(v.u.o)->len; return *n ? WK_LIST(v.u.o)->items : g_no_items; }
    if (wk_isinstance_t(v, &wk_type_tuple)) { *n = WK_TUPLE(v.u.o)->len; return *n ? WK_TUPLE(v.u.o)->items : g_no_items; }
    return NULL;
}

static bool infer_shape(wk_value v, datainfo *di) {
    di->ndim = 0;
    for (;;) {
        int64_t n;
        const wk_value *items = seq_items(v, &n);
        if (!items) break;
        if (di->ndim == WK_MAX_DIMS) { wk_raise(wk_exc_ValueError, "too many dimensions"); return false; }
        di->shape[di->ndim++] = n;
        if (n == 0) break;
        v = items[0];
    }
    if (wk_bind_is_tensor(v)) {   /* list of tensors: their dims continue the shape */
        wk_tensor *t = wk_bind_t(v);
        for (int i = 0; i < t->ndim && di->ndim < WK_MAX_DIMS; i++) di->shape[di->ndim++] = t->shape[i];
    }
    return true;
}

/* A leaf that is neither a number nor a tensor: str is refused by name, others cannot be typed. */
static bool bad_leaf(wk_value v) {
    if (wk_is_str(v)) wk_raise(wk_exc_TypeError, "new(): invalid data type '%s'", wk_typename(v));
    else wk_raise(wk_exc_RuntimeError, "Could not infer dtype of %s", wk_typename(v));
    return false;
}

static bool leaf_scalar(wk_value v, datainfo *di, wk_scalar *out) {
    if (WK_IS_BOOL(v)) di->has_bool = true;
    else if (WK_IS_INT(v)) di->has_int = true;
    else if (WK_IS_FLOAT(v)) di->has_float = true;
    else if (wk_bind_is_tensor(v)) {
        wk_tensor *t = wk_bind_t(v);
        if (wk_dtype_is_float(t->dtype)) di->has_float = true;
        else if (t->dtype == WK_DT_BOOL) di->has_bool = true;
        else di->has_int = true;
        return wk_bind_scalar(v, out);
    } else {
        return bad_leaf(v);
    }
    return wk_bind_scalar(v, out);
}

/* Fills vals[] in row-major order, checking every sequence length against the shape. */
static bool fill_values(wk_value v, int d, datainfo *di, wk_scalar *vals, int64_t *k) {
    int64_t n;
    const wk_value *items = seq_items(v, &n);
    if (d == di->ndim || (!items && wk_bind_is_tensor(v))) {
        if (items) {
            wk_raise(wk_exc_ValueError, "expected sequence of length %lld at dim %d (got %lld)", 0LL, d, (long long)n);
            return false;
        }
        if (wk_bind_is_tensor(v) && wk_tensor_numel(wk_bind_t(v)) > 1) {
            wk_tensor *h = wk_tensor_contiguous(wk_bind_t(v));
            if (!h) return wk_bind_rt_fail();
            for (int64_t i = 0; i < wk_tensor_numel(h); i++) vals[(*k)++] = wk_tensor_get_flat(h, i);
            if (wk_dtype_is_float(h->dtype)) di->has_float = true; else if (h->dtype == WK_DT_BOOL) di->has_bool = true; else di->has_int = true;
            wk_tensor_decref(h);
            return true;
        }
        return leaf_scalar(v, di, &vals[(*k)++]);
    }
    if (!items) {
        if (!wk_bind_is_number(v) && !wk_bind_is_tensor(v)) return bad_leaf(v);
        wk_raise(wk_exc_ValueError, "expected sequence of length %lld at dim %d (got %s)", (long long)di->shape[d], d,
                 "a scalar");
        return false;
    }
    if (n != di->shape[d]) {
        wk_raise(wk_exc_ValueError, "expected sequence of length %lld at dim %d (got %lld)", (long long)di->shape[d], d,
                 (long long)n);
        return false;
    }
    for (int64_t i = 0; i < n; i++)
        if (!fill_values(items[i], d + 1, di, vals, k)) return false;
    return true;
}

wk_tensor *wk_bind_from_data(wk_value data, int dtype) {
    if (wk_is_str(data)) { wk_raise(wk_exc_TypeError, "new(): invalid data type 'str'"); return NULL; }
    if (wk_np_is_ndarray(data)) {   /* torch.tensor(array): a copy with the array's dtype unless one is given */
        wk_tensor *src = wk_np_t(data);
        wk_tensor *r = wk_tensor_empty(src->ndim, src->shape, dtype != WK_NO_DTYPE ? (wk_dtype)dtype : src->dtype, WK_CPU);
        if (!r || !wk_tensor_copy_(r, src)) { if (r) wk_tensor_decref(r); wk_bind_rt_raise(); return NULL; }
        return r;
    }
    datainfo di = { 0 };
    if (!infer_shape(data, &di)) return NULL;
    int64_t numel = 1;
    for (int i = 0; i < di.ndim; i++) numel *= di.shape[i];
    wk_scalar *vals = malloc(sizeof(wk_scalar) * (size_t)(numel ? numel : 1));
    if (!vals) { wk_raise_nomem(); return NULL; }
    int64_t k = 0;
    if (numel > 0 && !fill_values(data, 0, &di, vals, &k)) { free(vals); return NULL; }
    wk_dtype dt = dtype != WK_NO_DTYPE ? (wk_dtype)dtype
                  : di.has_float || numel == 0 ? wk_dtype_default_float()
                  : di.has_int ? WK_DT_I64 : WK_DT_BOOL;
    if (dtype == WK_NO_DTYPE && wk_bind_is_tensor(data)) dt = wk_bind_t(data)->dtype;
    wk_tensor *t = wk_tensor_empty(di.ndim, di.shape, dt, WK_CPU);
    if (!t) { free(vals); wk_bind_rt_raise(); return NULL; }
    char *p = wk_tensor_data(t);
    size_t es = wk_dtype_size(dt);
    for (int64_t i = 0; i < numel; i++) wk_dtype_store_scalar(dt, p + (size_t)i * es, vals[i]);
    free(vals);
    return t;
}

static wk_value f_tensor(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1 + NOPT];
    opts o;
    if (!wk_args_parse("tensor", args, nargs, kw, "data|" OPT_SPEC, a) || !opts_from(a + 1, &o, WK_DT_F32)) return WK_NULLV;
    wk_tensor *t = wk_bind_from_data(a[0], o.has_dtype ? (int)o.dtype : WK_NO_DTYPE);
    if (!t) return WK_NULLV;
    return finish(t, &o);
}

/* as_tensor shares data when it is already a tensor of the right dtype/device. */
static wk_value f_as_tensor(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[3];
    if (!wk_args_parse("as_tensor", args, nargs, kw, "data|dtype device", a)) return WK_NULLV;
    opts o = { .dtype = WK_DT_F32, .device = WK_CPU };
    o.has_dtype = GIVEN(a[1]);
    if (!wk_bind_dtype_arg(a[1], &o.dtype) || !wk_bind_device_arg(a[2], &o.device) || !wk_bind_device_check(o.device))
        return WK_NULLV;
    if (wk_bind_is_tensor(a[0])) {
        wk_tensor *t = wk_bind_t(a[0]);
        if ((!o.has_dtype || o.dtype == t->dtype) && (!GIVEN(a[2]) || wk_device_eq(o.device, wk_tensor_device(t))))
            return wk_incref(a[0]);   /* nothing to convert: the very same tensor */
        wk_tensor *r = wk_op_to_dtype(t, o.has_dtype ? o.dtype : t->dtype, false);
        if (r && GIVEN(a[2]) && !wk_device_eq(o.device, wk_tensor_device(t))) {
            wk_tensor *d = wk_op_to_device(r, o.device, false);
            wk_tensor_decref(r);
            r = d;
        }
        return wk_bind_wrap(r);
    }
    wk_tensor *t = wk_bind_from_data(a[0], o.has_dtype ? (int)o.dtype : WK_NO_DTYPE);
    return t ? finish(t, &o) : WK_NULLV;
}

/* torch.Tensor(2, 3) / torch.Tensor([1, 2]) / torch.Tensor() (float32, legacy). */
wk_value wk_bind_tensor_new(wk_type *type, const wk_value *args, int nargs, wk_obj *kwnames) {
    if (kwnames) return wk_raise(wk_exc_TypeError, "Tensor(): keyword arguments are not supported");
    wk_tensor *t;
    if (nargs == 1 && !WK_IS_INT(args[0])) {
        if (wk_bind_is_tensor(args[0])) t = wk_tensor_alias(wk_bind_t(args[0]));
        else t = wk_bind_from_data(args[0], WK_DT_F32);
        if (!t) return wk_err_occurred() ? WK_NULLV : wk_bind_rt_raise();
    } else {
        int nd = 0;
        int64_t shape[WK_MAX_DIMS] = { 0 };
        if (nargs == 0) nd = 1;
        else if (!wk_bind_shape_args("Tensor", args, nargs, &nd, shape)) return WK_NULLV;
        t = wk_tensor_zeros(nd, shape, WK_DT_F32, WK_CPU);
        if (!t) return wk_bind_rt_raise();
    }
    return wk_bind_wrap_as(type, t);
}

static wk_value f_from_numpy(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_none("from_numpy", 0, kw)) return WK_NULLV;
    if (nargs != 1) return wk_raise(wk_exc_TypeError, "from_numpy() takes exactly 1 argument (%d given)", nargs);
    wk_tensor *t = wk_np_to_tensor(args[0]);   /* shares memory with the array */
    return t ? wk_bind_wrap(t) : WK_NULLV;
}

/* ================================================================ factories with a size */

typedef enum { K_EMPTY, K_ZEROS, K_ONES, K_RAND, K_RANDN, K_FULL } kind;
static const char *const g_kind_names[] = { "empty", "zeros", "ones", "rand", "randn", "full" };

/* Fills a new CPU tensor per kind (values[0] = fill for full). */
static wk_tensor *make(kind k, int nd, const int64_t *shape, const opts *o, wk_scalar fill) {
    wk_tensor *t = wk_tensor_empty(nd, shape, o->dtype, WK_CPU);
    if (!t) return NULL;
    bool ok = true;
    switch (k) {
    case K_EMPTY: case K_ZEROS: ok = wk_tensor_fill_(t, wk_scalar_int(0)); break;
    case K_ONES: ok = wk_tensor_fill_(t, wk_scalar_int(1)); break;
    case K_FULL: ok = wk_tensor_fill_(t, fill); break;
    case K_RAND: ok = wk_rng_uniform_(t, 0, 1, o->gen); break;
    case K_RANDN: ok = wk_rng_normal_(t, 0, 1, o->gen); break;
    }
    if (!ok) { wk_tensor_decref(t); return NULL; }
    return t;
}

static bool check_float_kind(kind k, const opts *o) {
    if ((k == K_RAND || k == K_RANDN) && !wk_dtype_is_float(o->dtype)) {
        wk_raise(wk_exc_RuntimeError, "\"%s\" not implemented for '%s'",
                 k == K_RAND ? "check_uniform_bounds" : "normal_kernel_cpu", wk_dtype_scalar_name(o->dtype));
        return false;
    }
    return true;
}

/* zeros(*size, dtype=...) / zeros(size=(...)) */
static wk_value sized_call(const wk_value *args, int nargs, wk_obj *kw, kind k) {
    const char *f = g_kind_names[k];
    wk_value a[1 + NOPT];
    opts o;
    if (!wk_bind_kwargs(f, args, nargs, kw, "|$size " OPT_SPEC, a)) return WK_NULLV;
    int nd;
    int64_t shape[WK_MAX_DIMS];
    if (GIVEN(a[0])) {
        if (nargs) return wk_raise(wk_exc_TypeError, "%s() got multiple values for argument 'size'", f);
        if (!wk_bind_shape_seq(f, a[0], &nd, shape)) return WK_NULLV;
    } else if (nargs == 0) {
        /* torch.zeros() is PyTorch's argument-parser error (a 0-dim tensor needs size=()) */
        return wk_raise(wk_exc_TypeError, "%s() received an invalid combination of arguments - got (), but expected "
                        "one of:\n * (tuple of ints size, *, torch.dtype dtype, torch.layout layout, torch.device "
                        "device, bool pin_memory, bool requires_grad)\n", f);
    } else if (!wk_bind_shape_args(f, args, nargs, &nd, shape)) {
        return WK_NULLV;
    }
    if (!opts_from(a + 1, &o, wk_dtype_default_float()) || !check_float_kind(k, &o)) return WK_NULLV;
    return finish(make(k, nd, shape, &o, wk_scalar_int(0)), &o);
}
#define SIZED(fn, k) static wk_value fn(const wk_value *args, int nargs, wk_obj *kw) { return sized_call(args, nargs, kw, k); }
SIZED(f_empty, K_EMPTY)
SIZED(f_zeros, K_ZEROS)
SIZED(f_ones, K_ONES)
SIZED(f_rand, K_RAND)
SIZED(f_randn, K_RANDN)

static wk_value f_full(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2 + NOPT];
    opts o;
    wk_scalar fill;
    int nd;
    int64_t shape[WK_MAX_DIMS];
    if (!wk_args_parse("full", args, nargs, kw, "size fill_value|" OPT_SPEC, a) ||
        !wk_bind_shape_seq("full", a[0], &nd, shape) || !wk_bind_scalar(a[1], &fill))
        return WK_NULLV;
    if (!opts_from(a + 2, &o, wk_scalar_dtype(fill))) return WK_NULLV;
    return finish(make(K_FULL, nd, shape, &o, fill), &o);
}

static wk_value f_eye(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2 + NOPT];
    opts o;
    int64_t n, m;
    if (!wk_args_parse("eye", args, nargs, kw, "n|m " OPT_SPEC, a) || !wk_bind_int_arg("eye", "n", a[0], &n) ||
        !opts_from(a + 2, &o, wk_dtype_default_float()))
        return WK_NULLV;
    m = n;
    if (GIVEN(a[1]) && !wk_bind_int_arg("eye", "m", a[1], &m)) return WK_NULLV;
    if (GIVEN(a[1]) && m < 0) return wk_raise(wk_exc_RuntimeError, "m must be greater or equal to 0, got %lld", (long long)m);
    return finish(wk_tensor_eye(n, m, o.dtype, WK_CPU), &o);
}

/* arange(end) / arange(start, end, step=1) */
static wk_value f_arange(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[3 + NOPT];
    opts o;
    if (!wk_args_parse("arange", args, nargs, kw, "start|end step " OPT_SPEC, a)) return WK_NULLV;
    wk_scalar start = wk_scalar_int(0), end, step = wk_scalar_int(1);
    if (GIVEN(a[1])) {
        if (!wk_bind_scalar(a[0], &start) || !wk_bind_scalar(a[1], &end)) return WK_NULLV;
    } else if (!wk_bind_scalar(a[0], &end)) {
        return WK_NULLV;
    }
    if (GIVEN(a[2]) && !wk_bind_scalar(a[2], &step)) return WK_NULLV;
    bool any_float = start.kind == WK_SCALAR_FLOAT || end.kind == WK_SCALAR_FLOAT || step.kind == WK_SCALAR_FLOAT;
    if (!opts_from(a + 3, &o, any_float ? wk_dtype_default_float() : WK_DT_I64)) return WK_NULLV;
    return finish(wk_tensor_arange(start, end, step, o.dtype, WK_CPU), &o);
}

static wk_value f_linspace(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[3 + NOPT];
    opts o;
    wk_scalar start, end;
    int64_t steps;
    if (!wk_args_parse("linspace", args, nargs, kw, "start end steps|" OPT_SPEC, a) || !wk_bind_scalar(a[0], &start) ||
        !wk_bind_scalar(a[1], &end) || !wk_bind_int_arg("linspace", "steps", a[2], &steps) ||
        !opts_from(a + 3, &o, wk_dtype_default_float()))
        return WK_NULLV;
    return finish(wk_tensor_linspace(start, end, steps, o.dtype, WK_CPU), &o);
}

/* randint(high, size) / randint(low, high, size) */
static wk_value f_randint(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[3 + NOPT];
    opts o;
    if (!wk_args_parse("randint", args, nargs, kw, "low|high size " OPT_SPEC, a)) return WK_NULLV;
    int64_t low = 0, high;
    wk_value sz = a[2];
    if (WK_IS_NULL(sz)) {
        sz = a[1];
        if (!wk_bind_int_arg("randint", "high", a[0], &high)) return WK_NULLV;
    } else if (!wk_bind_int_arg("randint", "low", a[0], &low) || !wk_bind_int_arg("randint", "high", a[1], &high)) {
        return WK_NULLV;
    }
    if (WK_IS_NULL(sz)) return wk_raise(wk_exc_TypeError, "randint() missing required argument 'size'");
    int nd;
    int64_t shape[WK_MAX_DIMS];
    if (!wk_bind_shape_seq("randint", sz, &nd, shape) || !opts_from(a + 3, &o, WK_DT_I64)) return WK_NULLV;
    wk_tensor *t = wk_tensor_empty(nd, shape, o.dtype, WK_CPU);
    if (t && !wk_rng_random_(t, low, high, o.gen)) { wk_tensor_decref(t); t = NULL; }
    return finish(t, &o);
}

static wk_value f_randperm(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1 + NOPT];
    opts o;
    int64_t n;
    if (!wk_args_parse("randperm", args, nargs, kw, "n|" OPT_SPEC, a) || !wk_bind_int_arg("randperm", "n", a[0], &n) ||
        !opts_from(a + 1, &o, WK_DT_I64))
        return WK_NULLV;
    if (n < 0) return wk_raise(wk_exc_RuntimeError, "Trying to create tensor with negative dimension %lld: [%lld]", (long long)n, (long long)n);
    wk_tensor *t = wk_tensor_empty(1, &n, o.dtype, WK_CPU);
    if (t && !wk_rng_randperm(t, o.gen)) { wk_tensor_decref(t); t = NULL; }
    return finish(t, &o);
}

/* ================================================================ *_like and new_* */

/* Options defaulting to the template tensor's dtype and device. */
static bool like_opts(wk_value *v, const wk_tensor *tmpl, opts *o) {
    wk_device tdev = wk_tensor_device(tmpl);
    bool dev_given = GIVEN(v[2]);
    if (!opts_from(v, o, tmpl->dtype)) return false;
    if (!dev_given) o->device = tdev;
    return true;
}

/* Fills the tensor on the host (the generator and kernels there), then finish() moves it
 * to the requested device and applies requires_grad. */
static wk_value make_on_host(kind k, int nd, const int64_t *shape, opts *o, wk_scalar fill) {
    wk_device dev = o->device;
    o->device = WK_CPU;
    wk_tensor *r = make(k, nd, shape, o, fill);
    o->device = dev;
    return finish(r, o);
}

/* *_like keeps the memory layout of a dense template (PyTorch's preserve_format): the values
 * are made (random ones drawn) in t's memory order, and the result takes t's strides. */
static wk_value make_like(kind k, const wk_tensor *t, opts *o, wk_scalar fill) {
    int perm[WK_MAX_DIMS];
    int64_t inv[WK_MAX_DIMS], shape[WK_MAX_DIMS];
    if (!wk_tensor_is_dense(t)) return make_on_host(k, t->ndim, t->shape, o, fill);
    wk_tensor_stride_order(t, perm);
    for (int i = 0; i < t->ndim; i++) { shape[i] = t->shape[perm[i]]; inv[perm[i]] = i; }
    wk_value r = make_on_host(k, t->ndim, shape, o, fill);
    if (WK_IS_NULL(r)) return r;
    wk_tensor *p = wk_tensor_permute(wk_bind_t(r), inv);
    bool rg = o->requires_grad;
    wk_decref(r);
    if (!p) return wk_bind_rt_raise();
    memcpy(p->stride, t->stride, sizeof(int64_t) * (size_t)t->ndim); /* differ only at size-1 dims */
    if (rg && !wk_autograd_set_requires_grad(p, true)) { wk_tensor_decref(p); return wk_bind_rt_raise(); }
    return wk_bind_wrap(p);
}

static wk_value like_call(const wk_value *args, int nargs, wk_obj *kw, kind k) {
    char f[32];
    snprintf(f, sizeof f, "%s_like", g_kind_names[k]);
    wk_value a[2 + NOPT];
    wk_tensor *t;
    opts o;
    wk_scalar fill = wk_scalar_int(0);
    bool full = k == K_FULL;
    if (!wk_args_parse(f, args, nargs, kw, full ? "input fill_value|" OPT_SPEC : "input|" OPT_SPEC, a) ||
        !wk_bind_tensor_arg(f, "input", 1, a[0], &t))
        return WK_NULLV;
    if (full && !wk_bind_scalar(a[1], &fill)) return WK_NULLV;
    if (!like_opts(a + (full ? 2 : 1), t, &o) || !check_float_kind(k, &o)) return WK_NULLV;
    return make_like(k, t, &o, fill);
}
#define LIKE(fn, k) static wk_value fn(const wk_value *args, int nargs, wk_obj *kw) { return like_call(args, nargs, kw, k); }
LIKE(f_empty_like, K_EMPTY)
LIKE(f_zeros_like, K_ZEROS)
LIKE(f_ones_like, K_ONES)
LIKE(f_rand_like, K_RAND)
LIKE(f_randn_like, K_RANDN)
LIKE(f_full_like, K_FULL)

static wk_value f_randint_like(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[3 + NOPT];
    wk_tensor *t;
    opts o;
    int64_t low = 0, high;
    if (!wk_args_parse("randint_like", args, nargs, kw, "input low|high " OPT_SPEC, a) ||
        !wk_bind_tensor_arg("randint_like", "input", 1, a[0], &t))
        return WK_NULLV;
    if (GIVEN(a[2])) {
        if (!wk_bind_int_arg("randint_like", "low", a[1], &low) || !wk_bind_int_arg("randint_like", "high", a[2], &high))
            return WK_NULLV;
    } else if (!wk_bind_int_arg("randint_like", "high", a[1], &high)) {
        return WK_NULLV;
    }
    if (!like_opts(a + 3, t, &o)) return WK_NULLV;
    wk_tensor *r = wk_tensor_empty(t->ndim, t->shape, o.dtype, WK_CPU);
    if (r && !wk_rng_random_(r, low, high, o.gen)) { wk_tensor_decref(r); r = NULL; }
    return finish(r, &o);
}

/* x.new_zeros(size), new_ones, new_empty, new_full(size, fill), new_tensor(data) */
static wk_value new_call(const wk_value *args, int nargs, wk_obj *kw, kind k) {
    char f[32];
    snprintf(f, sizeof f, "new_%s", g_kind_names[k]);
    wk_tensor *t = wk_bind_t(args[0]);
    wk_value a[2 + NOPT];
    opts o;
    wk_scalar fill = wk_scalar_int(0);
    int nd;
    int64_t shape[WK_MAX_DIMS];
    if (k == K_FULL) {
        if (!wk_args_parse(f, args + 1, nargs - 1, kw, "size fill_value|" OPT_SPEC, a) ||
            !wk_bind_shape_seq(f, a[0], &nd, shape) || !wk_bind_scalar(a[1], &fill))
            return WK_NULLV;
    } else {
        if (!wk_bind_kwargs(f, args + 1, nargs - 1, kw, "|$size " OPT_SPEC, a + 1)) return WK_NULLV;
        if (GIVEN(a[1])) { if (!wk_bind_shape_seq(f, a[1], &nd, shape)) return WK_NULLV; }
        else if (!wk_bind_shape_args(f, args + 1, nargs - 1, &nd, shape)) return WK_NULLV;
    }
    if (!like_opts(a + 2, t, &o)) return WK_NULLV;
    return make_on_host(k, nd, shape, &o, fill);
}
#define NEWM(fn, k) static wk_value fn(const wk_value *args, int nargs, wk_obj *kw) { return new_call(args, nargs, kw, k); }
NEWM(m_new_zeros, K_ZEROS)
NEWM(m_new_ones, K_ONES)
NEWM(m_new_empty, K_EMPTY)
NEWM(m_new_full, K_FULL)

static wk_value m_new_tensor(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1 + NOPT];
    opts o;
    wk_tensor *t = wk_bind_t(args[0]);
    if (!wk_args_parse("new_tensor", args + 1, nargs - 1, kw, "data|" OPT_SPEC, a) || !like_opts(a + 1, t, &o))
        return WK_NULLV;
    wk_tensor *r = wk_bind_from_data(a[0], (int)o.dtype);
    return r ? finish(r, &o) : WK_NULLV;
}

/* In-place random fills: uniform_(from=0, to=1), normal_(mean=0, std=1), random_(from, to), bernoulli_(p). */
typedef enum { R_UNIFORM, R_NORMAL, R_RANDOM, R_BERNOULLI, R_EXPONENTIAL } rfill;

static wk_value rfill_call(const wk_value *args, int nargs, wk_obj *kw, rfill k) {
    static const char *const names[] = { "uniform_", "normal_", "random_", "bernoulli_", "exponential_" };
    static const char *const specs[] = { "|from to $generator", "|mean std $generator", "|from to $generator",
                                         "|p $generator", "|lambd $generator" };
    wk_value a[3] = { WK_NULLV, WK_NULLV, WK_NULLV };
    wk_generator *g;
    wk_tensor *t = wk_bind_t(args[0]);
    int ng = k >= R_BERNOULLI ? 1 : 2;
    if (!wk_args_parse(names[k], args + 1, nargs - 1, kw, specs[k], a) || !wk_bind_generator_arg(a[ng], &g))
        return WK_NULLV;
    double p0 = k == R_UNIFORM ? 0 : k == R_NORMAL ? 0 : k == R_EXPONENTIAL ? 1 : 0.5, p1 = 1;
    if (k == R_BERNOULLI && wk_bind_is_tensor(a[0])) {
        if (!wk_rng_bernoulli_tensor_(t, wk_bind_t(a[0]), g)) return wk_bind_rt_raise();
        wk_tensor_bump_version(t);
        return wk_incref(args[0]);
    }
    if ((GIVEN(a[0]) && !wk_as_double(a[0], &p0)) || (ng == 2 && GIVEN(a[1]) && !wk_as_double(a[1], &p1)))
        return WK_NULLV;
    bool ok;
    switch (k) {
    case R_UNIFORM: ok = wk_rng_uniform_(t, p0, p1, g); break;
    case R_NORMAL: ok = wk_rng_normal_(t, p0, p1, g); break;
    case R_RANDOM:
        if (!GIVEN(a[0])) ok = wk_rng_random_full_(t, g);
        else if (!GIVEN(a[1])) ok = wk_rng_random_(t, 0, (int64_t)p0, g);
        else ok = wk_rng_random_(t, (int64_t)p0, (int64_t)p1, g);
        break;
    case R_EXPONENTIAL: ok = wk_rng_exponential_(t, p0, g); break;
    default: ok = wk_rng_bernoulli_(t, p0, g); break;
    }
    if (!ok) return wk_bind_rt_raise();
    wk_tensor_bump_version(t);
    return wk_incref(args[0]);
}
#define RFILL(fn, k) static wk_value fn(const wk_value *args, int nargs, wk_obj *kw) { return rfill_call(args, nargs, kw, k); }
RFILL(m_uniform_, R_UNIFORM)
RFILL(m_normal_, R_NORMAL)
RFILL(m_random_, R_RANDOM)
RFILL(m_bernoulli_, R_BERNOULLI)
RFILL(m_exponential_, R_EXPONENTIAL)

/* torch.bernoulli(input, p=None, generator=None): probabilities from input. */
static wk_value f_bernoulli(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[3];
    wk_tensor *t;
    wk_generator *g;
    if (!wk_args_parse("bernoulli", args, nargs, kw, "input|p $generator", a) ||
        !wk_bind_tensor_arg("bernoulli", "input", 1, a[0], &t) || !wk_bind_generator_arg(a[2], &g))
        return WK_NULLV;
    wk_tensor *r = wk_tensor_empty(t->ndim, t->shape, t->dtype, WK_CPU);
    bool ok = r != NULL;
    if (ok && GIVEN(a[1])) {
        double p;
        ok = wk_as_double(a[1], &p) && wk_rng_bernoulli_(r, p, g);
        if (!ok && wk_err_occurred()) { wk_tensor_decref(r); return WK_NULLV; }
    } else if (ok) {
        ok = wk_rng_bernoulli_tensor_(r, t, g);
    }
    if (!ok) { wk_tensor_decref(r); return wk_bind_rt_raise(); }
    return wk_bind_wrap(r);
}

static wk_value f_normal(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[3 + NOPT];
    opts o;
    double mean, std;
    int nd;
    int64_t shape[WK_MAX_DIMS];
    if ((nargs >= 1 && wk_bind_is_tensor(args[0])) || (nargs >= 2 && wk_bind_is_tensor(args[1])))
        return wk_bind_normal_tensors(args, nargs, kw);  /* tensor mean and/or std */
    if (!wk_args_parse("normal", args, nargs, kw, "mean std size|" OPT_SPEC, a) || !wk_as_double(a[0], &mean) ||
        !wk_as_double(a[1], &std) || !wk_bind_shape_seq("normal", a[2], &nd, shape) ||
        !opts_from(a + 3, &o, wk_dtype_default_float()))
        return WK_NULLV;
    wk_tensor *r = wk_tensor_empty(nd, shape, o.dtype, WK_CPU);
    if (r && !wk_rng_normal_(r, mean, std, o.gen)) { wk_tensor_decref(r); r = NULL; }
    return finish(r, &o);
}

const wk_methoddef wk_bind_create_funcs[] = {
    { "tensor", f_tensor, 0, NULL }, { "as_tensor", f_as_tensor, 0, NULL },
    { "from_numpy", f_from_numpy, 0, NULL }, { "empty", f_empty, 0, NULL }, { "zeros", f_zeros, 0, NULL },
    { "ones", f_ones, 0, NULL }, { "full", f_full, 0, NULL }, { "eye", f_eye, 0, NULL },
    { "arange", f_arange, 0, NULL }, { "linspace", f_linspace, 0, NULL }, { "rand", f_rand, 0, NULL },
    { "randn", f_randn, 0, NULL }, { "randint", f_randint, 0, NULL }, { "randperm", f_randperm, 0, NULL },
    { "empty_like", f_empty_like, 0, NULL }, { "zeros_like", f_zeros_like, 0, NULL },
    { "ones_like", f_ones_like, 0, NULL }, { "full_like", f_full_like, 0, NULL },
    { "rand_like", f_rand_like, 0, NULL }, { "randn_like", f_randn_like, 0, NULL },
    { "randint_like", f_randint_like, 0, NULL }, { "bernoulli", f_bernoulli, 0, NULL },
    { "normal", f_normal, 0, NULL }, { "manual_seed", wk_bind_manual_seed, 0, NULL },
    { NULL, NULL, 0, NULL }
};

const wk_methoddef wk_bind_create_methods[] = {
    { "new_zeros", m_new_zeros, 0, NULL }, { "new_ones", m_new_ones, 0, NULL },
    { "new_empty", m_new_empty, 0, NULL }, { "new_full", m_new_full, 0, NULL },
    { "new_tensor", m_new_tensor, 0, NULL }, { "uniform_", m_uniform_, 0, NULL },
    { "normal_", m_normal_, 0, NULL }, { "random_", m_random_, 0, NULL },
    { "bernoulli_", m_bernoulli_, 0, NULL }, { "exponential_", m_exponential_, 0, NULL },
    { NULL, NULL, 0, NULL }
};
