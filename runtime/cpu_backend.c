/* cpu_backend.c — CPU allocator (small-block lists, large-block cache) with statistics, copy/fill kernels, the CPU vtable and the device registry. */
#include "cpu_kernels.h"
#include "cpu_iter.h"
#include "pool.h"
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ allocator */

static struct {
    _Atomic int64_t allocated, peak, peak_reserved, n_allocs, n_frees;
} g_cpu_stats;

#define CPU_ALIGN 64

static void raise_peak(_Atomic int64_t *peak, int64_t now) {
    int64_t old = atomic_load(peak);
    while (now > old && !atomic_compare_exchange_weak(peak, &old, now)) {}
}

/* Small blocks come from the per-thread lists, large ones through the large-block cache
 * (pool.h); when memory runs out the cache is released and the allocation retried. */
static void *cpu_alloc(int device_index, size_t nbytes) {
    (void)device_index;
    size_t sz = (nbytes + CPU_ALIGN - 1) / CPU_ALIGN * CPU_ALIGN;
    if (sz == 0) sz = CPU_ALIGN;
    void *p = sz <= WK_POOL_MAX ? wk_pool_alloc(sz, false) : wk_pool_big_alloc(sz);
    if (!p && sz > WK_POOL_MAX && wk_pool_big_cached(true) > 0) p = wk_pool_big_alloc(sz);
    if (!p) {
        wk_rt_err(WK_ERR_OOM, "[enforce fail at alloc_cpu.cpp:75] err == 0. DefaultCPUAllocator: can't allocate memory: you tried to allocate %zu bytes. Error code 12 (Cannot allocate memory)", nbytes);
        return NULL;
    }
    int64_t now = atomic_fetch_add(&g_cpu_stats.allocated, (int64_t)nbytes) + (int64_t)nbytes;
    raise_peak(&g_cpu_stats.peak, now);
    raise_peak(&g_cpu_stats.peak_reserved, now + wk_pool_big_cached(false));
    atomic_fetch_add(&g_cpu_stats.n_allocs, 1);
    return p;
}

static void cpu_free(int device_index, void *p, size_t nbytes) {
    (void)device_index;
    if (!p) return;
    size_t sz = (nbytes + CPU_ALIGN - 1) / CPU_ALIGN * CPU_ALIGN;
    if (sz == 0) sz = CPU_ALIGN;
    if (sz <= WK_POOL_MAX) wk_pool_free(p, sz); /* small buffers are recycled (pool.h) */
    else wk_pool_big_free(p, sz);
    atomic_fetch_sub(&g_cpu_stats.allocated, (int64_t)nbytes);
    atomic_fetch_add(&g_cpu_stats.n_frees, 1);
}

/* reserved = in use + held by the large-block cache (the small per-thread lists are not counted) */
void wk_cpu_memory_stats(wk_memstats *out) {
    out->allocated = atomic_load(&g_cpu_stats.allocated);
    out->reserved = out->allocated + wk_pool_big_cached(false);
    out->peak_allocated = atomic_load(&g_cpu_stats.peak);
    raise_peak(&g_cpu_stats.peak_reserved, out->reserved);
    out->peak_reserved = atomic_load(&g_cpu_stats.peak_reserved);
    out->n_allocs = atomic_load(&g_cpu_stats.n_allocs);
    out->n_frees = atomic_load(&g_cpu_stats.n_frees);
}

static void cpu_memory_stats(int device_index, wk_memstats *out) { (void)device_index; wk_cpu_memory_stats(out); }
static void cpu_reset_peak(int device_index) {
    (void)device_index;
    int64_t now = atomic_load(&g_cpu_stats.allocated);
    atomic_store(&g_cpu_stats.peak, now);
    atomic_store(&g_cpu_stats.peak_reserved, now + wk_pool_big_cached(false));
}
static int cpu_device_count(void) { return 1; }
static bool cpu_synchronize(int device_index) { (void)device_index; return true; }

/* ------------------------------------------------------------------ copy / fill */

typedef struct { wk_dtype dd, sd; } copy_ctx;

/* A broadcast source (stride 0, e.g. the expanded gradient of sum()) copied as a fill. */
static bool bcast_row(char *d, int64_t ds, const char *src, int64_t n, size_t es) {
    if (ds != (int64_t)es || (es != 4 && es != 8) || ((uintptr_t)d % es)) return false;
    if (es == 4) {
        uint32_t v, *o = (uint32_t *)d;
        memcpy(&v, src, 4);
        for (int64_t i = 0; i < n; i++) o[i] = v;
    } else {
        uint64_t v, *o = (uint64_t *)d;
        memcpy(&v, src, 8);
        for (int64_t i = 0; i < n; i++) o[i] = v;
    }
    return true;
}

static void copy_row(char **p, const int64_t *s, int64_t n, void *c) {
    copy_ctx *k = c;
    if (k->dd == k->sd && s[1] == 0 && bcast_row(p[0], s[0], p[1], n, wk_dtype_size(k->dd))) return;
    if (k->dd != k->sd && wk_cpu_cast_row(k->dd, p[0], s[0], k->sd, p[1], s[1], n)) return;
    wk_dtype_convert(k->dd, p[0], s[0], k->sd, p[1], s[1], n);
}

static bool cpu_copy(wk_tensor *dst, const wk_tensor *src) {
    if (dst->storage->device.type != WK_DEV_CPU || src->storage->device.type != WK_DEV_CPU)
        return wk_rt_err(WK_ERR_RUNTIME, "cpu backend cannot copy device memory");
    copy_ctx k = {dst->dtype, src->dtype};
    const wk_tensor *ops[2] = {dst, src};
    wk_iter it;
    wk_iter_init(&it, 2, ops, true);
    if (dst->dtype == src->dtype && wk_cpu_copy_tiled(&it, wk_dtype_size(dst->dtype))) return true;
    wk_iter_run(&it, copy_row, &k, true);
    return true;
}

typedef struct { size_t es; unsigned char v[8]; } fill_ctx;

/* Also built for AVX2 (32-byte stores; the loader picks the clone). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(WK_NO_TARGET_CLONES)
__attribute__((target_clones("avx2", "default")))
#endif
static void fill_row(char **p, const int64_t *s, int64_t n, void *c) {
    fill_ctx *k = c;
    char *o = p[0];
    if (s[0] == (int64_t)k->es && !memcmp(k->v, k->v + 1, k->es - 1)) {  /* every byte alike (zeros): memset */
        memset(o, k->v[0], (size_t)n * k->es);
    } else if (k->es == 4 && s[0] == 4) {
        uint32_t v; memcpy(&v, k->v, 4);
        for (int64_t i = 0; i < n; i++) ((uint32_t *)o)[i] = v;
    } else if (k->es == 8 && s[0] == 8) {
        uint64_t v; memcpy(&v, k->v, 8);
        for (int64_t i = 0; i < n; i++) ((uint64_t *)o)[i] = v;
    } else if (k->es == 1 && s[0] == 1) {
        memset(o, k->v[0], (size_t)n);
    } else {
        for (int64_t i = 0; i < n; i++) memcpy(o + i * s[0], k->v, k->es);
    }
}

static bool cpu_fill(wk_tensor *dst, wk_scalar v) {
    fill_ctx k;
    k.es = wk_dtype_size(dst->dtype);
    wk_dtype_store_scalar(dst->dtype, k.v, v);
    const wk_tensor *ops[1] = {dst};
    wk_iter it;
    wk_iter_init(&it, 1, ops, true);
    wk_iter_run(&it, fill_row, &k, true);
    return true;
}

/* ------------------------------------------------------------------ vtable */

static const wk_backend g_cpu_backend = {
    .abi_version = WK_BACKEND_ABI,
    .name = "cpu",
    .device_type = WK_DEV_CPU,
    .device_count = cpu_device_count,
    .alloc = cpu_alloc,
    .free = cpu_free,
    .copy = cpu_copy,
    .fill = cpu_fill,
    .synchronize = cpu_synchronize,
    .memory_stats = cpu_memory_stats,
    .reset_peak = cpu_reset_peak,
    .unary = wk_cpu_unary,
    .binary = wk_cpu_binary,
    .ternary = wk_cpu_ternary,
    .reduce = wk_cpu_reduce,
    .arg_reduce = wk_cpu_arg_reduce,
    .scan = wk_cpu_scan,
    .gemm = wk_cpu_gemm,
    .index_select = wk_cpu_index_select,
    .gather = wk_cpu_gather,
    .scatter = wk_cpu_scatter,
    .index_add = wk_cpu_index_add,
    .masked_fill = wk_cpu_masked_fill,
    .masked_select = wk_cpu_masked_select,
    .nonzero = wk_cpu_nonzero,
    .uniform_ = wk_rng_uniform_,
    .normal_ = wk_rng_normal_,
    .random_ = wk_rng_random_,
    .bernoulli_ = wk_rng_bernoulli_,
    .bernoulli_tensor_ = wk_rng_bernoulli_tensor_,
    .randperm = wk_rng_randperm,
    .gemv = wk_cpu_gemv,
    .dot = wk_cpu_dot,
    .bmm_small = wk_cpu_bmm_small,
};

/* ------------------------------------------------------------------ registry */

static const wk_backend *g_backends[WK_NDEVTYPES] = {[WK_DEV_CPU] = &g_cpu_backend};

const wk_backend *wk_backend_cpu(void) { return &g_cpu_backend; }

bool wk_backend_register(const wk_backend *b) {
    if (!b || b->abi_version != WK_BACKEND_ABI)
        return wk_rt_err(WK_ERR_RUNTIME, "backend ABI version mismatch (runtime %d, backend %d)",
                         WK_BACKEND_ABI, b ? b->abi_version : -1);
    if (b->device_type <= WK_DEV_CPU || b->device_type >= WK_NDEVTYPES)
        return wk_rt_err(WK_ERR_RUNTIME, "invalid backend device type");
    g_backends[b->device_type] = b;
    return true;
}

const wk_backend *wk_backend_get(wk_device dev) {
    if (dev.type >= 0 && dev.type < WK_NDEVTYPES && g_backends[dev.type]) return g_backends[dev.type];
    wk_rt_err(WK_ERR_ASSERTION, "Torch not compiled with CUDA enabled");
    return NULL;
}

bool wk_backend_available(wk_devtype type) {
    return type >= 0 && type < WK_NDEVTYPES && g_backends[type] && g_backends[type]->device_count() > 0;
}

int wk_backend_device_count(wk_devtype type) {
    return type >= 0 && type < WK_NDEVTYPES && g_backends[type] ? g_backends[type]->device_count() : 0;
}

bool wk_device_parse(const char *s, wk_device *out) {
    const char *colon = strchr(s, ':');
    size_t tl = colon ? (size_t)(colon - s) : strlen(s);
    wk_device d = {WK_DEV_CPU, -1};
    if (tl == 3 && !strncmp(s, "cpu", 3)) d.type = WK_DEV_CPU;
    else if (tl == 4 && !strncmp(s, "cuda", 4)) d.type = WK_DEV_CUDA;
    else
        return wk_rt_err(WK_ERR_RUNTIME,
                         "Expected one of cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, ideep, hip, ve, fpga, ort, xla, lazy, vulkan, mps, meta, hpu, mtia, privateuseone device type at start of device string: %s", s);
    if (colon) {
        char *end;
        long idx = strtol(colon + 1, &end, 10);
        if (!colon[1] || *end || idx < 0 || idx > 127 || colon[1] == '+' || colon[1] == '-')
            return wk_rt_err(WK_ERR_RUNTIME, "Invalid device string: '%s'", s);
        if (d.type == WK_DEV_CPU && idx != 0)
            return wk_rt_err(WK_ERR_RUNTIME, "CPU device index must be -1 or zero, got %ld", idx);
        d.index = (int8_t)idx;
    }
    *out = d;
    return true;
}

static const char *devname(wk_device d) { return d.type == WK_DEV_CUDA ? "cuda" : "cpu"; }

void wk_device_str(wk_device d, char *buf, size_t cap) {
    if (d.index >= 0) snprintf(buf, cap, "%s:%d", devname(d), d.index);
    else snprintf(buf, cap, "%s", devname(d));
}

void wk_device_repr(wk_device d, char *buf, size_t cap) {
    if (d.index >= 0) snprintf(buf, cap, "device(type='%s', index=%d)", devname(d), d.index);
    else snprintf(buf, cap, "device(type='%s')", devname(d));
}

bool wk_device_eq(wk_device a, wk_device b) {
    if (a.type != b.type) return false;
    if (a.type == WK_DEV_CPU) return true;
    return (a.index < 0 ? 0 : a.index) == (b.index < 0 ? 0 : b.index);
}
