/* pool.c — per-thread size-class free lists behind wk_pool_alloc / wk_pool_free. */
#include "pool.h"
#include <stdlib.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#define WK_POOL_OFF 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WK_POOL_OFF 1
#endif
#endif

#define GRAIN 64
#define CLASSES (WK_POOL_MAX / GRAIN)
#define KEEP_BYTES (128 * 1024) /* cached bytes per class (64 classes: at most 8 MiB per thread) */

static size_t round_up(size_t size) { return size ? (size + GRAIN - 1) / GRAIN * GRAIN : GRAIN; }

#ifndef WK_POOL_OFF
typedef struct block { struct block *next; } block;
static _Thread_local struct { block *head; int n; } g_lists[CLASSES];
static _Thread_local int64_t g_cached;

void *wk_pool_alloc(size_t size, bool zero) {
    size_t sz = round_up(size);
    void *p = NULL;
    if (sz <= WK_POOL_MAX) {
        size_t c = sz / GRAIN - 1;
        block *b = g_lists[c].head;
        if (b) {
            g_lists[c].head = b->next;
            g_lists[c].n--;
            g_cached -= (int64_t)sz;
            p = b;
        }
    }
    if (!p && !(p = aligned_alloc(GRAIN, sz))) return NULL;
    if (zero) memset(p, 0, size);
    return p;
}

void wk_pool_free(void *p, size_t size) {
    if (!p) return;
    size_t sz = round_up(size);
    if (sz <= WK_POOL_MAX) {
        size_t c = sz / GRAIN - 1;
        if ((int64_t)(g_lists[c].n + 1) * (int64_t)sz <= KEEP_BYTES) {
            block *b = p;
            b->next = g_lists[c].head;
            g_lists[c].head = b;
            g_lists[c].n++;
            g_cached += (int64_t)sz;
            return;
        }
    }
    free(p);
}

int64_t wk_pool_cached_bytes(void) { return g_cached; }
#else
void *wk_pool_alloc(size_t size, bool zero) {
    void *p = aligned_alloc(GRAIN, round_up(size));
    if (p && zero) memset(p, 0, size);
    return p;
}

void wk_pool_free(void *p, size_t size) {
    (void)size;
    free(p);
}

int64_t wk_pool_cached_bytes(void) { return 0; }
#endif
