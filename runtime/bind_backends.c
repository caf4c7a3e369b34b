/* bind_backends.c — torch.backends (cudnn, cuda.matmul, mps, cpu), float32 matmul precision, CPU thread count, and torch's lazy nn/optim/utils attributes. */
#include <string.h>
#include "bind.h"
#include "cuda_loader.h"

/* From runtime/cpu_iter.h (not included: its wk_iter type clashes with lang's wk_iter). */
int wk_cpu_num_threads(void);
void wk_cpu_set_num_threads(int n);

#define IMMORTAL ((int64_t)1 << 60)

/* ================================================================ matmul precision state */

static struct {
    bool tf32;                 /* torch.backends.cuda.matmul.allow_tf32 */
    bool fp16_reduced, bf16_reduced;
    const char *precision;     /* torch.get_float32_matmul_precision() */
} g_mm = { false, true, true, "highest" };

/* Forwards the flags to the plugin when CUDA is usable (no error otherwise). */
static void push_matmul_flags(void) {
    const wk_cuda_api *api = wk_cuda_is_available() ? wk_cuda() : NULL;
    if (!api) return;
    if (api->set_matmul_tf32) api->set_matmul_tf32(g_mm.tf32);
    if (api->set_reduced_precision_reduction) api->set_reduced_precision_reduction(g_mm.fp16_reduced, g_mm.bf16_reduced);
}

static int set_flag(wk_value v, bool *flag) {
    int r = wk_truthy(v);
    if (r < 0) return -1;
    *flag = r;
    push_matmul_flags();
    return 0;
}

static wk_value mm_get_tf32(wk_value self) { (void)self; return wk_bool(g_mm.tf32); }
static int mm_set_tf32(wk_value self, wk_value v) {
    (void)self;
    int r = set_flag(v, &g_mm.tf32);
    if (r == 0) g_mm.precision = g_mm.tf32 ? "high" : "highest";
    return r;
}
static wk_value mm_get_fp16(wk_value self) { (void)self; return wk_bool(g_mm.fp16_reduced); }
static int mm_set_fp16(wk_value self, wk_value v) { (void)self; return set_flag(v, &g_mm.fp16_reduced); }
static wk_value mm_get_bf16(wk_value self) { (void)self; return wk_bool(g_mm.bf16_reduced); }
static int mm_set_bf16(wk_value self, wk_value v) { (void)self; return set_flag(v, &g_mm.bf16_reduced); }

static const wk_getsetdef matmul_getsets[] = {
    { "allow_tf32", mm_get_tf32, mm_set_tf32, NULL },
    { "allow_fp16_reduced_precision_reduction", mm_get_fp16, mm_set_fp16, NULL },
    { "allow_bf16_reduced_precision_reduction", mm_get_bf16, mm_set_bf16, NULL },
    { NULL, NULL, NULL, NULL }
};

static wk_value matmul_repr(wk_value self) {
    return wk_str_fromf("<torch.backends.cuda.cuBLASModule object at %p>", (void *)self.u.o);
}

static wk_type g_matmul_type = {
    .ob = { IMMORTAL, &wk_type_type }, .name = "cuBLASModule", .base = &wk_type_object,
    .basicsize = sizeof(wk_obj), .module = "torch.backends.cuda", .repr = matmul_repr,
};

static wk_value f_set_precision(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!wk_args_parse("set_float32_matmul_precision", args, nargs, kw, "precision", a)) return WK_NULLV;
    if (!wk_is_str(a[0]))
        return wk_raise(wk_exc_TypeError, "set_float32_matmul_precision(): argument 'precision' must be str, not %s",
                        wk_typename(a[0]));
    static const char *const names[] = { "highest", "high", "medium" };
    for (int i = 0; i < 3; i++)
        if (!strcmp(wk_str_cstr(a[0]), names[i])) {
            g_mm.precision = names[i];
            g_mm.tf32 = i > 0;
            push_matmul_flags();
            return WK_NONEV;
        }
    return wk_raise(wk_exc_RuntimeError, "Invalid precision: %s", wk_str_cstr(a[0]));
}

static wk_value f_get_precision(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!wk_args_none("get_float32_matmul_precision", nargs, kw)) return WK_NULLV;
    return wk_str_from_c(g_mm.precision);
}

/* ================================================================ small predicates */

static wk_value f_false(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!wk_args_none("is_available", nargs, kw)) return WK_NULLV;
    return WK_FALSEV;
}

static wk_value f_cuda_available(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!wk_args_none("is_available", nargs, kw)) return WK_NULLV;
    return wk_bool(wk_cuda_is_available());
}

/* torch.backends.cuda.is_built(): a plugin exists (even without a usable driver). */
static wk_value f_cuda_built(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!wk_args_none("is_built", nargs, kw)) return WK_NULLV;
    return wk_bool(wk_cuda_load() || strncmp(wk_cuda_unavailable_reason(), "no CUDA plugin", 14) != 0);
}

/* torch.backends.cudnn.version(): None until the plugin links cuDNN. */
static wk_value f_none(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!wk_args_none("version", nargs, kw)) return WK_NULLV;
    return WK_NONEV;
}

static wk_value f_cpu_capability(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!wk_args_none("get_cpu_capability", nargs, kw)) return WK_NULLV;
    return wk_str_from_c(__builtin_cpu_supports("avx2") ? "AVX2" : "DEFAULT");
}

static const wk_methoddef cudnn_funcs[] = {
    { "is_available", f_cuda_available, 0, NULL }, { "version", f_none, 0, NULL },
    { NULL, NULL, 0, NULL }
};
static const wk_methoddef cuda_funcs[] = {
    { "is_built", f_cuda_built, 0, NULL },
    { NULL, NULL, 0, NULL }
};
static const wk_methoddef mps_funcs[] = {
    { "is_available", f_false, 0, NULL }, { "is_built", f_false, 0, NULL },
    { NULL, NULL, 0, NULL }
};
static const wk_methoddef cpu_funcs[] = {
    { "get_cpu_capability", f_cpu_capability, 0, NULL },
    { NULL, NULL, 0, NULL }
};

/* ================================================================ module assembly */

/* Creates module `full`, registers it in sys.modules and as attribute `name` of parent. */
static wk_obj *submodule(wk_obj *parent, const char *name, const char *full, const wk_methoddef *funcs) {
    wk_obj *m = wk_module_new(full);
    if (!m) return NULL;
    if ((funcs && !wk_module_add_funcs(m, funcs)) || !wk_module_add(parent, name, wk_objv(m)) ||
        wk_dict_set_s(wk_vm_state.modules, full, wk_objv(m)) != 0) {
        wk_obj_decref(m);
        return NULL;
    }
    return m;   /* new reference */
}

typedef struct { const char *name; bool value; } flagdef;

static bool add_flags(wk_obj *m, const flagdef *f) {
    for (; f->name; f++)
        if (!wk_module_add(m, f->name, wk_bool(f->value))) return false;
    return true;
}

static const flagdef cudnn_flags[] = {
    { "enabled", true }, { "benchmark", false }, { "deterministic", false }, { "allow_tf32", true },
    { NULL, false }
};

static bool add_cuda_backend(wk_obj *backends) {
    wk_obj *cuda = submodule(backends, "cuda", "torch.backends.cuda", cuda_funcs);
    if (!cuda) return false;
    wk_obj *mm = wk_obj_alloc(&g_matmul_type);
    bool ok = mm && wk_module_add(cuda, "matmul", wk_objv(mm));
    if (mm) wk_obj_decref(mm);
    wk_obj_decref(cuda);
    return ok;
}

static bool add_backends(wk_obj *torch) {
    wk_obj *b = submodule(torch, "backends", "torch.backends", NULL);
    if (!b) return false;
    wk_obj *cudnn = submodule(b, "cudnn", "torch.backends.cudnn", cudnn_funcs);
    bool ok = cudnn && add_flags(cudnn, cudnn_flags);
    if (cudnn) wk_obj_decref(cudnn);
    wk_obj *mps = ok ? submodule(b, "mps", "torch.backends.mps", mps_funcs) : NULL;
    ok = ok && mps;
    if (mps) wk_obj_decref(mps);
    wk_obj *cpu = ok ? submodule(b, "cpu", "torch.backends.cpu", cpu_funcs) : NULL;
    ok = ok && cpu;
    if (cpu) wk_obj_decref(cpu);
    ok = ok && add_cuda_backend(b);
    wk_obj_decref(b);
    return ok;
}

/* ================================================================ torch.__getattr__ */

/* The embedded Python packages, imported on first access (they import torch themselves):
 * attribute, then the module that makes its usual subpackages reachable too. */
static const char *const g_lazy[][2] = {
    { "nn", "torch.nn.functional" }, { "optim", "torch.optim.lr_scheduler" }, { "utils", "torch.utils.data" },
    { "linalg", "torch.linalg" }, { NULL, NULL }
};

/* Names defined in an embedded module, fetched from it on first access. */
static const char *const g_lazy_attr[][2] = {
    { "iinfo", "torch._dtype_info" }, { "finfo", "torch._dtype_info" }, { NULL, NULL }
};

static wk_value torch_getattr(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!wk_args_parse("__getattr__", args, nargs, kw, "name", a)) return WK_NULLV;
    if (!wk_is_str(a[0])) return wk_raise(wk_exc_TypeError, "attribute name must be string");
    const char *name = wk_str_cstr(a[0]);
    for (int i = 0; g_lazy[i][0]; i++) {
        if (strcmp(name, g_lazy[i][0])) continue;
        char full[32];
        snprintf(full, sizeof full, "torch.%s", name);
        wk_value sub = wk_import(g_lazy[i][1]);
        if (WK_IS_NULL(sub)) return sub;
        wk_decref(sub);
        return wk_import(full);
    }
    for (int i = 0; g_lazy_attr[i][0]; i++) {
        if (strcmp(name, g_lazy_attr[i][0])) continue;
        wk_value mod = wk_import(g_lazy_attr[i][1]);
        if (WK_IS_NULL(mod)) return mod;
        wk_value r = wk_getattr_s(mod, name);
        wk_decref(mod);
        return r;
    }
    return wk_raise(wk_exc_AttributeError, "module 'torch' has no attribute '%s'", name);
}

/* ================================================================ CPU threads */

/* torch.set_num_threads(n): the CPU pool's thread count (also OpenBLAS's) */
static wk_value f_set_num_threads(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!wk_args_parse("set_num_threads", args, nargs, kw, "int", a)) return WK_NULLV;
    if (!WK_IS_INT(a[0]))
        return wk_raise(wk_exc_RuntimeError, "set_num_threads expects an int, but got %s", wk_typename(a[0]));
    if (a[0].u.i <= 0) return wk_raise(wk_exc_RuntimeError, "set_num_threads expects a positive integer");
    wk_cpu_set_num_threads(a[0].u.i > 1024 ? 1024 : (int)a[0].u.i);
    return WK_NONEV;
}

static wk_value f_get_num_threads(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!wk_args_none("get_num_threads", nargs, kw)) return WK_NULLV;
    return wk_int(wk_cpu_num_threads());
}

static const wk_methoddef torch_extra_funcs[] = {
    { "set_num_threads", f_set_num_threads, 0, NULL }, { "get_num_threads", f_get_num_threads, 0, NULL },
    { "__getattr__", torch_getattr, 0, NULL },
    { "set_float32_matmul_precision", f_set_precision, 0, NULL },
    { "get_float32_matmul_precision", f_get_precision, 0, NULL },
    { NULL, NULL, 0, NULL }
};

bool wk_bind_backends_module(wk_obj *torch) {
    static bool ready;
    if (!ready) {
        if (!wk_type_ready(&g_matmul_type) || !wk_type_add_getsets(&g_matmul_type, matmul_getsets)) return false;
        ready = true;
    }
    return wk_module_add_funcs(torch, torch_extra_funcs) && add_backends(torch);
}
