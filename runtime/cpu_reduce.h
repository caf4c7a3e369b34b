/* cpu_reduce.h — internal: layout helpers shared by the CPU reductions (cpu_reduce.c) and their contiguous fast paths (cpu_reduce_fast.c). */
#ifndef WK_CPU_REDUCE_H
#define WK_CPU_REDUCE_H
#include "backend.h"

/* Strides of a dense row-major layout (size-1 dims ignored). */
bool wk_cpu_red_row_major(const wk_tensor *t);
/* The input as `outer` x `len` x `inner` (size-1 dims ignored) with the reduced dims in the
 * middle block; false when reduced and kept dims interleave otherwise. */
bool wk_cpu_red_layout(const wk_tensor *a, uint32_t mask, int64_t *outer, int64_t *len, int64_t *inner);
/* max/min/prod/2-norm of a row-major input in PyTorch's order; false when not handled. */
bool wk_cpu_reduce_fast(wk_reduce_op op, wk_tensor *out, const wk_tensor *a, uint32_t mask, double param);
/* max/min with indices and argmax/argmin of a row-major input; false when not handled. */
bool wk_cpu_arg_reduce_fast(wk_argreduce_op op, wk_tensor *values, wk_tensor *indices, const wk_tensor *a, int dim);

#endif
