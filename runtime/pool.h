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

#endif
