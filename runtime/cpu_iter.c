/* cpu_iter.c — strided iteration with dimension reordering/coalescing, and a small pthread parallel-for. */
#include "cpu_iter.h"
#include <pthread.h>
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
        for (int d = 0; d < t0->ndim; d++) it->stride[k][d] = ops[k]->stride[d] * es;
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

static int g_threads = 0; /* 0 = not decided yet */

int wk_cpu_num_threads(void) {
    if (g_threads == 0) {
        const char *e = getenv("WICK_NUM_THREADS");
        long n = e ? strtol(e, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
        g_threads = n < 1 ? 1 : n > 64 ? 64 : (int)n;
    }
    return g_threads;
}

void wk_cpu_set_num_threads(int n) { g_threads = n < 1 ? 1 : n > 64 ? 64 : n; }

typedef struct {
    void (*fn)(int64_t, int64_t, void *);
    void *ctx;
    int64_t lo, hi;
} pf_task;

static void *pf_thread(void *arg) {
    pf_task *t = arg;
    t->fn(t->lo, t->hi, t->ctx);
    return NULL;
}

void wk_cpu_parallel_for(int64_t n, int64_t grain, void (*fn)(int64_t lo, int64_t hi, void *ctx), void *ctx) {
    int nt = wk_cpu_num_threads();
    if (grain < 1) grain = 1;
    int64_t chunks = (n + grain - 1) / grain;
    if (chunks < nt) nt = (int)chunks;
    if (nt <= 1) { if (n > 0) fn(0, n, ctx); return; }
    pf_task tasks[64];
    pthread_t th[64];
    int64_t per = (n + nt - 1) / nt;
    for (int i = 0; i < nt; i++) {
        tasks[i].fn = fn; tasks[i].ctx = ctx;
        tasks[i].lo = i * per;
        tasks[i].hi = (i + 1) * per < n ? (i + 1) * per : n;
    }
    for (int i = 1; i < nt; i++) {
        if (tasks[i].lo >= tasks[i].hi) continue;
        if (pthread_create(&th[i], NULL, pf_thread, &tasks[i]) != 0) { /* run inline instead */
            fn(tasks[i].lo, tasks[i].hi, ctx);
            tasks[i].hi = tasks[i].lo;
            continue;
        }
    }
    fn(tasks[0].lo, tasks[0].hi, ctx);
    for (int i = 1; i < nt; i++)
        if (tasks[i].lo < tasks[i].hi) pthread_join(th[i], NULL);
}
