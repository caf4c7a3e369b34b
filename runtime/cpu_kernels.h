/* cpu_kernels.h — internal: the CPU backend's kernel entry points (assembled into the vtable in cpu_backend.c). */
#ifndef WK_CPU_KERNELS_H
#define WK_CPU_KERNELS_H
#include "backend.h"
#include "rng.h"

bool wk_cpu_unary(wk_unary_op op, wk_tensor *out, const wk_tensor *a, const double *params);
bool wk_cpu_binary(wk_binary_op op, wk_tensor *out, const wk_tensor *a, const wk_tensor *b, double alpha);
bool wk_cpu_ternary(wk_ternary_op op, wk_tensor *out, const wk_tensor *a, const wk_tensor *b,
                    const wk_tensor *c, double value);
bool wk_cpu_reduce(wk_reduce_op op, wk_tensor *out, const wk_tensor *a, uint32_t dims, double param);
bool wk_cpu_arg_reduce(wk_argreduce_op op, wk_tensor *values, wk_tensor *indices, const wk_tensor *a, int dim);
bool wk_cpu_scan(wk_scan_op op, wk_tensor *out, wk_tensor *indices, const wk_tensor *a, int dim);
bool wk_cpu_gemm(wk_dtype dt, bool ta, bool tb, int64_t m, int64_t n, int64_t k, double alpha,
                 const void *a, int64_t lda, const void *b, int64_t ldb, double beta, void *c, int64_t ldc);
bool wk_cpu_gemv(wk_dtype dt, bool ta, int64_t m, int64_t n, double alpha, const void *a, int64_t lda,
                 const void *x, int64_t incx, double beta, void *y, int64_t incy);
bool wk_cpu_dot(wk_dtype dt, int64_t n, const void *x, int64_t incx, const void *y, int64_t incy, void *out);
bool wk_cpu_bmm_small(wk_tensor *out, const wk_tensor *a, const wk_tensor *b);
bool wk_cpu_index_select(wk_tensor *out, const wk_tensor *a, int dim, const wk_tensor *index);
bool wk_cpu_gather(wk_tensor *out, const wk_tensor *a, int dim, const wk_tensor *index);
bool wk_cpu_scatter(wk_tensor *self, int dim, const wk_tensor *index, const wk_tensor *src, wk_scatter_reduce r);
bool wk_cpu_index_add(wk_tensor *self, int dim, const wk_tensor *index, const wk_tensor *src, double alpha);
bool wk_cpu_masked_fill(wk_tensor *self, const wk_tensor *mask, wk_scalar v);
bool wk_cpu_masked_select(wk_tensor *out, const wk_tensor *a, const wk_tensor *mask);
bool wk_cpu_nonzero(wk_tensor *out, const wk_tensor *a);

#endif
