/* cuda_loader.h — loads the CUDA plugin with dlopen, keeps why CUDA is unavailable, and declares the plugin ABI (torch.cuda API). */
#ifndef WK_CUDA_LOADER_H
#define WK_CUDA_LOADER_H
#include "backend.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Version of wk_cuda_host / wk_cuda_api below; bump on any layout change. The backend vtable
 * carries its own WK_BACKEND_ABI, which the plugin checks too. */
#define WK_CUDA_API_VERSION 1
/* The plugin's exported entry point (dlsym name). */
#define WK_CUDA_PLUGIN_ENTRY "wk_cuda_plugin_init"

/* What the core lends the plugin: the plugin links nothing of the core and reports errors
 * through these (so the binary needs no -rdynamic). */
typedef struct wk_cuda_host {
    int api_version;   /* WK_CUDA_API_VERSION */
    int backend_abi;   /* WK_BACKEND_ABI */
    bool (*set_error)(wk_errkind kind, const char *fmt, ...); /* wk_rt_err */
} wk_cuda_host;

/* torch.cuda.get_device_properties(i): the fields of PyTorch's repr, and a few more. */
typedef struct wk_cuda_props {
    char name[256];
    int major, minor;
    int64_t total_memory;      /* bytes; the repr prints total_memory // 2**20 "MB" */
    int multi_processor_count;
    char uuid[40];             /* "bf2fb611-0a4c-25e4-facd-1929d75c98c2" */
    int pci_bus_id, pci_device_id, pci_domain_id;
    int64_t l2_cache_size;     /* bytes; the repr prints // 2**20 "MB" */
    int max_threads_per_multi_processor, warp_size, regs_per_multiprocessor;
    int is_integrated, is_multi_gpu_board;
} wk_cuda_props;

/* Everything torch.cuda needs beyond the kernel vtable. Functions returning bool set the
 * runtime error (through wk_cuda_host.set_error) when they return false. dev = -1 means the
 * current device. */
typedef struct wk_cuda_api {
    int api_version;
    const wk_backend *backend;

    /* devices */
    int (*device_count)(void);
    bool (*get_properties)(int dev, wk_cuda_props *out);
    bool (*set_device)(int dev);   /* "CUDA error: invalid device ordinal" */
    int (*current_device)(void);
    bool (*synchronize)(int dev);
    bool (*is_initialized)(void);  /* a context exists (first allocation, kernel or query) */
    bool (*init)(void);            /* torch.cuda.init() */
    const char *(*arch_list)(void); /* "sm_75 sm_80 sm_90 compute_90" (space separated) */
    int (*driver_version)(void);    /* 13000 */
    int (*runtime_version)(void);

    /* caching allocator (cuda/alloc.h), per device */
    int (*memory_stats_items)(int dev, const char **keys, int64_t *vals, int cap); /* 122 sorted pairs */
    size_t (*memory_summary)(int dev, bool abbreviated, char *buf, size_t cap);
    bool (*empty_cache)(void);
    bool (*reset_peak)(int dev);
    bool (*reset_accumulated)(int dev);
    bool (*mem_get_info)(int dev, size_t *free_bytes, size_t *total_bytes);

    /* Philox generator, one per device: state = seed and offset (16 bytes, little-endian) */
    void (*manual_seed_all)(uint64_t seed);
    bool (*manual_seed)(int dev, uint64_t seed);
    uint64_t (*initial_seed)(int dev);
    uint64_t (*seed)(int dev); /* a fresh non-deterministic seed, applied and returned */
    bool (*get_rng_state)(int dev, uint8_t out[16]);
    bool (*set_rng_state)(int dev, const uint8_t in[16]);

    /* matmul precision: TF32 for fp32 GEMMs (off by default, like PyTorch) */
    void (*set_matmul_tf32)(bool on);
    bool (*get_matmul_tf32)(void);
    void (*set_reduced_precision_reduction)(bool fp16, bool bf16);
    /* batched row-major GEMM: C[i] = alpha*op(A[i])*op(B[i]) + beta*C[i]; strides in elements
     * (0 broadcasts). f32, f64, f16, bf16. */
    bool (*gemm_batched)(wk_dtype dt, bool ta, bool tb, int64_t m, int64_t n, int64_t k, double alpha,
                         const void *a, int64_t lda, int64_t stride_a, const void *b, int64_t ldb,
                         int64_t stride_b, double beta, void *c, int64_t ldc, int64_t stride_c, int64_t batch);

    /* events (torch.cuda.Event) on the current device's default stream */
    void *(*event_create)(bool enable_timing);
    bool (*event_record)(void *ev);
    bool (*event_synchronize)(void *ev);
    bool (*event_query)(void *ev);      /* true when completed (errors: false + error set) */
    bool (*event_elapsed_ms)(void *start, void *end, float *ms);
    void (*event_destroy)(void *ev);
    uintptr_t (*current_stream)(int dev); /* 0: the legacy default stream (cuda_stream=0x0) */

    /* torch.cuda.nccl.version(): false (no error) when NCCL is not present */
    bool (*nccl_version)(int *major, int *minor, int *patch);
} wk_cuda_api;

/* The plugin's entry point: fills *api and returns WK_CUDA_INIT_OK when the ABI matches and a
 * driver and a device are usable; otherwise returns the failure class and writes the reason
 * into why. */
enum {
    WK_CUDA_INIT_OK = 0,
    WK_CUDA_INIT_ABI = 1,       /* plugin and core disagree on WK_CUDA_API_VERSION / WK_BACKEND_ABI */
    WK_CUDA_INIT_NO_DRIVER = 2, /* no libcuda / driver too old */
    WK_CUDA_INIT_NO_DEVICE = 3, /* driver fine, zero devices */
    WK_CUDA_INIT_ERROR = 4      /* anything else */
};
typedef int (*wk_cuda_plugin_init_fn)(int api_version, const wk_cuda_host *host, const wk_cuda_api **api,
                                       char *why, size_t why_cap);

/* ---- the loader (core side) */

/* Tries once (later calls return the first answer): finds the plugin ($WICK_CUDA_PLUGIN, else
 * next to the executable, else ../lib/ relative to it), dlopens it, checks the ABI, initialises
 * it and registers its backend. False when CUDA is unusable; wk_cuda_unavailable_reason() says why. */
bool wk_cuda_load(void);
/* True when loaded and at least one device exists (torch.cuda.is_available()). Loads lazily. */
bool wk_cuda_is_available(void);
/* The plugin's API, or NULL (loads lazily). */
const wk_cuda_api *wk_cuda(void);
/* "" when available, else a one-line reason ("no CUDA plugin (looked for ...)", a dlerror
 * text, "CUDA driver: no CUDA-capable device is detected", ...). */
const char *wk_cuda_unavailable_reason(void);
/* For the bindings: true when CUDA is usable, else sets the error PyTorch raises when CUDA is
 * requested and returns false: AssertionError "Torch not compiled with CUDA enabled" when no
 * plugin exists, RuntimeError "Found no NVIDIA driver on your system. ..." when the driver is
 * missing, RuntimeError "No CUDA GPUs are available" when there is no device, otherwise a
 * RuntimeError carrying the reason. */
bool wk_cuda_require(void);
/* True when no plugin file was found: wick then behaves as a PyTorch built without CUDA. */
bool wk_cuda_plugin_missing(void);
/* Where the loader looked (for messages and tests): the candidate paths, '\n'-separated. */
const char *wk_cuda_search_paths(void);

#ifdef __cplusplus
}
#endif
#endif
