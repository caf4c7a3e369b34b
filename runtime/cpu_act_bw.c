/* cpu_act_bw.c — fused one-pass CPU backward kernels of relu, leaky_relu, sigmoid, tanh, silu, gelu (both forms) and pow(x, scalar), in PyTorch's operation order. */
#include "cpu_kernels.h"
#include "cpu_iter.h"
#include "cpu_vmath.h"
#include <math.h>
#include <string.h>

/* PyTorch's kernels run the SIMD form on whole blocks of 16 of a contiguous (or scalar-grad)
 * row and the scalar form on the rest; the two differ only where exp/tanh/erf are involved
 * (SLEEF-like wk_vm_* against libm). vec: this element is in the SIMD part. */
#define GELU_ALPHA 0.70710678118654752440 /* M_SQRT1_2 */
#define GELU_BETA (1.12837916709551257390 * 0.70710678118654752440 * 0.5) /* M_2_SQRTPI * M_SQRT1_2 / 2 */
#define GELU_TBETA (1.41421356237309504880 * 1.12837916709551257390 * 0.5) /* M_SQRT2 * M_2_SQRTPI / 2 */

static inline float vexpf(float x, int vec) { return vec ? wk_vm_expf(x) : expf(x); }
static inline float vtanhf(float x, int vec) { return vec ? wk_vm_tanhf(x) : tanhf(x); }
static inline float verff(float x, int vec) { return vec ? wk_vm_erff(x) : erff(x); }
static inline double vexp(double x, int vec) { (void)vec; return exp(x); }
static inline double vtanh(double x, int vec) { (void)vec; return tanh(x); }
static inline double verf(double x, int vec) { (void)vec; return erf(x); }
#define VM(C, fn) _Generic((C)0, float: v##fn##f, double: v##fn)
#define FMA(C) _Generic((C)0, float: fmaf, double: fma)

/* pow(x, e) as PyTorch's pow_tensor_scalar kernel (its fast exponents, else libm) */
#define POW_E(C, x, e)                                                                     \
    ((e) == 0 ? (C)1 : (e) == 1 ? (x) : (e) == 2 ? (x) * (x) : (e) == 3 ? (x) * (x) * (x)  \
     : (e) == -2 ? (C)1 / ((x) * (x)) : (e) == 0.5 ? _Generic((C)0, float: sqrtf, double: sqrt)(x) \
     : (e) == -0.5 ? (C)1 / _Generic((C)0, float: sqrtf, double: sqrt)(x) : (e) == -1 ? (C)1 / (x) \
     : POW_GEN(C, x, e, vec))
/* general exponents: PyTorch's scalar loop calls std::pow(float, double) (computed in double);
 * its SIMD part uses SLEEF's powf (not matched; powf here, as fast) */
static inline float pow_gen_f(float x, double e, int vec) { return vec ? powf(x, (float)e) : (float)pow((double)x, e); }
static inline double pow_gen_d(double x, double e, int vec) { (void)vec; return pow(x, e); }
#define POW_GEN(C, x, e, vec) _Generic((C)0, float: pow_gen_f, double: pow_gen_d)((x), (e), (vec))

/* Per-element derivative formulas: g = incoming gradient, v = saved input (or output for
 * sigmoid/tanh), pc = the parameter in C, pd = it as double. PyTorch's x86-64 build contracts
 * some multiply-adds of its kernels into FMAs (tanh's 1 - y*y, silu's 1 + x*(1 - s), gelu-tanh's
 * x + kappa*x^3, 1 - t*t and 1 + 3*kappa*x^2): the fmas below give its bits (checked against
 * Debian's PyTorch 1.13 on 16 384 float32 values each). */
#define BW_RELU(C) (v <= 0 ? (C)0 : g)
/* c ? a : b by bit masks (vectorises where GCC keeps a float ?: as a branch) */
static inline float self(int c, float a, float b) {
    uint32_t ua, ub, m = (uint32_t)0 - (uint32_t)c;
    memcpy(&ua, &a, 4); memcpy(&ub, &b, 4);
    ua = (ua & m) | (ub & ~m);
    memcpy(&a, &ua, 4);
    return a;
}
static inline double seld(int c, double a, double b) {
    uint64_t ua, ub, m = (uint64_t)0 - (uint64_t)c;
    memcpy(&ua, &a, 8); memcpy(&ub, &b, 8);
    ua = (ua & m) | (ub & ~m);
    memcpy(&a, &ua, 8);
    return a;
}
#define BW_LEAKY(C) (g * _Generic((C)0, float: self, double: seld)(v > 0, (C)1, pc)) /* g * 1 is g */
#define BW_SIGMOID(C) (g * ((C)1 - v) * v)
#define BW_TANH(C) (g * FMA(C)(-v, v, (C)1))
#define BW_POW(C) (g * (pc * POW_E(C, v, pd - 1)))
static inline float bw_silu_f(float g, float x, int vec) {
    float s = 1.0f / (1.0f + vexpf(-x, vec));
    return g * s * fmaf(x, 1.0f - s, 1.0f);
}
static inline double bw_silu_d(double g, double x, int vec) {
    double s = 1.0 / (1.0 + vexp(-x, vec));
    return g * s * fma(x, 1.0 - s, 1.0);
}
#define GELU_BODY(C)                                                                       \
    C cdf = (C)0.5 * ((C)1 + VM(C, erf)(x * (C)GELU_ALPHA, vec));                          \
    C pdf = (C)GELU_BETA * VM(C, exp)(x * x * (C)-0.5, vec);                               \
    return g * (cdf + x * pdf);
static inline float bw_gelu_f(float g, float x, int vec) { GELU_BODY(float) }
static inline double bw_gelu_d(double g, double x, int vec) { GELU_BODY(double) }
#define GELU_TANH_BODY(C)                                                                  \
    const C beta = (C)GELU_TBETA, kappa = (C)0.044715;                                    \
    C x2 = x * x, x3 = x * x * x, inner = beta * FMA(C)(kappa, x3, x), t = VM(C, tanh)(inner, vec); \
    C left = (C)0.5 * x, right = (C)1 + t, dleft = (C)0.5 * right;                         \
    C dtanh = FMA(C)(-t, t, (C)1), dinner = beta * FMA(C)((C)3 * kappa, x2, (C)1);       \
    return g * (dleft + left * dtanh * dinner);
static inline float bw_gelu_tanh_f(float g, float x, int vec) { GELU_TANH_BODY(float) }
static inline double bw_gelu_tanh_d(double g, double x, int vec) { GELU_TANH_BODY(double) }
#define BW_SILU(C) _Generic((C)0, float: bw_silu_f, double: bw_silu_d)(g, v, vec)
#define BW_GELU(C) _Generic((C)0, float: bw_gelu_f, double: bw_gelu_d)(g, v, vec)
#define BW_GELU_TANH(C) _Generic((C)0, float: bw_gelu_tanh_f, double: bw_gelu_tanh_d)(g, v, vec)

#define BW_POW2(C) (g * (pc * v))     /* exponent 2: x.pow(1) is x */
#define BW_POW3(C) (g * (pc * (v * v))) /* exponent 3 */

/* Each row kernel is built twice, plainly and for AVX2+FMA (chosen at run time), so the
 * contiguous loops vectorise and the fmas are single instructions; same bits either way. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define WK_ABW_HW __attribute__((target("avx2,fma")))
#else
#define WK_ABW_HW
#endif

/* One row: p[0] out, p[1] grad (contiguous or a broadcast scalar for the SIMD form), p[2] v. */
#define BW_ROW(NAME, C, EXPR, ATTR)                                                        \
    ATTR static void NAME(char **p, const int64_t *s, int64_t n, const double pd) {        \
        const C pc = (C)pd;                                                                \
        (void)pc;                                                                          \
        const int64_t es = sizeof(C);                                                      \
        if (s[0] == es && s[2] == es && (s[1] == es || s[1] == 0)) {                       \
            C *o = (C *)p[0];                                                              \
            const C *vp = (const C *)p[2];                                                 \
            const int64_t vend = n - n % WK_VM_VEC_BLOCK;                                  \
            int vec = 1;                                                                   \
            if (s[1] == 0) {                                                               \
                const C g = *(const C *)p[1];                                              \
                for (int64_t i = 0; i < vend; i++) { C v = vp[i]; o[i] = (EXPR); }         \
            } else {                                                                       \
                const C *gp = (const C *)p[1];                                             \
                for (int64_t i = 0; i < vend; i++) { C g = gp[i], v = vp[i]; o[i] = (EXPR); } \
            }                                                                              \
            vec = 0;                                                                       \
            for (int64_t i = vend; i < n; i++) {                                           \
                C g = *(const C *)(p[1] + i * s[1]), v = vp[i];                            \
                o[i] = (EXPR);                                                             \
            }                                                                              \
            (void)vec;                                                                     \
            return;                                                                        \
        }                                                                                  \
        int vec = 0;                                                                       \
        (void)vec;                                                                         \
        for (int64_t i = 0; i < n; i++) {                                                  \
            C g = *(const C *)(p[1] + i * s[1]), v = *(const C *)(p[2] + i * s[2]);        \
            *(C *)(p[0] + i * s[0]) = (EXPR);                                              \
        }                                                                                  \
    }
#define BW_KERNEL(NAME, C, EXPR)                                                           \
    BW_ROW(NAME##_hw, C, EXPR, WK_ABW_HW)                                                  \
    BW_ROW(NAME##_base, C, EXPR, )                                                         \
    static void NAME(char **p, const int64_t *s, int64_t n, void *ctx) {                   \
        if (wk_vm_have_avx2()) NAME##_hw(p, s, n, *(const double *)ctx);                   \
        else NAME##_base(p, s, n, *(const double *)ctx);                                   \
    }

#define BW_OPS(X) X(RELU, BW_RELU) X(LEAKY_RELU, BW_LEAKY) X(SIGMOID, BW_SIGMOID) X(TANH, BW_TANH) \
    X(SILU, BW_SILU) X(GELU, BW_GELU) X(GELU_TANH, BW_GELU_TANH) X(POW, BW_POW)
#define GEN_BW(OP, F) BW_KERNEL(abw_##OP##_f32, float, F(float)) BW_KERNEL(abw_##OP##_f64, double, F(double))
BW_OPS(GEN_BW)
GEN_BW(POW2, BW_POW2)
GEN_BW(POW3, BW_POW3)
#define TAB_BW(OP, F) [WK_ABW_##OP] = {abw_##OP##_f32, abw_##OP##_f64},
static const wk_loop_fn g_abw[WK_ABW_COUNT][2] = {BW_OPS(TAB_BW)};

/* float32 silu, gelu and gelu-tanh on contiguous rows: the SIMD part in chunks whose
 * transcendental goes through cpu_vmath's 8-lane loops (same bits as wk_vm_*), then the
 * per-element formula with that value; the rest as the row kernels do it. */
enum { CHUNK = 256 };
WK_ABW_HW static void silu_chunk(float *o, const float *g, int64_t gs, const float *x, int64_t n) {
    float sg[CHUNK];
    int64_t k = wk_vm_sigmoidf_n(sg, x, n, false);
    for (int64_t i = k; i < n; i++) sg[i] = 1.0f / (1.0f + wk_vm_expf(-x[i]));
    for (int64_t i = 0; i < n; i++) o[i] = g[i * gs] * sg[i] * fmaf(x[i], 1.0f - sg[i], 1.0f);
}
WK_ABW_HW static void gelu_tanh_chunk(float *o, const float *g, int64_t gs, const float *x, int64_t n) {
    const float beta = (float)GELU_TBETA, kappa = 0.044715f;
    float t[CHUNK] = {0};
    for (int64_t i = 0; i < n; i++) t[i] = beta * fmaf(kappa, x[i] * x[i] * x[i], x[i]);
    int64_t k = wk_vm_tanhf_n(t, t, n);
    for (int64_t i = k; i < n; i++) t[i] = wk_vm_tanhf(t[i]);
    for (int64_t i = 0; i < n; i++) {
        float v = x[i], x2 = v * v, left = 0.5f * v, dleft = 0.5f * (1.0f + t[i]);
        float dtanh = fmaf(-t[i], t[i], 1.0f), dinner = beta * fmaf(3.0f * kappa, x2, 1.0f);
        o[i] = g[i * gs] * (dleft + left * dtanh * dinner);
    }
}
WK_ABW_HW static void gelu_chunk(float *o, const float *g, int64_t gs, const float *x, int64_t n) {
    float e[CHUNK] = {0};
    for (int64_t i = 0; i < n; i++) e[i] = x[i] * x[i] * -0.5f;
    int64_t k = wk_vm_expf_n(e, e, n);
    for (int64_t i = k; i < n; i++) e[i] = wk_vm_expf(e[i]);
    for (int64_t i = 0; i < n; i++) {
        float cdf = 0.5f * (1.0f + wk_vm_erff(x[i] * (float)GELU_ALPHA)), pdf = (float)GELU_BETA * e[i];
        o[i] = g[i * gs] * (cdf + x[i] * pdf);
    }
}
typedef void (*chunk_fn)(float *o, const float *g, int64_t gs, const float *x, int64_t n);
static void chunked_f32(chunk_fn chunk, wk_loop_fn rest, char **p, const int64_t *s, int64_t n, void *ctx) {
    if (!(s[0] == 4 && s[2] == 4 && (s[1] == 4 || s[1] == 0)) || !wk_vm_have_avx2()) { rest(p, s, n, ctx); return; }
    int64_t vend = n - n % WK_VM_VEC_BLOCK, gs = s[1] / 4;
    float *o = (float *)p[0];
    const float *g = (const float *)p[1], *x = (const float *)p[2];
    for (int64_t i = 0; i < vend; i += CHUNK) {
        int64_t m = vend - i < CHUNK ? vend - i : CHUNK;
        chunk(o + i, g + i * gs, gs, x + i, m);
    }
    char *q[3] = {(char *)(o + vend), (char *)(g + vend * gs), (char *)(x + vend)};
    rest(q, s, n - vend, ctx);  /* fewer than 16 left: all the scalar form */
}
static void abw_silu_fast(char **p, const int64_t *s, int64_t n, void *ctx) { chunked_f32(silu_chunk, abw_SILU_f32, p, s, n, ctx); }
static void abw_gelu_fast(char **p, const int64_t *s, int64_t n, void *ctx) { chunked_f32(gelu_chunk, abw_GELU_f32, p, s, n, ctx); }
static void abw_gelu_tanh_fast(char **p, const int64_t *s, int64_t n, void *ctx) {
    chunked_f32(gelu_tanh_chunk, abw_GELU_TANH_f32, p, s, n, ctx);
}

/* gelu's derivative as oneDNN's AVX2 eltwise kernel computes it, which PyTorch 1.13 uses for
 * contiguous float32 inputs of more than one element: erf by Abramowitz-Stegun 7.1.26 with
 * oneDNN's exp (range reduction by ln 2, degree-5 polynomial, 2 * 2^(n-1)), then
 * 0.5 + R/sqrt(pi)*Q + 0.5*erf(R), R = x/sqrt(2). Checked bit for bit on 16 384 values. */
static inline float bits_f(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static inline float onednn_expf(float x) {
    const float lo = bits_f(0xc2aeac50u), hi = bits_f(0x42b17218u);
    int under = x < lo;
    x = fmaxf(fminf(x, hi), lo);
    float fx = floorf(x * bits_f(0x3fb8aa3bu) + 0.5f), r = fmaf(-fx, bits_f(0x3f317218u), x);
    float p2 = under ? 0.0f : bits_f((uint32_t)((int32_t)(fx - 1.0f) + 127) << 23);
    float p = fmaf(bits_f(0x3c07cfceu), r, bits_f(0x3d2b9d0du));
    p = fmaf(fmaf(fmaf(p, r, bits_f(0x3e2aad40u)), r, bits_f(0x3efffee3u)), r, bits_f(0x3f7ffffbu));
    return fmaf(p, r, 1.0f) * p2 * 2.0f;
}
static inline float onednn_gelu_df(float s) {
    float R = s * bits_f(0x3f3504f3u), Q = onednn_expf(-(R * R));
    float T = R * bits_f(0x3f106ebau) * Q, W = 1.0f / fmaf(bits_f(0x3ea7ba05u), fabsf(R), 1.0f);
    float r = fmaf(bits_f(0x3f87dc22u), W, bits_f(0xbfba00e3u));
    r = fmaf(fmaf(fmaf(r, W, bits_f(0x3fb5f0e3u)), W, bits_f(0xbe91a98eu)), W, bits_f(0x3e827906u));
    float erf = copysignf(fmaf(-Q * W, r, 1.0f), R);
    return fmaf(erf, 0.5f, T + 0.5f);
}
#define BW_GELU_ONEDNN(C) (g * onednn_gelu_df(v))
BW_KERNEL(abw_gelu_onednn_row, float, BW_GELU_ONEDNN(float))
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
/* onednn_gelu_df times g, 8 lanes at a time with the same operations (g[i * gs], gs 0 or 1) */
WK_ABW_HW static int64_t gelu_onednn_avx2(float *o, const float *g, int64_t gs, const float *x, int64_t n) {
#define K(u) _mm256_castsi256_ps(_mm256_set1_epi32((int)(u)))
    const __m256 sign = K(0x80000000u), one = _mm256_set1_ps(1.0f), half = _mm256_set1_ps(0.5f);
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 R = _mm256_mul_ps(_mm256_loadu_ps(x + i), K(0x3f3504f3u));
        __m256 e = _mm256_xor_ps(_mm256_mul_ps(R, R), sign);
        __m256 under = _mm256_cmp_ps(e, K(0xc2aeac50u), _CMP_LT_OS);
        e = _mm256_max_ps(_mm256_min_ps(e, K(0x42b17218u)), K(0xc2aeac50u));
        __m256 fx = _mm256_floor_ps(_mm256_add_ps(_mm256_mul_ps(e, K(0x3fb8aa3bu)), half));
        __m256 r = _mm256_fnmadd_ps(fx, K(0x3f317218u), e);
        __m256i n1 = _mm256_cvtps_epi32(_mm256_sub_ps(fx, one));
        __m256 p2 = _mm256_andnot_ps(under, _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(n1, _mm256_set1_epi32(127)), 23)));
        __m256 p = _mm256_fmadd_ps(K(0x3c07cfceu), r, K(0x3d2b9d0du));
        p = _mm256_fmadd_ps(_mm256_fmadd_ps(_mm256_fmadd_ps(p, r, K(0x3e2aad40u)), r, K(0x3efffee3u)), r, K(0x3f7ffffbu));
        __m256 Q = _mm256_mul_ps(_mm256_mul_ps(_mm256_fmadd_ps(p, r, one), p2), _mm256_set1_ps(2.0f));
        __m256 T = _mm256_mul_ps(_mm256_mul_ps(R, K(0x3f106ebau)), Q);
        __m256 W = _mm256_div_ps(one, _mm256_fmadd_ps(K(0x3ea7ba05u), _mm256_andnot_ps(sign, R), one));
        __m256 q = _mm256_fmadd_ps(K(0x3f87dc22u), W, K(0xbfba00e3u));
        q = _mm256_fmadd_ps(_mm256_fmadd_ps(_mm256_fmadd_ps(q, W, K(0x3fb5f0e3u)), W, K(0xbe91a98eu)), W, K(0x3e827906u));
        __m256 erf = _mm256_fmadd_ps(_mm256_mul_ps(_mm256_xor_ps(Q, sign), W), q, one);
        erf = _mm256_xor_ps(erf, _mm256_and_ps(R, sign));
        __m256 d = _mm256_fmadd_ps(erf, half, _mm256_add_ps(T, half));
        __m256 gv = gs ? _mm256_loadu_ps(g + i) : _mm256_set1_ps(g[0]);
        _mm256_storeu_ps(o + i, _mm256_mul_ps(gv, d));
    }
#undef K
    return i;
}
#else
static int64_t gelu_onednn_avx2(float *o, const float *g, int64_t gs, const float *x, int64_t n) {
    (void)o; (void)g; (void)gs; (void)x; (void)n;
    return 0;
}
#endif
static void abw_gelu_onednn(char **p, const int64_t *s, int64_t n, void *ctx) {
    if (!(s[0] == 4 && s[2] == 4 && (s[1] == 4 || s[1] == 0)) || !wk_vm_have_avx2()) {
        abw_gelu_onednn_row(p, s, n, ctx);
        return;
    }
    int64_t gs = s[1] / 4, k = gelu_onednn_avx2((float *)p[0], (const float *)p[1], gs, (const float *)p[2], n);
    char *q[3] = {p[0] + k * 4, p[1] + k * s[1], p[2] + k * 4};
    abw_gelu_onednn_row(q, s, n - k, ctx);
}

static wk_loop_fn pick(wk_act_bw_op op, bool f64, double param, bool onednn) {
    if (onednn && !f64 && op == WK_ABW_GELU) return abw_gelu_onednn;
    if (op == WK_ABW_POW && (param == 2 || param == 3))
        return param == 2 ? (f64 ? abw_POW2_f64 : abw_POW2_f32) : (f64 ? abw_POW3_f64 : abw_POW3_f32);
    if (!f64 && op == WK_ABW_SILU) return abw_silu_fast;
    if (!f64 && op == WK_ABW_GELU) return abw_gelu_fast;
    if (!f64 && op == WK_ABW_GELU_TANH) return abw_gelu_tanh_fast;
    return g_abw[op][f64];
}

wk_tensor *wk_cpu_act_grad(wk_act_bw_op op, const wk_tensor *g, const wk_tensor *v, double param, bool *done) {
    *done = false;
    if ((unsigned)op >= WK_ABW_COUNT || g->dtype != v->dtype || (v->dtype != WK_DT_F32 && v->dtype != WK_DT_F64))
        return NULL;
    if (wk_tensor_device(g).type != WK_DEV_CPU || wk_tensor_device(v).type != WK_DEV_CPU || g->ndim != v->ndim ||
        memcmp(g->shape, v->shape, sizeof(int64_t) * (size_t)v->ndim) != 0)
        return NULL;
    *done = true;
    const wk_tensor *lay[1] = {v};
    wk_tensor *out = wk_tensor_empty_for(1, lay, v->ndim, v->shape, v->dtype, wk_tensor_device(v));
    if (!out) return NULL;
    const wk_tensor *ops[3] = {out, g, v};
    bool onednn = wk_tensor_is_contiguous(v) && wk_tensor_numel(v) > 1;
    wk_cpu_foreach(3, ops, pick(op, v->dtype == WK_DT_F64, param, onednn), &param, true);
    return out;
}
