/* test_pool.c — the CPU worker pool (coverage, nesting, repeated jobs, thread counts) and the large-block allocator cache with its statistics. */
#include "rt_util.h"
#include "../../runtime/cpu_iter.h"
#include "../../runtime/pool.h"
#include <stdatomic.h>
#include <stdlib.h>

typedef struct {
    _Atomic int *hits;
    _Atomic int calls, nested_ok;
    bool nest;
} cover_ctx;

static void count_inner(int64_t lo, int64_t hi, void *c) {
    cover_ctx *k = c;
    for (int64_t i = lo; i < hi; i++) atomic_fetch_add(&k->hits[i], 1);
}

static void count(int64_t lo, int64_t hi, void *c) {
    cover_ctx *k = c;
    atomic_fetch_add(&k->calls, 1);
    if (!k->nest) { count_inner(lo, hi, c); return; }
    /* a nested call (on a thread inside the job) runs inline over its whole range */
    cover_ctx sub = {k->hits + lo, 0, 0, false};
    wk_cpu_parallel_for(hi - lo, 1, count_inner, &sub);
    if (wk_cpu_in_parallel()) atomic_fetch_add(&k->nested_ok, 1);
}

/* Every index of [0, n) is visited exactly once; at most `threads` calls. */
static bool covers(int threads, int64_t n, int64_t grain, bool nest) {
    wk_cpu_set_num_threads(threads);
    _Atomic int *hits = calloc((size_t)n + 1, sizeof *hits);
    cover_ctx k = {hits, 0, 0, nest};
    wk_cpu_parallel_for(n, grain, count, &k);
    bool ok = k.calls <= threads && (n == 0 || k.calls >= 1) && !wk_cpu_in_parallel();
    if (nest) ok = ok && k.nested_ok == k.calls;
    for (int64_t i = 0; i < n; i++) ok = ok && hits[i] == 1;
    free(hits);
    return ok;
}

static void pool(void) {
    static const int threads[] = {1, 2, 3, 8};
    static const int64_t sizes[] = {0, 1, 7, 100, 10007};
    static const int64_t grains[] = {1, 16, 1000};
    bool ok = true;
    for (size_t t = 0; t < sizeof threads / sizeof *threads; t++)
        for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++)
            for (size_t g = 0; g < sizeof grains / sizeof *grains; g++) {
                bool r = covers(threads[t], sizes[s], grains[g], false);
                if (!r) tap_diag("threads %d n %lld grain %lld", threads[t], (long long)sizes[s], (long long)grains[g]);
                ok = ok && r;
            }
    tap_ok(ok, "parallel_for visits every index once, in at most num_threads calls");
    tap_ok(covers(4, 5000, 1, true), "nested parallel_for runs inline inside a job");
    ok = true;
    for (int rep = 0; rep < 3000 && ok; rep++) ok = covers(1 + rep % 3, 64 + rep % 50, 1, false);
    tap_ok(ok, "3000 back-to-back jobs with changing thread counts");
    wk_cpu_set_num_threads(0);
    tap_ok(wk_cpu_num_threads() == 1, "thread count clamps to 1");
    wk_cpu_set_num_threads(1000);
    tap_ok(wk_cpu_num_threads() == 64, "thread count clamps to 64");
    wk_cpu_set_num_threads(2);
    tap_ok(wk_cpu_num_threads() == 2, "set_num_threads(2)");
}

static void big_cache(void) {
    wk_memstats m0, m1, m2, m3;
    int64_t shape[1] = {4 * 1024 * 1024 + 3};
    wk_cpu_memory_stats(&m0);
    wk_tensor *a = wk_tensor_empty(1, shape, WK_DT_F32, WK_CPU);
    void *pa = wk_tensor_data(a);
    wk_cpu_memory_stats(&m1);
    tap_ok(m1.allocated - m0.allocated == shape[0] * 4, "allocated counts the large block (%lld)",
           (long long)(m1.allocated - m0.allocated));
    wk_tensor_decref(a);
    wk_cpu_memory_stats(&m2);
    int64_t cached = wk_pool_big_cached(false);
    tap_ok(m2.allocated == m0.allocated, "allocated drops back after the free");
    tap_ok(m2.reserved == m2.allocated + cached && m2.peak_reserved >= m2.reserved, "reserved = allocated + cached");
    wk_tensor *b = wk_tensor_empty(1, shape, WK_DT_F32, WK_CPU);
    tap_ok(cached == 0 || wk_tensor_data(b) == pa, "the same size reuses the cached block");
    tap_ok(m2.n_allocs + 1 == (wk_cpu_memory_stats(&m3), m3.n_allocs), "reuse still counts as an allocation");
    wk_tensor_decref(b);
    wk_pool_big_cached(true);
    wk_cpu_memory_stats(&m3);
    tap_ok(m3.reserved == m3.allocated && wk_pool_big_cached(false) == 0, "releasing the cache empties it");
}

int main(void) {
    pool();
    big_cache();
    return tap_done_testing();
}
