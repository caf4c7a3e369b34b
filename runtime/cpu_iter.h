/* cpu_iter.h — internal: strided N-d iteration for CPU kernels (coalesced dims, rows of the innermost dim). */
#ifndef WK_CPU_ITER_H
#define WK_CPU_ITER_H
#include "tensor.h"

#define WK_ITER_MAX_OPS 4

/* Called once per innermost row: ptrs[i] points at the row start of operand i, strides are
 * byte strides along the row, n is the row length. */
typedef void (*wk_loop_fn)(char **ptrs, const int64_t *strides, int64_t n, void *ctx);

typedef struct wk_iter {
    int nops, ndim;
    int64_t shape[WK_MAX_DIMS];
    int64_t stride[WK_ITER_MAX_OPS][WK_MAX_DIMS]; /* bytes */
    char *base[WK_ITER_MAX_OPS];
    int64_t numel;
} wk_iter;

/* All operands have ops[0]'s shape. reorder=true lets the iterator choose the dim order
 * (elementwise ops); false keeps logical row-major order (order-sensitive consumers). */
void wk_iter_init(wk_iter *it, int nops, const wk_tensor *const *ops, bool reorder);
/* Runs fn over all rows; large iterations are split across threads when parallel. */
void wk_iter_run(const wk_iter *it, wk_loop_fn fn, void *ctx, bool parallel);
/* Convenience: init + run. */
void wk_cpu_foreach(int nops, const wk_tensor *const *ops, wk_loop_fn fn, void *ctx, bool reorder);

/* Parallel for over [0, n) in chunks (single-threaded below the grain). */
void wk_cpu_parallel_for(int64_t n, int64_t grain, void (*fn)(int64_t lo, int64_t hi, void *ctx), void *ctx);
/* Thread count: WICK_NUM_THREADS, else the number of online CPUs, until set (1..64). */
int wk_cpu_num_threads(void);
void wk_cpu_set_num_threads(int n);
/* True on a thread that is running part of a wk_cpu_parallel_for job. */
bool wk_cpu_in_parallel(void);

/* Kernels built twice, plainly and with WK_AVX2_TARGET, pick the second when this is true. */
bool wk_cpu_has_avx2(void);
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define WK_AVX2_TARGET __attribute__((target("avx2")))
#else
#define WK_AVX2_TARGET
#endif

#endif
