/* cpu_kernels.h — internal: the CPU backend's kernel entry points (assembled into the vtable in cpu_backend.c). */
#ifndef WK_CPU_KERNELS_H
#define WK_CPU_KERNELS_H
#include "backend.h"
#include "rng.h"

bool wk_cpu_unary(wk_unary_op op, wk_tensor *out, const wk_tensor *a, const double *params);
/* A row cast with PyTorch's x86-64 results, vectorised when contiguous (cpu_cast.c); false when the pair has no loop there. */
bool wk_cpu_cast_row(wk_dtype dd, void *dst, int64_t ds, wk_dtype sd, const void *src, int64_t ss, int64_t n);
/* gelu(approximate='tanh') on a contiguous float32 row with PyTorch's bits (cpu_elementwise.c);
 * simd false: PyTorch's per-element loop (its input had gaps) */
void wk_cpu_gelu_tanh_f32(float *out, const float *in, int64_t n, bool simd);
/* Fused backward of an activation (cpu_act_bw.c): grad * f'(v) in one pass with PyTorch's operation
 * order. v: the saved input (the output for SIGMOID and TANH); param: leaky_relu's slope or pow's
 * exponent (nonzero). Returns a new tensor shaped like v; *done false (NULL, no error) where the
 * kernel does not apply (not CPU, dtypes differ or not float32/float64, shapes differ). */
typedef enum { WK_ABW_RELU, WK_ABW_LEAKY_RELU, WK_ABW_SIGMOID, WK_ABW_TANH, WK_ABW_SILU, WK_ABW_GELU,
               WK_ABW_GELU_TANH, WK_ABW_POW, WK_ABW_COUNT } wk_act_bw_op;
wk_tensor *wk_cpu_act_grad(wk_act_bw_op op, const wk_tensor *g, const wk_tensor *v, double param, bool *done);
bool wk_cpu_binary(wk_binary_op op, wk_tensor *out, const wk_tensor *a, const wk_tensor *b, double alpha);
bool wk_cpu_ternary(wk_ternary_op op, wk_tensor *out, const wk_tensor *a, const wk_tensor *b,
                    const wk_tensor *c, double value);
bool wk_cpu_reduce(wk_reduce_op op, wk_tensor *out, const wk_tensor *a, uint32_t dims, double param);
bool wk_cpu_arg_reduce(wk_argreduce_op op, wk_tensor *values, wk_tensor *indices, const wk_tensor *a, int dim);
bool wk_cpu_scan(wk_scan_op op, wk_tensor *out, wk_tensor *indices, const wk_tensor *a, int dim);
/* torch.equal of two same-shape, same-dtype CPU tensors (cpu_equal.c), stopping at the first difference */
bool wk_cpu_equal(const wk_tensor *a, const wk_tensor *b);
/* isclose of two same-shape float32/float64 CPU tensors into out (bool, a's shape; NULL: no
 * output), returning whether all are close (cpu_equal.c) */
bool wk_cpu_isclose(wk_tensor *out, const wk_tensor *a, const wk_tensor *b, double rtol, double atol, bool equal_nan);
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
int64_t wk_cpu_count_nonzero(const wk_tensor *a);
/* cpu_copy.c: a same-dtype copy iteration done in tiles when source and destination run along
 * different dims; false (nothing copied) when it does not apply. */
struct wk_iter;
bool wk_cpu_copy_tiled(const struct wk_iter *it, size_t es);
/* cpu_sort.c: each row of a along dim ordered as PyTorch orders it (ties included); the first k
 * items go to values (a's dtype) and indices (int64), both shaped like a with k at dim. */
typedef enum { WK_SORT_PLAIN, WK_SORT_STABLE, WK_SORT_TOPK_SORTED, WK_SORT_TOPK_UNSORTED } wk_sort_mode;
bool wk_cpu_sort(wk_tensor *values, wk_tensor *indices, const wk_tensor *a, int dim, int64_t k,
                 wk_sort_mode mode, bool desc);

#endif
