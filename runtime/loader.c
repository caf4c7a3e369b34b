/* loader.c — DataLoader's worker threads: rows of CPU tensors gathered into new contiguous batches by pthreads, delivered in put order through a bounded ring. */
#include "loader.h"
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A snapshot of one source taken on the caller's thread: workers read only this. */
typedef struct {
    wk_storage *storage;   /* a reference held until wk_loader_free */
    const char *base;      /* element (0, ..., 0) */
    int ndim;
    int64_t shape[WK_MAX_DIMS], stride[WK_MAX_DIMS];
    wk_dtype dtype;
    size_t es;
    bool row_dense;        /* one row (t[i]) is contiguous: copied with one memcpy */
    size_t row_bytes;
} ld_src;

enum { SLOT_FREE, SLOT_QUEUED, SLOT_BUSY, SLOT_DONE };

typedef struct {
    int state;
    int64_t *idx, n;
    wk_tensor **out;       /* nsrc results (partial when kind is set) */
    wk_errkind kind;       /* WK_ERR_NONE when the batch was made */
    char msg[256];
} ld_slot;

struct wk_loader {
    pthread_mutex_t mu;
    pthread_cond_t work, done;   /* work: a batch was queued or stop; done: a batch finished */
    int nsrc, cap, nthreads;
    ld_src *src;
    ld_slot *slots;              /* batch number s lives in slots[s % cap] */
    int64_t put_seq, claim_seq, take_seq;
    bool stop;
    pthread_t *threads;
};

/* ------------------------------------------------------------------ gathering rows */

static void copy_elems(char *dst, const char *src, int64_t n, int64_t step, size_t es) {
    switch (es) {
    case 1: for (int64_t i = 0; i < n; i++) dst[i] = src[i * step]; break;
    case 2: for (int64_t i = 0; i < n; i++) memcpy(dst + 2 * i, src + i * step, 2); break;
    case 4: for (int64_t i = 0; i < n; i++) memcpy(dst + 4 * i, src + i * step, 4); break;
    case 8: for (int64_t i = 0; i < n; i++) memcpy(dst + 8 * i, src + i * step, 8); break;
    default: for (int64_t i = 0; i < n; i++) memcpy(dst + es * (size_t)i, src + i * step, es); break;
    }
}

/* Copies row `row` (t[row]) of a source whose rows are not contiguous, innermost dim by
 * innermost dim, into dst (row-major). */
static void copy_strided_row(const ld_src *s, char *dst, const char *row) {
    int nd = s->ndim - 1;
    const int64_t *sh = s->shape + 1, *st = s->stride + 1;
    int64_t inner = sh[nd - 1], step = st[nd - 1] * (int64_t)s->es, idx[WK_MAX_DIMS] = {0};
    int64_t off = 0;
    for (;;) {
        copy_elems(dst, row + off, inner, step, s->es);
        dst += (size_t)inner * s->es;
        int d = nd - 2;
        for (; d >= 0; d--) {
            off += st[d] * (int64_t)s->es;
            if (++idx[d] < sh[d]) break;
            off -= idx[d] * st[d] * (int64_t)s->es;
            idx[d] = 0;
        }
        if (d < 0) return;
    }
}

/* The batch of slot s for source k; false with the runtime error set (out of memory). */
static bool gather_one(const ld_src *s, const ld_slot *slot, wk_tensor **out) {
    int64_t shape[WK_MAX_DIMS];
    memcpy(shape, s->shape, sizeof shape);
    shape[0] = slot->n;
    wk_tensor *t = wk_tensor_empty(s->ndim, shape, s->dtype, WK_CPU);
    if (!t) return false;
    *out = t;
    char *dst = wk_tensor_data(t);
    for (int64_t b = 0; b < slot->n; b++, dst += s->row_bytes) {
        const char *row = s->base + slot->idx[b] * s->stride[0] * (int64_t)s->es;
        if (s->row_dense) memcpy(dst, row, s->row_bytes);
        else copy_strided_row(s, dst, row);
    }
    return true;
}

static void gather_batch(const wk_loader *l, ld_slot *slot) {
    slot->kind = WK_ERR_NONE;
    for (int k = 0; k < l->nsrc; k++) {
        if (gather_one(&l->src[k], slot, &slot->out[k])) continue;
        slot->kind = wk_rt_errkind() ? wk_rt_errkind() : WK_ERR_RUNTIME;
        snprintf(slot->msg, sizeof slot->msg, "%s", wk_rt_errmsg());
        wk_rt_errclear();
        return;
    }
}

static void *worker_main(void *arg) {
    wk_loader *l = arg;
    pthread_mutex_lock(&l->mu);
    for (;;) {
        while (!l->stop && l->claim_seq == l->put_seq) pthread_cond_wait(&l->work, &l->mu);
        if (l->stop) break;
        ld_slot *slot = &l->slots[l->claim_seq++ % l->cap];
        slot->state = SLOT_BUSY;
        pthread_mutex_unlock(&l->mu);
        gather_batch(l, slot);
        pthread_mutex_lock(&l->mu);
        slot->state = SLOT_DONE;
        pthread_cond_broadcast(&l->done);
    }
    pthread_mutex_unlock(&l->mu);
    return NULL;
}

/* ------------------------------------------------------------------ set-up */

static bool snapshot(ld_src *s, wk_tensor *t, int64_t rows) {
    if (!t || t->storage->device.type != WK_DEV_CPU)
        return wk_rt_err(WK_ERR_VALUE, "loader: every source must be a CPU tensor");
    if (t->ndim < 1 || t->shape[0] != rows)
        return wk_rt_err(WK_ERR_VALUE, "loader: sources must have at least one dimension and equal size(0)");
    s->storage = t->storage;
    s->storage->refcount++;
    s->base = wk_tensor_data(t);
    s->ndim = t->ndim;
    memcpy(s->shape, t->shape, sizeof s->shape);
    memcpy(s->stride, t->stride, sizeof s->stride);
    for (int d = 0; d < t->ndim; d++)   /* never stepped along; may be huge (x[::2**62]) */
        if (t->shape[d] == 1) s->stride[d] = 0;
    s->dtype = t->dtype;
    s->es = wk_dtype_size(t->dtype);
    s->row_dense = true;
    s->row_bytes = s->es;
    int64_t expect = 1;
    for (int d = t->ndim - 1; d >= 1; d--) {
        if (t->shape[d] != 1 && t->stride[d] != expect) s->row_dense = false;
        expect *= t->shape[d];
        s->row_bytes *= (size_t)t->shape[d];
    }
    if (s->row_bytes == 0) s->row_dense = true;
    return true;
}

/* Starts up to nworkers threads with every signal blocked (signals go to the caller). */
static bool start_threads(wk_loader *l, int nworkers) {
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    for (int i = 0; i < nworkers; i++) {
        if (pthread_create(&l->threads[i], NULL, worker_main, l) != 0) break;
        l->nthreads++;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return l->nthreads > 0 || wk_rt_err(WK_ERR_RUNTIME, "loader: could not start a worker thread");
}

static bool init_sync(wk_loader *l) {
    pthread_condattr_t ca;
    if (pthread_condattr_init(&ca) != 0) return false;
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    bool ok = pthread_mutex_init(&l->mu, NULL) == 0;
    ok = ok && pthread_cond_init(&l->work, &ca) == 0;
    ok = ok && pthread_cond_init(&l->done, &ca) == 0;
    pthread_condattr_destroy(&ca);
    return ok;
}

wk_loader *wk_loader_new(int nsrc, wk_tensor *const *src, int nworkers, int capacity) {
    if (nsrc < 1 || nworkers < 1 || capacity < 1) {
        wk_rt_err(WK_ERR_VALUE, "loader: needs at least one source, one worker and capacity 1");
        return NULL;
    }
    if (nworkers > WK_LOADER_MAX_WORKERS) nworkers = WK_LOADER_MAX_WORKERS;
    wk_loader *l = calloc(1, sizeof *l);
    if (!l || !init_sync(l)) { free(l); wk_rt_err(WK_ERR_OOM, "out of memory"); return NULL; }
    l->cap = capacity;
    l->src = calloc((size_t)nsrc, sizeof *l->src);
    l->slots = calloc((size_t)capacity, sizeof *l->slots);
    l->threads = calloc((size_t)nworkers, sizeof *l->threads);
    bool ok = l->src && l->slots && l->threads;
    for (int i = 0; ok && i < capacity; i++)
        ok = (l->slots[i].out = calloc((size_t)nsrc, sizeof(wk_tensor *))) != NULL;
    if (!ok) wk_rt_err(WK_ERR_OOM, "out of memory");
    for (int k = 0; ok && k < nsrc; k++) {
        ok = snapshot(&l->src[k], src[k], src[0] ? src[0]->shape[0] : 0);
        if (ok) l->nsrc++;   /* counts the storages to release */
    }
    if (!ok || !start_threads(l, nworkers)) { wk_loader_free(l); return NULL; }
    return l;
}

/* ------------------------------------------------------------------ the queue */

int64_t wk_loader_rows(const wk_loader *l) { return l->src[0].shape[0]; }

int wk_loader_pending(const wk_loader *l) { return (int)(l->put_seq - l->take_seq); }

bool wk_loader_put(wk_loader *l, const int64_t *idx, int64_t n) {
    if (n < 0) return wk_rt_err(WK_ERR_VALUE, "loader: negative batch size");
    if (l->put_seq - l->take_seq >= l->cap)
        return wk_rt_err(WK_ERR_RUNTIME, "loader: %d batches are already pending", l->cap);
    int64_t rows = wk_loader_rows(l);
    for (int64_t i = 0; i < n; i++)
        if (idx[i] < 0 || idx[i] >= rows)
            return wk_rt_err(WK_ERR_INDEX, "index %lld is out of bounds for dimension 0 with size %lld",
                             (long long)idx[i], (long long)rows);
    int64_t *copy = malloc((size_t)(n ? n : 1) * sizeof *copy);
    if (!copy) return wk_rt_err(WK_ERR_OOM, "out of memory");
    if (n) memcpy(copy, idx, (size_t)n * sizeof *copy);
    pthread_mutex_lock(&l->mu);
    ld_slot *slot = &l->slots[l->put_seq % l->cap];
    slot->idx = copy;
    slot->n = n;
    slot->state = SLOT_QUEUED;
    l->put_seq++;
    pthread_cond_signal(&l->work);
    pthread_mutex_unlock(&l->mu);
    return true;
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void wait_until(wk_loader *l, double t) {
    struct timespec ts;
    ts.tv_sec = (time_t)t;
    ts.tv_nsec = (long)((t - (double)ts.tv_sec) * 1e9);
    if (ts.tv_nsec >= 1000000000L) { ts.tv_sec++; ts.tv_nsec -= 1000000000L; }
    pthread_cond_timedwait(&l->done, &l->mu, &ts);
}

/* Hands the finished slot's tensors to out (or sets its error) and frees the slot. */
static wk_loader_status collect(wk_loader *l, ld_slot *slot, wk_tensor **out) {
    wk_loader_status st = slot->kind == WK_ERR_NONE ? WK_LOADER_OK : WK_LOADER_FAILED;
    for (int k = 0; k < l->nsrc; k++) {
        if (st == WK_LOADER_OK) out[k] = slot->out[k];
        else wk_tensor_decref(slot->out[k]);
        slot->out[k] = NULL;
    }
    if (st == WK_LOADER_FAILED) wk_rt_err(slot->kind, "%s", slot->msg);
    free(slot->idx);
    slot->idx = NULL;
    slot->state = SLOT_FREE;
    l->take_seq++;
    return st;
}

#define POLL_INTERVAL_S 0.02

wk_loader_status wk_loader_take(wk_loader *l, wk_tensor **out, double timeout_s,
                                bool (*poll)(void *ctx), void *ctx) {
    if (l->take_seq == l->put_seq) return WK_LOADER_EMPTY;
    ld_slot *slot = &l->slots[l->take_seq % l->cap];
    double deadline = timeout_s > 0 ? now_s() + timeout_s : 0;
    pthread_mutex_lock(&l->mu);
    while (slot->state != SLOT_DONE) {
        double t = now_s() + POLL_INTERVAL_S;
        wait_until(l, deadline > 0 && deadline < t ? deadline : t);
        if (slot->state == SLOT_DONE) break;
        bool stopped = poll && !poll(ctx);
        if (stopped || (deadline > 0 && now_s() >= deadline)) {
            pthread_mutex_unlock(&l->mu);
            return stopped ? WK_LOADER_STOPPED : WK_LOADER_TIMEOUT;
        }
    }
    pthread_mutex_unlock(&l->mu);
    return collect(l, slot, out);
}

void wk_loader_free(wk_loader *l) {
    if (!l) return;
    pthread_mutex_lock(&l->mu);
    l->stop = true;
    pthread_cond_broadcast(&l->work);
    pthread_mutex_unlock(&l->mu);
    for (int i = 0; i < l->nthreads; i++) pthread_join(l->threads[i], NULL);
    for (int i = 0; l->slots && i < l->cap; i++) {
        for (int k = 0; l->slots[i].out && k < l->nsrc; k++) wk_tensor_decref(l->slots[i].out[k]);
        free(l->slots[i].out);
        free(l->slots[i].idx);
    }
    for (int k = 0; k < l->nsrc; k++) wk_storage_decref(l->src[k].storage);
    pthread_cond_destroy(&l->work);
    pthread_cond_destroy(&l->done);
    pthread_mutex_destroy(&l->mu);
    free(l->threads);
    free(l->slots);
    free(l->src);
    free(l);
}
