/* pool.c — per-thread size-class free lists behind wk_pool_alloc / wk_pool_free, and the process-wide large-block cache. */
#include "pool.h"
#include <pthread.h>
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

/* ------------------------------------------------------------------ large blocks */

#define PAGE 4096
#define BIG_SLOTS 32

/* Rounds up to a multiple of max(PAGE, 2^floor(log2(size)) / 8). */
static size_t big_class(size_t size) {
    size_t g = PAGE;
    while (g * 16 <= size) g *= 2;
    return (size + g - 1) / g * g;
}

#ifndef WK_POOL_OFF
static struct {
    pthread_mutex_t mu;
    struct { void *p; size_t sz; } slot[BIG_SLOTS]; /* oldest first */
    int n;
    int64_t bytes;
} g_big = {PTHREAD_MUTEX_INITIALIZER, {{0, 0}}, 0, 0};

static void big_remove(int i) {
    g_big.bytes -= (int64_t)g_big.slot[i].sz;
    for (int k = i + 1; k < g_big.n; k++) g_big.slot[k - 1] = g_big.slot[k];
    g_big.n--;
}

void *wk_pool_big_alloc(size_t size) {
    size_t sz = big_class(size);
    void *p = NULL;
    pthread_mutex_lock(&g_big.mu);
    for (int i = g_big.n - 1; i >= 0; i--) /* newest first: its pages are the warmest */
        if (g_big.slot[i].sz == sz) { p = g_big.slot[i].p; big_remove(i); break; }
    pthread_mutex_unlock(&g_big.mu);
    return p ? p : aligned_alloc(GRAIN, sz);
}

void wk_pool_big_free(void *p, size_t size) {
    if (!p) return;
    size_t sz = big_class(size);
    if ((int64_t)sz > WK_POOL_BIG_KEEP) { free(p); return; }
    void *evict[BIG_SLOTS + 1];
    int ne = 0;
    pthread_mutex_lock(&g_big.mu);
    while (g_big.n > 0 && (g_big.n == BIG_SLOTS || g_big.bytes + (int64_t)sz > WK_POOL_BIG_KEEP)) {
        evict[ne++] = g_big.slot[0].p;
        big_remove(0);
    }
    g_big.slot[g_big.n].p = p;
    g_big.slot[g_big.n].sz = sz;
    g_big.n++;
    g_big.bytes += (int64_t)sz;
    pthread_mutex_unlock(&g_big.mu);
    for (int i = 0; i < ne; i++) free(evict[i]);
}

int64_t wk_pool_big_cached(bool release) {
    void *evict[BIG_SLOTS];
    int ne = 0;
    pthread_mutex_lock(&g_big.mu);
    int64_t bytes = g_big.bytes;
    if (release) {
        while (g_big.n > 0) { evict[ne++] = g_big.slot[0].p; big_remove(0); }
    }
    pthread_mutex_unlock(&g_big.mu);
    for (int i = 0; i < ne; i++) free(evict[i]);
    return bytes;
}
#else
void *wk_pool_big_alloc(size_t size) { return aligned_alloc(GRAIN, big_class(size)); }
void wk_pool_big_free(void *p, size_t size) { (void)size; free(p); }
int64_t wk_pool_big_cached(bool release) { (void)release; return 0; }
#endif
