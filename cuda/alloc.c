/* alloc.c — the caching allocator: PyTorch's pools, rounding, split/merge, best fit, OOM retry and statistics. */
#include "alloc.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct block {
    uintptr_t ptr;
    size_t size, requested;
    bool allocated, small;
    struct block *prev, *next; /* neighbours inside one segment */
    struct block *hnext;       /* chain of the live-block hash */
} block;

/* Free blocks of one pool, sorted by (size, address): the first fit is the best fit. */
typedef struct pool {
    block **v;
    size_t n, cap;
    bool small;
} pool;

struct wk_calloc {
    int device;
    wk_calloc_raw raw;
    pthread_mutex_t mu;
    pool small, large;
    block **live;  /* hash of allocated blocks by address */
    size_t nbuckets, nlive;
    wk_calloc_stats st;
    char err[1024];
};

/* ------------------------------------------------------------------ statistics */

static void stat_inc(wk_cstat *s, int64_t n) {
    s->current += n;
    if (s->current > s->peak) s->peak = s->current;
    s->allocated += n;
}

static void stat_dec(wk_cstat *s, int64_t n) {
    s->current -= n;
    s->freed += n;
}

/* Applies a change to the "all" entry and the entry of the block's pool. */
static void stat_pool(wk_cstat *arr, bool small, int64_t n) {
    int p = small ? WK_CPOOL_SMALL : WK_CPOOL_LARGE;
    if (n >= 0) { stat_inc(&arr[WK_CPOOL_ALL], n); stat_inc(&arr[p], n); }
    else { stat_dec(&arr[WK_CPOOL_ALL], -n); stat_dec(&arr[p], -n); }
}

static void stat_reset_peak(wk_cstat *s) { s->peak = s->current; }
static void stat_reset_acc(wk_cstat *s) { s->allocated = 0; s->freed = 0; }

/* ------------------------------------------------------------------ pools */

static bool block_less(const block *a, size_t size, uintptr_t ptr) {
    return a->size < size || (a->size == size && a->ptr < ptr);
}

static size_t pool_lower_bound(const pool *p, size_t size, uintptr_t ptr) {
    size_t lo = 0, hi = p->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (block_less(p->v[mid], size, ptr)) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static bool pool_insert(pool *p, block *b) {
    if (p->n == p->cap) {
        size_t nc = p->cap ? p->cap * 2 : 64;
        block **nv = realloc(p->v, nc * sizeof *nv);
        if (!nv) return false;
        p->v = nv;
        p->cap = nc;
    }
    size_t i = pool_lower_bound(p, b->size, b->ptr);
    memmove(p->v + i + 1, p->v + i, (p->n - i) * sizeof *p->v);
    p->v[i] = b;
    p->n++;
    return true;
}

static void pool_remove_at(pool *p, size_t i) {
    memmove(p->v + i, p->v + i + 1, (p->n - i - 1) * sizeof *p->v);
    p->n--;
}

static void pool_remove(pool *p, const block *b) {
    size_t i = pool_lower_bound(p, b->size, b->ptr);
    if (i < p->n && p->v[i] == b) pool_remove_at(p, i);
}

static pool *pool_of(wk_calloc *a, const block *b) { return b->small ? &a->small : &a->large; }

/* ------------------------------------------------------------------ live-block hash */

static size_t hash_ptr(uintptr_t p, size_t nb) { return (size_t)((p >> 9) * 0x9E3779B97F4A7C15ull) & (nb - 1); }

static bool live_grow(wk_calloc *a) {
    size_t nb = a->nbuckets ? a->nbuckets * 2 : 1024;
    block **nl = calloc(nb, sizeof *nl);
    if (!nl) return false;
    for (size_t i = 0; i < a->nbuckets; i++) {
        for (block *b = a->live[i], *nx; b; b = nx) {
            nx = b->hnext;
            size_t h = hash_ptr(b->ptr, nb);
            b->hnext = nl[h];
            nl[h] = b;
        }
    }
    free(a->live);
    a->live = nl;
    a->nbuckets = nb;
    return true;
}

static bool live_add(wk_calloc *a, block *b) {
    if (a->nlive >= a->nbuckets && !live_grow(a)) return false;
    size_t h = hash_ptr(b->ptr, a->nbuckets);
    b->hnext = a->live[h];
    a->live[h] = b;
    a->nlive++;
    return true;
}

static block *live_find(wk_calloc *a, uintptr_t p, bool remove) {
    if (!a->nbuckets) return NULL;
    block **pp = &a->live[hash_ptr(p, a->nbuckets)];
    for (; *pp; pp = &(*pp)->hnext) {
        block *b = *pp;
        if (b->ptr != p) continue;
        if (remove) { *pp = b->hnext; a->nlive--; }
        return b;
    }
    return NULL;
}

/* ------------------------------------------------------------------ sizes */

/* Sizes no device can hold stay as they are instead of wrapping around in the rounding
 * (the raw malloc then fails and the request ends as an ordinary OOM). */
#define WK_CALLOC_HUGE ((size_t)1 << 62)

static size_t round_size(size_t n) {
    if (n < WK_CALLOC_MIN_BLOCK) return WK_CALLOC_MIN_BLOCK;
    if (n > WK_CALLOC_HUGE) return n;
    return (n + WK_CALLOC_MIN_BLOCK - 1) / WK_CALLOC_MIN_BLOCK * WK_CALLOC_MIN_BLOCK;
}

static size_t allocation_size(size_t size) {
    if (size <= WK_CALLOC_SMALL_SIZE) return WK_CALLOC_SMALL_SEG;
    if (size < WK_CALLOC_MIN_LARGE) return WK_CALLOC_LARGE_SEG;
    if (size > WK_CALLOC_HUGE) return size;
    return (size + WK_CALLOC_ROUND_LARGE - 1) / WK_CALLOC_ROUND_LARGE * WK_CALLOC_ROUND_LARGE;
}

static bool is_split(const block *b) { return b->prev || b->next; }

static bool should_split(const block *b, size_t size) {
    size_t rem = b->size - size;
    return b->small ? rem >= WK_CALLOC_MIN_BLOCK : rem > WK_CALLOC_SMALL_SIZE;
}

/* ------------------------------------------------------------------ life cycle */

wk_calloc *wk_calloc_new(int device, const wk_calloc_raw *raw) {
    wk_calloc *a = calloc(1, sizeof *a);
    if (!a) return NULL;
    a->device = device;
    a->raw = *raw;
    a->small.small = true;
    a->st.max_split_size = -1;
    pthread_mutex_init(&a->mu, NULL);
    return a;
}

static void free_segment_list(wk_calloc *a, block *b) {
    if (!b->prev) a->raw.free(a->raw.ctx, (void *)b->ptr);
}

void wk_calloc_destroy(wk_calloc *a) {
    if (!a) return;
    pool *pools[2] = {&a->small, &a->large};
    for (int k = 0; k < 2; k++) {
        for (size_t i = 0; i < pools[k]->n; i++) { free_segment_list(a, pools[k]->v[i]); free(pools[k]->v[i]); }
        free(pools[k]->v);
    }
    for (size_t i = 0; i < a->nbuckets; i++)
        for (block *b = a->live[i], *nx; b; b = nx) { nx = b->hnext; free_segment_list(a, b); free(b); }
    free(a->live);
    pthread_mutex_destroy(&a->mu);
    free(a);
}

/* ------------------------------------------------------------------ segments */

static const char *raw_errstr(wk_calloc *a, int code) {
    const char *s = a->raw.errstr ? a->raw.errstr(a->raw.ctx, code) : NULL;
    return s ? s : "unknown error";
}

/* cudaMalloc of a new segment; the block is returned unpooled (it is about to be used). */
static int alloc_segment(wk_calloc *a, size_t alloc_size, bool small, bool retry, block **out) {
    if (retry) a->st.num_alloc_retries++;
    void *p = NULL;
    int rc = a->raw.malloc(a->raw.ctx, alloc_size, &p);
    if (rc != WK_CALLOC_RAW_OK) return rc;
    block *b = calloc(1, sizeof *b);
    if (!b) { a->raw.free(a->raw.ctx, p); return WK_CALLOC_RAW_OOM; }
    b->ptr = (uintptr_t)p;
    b->size = alloc_size;
    b->small = small;
    stat_pool(a->st.segment, small, 1);
    stat_pool(a->st.reserved_bytes, small, (int64_t)alloc_size);
    a->st.num_device_alloc++;
    *out = b;
    return WK_CALLOC_RAW_OK;
}

static void release_segment(wk_calloc *a, pool *p, size_t i) {
    block *b = p->v[i];
    a->st.num_device_free++;
    a->raw.free(a->raw.ctx, (void *)b->ptr);
    stat_pool(a->st.segment, b->small, -1);
    stat_pool(a->st.reserved_bytes, b->small, -(int64_t)b->size);
    pool_remove_at(p, i);
    free(b);
}

/* Frees every cached segment that is a single free block (PyTorch's release_cached_blocks). */
static void release_cached(wk_calloc *a) {
    a->st.num_sync_all_streams++;
    if (a->raw.sync) a->raw.sync(a->raw.ctx);
    pool *pools[2] = {&a->large, &a->small};
    for (int k = 0; k < 2; k++) {
        pool *p = pools[k];
        for (size_t i = 0; i < p->n;) {
            if (!is_split(p->v[i])) release_segment(a, p, i);
            else i++;
        }
    }
}

/* ------------------------------------------------------------------ malloc / free */

static block *take_free_block(pool *p, size_t size) {
    size_t i = pool_lower_bound(p, size, 0);
    if (i == p->n) return NULL;
    block *b = p->v[i];
    pool_remove_at(p, i);
    return b;
}

static void format_oom(wk_calloc *a, size_t alloc_size) {
    size_t fr = 0, tot = 0;
    if (!a->raw.mem_info || a->raw.mem_info(a->raw.ctx, &fr, &tot) != 0) fr = tot = 0;
    int64_t al = a->st.allocated_bytes[WK_CPOOL_ALL].current;
    int64_t rs = a->st.reserved_bytes[WK_CPOOL_ALL].current;
    char s_req[64], s_tot[64], s_free[64], s_use[64], s_al[64], s_un[64];
    wk_calloc_format_size(alloc_size, s_req, sizeof s_req);
    wk_calloc_format_size(tot, s_tot, sizeof s_tot);
    wk_calloc_format_size(fr, s_free, sizeof s_free);
    size_t used = tot - fr;
    if (a->raw.process_used && a->raw.process_used(a->raw.ctx, &used) != 0) used = tot - fr;
    wk_calloc_format_size(used, s_use, sizeof s_use);
    wk_calloc_format_size((uint64_t)al, s_al, sizeof s_al);
    wk_calloc_format_size((uint64_t)(rs - al), s_un, sizeof s_un);
    snprintf(a->err, sizeof a->err,
             "CUDA out of memory. Tried to allocate %s. GPU %d has a total capacity of %s of which %s is free. "
             "Including non-PyTorch memory, this process has %s memory in use. Of the allocated memory %s is "
             "allocated by PyTorch, and %s is reserved by PyTorch but unallocated. If reserved but unallocated "
             "memory is large try setting PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True to avoid fragmentation.  "
             "See documentation for Memory Management  "
             "(https://docs.pytorch.org/docs/stable/notes/cuda.html#optimizing-memory-usage-with-pytorch-cuda-alloc-conf)",
             s_req, a->device, s_tot, s_free, s_use, s_al, s_un);
}

/* Gets a block of at least size bytes: cached best fit, else a new segment, else free the
 * cache and retry once. */
static wk_calloc_status find_block(wk_calloc *a, size_t size, bool small, block **out) {
    pool *p = small ? &a->small : &a->large;
    if ((*out = take_free_block(p, size))) return WK_CALLOC_OK;
    size_t alloc_size = allocation_size(size);
    int rc = alloc_segment(a, alloc_size, small, false, out);
    if (rc == WK_CALLOC_RAW_OOM) {
        release_cached(a);
        rc = alloc_segment(a, alloc_size, small, true, out);
    }
    if (rc == WK_CALLOC_RAW_OK) return WK_CALLOC_OK;
    if (rc == WK_CALLOC_RAW_OOM) {
        a->st.num_ooms++;
        format_oom(a, alloc_size);
        return WK_CALLOC_OOM;
    }
    snprintf(a->err, sizeof a->err, "CUDA error: %s", raw_errstr(a, rc));
    return WK_CALLOC_ERROR;
}

/* Carves size bytes off the front of b when the remainder is worth keeping (alloc_found_block). */
static bool split_block(wk_calloc *a, block *b, size_t size) {
    bool already = is_split(b);
    block *rem = calloc(1, sizeof *rem);
    if (!rem) return false;
    rem->ptr = b->ptr + size;
    rem->size = b->size - size;
    rem->small = b->small;
    rem->prev = b;
    rem->next = b->next;
    if (b->next) b->next->prev = rem;
    b->next = rem;
    b->size = size;
    if (!pool_insert(pool_of(a, rem), rem)) { /* undo */
        b->next = rem->next;
        if (rem->next) rem->next->prev = b;
        b->size += rem->size;
        free(rem);
        return false;
    }
    if (already) stat_pool(a->st.inactive_split_bytes, b->small, -(int64_t)size);
    else {
        stat_pool(a->st.inactive_split_bytes, b->small, (int64_t)rem->size);
        stat_pool(a->st.inactive_split, b->small, 1);
    }
    return true;
}

static void activate(wk_calloc *a, block *b, size_t orig) {
    b->allocated = true;
    b->requested = orig;
    stat_pool(a->st.allocation, b->small, 1);
    stat_pool(a->st.allocated_bytes, b->small, (int64_t)b->size);
    stat_pool(a->st.active, b->small, 1);
    stat_pool(a->st.active_bytes, b->small, (int64_t)b->size);
    stat_pool(a->st.requested_bytes, b->small, (int64_t)orig);
}

static void return_to_pool(wk_calloc *a, block *b);

wk_calloc_status wk_calloc_malloc(wk_calloc *a, size_t n, void **out) {
    *out = NULL;
    if (n == 0) return WK_CALLOC_OK;
    size_t size = round_size(n);
    bool small = size <= WK_CALLOC_SMALL_SIZE;
    pthread_mutex_lock(&a->mu);
    block *b = NULL;
    wk_calloc_status rc = find_block(a, size, small, &b);
    if (rc == WK_CALLOC_OK) {
        bool was_split = is_split(b);
        bool ok = true;
        if (should_split(b, size)) ok = split_block(a, b, size);
        else if (was_split) {
            stat_pool(a->st.inactive_split_bytes, b->small, -(int64_t)b->size);
            stat_pool(a->st.inactive_split, b->small, -1);
        }
        if (ok) ok = live_add(a, b);
        if (ok) {
            activate(a, b, n);
            *out = (void *)b->ptr;
        } else {
            b->allocated = false; /* host memory ran out: give the block back untouched */
            if (!pool_insert(pool_of(a, b), b)) free(b);
            snprintf(a->err, sizeof a->err, "out of host memory in the CUDA caching allocator");
            rc = WK_CALLOC_ERROR;
        }
    }
    pthread_mutex_unlock(&a->mu);
    return rc;
}

/* Merges src into dst when src is free; returns the bytes absorbed (try_merge_blocks). */
static size_t merge(wk_calloc *a, block *dst, block *src) {
    if (!src || src->allocated) return 0;
    pool_remove(pool_of(a, src), src);
    if (dst->prev == src) {
        dst->ptr = src->ptr;
        dst->prev = src->prev;
        if (dst->prev) dst->prev->next = dst;
    } else {
        dst->next = src->next;
        if (dst->next) dst->next->prev = dst;
    }
    size_t sz = src->size;
    dst->size += sz;
    free(src);
    return sz;
}

/* free_block: coalesce with free neighbours, pool the result, update the split/active stats. */
static void return_to_pool(wk_calloc *a, block *b) {
    size_t orig = b->size, req = b->requested;
    int64_t dblocks = 0, dbytes = 0;
    block *cands[2] = {b->prev, b->next};
    for (int i = 0; i < 2; i++) {
        size_t s = merge(a, b, cands[i]);
        if (s) { dblocks--; dbytes -= (int64_t)s; }
    }
    if (!pool_insert(pool_of(a, b), b)) {
        /* cannot track it any more: leak the device block rather than corrupt the pools */
        snprintf(a->err, sizeof a->err, "out of host memory in the CUDA caching allocator");
    }
    if (is_split(b)) { dblocks++; dbytes += (int64_t)b->size; }
    if (dblocks) stat_pool(a->st.inactive_split, b->small, dblocks);
    if (dbytes) stat_pool(a->st.inactive_split_bytes, b->small, dbytes);
    stat_pool(a->st.active, b->small, -1);
    stat_pool(a->st.active_bytes, b->small, -(int64_t)orig);
    stat_pool(a->st.requested_bytes, b->small, -(int64_t)req);
}

bool wk_calloc_free(wk_calloc *a, void *p) {
    if (!p) return true;
    pthread_mutex_lock(&a->mu);
    block *b = live_find(a, (uintptr_t)p, true);
    if (b) {
        b->allocated = false;
        stat_pool(a->st.allocation, b->small, -1);
        stat_pool(a->st.allocated_bytes, b->small, -(int64_t)b->size);
        return_to_pool(a, b);
    }
    pthread_mutex_unlock(&a->mu);
    return b != NULL;
}

size_t wk_calloc_block_size(wk_calloc *a, const void *p) {
    pthread_mutex_lock(&a->mu);
    block *b = live_find(a, (uintptr_t)p, false);
    size_t s = b ? b->size : 0;
    pthread_mutex_unlock(&a->mu);
    return s;
}

void wk_calloc_empty_cache(wk_calloc *a) {
    pthread_mutex_lock(&a->mu);
    release_cached(a);
    pthread_mutex_unlock(&a->mu);
}

/* Applies f to every Stat of s. */
static void each_stat(wk_calloc_stats *s, void (*f)(wk_cstat *)) {
    wk_cstat *arrays[] = {s->allocation, s->segment, s->active, s->inactive_split, s->allocated_bytes,
                          s->reserved_bytes, s->active_bytes, s->inactive_split_bytes, s->requested_bytes};
    for (size_t i = 0; i < sizeof arrays / sizeof *arrays; i++)
        for (int p = 0; p < WK_CPOOL_N; p++) f(&arrays[i][p]);
    f(&s->oversize_allocations);
    f(&s->oversize_segments);
}

void wk_calloc_reset_peak(wk_calloc *a) {
    pthread_mutex_lock(&a->mu);
    each_stat(&a->st, stat_reset_peak);
    pthread_mutex_unlock(&a->mu);
}

void wk_calloc_reset_accumulated(wk_calloc *a) {
    pthread_mutex_lock(&a->mu);
    each_stat(&a->st, stat_reset_acc);
    a->st.num_alloc_retries = a->st.num_ooms = a->st.num_sync_all_streams = 0;
    a->st.num_device_alloc = a->st.num_device_free = 0;
    pthread_mutex_unlock(&a->mu);
}

void wk_calloc_get_stats(wk_calloc *a, wk_calloc_stats *out) {
    pthread_mutex_lock(&a->mu);
    *out = a->st;
    pthread_mutex_unlock(&a->mu);
}

const char *wk_calloc_error(const wk_calloc *a) { return a->err; }
