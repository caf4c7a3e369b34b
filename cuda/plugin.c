/* plugin.c — the plugin's entry point, device queries, caching-allocator glue, events, generators and the backend vtable. */
#include "plugin.h"
#include "alloc.h"
#include <cuda_runtime_api.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const wk_cuda_host *wkc_host;

/* ------------------------------------------------------------------ errors and dtypes */

bool wkc_cuda_fail(int code) {
    cudaGetLastError(); /* clear sticky-free errors */
    if (code == cudaErrorInvalidDevice)
        return wkc_err(WK_ERR_RUNTIME,
                       "CUDA error: invalid device ordinal\nGPU device may be out of range, do you have enough GPUs?\n"
                       "CUDA kernel errors might be asynchronously reported at some other API call, so the stacktrace "
                       "below might be incorrect.\nFor debugging consider passing CUDA_LAUNCH_BLOCKING=1\n"
                       "Compile with `TORCH_USE_CUDA_DSA` to enable device-side assertions.");
    return wkc_err(WK_ERR_RUNTIME,
                   "CUDA error: %s\nCUDA kernel errors might be asynchronously reported at some other API call, so the "
                   "stacktrace below might be incorrect.\nFor debugging consider passing CUDA_LAUNCH_BLOCKING=1\n"
                   "Compile with `TORCH_USE_CUDA_DSA` to enable device-side assertions.",
                   cudaGetErrorString((cudaError_t)code));
}

bool wkc_check_launch(void) {
    cudaError_t e = cudaGetLastError();
    return e == cudaSuccess ? true : wkc_cuda_fail(e);
}

static const size_t k_sizes[WK_NDTYPES] = {1, 1, 1, 2, 4, 8, 2, 2, 4, 8};
static const char *const k_scalar_names[WK_NDTYPES] = {"Bool", "Byte", "Char", "Short", "Int", "Long", "Half",
                                                       "BFloat16", "Float", "Double"};
size_t wkc_dtype_size(wk_dtype dt) { return (unsigned)dt < WK_NDTYPES ? k_sizes[dt] : 1; }
bool wkc_is_float(wk_dtype dt) { return dt == WK_DT_F16 || dt == WK_DT_BF16 || dt == WK_DT_F32 || dt == WK_DT_F64; }
const char *wkc_scalar_name(wk_dtype dt) { return (unsigned)dt < WK_NDTYPES ? k_scalar_names[dt] : "?"; }
bool wkc_not_impl(const char *op, wk_dtype dt) {
    return wkc_err(WK_ERR_RUNTIME, "\"%s_cuda\" not implemented for '%s'", op, wkc_scalar_name(dt));
}

/* ------------------------------------------------------------------ devices */

typedef struct devstate {
    bool props_ok;
    struct cudaDeviceProp props;
    wk_calloc *alloc;
    void *scalars; /* 4 x 8 bytes */
    wkc_philox gen;
    uint64_t initial_seed;
    bool gen_ready;
} devstate;

static int g_ndev = -1;
static devstate g_dev[WKC_MAX_DEVICES];
static bool g_initialized;
static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;

int wkc_device_count(void) {
    if (g_ndev < 0) {
        int n = 0;
        if (cudaGetDeviceCount(&n) != cudaSuccess) { cudaGetLastError(); n = 0; }
        g_ndev = n > WKC_MAX_DEVICES ? WKC_MAX_DEVICES : n;
    }
    return g_ndev;
}

static bool valid_dev(int dev) {
    if (dev >= 0 && dev < wkc_device_count()) return true;
    return wkc_cuda_fail(cudaErrorInvalidDevice);
}

int wkc_current_device(void) {
    int d = 0;
    if (cudaGetDevice(&d) != cudaSuccess) { cudaGetLastError(); d = 0; }
    return d;
}

static int resolve(int dev) { return dev < 0 ? wkc_current_device() : dev; }

bool wkc_set_device(int dev) {
    if (!valid_dev(dev)) return false;
    cudaError_t e = cudaSetDevice(dev);
    if (e != cudaSuccess) return wkc_cuda_fail(e);
    g_initialized = true;
    return true;
}

static const struct cudaDeviceProp *props(int dev) {
    devstate *s = &g_dev[dev];
    if (!s->props_ok) {
        if (cudaGetDeviceProperties(&s->props, dev) != cudaSuccess) { cudaGetLastError(); return NULL; }
        s->props_ok = true;
    }
    return &s->props;
}

int wkc_sm_count(int dev) { const struct cudaDeviceProp *p = props(dev); return p ? p->multiProcessorCount : 1; }
int wkc_max_threads_per_sm(int dev) { const struct cudaDeviceProp *p = props(dev); return p ? p->maxThreadsPerMultiProcessor : 2048; }
int wkc_cc_major(int dev) { const struct cudaDeviceProp *p = props(dev); return p ? p->major : 0; }

static bool api_get_properties(int dev, wk_cuda_props *o) {
    if (dev < 0) dev = resolve(dev);
    if (dev >= wkc_device_count()) return wkc_err(WK_ERR_ASSERTION, "Invalid device id");
    const struct cudaDeviceProp *p = props(dev);
    if (!p) return wkc_cuda_fail(cudaGetLastError());
    memset(o, 0, sizeof *o);
    snprintf(o->name, sizeof o->name, "%s", p->name);
    o->major = p->major;
    o->minor = p->minor;
    o->total_memory = (int64_t)p->totalGlobalMem;
    o->multi_processor_count = p->multiProcessorCount;
    const unsigned char *u = (const unsigned char *)p->uuid.bytes;
    snprintf(o->uuid, sizeof o->uuid, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", u[0], u[1],
             u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]);
    o->pci_bus_id = p->pciBusID;
    o->pci_device_id = p->pciDeviceID;
    o->pci_domain_id = p->pciDomainID;
    o->l2_cache_size = p->l2CacheSize;
    o->max_threads_per_multi_processor = p->maxThreadsPerMultiProcessor;
    o->warp_size = p->warpSize;
    o->regs_per_multiprocessor = p->regsPerMultiprocessor;
    o->is_integrated = p->integrated;
    o->is_multi_gpu_board = p->isMultiGpuBoard;
    return true;
}

static bool api_synchronize(int dev) {
    dev = resolve(dev);
    if (!valid_dev(dev)) return false;
    int cur = wkc_current_device();
    if (cur != dev) cudaSetDevice(dev);
    cudaError_t e = cudaDeviceSynchronize();
    if (cur != dev) cudaSetDevice(cur);
    return e == cudaSuccess ? true : wkc_cuda_fail(e);
}

static bool api_is_initialized(void) { return g_initialized; }
static bool api_init(void) {
    if (cudaFree(NULL) != cudaSuccess) return wkc_cuda_fail(cudaGetLastError());
    g_initialized = true;
    return true;
}
static const char *api_arch_list(void) { return "sm_75 sm_80 sm_90 compute_90"; }
static int api_driver_version(void) { int v = 0; cudaDriverGetVersion(&v); return v; }
static int api_runtime_version(void) { int v = 0; cudaRuntimeGetVersion(&v); return v; }

/* ------------------------------------------------------------------ caching allocator over cudaMalloc */

typedef struct { int dev; } rawctx;
static rawctx g_raw[WKC_MAX_DEVICES];

static int raw_malloc(void *ctx, size_t n, void **out) {
    (void)ctx;
    cudaError_t e = cudaMalloc(out, n);
    if (e == cudaSuccess) return WK_CALLOC_RAW_OK;
    cudaGetLastError();
    return e == cudaErrorMemoryAllocation ? WK_CALLOC_RAW_OOM : (int)e + 1000;
}
static int raw_free(void *ctx, void *p) { (void)ctx; return cudaFree(p) == cudaSuccess ? 0 : 1; }
static int raw_info(void *ctx, size_t *fr, size_t *tot) { (void)ctx; return cudaMemGetInfo(fr, tot) == cudaSuccess ? 0 : 1; }
static void raw_sync(void *ctx) { (void)ctx; cudaDeviceSynchronize(); }
static const char *raw_errstr(void *ctx, int code) { (void)ctx; return cudaGetErrorString((cudaError_t)(code - 1000)); }

static wk_calloc *allocator(int dev) {
    devstate *s = &g_dev[dev];
    if (!s->alloc) {
        pthread_mutex_lock(&g_mu);
        if (!s->alloc) {
            g_raw[dev].dev = dev;
            wk_calloc_raw raw = {&g_raw[dev], raw_malloc, raw_free, raw_info, NULL, raw_sync, raw_errstr};
            s->alloc = wk_calloc_new(dev, &raw);
        }
        pthread_mutex_unlock(&g_mu);
    }
    return s->alloc;
}

/* Runs with dev current, restoring the previous device afterwards. */
static int push_device(int dev) {
    int cur = wkc_current_device();
    if (cur != dev) cudaSetDevice(dev);
    g_initialized = true;
    return cur;
}
static void pop_device(int prev, int dev) { if (prev != dev) cudaSetDevice(prev); }

static void *be_alloc(int dev, size_t nbytes) {
    static char zero_sized;
    if (dev < 0) dev = 0;
    if (!valid_dev(dev)) return NULL;
    if (nbytes == 0) return &zero_sized;
    wk_calloc *a = allocator(dev);
    if (!a) { wkc_err(WK_ERR_OOM, "out of host memory"); return NULL; }
    int prev = push_device(dev);
    void *p = NULL;
    wk_calloc_status st = wk_calloc_malloc(a, nbytes, &p);
    pop_device(prev, dev);
    if (st == WK_CALLOC_OK) return p;
    wkc_err(st == WK_CALLOC_OOM ? WK_ERR_OOM : WK_ERR_RUNTIME, "%s", wk_calloc_error(a));
    return NULL;
}

static void be_free(int dev, void *p, size_t nbytes) {
    if (!p || nbytes == 0 || dev < 0 || dev >= wkc_device_count() || !g_dev[dev].alloc) return;
    wk_calloc_free(g_dev[dev].alloc, p); /* stream-ordered reuse: one stream, so no event is needed */
}

void *wkc_tmp_alloc(size_t n) { return be_alloc(wkc_current_device(), n ? n : 1); }
void wkc_tmp_free(void *p) { be_free(wkc_current_device(), p, 1); }

void *wkc_scalar_slot(int dev, int i) {
    devstate *s = &g_dev[dev];
    if (!s->scalars && cudaMalloc(&s->scalars, 8 * WKC_MAXOP) != cudaSuccess) { cudaGetLastError(); return NULL; }
    return (char *)s->scalars + 8 * i;
}

static void empty_stats(wk_calloc_stats *s) { memset(s, 0, sizeof *s); s->max_split_size = -1; }

static bool get_stats(int dev, wk_calloc_stats *s) {
    dev = resolve(dev);
    if (dev < 0 || dev >= wkc_device_count())
        return wkc_err(WK_ERR_RUNTIME, "Invalid device argument : did you call init?");
    if (g_dev[dev].alloc) wk_calloc_get_stats(g_dev[dev].alloc, s);
    else empty_stats(s);
    return true;
}

static int api_memory_stats_items(int dev, const char **keys, int64_t *vals, int cap) {
    wk_calloc_stats s;
    if (!get_stats(dev, &s)) return -1;
    return wk_calloc_stats_items(&s, keys, vals, cap);
}

static size_t api_memory_summary(int dev, bool abbreviated, char *buf, size_t cap) {
    wk_calloc_stats s;
    dev = resolve(dev);
    if (!get_stats(dev, &s)) return 0;
    g_initialized = true;
    return wk_calloc_summary(&s, dev, abbreviated, buf, cap);
}

static bool api_empty_cache(void) {
    for (int d = 0; d < wkc_device_count(); d++)
        if (g_dev[d].alloc) {
            int prev = push_device(d);
            wk_calloc_empty_cache(g_dev[d].alloc);
            pop_device(prev, d);
        }
    return true;
}

static bool api_reset_peak(int dev) {
    wk_calloc_stats s;
    if (!get_stats(dev, &s)) return false;
    if (g_dev[resolve(dev)].alloc) wk_calloc_reset_peak(g_dev[resolve(dev)].alloc);
    return true;
}

static bool api_reset_accumulated(int dev) {
    wk_calloc_stats s;
    if (!get_stats(dev, &s)) return false;
    if (g_dev[resolve(dev)].alloc) wk_calloc_reset_accumulated(g_dev[resolve(dev)].alloc);
    return true;
}

static bool api_mem_get_info(int dev, size_t *fr, size_t *tot) {
    dev = resolve(dev);
    if (!valid_dev(dev)) return false;
    int prev = push_device(dev);
    cudaError_t e = cudaMemGetInfo(fr, tot);
    pop_device(prev, dev);
    return e == cudaSuccess ? true : wkc_cuda_fail(e);
}

static void be_memory_stats(int dev, wk_memstats *o) {
    wk_calloc_stats s;
    memset(o, 0, sizeof *o);
    if (!get_stats(dev, &s)) return;
    o->allocated = s.allocated_bytes[0].current;
    o->reserved = s.reserved_bytes[0].current;
    o->peak_allocated = s.allocated_bytes[0].peak;
    o->peak_reserved = s.reserved_bytes[0].peak;
    o->n_allocs = s.allocation[0].allocated;
    o->n_frees = s.allocation[0].freed;
}

static void be_reset_peak(int dev) { api_reset_peak(dev); }

/* ------------------------------------------------------------------ generators */

static uint64_t random_seed(void) {
    uint64_t s = 0;
    FILE *f = fopen("/dev/urandom", "rb");
    if (f) { if (fread(&s, sizeof s, 1, f) != 1) s = 0; fclose(f); }
    if (!s) s = (uint64_t)time(NULL) ^ (uint64_t)clock() << 20;
    return s & ((1ull << 53) - 1); /* PyTorch's random seeds fit a double */
}

static devstate *gen_of(int dev) {
    devstate *s = &g_dev[dev];
    if (!s->gen_ready) {
        s->initial_seed = random_seed();
        s->gen.seed = s->initial_seed;
        s->gen.offset = 0;
        s->gen_ready = true;
    }
    return s;
}

wkc_philox wkc_philox_next(int dev, uint64_t increment) {
    pthread_mutex_lock(&g_mu);
    devstate *s = gen_of(dev);
    wkc_philox r = s->gen;
    s->gen.offset += increment;
    pthread_mutex_unlock(&g_mu);
    return r;
}

static bool api_manual_seed(int dev, uint64_t seed) {
    dev = resolve(dev);
    if (dev >= wkc_device_count()) return true; /* PyTorch: lazily ignored without a device */
    devstate *s = gen_of(dev);
    s->initial_seed = seed;
    s->gen.seed = seed;
    s->gen.offset = 0;
    return true;
}
static void api_manual_seed_all(uint64_t seed) {
    for (int d = 0; d < wkc_device_count(); d++) api_manual_seed(d, seed);
}
static uint64_t api_initial_seed(int dev) {
    dev = resolve(dev);
    return dev < wkc_device_count() ? gen_of(dev)->initial_seed : 0;
}
static uint64_t api_seed(int dev) {
    uint64_t s = random_seed();
    api_manual_seed(dev, s);
    return s;
}
static bool api_get_rng_state(int dev, uint8_t out[16]) {
    dev = resolve(dev);
    if (!valid_dev(dev)) return false;
    devstate *s = gen_of(dev);
    for (int i = 0; i < 8; i++) { out[i] = (uint8_t)(s->gen.seed >> 8 * i); out[8 + i] = (uint8_t)(s->gen.offset >> 8 * i); }
    return true;
}
static bool api_set_rng_state(int dev, const uint8_t in[16]) {
    dev = resolve(dev);
    if (!valid_dev(dev)) return false;
    devstate *s = gen_of(dev);
    uint64_t seed = 0, off = 0;
    for (int i = 0; i < 8; i++) { seed |= (uint64_t)in[i] << 8 * i; off |= (uint64_t)in[8 + i] << 8 * i; }
    if (off % 4) return wkc_err(WK_ERR_RUNTIME, "offset must be a multiple of 4");
    s->gen.seed = seed;
    s->gen.offset = off;
    return true;
}

/* ------------------------------------------------------------------ events */

typedef struct { cudaEvent_t ev; int dev; bool recorded; } wkc_event;

static void *api_event_create(bool timing) {
    wkc_event *e = calloc(1, sizeof *e);
    if (!e) { wkc_err(WK_ERR_OOM, "out of memory"); return NULL; }
    e->dev = wkc_current_device();
    cudaError_t rc = cudaEventCreateWithFlags(&e->ev, timing ? cudaEventDefault : cudaEventDisableTiming);
    if (rc != cudaSuccess) { free(e); wkc_cuda_fail(rc); return NULL; }
    g_initialized = true;
    return e;
}
static bool api_event_record(void *p) {
    wkc_event *e = p;
    cudaError_t rc = cudaEventRecord(e->ev, 0);
    if (rc != cudaSuccess) return wkc_cuda_fail(rc);
    e->recorded = true;
    return true;
}
static bool api_event_synchronize(void *p) {
    wkc_event *e = p;
    if (!e->recorded) return true;
    cudaError_t rc = cudaEventSynchronize(e->ev);
    return rc == cudaSuccess ? true : wkc_cuda_fail(rc);
}
static bool api_event_query(void *p) {
    wkc_event *e = p;
    if (!e->recorded) return true;
    cudaError_t rc = cudaEventQuery(e->ev);
    if (rc == cudaErrorNotReady) { cudaGetLastError(); return false; }
    return rc == cudaSuccess ? true : wkc_cuda_fail(rc);
}
static bool api_event_elapsed_ms(void *a, void *b, float *ms) {
    wkc_event *s = a, *e = b;
    if (!s->recorded || !e->recorded)
        return wkc_err(WK_ERR_RUNTIME, "Both events must be recorded before calculating elapsed time.");
    cudaError_t rc = cudaEventElapsedTime(ms, s->ev, e->ev);
    return rc == cudaSuccess ? true : wkc_cuda_fail(rc);
}
static void api_event_destroy(void *p) {
    wkc_event *e = p;
    if (!e) return;
    cudaEventDestroy(e->ev);
    free(e);
}
static uintptr_t api_current_stream(int dev) { (void)dev; return 0; }

/* ------------------------------------------------------------------ NCCL (optional, found at run time) */

static bool api_nccl_version(int *major, int *minor, int *patch) {
    void *h = dlopen("libnccl.so.2", RTLD_NOW | RTLD_LOCAL);
    if (!h) return false;
    int (*get)(int *);
    void *sym = dlsym(h, "ncclGetVersion");
    memcpy(&get, &sym, sizeof get);
    int v = 0;
    bool ok = get && get(&v) == 0;
    dlclose(h);
    if (!ok) return false;
    /* NCCL >= 2.9 encodes major*10000 + minor*100 + patch */
    *major = v / 10000;
    *minor = v / 100 % 100;
    *patch = v % 100;
    return true;
}

/* ------------------------------------------------------------------ iterators */

char *wkc_data(const wk_tensor *t) { return (char *)t->storage->data + t->offset * (int64_t)wkc_dtype_size(t->dtype); }

int64_t wkc_numel(const wk_tensor *t) {
    int64_t n = 1;
    for (int i = 0; i < t->ndim; i++) n *= t->shape[i];
    return n;
}

bool wkc_is_contiguous(const wk_tensor *t) {
    int64_t expect = 1;
    for (int d = t->ndim - 1; d >= 0; d--) {
        if (t->shape[d] == 1) continue;
        if (t->stride[d] != expect) return false;
        expect *= t->shape[d];
    }
    return true;
}

bool wkc_is_dense(const wk_tensor *t) {
    /* sort dims by stride (insertion sort, ndim <= 16) and check they tile without gaps */
    int idx[WK_MAX_DIMS], n = 0;
    for (int d = 0; d < t->ndim; d++) if (t->shape[d] != 1) idx[n++] = d;
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && t->stride[idx[j - 1]] < t->stride[idx[j]]; j--) { int x = idx[j]; idx[j] = idx[j - 1]; idx[j - 1] = x; }
    int64_t expect = 1;
    for (int i = n - 1; i >= 0; i--) {
        if (t->stride[idx[i]] != expect) return false;
        expect *= t->shape[idx[i]];
    }
    return true;
}

bool wkc_on_device(const wk_tensor *t) { return t->storage->device.type == WK_DEV_CUDA; }

/* A host operand must be a single element (a 0-dim CPU tensor, possibly broadcast). */
static bool host_single(const wk_tensor *t) {
    for (int d = 0; d < t->ndim; d++)
        if (t->shape[d] != 1 && t->stride[d] != 0) return false;
    return true;
}

bool wkc_iter_build(wkc_iter *it, int nops, const wk_tensor *const *ops) {
    memset(it, 0, sizeof *it);
    const wk_tensor *o = ops[0];
    it->nops = nops;
    it->numel = wkc_numel(o);
    int dev = o->storage->device.index < 0 ? 0 : o->storage->device.index;
    int64_t es[WKC_MAXOP];
    for (int k = 0; k < nops; k++) {
        const wk_tensor *t = ops[k];
        es[k] = (int64_t)wkc_dtype_size(t->dtype);
        if (!wkc_on_device(t)) {
            if (!host_single(t))
                return wkc_err(WK_ERR_RUNTIME, "Expected all tensors to be on the same device, but found at least two "
                                               "devices, cuda:%d and cpu!", dev);
            if (it->numel == 0) continue; /* nothing will be read */
            void *slot = wkc_scalar_slot(dev, k);
            if (!slot) return wkc_cuda_fail(cudaErrorMemoryAllocation);
            cudaError_t e = cudaMemcpy(slot, wkc_data(t), (size_t)es[k], cudaMemcpyHostToDevice);
            if (e != cudaSuccess) return wkc_cuda_fail(e);
            it->data[k] = slot;
        } else {
            it->data[k] = wkc_data(t);
        }
    }
    /* keep dims of size != 1, then merge neighbours that are contiguous for every operand */
    int nd = 0;
    for (int d = 0; d < o->ndim; d++) {
        if (o->shape[d] == 1) continue;
        it->shape[nd] = o->shape[d];
        for (int k = 0; k < nops; k++)
            it->stride[k][nd] = wkc_on_device(ops[k]) && ops[k]->ndim == o->ndim ? ops[k]->stride[d] * es[k] : 0;
        if (nd > 0) {
            bool merge = true;
            for (int k = 0; k < nops && merge; k++)
                merge = it->stride[k][nd - 1] == it->stride[k][nd] * it->shape[nd];
            if (merge) {
                it->shape[nd - 1] *= it->shape[nd];
                for (int k = 0; k < nops; k++) it->stride[k][nd - 1] = it->stride[k][nd];
                continue;
            }
        }
        nd++;
    }
    it->ndim = nd;
    it->contig = true;
    if (nd > 1) it->contig = false;
    else if (nd == 1)
        for (int k = 0; k < nops; k++) if (it->stride[k][0] != es[k]) it->contig = false;
    if (nd == 0) { it->ndim = 1; it->shape[0] = 1; for (int k = 0; k < nops; k++) it->stride[k][0] = 0; }
    return true;
}

/* ------------------------------------------------------------------ vtable and API */

static int be_device_count(void) { return wkc_device_count(); }
static bool be_synchronize(int dev) { return api_synchronize(dev); }

/* Runs a kernel entry with the tensor's device current. */
#define ON_DEVICE(t, call)                                                            \
    do {                                                                              \
        int dev_ = (t)->storage->device.index < 0 ? 0 : (t)->storage->device.index;   \
        int prev_ = push_device(dev_);                                                \
        bool ok_ = (call);                                                            \
        pop_device(prev_, dev_);                                                      \
        return ok_;                                                                   \
    } while (0)

/* The iterators are built with the device current: a host scalar operand is uploaded to
 * that device's scalar slot. */
static bool unary_on(wk_unary_op op, wk_tensor *out, const wk_tensor *a, const double *params) {
    wkc_iter it;
    const wk_tensor *ops[2] = {out, a};
    return wkc_iter_build(&it, 2, ops) && wkc_launch_unary(&it, op, a->dtype, params);
}
static bool binary_on(wk_binary_op op, wk_tensor *out, const wk_tensor *a, const wk_tensor *b, double alpha) {
    wkc_iter it;
    const wk_tensor *ops[3] = {out, a, b};
    return wkc_iter_build(&it, 3, ops) && wkc_launch_binary(&it, op, a->dtype, alpha);
}
static bool ternary_on(wk_ternary_op op, wk_tensor *out, const wk_tensor *a, const wk_tensor *b, const wk_tensor *c,
                       double value) {
    wkc_iter it;
    const wk_tensor *ops[4] = {out, a, b, c};
    return wkc_iter_build(&it, 4, ops) && wkc_launch_ternary(&it, op, out->dtype, value);
}
static bool be_unary(wk_unary_op op, wk_tensor *out, const wk_tensor *a, const double *params) {
    ON_DEVICE(out, unary_on(op, out, a, params));
}
static bool be_binary(wk_binary_op op, wk_tensor *out, const wk_tensor *a, const wk_tensor *b, double alpha) {
    ON_DEVICE(out, binary_on(op, out, a, b, alpha));
}
static bool be_ternary(wk_ternary_op op, wk_tensor *out, const wk_tensor *a, const wk_tensor *b, const wk_tensor *c,
                       double value) {
    ON_DEVICE(out, ternary_on(op, out, a, b, c, value));
}
static bool be_copy(wk_tensor *dst, const wk_tensor *src) {
    const wk_tensor *d = wkc_on_device(dst) ? dst : src;
    ON_DEVICE(d, wkc_copy(dst, src));
}
static bool be_fill(wk_tensor *dst, wk_scalar v) { ON_DEVICE(dst, wkc_fill(dst, v)); }
static bool be_reduce(wk_reduce_op op, wk_tensor *out, const wk_tensor *a, uint32_t dims, double param) {
    ON_DEVICE(a, wkc_reduce(op, out, a, dims, param));
}
static bool be_arg_reduce(wk_argreduce_op op, wk_tensor *v, wk_tensor *i, const wk_tensor *a, int dim) {
    ON_DEVICE(a, wkc_arg_reduce(op, v, i, a, dim));
}
static bool be_scan(wk_scan_op op, wk_tensor *out, wk_tensor *i, const wk_tensor *a, int dim) {
    ON_DEVICE(a, wkc_scan(op, out, i, a, dim));
}
static bool be_index_select(wk_tensor *out, const wk_tensor *a, int dim, const wk_tensor *index) {
    ON_DEVICE(a, wkc_index_select(out, a, dim, index));
}
static bool be_gather(wk_tensor *out, const wk_tensor *a, int dim, const wk_tensor *index) {
    ON_DEVICE(a, wkc_gather(out, a, dim, index));
}
static bool be_scatter(wk_tensor *self, int dim, const wk_tensor *index, const wk_tensor *src, wk_scatter_reduce r) {
    ON_DEVICE(self, wkc_scatter(self, dim, index, src, r));
}
static bool be_index_add(wk_tensor *self, int dim, const wk_tensor *index, const wk_tensor *src, double alpha) {
    ON_DEVICE(self, wkc_index_add(self, dim, index, src, alpha));
}
static bool be_masked_fill(wk_tensor *self, const wk_tensor *mask, wk_scalar v) {
    ON_DEVICE(self, wkc_masked_fill(self, mask, v));
}
static bool be_masked_select(wk_tensor *out, const wk_tensor *a, const wk_tensor *mask) {
    ON_DEVICE(a, wkc_masked_select(out, a, mask));
}
static bool be_nonzero(wk_tensor *out, const wk_tensor *a) { ON_DEVICE(a, wkc_nonzero(out, a)); }
static bool be_uniform(wk_tensor *t, double from, double to, struct wk_generator *g) { ON_DEVICE(t, wkc_uniform_(t, from, to, g)); }
static bool be_normal(wk_tensor *t, double m, double s, struct wk_generator *g) { ON_DEVICE(t, wkc_normal_(t, m, s, g)); }
static bool be_random(wk_tensor *t, int64_t lo, int64_t hi, struct wk_generator *g) { ON_DEVICE(t, wkc_random_(t, lo, hi, g)); }
static bool be_bernoulli(wk_tensor *t, double p, struct wk_generator *g) { ON_DEVICE(t, wkc_bernoulli_(t, p, g)); }
static bool be_bernoulli_t(wk_tensor *t, const wk_tensor *p, struct wk_generator *g) {
    ON_DEVICE(t, wkc_bernoulli_tensor_(t, p, g));
}
static bool be_randperm(wk_tensor *out, struct wk_generator *g) { ON_DEVICE(out, wkc_randperm(out, g)); }

static const wk_backend g_backend = {
    .abi_version = WK_BACKEND_ABI,
    .name = "cuda",
    .device_type = WK_DEV_CUDA,
    .device_count = be_device_count,
    .alloc = be_alloc,
    .free = be_free,
    .copy = be_copy,
    .fill = be_fill,
    .synchronize = be_synchronize,
    .memory_stats = be_memory_stats,
    .reset_peak = be_reset_peak,
    .unary = be_unary,
    .binary = be_binary,
    .ternary = be_ternary,
    .reduce = be_reduce,
    .arg_reduce = be_arg_reduce,
    .scan = be_scan,
    .gemm = wkc_gemm,
    .index_select = be_index_select,
    .gather = be_gather,
    .scatter = be_scatter,
    .index_add = be_index_add,
    .masked_fill = be_masked_fill,
    .masked_select = be_masked_select,
    .nonzero = be_nonzero,
    .uniform_ = be_uniform,
    .normal_ = be_normal,
    .random_ = be_random,
    .bernoulli_ = be_bernoulli,
    .bernoulli_tensor_ = be_bernoulli_t,
    .randperm = be_randperm,
};

static int api_current_device(void) { return wkc_current_device(); }
static bool api_set_device(int dev) { return wkc_set_device(dev); }
static bool api_gemm_batched(wk_dtype dt, bool ta, bool tb, int64_t m, int64_t n, int64_t k, double alpha,
                             const void *a, int64_t lda, int64_t sa, const void *b, int64_t ldb, int64_t sb,
                             double beta, void *c, int64_t ldc, int64_t sc, int64_t batch) {
    return wkc_gemm_batched(dt, ta, tb, m, n, k, alpha, a, lda, sa, b, ldb, sb, beta, c, ldc, sc, batch);
}

static const wk_cuda_api g_api = {
    .api_version = WK_CUDA_API_VERSION,
    .backend = &g_backend,
    .device_count = wkc_device_count,
    .get_properties = api_get_properties,
    .set_device = api_set_device,
    .current_device = api_current_device,
    .synchronize = api_synchronize,
    .is_initialized = api_is_initialized,
    .init = api_init,
    .arch_list = api_arch_list,
    .driver_version = api_driver_version,
    .runtime_version = api_runtime_version,
    .memory_stats_items = api_memory_stats_items,
    .memory_summary = api_memory_summary,
    .empty_cache = api_empty_cache,
    .reset_peak = api_reset_peak,
    .reset_accumulated = api_reset_accumulated,
    .mem_get_info = api_mem_get_info,
    .manual_seed_all = api_manual_seed_all,
    .manual_seed = api_manual_seed,
    .initial_seed = api_initial_seed,
    .seed = api_seed,
    .get_rng_state = api_get_rng_state,
    .set_rng_state = api_set_rng_state,
    .set_matmul_tf32 = wkc_set_tf32,
    .get_matmul_tf32 = wkc_get_tf32,
    .set_reduced_precision_reduction = wkc_set_reduced_precision,
    .gemm_batched = api_gemm_batched,
    .event_create = api_event_create,
    .event_record = api_event_record,
    .event_synchronize = api_event_synchronize,
    .event_query = api_event_query,
    .event_elapsed_ms = api_event_elapsed_ms,
    .event_destroy = api_event_destroy,
    .current_stream = api_current_stream,
    .nccl_version = api_nccl_version,
};

/* ------------------------------------------------------------------ entry point */

__attribute__((visibility("default"))) int wk_cuda_plugin_init(int api_version, const wk_cuda_host *host,
                                                               const wk_cuda_api **api, char *why, size_t why_cap) {
    *api = NULL;
    if (api_version != WK_CUDA_API_VERSION || !host || host->api_version != WK_CUDA_API_VERSION ||
        host->backend_abi != WK_BACKEND_ABI) {
        snprintf(why, why_cap, "CUDA plugin ABI mismatch (plugin API %d / backend ABI %d, core API %d / backend ABI %d)",
                 WK_CUDA_API_VERSION, WK_BACKEND_ABI, api_version, host ? host->backend_abi : -1);
        return WK_CUDA_INIT_ABI;
    }
    wkc_host = host;
    int n = 0;
    cudaError_t e = cudaGetDeviceCount(&n);
    if (e != cudaSuccess) {
        cudaGetLastError();
        snprintf(why, why_cap, "CUDA driver: %s", cudaGetErrorString(e));
        return e == cudaErrorNoDevice ? WK_CUDA_INIT_NO_DEVICE
               : (e == cudaErrorInsufficientDriver || e == cudaErrorInitializationError) ? WK_CUDA_INIT_NO_DRIVER
                                                                                          : WK_CUDA_INIT_ERROR;
    }
    if (n == 0) {
        snprintf(why, why_cap, "CUDA driver: no CUDA-capable device is detected");
        return WK_CUDA_INIT_NO_DEVICE;
    }
    g_ndev = -1;
    *api = &g_api;
    return WK_CUDA_INIT_OK;
}
