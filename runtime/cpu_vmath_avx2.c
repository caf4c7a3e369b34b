/* cpu_vmath_avx2.c — 8-lane AVX2+FMA float32 exp/log/tanh doing exactly cpu_vmath.c's float operations, and the softmax, sigmoid and silu loops built on them (chosen at run time). */
#include "cpu_vmath.h"
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

#define WK_AVX2 __attribute__((target("avx2,fma")))
#define WK_AVX2_INLINE static inline __attribute__((always_inline, target("avx2,fma")))

/* WICK_NO_AVX2 (set, non-empty) keeps the scalar routines, to test that path on any CPU. */
int wk_vm_have_avx2(void) {
    static int have = -1;
    int h = __atomic_load_n(&have, __ATOMIC_RELAXED);
    if (h < 0) {
        const char *off = getenv("WICK_NO_AVX2");
        __builtin_cpu_init();
        h = !(off && *off) && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
        __atomic_store_n(&have, h, __ATOMIC_RELAXED);
    }
    return h;
}

WK_AVX2_INLINE __m256 v_set(float f) { return _mm256_set1_ps(f); }
WK_AVX2_INLINE __m256 v_blend_if(__m256 a, __m256 b, __m256 mask) { return _mm256_blendv_ps(a, b, mask); }
WK_AVX2_INLINE __m256 v_neg(__m256 a) { return _mm256_xor_ps(a, v_set(-0.0f)); }
WK_AVX2_INLINE __m256 v_from_i(__m256i b) { return _mm256_castsi256_ps(b); }
WK_AVX2_INLINE __m256i v_bits(__m256 f) { return _mm256_castps_si256(f); }
/* 2^q for each lane: (q + 0x7f) << 23, as cpu_vmath.c's pow2i */
WK_AVX2_INLINE __m256 v_pow2i(__m256i q) {
    return v_from_i(_mm256_slli_epi32(_mm256_add_epi32(q, _mm256_set1_epi32(0x7f)), 23));
}

/* the double-float steps of cpu_vmath.c, lane-wise (same operations, same order) */
typedef struct { __m256 x, y; } vdf;
WK_AVX2_INLINE vdf vdf_add2_ff(__m256 x, __m256 y) {
    vdf r;
    r.x = _mm256_add_ps(x, y);
    __m256 v = _mm256_sub_ps(r.x, x);
    r.y = _mm256_add_ps(_mm256_sub_ps(x, _mm256_sub_ps(r.x, v)), _mm256_sub_ps(y, v));
    return r;
}
WK_AVX2_INLINE vdf vdf_add_df_f(vdf x, __m256 y) {
    vdf r;
    r.x = _mm256_add_ps(x.x, y);
    r.y = _mm256_add_ps(_mm256_add_ps(_mm256_sub_ps(x.x, r.x), y), x.y);
    return r;
}
WK_AVX2_INLINE vdf vdf_add_df_df(vdf x, vdf y) {
    vdf r;
    r.x = _mm256_add_ps(x.x, y.x);
    r.y = _mm256_add_ps(_mm256_add_ps(_mm256_add_ps(_mm256_sub_ps(x.x, r.x), y.x), x.y), y.y);
    return r;
}
/* fmaf(a, b, -c) and fmaf(-a, b, c) are fmsub and fnmadd: one rounding of the same value */
WK_AVX2_INLINE vdf vdf_mul_df_f(vdf x, __m256 y) {
    vdf r;
    r.x = _mm256_mul_ps(x.x, y);
    r.y = _mm256_fmadd_ps(x.y, y, _mm256_fmsub_ps(x.x, y, r.x));
    return r;
}
WK_AVX2_INLINE vdf vdf_div(vdf n, vdf d) {
    vdf q;
    __m256 t = _mm256_div_ps(v_set(1.0f), d.x);
    q.x = _mm256_mul_ps(n.x, t);
    __m256 u = _mm256_fmsub_ps(t, n.x, q.x);
    q.y = _mm256_fnmadd_ps(d.y, t, _mm256_fnmadd_ps(d.x, t, v_set(1.0f)));
    q.y = _mm256_fmadd_ps(q.x, q.y, _mm256_fmadd_ps(n.y, t, u));
    return q;
}

WK_AVX2_INLINE vdf vdf_add2_df_f(vdf x, __m256 y) {
    vdf r;
    r.x = _mm256_add_ps(x.x, y);
    __m256 v = _mm256_sub_ps(r.x, x.x);
    r.y = _mm256_add_ps(_mm256_sub_ps(x.x, _mm256_sub_ps(r.x, v)), _mm256_sub_ps(y, v));
    r.y = _mm256_add_ps(r.y, x.y);
    return r;
}
WK_AVX2_INLINE vdf vdf_add2_df_df(vdf x, vdf y) {
    vdf r;
    r.x = _mm256_add_ps(x.x, y.x);
    __m256 v = _mm256_sub_ps(r.x, x.x);
    r.y = _mm256_add_ps(_mm256_sub_ps(x.x, _mm256_sub_ps(r.x, v)), _mm256_sub_ps(y.x, v));
    r.y = _mm256_add_ps(r.y, _mm256_add_ps(x.y, y.y));
    return r;
}
WK_AVX2_INLINE vdf vdf_add_f_df(__m256 x, vdf y) {
    vdf r;
    r.x = _mm256_add_ps(x, y.x);
    r.y = _mm256_add_ps(_mm256_add_ps(_mm256_sub_ps(x, r.x), y.x), y.y);
    return r;
}
WK_AVX2_INLINE vdf vdf_mul_df_df(vdf x, vdf y) {
    vdf r;
    r.x = _mm256_mul_ps(x.x, y.x);
    r.y = _mm256_fmadd_ps(x.x, y.y, _mm256_fmadd_ps(x.y, y.x, _mm256_fmsub_ps(x.x, y.x, r.x)));
    return r;
}
WK_AVX2_INLINE vdf vdf_squ(vdf x) {
    vdf r;
    r.x = _mm256_mul_ps(x.x, x.x);
    r.y = _mm256_fmadd_ps(_mm256_add_ps(x.x, x.x), x.y, _mm256_fmsub_ps(x.x, x.x, r.x));
    return r;
}
WK_AVX2_INLINE vdf vdf_rec(vdf d) {
    vdf q;
    q.x = _mm256_div_ps(v_set(1.0f), d.x);
    q.y = _mm256_mul_ps(q.x, _mm256_fnmadd_ps(d.y, q.x, _mm256_fnmadd_ps(d.x, q.x, v_set(1.0f))));
    return q;
}

#define R_LN2F 1.442695040888963407359924681001892137426645954152985934135449406931f
#define L2UF 0.693145751953125f
#define L2LF 1.428606765330187045e-06f

/* wk_vm_expf on 8 lanes. cvtps2dq rounds half to even and gives INT32_MIN out of range,
 * which is what the scalar rint_i emulates. */
WK_AVX2_INLINE __m256 v_expf(__m256 d) {
    __m256i q = _mm256_cvtps_epi32(_mm256_mul_ps(d, v_set(R_LN2F)));
    __m256 qf = _mm256_cvtepi32_ps(q);
    __m256 s = _mm256_fmadd_ps(qf, v_set(-L2UF), d);
    s = _mm256_fmadd_ps(qf, v_set(-L2LF), s);
    __m256 u = v_set(0.000198527617612853646278381f);
    u = _mm256_fmadd_ps(u, s, v_set(0.00139304355252534151077271f));
    u = _mm256_fmadd_ps(u, s, v_set(0.00833336077630519866943359f));
    u = _mm256_fmadd_ps(u, s, v_set(0.0416664853692054748535156f));
    u = _mm256_fmadd_ps(u, s, v_set(0.166666671633720397949219f));
    u = _mm256_fmadd_ps(u, s, v_set(0.5f));
    u = _mm256_add_ps(v_set(1.0f), _mm256_fmadd_ps(_mm256_mul_ps(s, s), u, s));
    __m256i h = _mm256_srai_epi32(q, 1);
    u = _mm256_mul_ps(_mm256_mul_ps(u, v_pow2i(h)), v_pow2i(_mm256_sub_epi32(q, h)));
    u = v_blend_if(u, _mm256_setzero_ps(), _mm256_cmp_ps(d, v_set(-104.0f), _CMP_LT_OQ));
    u = v_blend_if(u, v_set(__builtin_inff()), _mm256_cmp_ps(d, v_set(100.0f), _CMP_GT_OQ));
    return v_blend_if(u, d, _mm256_cmp_ps(d, d, _CMP_UNORD_Q));
}

/* d * 2^q in two steps, as cpu_vmath.c's ldexp2k */
WK_AVX2_INLINE __m256 v_ldexp2k(__m256 d, __m256i q) {
    __m256i h = _mm256_srai_epi32(q, 1);
    return _mm256_mul_ps(_mm256_mul_ps(d, v_pow2i(h)), v_pow2i(_mm256_sub_epi32(q, h)));
}

/* cpu_vmath.c's expk2 (e^d as a double-float) on 8 lanes */
WK_AVX2_INLINE vdf v_expk2(vdf d) {
    __m256i q = _mm256_cvtps_epi32(_mm256_mul_ps(_mm256_add_ps(d.x, d.y), v_set(R_LN2F)));
    __m256 qf = _mm256_cvtepi32_ps(q);
    vdf s = vdf_add2_df_f(d, _mm256_mul_ps(qf, v_set(-L2UF)));
    s = vdf_add2_df_f(s, _mm256_mul_ps(qf, v_set(-L2LF)));
    __m256 u = v_set(0.1980960224e-3f);
    u = _mm256_fmadd_ps(u, s.x, v_set(0.1394256484e-2f));
    u = _mm256_fmadd_ps(u, s.x, v_set(0.8333456703e-2f));
    u = _mm256_fmadd_ps(u, s.x, v_set(0.4166637361e-1f));
    vdf t = vdf_add2_df_f(vdf_mul_df_f(s, u), v_set(0.166666659414234244790680580464e+0f));
    t = vdf_add2_df_f(vdf_mul_df_df(s, t), v_set(0.5f));
    t = vdf_add2_df_df(s, vdf_mul_df_df(vdf_squ(s), t));
    t = vdf_add_f_df(v_set(1.0f), t);
    t.x = v_ldexp2k(t.x, q);
    t.y = v_ldexp2k(t.y, q);
    __m256 under = _mm256_cmp_ps(d.x, v_set(-104.0f), _CMP_LT_OQ);
    t.x = v_blend_if(t.x, _mm256_setzero_ps(), under);
    t.y = v_blend_if(t.y, _mm256_setzero_ps(), under);
    return t;
}

/* wk_vm_tanhf on 8 lanes */
WK_AVX2_INLINE __m256 v_tanhf(__m256 x) {
    __m256 ax = _mm256_andnot_ps(v_set(-0.0f), x);
    vdf d = v_expk2((vdf){ax, _mm256_setzero_ps()});
    vdf e = vdf_rec(d);
    vdf ne = {v_neg(e.x), v_neg(e.y)};
    d = vdf_div(vdf_add_df_df(d, ne), vdf_add_df_df(d, e));
    __m256 y = _mm256_add_ps(d.x, d.y);
    __m256 big = _mm256_or_ps(_mm256_cmp_ps(ax, v_set(8.664339742f), _CMP_GT_OQ), _mm256_cmp_ps(y, y, _CMP_UNORD_Q));
    y = v_blend_if(y, v_set(1.0f), big);
    y = _mm256_xor_ps(y, _mm256_and_ps(x, v_set(-0.0f)));
    return v_blend_if(y, x, _mm256_cmp_ps(x, x, _CMP_UNORD_Q));
}

/* wk_vm_logf on 8 lanes */
WK_AVX2_INLINE __m256 v_logf(__m256 in) {
    __m256 small = _mm256_cmp_ps(in, v_set(0x1p-126f), _CMP_LT_OQ);
    __m256 d = v_blend_if(in, _mm256_mul_ps(in, v_set(0x1p64f)), small);
    __m256i b = _mm256_srli_epi32(v_bits(_mm256_mul_ps(d, v_set(1.0f / 0.75f))), 23);
    __m256i e = _mm256_sub_epi32(_mm256_and_si256(b, _mm256_set1_epi32(0xff)), _mm256_set1_epi32(0x7f));
    __m256i minus_e = _mm256_sub_epi32(_mm256_setzero_si256(), e);
    __m256 m = v_from_i(_mm256_add_epi32(v_bits(d), _mm256_slli_epi32(minus_e, 23)));
    e = _mm256_sub_epi32(e, _mm256_and_si256(v_bits(small), _mm256_set1_epi32(64)));
    vdf s = {v_set(0.69314718246459960938f), v_set(-1.904654323148236017e-09f)};
    s = vdf_mul_df_f(s, _mm256_cvtepi32_ps(e));
    vdf x = vdf_div(vdf_add2_ff(v_set(-1.0f), m), vdf_add2_ff(v_set(1.0f), m));
    __m256 x2 = _mm256_mul_ps(x.x, x.x);
    __m256 t = v_set(0.3027294874e+0f);
    t = _mm256_fmadd_ps(t, x2, v_set(0.3996108174e+0f));
    t = _mm256_fmadd_ps(t, x2, v_set(0.6666694880e+0f));
    vdf x2s = {_mm256_mul_ps(x.x, v_set(2.0f)), _mm256_mul_ps(x.y, v_set(2.0f))};
    s = vdf_add_df_df(s, x2s);
    s = vdf_add_df_f(s, _mm256_mul_ps(_mm256_mul_ps(x2, x.x), t));
    __m256 r = _mm256_add_ps(s.x, s.y);
    r = v_blend_if(r, v_set(__builtin_inff()), _mm256_cmp_ps(in, v_set(__builtin_inff()), _CMP_EQ_OQ));
    __m256 bad = _mm256_or_ps(_mm256_cmp_ps(in, _mm256_setzero_ps(), _CMP_LT_OQ), _mm256_cmp_ps(in, in, _CMP_UNORD_Q));
    r = v_blend_if(r, v_set(__builtin_nanf("")), bad);
    return v_blend_if(r, v_set(-__builtin_inff()), _mm256_cmp_ps(in, _mm256_setzero_ps(), _CMP_EQ_OQ));
}

/* wk_vm_log1pf on 8 lanes (the same operations as cpu_vmath.c's scalar routine) */
WK_AVX2_INLINE __m256 v_log1pf(__m256 d) {
    const __m256 one = v_set(1.0f), two = v_set(2.0f);
    __m256 dp1 = _mm256_add_ps(d, one);
    __m256 small = _mm256_cmp_ps(dp1, v_set(0x1p-126f), _CMP_LT_OQ);
    dp1 = v_blend_if(dp1, _mm256_mul_ps(dp1, v_set(0x1p64f)), small);
    __m256i b = _mm256_srli_epi32(v_bits(_mm256_mul_ps(dp1, v_set(1.0f / 0.75f))), 23);
    __m256i e = _mm256_sub_epi32(_mm256_and_si256(b, _mm256_set1_epi32(0xff)), _mm256_set1_epi32(0x7f));
    __m256i minus_e = _mm256_sub_epi32(_mm256_setzero_si256(), e);
    __m256 t = v_from_i(_mm256_add_epi32(v_bits(one), _mm256_slli_epi32(minus_e, 23)));
    __m256 m = _mm256_fmadd_ps(d, t, _mm256_sub_ps(t, one));
    e = _mm256_sub_epi32(e, _mm256_and_si256(v_bits(small), _mm256_set1_epi32(64)));
    vdf s = {v_set(0.69314718246459960938f), v_set(-1.904654323148236017e-09f)};
    s = vdf_mul_df_f(s, _mm256_cvtepi32_ps(e));
    __m256 two_m = _mm256_add_ps(two, m);
    vdf den = {two_m, _mm256_add_ps(_mm256_sub_ps(two, two_m), m)};
    vdf x = vdf_div((vdf){m, _mm256_setzero_ps()}, den);
    __m256 x2 = _mm256_mul_ps(x.x, x.x);
    __m256 p = v_set(0.3027294874e+0f);
    p = _mm256_fmadd_ps(p, x2, v_set(0.3996108174e+0f));
    p = _mm256_fmadd_ps(p, x2, v_set(0.6666694880e+0f));
    vdf x2s = {_mm256_mul_ps(x.x, two), _mm256_mul_ps(x.y, two)};
    s = vdf_add_df_df(s, x2s);
    s = vdf_add_df_f(s, _mm256_mul_ps(_mm256_mul_ps(x2, x.x), p));
    __m256 r = _mm256_add_ps(s.x, s.y);
    r = v_blend_if(r, v_set(__builtin_inff()), _mm256_cmp_ps(d, v_set(1e+38f), _CMP_GT_OQ));
    __m256 bad = _mm256_or_ps(_mm256_cmp_ps(d, v_set(-1.0f), _CMP_LT_OQ), _mm256_cmp_ps(d, d, _CMP_UNORD_Q));
    r = v_blend_if(r, v_set(__builtin_nanf("")), bad);
    r = v_blend_if(r, v_set(-__builtin_inff()), _mm256_cmp_ps(d, v_set(-1.0f), _CMP_EQ_OQ));
    __m256 negzero = v_from_i(_mm256_cmpeq_epi32(v_bits(d), v_bits(v_set(-0.0f))));
    return v_blend_if(r, v_set(-0.0f), negzero);
}
static WK_AVX2 int64_t log1pf_n_avx2(float *out, const float *in, int64_t n) {
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(out + i, v_log1pf(_mm256_loadu_ps(in + i)));
    return i;
}
int64_t wk_vm_log1pf_n(float *out, const float *in, int64_t n) {
    return wk_vm_have_avx2() ? log1pf_n_avx2(out, in, n) : 0;
}
/* softplus's SIMD form on 8 lanes, z = x * beta: forward (g NULL) z > thr ? x :
 * wk_vm_log1pf(wk_vm_expf(z)) / beta, backward e = wk_vm_expf(z), z > thr ? g : g * e / (e + 1) */
static WK_AVX2 int64_t softplusf_n_avx2(float *out, const float *in, const float *g, int64_t n, float beta, float thr) {
    const __m256 vb = v_set(beta), vt = v_set(thr), one = v_set(1.0f);
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 x = _mm256_loadu_ps(in + i), z = _mm256_mul_ps(x, vb), e = v_expf(z), r;
        __m256 over = _mm256_cmp_ps(z, vt, _CMP_GT_OQ);
        if (g) {
            __m256 vg = _mm256_loadu_ps(g + i);
            r = v_blend_if(_mm256_div_ps(_mm256_mul_ps(vg, e), _mm256_add_ps(e, one)), vg, over);
        } else {
            r = v_blend_if(_mm256_div_ps(v_log1pf(e), vb), x, over);
        }
        _mm256_storeu_ps(out + i, r);
    }
    return i;
}
int64_t wk_vm_softplusf_n(float *out, const float *in, const float *g, int64_t n, float beta, float thr) {
    return wk_vm_have_avx2() ? softplusf_n_avx2(out, in, g, n, beta, thr) : 0;
}
/* log_sigmoid: buf = wk_vm_expf(-|x|), out = min(x, 0) - wk_vm_log1pf(buf) (minps(0, x) keeps a
 * NaN x); backward out = (m - (2m - 1) * (b / (1 + b))) * g, m = (x < 0), unfused as PyTorch's. */
static WK_AVX2 int64_t logsigmoidf_n_avx2(float *out, float *buf, const float *in, int64_t n) {
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 x = _mm256_loadu_ps(in + i), b = v_expf(_mm256_or_ps(x, v_set(-0.0f)));
        _mm256_storeu_ps(buf + i, b);
        _mm256_storeu_ps(out + i, _mm256_sub_ps(_mm256_min_ps(_mm256_setzero_ps(), x), v_log1pf(b)));
    }
    return i;
}
static WK_AVX2 int64_t logsigmoidf_bw_n_avx2(float *out, const float *x, const float *b, const float *g, int64_t n) {
    const __m256 one = v_set(1.0f);
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 m = _mm256_and_ps(_mm256_cmp_ps(_mm256_loadu_ps(x + i), _mm256_setzero_ps(), _CMP_LT_OQ), one);
        __m256 vb = _mm256_loadu_ps(b + i), q = _mm256_div_ps(vb, _mm256_add_ps(one, vb));
        __m256 sign = _mm256_sub_ps(_mm256_mul_ps(v_set(2.0f), m), one);
        __m256 r = _mm256_mul_ps(_mm256_sub_ps(m, _mm256_mul_ps(sign, q)), _mm256_loadu_ps(g + i));
        _mm256_storeu_ps(out + i, r);
    }
    return i;
}
int64_t wk_vm_logsigmoidf_n(float *out, float *buf, const float *in, int64_t n) {
    return wk_vm_have_avx2() ? logsigmoidf_n_avx2(out, buf, in, n) : 0;
}
int64_t wk_vm_logsigmoidf_bw_n(float *out, const float *x, const float *b, const float *g, int64_t n) {
    return wk_vm_have_avx2() ? logsigmoidf_bw_n_avx2(out, x, b, g, n) : 0;
}

/* wk_vm_exp (float64, cpu_vmath64.c) on 4 lanes: the same operations in the same order.
 * cvtpd2dq gives INT32_MIN out of range, as the scalar rint_i64. */
WK_AVX2_INLINE __m256d v_pow2i_pd(__m128i q) {
    __m256i e = _mm256_add_epi64(_mm256_cvtepi32_epi64(q), _mm256_set1_epi64x(0x3ff));
    return _mm256_castsi256_pd(_mm256_slli_epi64(e, 52));
}
WK_AVX2_INLINE __m256d v_exp_pd(__m256d d) {
    __m256d u = _mm256_round_pd(_mm256_mul_pd(d, _mm256_set1_pd(1.442695040888963407359924681001892137426645954152985934135449406931)),
                                _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m128i q = _mm256_cvtpd_epi32(u);
    __m256d s = _mm256_fmadd_pd(u, _mm256_set1_pd(-.69314718055966295651160180568695068359375), d);
    s = _mm256_fmadd_pd(u, _mm256_set1_pd(-.28235290563031577122588448175013436025525412068e-12), s);
    __m256d s2 = _mm256_mul_pd(s, s), s4 = _mm256_mul_pd(s2, s2), s8 = _mm256_mul_pd(s4, s4);
#define C_(v) _mm256_set1_pd(v)
    __m256d p98 = _mm256_fmadd_pd(s, C_(+0.2081276378237164457e-8), C_(+0.2511210703042288022e-7));
    __m256d p76 = _mm256_fmadd_pd(s, C_(+0.2755762628169491192e-6), C_(+0.2755723402025388239e-5));
    __m256d p54 = _mm256_fmadd_pd(s, C_(+0.2480158687479686264e-4), C_(+0.1984126989855865850e-3));
    __m256d p32 = _mm256_fmadd_pd(s, C_(+0.1388888888914497797e-2), C_(+0.8333333333314938210e-2));
    __m256d p10 = _mm256_fmadd_pd(s, C_(+0.4166666666666602598e-1), C_(+0.1666666666666669072e+0));
    u = _mm256_fmadd_pd(s8, p98, _mm256_fmadd_pd(s4, _mm256_fmadd_pd(s2, p76, p54), _mm256_fmadd_pd(s2, p32, p10)));
    u = _mm256_fmadd_pd(u, s, C_(0.5));
    u = _mm256_fmadd_pd(u, s, C_(1));
    u = _mm256_fmadd_pd(u, s, C_(1));
    __m128i h = _mm_srai_epi32(q, 1);
    u = _mm256_mul_pd(_mm256_mul_pd(u, v_pow2i_pd(h)), v_pow2i_pd(_mm_sub_epi32(q, h)));
    u = _mm256_blendv_pd(u, C_(__builtin_inf()), _mm256_cmp_pd(d, C_(0x1.62e42fefa39efp+9), _CMP_GT_OQ));
    u = _mm256_blendv_pd(u, _mm256_setzero_pd(), _mm256_cmp_pd(d, C_(-1000), _CMP_LT_OQ));
#undef C_
    return _mm256_blendv_pd(u, d, _mm256_cmp_pd(d, d, _CMP_UNORD_Q));
}
/* wk_vm_log1p (float64, cpu_vmath64.c) on 4 lanes: the same double-double steps in the same
 * order. The exponent e stays in 64-bit lanes; (double)e by the 1.5 * 2^52 bias (|e| < 1100). */
typedef struct { __m256d x, y; } vdd;
WK_AVX2_INLINE __m256d v_pd(double v) { return _mm256_set1_pd(v); }
WK_AVX2_INLINE __m256d v_log1p_pd(__m256d d) {
    const __m256d one = v_pd(1), two = v_pd(2);
    __m256d dp1 = _mm256_add_pd(d, one);
    __m256d tiny = _mm256_cmp_pd(dp1, v_pd(0x1p-1022), _CMP_LT_OQ);
    dp1 = _mm256_blendv_pd(dp1, _mm256_mul_pd(dp1, v_pd(0x1p64)), tiny);
    __m256i b = _mm256_srli_epi64(_mm256_castpd_si256(_mm256_mul_pd(dp1, v_pd(1.0 / 0.75))), 52);
    __m256i e = _mm256_sub_epi64(_mm256_and_si256(b, _mm256_set1_epi64x(0x7ff)), _mm256_set1_epi64x(0x3ff));
    __m256i minus_e = _mm256_sub_epi64(_mm256_setzero_si256(), e);
    __m256d t = _mm256_castsi256_pd(_mm256_add_epi64(_mm256_castpd_si256(one), _mm256_slli_epi64(minus_e, 52)));
    __m256d m = _mm256_fmadd_pd(d, t, _mm256_sub_pd(t, one));
    e = _mm256_sub_epi64(e, _mm256_and_si256(_mm256_castpd_si256(tiny), _mm256_set1_epi64x(64)));
    __m256d bias = v_pd(0x1.8p52);
    __m256d ef = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_add_epi64(e, _mm256_castpd_si256(bias))), bias);
    vdd s;
    s.x = _mm256_mul_pd(v_pd(0.693147180559945286226764), ef);
    s.y = _mm256_fmadd_pd(v_pd(2.319046813846299558417771e-17), ef, _mm256_fmsub_pd(v_pd(0.693147180559945286226764), ef, s.x));
    __m256d two_m = _mm256_add_pd(two, m), den_y = _mm256_add_pd(_mm256_sub_pd(two, two_m), m);
    __m256d rt = _mm256_div_pd(one, two_m);
    vdd x;
    x.x = _mm256_mul_pd(m, rt);
    __m256d u = _mm256_fmsub_pd(rt, m, x.x);
    __m256d v = _mm256_fnmadd_pd(den_y, rt, _mm256_fnmadd_pd(two_m, rt, one));
    x.y = _mm256_fmadd_pd(x.x, v, _mm256_fmadd_pd(_mm256_setzero_pd(), rt, u));
    __m256d x2 = _mm256_mul_pd(x.x, x.x), x4 = _mm256_mul_pd(x2, x2), x8 = _mm256_mul_pd(x4, x4);
    __m256d p = _mm256_fmadd_pd(x8, _mm256_fmadd_pd(x4, v_pd(0.1532076988502701353), _mm256_fmadd_pd(x2, v_pd(0.1525629051003428716), v_pd(0.1818605932937785996))),
                                _mm256_fmadd_pd(x4, _mm256_fmadd_pd(x2, v_pd(0.2222214519839380009), v_pd(0.2857142932794299317)),
                                                _mm256_fmadd_pd(x2, v_pd(0.3999999999635251990), v_pd(0.6666666666667333541))));
    __m256d yx = _mm256_mul_pd(x.x, two), yy = _mm256_mul_pd(x.y, two);  /* s + 2x, then + x^3 p */
    __m256d rx = _mm256_add_pd(s.x, yx);
    __m256d ry = _mm256_add_pd(_mm256_add_pd(_mm256_add_pd(_mm256_sub_pd(s.x, rx), yx), s.y), yy);
    __m256d w = _mm256_mul_pd(_mm256_mul_pd(x2, x.x), p);
    __m256d r2x = _mm256_add_pd(rx, w);
    __m256d r2y = _mm256_add_pd(_mm256_add_pd(_mm256_sub_pd(rx, r2x), w), ry);
    __m256d r = _mm256_add_pd(r2x, r2y);
    r = _mm256_blendv_pd(r, v_pd(__builtin_inf()), _mm256_cmp_pd(d, v_pd(1e+307), _CMP_GT_OQ));
    __m256d bad = _mm256_or_pd(_mm256_cmp_pd(d, v_pd(-1), _CMP_LT_OQ), _mm256_cmp_pd(d, d, _CMP_UNORD_Q));
    r = _mm256_blendv_pd(r, v_pd(__builtin_nan("")), bad);
    r = _mm256_blendv_pd(r, v_pd(-__builtin_inf()), _mm256_cmp_pd(d, v_pd(-1), _CMP_EQ_OQ));
    __m256d negzero = _mm256_castsi256_pd(_mm256_cmpeq_epi64(_mm256_castpd_si256(d), _mm256_castpd_si256(v_pd(-0.0))));
    return _mm256_blendv_pd(r, v_pd(-0.0), negzero);
}
static WK_AVX2 int64_t log1p_pd_n_avx2(double *out, const double *in, int64_t n) {
    int64_t i = 0;
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(out + i, v_log1p_pd(_mm256_loadu_pd(in + i)));
    return i;
}
int64_t wk_vm_log1p_n(double *out, const double *in, int64_t n) {
    return wk_vm_have_avx2() ? log1p_pd_n_avx2(out, in, n) : 0;
}
/* float64 sigmoid's SIMD form: 1 / ((0 - x).exp() + 1) with wk_vm_exp's bits */
static WK_AVX2 int64_t sigmoid_pd_n_avx2(double *out, const double *in, int64_t n) {
    const __m256d one = v_pd(1);
    int64_t i = 0;
    for (; i + 4 <= n; i += 4) {
        __m256d e = v_exp_pd(_mm256_sub_pd(_mm256_setzero_pd(), _mm256_loadu_pd(in + i)));
        _mm256_storeu_pd(out + i, _mm256_div_pd(one, _mm256_add_pd(e, one)));
    }
    return i;
}
int64_t wk_vm_sigmoid_n(double *out, const double *in, int64_t n) {
    return wk_vm_have_avx2() ? sigmoid_pd_n_avx2(out, in, n) : 0;
}
/* log_sigmoid in float64 (as logsigmoidf_n_avx2 below, 4 lanes) */
static WK_AVX2 int64_t logsigmoid_pd_n_avx2(double *out, double *buf, const double *in, int64_t n) {
    int64_t i = 0;
    for (; i + 4 <= n; i += 4) {
        __m256d x = _mm256_loadu_pd(in + i), b = v_exp_pd(_mm256_or_pd(x, v_pd(-0.0)));
        _mm256_storeu_pd(buf + i, b);
        _mm256_storeu_pd(out + i, _mm256_sub_pd(_mm256_min_pd(_mm256_setzero_pd(), x), v_log1p_pd(b)));
    }
    return i;
}
static WK_AVX2 int64_t logsigmoid_pd_bw_n_avx2(double *out, const double *x, const double *b, const double *g, int64_t n) {
    const __m256d one = v_pd(1);
    int64_t i = 0;
    for (; i + 4 <= n; i += 4) {
        __m256d m = _mm256_and_pd(_mm256_cmp_pd(_mm256_loadu_pd(x + i), _mm256_setzero_pd(), _CMP_LT_OQ), one);
        __m256d vb = _mm256_loadu_pd(b + i), q = _mm256_div_pd(vb, _mm256_add_pd(one, vb));
        __m256d sign = _mm256_sub_pd(_mm256_mul_pd(v_pd(2), m), one);
        _mm256_storeu_pd(out + i, _mm256_mul_pd(_mm256_sub_pd(m, _mm256_mul_pd(sign, q)), _mm256_loadu_pd(g + i)));
    }
    return i;
}
int64_t wk_vm_logsigmoid_n(double *out, double *buf, const double *in, int64_t n) {
    return wk_vm_have_avx2() ? logsigmoid_pd_n_avx2(out, buf, in, n) : 0;
}
int64_t wk_vm_logsigmoid_bw_n(double *out, const double *x, const double *b, const double *g, int64_t n) {
    return wk_vm_have_avx2() ? logsigmoid_pd_bw_n_avx2(out, x, b, g, n) : 0;
}
static WK_AVX2 int64_t exp_pd_n_avx2(double *out, const double *in, int64_t n) {
    int64_t i = 0;
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(out + i, v_exp_pd(_mm256_loadu_pd(in + i)));
    return i;
}
static WK_AVX2 int64_t expf_plain_n_avx2(float *out, const float *in, int64_t n) {
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(out + i, v_expf(_mm256_loadu_ps(in + i)));
    return i;
}
/* wk_vm_erff on 8 lanes */
WK_AVX2_INLINE __m256 v_erff(__m256 x) {
    __m256 sign = _mm256_and_ps(x, v_set(-0.0f)), ax = _mm256_xor_ps(x, sign);
    __m256 t = _mm256_div_ps(v_set(1.0f), _mm256_fmadd_ps(v_set(0.3275911f), ax, v_set(1.0f)));
    __m256 r = _mm256_fmadd_ps(v_set(1.061405429f), t, v_set(-1.453152027f));
    r = _mm256_fmadd_ps(r, t, v_set(1.421413741f));
    r = _mm256_fmadd_ps(r, t, v_set(-0.284496736f));
    r = _mm256_fmadd_ps(r, t, v_set(0.254829592f));
    __m256 e = v_neg(v_expf(v_neg(_mm256_mul_ps(x, x))));
    return _mm256_xor_ps(_mm256_fmadd_ps(_mm256_mul_ps(e, t), r, v_set(1.0f)), sign);
}
/* gelu's SIMD form: x * 0.5 * (1 + erf(x * M_SQRT1_2)) with wk_vm_erff */
static WK_AVX2 int64_t geluf_n_avx2(float *out, const float *in, int64_t n) {
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 x = _mm256_loadu_ps(in + i);
        __m256 e = v_erff(_mm256_mul_ps(x, v_set((float)0.70710678118654752440)));
        _mm256_storeu_ps(out + i, _mm256_mul_ps(_mm256_mul_ps(x, v_set(0.5f)), _mm256_add_ps(v_set(1.0f), e)));
    }
    return i;
}
/* gelu(approximate='tanh')'s SIMD form: 0.5 * x * (1 + tanh(beta * (x + kappa * x^3))), the
 * inner sum fused (GCC contracts PyTorch's vector mul + add into an FMA) */
static WK_AVX2 int64_t gelu_tanhf_n_avx2(float *out, const float *in, int64_t n) {
    const __m256 beta = v_set(WK_VM_GELU_BETA), kappa = v_set(0.044715f), one = v_set(1.0f), half = v_set(0.5f);
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 x = _mm256_loadu_ps(in + i);
        __m256 x3 = _mm256_mul_ps(_mm256_mul_ps(x, x), x);
        __m256 inner = _mm256_mul_ps(beta, _mm256_fmadd_ps(kappa, x3, x));
        _mm256_storeu_ps(out + i, _mm256_mul_ps(_mm256_mul_ps(half, x), _mm256_add_ps(one, v_tanhf(inner))));
    }
    return i;
}
int64_t wk_vm_gelu_tanhf_n(float *out, const float *in, int64_t n) {
    return wk_vm_have_avx2() ? gelu_tanhf_n_avx2(out, in, n) : 0;
}
int64_t wk_vm_geluf_n(float *out, const float *in, int64_t n) {
    return wk_vm_have_avx2() ? geluf_n_avx2(out, in, n) : 0;
}
int64_t wk_vm_exp_n(double *out, const double *in, int64_t n) {
    return wk_vm_have_avx2() ? exp_pd_n_avx2(out, in, n) : 0;
}
int64_t wk_vm_expf_n(float *out, const float *in, int64_t n) {
    return wk_vm_have_avx2() ? expf_plain_n_avx2(out, in, n) : 0;
}

/* Each loop below does the whole 8-element vectors at the start of its arrays and returns
 * how many elements that was (0 without AVX2+FMA); see cpu_vmath.h. */
static WK_AVX2 int64_t expf_n_avx2(float *out, const float *in, int64_t n, float sub, float acc[8]) {
    if (n < 8) return 0;
    __m256 m = v_set(sub);
    __m256 a = v_expf(_mm256_sub_ps(_mm256_loadu_ps(in), m));
    _mm256_storeu_ps(out, a);
    int64_t i = 8;
    for (; i + 8 <= n; i += 8) {
        __m256 e = v_expf(_mm256_sub_ps(_mm256_loadu_ps(in + i), m));
        _mm256_storeu_ps(out + i, e);
        a = _mm256_add_ps(a, e);
    }
    if (acc) _mm256_storeu_ps(acc, a);
    return i;
}
static WK_AVX2 int64_t logf_n_avx2(float *out, const float *in, int64_t n) {
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(out + i, v_logf(_mm256_loadu_ps(in + i)));
    return i;
}
static WK_AVX2 int64_t affine_n_avx2(float *out, const float *in, int64_t n, bool scale, float mul, float a, float b) {
    int64_t i = 0;
    __m256 k = v_set(mul), va = v_set(a), vb = v_set(b);
    if (scale)
        for (; i + 8 <= n; i += 8) _mm256_storeu_ps(out + i, _mm256_mul_ps(k, _mm256_loadu_ps(in + i)));
    else
        for (; i + 8 <= n; i += 8)
            _mm256_storeu_ps(out + i, _mm256_sub_ps(_mm256_sub_ps(_mm256_loadu_ps(in + i), va), vb));
    return i;
}
/* (silu ? x : 1) / (1 + wk_vm_expf(-x)), as cpu_elementwise.c's sigmoid and silu */
static WK_AVX2 int64_t sigmoid_n_avx2(float *out, const float *in, int64_t n, bool silu) {
    int64_t i = 0;
    __m256 one = v_set(1.0f);
    for (; i + 8 <= n; i += 8) {
        __m256 x = _mm256_loadu_ps(in + i);
        __m256 den = _mm256_add_ps(one, v_expf(v_neg(x)));
        _mm256_storeu_ps(out + i, _mm256_div_ps(silu ? x : one, den));
    }
    return i;
}
static WK_AVX2 int64_t tanhf_n_avx2(float *out, const float *in, int64_t n) {
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(out + i, v_tanhf(_mm256_loadu_ps(in + i)));
    return i;
}
int64_t wk_vm_tanhf_n(float *out, const float *in, int64_t n) {
    return wk_vm_have_avx2() ? tanhf_n_avx2(out, in, n) : 0;
}
int64_t wk_vm_sigmoidf_n(float *out, const float *in, int64_t n, bool silu) {
    return wk_vm_have_avx2() ? sigmoid_n_avx2(out, in, n, silu) : 0;
}
int64_t wk_vm_expf_sub_n(float *out, const float *in, int64_t n, float sub, float acc[8]) {
    return wk_vm_have_avx2() ? expf_n_avx2(out, in, n, sub, acc) : 0;
}
int64_t wk_vm_logf_n(float *out, const float *in, int64_t n) {
    return wk_vm_have_avx2() ? logf_n_avx2(out, in, n) : 0;
}
int64_t wk_vm_scale_n(float *out, const float *in, int64_t n, float mul) {
    return wk_vm_have_avx2() ? affine_n_avx2(out, in, n, true, mul, 0, 0) : 0;
}
int64_t wk_vm_sub2_n(float *out, const float *in, int64_t n, float a, float b) {
    return wk_vm_have_avx2() ? affine_n_avx2(out, in, n, false, 1, a, b) : 0;
}

/* vec::reduce_all's lane accumulation over the whole vectors of v[0..n) (n >= 8): the
 * first vector (mapped) seeds acc, each further one folds in lane-wise. */
/* The maximum is a > x ? a : x (_mm256_max_ps) with a lane that has met a NaN ending as
 * NAN: the NaNs are collected apart from the max chain, which keeps its latency short. */
static WK_AVX2 int64_t reduce_avx2(int kind, float acc[8], const float *v, int64_t n, float mx) {
    __m256 m = v_set(mx);
    __m256 a = _mm256_loadu_ps(v);
    __m256 nan = _mm256_cmp_ps(a, a, _CMP_UNORD_Q);
    if (kind == WK_VM_RED_SUMEXP) a = v_expf(_mm256_sub_ps(a, m));
    int64_t d = 8;
    for (; d + 8 <= n; d += 8) {
        __m256 x = _mm256_loadu_ps(v + d);
        if (kind == WK_VM_RED_MAX) {
            nan = _mm256_or_ps(nan, _mm256_cmp_ps(x, x, _CMP_UNORD_Q));
            a = _mm256_max_ps(a, x);
        } else
            a = _mm256_add_ps(a, kind == WK_VM_RED_SUMEXP ? v_expf(_mm256_sub_ps(x, m)) : x);
    }
    if (kind == WK_VM_RED_MAX) a = v_blend_if(a, v_set(__builtin_nanf("")), nan);
    _mm256_storeu_ps(acc, a);
    return d;
}
int64_t wk_vm_reduce8_f32(int kind, float acc[8], const float *v, int64_t n, float mx) {
    return n >= 8 && wk_vm_have_avx2() ? reduce_avx2(kind, acc, v, n, mx) : 0;
}

#else
int wk_vm_have_avx2(void) { return 0; }
int64_t wk_vm_expf_sub_n(float *out, const float *in, int64_t n, float sub, float acc[8]) {
    (void)out; (void)in; (void)n; (void)sub; (void)acc;
    return 0;
}
int64_t wk_vm_logf_n(float *out, const float *in, int64_t n) { (void)out; (void)in; (void)n; return 0; }
int64_t wk_vm_log1pf_n(float *out, const float *in, int64_t n) { (void)out; (void)in; (void)n; return 0; }
int64_t wk_vm_log1p_n(double *out, const double *in, int64_t n) { (void)out; (void)in; (void)n; return 0; }
int64_t wk_vm_sigmoid_n(double *out, const double *in, int64_t n) { (void)out; (void)in; (void)n; return 0; }
int64_t wk_vm_softplusf_n(float *out, const float *in, const float *g, int64_t n, float beta, float thr) {
    (void)out; (void)in; (void)g; (void)n; (void)beta; (void)thr;
    return 0;
}
int64_t wk_vm_logsigmoidf_n(float *out, float *buf, const float *in, int64_t n) {
    (void)out; (void)buf; (void)in; (void)n;
    return 0;
}
int64_t wk_vm_logsigmoidf_bw_n(float *out, const float *x, const float *b, const float *g, int64_t n) {
    (void)out; (void)x; (void)b; (void)g; (void)n;
    return 0;
}
int64_t wk_vm_logsigmoid_n(double *out, double *buf, const double *in, int64_t n) {
    (void)out; (void)buf; (void)in; (void)n;
    return 0;
}
int64_t wk_vm_logsigmoid_bw_n(double *out, const double *x, const double *b, const double *g, int64_t n) {
    (void)out; (void)x; (void)b; (void)g; (void)n;
    return 0;
}
int64_t wk_vm_expf_n(float *out, const float *in, int64_t n) { (void)out; (void)in; (void)n; return 0; }
int64_t wk_vm_geluf_n(float *out, const float *in, int64_t n) { (void)out; (void)in; (void)n; return 0; }
int64_t wk_vm_gelu_tanhf_n(float *out, const float *in, int64_t n) { (void)out; (void)in; (void)n; return 0; }
int64_t wk_vm_exp_n(double *out, const double *in, int64_t n) { (void)out; (void)in; (void)n; return 0; }
int64_t wk_vm_tanhf_n(float *out, const float *in, int64_t n) { (void)out; (void)in; (void)n; return 0; }
int64_t wk_vm_sigmoidf_n(float *out, const float *in, int64_t n, bool silu) {
    (void)out; (void)in; (void)n; (void)silu;
    return 0;
}
int64_t wk_vm_scale_n(float *out, const float *in, int64_t n, float mul) {
    (void)out; (void)in; (void)n; (void)mul;
    return 0;
}
int64_t wk_vm_sub2_n(float *out, const float *in, int64_t n, float a, float b) {
    (void)out; (void)in; (void)n; (void)a; (void)b;
    return 0;
}
int64_t wk_vm_reduce8_f32(int kind, float acc[8], const float *v, int64_t n, float mx) {
    (void)kind; (void)acc; (void)v; (void)n; (void)mx;
    return 0;
}
#endif
