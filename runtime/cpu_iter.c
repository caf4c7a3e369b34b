/* cpu_iter.c — strided iteration with dimension reordering/coalescing, and a persistent worker pool behind wk_cpu_parallel_for. */
#include "cpu_iter.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Should dim a be iterated outside of dim b?  Decided by the first operand whose strides
 * differ and are both non-zero (like TensorIterator), else keep the logical order. */
static bool outer_before(const wk_iter *it, int a, int b) {
    for (int k = 0; k < it->nops; k++) {
        int64_t sa = it->stride[k][a], sb = it->stride[k][b];
        if (sa == 0 || sb == 0 || sa == sb) continue;
        return (sa < 0 ? -sa : sa) > (sb < 0 ? -sb : sb);
    }
    return a < b;
}

static void permute_dims(wk_iter *it, const int *perm) {
    int64_t shape[WK_MAX_DIMS], stride[WK_ITER_MAX_OPS][WK_MAX_DIMS];
    memcpy(shape, it->shape, sizeof shape);
    memcpy(stride, it->stride, sizeof stride);
    for (int i = 0; i < it->ndim; i++) {
        it->shape[i] = shape[perm[i]];
        for (int k = 0; k < it->nops; k++) it->stride[k][i] = stride[k][perm[i]];
    }
}

static void coalesce(wk_iter *it) {
    int n = 0;
    for (int i = 0; i < it->ndim; i++) { /* drop size-1 dims */
        if (it->shape[i] == 1) continue;
        it->shape[n] = it->shape[i];
        for (int k = 0; k < it->nops; k++) it->stride[k][n] = it->stride[k][i];
        n++;
    }
    int m = 0;
    for (int i = 0; i < n; i++) {
        if (m > 0) {
            bool ok = true;
            for (int k = 0; k < it->nops && ok; k++)
                ok = it->stride[k][m - 1] == it->stride[k][i] * it->shape[i];
            if (ok) {
                it->shape[m - 1] *= it->shape[i];
                for (int k = 0; k < it->nops; k++) it->stride[k][m - 1] = it->stride[k][i];
                continue;
            }
        }
        it->shape[m] = it->shape[i];
        for (int k = 0; k < it->nops; k++) it->stride[k][m] = it->stride[k][i];
        m++;
    }
    it->ndim = m;
}

/* Fast path: every operand is contiguous over ops[0]'s shape or a broadcast scalar (all strides
 * 0), so the iteration is one flat row (what coalescing would give, without its cost). */
static bool init_flat(wk_iter *it, int nops, const wk_tensor *const *ops) {
    const wk_tensor *t0 = ops[0];
    for (int k = 0; k < nops; k++) {
        const wk_tensor *t = ops[k];
        bool zero = true, contig = true;
        int64_t expect = 1;
        for (int d = t0->ndim - 1; d >= 0; d--) {
            zero = zero && t->stride[d] == 0;
            contig = contig && (t0->shape[d] == 1 || t->stride[d] == expect);
            expect *= t0->shape[d];
        }
        if (!zero && !contig) return false;
        it->stride[k][0] = zero ? 0 : (int64_t)wk_dtype_size(t->dtype);
        it->base[k] = wk_tensor_data(t);
    }
    it->nops = nops;
    it->ndim = 1;
    it->numel = wk_tensor_numel(t0);
    it->shape[0] = it->numel;
    return true;
}

void wk_iter_init(wk_iter *it, int nops, const wk_tensor *const *ops, bool reorder) {
    if (init_flat(it, nops, ops)) return;
    const wk_tensor *t0 = ops[0];
    it->nops = nops;
    it->ndim = t0->ndim;
    it->numel = wk_tensor_numel(t0);
    for (int d = 0; d < t0->ndim; d++) it->shape[d] = t0->shape[d];
    for (int k = 0; k < nops; k++) {
        int64_t es = (int64_t)wk_dtype_size(ops[k]->dtype);
        it->base[k] = wk_tensor_data(ops[k]);
        /* wraps only for size-1 dims (x[::2**62]), where the stride is never used */
        for (int d = 0; d < t0->ndim; d++) it->stride[k][d] = (int64_t)((uint64_t)ops[k]->stride[d] * (uint64_t)es);
    }
    if (reorder && it->ndim > 1) {
        int perm[WK_MAX_DIMS];
        for (int i = 0; i < it->ndim; i++) perm[i] = i;
        for (int i = 1; i < it->ndim; i++) {
            int p = perm[i], j = i;
            while (j > 0 && outer_before(it, p, perm[j - 1])) { perm[j] = perm[j - 1]; j--; }
            perm[j] = p;
        }
        permute_dims(it, perm);
    }
    coalesce(it);
}

/* Runs rows [lo, hi) of the outer index space. */
static void run_rows(const wk_iter *it, wk_loop_fn fn, void *ctx, int64_t lo, int64_t hi) {
    int nd = it->ndim;
    int64_t inner = nd ? it->shape[nd - 1] : 1;
    int64_t istr[WK_ITER_MAX_OPS], idx[WK_MAX_DIMS];
    char *ptr[WK_ITER_MAX_OPS];
    for (int k = 0; k < it->nops; k++) istr[k] = nd ? it->stride[k][nd - 1] : 0;
    /* decompose lo into an outer index */
    int64_t r = lo;
    for (int d = nd - 2; d >= 0; d--) { idx[d] = r % it->shape[d]; r /= it->shape[d]; }
    for (int64_t row = lo; row < hi; row++) {
        for (int k = 0; k < it->nops; k++) {
            char *p = it->base[k];
            for (int d = 0; d < nd - 1; d++) p += idx[d] * it->stride[k][d];
            ptr[k] = p;
        }
        fn(ptr, istr, inner, ctx);
        for (int d = nd - 2; d >= 0; d--) {
            if (++idx[d] < it->shape[d]) break;
            idx[d] = 0;
        }
    }
}

typedef struct { const wk_iter *it; wk_loop_fn fn; void *ctx; int64_t piece; } rows_job;

static void rows_chunk(int64_t lo, int64_t hi, void *c) {
    rows_job *j = c;
    run_rows(j->it, j->fn, j->ctx, lo, hi);
}

/* One long 1-D row split into pieces of j->piece elements. */
static void pieces_chunk(int64_t lo, int64_t hi, void *c) {
    rows_job *j = c;
    const wk_iter *it = j->it;
    char *p[WK_ITER_MAX_OPS];
    int64_t st[WK_ITER_MAX_OPS];
    for (int64_t c2 = lo; c2 < hi; c2++) {
        int64_t start = c2 * j->piece, len = it->numel - start < j->piece ? it->numel - start : j->piece;
        for (int k = 0; k < it->nops; k++) { st[k] = it->stride[k][0]; p[k] = it->base[k] + start * st[k]; }
        j->fn(p, st, len, j->ctx);
    }
}

#define PAR_MIN 65536

void wk_iter_run(const wk_iter *it, wk_loop_fn fn, void *ctx, bool parallel) {
    if (it->numel == 0) return;
    int64_t inner = it->ndim ? it->shape[it->ndim - 1] : 1;
    int64_t rows = it->numel / inner;
    rows_job j = {it, fn, ctx, 16384};
    bool par = parallel && it->numel >= PAR_MIN && wk_cpu_num_threads() > 1;
    if (it->ndim == 1 && !par) { /* one flat row: straight to the kernel */
        char *p[WK_ITER_MAX_OPS];
        int64_t st[WK_ITER_MAX_OPS];
        for (int k = 0; k < it->nops; k++) { p[k] = it->base[k]; st[k] = it->stride[k][0]; }
        fn(p, st, it->numel, ctx);
        return;
    }
    if (par) {
        if (it->ndim == 1) {
            wk_cpu_parallel_for((inner + j.piece - 1) / j.piece, 1, pieces_chunk, &j);
            return;
        }
        wk_cpu_parallel_for(rows, 16384 / inner + 1, rows_chunk, &j);
        return;
    }
    run_rows(it, fn, ctx, 0, rows);
}

void wk_cpu_foreach(int nops, const wk_tensor *const *ops, wk_loop_fn fn, void *ctx, bool reorder) {
    wk_iter it;
    wk_iter_init(&it, nops, ops, reorder);
    wk_iter_run(&it, fn, ctx, false);
}

/* ------------------------------------------------------------------ threads */

/* A persistent pool: workers are started lazily (as many as the largest job needed) and wait
 * on a generation counter. A job is split statically: part i runs [i*per, (i+1)*per), part 0
 * on the caller, part i on worker i-1. Nested calls (from inside a job) and calls made while
 * another thread owns the pool run inline. */

#define MAX_THREADS 64
#define SPIN_ROUNDS 4000 /* short busy wait (pause instructions) before sleeping */
#if defined(__x86_64__) || defined(__i386__)
#define CPU_RELAX() __builtin_ia32_pause()
#else
#define CPU_RELAX() ((void)0)
#endif

static _Atomic int g_threads = 0; /* 0 = not decided yet */

int wk_cpu_num_threads(void) {
    int n = atomic_load_explicit(&g_threads, memory_order_relaxed);
    if (n == 0) {
        const char *e = getenv("WICK_NUM_THREADS");
        long v = e && *e ? strtol(e, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
        n = v < 1 ? 1 : v > MAX_THREADS ? MAX_THREADS : (int)v;
        atomic_store(&g_threads, n);
    }
    return n;
}

void wk_cpu_set_num_threads(int n) {
    n = n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : n;
    atomic_store(&g_threads, n);
}

static struct {
    pthread_mutex_t mu, owner; /* mu guards the job and the condition variables; owner: one job at a time */
    pthread_cond_t wake, done;
    int nworkers;
    uint64_t born[MAX_THREADS]; /* the generation current when worker i started: it waits for the next */
    _Atomic uint64_t gen;
    _Atomic int pending;
    struct pool_job_s {
        void (*fn)(int64_t, int64_t, void *);
        void *ctx;
        int64_t n, per;
        int parts;
    } job;
} g_pool = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
            PTHREAD_COND_INITIALIZER, 0, {0}, 0, 0, {NULL, NULL, 0, 0, 0}};

static _Thread_local bool t_in_job;

typedef struct pool_job_s pool_job;

bool wk_cpu_in_parallel(void) { return t_in_job; }

bool wk_cpu_has_avx2(void) {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    static _Atomic int v = -1;
    if (v < 0) { __builtin_cpu_init(); v = __builtin_cpu_supports("avx2") ? 1 : 0; }
    return v;
#else
    return false;
#endif
}

static void run_part(const pool_job *j, int part) {
    int64_t lo = part * j->per, hi = lo + j->per < j->n ? lo + j->per : j->n;
    if (lo < hi) j->fn(lo, hi, j->ctx);
}

static void *pool_worker(void *arg) {
    int id = (int)(intptr_t)arg; /* runs part id + 1 */
    uint64_t seen = g_pool.born[id];
    bool active = false; /* took part in the last job: spin a little for the next one */
    t_in_job = true;
    for (;;) {
        for (int spins = 0; active && atomic_load_explicit(&g_pool.gen, memory_order_acquire) == seen && spins < SPIN_ROUNDS; spins++)
            CPU_RELAX();
        pool_job j; /* a consistent snapshot of the newest job, taken under the lock */
        pthread_mutex_lock(&g_pool.mu);
        while (atomic_load(&g_pool.gen) == seen) pthread_cond_wait(&g_pool.wake, &g_pool.mu);
        seen = atomic_load(&g_pool.gen);
        j = g_pool.job;
        pthread_mutex_unlock(&g_pool.mu);
        active = id + 1 < j.parts;
        if (!active) continue;
        run_part(&j, id + 1);
        if (atomic_fetch_sub(&g_pool.pending, 1) == 1) {
            pthread_mutex_lock(&g_pool.mu);
            pthread_cond_signal(&g_pool.done);
            pthread_mutex_unlock(&g_pool.mu);
        }
    }
    return NULL;
}

/* A forked child has none of the parent's workers: it starts its own. */
static void pool_after_fork(void) {
    pthread_mutex_init(&g_pool.mu, NULL);
    pthread_mutex_init(&g_pool.owner, NULL);
    pthread_cond_init(&g_pool.wake, NULL);
    pthread_cond_init(&g_pool.done, NULL);
    g_pool.nworkers = 0;
    atomic_store(&g_pool.pending, 0);
    t_in_job = false;
}

/* Starts workers until `want` exist; returns how many there are. */
static int pool_grow(int want) {
    static bool hooked;
    if (!hooked && want > 0) hooked = pthread_atfork(NULL, NULL, pool_after_fork) == 0;
    while (g_pool.nworkers < want) {
        g_pool.born[g_pool.nworkers] = atomic_load(&g_pool.gen);
        pthread_t th;
        pthread_attr_t at;
        pthread_attr_init(&at);
        pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
        int rc = pthread_create(&th, &at, pool_worker, (void *)(intptr_t)g_pool.nworkers);
        pthread_attr_destroy(&at);
        if (rc != 0) break;
        g_pool.nworkers++;
    }
    return g_pool.nworkers;
}

void wk_cpu_parallel_for(int64_t n, int64_t grain, void (*fn)(int64_t lo, int64_t hi, void *ctx), void *ctx) {
    if (n <= 0) return;
    int nt = wk_cpu_num_threads();
    if (grain < 1) grain = 1;
    int64_t chunks = (n + grain - 1) / grain;
    if (chunks < nt) nt = (int)chunks;
    if (nt <= 1 || t_in_job || pthread_mutex_trylock(&g_pool.owner) != 0) { fn(0, n, ctx); return; }
    int workers = pool_grow(nt - 1);
    pool_job j = {fn, ctx, n, (n + nt - 1) / nt, workers + 1 < nt ? workers + 1 : nt};
    pthread_mutex_lock(&g_pool.mu);
    g_pool.job = j;
    atomic_store(&g_pool.pending, j.parts - 1);
    atomic_fetch_add_explicit(&g_pool.gen, 1, memory_order_release);
    pthread_cond_broadcast(&g_pool.wake);
    pthread_mutex_unlock(&g_pool.mu);
    t_in_job = true;
    run_part(&j, 0);
    for (int p = j.parts; p < nt; p++) run_part(&j, p); /* parts no worker could take */
    t_in_job = false;
    for (int spins = 0; atomic_load_explicit(&g_pool.pending, memory_order_acquire) > 0 && spins < SPIN_ROUNDS; spins++)
        CPU_RELAX();
    pthread_mutex_lock(&g_pool.mu);
    while (atomic_load(&g_pool.pending) > 0) pthread_cond_wait(&g_pool.done, &g_pool.mu);
    pthread_mutex_unlock(&g_pool.mu);
    pthread_mutex_unlock(&g_pool.owner);
}
