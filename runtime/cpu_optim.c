/* cpu_optim.c — fused optimizer update: Adam's moments and parameter step in one pass over float32/float64 CPU tensors, with the roundings of PyTorch's separate kernels. */
#include "ops_nn.h"
#include <math.h>
#include <string.h>

/* One element, in the order of torch.optim.Adam's single-tensor update (each step rounded to T):
 *   exp_avg.mul_(beta1).add_(grad, alpha=1-beta1)          add with alpha: one fused multiply-add
 *   exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1-beta2)   fma(value*grad, grad, .)
 *   denom = (exp_avg_sq.sqrt() / bc2_sqrt).add_(eps)
 *   param.addcdiv_(exp_avg, denom, value=-step_size)        param + (value*exp_avg)/denom */
#define ADAM_BODY(T, FMA, SQRT)                                                                   \
    for (int64_t i = 0; i < n; i++) {                                                             \
        T g = grad[i];                                                                            \
        T ea = FMA(c->a1, g, exp_avg[i] * c->b1);                                                 \
        T es = FMA(c->a2 * g, g, exp_avg_sq[i] * c->b2);                                          \
        T denom = SQRT(es) / c->bc2 + c->eps;                                                     \
        exp_avg[i] = ea;                                                                          \
        exp_avg_sq[i] = es;                                                                       \
        p[i] = p[i] + c->ss * ea / denom;                                                         \
    }

typedef struct { float b1, a1, b2, a2, bc2, eps, ss; } adam_f32;
typedef struct { double b1, a1, b2, a2, bc2, eps, ss; } adam_f64;

static void adam_f32_generic(const adam_f32 *c, float *p, const float *grad, float *exp_avg, float *exp_avg_sq,
                             int64_t n) {
    ADAM_BODY(float, fmaf, sqrtf)
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define ADAM_AVX2 1
/* The same element steps, eight lanes at a time where the CPU has AVX2 and FMA (every operation is
 * IEEE-rounded per lane, so the results equal the scalar loop's). */
__attribute__((target("avx2,fma"))) static void adam_f32_avx2(const adam_f32 *c, float *p, const float *grad,
                                                              float *exp_avg, float *exp_avg_sq, int64_t n) {
    const __m256 b1 = _mm256_set1_ps(c->b1), a1 = _mm256_set1_ps(c->a1), b2 = _mm256_set1_ps(c->b2);
    const __m256 a2 = _mm256_set1_ps(c->a2), bc2 = _mm256_set1_ps(c->bc2), eps = _mm256_set1_ps(c->eps);
    const __m256 ss = _mm256_set1_ps(c->ss);
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 g = _mm256_loadu_ps(grad + i);
        __m256 ea = _mm256_fmadd_ps(a1, g, _mm256_mul_ps(_mm256_loadu_ps(exp_avg + i), b1));
        __m256 es = _mm256_fmadd_ps(_mm256_mul_ps(a2, g), g, _mm256_mul_ps(_mm256_loadu_ps(exp_avg_sq + i), b2));
        __m256 denom = _mm256_add_ps(_mm256_div_ps(_mm256_sqrt_ps(es), bc2), eps);
        _mm256_storeu_ps(exp_avg + i, ea);
        _mm256_storeu_ps(exp_avg_sq + i, es);
        _mm256_storeu_ps(p + i, _mm256_add_ps(_mm256_loadu_ps(p + i), _mm256_div_ps(_mm256_mul_ps(ss, ea), denom)));
    }
    p += i, grad += i, exp_avg += i, exp_avg_sq += i, n -= i;
    ADAM_BODY(float, __builtin_fmaf, sqrtf)
}
static bool have_avx2_fma(void) {
    static int v = -1;
    if (v < 0) { __builtin_cpu_init(); v = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"); }
    return v;
}
#endif

static void adam_f64_run(const adam_f64 *c, double *p, const double *grad, double *exp_avg, double *exp_avg_sq,
                         int64_t n) {
    ADAM_BODY(double, fma, sqrt)
}

/* Same dtype, device (CPU) and shape as p, and (unless any_layout) contiguous. */
static bool adam_fits(const wk_tensor *t, const wk_tensor *p, bool any_layout) {
    return t->dtype == p->dtype && wk_tensor_device(t).type == WK_DEV_CPU && (any_layout || wk_tensor_is_contiguous(t)) &&
           t->ndim == p->ndim && !memcmp(t->shape, p->shape, sizeof(int64_t) * (size_t)p->ndim);
}

bool wk_op_adam_update(wk_tensor *param, wk_tensor *grad, wk_tensor *exp_avg, wk_tensor *exp_avg_sq, double beta1,
                       double beta2, double step_size, double bc2_sqrt, double eps) {
    if ((param->dtype != WK_DT_F32 && param->dtype != WK_DT_F64) || !adam_fits(param, param, false) ||
        !adam_fits(grad, param, true) || !adam_fits(exp_avg, param, false) || !adam_fits(exp_avg_sq, param, false))
        return false;
    wk_tensor *g = wk_tensor_contiguous(grad); /* a strided gradient (a transposed matmul result) is read once */
    if (!g) { wk_rt_errclear(); return false; } /* the op-by-op path reports it */
    int64_t n = wk_tensor_numel(param);
    if (param->dtype == WK_DT_F32) {
        adam_f32 c = {(float)beta1, (float)(1 - beta1), (float)beta2, (float)(1 - beta2), (float)bc2_sqrt,
                      (float)eps, (float)-step_size};
        void (*run)(const adam_f32 *, float *, const float *, float *, float *, int64_t) = adam_f32_generic;
#ifdef ADAM_AVX2
        if (have_avx2_fma()) run = adam_f32_avx2;
#endif
        run(&c, wk_tensor_data(param), wk_tensor_data(g), wk_tensor_data(exp_avg), wk_tensor_data(exp_avg_sq), n);
    } else {
        adam_f64 c = {beta1, 1 - beta1, beta2, 1 - beta2, bc2_sqrt, eps, -step_size};
        adam_f64_run(&c, wk_tensor_data(param), wk_tensor_data(g), wk_tensor_data(exp_avg), wk_tensor_data(exp_avg_sq), n);
    }
    wk_tensor_decref(g);
    wk_tensor_bump_version(param);
    wk_tensor_bump_version(exp_avg);
    wk_tensor_bump_version(exp_avg_sq);
    return true;
}
