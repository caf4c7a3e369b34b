/* pool.h — per-thread free lists for the runtime's small blocks (tensors, storages, graph nodes, small CPU buffers). */
#ifndef WK_POOL_H
#define WK_POOL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Blocks up to WK_POOL_MAX bytes come from per-thread lists of 64-byte size classes
 * (64-byte aligned); larger ones from aligned_alloc. A block may be released on another
 * thread (it joins that thread's list). Sanitizer builds bypass the lists so use-after-free
 * is still caught. Returns NULL when out of memory (no error set). */
#define WK_POOL_MAX 4096
void *wk_pool_alloc(size_t size, bool zero);
void wk_pool_free(void *p, size_t size);
/* Bytes held in this thread's lists (reported as reserved-but-unused memory). */
int64_t wk_pool_cached_bytes(void);

/* Large blocks (above WK_POOL_MAX): a process-wide cache of freed blocks, so that a repeated
 * large allocation reuses memory that is already mapped and faulted in instead of going
 * back to mmap/munmap. Sizes are rounded up to a size class (at most 1/8 more); a block is
 * reused only for the same class. The cache holds at most WK_POOL_BIG_KEEP bytes (oldest
 * blocks are released first). Thread-safe. Sanitizer builds do not cache. */
#define WK_POOL_BIG_KEEP ((int64_t)1 << 30)
void *wk_pool_big_alloc(size_t size);
void wk_pool_big_free(void *p, size_t size);
/* Bytes held by the large-block cache; releases them all when `release` is set. */
int64_t wk_pool_big_cached(bool release);

#endif
