/* test_loader.c — DataLoader's worker threads (runtime/loader.c): gathered rows equal to stacked selects, strict order under 1..4 workers, bounded queue, early stop, errors and memory returned. */
#include "rt_util.h"
#include "../../runtime/loader.h"
#include <stdlib.h>

/* Sources covering the copy paths: dense rows, non-dense rows (a transposed view),
 * 1-D, a dtype of each element size, zero-size rows, and the row number itself. */
#define NSRC 6
static wk_tensor *g_src[NSRC];
static int64_t g_rows;

static void make_sources(int64_t rows) {
    g_rows = rows;
    int64_t s0[] = {rows, 3, 5}, s1[] = {rows, 4, 3}, s4[] = {rows, 0, 2};
    g_src[0] = wk_tensor_empty(3, s0, WK_DT_F32, WK_CPU);
    wk_tensor *base = wk_tensor_empty(3, s1, WK_DT_F64, WK_CPU);
    g_src[2] = rt_arange(rows, WK_DT_I64);        /* 1-D: the row number */
    g_src[3] = wk_tensor_empty(2, (int64_t[]){rows, 7}, WK_DT_U8, WK_CPU);
    g_src[4] = wk_tensor_empty(3, s4, WK_DT_F32, WK_CPU);
    g_src[5] = wk_tensor_empty(2, (int64_t[]){rows, 2}, WK_DT_I16, WK_CPU);
    rt_fill_pattern(g_src[0], 1, true);
    rt_fill_pattern(base, 2, true);
    rt_fill_pattern(g_src[3], 3, false);
    rt_fill_pattern(g_src[5], 4, true);
    g_src[1] = wk_tensor_transpose(base, 1, 2);    /* rows of shape [3, 4], strides [1, 3] */
    wk_tensor_decref(base);
}

static void free_sources(void) {
    for (int k = 0; k < NSRC; k++) wk_tensor_decref(g_src[k]);
}

/* out equals torch.stack([src[i] for i in idx]): shape, dtype, contiguity and bytes. */
static bool batch_ok(wk_tensor *const *out, const int64_t *idx, int64_t n) {
    for (int k = 0; k < NSRC; k++) {
        const wk_tensor *o = out[k], *s = g_src[k];
        if (!o || o->dtype != s->dtype || o->ndim != s->ndim || o->shape[0] != n || !wk_tensor_is_contiguous(o))
            return false;
        for (int d = 1; d < s->ndim; d++) if (o->shape[d] != s->shape[d]) return false;
        for (int64_t b = 0; b < n; b++) {
            wk_tensor *want = wk_tensor_select(s, 0, idx[b]), *got = wk_tensor_select(o, 0, b);
            wk_tensor *wc = wk_tensor_contiguous(want);
            size_t bytes = (size_t)wk_tensor_numel(wc) * wk_tensor_elsize(wc);
            bool same = bytes == 0 || memcmp(wk_tensor_data(wc), wk_tensor_data(got), bytes) == 0;
            wk_tensor_decref(wc);
            wk_tensor_decref(want);
            wk_tensor_decref(got);
            if (!same) return false;
        }
    }
    return true;
}

static void release(wk_tensor **out) {
    for (int k = 0; k < NSRC; k++) { wk_tensor_decref(out[k]); out[k] = NULL; }
}

static unsigned g_seed = 12345;
static int64_t rnd(int64_t n) { g_seed = g_seed * 1103515245u + 12345u; return (int64_t)((g_seed >> 8) % (uint64_t)n); }

/* A random batch: n in [1, maxn], indices in [0, rows). */
static int64_t random_batch(int64_t *idx, int64_t maxn) {
    int64_t n = 1 + rnd(maxn);
    for (int64_t i = 0; i < n; i++) idx[i] = rnd(g_rows);
    return n;
}

/* Streams `total` batches through workers/capacity, keeping the queue full; every batch
 * arrives in put order with the right rows. */
static bool stream(int workers, int cap, int total, int64_t maxn, bool check_all) {
    wk_loader *l = wk_loader_new(NSRC, g_src, workers, cap);
    if (!l) return false;
    int64_t (*idx)[256] = calloc((size_t)cap, sizeof *idx), n[64];
    wk_tensor *out[NSRC] = {0};
    bool ok = true;
    int put = 0, got = 0;
    while (ok && got < total) {
        while (put < total && wk_loader_pending(l) < cap) {
            n[put % cap] = random_batch(idx[put % cap], maxn);
            ok = ok && wk_loader_put(l, idx[put % cap], n[put % cap]);
            put++;
        }
        ok = ok && wk_loader_take(l, out, 0, NULL, NULL) == WK_LOADER_OK;
        /* the 1-D source is the row number: the batch's identity */
        ok = ok && out[2] && out[2]->shape[0] == n[got % cap] &&
             memcmp(wk_tensor_data(out[2]), idx[got % cap], (size_t)n[got % cap] * 8) == 0;
        if (ok && (check_all || got % 97 == 0)) ok = batch_ok(out, idx[got % cap], n[got % cap]);
        release(out);
        got++;
    }
    ok = ok && wk_loader_take(l, out, 0, NULL, NULL) == WK_LOADER_EMPTY && wk_loader_pending(l) == 0;
    wk_loader_free(l);
    free(idx);
    return ok;
}

static void ordering(void) {
    bool ok = true;
    for (int w = 1; w <= 4 && ok; w++)
        for (int cap = 1; cap <= 8 && ok; cap *= 2) {
            ok = stream(w, cap, 300, 40, true);
            if (!ok) tap_diag("workers %d capacity %d", w, cap);
        }
    tap_ok(ok, "every batch equals stacked rows, in put order (1..4 workers, capacity 1..8)");
    ok = true;
    for (int w = 1; w <= 4 && ok; w++) ok = stream(w, 2 * w, 3000, 200, false);
    tap_ok(ok, "3000 batches per worker count stream in order");
    tap_ok(stream(16, 3, 200, 8, true), "more workers than queue slots");
}

/* Stops with batches queued, in progress and finished, many times over. */
static void early_stop(void) {
    bool ok = true;
    int64_t idx[256];
    wk_tensor *out[NSRC] = {0};
    for (int rep = 0; rep < 400 && ok; rep++) {
        int workers = 1 + rep % 4, cap = 1 + rep % 7;
        wk_loader *l = wk_loader_new(NSRC, g_src, workers, cap);
        ok = l != NULL;
        for (int i = 0; ok && i < cap; i++) ok = wk_loader_put(l, idx, random_batch(idx, 200));
        for (int i = 0; ok && i < rep % (cap + 1); i++) {
            ok = wk_loader_take(l, out, 0, NULL, NULL) == WK_LOADER_OK;
            release(out);
        }
        wk_loader_free(l);
    }
    tap_ok(ok, "400 loaders stopped early with queued, running and finished batches");
    wk_loader *l = wk_loader_new(NSRC, g_src, 3, 4);
    wk_loader_free(l);
    tap_ok(l != NULL, "a loader freed before any batch");
}

static bool always_stop(void *ctx) { (*(int *)ctx)++; return false; }

/* A take interrupted by its poll leaves the batch pending and intact. */
static void interrupt(void) {
    wk_tensor *big = wk_tensor_empty(2, (int64_t[]){4096, 2048}, WK_DT_F32, WK_CPU), *out[1] = {0};
    rt_fill_pattern(big, 9, true);
    wk_loader *l = wk_loader_new(1, &big, 1, 2);
    int64_t *idx = malloc(sizeof *idx * 8192);
    for (int64_t i = 0; i < 8192; i++) idx[i] = (i * 7919) % 4096;
    int calls = 0;
    bool ok = l && wk_loader_put(l, idx, 8192);
    wk_loader_status st = wk_loader_take(l, out, 0, always_stop, &calls);
    ok = ok && (st == WK_LOADER_OK ? calls == 0 && out[0] : st == WK_LOADER_STOPPED && calls == 1 && !out[0]);
    if (st == WK_LOADER_STOPPED) {
        ok = ok && wk_loader_pending(l) == 1 && wk_loader_take(l, out, 0, NULL, NULL) == WK_LOADER_OK;
        tap_diag("the poll stopped the wait (batch still pending)");
    }
    wk_tensor *row = out[0] ? wk_tensor_select(out[0], 0, 8191) : NULL;
    wk_tensor *want = wk_tensor_select(big, 0, (8191 * 7919) % 4096);
    ok = ok && row && memcmp(wk_tensor_data(row), wk_tensor_data(want), 2048 * 4) == 0;
    tap_ok(ok, "an interrupted take keeps its batch (status %d)", (int)st);
    wk_tensor_decref(row);
    wk_tensor_decref(want);
    wk_tensor_decref(out[0]);
    out[0] = NULL;
    ok = wk_loader_put(l, idx, 8192) && wk_loader_put(l, idx, 10);
    st = wk_loader_take(l, out, 1e-9, NULL, NULL);
    ok = ok && (st == WK_LOADER_OK || (st == WK_LOADER_TIMEOUT && wk_loader_pending(l) == 2));
    wk_tensor_decref(out[0]);
    tap_ok(ok, "a take past its timeout reports it (status %d)", (int)st);
    wk_loader_free(l);   /* with batches still pending */
    free(idx);
    wk_tensor_decref(big);
}

static void errors(void) {
    int64_t idx[3] = {0, 1, 2};
    wk_tensor *out[NSRC];
    wk_loader *l = wk_loader_new(NSRC, g_src, 2, 2);
    tap_ok(l && wk_loader_take(l, out, 0, NULL, NULL) == WK_LOADER_EMPTY, "take with nothing pending");
    bool full = wk_loader_put(l, idx, 3) && wk_loader_put(l, idx, 3) && !wk_loader_put(l, idx, 3);
    tap_ok(full && wk_rt_errkind() == WK_ERR_RUNTIME, "a put beyond capacity fails: %s", wk_rt_errmsg());
    wk_rt_errclear();
    wk_loader_free(l);
    l = wk_loader_new(NSRC, g_src, 1, 1);
    idx[1] = g_rows;
    bool refused = !wk_loader_put(l, idx, 3);
    tap_ok(refused && wk_rt_errkind() == WK_ERR_INDEX && wk_loader_pending(l) == 0,
           "an index out of range is refused: %s", wk_rt_errmsg());
    wk_rt_errclear();
    idx[1] = -1;
    tap_ok(!wk_loader_put(l, idx, 3) && wk_rt_errkind() == WK_ERR_INDEX, "a negative index is refused");
    wk_rt_errclear();
    wk_loader_free(l);
    wk_tensor *bad[2] = {g_src[0], NULL};
    bad[1] = wk_tensor_empty(1, (int64_t[]){g_rows + 1}, WK_DT_F32, WK_CPU);
    tap_ok(!wk_loader_new(2, bad, 1, 1) && wk_rt_errkind() == WK_ERR_VALUE, "sources of different lengths");
    wk_rt_errclear();
    wk_tensor_decref(bad[1]);
    bad[1] = wk_tensor_scalar(wk_scalar_int(1), WK_DT_I64, WK_CPU);
    tap_ok(!wk_loader_new(2, bad, 1, 1) && wk_rt_errkind() == WK_ERR_VALUE, "a 0-dim source");
    wk_rt_errclear();
    wk_tensor_decref(bad[1]);
    tap_ok(!wk_loader_new(NSRC, g_src, 0, 1) && !wk_loader_new(NSRC, g_src, 1, 0), "no workers / no capacity");
    wk_rt_errclear();
}

/* The sources outlive the caller's references; results made on worker threads are freed
 * here; the allocator's count returns to where it was. */
static void lifetime(void) {
    wk_memstats before, after;
    wk_cpu_memory_stats(&before);
    wk_tensor *t = rt_arange(1000, WK_DT_F32), *out[1] = {0};
    wk_loader *l = wk_loader_new(1, &t, 2, 4);
    wk_tensor_decref(t);   /* the loader keeps the storage */
    int64_t idx[2] = {999, 3};
    bool ok = l && wk_loader_put(l, idx, 2) && wk_loader_take(l, out, 0, NULL, NULL) == WK_LOADER_OK;
    ok = ok && rt_at(out[0], 0) == 999 && rt_at(out[0], 1) == 3;
    wk_tensor_decref(out[0]);
    wk_loader_free(l);
    wk_cpu_memory_stats(&after);
    tap_ok(ok, "rows read after the caller dropped its source");
    tap_ok(after.allocated == before.allocated, "allocated bytes back to %lld (now %lld)",
           (long long)before.allocated, (long long)after.allocated);
}

int main(void) {
    make_sources(523);
    wk_memstats before, after;
    wk_cpu_memory_stats(&before);
    ordering();
    early_stop();
    interrupt();
    errors();
    wk_cpu_memory_stats(&after);
    tap_ok(after.allocated == before.allocated, "every batch made by a worker was freed (%lld bytes left)",
           (long long)(after.allocated - before.allocated));
    free_sources();
    lifetime();
    return tap_done_testing();
}
