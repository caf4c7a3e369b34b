/* cpu_vmath.h — float32 math rounded exactly like PyTorch's AVX2 CPU kernels (SLEEF u10 algorithms with FMA), used by the elementwise kernels. */
#ifndef WK_CPU_VMATH_H
#define WK_CPU_VMATH_H
#include <stdbool.h>
#include <stdint.h>

/* PyTorch computes these float32 functions with SLEEF's vectorised ≤1-ulp routines, which
 * are not correctly rounded: about 1 value in 10 differs in the last bit from glibc's expf.
 * These scalar versions follow the same operation order and fused multiply-adds, so they
 * give PyTorch's bits (checked against Debian's PyTorch 1.13 on 20 000 values each). */
/* Each routine is built twice, plainly and for CPUs with FMA (the dynamic loader picks one),
 * so the many fmaf() calls become single instructions where the hardware has them; the
 * results are identical (fmaf is exactly rounded either way). GCC only: clang 14 leaves
 * the clones' callers in other files with an undefined symbol. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(WK_NO_TARGET_CLONES)
#define WK_VM_CLONES __attribute__((target_clones("fma", "default")))
#else
#define WK_VM_CLONES
#endif
/* Their helpers are inlined into each clone, so the FMA clone has no fmaf() calls left. */
#define WK_VM_INLINE inline __attribute__((always_inline))
float wk_vm_expf(float x);
float wk_vm_logf(float x);
float wk_vm_tanhf(float x);
float wk_vm_sinhf(float x);
float wk_vm_coshf(float x);
/* PyTorch's AVX2 Vectorized<float>::erf formula (a polynomial with SLEEF's exp), used by gelu's
 * SIMD blocks (not bit-exact: PyTorch runs contiguous float32 gelu through oneDNN) */
float wk_vm_erff(float x);
/* float64 exp and log as PyTorch's AVX2 double kernels compute them (cpu_vmath64.c) */
double wk_vm_exp(double x);
double wk_vm_log(double x);
/* log1p as PyTorch's AVX2 Vectorized<float/double>::log1p (SLEEF log1pf_u10 / log1p_u10) */
float wk_vm_log1pf(float x);
double wk_vm_log1p(double x);

/* 8-lane AVX2+FMA versions of wk_vm_expf / wk_vm_logf / wk_vm_tanhf with the same float
 * operations, so the same bits (cpu_vmath_avx2.c; used only where the CPU has AVX2 and FMA
 * and the environment has no WICK_NO_AVX2). Each function does the whole 8-element vectors
 * at the start of its arrays and returns how many elements it did (0 without AVX2+FMA);
 * the caller finishes the rest with the scalar routines. */
int wk_vm_have_avx2(void);
/* out[i] = wk_vm_expf(in[i] - sub); acc (unless NULL) gets the lanes of vec::reduce_all(+)
 * over the out vectors written (the first one, plus each further one) */
int64_t wk_vm_expf_sub_n(float *out, const float *in, int64_t n, float sub, float acc[8]);
/* out[i] = wk_vm_expf(in[i]); out[i] = wk_vm_exp(in[i]) (float64, 4 lanes) */
int64_t wk_vm_expf_n(float *out, const float *in, int64_t n);
int64_t wk_vm_exp_n(double *out, const double *in, int64_t n);
/* out[i] = in[i] * 0.5 * (1 + wk_vm_erff(in[i] * M_SQRT1_2)): gelu's SIMD part */
int64_t wk_vm_geluf_n(float *out, const float *in, int64_t n);
/* out[i] = 0.5 * x * (1 + wk_vm_tanhf(BETA * (x + 0.044715 * x^3))): gelu-tanh's SIMD part */
#define WK_VM_GELU_BETA ((float)(1.41421356237309504880 * 1.12837916709551257390 * 0.5)) /* M_SQRT2 * M_2_SQRTPI / 2 */
int64_t wk_vm_gelu_tanhf_n(float *out, const float *in, int64_t n);
/* out[i] = wk_vm_logf(in[i]) */
int64_t wk_vm_logf_n(float *out, const float *in, int64_t n);
/* out[i] = wk_vm_log1pf(in[i]) */
int64_t wk_vm_log1pf_n(float *out, const float *in, int64_t n);
int64_t wk_vm_log1p_n(double *out, const double *in, int64_t n); /* wk_vm_log1p, 4 lanes */
/* softplus's SIMD blocks in float32 (ops_nn_act.c): z = in*beta; forward (g NULL)
 * z > thr ? in : wk_vm_log1pf(wk_vm_expf(z)) / beta, backward (e = wk_vm_expf(z)) z > thr ? g : g*e/(e+1) */
int64_t wk_vm_softplusf_n(float *out, const float *in, const float *g, int64_t n, float beta, float thr);
/* log_sigmoid's forward (buf[i] = wk_vm_expf(-|x|), out[i] = min(x, 0) - wk_vm_log1pf(buf[i]))
 * and backward (out[i] = (m - (2m - 1) * (b/(1+b))) * g, m = x < 0), as ops_nn_act.c's loops */
int64_t wk_vm_logsigmoidf_n(float *out, float *buf, const float *in, int64_t n);
int64_t wk_vm_logsigmoidf_bw_n(float *out, const float *x, const float *b, const float *g, int64_t n);
int64_t wk_vm_logsigmoid_n(double *out, double *buf, const double *in, int64_t n); /* float64, 4 lanes */
int64_t wk_vm_logsigmoid_bw_n(double *out, const double *x, const double *b, const double *g, int64_t n);
/* out[i] = wk_vm_tanhf(in[i]) */
int64_t wk_vm_tanhf_n(float *out, const float *in, int64_t n);
/* out[i] = (silu ? in[i] : 1) / (1 + wk_vm_expf(-in[i])): sigmoid and silu */
int64_t wk_vm_sigmoidf_n(float *out, const float *in, int64_t n, bool silu);
/* out[i] = 1 / (1 + wk_vm_exp(-in[i])): float64 sigmoid, 4 lanes */
int64_t wk_vm_sigmoid_n(double *out, const double *in, int64_t n);
/* out[i] = in[i] * mul and out[i] = in[i] - a - b (plain float arithmetic, vectorised) */
int64_t wk_vm_scale_n(float *out, const float *in, int64_t n, float mul);
int64_t wk_vm_sub2_n(float *out, const float *in, int64_t n, float a, float b);
/* vec::reduce_all's lane accumulation (n >= 8): acc = the first vector of v (mapped to
 * wk_vm_expf(v - mx) for SUMEXP), then each further whole vector folded in lane-wise by
 * + or by PyTorch's NaN-propagating maximum (MAX). */
enum { WK_VM_RED_MAX, WK_VM_RED_SUM, WK_VM_RED_SUMEXP };
int64_t wk_vm_reduce8_f32(int kind, float acc[8], const float *v, int64_t n, float mx);

/* PyTorch's vectorised loops (cpu_kernel_vec) run the SIMD routine on blocks of 16 elements
 * and the plain libm function on the rest of the row: sigmoid, sinh and cosh follow that. */
#define WK_VM_VEC_BLOCK 16
static inline int wk_vm_in_vector_part(long long i, long long n) {
    return i < n - n % WK_VM_VEC_BLOCK;
}

#endif
