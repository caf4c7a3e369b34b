/* plugin.h — internals shared by the CUDA plugin's C and CUDA files: errors, devices, iterators, kernel launchers. */
#ifndef WK_CUDA_PLUGIN_H
#define WK_CUDA_PLUGIN_H
#include "../runtime/cuda_loader.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WKC_MAX_DEVICES 16
#define WKC_MAXOP 4

/* ---- errors (through the host's wk_rt_err) */
extern const wk_cuda_host *wkc_host;
#define wkc_err(kind, ...) (wkc_host->set_error((kind), __VA_ARGS__))
/* A failed CUDA runtime call (code is a cudaError_t): PyTorch's "CUDA error: ..." text. */
bool wkc_cuda_fail(int code);
/* Checks the launch of the last kernel (cudaGetLastError). */
bool wkc_check_launch(void);
bool wkc_not_impl(const char *op, wk_dtype dt);

/* ---- dtypes */
size_t wkc_dtype_size(wk_dtype dt);
bool wkc_is_float(wk_dtype dt);
const char *wkc_scalar_name(wk_dtype dt); /* "Float", "Long", ... */

/* ---- devices and memory */
int wkc_device_count(void);
int wkc_current_device(void);
bool wkc_set_device(int dev);
int wkc_sm_count(int dev);
int wkc_max_threads_per_sm(int dev);
int wkc_cc_major(int dev);
/* Device memory through the caching allocator of the current device (temporaries). */
void *wkc_tmp_alloc(size_t n);
void wkc_tmp_free(void *p);
/* 4 scalar slots per device, outside the caching allocator, for 1-element host operands. */
void *wkc_scalar_slot(int dev, int i);

/* ---- strided iteration over up to 4 operands of one shape (byte strides, dims coalesced) */
typedef struct wkc_iter {
    int ndim, nops;
    int64_t numel;
    int64_t shape[WK_MAX_DIMS];
    int64_t stride[WKC_MAXOP][WK_MAX_DIMS];
    char *data[WKC_MAXOP];
    bool contig; /* every operand dense in row-major order: flat indexing */
} wkc_iter;
/* ops[0] gives the shape; the others must have it too (already broadcast). A 1-element host
 * operand (a 0-dim CPU tensor mixed into a CUDA op) is uploaded to a scalar slot. */
bool wkc_iter_build(wkc_iter *it, int nops, const wk_tensor *const *ops);
/* A tensor's data pointer (element 0). */
char *wkc_data(const wk_tensor *t);
int64_t wkc_numel(const wk_tensor *t);
bool wkc_is_contiguous(const wk_tensor *t);
/* Dense and non-overlapping in some order: the elements form one block [data, data + numel). */
bool wkc_is_dense(const wk_tensor *t);
bool wkc_on_device(const wk_tensor *t);

/* ---- kernel launchers (ew.cu, reduce.cu, index.cu, rng.cu) */
bool wkc_launch_cast(const wkc_iter *it, wk_dtype dst, wk_dtype src);
bool wkc_launch_fill(const wkc_iter *it, size_t elsize, uint64_t bits);
bool wkc_launch_unary(const wkc_iter *it, wk_unary_op op, wk_dtype in_dt, const double *params);
bool wkc_launch_binary(const wkc_iter *it, wk_binary_op op, wk_dtype in_dt, double alpha);
bool wkc_launch_ternary(const wkc_iter *it, wk_ternary_op op, wk_dtype out_dt, double value);
bool wkc_launch_masked_fill(const wkc_iter *it, size_t elsize, uint64_t bits);

bool wkc_reduce(wk_reduce_op op, wk_tensor *out, const wk_tensor *a, uint32_t dims, double param);
bool wkc_arg_reduce(wk_argreduce_op op, wk_tensor *values, wk_tensor *indices, const wk_tensor *a, int dim);
bool wkc_scan(wk_scan_op op, wk_tensor *out, wk_tensor *indices, const wk_tensor *a, int dim);

bool wkc_index_select(wk_tensor *out, const wk_tensor *a, int dim, const wk_tensor *index);
bool wkc_gather(wk_tensor *out, const wk_tensor *a, int dim, const wk_tensor *index);
bool wkc_scatter(wk_tensor *self, int dim, const wk_tensor *index, const wk_tensor *src, wk_scatter_reduce r);
bool wkc_index_add(wk_tensor *self, int dim, const wk_tensor *index, const wk_tensor *src, double alpha);
bool wkc_masked_select(wk_tensor *out, const wk_tensor *a, const wk_tensor *mask);
bool wkc_nonzero(wk_tensor *out, const wk_tensor *a);

/* RNG: Philox4x32-10 as PyTorch drives it (cuda.md §5). */
typedef struct wkc_philox { uint64_t seed, offset; } wkc_philox;
/* Reserves `increment` counter values of dev's generator and returns the state to use. */
wkc_philox wkc_philox_next(int dev, uint64_t increment);
bool wkc_uniform_(wk_tensor *t, double from, double to, struct wk_generator *g);
bool wkc_normal_(wk_tensor *t, double mean, double std, struct wk_generator *g);
bool wkc_random_(wk_tensor *t, int64_t low, int64_t high, struct wk_generator *g);
bool wkc_bernoulli_(wk_tensor *t, double p, struct wk_generator *g);
bool wkc_bernoulli_tensor_(wk_tensor *t, const wk_tensor *p, struct wk_generator *g);
bool wkc_randperm(wk_tensor *out, struct wk_generator *g);

/* cuBLAS (blas.c) */
bool wkc_gemm(wk_dtype dt, bool ta, bool tb, int64_t m, int64_t n, int64_t k, double alpha, const void *a,
              int64_t lda, const void *b, int64_t ldb, double beta, void *c, int64_t ldc);
bool wkc_gemm_batched(wk_dtype dt, bool ta, bool tb, int64_t m, int64_t n, int64_t k, double alpha,
                      const void *a, int64_t lda, int64_t sa, const void *b, int64_t ldb, int64_t sb, double beta,
                      void *c, int64_t ldc, int64_t sc, int64_t batch);
void wkc_set_tf32(bool on);
bool wkc_get_tf32(void);
void wkc_set_reduced_precision(bool fp16, bool bf16);
void wkc_blas_shutdown(void);

/* copy.c */
bool wkc_copy(wk_tensor *dst, const wk_tensor *src);
bool wkc_fill(wk_tensor *dst, wk_scalar v);
bool wkc_masked_fill(wk_tensor *self, const wk_tensor *mask, wk_scalar v);
/* The bytes of v stored as dtype dt (low elsize bytes used). */
uint64_t wkc_scalar_bits(wk_dtype dt, wk_scalar v);

#ifdef __cplusplus
}
#endif
#endif
