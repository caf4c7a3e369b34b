/* alloc.h — PyTorch-compatible caching device allocator over an abstract raw malloc/free (host C, testable on a fake device). */
#ifndef WK_CUDA_ALLOC_H
#define WK_CUDA_ALLOC_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Constants of PyTorch's caching allocator (cuda.md §1). */
#define WK_CALLOC_MIN_BLOCK   512u                  /* every size rounds up to this */
#define WK_CALLOC_SMALL_SIZE  (1u << 20)            /* largest "small pool" request */
#define WK_CALLOC_SMALL_SEG   (2u << 20)            /* small pool segment */
#define WK_CALLOC_LARGE_SEG   (20u << 20)           /* segment for 1 MiB < size < 10 MiB */
#define WK_CALLOC_MIN_LARGE   (10u << 20)           /* from here segments are rounded to 2 MiB */
#define WK_CALLOC_ROUND_LARGE (2u << 20)

/* Raw device memory: what cudaMalloc/cudaFree/cudaMemGetInfo do for the real plugin, and a
 * fake bounded arena in the unit tests. malloc returns WK_CALLOC_RAW_OK, WK_CALLOC_RAW_OOM, or
 * another code (a hard error described by errstr). */
enum { WK_CALLOC_RAW_OK = 0, WK_CALLOC_RAW_OOM = 1 };
typedef struct wk_calloc_raw {
    void *ctx;
    int (*malloc)(void *ctx, size_t n, void **out);
    int (*free)(void *ctx, void *p);
    int (*mem_info)(void *ctx, size_t *free_bytes, size_t *total_bytes);
    /* Memory this process uses on the device (NVML's figure); NULL or nonzero return: total - free. */
    int (*process_used)(void *ctx, size_t *bytes);
    void (*sync)(void *ctx);                     /* may be NULL */
    const char *(*errstr)(void *ctx, int code);  /* may be NULL */
} wk_calloc_raw;

/* Result of wk_calloc_malloc. */
typedef enum wk_calloc_status { WK_CALLOC_OK = 0, WK_CALLOC_OOM, WK_CALLOC_ERROR } wk_calloc_status;

/* One PyTorch Stat: current value, peak, running totals of increases and decreases. */
typedef struct wk_cstat { int64_t current, peak, allocated, freed; } wk_cstat;

enum { WK_CPOOL_ALL = 0, WK_CPOOL_SMALL = 1, WK_CPOOL_LARGE = 2, WK_CPOOL_N = 3 };

/* Everything torch.cuda.memory_stats() reports (the DeviceStats of PyTorch). */
typedef struct wk_calloc_stats {
    wk_cstat allocation[WK_CPOOL_N], segment[WK_CPOOL_N], active[WK_CPOOL_N],
        inactive_split[WK_CPOOL_N], allocated_bytes[WK_CPOOL_N], reserved_bytes[WK_CPOOL_N],
        active_bytes[WK_CPOOL_N], inactive_split_bytes[WK_CPOOL_N], requested_bytes[WK_CPOOL_N];
    wk_cstat oversize_allocations, oversize_segments;
    int64_t num_alloc_retries, num_ooms, num_sync_all_streams, num_device_alloc, num_device_free;
    int64_t max_split_size; /* -1: unlimited (PyTorch's default) */
} wk_calloc_stats;

#define WK_CALLOC_NKEYS 122

typedef struct wk_calloc wk_calloc;

/* A new, empty allocator for one device (the raw interface is copied). NULL when out of host memory. */
wk_calloc *wk_calloc_new(int device, const wk_calloc_raw *raw);
/* Returns every segment to the raw allocator, live blocks included, and frees a. */
void wk_calloc_destroy(wk_calloc *a);

/* Allocates n bytes. n == 0 gives *out = NULL and touches no statistic (as PyTorch).
 * On WK_CALLOC_OOM / WK_CALLOC_ERROR, wk_calloc_error() holds the message (PyTorch's text). */
wk_calloc_status wk_calloc_malloc(wk_calloc *a, size_t n, void **out);
/* Returns a block to the cache; false when p is not a live block of a. NULL is ignored. */
bool wk_calloc_free(wk_calloc *a, void *p);
/* Releases every cached segment that has no block in use (torch.cuda.empty_cache). */
void wk_calloc_empty_cache(wk_calloc *a);
void wk_calloc_reset_peak(wk_calloc *a);        /* reset_peak_memory_stats */
void wk_calloc_reset_accumulated(wk_calloc *a); /* reset_accumulated_memory_stats */
void wk_calloc_get_stats(wk_calloc *a, wk_calloc_stats *out);
const char *wk_calloc_error(const wk_calloc *a);
/* Rounded size of the live block at p (0 when p is not live). */
size_t wk_calloc_block_size(wk_calloc *a, const void *p);

/* torch.cuda.memory_stats(): the 122 (key, value) pairs in PyTorch's sorted order. keys point
 * to static strings. Returns the count written (at most cap). */
int wk_calloc_stats_items(const wk_calloc_stats *s, const char **keys, int64_t *vals, int cap);
/* torch.cuda.memory_summary(device, abbreviated): the table, byte for byte, ending in "\n".
 * snprintf semantics: returns the full length, writes at most cap-1 chars plus NUL. */
size_t wk_calloc_summary(const wk_calloc_stats *s, int device, bool abbreviated, char *buf, size_t cap);
/* c10's format_size(): "512 bytes", "1.95 MiB", "37252.90 GiB". */
void wk_calloc_format_size(uint64_t size, char *buf, size_t cap);

#ifdef __cplusplus
}
#endif
#endif
