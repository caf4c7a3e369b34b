/* bind_module.c — the `torch` module: wiring of types and function tables, tensor methods as torch.fn(input, ...), defaults, print options, torch.cuda. */
#include <math.h>
#include <string.h>
#include <stdio.h>
#include "bind.h"

#define GIVEN(v) (!WK_IS_NULL(v) && !WK_IS_NONE(v))
#define IMMORTAL ((int64_t)1 << 60)

/* ================================================================ torch.fn(input, ...) from Tensor methods */

typedef struct { wk_obj ob; const char *name; wk_cfn fn; } tfnobj;

static wk_value tfn_call(wk_value self, const wk_value *args, int nargs, wk_obj *kw) {
    tfnobj *f = (tfnobj *)self.u.o;
    if (nargs >= 1 && wk_bind_is_number(args[0]) && nargs <= 16) {   /* torch.add(1, 2): a wrapped number */
        wk_scalar s;
        wk_bind_scalar(args[0], &s);
        wk_value a[16 + 16];
        int nkw = kw ? (int)WK_TUPLE(kw)->len : 0;
        if (nkw > 16) return wk_raise(wk_exc_TypeError, "%s(): too many keyword arguments", f->name);
        a[0] = wk_bind_wrap(wk_bind_scalar_tensor(s));
        if (WK_IS_NULL(a[0])) return WK_NULLV;
        for (int i = 1; i < nargs + nkw; i++) a[i] = args[i];
        wk_value r = f->fn(a, nargs, kw);
        wk_decref(a[0]);
        return r;
    }
    if (nargs < 1 || !wk_bind_is_tensor(args[0])) {
        if (nargs < 1) return wk_raise(wk_exc_TypeError, "%s() missing 1 required positional arguments: \"input\"", f->name);
        return wk_raise(wk_exc_TypeError, "%s(): argument 'input' (position 1) must be Tensor, not %s", f->name,
                        wk_typename(args[0]));
    }
    return f->fn(args, nargs, kw);
}

static wk_value tfn_repr(wk_value self) {
    return wk_str_fromf("<built-in method %s of type object at %p>", ((tfnobj *)self.u.o)->name, (void *)self.u.o);
}

static wk_type g_tfn_type = {
    .ob = { IMMORTAL, &wk_type_type }, .name = "builtin_function_or_method", .base = &wk_type_object,
    .basicsize = sizeof(tfnobj), .module = "torch", .call = tfn_call, .repr = tfn_repr,
};

/* Method-only names (not torch.<name> functions). */
static const char *const g_method_only[] = {
    "item", "tolist", "numpy", "size", "stride", "dim", "ndimension", "nelement", "storage_offset",
    "element_size", "data_ptr", "get_device", "to", "cpu", "cuda", "float", "double", "half", "bfloat16",
    "long", "int", "short", "char", "byte", "bool", "type", "type_as", "view", "view_as", "expand",
    "expand_as", "repeat", "reshape_as", "new_zeros", "new_ones", "new_empty", "new_full", "new_tensor",
    "uniform_", "normal_", "random_", "bernoulli_", "exponential_", "requires_grad_", "retain_grad",
    "backward", "register_hook", "_make_subclass", "copy_", "contiguous", "is_contiguous", "where", "lerp_",
    "addcmul_", "addcdiv_", "resize_", "__lshift__", "__rshift__", "__rlshift__", "__rrshift__", "__ilshift__",
    "__irshift__", NULL
};

static bool method_only(const char *name) {
    for (int i = 0; g_method_only[i]; i++)
        if (!strcmp(g_method_only[i], name)) return true;
    return false;
}

static bool add_tensor_funcs(wk_obj *mod, const wk_methoddef *defs) {
    for (; defs->name; defs++) {
        if (method_only(defs->name) || (defs->flags & WK_METH_STATIC)) continue;
        tfnobj *f = (tfnobj *)wk_obj_alloc(&g_tfn_type);
        if (!f) return false;
        f->name = defs->name;
        f->fn = defs->fn;
        bool ok = wk_module_add(mod, defs->name, wk_objv(&f->ob));
        wk_obj_decref(&f->ob);
        if (!ok) return false;
    }
    return true;
}

/* ================================================================ plain torch functions */

static wk_value f_is_tensor(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!wk_args_parse("is_tensor", args, nargs, kw, "obj", a)) return WK_NULLV;
    return wk_bool(wk_bind_is_tensor(a[0]));
}

static wk_value f_get_default_dtype(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!wk_args_none("get_default_dtype", nargs, kw)) return WK_NULLV;
    return wk_bind_dtype_obj(wk_dtype_default_float());
}

static wk_value f_set_default_dtype(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    wk_dtype dt = WK_DT_F32;
    if (!wk_args_parse("set_default_dtype", args, nargs, kw, "d", a)) return WK_NULLV;
    if (!wk_bind_is_dtype(a[0])) return wk_raise(wk_exc_TypeError, "'%s' object is not a torch.dtype", wk_typename(a[0]));
    wk_bind_dtype_arg(a[0], &dt);
    if (dt != WK_DT_F32 && dt != WK_DT_F64)
        return wk_raise(wk_exc_TypeError, "only floating-point types are supported as the default type");
    wk_dtype_set_default_float(dt);
    return WK_NONEV;
}

static bool int_opt(wk_value v, int *out) {
    if (!GIVEN(v)) return true;
    int64_t x;
    if (!wk_as_int64(v, &x)) return false;
    *out = (int)x;
    return true;
}

static wk_value f_set_printoptions(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[6];
    if (!wk_args_parse("set_printoptions", args, nargs, kw, "|precision threshold edgeitems linewidth profile sci_mode", a))
        return WK_NULLV;
    wk_printopts *o = wk_print_options();
    if (GIVEN(a[4])) {
        if (!wk_is_str(a[4]) || !wk_print_set_profile(wk_str_cstr(a[4])))
            return wk_raise(wk_exc_ValueError, "unknown print profile");
    }
    if (!int_opt(a[0], &o->precision) || !int_opt(a[2], &o->edgeitems) || !int_opt(a[3], &o->linewidth)) return WK_NULLV;
    if (GIVEN(a[1]) && !wk_as_double(a[1], &o->threshold)) return WK_NULLV;
    o->sci_mode = -1;
    if (GIVEN(a[5])) {
        int r = wk_truthy(a[5]);
        if (r < 0) return WK_NULLV;
        o->sci_mode = r;
    }
    return WK_NONEV;
}

static wk_value f_seed(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!wk_args_none("seed", nargs, kw)) return WK_NULLV;
    return wk_int((int64_t)(wk_rng_seed_random(wk_rng_default()) & INT64_MAX));
}

static wk_value f_initial_seed(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!wk_args_none("initial_seed", nargs, kw)) return WK_NULLV;
    return wk_int((int64_t)wk_rng_initial_seed(wk_rng_default()));
}

static wk_value f_result_type(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    if (!wk_args_parse("result_type", args, nargs, kw, "tensor other", a)) return WK_NULLV;
    wk_val v[2];
    for (int i = 0; i < 2; i++) {
        wk_scalar s;
        if (wk_bind_is_tensor(a[i])) v[i] = wk_vt(wk_bind_t(a[i]));
        else if (wk_bind_is_number(a[i]) && wk_bind_scalar(a[i], &s)) v[i] = wk_vs(s);
        else return wk_raise(wk_exc_TypeError, "result_type(): argument must be Tensor or Number, not %s", wk_typename(a[i]));
    }
    return wk_bind_dtype_obj(wk_op_result_type(v[0], v[1]));
}

static wk_value f_broadcast_shapes(const wk_value *args, int nargs, wk_obj *kw) {
    if (kw) return wk_raise(wk_exc_TypeError, "broadcast_shapes() takes no keyword arguments");
    int nd = 0;
    int64_t shape[WK_MAX_DIMS];
    for (int i = 0; i < nargs; i++) {
        int n2;
        int64_t s2[WK_MAX_DIMS];
        if (!wk_bind_shape_args("broadcast_shapes", &args[i], 1, &n2, s2)) return WK_NULLV;
        if (!wk_broadcast_shapes(nd, shape, n2, s2, &nd, shape)) {
            wk_rt_errclear();  /* PyTorch's Python-level wrapper words it differently from ops */
            return wk_raise(wk_exc_RuntimeError, "Shape mismatch: objects cannot be broadcast to a single shape");
        }
    }
    return wk_bind_size(nd, shape);
}

/* The two dtype arguments of promote_types / can_cast (TypeError unless torch.dtype). */
static bool two_dtypes(const char *f, const char *n1, const char *n2, const wk_value *args, int nargs, wk_obj *kw,
                       wk_dtype *d) {
    wk_value a[2];
    char spec[64];
    snprintf(spec, sizeof spec, "%s %s", n1, n2);
    if (!wk_args_parse(f, args, nargs, kw, spec, a)) return false;
    for (int i = 0; i < 2; i++)
        if (!wk_bind_is_dtype(a[i]) || !wk_bind_dtype_arg(a[i], &d[i])) {
            if (!wk_err_occurred())
                wk_raise(wk_exc_TypeError, "%s(): argument '%s' (position %d) must be torch.dtype, not %s", f,
                         i ? n2 : n1, i + 1, wk_typename(a[i]));
            return false;
        }
    return true;
}

static wk_value f_promote_types(const wk_value *args, int nargs, wk_obj *kw) {
    wk_dtype d[2];
    if (!two_dtypes("promote_types", "type1", "type2", args, nargs, kw, d)) return WK_NULLV;
    return wk_bind_dtype_obj(wk_dtype_promote(d[0], d[1]));
}

static wk_value f_can_cast(const wk_value *args, int nargs, wk_obj *kw) {
    wk_dtype d[2];
    if (!two_dtypes("can_cast", "from", "to", args, nargs, kw, d)) return WK_NULLV;
    return wk_bool(wk_dtype_can_cast(d[0], d[1]));
}

static wk_value f_broadcast_tensors(const wk_value *args, int nargs, wk_obj *kw) {
    if (kw) return wk_raise(wk_exc_TypeError, "broadcast_tensors() takes no keyword arguments");
    int nd = 0;
    int64_t shape[WK_MAX_DIMS];
    for (int i = 0; i < nargs; i++) {
        if (!wk_bind_is_tensor(args[i])) return wk_raise(wk_exc_TypeError, "broadcast_tensors(): expected Tensors");
        wk_tensor *t = wk_bind_t(args[i]);
        if (!wk_broadcast_shapes(nd, shape, t->ndim, t->shape, &nd, shape)) return wk_bind_rt_raise();
    }
    wk_tensor *ts[256];
    if (nargs > 256) return wk_raise(wk_exc_ValueError, "too many tensors");
    for (int i = 0; i < nargs; i++) ts[i] = wk_op_expand(wk_bind_t(args[i]), nd, shape);
    for (int i = 0; i < nargs; i++)
        if (!ts[i]) {
            for (int j = 0; j < nargs; j++) wk_tensor_decref(ts[j]);
            return wk_bind_rt_raise();
        }
    return wk_bind_tuple_of(ts, nargs);
}

static const wk_methoddef torch_funcs[] = {
    { "is_tensor", f_is_tensor, 0, NULL }, { "get_default_dtype", f_get_default_dtype, 0, NULL },
    { "set_default_dtype", f_set_default_dtype, 0, NULL }, { "set_printoptions", f_set_printoptions, 0, NULL },
    { "seed", f_seed, 0, NULL }, { "initial_seed", f_initial_seed, 0, NULL },
    { "result_type", f_result_type, 0, NULL }, { "broadcast_shapes", f_broadcast_shapes, 0, NULL },
    { "broadcast_tensors", f_broadcast_tensors, 0, NULL }, { "promote_types", f_promote_types, 0, NULL },
    { "can_cast", f_can_cast, 0, NULL },
    { NULL, NULL, 0, NULL }
};

/* ================================================================ init */

bool wk_bind_nn_module(wk_obj *torch);   /* bind_nn.c: torch._C._nn, the fused nn ops */
bool wk_bind_loader_module(wk_obj *torch); /* bind_loader.c: torch._C._loader (DataLoader workers) */

static bool add_constants(wk_obj *m) {
    wk_value ver = wk_str_from_c("2.11.0+wick");
    bool ok = !WK_IS_NULL(ver) && wk_module_add(m, "__version__", ver);
    wk_decref(ver);
    wk_value gen = wk_bind_default_generator();
    ok = ok && !WK_IS_NULL(gen) && wk_module_add(m, "default_generator", gen);
    wk_decref(gen);
    return ok && wk_module_add(m, "pi", wk_float(M_PI)) && wk_module_add(m, "e", wk_float(M_E)) &&
           wk_module_add(m, "inf", wk_float(INFINITY)) && wk_module_add(m, "nan", wk_float(NAN));
}

wk_obj *wk_mod_torch_init(void) {
    static bool types_ready;
    if (!types_ready) {
        if (!wk_bind_types_init() || !wk_bind_generator_init() || !wk_bind_random_init() || !wk_type_ready(&g_tfn_type) || !wk_bind_tensor_init() ||
            !wk_bind_display_init())
            return NULL;
        types_ready = true;
    }
    wk_obj *m = wk_module_new("torch");
    if (!m) return NULL;
    bool ok = add_tensor_funcs(m, wk_bind_view_methods) && add_tensor_funcs(m, wk_bind_tensor_methods) &&
              add_tensor_funcs(m, wk_bind_op_methods) && add_tensor_funcs(m, wk_bind_reduce_methods) &&
              add_tensor_funcs(m, wk_bind_pointwise_methods) && add_tensor_funcs(m, wk_bind_shape_methods) &&
              add_tensor_funcs(m, wk_bind_random_methods) && add_tensor_funcs(m, wk_bind_more_methods) && wk_module_add_funcs(m, wk_bind_random_funcs) &&
              wk_module_add_funcs(m, wk_bind_op_funcs) && wk_module_add_funcs(m, wk_bind_create_funcs) &&
              wk_module_add_funcs(m, torch_funcs) && add_constants(m) &&
              wk_module_add(m, "Tensor", wk_objv(&wk_torch_tensor_type.ob)) &&
              wk_module_add(m, "Generator", wk_objv(&wk_torch_generator_type.ob)) &&
              wk_bind_autograd_module(m) && wk_bind_cuda_module(m) &&
              wk_bind_types_module(m) && wk_bind_backends_module(m) && wk_bind_nn_module(m) &&
              wk_bind_loader_module(m);
    if (!ok) { wk_obj_decref(m); return NULL; }
    return m;
}
