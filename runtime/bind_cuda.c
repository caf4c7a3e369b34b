/* bind_cuda.c — the torch.cuda module over the CUDA plugin (cuda_loader.h): devices, properties, seeds, streams/events, allocator statistics, and the device check used by every CUDA tensor creation. */
#include <string.h>
#include "bind.h"
#include "cuda_loader.h"

#define GIVEN(v) (!WK_IS_NULL(v) && !WK_IS_NONE(v))
#define IMMORTAL ((int64_t)1 << 60)

/* ================================================================ loading and lazy seeding */

/* Seeds asked for before CUDA was loaded (torch.manual_seed, torch.cuda.manual_seed*): applied
 * when the plugin first loads, as PyTorch queues them until CUDA initialises. */
static struct {
    bool loaded;           /* the bindings loaded the plugin successfully */
    bool seed_all_pending, seed_cur_pending;
    uint64_t seed_all, seed_cur;
} g_cu;

static const wk_cuda_api *api_now(void) {
    const wk_cuda_api *api = wk_cuda_is_available() ? wk_cuda() : NULL;
    if (api && !g_cu.loaded) {
        g_cu.loaded = true;
        if (g_cu.seed_all_pending) api->manual_seed_all(g_cu.seed_all);
        if (g_cu.seed_cur_pending) api->manual_seed(-1, g_cu.seed_cur);
        g_cu.seed_all_pending = g_cu.seed_cur_pending = false;
    }
    return api;
}

/* The API when CUDA is usable; else raises PyTorch's error ("Torch not compiled with CUDA
 * enabled", "Found no NVIDIA driver ...", "No CUDA GPUs are available") and returns NULL. */
static const wk_cuda_api *api_require(void) {
    if (!wk_cuda_require()) { wk_bind_rt_raise(); return NULL; }
    const wk_cuda_api *api = api_now();
    if (!api) wk_raise(wk_exc_RuntimeError, "No CUDA GPUs are available");
    return api;
}

/* A PyTorch built without CUDA lacks the torch._C entry points behind a few torch.cuda
 * functions (set_device, reset_peak_memory_stats, nccl.version), so they raise AttributeError
 * there; wick without its plugin raises the same type, naming the function. */
static bool no_plugin_attr(const char *f) {
    if (!wk_cuda_plugin_missing()) return false;
    wk_raise(wk_exc_AttributeError, "torch.cuda.%s is unavailable: wick runs without its CUDA plugin (a CPU-only build)", f);
    return true;
}

static bool raise_ordinal(void) {
    wk_raise(wk_exc_RuntimeError, "CUDA error: invalid device ordinal\n"
             "GPU device may be out of range, do you have enough GPUs?\n"
             "CUDA kernel errors might be asynchronously reported at some other API call, so the stacktrace below might be incorrect.\n"
             "For debugging consider passing CUDA_LAUNCH_BLOCKING=1\n"
             "Compile with `TORCH_USE_CUDA_DSA` to enable device-side assertions.");
    return false;
}

bool wk_bind_cuda_device_check(wk_device d) {
    const wk_cuda_api *api = api_require();
    if (!api) return false;
    if (d.index >= api->device_count()) return raise_ordinal();
    return true;
}

void wk_bind_cuda_seed_all(uint64_t seed) {
    const wk_cuda_api *api = g_cu.loaded ? wk_cuda() : NULL;
    if (api) { api->manual_seed_all(seed); return; }
    g_cu.seed_all_pending = true;
    g_cu.seed_all = seed;
    g_cu.seed_cur_pending = false;
}

/* ================================================================ device arguments */

/* None/absent: the current device; int; 'cuda:N' / 'cuda'; torch.device. */
static bool device_index(const char *f, wk_value v, const wk_cuda_api *api, int *out) {
    if (!GIVEN(v)) { *out = api->current_device(); return true; }
    wk_device d = { WK_DEV_CUDA, -1 };
    if (!wk_bind_device_arg(v, &d)) return false;
    if (d.type != WK_DEV_CUDA) {
        wk_raise(wk_exc_ValueError, "Expected a cuda device, but got: cpu");
        return false;
    }
    (void)f;
    *out = d.index < 0 ? api->current_device() : d.index;
    return true;
}

/* A valid ordinal for queries ("Invalid device id" as PyTorch's assertion). */
static bool query_index(const char *f, wk_value v, const wk_cuda_api *api, int *out) {
    if (!device_index(f, v, api, out)) return false;
    if (*out < 0 || *out >= api->device_count()) {
        wk_raise(wk_exc_AssertionError, "Invalid device id");
        return false;
    }
    return true;
}

/* ================================================================ _CudaDeviceProperties */

typedef struct { wk_obj ob; wk_cuda_props p; } propsobj;
#define PROPS(v) (&((propsobj *)(v).u.o)->p)

static wk_value props_repr(wk_value self) {
    const wk_cuda_props *p = PROPS(self);
    return wk_str_fromf("_CudaDeviceProperties(name='%s', major=%d, minor=%d, total_memory=%lldMB, "
                        "multi_processor_count=%d, uuid=%s, pci_bus_id=%d, pci_device_id=%d, pci_domain_id=%d, "
                        "L2_cache_size=%lldMB)",
                        p->name, p->major, p->minor, (long long)(p->total_memory >> 20), p->multi_processor_count,
                        p->uuid, p->pci_bus_id, p->pci_device_id, p->pci_domain_id,
                        (long long)(p->l2_cache_size >> 20));
}

static wk_value pr_name(wk_value s) { return wk_str_from_c(PROPS(s)->name); }
static wk_value pr_uuid(wk_value s) { return wk_str_from_c(PROPS(s)->uuid); }
#define PR_INT(fn, field) static wk_value fn(wk_value s) { return wk_int((int64_t)PROPS(s)->field); }
PR_INT(pr_major, major)
PR_INT(pr_minor, minor)
PR_INT(pr_total, total_memory)
PR_INT(pr_mpc, multi_processor_count)
PR_INT(pr_l2, l2_cache_size)
PR_INT(pr_threads, max_threads_per_multi_processor)
PR_INT(pr_warp, warp_size)
PR_INT(pr_regs, regs_per_multiprocessor)
PR_INT(pr_bus, pci_bus_id)
PR_INT(pr_devid, pci_device_id)
PR_INT(pr_domain, pci_domain_id)
PR_INT(pr_integrated, is_integrated)
PR_INT(pr_multi, is_multi_gpu_board)

static const wk_getsetdef props_getsets[] = {
    { "name", pr_name, NULL, NULL }, { "uuid", pr_uuid, NULL, NULL }, { "major", pr_major, NULL, NULL },
    { "minor", pr_minor, NULL, NULL }, { "total_memory", pr_total, NULL, NULL },
    { "multi_processor_count", pr_mpc, NULL, NULL }, { "L2_cache_size", pr_l2, NULL, NULL },
    { "max_threads_per_multi_processor", pr_threads, NULL, NULL }, { "warp_size", pr_warp, NULL, NULL },
    { "regs_per_multiprocessor", pr_regs, NULL, NULL }, { "pci_bus_id", pr_bus, NULL, NULL },
    { "pci_device_id", pr_devid, NULL, NULL }, { "pci_domain_id", pr_domain, NULL, NULL },
    { "is_integrated", pr_integrated, NULL, NULL }, { "is_multi_gpu_board", pr_multi, NULL, NULL },
    { NULL, NULL, NULL, NULL }
};

static wk_type g_props_type = {
    .ob = { IMMORTAL, &wk_type_type }, .name = "_CudaDeviceProperties", .base = &wk_type_object,
    .basicsize = sizeof(propsobj), .module = "torch._C", .repr = props_repr,
};

static bool get_props(const char *f, wk_value dev, wk_cuda_props *out) {
    const wk_cuda_api *api = api_require();
    int idx;
    if (!api || !query_index(f, dev, api, &idx)) return false;
    memset(out, 0, sizeof *out);
    return api->get_properties(idx, out) || wk_bind_rt_fail();
}

static wk_value c_get_device_properties(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    wk_cuda_props p;
    if (!wk_args_parse("get_device_properties", args, nargs, kw, "|device", a) ||
        !get_props("get_device_properties", a[0], &p))
        return WK_NULLV;
    propsobj *o = (propsobj *)wk_obj_alloc(&g_props_type);
    if (!o) return WK_NULLV;
    o->p = p;
    return wk_objv(&o->ob);
}

static wk_value c_get_device_name(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    wk_cuda_props p;
    if (!wk_args_parse("get_device_name", args, nargs, kw, "|device", a) || !get_props("get_device_name", a[0], &p))
        return WK_NULLV;
    return wk_str_from_c(p.name);
}

static wk_value int_pair(int64_t x, int64_t y) {
    wk_obj *t = wk_tuple_new(2);
    if (!t) return WK_NULLV;
    wk_tuple_set_steal(t, 0, wk_int(x));
    wk_tuple_set_steal(t, 1, wk_int(y));
    return wk_objv(t);
}

static wk_value c_get_device_capability(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    wk_cuda_props p;
    if (!wk_args_parse("get_device_capability", args, nargs, kw, "|device", a) ||
        !get_props("get_device_capability", a[0], &p))
        return WK_NULLV;
    return int_pair(p.major, p.minor);
}

/* ================================================================ devices */

static wk_value c_is_available(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!wk_args_none("is_available", nargs, kw)) return WK_NULLV;
    return wk_bool(api_now() != NULL);
}

static wk_value c_device_count(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!wk_args_none("device_count", nargs, kw)) return WK_NULLV;
    const wk_cuda_api *api = api_now();
    return wk_int(api ? api->device_count() : 0);
}

static wk_value c_is_initialized(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!wk_args_none("is_initialized", nargs, kw)) return WK_NULLV;
    const wk_cuda_api *api = g_cu.loaded ? wk_cuda() : NULL;
    return wk_bool(api && api->is_initialized());
}

static wk_value c_init(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!wk_args_none("init", nargs, kw)) return WK_NULLV;
    const wk_cuda_api *api = api_require();
    if (!api) return WK_NULLV;
    return api->init() ? WK_NONEV : wk_bind_rt_raise();
}

static wk_value c_current_device(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!wk_args_none("current_device", nargs, kw)) return WK_NULLV;
    const wk_cuda_api *api = api_require();
    return api ? wk_int(api->current_device()) : WK_NULLV;
}

static bool set_device_idx(const wk_cuda_api *api, int idx) {
    if (idx < 0) return true;
    if (idx >= api->device_count()) return raise_ordinal();
    return api->set_device(idx) || wk_bind_rt_fail();
}

static wk_value c_set_device(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!wk_args_parse("set_device", args, nargs, kw, "device", a) || no_plugin_attr("set_device")) return WK_NULLV;
    const wk_cuda_api *api = api_require();
    int idx;
    if (!api || !device_index("set_device", a[0], api, &idx) || !set_device_idx(api, idx)) return WK_NULLV;
    return WK_NONEV;
}

static wk_value c_synchronize(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!wk_args_parse("synchronize", args, nargs, kw, "|device", a)) return WK_NULLV;
    const wk_cuda_api *api = api_require();
    int idx;
    if (!api || !device_index("synchronize", a[0], api, &idx)) return WK_NULLV;
    return api->synchronize(idx) ? WK_NONEV : wk_bind_rt_raise();
}

static wk_value c_get_arch_list(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!wk_args_none("get_arch_list", nargs, kw)) return WK_NULLV;
    wk_obj *l = wk_list_new(0);
    const wk_cuda_api *api = api_now();
    const char *s = api && api->arch_list ? api->arch_list() : "";
    while (l && *s) {
        while (*s == ' ') s++;
        size_t n = strcspn(s, " ");
        if (!n) break;
        wk_value w = wk_str_fromf("%.*s", (int)n, s);
        if (WK_IS_NULL(w) || !wk_list_append_steal(l, w)) { wk_obj_decref(l); return WK_NULLV; }
        s += n;
    }
    return l ? wk_objv(l) : WK_NULLV;
}

/* ---- torch.cuda.device(i): a context manager switching the current device */
typedef struct { wk_obj ob; int idx, prev; } devctxobj;

static wk_value devctx_new(wk_type *t, const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!wk_args_parse("device", args, nargs, kw, "device", a)) return WK_NULLV;
    int idx = -1;
    if (GIVEN(a[0])) {
        wk_device d = { WK_DEV_CUDA, -1 };
        if (!wk_bind_device_arg(a[0], &d)) return WK_NULLV;
        if (d.type != WK_DEV_CUDA) return wk_raise(wk_exc_ValueError, "Expected a cuda device, but got: cpu");
        idx = d.index;
    }
    devctxobj *o = (devctxobj *)wk_obj_alloc(t);
    if (!o) return WK_NULLV;
    o->idx = idx;
    o->prev = -1;
    return wk_objv(&o->ob);
}

static wk_value devctx_enter(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_none("__enter__", nargs - 1, kw)) return WK_NULLV;
    devctxobj *o = (devctxobj *)args[0].u.o;
    if (o->idx < 0) return wk_incref(args[0]);
    const wk_cuda_api *api = api_require();
    if (!api) return WK_NULLV;
    o->prev = api->current_device();
    if (o->prev != o->idx && !set_device_idx(api, o->idx)) return WK_NULLV;
    return wk_incref(args[0]);
}

static wk_value devctx_exit(const wk_value *args, int nargs, wk_obj *kw) {
    (void)nargs; (void)kw;
    devctxobj *o = (devctxobj *)args[0].u.o;
    const wk_cuda_api *api = o->prev >= 0 ? wk_cuda() : NULL;
    if (api && o->prev != o->idx && !set_device_idx(api, o->prev)) return WK_NULLV;
    return WK_FALSEV;
}

static const wk_methoddef devctx_methods[] = {
    { "__enter__", devctx_enter, 0, NULL }, { "__exit__", devctx_exit, 0, NULL },
    { NULL, NULL, 0, NULL }
};

static wk_type g_devctx_type = {
    .ob = { IMMORTAL, &wk_type_type }, .name = "device", .base = &wk_type_object,
    .basicsize = sizeof(devctxobj), .module = "torch.cuda", .new = devctx_new,
};

/* ================================================================ seeds */

static bool seed_arg(const char *f, const wk_value *args, int nargs, wk_obj *kw, uint64_t *out) {
    wk_value a[1];
    int64_t s;
    if (!wk_args_parse(f, args, nargs, kw, "seed", a) || !wk_as_int64(a[0], &s)) return false;
    *out = (uint64_t)s;
    return true;
}

static wk_value c_manual_seed(const wk_value *args, int nargs, wk_obj *kw) {
    uint64_t s;
    if (!seed_arg("manual_seed", args, nargs, kw, &s)) return WK_NULLV;
    const wk_cuda_api *api = g_cu.loaded ? wk_cuda() : NULL;
    if (api) return api->manual_seed(-1, s) ? WK_NONEV : wk_bind_rt_raise();
    g_cu.seed_cur_pending = true;
    g_cu.seed_cur = s;
    return WK_NONEV;
}

static wk_value c_manual_seed_all(const wk_value *args, int nargs, wk_obj *kw) {
    uint64_t s;
    if (!seed_arg("manual_seed_all", args, nargs, kw, &s)) return WK_NULLV;
    wk_bind_cuda_seed_all(s);
    return WK_NONEV;
}

/* seed() / seed_all(): a fresh random seed, when CUDA is in use (None otherwise). */
static wk_value c_seed(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!wk_args_none("seed", nargs, kw)) return WK_NULLV;
    const wk_cuda_api *api = api_now();
    if (api) api->seed(-1);
    return WK_NONEV;
}

static wk_value c_seed_all(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!wk_args_none("seed_all", nargs, kw)) return WK_NULLV;
    const wk_cuda_api *api = api_now();
    if (api) {
        uint64_t s = api->seed(-1);
        api->manual_seed_all(s);
    }
    return WK_NONEV;
}

static wk_value c_initial_seed(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!wk_args_none("initial_seed", nargs, kw)) return WK_NULLV;
    const wk_cuda_api *api = api_require();
    return api ? wk_int((int64_t)(api->initial_seed(-1) & INT64_MAX)) : WK_NULLV;
}

/* ================================================================ streams and events */

typedef struct { wk_obj ob; int dev; uintptr_t handle; } streamobj;

static wk_value stream_repr(wk_value self) {
    streamobj *s = (streamobj *)self.u.o;
    return wk_str_fromf("<torch.cuda.Stream device=cuda:%d cuda_stream=0x%lx>", s->dev, (unsigned long)s->handle);
}
static wk_value stream_handle(wk_value self) { return wk_int((int64_t)((streamobj *)self.u.o)->handle); }
static wk_value stream_device(wk_value self) {
    return wk_bind_device_obj((wk_device){ WK_DEV_CUDA, (int8_t)((streamobj *)self.u.o)->dev });
}
static wk_value stream_sync(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_none("synchronize", nargs - 1, kw)) return WK_NULLV;
    const wk_cuda_api *api = wk_cuda();
    if (api && !api->synchronize(((streamobj *)args[0].u.o)->dev)) return wk_bind_rt_raise();
    return WK_NONEV;
}
static const wk_getsetdef stream_getsets[] = {
    { "cuda_stream", stream_handle, NULL, NULL }, { "device", stream_device, NULL, NULL },
    { NULL, NULL, NULL, NULL }
};
static const wk_methoddef stream_methods[] = { { "synchronize", stream_sync, 0, NULL }, { NULL, NULL, 0, NULL } };

static wk_type g_stream_type = {
    .ob = { IMMORTAL, &wk_type_type }, .name = "Stream", .base = &wk_type_object,
    .basicsize = sizeof(streamobj), .module = "torch.cuda", .repr = stream_repr,
};

static wk_value c_current_stream(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!wk_args_parse("current_stream", args, nargs, kw, "|device", a)) return WK_NULLV;
    const wk_cuda_api *api = api_require();
    int idx;
    if (!api || !device_index("current_stream", a[0], api, &idx)) return WK_NULLV;
    streamobj *s = (streamobj *)wk_obj_alloc(&g_stream_type);
    if (!s) return WK_NULLV;
    s->dev = idx;
    s->handle = api->current_stream ? api->current_stream(idx) : 0;
    return wk_objv(&s->ob);
}

typedef struct { wk_obj ob; void *ev; bool timing, recorded; } eventobj;
#define EV(v) ((eventobj *)(v).u.o)

static wk_value event_new(wk_type *t, const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[3];
    if (!wk_args_parse("Event", args, nargs, kw, "|enable_timing blocking interprocess", a)) return WK_NULLV;
    bool timing = false;
    if (!wk_bind_bool_arg(a[0], false, &timing)) return WK_NULLV;
    const wk_cuda_api *api = api_require();
    if (!api) return WK_NULLV;
    void *ev = api->event_create(timing);
    if (!ev) return wk_bind_rt_raise();
    eventobj *o = (eventobj *)wk_obj_alloc(t);
    if (!o) { api->event_destroy(ev); return WK_NULLV; }
    o->ev = ev;
    o->timing = timing;
    return wk_objv(&o->ob);
}

static void event_dealloc(wk_obj *o) {
    eventobj *e = (eventobj *)o;
    const wk_cuda_api *api = e->ev ? wk_cuda() : NULL;
    if (api) api->event_destroy(e->ev);
    e->ev = NULL;
    wk_obj_free(o);
}

static wk_value ev_record(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!wk_args_parse("record", args + 1, nargs - 1, kw, "|stream", a)) return WK_NULLV;
    if (!wk_cuda()->event_record(EV(args[0])->ev)) return wk_bind_rt_raise();
    EV(args[0])->recorded = true;
    return WK_NONEV;
}

static wk_value ev_synchronize(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_none("synchronize", nargs - 1, kw)) return WK_NULLV;
    if (!wk_cuda()->event_synchronize(EV(args[0])->ev)) return wk_bind_rt_raise();
    return WK_NONEV;
}

static wk_value ev_query(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_none("query", nargs - 1, kw)) return WK_NULLV;
    wk_rt_errclear();
    bool done = wk_cuda()->event_query(EV(args[0])->ev);
    if (!done && wk_rt_errkind() != WK_ERR_NONE) return wk_bind_rt_raise();
    return wk_bool(done);
}

static wk_value ev_elapsed(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!wk_args_parse("elapsed_time", args + 1, nargs - 1, kw, "end_event", a)) return WK_NULLV;
    if (!WK_IS_OBJ(a[0]) || a[0].u.o->type != args[0].u.o->type)
        return wk_raise(wk_exc_TypeError, "elapsed_time(): argument 'end_event' must be Event, not %s", wk_typename(a[0]));
    eventobj *s = EV(args[0]), *e = EV(a[0]);
    if (!s->timing || !e->timing)
        return wk_raise(wk_exc_RuntimeError, "Both events must be created with argument 'enable_timing=True'.");
    if (!s->recorded || !e->recorded)
        return wk_raise(wk_exc_RuntimeError, "Both events must be recorded before calculating elapsed time.");
    float ms = 0;
    if (!wk_cuda()->event_elapsed_ms(s->ev, e->ev, &ms)) return wk_bind_rt_raise();
    return wk_float((double)ms);
}

static const wk_methoddef event_methods[] = {
    { "record", ev_record, 0, NULL }, { "synchronize", ev_synchronize, 0, NULL },
    { "query", ev_query, 0, NULL }, { "elapsed_time", ev_elapsed, 0, NULL },
    { NULL, NULL, 0, NULL }
};

static wk_type g_event_type = {
    .ob = { IMMORTAL, &wk_type_type }, .name = "Event", .base = &wk_type_object, .flags = WK_TPFLAG_BASETYPE,
    .basicsize = sizeof(eventobj), .module = "torch.cuda", .new = event_new, .dealloc = event_dealloc,
};

/* ================================================================ memory */

typedef enum { M_ALLOCATED, M_RESERVED, M_MAX_ALLOCATED, M_MAX_RESERVED } memq;

/* The device for allocator queries: "Invalid device argument : did you call init?" when out
 * of range. Returns false with *skip set when CUDA is not in use (the answer is then 0). */
static bool mem_device(const char *f, wk_value v, int *idx, const wk_cuda_api **api_out) {
    if (GIVEN(v)) {
        wk_device d = { WK_DEV_CUDA, -1 };
        if (!wk_bind_device_arg(v, &d)) return false;
    }
    const wk_cuda_api *api = g_cu.loaded ? wk_cuda() : api_now();
    *api_out = api;
    if (!api) return true;
    if (!device_index(f, v, api, idx)) return false;
    if (*idx < 0 || *idx >= api->device_count()) {
        wk_raise(wk_exc_RuntimeError, "Invalid device argument : did you call init?");
        return false;
    }
    return true;
}

static wk_value mem_query(const wk_value *args, int nargs, wk_obj *kw, memq q, const char *f) {
    wk_value a[1];
    if (!wk_args_parse(f, args, nargs, kw, "|device", a)) return WK_NULLV;
    const wk_cuda_api *api = NULL;
    int idx = 0;
    if (!mem_device(f, a[0], &idx, &api)) return WK_NULLV;
    if (!api) return wk_int(0);   /* as PyTorch before CUDA is initialised */
    wk_memstats st;
    memset(&st, 0, sizeof st);
    api->backend->memory_stats(idx, &st);
    int64_t v = q == M_ALLOCATED ? st.allocated : q == M_RESERVED ? st.reserved
              : q == M_MAX_ALLOCATED ? st.peak_allocated : st.peak_reserved;
    return wk_int(v);
}
#define MEMQ(fn, q, name) static wk_value fn(const wk_value *args, int nargs, wk_obj *kw) { return mem_query(args, nargs, kw, q, name); }
MEMQ(c_memory_allocated, M_ALLOCATED, "memory_allocated")
MEMQ(c_memory_reserved, M_RESERVED, "memory_reserved")
MEMQ(c_max_memory_allocated, M_MAX_ALLOCATED, "max_memory_allocated")
MEMQ(c_max_memory_reserved, M_MAX_RESERVED, "max_memory_reserved")

/* reset_peak_memory_stats / reset_accumulated_memory_stats(device=None) */
static wk_value reset_stats(const char *name, bool peak, const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!wk_args_parse(name, args, nargs, kw, "|device", a) || (peak && no_plugin_attr(name))) return WK_NULLV;
    const wk_cuda_api *api = NULL;
    int idx = 0;
    if (!mem_device(name, a[0], &idx, &api)) return WK_NULLV;
    if (api && !(peak ? api->reset_peak(idx) : api->reset_accumulated(idx))) return wk_bind_rt_raise();
    return WK_NONEV;
}

static wk_value c_reset_peak(const wk_value *args, int nargs, wk_obj *kw) {
    return reset_stats("reset_peak_memory_stats", true, args, nargs, kw);
}

static wk_value c_reset_accumulated(const wk_value *args, int nargs, wk_obj *kw) {
    return reset_stats("reset_accumulated_memory_stats", false, args, nargs, kw);
}

static wk_value c_empty_cache(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!wk_args_none("empty_cache", nargs, kw)) return WK_NULLV;
    const wk_cuda_api *api = g_cu.loaded ? wk_cuda() : NULL;
    if (api && !api->empty_cache()) return wk_bind_rt_raise();
    return WK_NONEV;
}

/* memory_stats(): the allocator's 122 sorted keys; empty before CUDA is used. */
static wk_value c_memory_stats(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!wk_args_parse("memory_stats", args, nargs, kw, "|device", a)) return WK_NULLV;
    const wk_cuda_api *api = NULL;
    int idx = 0;
    if (!mem_device("memory_stats", a[0], &idx, &api)) return WK_NULLV;
    wk_obj *d = wk_dict_new();
    if (!d || !api || !api->is_initialized()) return d ? wk_objv(d) : WK_NULLV;
    enum { CAP = 256 };
    const char *keys[CAP];
    int64_t vals[CAP];
    int n = api->memory_stats_items(idx, keys, vals, CAP);
    for (int i = 0; i < n && i < CAP; i++)
        if (wk_dict_set_s(d, keys[i], wk_int(vals[i])) != 0) { wk_obj_decref(d); return WK_NULLV; }
    return wk_objv(d);
}

static wk_value c_memory_summary(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    bool abbrev = false;
    if (!wk_args_parse("memory_summary", args, nargs, kw, "|device abbreviated", a) ||
        !wk_bind_bool_arg(a[1], false, &abbrev))
        return WK_NULLV;
    /* CPU-only PyTorch formats its empty memory_stats() and fails on the first key */
    if (wk_cuda_plugin_missing()) {
        wk_value key = wk_str_from_c("allocated_bytes.all.current");
        if (!WK_IS_NULL(key)) { wk_raise_value(wk_exc_KeyError, key); wk_decref(key); }
        return WK_NULLV;
    }
    const wk_cuda_api *api = api_require();
    int idx = 0;
    if (!api || !device_index("memory_summary", a[0], api, &idx)) return WK_NULLV;
    size_t need = api->memory_summary(idx, abbrev, NULL, 0);
    char *buf = malloc(need + 1);
    if (!buf) return wk_raise_nomem();
    api->memory_summary(idx, abbrev, buf, need + 1);
    wk_value r = wk_str_from_c(buf);
    free(buf);
    return r;
}

static wk_value c_mem_get_info(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!wk_args_parse("mem_get_info", args, nargs, kw, "|device", a)) return WK_NULLV;
    const wk_cuda_api *api = api_require();
    int idx = 0;
    size_t fr = 0, tot = 0;
    if (!api || !device_index("mem_get_info", a[0], api, &idx)) return WK_NULLV;
    if (!api->mem_get_info(idx, &fr, &tot)) return wk_bind_rt_raise();
    return int_pair((int64_t)fr, (int64_t)tot);
}

/* ================================================================ torch.cuda.nccl */

static wk_value nccl_version(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!wk_args_none("version", nargs, kw) || no_plugin_attr("nccl.version")) return WK_NULLV;
    const wk_cuda_api *api = api_require();
    int v[3] = { 0, 0, 0 };
    if (!api) return WK_NULLV;
    if (!api->nccl_version || !api->nccl_version(&v[0], &v[1], &v[2]))
        return wk_raise(wk_exc_RuntimeError, "NCCL is not available (libnccl.so.2 was not found)");
    wk_obj *t = wk_tuple_new(3);
    if (!t) return WK_NULLV;
    for (int i = 0; i < 3; i++) wk_tuple_set_steal(t, i, wk_int(v[i]));
    return wk_objv(t);
}

static const wk_methoddef nccl_funcs[] = { { "version", nccl_version, 0, NULL }, { NULL, NULL, 0, NULL } };

/* ================================================================ module */

static const wk_methoddef cuda_funcs[] = {
    { "is_available", c_is_available, 0, NULL }, { "device_count", c_device_count, 0, NULL },
    { "is_initialized", c_is_initialized, 0, NULL }, { "init", c_init, 0, NULL },
    { "current_device", c_current_device, 0, NULL }, { "set_device", c_set_device, 0, NULL },
    { "get_device_name", c_get_device_name, 0, NULL },
    { "get_device_properties", c_get_device_properties, 0, NULL },
    { "get_device_capability", c_get_device_capability, 0, NULL }, { "get_arch_list", c_get_arch_list, 0, NULL },
    { "synchronize", c_synchronize, 0, NULL }, { "current_stream", c_current_stream, 0, NULL },
    { "default_stream", c_current_stream, 0, NULL },
    { "manual_seed", c_manual_seed, 0, NULL }, { "manual_seed_all", c_manual_seed_all, 0, NULL },
    { "seed", c_seed, 0, NULL }, { "seed_all", c_seed_all, 0, NULL }, { "initial_seed", c_initial_seed, 0, NULL },
    { "memory_allocated", c_memory_allocated, 0, NULL }, { "memory_reserved", c_memory_reserved, 0, NULL },
    { "max_memory_allocated", c_max_memory_allocated, 0, NULL },
    { "max_memory_reserved", c_max_memory_reserved, 0, NULL },
    { "memory_cached", c_memory_reserved, 0, NULL }, { "max_memory_cached", c_max_memory_reserved, 0, NULL },
    { "reset_peak_memory_stats", c_reset_peak, 0, NULL }, { "reset_max_memory_allocated", c_reset_peak, 0, NULL },
    { "reset_max_memory_cached", c_reset_peak, 0, NULL },
    { "reset_accumulated_memory_stats", c_reset_accumulated, 0, NULL },
    { "empty_cache", c_empty_cache, 0, NULL }, { "memory_stats", c_memory_stats, 0, NULL },
    { "memory_summary", c_memory_summary, 0, NULL }, { "mem_get_info", c_mem_get_info, 0, NULL },
    { NULL, NULL, 0, NULL }
};

static bool add_sub(wk_obj *parent, const char *name, const char *full, const wk_methoddef *funcs, wk_obj **out) {
    wk_obj *m = wk_module_new(full);
    bool ok = m && wk_module_add_funcs(m, funcs) && wk_module_add(parent, name, wk_objv(m)) &&
              wk_dict_set_s(wk_vm_state.modules, full, wk_objv(m)) == 0;
    if (ok && out) *out = m;
    else wk_obj_decref(m);
    return ok;
}

static bool types_ready(void) {
    static bool ready;
    if (ready) return true;
    ready = wk_type_ready(&g_props_type) && wk_type_add_getsets(&g_props_type, props_getsets) &&
            wk_type_ready(&g_devctx_type) && wk_type_add_methods(&g_devctx_type, devctx_methods) &&
            wk_type_ready(&g_stream_type) && wk_type_add_getsets(&g_stream_type, stream_getsets) &&
            wk_type_add_methods(&g_stream_type, stream_methods) && wk_type_ready(&g_event_type) &&
            wk_type_add_methods(&g_event_type, event_methods);
    return ready;
}

/* torch.cuda.OutOfMemoryError (also torch.OutOfMemoryError): a RuntimeError subclass. */
static wk_type *g_oom_type;

wk_type *wk_bind_cuda_oom_type(void) { return g_oom_type; }

static bool add_oom(wk_obj *torch, wk_obj *cuda) {
    if (!g_oom_type) {
        wk_obj *ns = wk_dict_new();
        if (!ns) return false;
        g_oom_type = wk_type_new_class("OutOfMemoryError", wk_exc_RuntimeError, ns, "torch.cuda");
        wk_obj_decref(ns);
        if (!g_oom_type) return false;
    }
    return wk_module_add(cuda, "OutOfMemoryError", wk_objv(&g_oom_type->ob)) &&
           wk_module_add(torch, "OutOfMemoryError", wk_objv(&g_oom_type->ob));
}

bool wk_bind_cuda_module(wk_obj *torch) {
    if (!types_ready()) return false;
    wk_obj *cuda = NULL;
    if (!add_sub(torch, "cuda", "torch.cuda", cuda_funcs, &cuda)) return false;
    bool ok = wk_module_add(cuda, "device", wk_objv(&g_devctx_type.ob)) &&
              wk_module_add(cuda, "Event", wk_objv(&g_event_type.ob)) &&
              wk_module_add(cuda, "Stream", wk_objv(&g_stream_type.ob)) && add_oom(torch, cuda) &&
              add_sub(cuda, "nccl", "torch.cuda.nccl", nccl_funcs, NULL);
    wk_obj_decref(cuda);
    return ok;
}
