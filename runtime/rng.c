/* rng.c — PyTorch's CPU generator: MT19937, uniform/normal (scalar and 16-wide Box-Muller), integers, Bernoulli, randperm. */
#include "rng.h"
#include "cpu_iter.h"
#include "cpu_vmath.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Bit-exactness needs every fused multiply-add written out explicitly (torch-compat.md 2.4). */
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

#define DEFAULT_SEED 67280421310721ULL

static wk_rng_compat g_compat = WK_RNG_COMPAT_2X;
void wk_rng_set_compat(wk_rng_compat c) { g_compat = c; }
wk_rng_compat wk_rng_get_compat(void) { return g_compat; }

/* ------------------------------------------------------------------ MT19937 */

void wk_rng_seed(wk_generator *g, uint64_t seed) {
    g->seed = seed;
    g->mt[0] = (uint32_t)seed;
    for (uint32_t j = 1; j < WK_MT_WORDS; j++)
        g->mt[j] = 1812433253u * (g->mt[j - 1] ^ (g->mt[j - 1] >> 30)) + j;
    g->next = WK_MT_WORDS;
    g->has_normal = false;
    g->next_normal = 0;
}

static inline uint32_t mt_mix(uint32_t a, uint32_t b, uint32_t far) {
    uint32_t y = (a & 0x80000000u) | (b & 0x7fffffffu);
    return far ^ (y >> 1) ^ ((y & 1u) ? 0x9908b0dfu : 0u);
}

/* The MT19937 state update, in the three index ranges where i + 1 and i + 397 do or do not
 * wrap (no modulo in the loops). */
static void twist(wk_generator *g) {
    enum { N = WK_MT_WORDS, M = 397 };
    uint32_t *m = g->mt;
    int i = 0;
    for (; i < N - M; i++) m[i] = mt_mix(m[i], m[i + 1], m[i + M]);
    for (; i < N - 1; i++) m[i] = mt_mix(m[i], m[i + 1], m[i + M - N]);
    m[N - 1] = mt_mix(m[N - 1], m[0], m[M - 1]);
    g->next = 0;
}

uint32_t wk_rng_u32(wk_generator *g) {
    if (g->next >= WK_MT_WORDS) twist(g);
    uint32_t y = g->mt[g->next++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
}

/* n consecutive wk_rng_u32 draws into out (the tempering loop vectorises). */
static void rng_u32_n(wk_generator *g, uint32_t *out, int64_t n) {
    while (n > 0) {
        if (g->next >= WK_MT_WORDS) twist(g);
        int64_t m = WK_MT_WORDS - g->next < n ? WK_MT_WORDS - g->next : n;
        const uint32_t *src = g->mt + g->next;
        for (int64_t i = 0; i < m; i++) {
            uint32_t y = src[i];
            y ^= y >> 11;
            y ^= (y << 7) & 0x9d2c5680u;
            y ^= (y << 15) & 0xefc60000u;
            out[i] = y ^ (y >> 18);
        }
        g->next += (int)m;
        out += m;
        n -= m;
    }
}

uint64_t wk_rng_u64(wk_generator *g) {
    uint64_t hi = wk_rng_u32(g);
    return (hi << 32) | wk_rng_u32(g);
}

float wk_rng_uniform_f32(wk_generator *g) { return (float)(wk_rng_u32(g) & 0xFFFFFFu) * 0x1p-24f; }
double wk_rng_uniform_f64(wk_generator *g) { return (double)(wk_rng_u64(g) & ((1ULL << 53) - 1)) * 0x1p-53; }

static wk_generator g_default;
static bool g_default_ready;

wk_generator *wk_rng_default(void) {
    if (!g_default_ready) {
        wk_rng_seed(&g_default, DEFAULT_SEED);
        g_default.refcount = 1;
        g_default.device = WK_CPU;
        g_default_ready = true;
    }
    return &g_default;
}

wk_generator *wk_rng_new(void) {
    wk_generator *g = calloc(1, sizeof *g);
    if (!g) { wk_rt_err(WK_ERR_OOM, "out of memory"); return NULL; }
    g->refcount = 1;
    g->device = WK_CPU;
    wk_rng_seed(g, DEFAULT_SEED);
    return g;
}

void wk_rng_free(wk_generator *g) { if (g && g != &g_default) free(g); }
uint64_t wk_rng_initial_seed(const wk_generator *g) { return g->seed; }

uint64_t wk_rng_seed_random(wk_generator *g) {
    uint64_t s = 0;
    FILE *f = fopen("/dev/urandom", "rb");
    if (!f || fread(&s, sizeof s, 1, f) != 1) s = (uint64_t)time(NULL) * 6364136223846793005ULL + (uint64_t)clock();
    if (f) fclose(f);
    s &= (1ULL << 63) - 1; /* PyTorch's seeds from /dev/urandom fit in int64 */
    wk_rng_seed(g, s);
    return s;
}

static wk_generator *gen(wk_generator *g) { return g ? g : wk_rng_default(); }

/* ------------------------------------------------------------------ serial element walk */

typedef void (*elem_fn)(char *p, void *ctx);
typedef struct { elem_fn fn; void *ctx; } walk_ctx;

static void walk_row(char **p, const int64_t *s, int64_t n, void *c) {
    walk_ctx *w = c;
    for (int64_t i = 0; i < n; i++) w->fn(p[0] + i * s[0], w->ctx);
}

/* Visits every element once, in memory order (like TensorIterator on a single output). */
static void walk(wk_tensor *t, elem_fn fn, void *ctx) {
    walk_ctx w = {fn, ctx};
    const wk_tensor *ops[1] = {t};
    wk_cpu_foreach(1, ops, walk_row, &w, true);
}

static bool check_cpu(const wk_tensor *t) {
    if (t->storage->device.type != WK_DEV_CPU)
        return wk_rt_err(WK_ERR_RUNTIME, "CPU generator used with a non-CPU tensor");
    return true;
}

/* ------------------------------------------------------------------ uniform */

typedef struct { wk_generator *g; wk_dtype dt; double from, to; } uni_ctx;

static WK_VM_INLINE void uni_elem(char *p, void *c) {
    uni_ctx *u = c;
    switch (u->dt) {
    case WK_DT_F32: {
        float a = (float)u->from, b = (float)u->to, r = b - a;
        *(float *)p = fmaf(wk_rng_uniform_f32(u->g), r, a);
        break;
    }
    case WK_DT_F64:
        *(double *)p = fma(wk_rng_uniform_f64(u->g), u->to - u->from, u->from);
        break;
    case WK_DT_F16: case WK_DT_BF16: {
        /* operands rounded to the dtype, arithmetic in float */
        bool h = u->dt == WK_DT_F16;
        float a = h ? wk_f16_to_f32(wk_f32_to_f16((float)u->from)) : wk_bf16_to_f32(wk_f32_to_bf16((float)u->from));
        float b = h ? wk_f16_to_f32(wk_f32_to_f16((float)u->to)) : wk_bf16_to_f32(wk_f32_to_bf16((float)u->to));
        uint32_t x = wk_rng_u32(u->g);
        float v = h ? (float)(x & 0x7FFu) * 0x1p-11f : (float)(x & 0xFFu) * 0x1p-8f;
        float r = fmaf(v, b - a, a);
        *(uint16_t *)p = h ? wk_f32_to_f16(r) : wk_f32_to_bf16(r);
        break;
    }
    default: break;
    }
}

/* n contiguous elements in order (the FMA clone inlines uni_elem without fmaf() calls). */
WK_VM_CLONES static void fill_uniform(uni_ctx *u, char *p, int64_t n) {
    size_t es = wk_dtype_size(u->dt);
    if (u->dt == WK_DT_F32) {  /* the same draws in bulk, then fmaf(u, b - a, a) */
        float *f = (float *)p, a = (float)u->from, r = (float)u->to - a;
        rng_u32_n(u->g, (uint32_t *)p, n);
        for (int64_t i = 0; i < n; i++) {
            uint32_t w;
            memcpy(&w, f + i, 4);
            f[i] = fmaf((float)(w & 0xFFFFFFu) * 0x1p-24f, r, a);
        }
        return;
    }
    for (int64_t i = 0; i < n; i++) uni_elem(p + (size_t)i * es, u);
}

bool wk_rng_uniform_(wk_tensor *t, double from, double to, wk_generator *g) {
    if (!check_cpu(t)) return false;
    if (!wk_dtype_is_float(t->dtype))
        return wk_rt_err(WK_ERR_RUNTIME, "\"uniform_cpu\" not implemented for '%s'", wk_dtype_scalar_name(t->dtype));
    if (from > to)
        return wk_rt_err(WK_ERR_RUNTIME, "uniform_ expects to return a [from, to) range, but found from=%g > to=%g", from, to);
    uni_ctx u = {gen(g), t->dtype, from, to};
    if (wk_tensor_is_contiguous(t)) fill_uniform(&u, wk_tensor_data(t), wk_tensor_numel(t));
    else walk(t, uni_elem, &u);
    wk_tensor_bump_version(t);
    return true;
}

/* ------------------------------------------------------------------ normal: scalar path */

double wk_rng_normal_scalar(wk_generator *g, double mean, double std) {
    if (g->has_normal) {
        g->has_normal = false;
        return fma(g->next_normal, std, mean);
    }
    double u1 = wk_rng_uniform_f64(g), u2 = wk_rng_uniform_f64(g);
    double r = sqrt(-2.0 * (g_compat == WK_RNG_COMPAT_113 ? log(1.0 - u2) : log1p(-u2)));
    double theta = 2.0 * M_PI * u1;
    g->next_normal = r * sin(theta);
    g->has_normal = true;
    return fma(r * cos(theta), std, mean);
}

typedef struct { wk_generator *g; wk_dtype dt; double mean, std; } norm_ctx;

static void norm_elem(char *p, void *c) {
    norm_ctx *n = c;
    wk_dtype_store_f64(n->dt, p, wk_rng_normal_scalar(n->g, n->mean, n->std));
}

/* ------------------------------------------------------------------ normal: 16-wide paths */

static uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static float bitsf(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }

/* Cephes-style single-precision log as in avx_mathfun (x > 0). */
static WK_VM_INLINE float mf_log(float x) {
    if (x < 0x1p-126f) x = 0x1p-126f;
    float e = (float)((int32_t)(fbits(x) >> 23) - 127) + 1.0f;
    x = bitsf((fbits(x) & ~0x7f800000u) | fbits(0.5f));
    if (x < 0.70710677f) {
        e -= 1.0f;
        float t = x;
        x = x - 1.0f;
        x = x + t;
    } else {
        x = x - 1.0f;
    }
    float z = x * x;
    static const float P[] = {-1.1514610310e-1f, 1.1676998740e-1f, -1.2420140846e-1f, 1.4249322787e-1f,
                              -1.6668057665e-1f, 2.0000714765e-1f, -2.4999993993e-1f, 3.3333331174e-1f};
    float y = 7.0376836292e-2f;
    for (int i = 0; i < 8; i++) y = fmaf(y, x, P[i]);
    y = y * x;
    float eq1 = e * -2.12194440e-4f;
    y = fmaf(y, z, eq1);
    float hz = z * 0.5f;
    y = y - hz;
    x = x + y;
    return fmaf(e, 0.693359375f, x);
}

/* Cephes-style sincos as in avx_mathfun, for x >= 0. */
static WK_VM_INLINE void mf_sincos(float x, float *sout, float *cout) {
    int32_t j = (int32_t)(x * 1.27323954473516f);
    j = (j + 1) & ~1;
    float y = (float)j;
    bool sin_neg = (j & 4) != 0;
    bool cos_neg = ((j - 2) & 4) == 0;
    bool polyA = (j & 2) == 0;
    x = fmaf(y, -0.78515625f, x);
    x = fmaf(y, -2.4187564849853515625e-4f, x);
    x = fmaf(y, -3.77489497744594108e-8f, x);
    float z = x * x;
    float c = fmaf(2.443315711809948e-5f, z, -1.388731625493765e-3f);
    c = fmaf(c, z, 4.166664568298827e-2f);
    c = c * z;
    float hz = z * 0.5f;
    c = fmaf(c, z, -hz);
    c = c + 1.0f;
    float s = fmaf(-1.9515295891e-4f, z, 8.3321608736e-3f);
    s = fmaf(s, z, -1.6666654611e-1f);
    s = s * z;
    s = fmaf(s, x, x);
    float sA = polyA ? s : 0.0f, cA = polyA ? 0.0f : c;
    float sn = cA + sA;
    float cs = (c - cA) + (s - sA);
    if (sin_neg) sn = bitsf(fbits(sn) ^ 0x80000000u);
    if (cos_neg) cs = bitsf(fbits(cs) ^ 0x80000000u);
    *sout = sn;
    *cout = cs;
}

static WK_VM_INLINE void normal16_f32(float *d, float mean, float std) {
    const float two_pi = bitsf(0x40C90FDBu);
    for (int j = 0; j < 8; j++) {
        float a = 1.0f - d[j];
        float radius = sqrtf(-2.0f * mf_log(a));
        float theta = two_pi * d[j + 8];
        float s, c;
        mf_sincos(theta, &s, &c);
        float rc = radius * c, rs = radius * s;
        d[j] = fmaf(rc, std, mean);
        d[j + 8] = fmaf(rs, std, mean);
    }
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define RNG_AVX2 __attribute__((target("avx2,fma")))
#define RNG_AVX2_INLINE static inline __attribute__((always_inline, target("avx2,fma")))
#define PS1(v) _mm256_set1_ps(v)
/* mf_log on 8 lanes (x > 0), the same float operations */
RNG_AVX2_INLINE __m256 v_mf_log(__m256 x) {
    x = _mm256_max_ps(x, PS1(0x1p-126f));
    __m256i b = _mm256_castps_si256(x);
    __m256 e = _mm256_add_ps(_mm256_cvtepi32_ps(_mm256_sub_epi32(_mm256_srli_epi32(b, 23), _mm256_set1_epi32(127))), PS1(1.0f));
    x = _mm256_castsi256_ps(_mm256_or_si256(_mm256_and_si256(b, _mm256_set1_epi32(~0x7f800000)), _mm256_set1_epi32(0x3f000000)));
    __m256 small = _mm256_cmp_ps(x, PS1(0.70710677f), _CMP_LT_OQ);
    __m256 t = _mm256_and_ps(x, small);
    e = _mm256_sub_ps(e, _mm256_and_ps(PS1(1.0f), small));
    x = _mm256_add_ps(_mm256_sub_ps(x, PS1(1.0f)), t);
    __m256 z = _mm256_mul_ps(x, x);
    static const float P[] = {-1.1514610310e-1f, 1.1676998740e-1f, -1.2420140846e-1f, 1.4249322787e-1f,
                              -1.6668057665e-1f, 2.0000714765e-1f, -2.4999993993e-1f, 3.3333331174e-1f};
    __m256 y = PS1(7.0376836292e-2f);
    for (int i = 0; i < 8; i++) y = _mm256_fmadd_ps(y, x, PS1(P[i]));
    y = _mm256_mul_ps(y, x);
    y = _mm256_fmadd_ps(y, z, _mm256_mul_ps(e, PS1(-2.12194440e-4f)));
    y = _mm256_sub_ps(y, _mm256_mul_ps(z, PS1(0.5f)));
    x = _mm256_add_ps(x, y);
    return _mm256_fmadd_ps(e, PS1(0.693359375f), x);
}
/* mf_sincos on 8 lanes (x >= 0) */
RNG_AVX2_INLINE void v_mf_sincos(__m256 x, __m256 *sout, __m256 *cout) {
    __m256i j = _mm256_cvttps_epi32(_mm256_mul_ps(x, PS1(1.27323954473516f)));
    j = _mm256_and_si256(_mm256_add_epi32(j, _mm256_set1_epi32(1)), _mm256_set1_epi32(~1));
    __m256 y = _mm256_cvtepi32_ps(j);
    __m256 sin_sign = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_and_si256(j, _mm256_set1_epi32(4)), 29));
    __m256i jm2 = _mm256_sub_epi32(j, _mm256_set1_epi32(2));
    __m256 cos_sign = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_andnot_si256(jm2, _mm256_set1_epi32(4)), 29));
    __m256 polyA = _mm256_castsi256_ps(_mm256_cmpeq_epi32(_mm256_and_si256(j, _mm256_set1_epi32(2)), _mm256_setzero_si256()));
    x = _mm256_fmadd_ps(y, PS1(-0.78515625f), x);
    x = _mm256_fmadd_ps(y, PS1(-2.4187564849853515625e-4f), x);
    x = _mm256_fmadd_ps(y, PS1(-3.77489497744594108e-8f), x);
    __m256 z = _mm256_mul_ps(x, x);
    __m256 c = _mm256_fmadd_ps(PS1(2.443315711809948e-5f), z, PS1(-1.388731625493765e-3f));
    c = _mm256_fmadd_ps(c, z, PS1(4.166664568298827e-2f));
    c = _mm256_mul_ps(c, z);
    c = _mm256_fmadd_ps(c, z, _mm256_xor_ps(_mm256_mul_ps(z, PS1(0.5f)), PS1(-0.0f)));
    c = _mm256_add_ps(c, PS1(1.0f));
    __m256 sp = _mm256_fmadd_ps(PS1(-1.9515295891e-4f), z, PS1(8.3321608736e-3f));
    sp = _mm256_fmadd_ps(sp, z, PS1(-1.6666654611e-1f));
    sp = _mm256_mul_ps(sp, z);
    sp = _mm256_fmadd_ps(sp, x, x);
    __m256 sA = _mm256_and_ps(polyA, sp), cA = _mm256_andnot_ps(polyA, c);
    *sout = _mm256_xor_ps(_mm256_add_ps(cA, sA), sin_sign);
    *cout = _mm256_xor_ps(_mm256_add_ps(_mm256_sub_ps(c, cA), _mm256_sub_ps(sp, sA)), cos_sign);
}
/* normal16_f32 on nblocks consecutive blocks of 16 */
static RNG_AVX2 void normal_blocks_f32_avx2(float *d, int64_t nblocks, float mean, float std) {
    const __m256 two_pi = _mm256_castsi256_ps(_mm256_set1_epi32(0x40C90FDB)), vm = PS1(mean), vs = PS1(std);
    for (int64_t b = 0; b < nblocks; b++, d += 16) {
        __m256 a = _mm256_sub_ps(PS1(1.0f), _mm256_loadu_ps(d));
        __m256 radius = _mm256_sqrt_ps(_mm256_mul_ps(PS1(-2.0f), v_mf_log(a)));
        __m256 s, c;
        v_mf_sincos(_mm256_mul_ps(two_pi, _mm256_loadu_ps(d + 8)), &s, &c);
        _mm256_storeu_ps(d, _mm256_fmadd_ps(_mm256_mul_ps(radius, c), vs, vm));
        _mm256_storeu_ps(d + 8, _mm256_fmadd_ps(_mm256_mul_ps(radius, s), vs, vm));
    }
}
#undef PS1
static bool normal_blocks_f32(float *d, int64_t nblocks, float mean, float std) {
    if (!wk_vm_have_avx2()) return false;
    normal_blocks_f32_avx2(d, nblocks, mean, std);
    return true;
}
#else
static bool normal_blocks_f32(float *d, int64_t nblocks, float mean, float std) {
    (void)d; (void)nblocks; (void)mean; (void)std;
    return false;
}
#endif

static void normal16_f64(double *d, double mean, double std) {
    for (int j = 0; j < 8; j++) {
        double radius = sqrt(-2.0 * log(1.0 - d[j]));
        double theta = 2.0 * M_PI * d[j + 8];
        double rc = radius * cos(theta), rs = radius * sin(theta);
        d[j] = fma(rc, std, mean);
        d[j + 8] = fma(rs, std, mean);
    }
}

/* Half/bfloat16: PyTorch's generic kernel in the dtype itself. Named intermediates (u1, u2,
 * radius, theta) are rounded to the dtype. Half arithmetic happens in float; c10's BFloat16 also
 * has log/sqrt/sin/cos and operators returning BFloat16, so every bf16 step is rounded. */
static float round_h(bool half, float v) {
    return half ? wk_f16_to_f32(wk_f32_to_f16(v)) : wk_bf16_to_f32(wk_f32_to_bf16(v));
}

static void normal16_h(uint16_t *d, bool half, float mean, float std) {
    for (int j = 0; j < 8; j++) {
        float u1 = round_h(half, 1.0f - (half ? wk_f16_to_f32(d[j]) : wk_bf16_to_f32(d[j])));
        float u2 = half ? wk_f16_to_f32(d[j + 8]) : wk_bf16_to_f32(d[j + 8]);
        float theta = round_h(half, (float)(2.0 * M_PI * (double)u2));
        float a, b;
        if (half) {
            float radius = round_h(half, sqrtf(-2.0f * logf(u1)));
            a = fmaf(radius * cosf(theta), std, mean);
            b = fmaf(radius * sinf(theta), std, mean);
        } else {
            float radius = round_h(false, sqrtf(round_h(false, -2.0f * round_h(false, logf(u1)))));
            float c = round_h(false, cosf(theta)), s = round_h(false, sinf(theta));
            a = round_h(false, round_h(false, round_h(false, radius * c) * std) + mean);
            b = round_h(false, round_h(false, round_h(false, radius * s) * std) + mean);
        }
        d[j] = half ? wk_f32_to_f16(a) : wk_f32_to_bf16(a);
        d[j + 8] = half ? wk_f32_to_f16(b) : wk_f32_to_bf16(b);
    }
}

static void fill_uniform01(wk_generator *g, wk_dtype dt, char *p, int64_t n) {
    uni_ctx u = {g, dt, 0.0, 1.0};
    fill_uniform(&u, p, n);
}

static WK_VM_INLINE void normal16(wk_dtype dt, char *p, double mean, double std) {
    if (dt == WK_DT_F32) normal16_f32((float *)p, (float)mean, (float)std);
    else if (dt == WK_DT_F64) normal16_f64((double *)p, mean, std);
    else normal16_h((uint16_t *)p, dt == WK_DT_F16, round_h(dt == WK_DT_F16, (float)mean), round_h(dt == WK_DT_F16, (float)std));
}

/* FMA clone where the CPU has it: the Box-Muller helpers inline into it without fmaf() calls. */
WK_VM_CLONES static void normal_vectorised(wk_tensor *t, double mean, double std, wk_generator *g) {
    int64_t n = wk_tensor_numel(t);
    size_t es = wk_dtype_size(t->dtype);
    char *d = wk_tensor_data(t);
    bool f32 = t->dtype == WK_DT_F32;
    fill_uniform01(g, t->dtype, d, n);
    if (!f32 || !normal_blocks_f32((float *)d, n / 16, (float)mean, (float)std))
        for (int64_t i = 0; i + 16 <= n; i += 16) normal16(t->dtype, d + (size_t)i * es, mean, std);
    if (n % 16 != 0) {
        char *tail = d + (size_t)(n - 16) * es;
        fill_uniform01(g, t->dtype, tail, 16);
        if (!f32 || !normal_blocks_f32((float *)tail, 1, (float)mean, (float)std)) normal16(t->dtype, tail, mean, std);
    }
}

bool wk_rng_normal_(wk_tensor *t, double mean, double std, wk_generator *g) {
    if (!check_cpu(t)) return false;
    if (!wk_dtype_is_float(t->dtype))
        return wk_rt_err(WK_ERR_RUNTIME, "\"normal_kernel_cpu\" not implemented for '%s'", wk_dtype_scalar_name(t->dtype));
    if (std < 0) return wk_rt_err(WK_ERR_RUNTIME, "normal expects std >= 0.0, but found std %g", std);
    g = gen(g);
    if (wk_tensor_is_contiguous(t) && wk_tensor_numel(t) >= 16) {
        normal_vectorised(t, mean, std, g);
    } else {
        norm_ctx c = {g, t->dtype, mean, std};
        walk(t, norm_elem, &c);
    }
    wk_tensor_bump_version(t);
    return true;
}

/* ------------------------------------------------------------------ integers */

typedef struct { wk_generator *g; wk_dtype dt; int64_t low; uint64_t range; bool wide; } int_ctx;

static void int_elem(char *p, void *c) {
    int_ctx *k = c;
    uint64_t v = k->wide ? wk_rng_u64(k->g) : wk_rng_u32(k->g);
    int64_t r = (int64_t)(v % k->range + (uint64_t)k->low);
    if (wk_dtype_is_float(k->dt)) wk_dtype_store_f64(k->dt, p, (double)r);
    else wk_dtype_store_i64(k->dt, p, r);
}

/* from and to - 1 must fit an integer dtype (PyTorch's CHECK_OUT_OF_BOUNDS). */
static bool int_bounds_ok(wk_dtype dt, int64_t low, int64_t high) {
    static const struct { wk_dtype dt; int64_t lo, hi; } lim[] = {
        { WK_DT_BOOL, 0, 1 }, { WK_DT_U8, 0, 255 }, { WK_DT_I8, -128, 127 }, { WK_DT_I16, INT16_MIN, INT16_MAX },
        { WK_DT_I32, INT32_MIN, INT32_MAX },
    };
    for (size_t i = 0; i < sizeof lim / sizeof lim[0]; i++) {
        if (lim[i].dt != dt) continue;
        if (low < lim[i].lo || low > lim[i].hi)
            return wk_rt_err(WK_ERR_RUNTIME, "from is out of bounds for %s", wk_dtype_ctype_name(dt));
        if (high - 1 < lim[i].lo || high - 1 > lim[i].hi)
            return wk_rt_err(WK_ERR_RUNTIME, "to - 1 is out of bounds for %s", wk_dtype_ctype_name(dt));
    }
    return true;
}

bool wk_rng_random_(wk_tensor *t, int64_t low, int64_t high, wk_generator *g) {
    if (!check_cpu(t)) return false;
    if (low >= high)
        return wk_rt_err(WK_ERR_RUNTIME, "random_ expects 'from' to be less than 'to', but got from=%lld >= to=%lld",
                         (long long)low, (long long)high);
    if (!int_bounds_ok(t->dtype, low, high)) return false;
    uint64_t range = (uint64_t)high - (uint64_t)low;
    uint64_t wide_from = g_compat == WK_RNG_COMPAT_113 ? (1ULL << 32) : (1ULL << 28);
    int_ctx k = {gen(g), t->dtype, low, range, range >= wide_from};
    walk(t, int_elem, &k);
    wk_tensor_bump_version(t);
    return true;
}

typedef struct { wk_generator *g; wk_dtype dt; } full_ctx;

static void full_elem(char *p, void *c) {
    full_ctx *k = c;
    switch (k->dt) {
    case WK_DT_I64: wk_dtype_store_i64(k->dt, p, (int64_t)(wk_rng_u64(k->g) & ((1ULL << 63) - 1))); break;
    case WK_DT_F64: wk_dtype_store_f64(k->dt, p, (double)(wk_rng_u64(k->g) % ((1ULL << 53) + 1))); break;
    case WK_DT_F32: wk_dtype_store_f64(k->dt, p, (double)(wk_rng_u32(k->g) % ((1ULL << 24) + 1))); break;
    case WK_DT_F16: wk_dtype_store_f64(k->dt, p, (double)(wk_rng_u32(k->g) % ((1ULL << 11) + 1))); break;
    case WK_DT_BF16: wk_dtype_store_f64(k->dt, p, (double)(wk_rng_u32(k->g) % ((1ULL << 8) + 1))); break;
    case WK_DT_BOOL: wk_dtype_store_i64(k->dt, p, wk_rng_u32(k->g) & 1); break;
    case WK_DT_U8: wk_dtype_store_i64(k->dt, p, wk_rng_u32(k->g) % 256); break;
    case WK_DT_I8: wk_dtype_store_i64(k->dt, p, wk_rng_u32(k->g) % 128); break;
    case WK_DT_I16: wk_dtype_store_i64(k->dt, p, wk_rng_u32(k->g) % 32768); break;
    default: wk_dtype_store_i64(k->dt, p, wk_rng_u32(k->g) % 2147483648u); break;
    }
}

bool wk_rng_random_full_(wk_tensor *t, wk_generator *g) {
    if (!check_cpu(t)) return false;
    full_ctx k = {gen(g), t->dtype};
    walk(t, full_elem, &k);
    wk_tensor_bump_version(t);
    return true;
}

/* ------------------------------------------------------------------ Bernoulli */

typedef struct { wk_generator *g; wk_dtype dt; double p; } bern_ctx;

static void bern_elem(char *p, void *c) {
    bern_ctx *k = c;
    wk_dtype_store_i64(k->dt, p, wk_rng_uniform_f64(k->g) < k->p);
}

bool wk_rng_bernoulli_(wk_tensor *t, double p, wk_generator *g) {
    if (!check_cpu(t)) return false;
    if (!(p >= 0 && p <= 1)) return wk_rt_err(WK_ERR_RUNTIME, "bernoulli_ expects p to be in [0, 1], but got p=%g", p);
    bern_ctx k = {gen(g), t->dtype, p};
    walk(t, bern_elem, &k);
    wk_tensor_bump_version(t);
    return true;
}

typedef struct { wk_generator *g; wk_dtype dt, pdt; } bernt_ctx;

static void bernt_row(char **p, const int64_t *s, int64_t n, void *c) {
    bernt_ctx *k = c;
    for (int64_t i = 0; i < n; i++) {
        double prob = wk_dtype_load_f64(k->pdt, p[1] + i * s[1]);
        double u = k->pdt == WK_DT_F64 ? wk_rng_uniform_f64(k->g) : (double)wk_rng_uniform_f32(k->g);
        wk_dtype_store_i64(k->dt, p[0] + i * s[0], u < prob);
    }
}

/* every probability in [0, 1] (PyTorch's bernoulli_distribution check) */
static bool probs_valid(const wk_tensor *p) {
    if (!wk_dtype_is_float(p->dtype))
        return wk_rt_err(WK_ERR_RUNTIME, "\"bernoulli_tensor_cpu_p_\" not implemented for '%s'", wk_dtype_scalar_name(p->dtype));
    int64_t n = wk_tensor_numel(p);
    for (int64_t i = 0; i < n; i++) {
        double v = wk_scalar_to_f64(wk_tensor_get_flat(p, i));
        if (!(v >= 0 && v <= 1))
            return wk_rt_err(WK_ERR_RUNTIME, "Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error "
                             "message be improved?  If so, please report an enhancement request to PyTorch.)");
    }
    return true;
}

bool wk_rng_bernoulli_tensor_(wk_tensor *t, const wk_tensor *p, wk_generator *g) {
    if (!check_cpu(t) || !probs_valid(p)) return false;
    wk_tensor *pe = wk_tensor_expand(p, t->ndim, t->shape);
    if (!pe) return false;
    bernt_ctx k = {gen(g), t->dtype, p->dtype};
    const wk_tensor *ops[2] = {t, pe};
    wk_cpu_foreach(2, ops, bernt_row, &k, true);
    wk_tensor_decref(pe);
    wk_tensor_bump_version(t);
    return true;
}

/* ------------------------------------------------------------------ randperm */

bool wk_rng_randperm(wk_tensor *out, wk_generator *g) {
    if (!check_cpu(out)) return false;
    if (out->ndim != 1) return wk_rt_err(WK_ERR_RUNTIME, "randperm output must be 1-D");
    int64_t n = out->shape[0];
    if (!wk_dtype_is_float(out->dtype) && !wk_tensor_value_fits(out->dtype, wk_scalar_int(n > 0 ? n - 1 : n))) return false;
    g = gen(g);
    int64_t *perm = malloc((size_t)(n ? n : 1) * sizeof *perm);
    if (!perm) return wk_rt_err(WK_ERR_OOM, "out of memory");
    for (int64_t i = 0; i < n; i++) perm[i] = i;
    bool wide = (uint64_t)n >= (1ULL << 32) / 20;
    for (int64_t i = 0; i + 1 < n; i++) {
        uint64_t r = wide ? wk_rng_u64(g) : wk_rng_u32(g);
        int64_t z = (int64_t)(r % (uint64_t)(n - i));
        int64_t tmp = perm[i];
        perm[i] = perm[i + z];
        perm[i + z] = tmp;
    }
    int64_t es = (int64_t)wk_dtype_size(out->dtype);
    char *d = wk_tensor_data(out);
    for (int64_t i = 0; i < n; i++) wk_dtype_store_i64(out->dtype, d + i * out->stride[0] * es, perm[i]);
    free(perm);
    wk_tensor_bump_version(out);
    return true;
}

/* ------------------------------------------------------------------ state blob */

/* PyTorch's CPUGeneratorImplState (x86-64 layout, 5056 bytes): the legacy THGeneratorState
 * {u64 initial_seed; i32 left; i32 seeded; u64 next; u64 state[624]; f64 normal_x, normal_y,
 * normal_rho; i32 normal_is_valid;} padded to 5048, then f32 next_float_normal_sample and
 * bool is_next_float_normal_sample_valid. normal_y holds the cached Box-Muller value. */
enum { ST_SEED = 0, ST_LEFT = 8, ST_SEEDED = 12, ST_NEXT = 16, ST_MT = 24, ST_NX = 5016, ST_NY = 5024,
       ST_NRHO = 5032, ST_NVALID = 5040 };

static void put(uint8_t *b, size_t off, const void *v, size_t n) { memcpy(b + off, v, n); }

void wk_rng_get_state(const wk_generator *g, uint8_t *buf) {
    memset(buf, 0, WK_RNG_STATE_BYTES);
    int32_t left = g->next >= WK_MT_WORDS ? 1 : WK_MT_WORDS + 1 - g->next, seeded = 1, valid = g->has_normal;
    uint64_t next = (uint64_t)(g->next >= WK_MT_WORDS ? WK_MT_WORDS : g->next);
    double ny = g->has_normal ? g->next_normal : 0.0;
    put(buf, ST_SEED, &g->seed, 8);
    put(buf, ST_LEFT, &left, 4);
    put(buf, ST_SEEDED, &seeded, 4);
    put(buf, ST_NEXT, &next, 8);
    for (int i = 0; i < WK_MT_WORDS; i++) {
        uint64_t w = g->mt[i];
        put(buf, ST_MT + 8 * (size_t)i, &w, 8);
    }
    put(buf, ST_NY, &ny, 8);
    put(buf, ST_NVALID, &valid, 4);
}

bool wk_rng_set_state(wk_generator *g, const uint8_t *buf, int64_t n) {
    if (n != WK_RNG_STATE_BYTES && n != WK_RNG_STATE_LEGACY_BYTES)
        return wk_rt_err(WK_ERR_RUNTIME, "Expected either a CPUGeneratorImplStateLegacy of size %d or a CPUGeneratorImplState "
                         "of size %d but found the input RNG state size to be %lld", WK_RNG_STATE_LEGACY_BYTES,
                         WK_RNG_STATE_BYTES, (long long)n);
    int32_t left, seeded, valid;
    uint64_t next, seed;
    double nx, ny, rho;
    memcpy(&seed, buf + ST_SEED, 8);
    memcpy(&left, buf + ST_LEFT, 4);
    memcpy(&seeded, buf + ST_SEEDED, 4);
    memcpy(&next, buf + ST_NEXT, 8);
    memcpy(&nx, buf + ST_NX, 8);
    memcpy(&ny, buf + ST_NY, 8);
    memcpy(&rho, buf + ST_NRHO, 8);
    memcpy(&valid, buf + ST_NVALID, 4);
    if (!seeded || left <= 0 || left > WK_MT_WORDS || (uint32_t)next > WK_MT_WORDS)
        return wk_rt_err(WK_ERR_RUNTIME, "Invalid mt19937 state");
    for (int i = 0; i < WK_MT_WORDS; i++) {
        uint64_t w;
        memcpy(&w, buf + ST_MT + 8 * (size_t)i, 8);
        g->mt[i] = (uint32_t)w;
    }
    g->seed = seed;
    g->next = left == 1 ? WK_MT_WORDS : (int)(uint32_t)next;
    g->has_normal = valid != 0;
    /* the legacy blob kept the Box-Muller inputs; the current one the value itself */
    g->next_normal = !valid ? 0.0 : n == WK_RNG_STATE_BYTES ? ny : rho * sin(2.0 * M_PI * nx);
    return true;
}

/* ------------------------------------------------------------------ exponential */

typedef struct { wk_generator *g; wk_dtype dt; double lambd; } exp_ctx;

/* -1/lambda * log(1 - u) with a double uniform (1.13; 2.x without MKL: log1p(-u)). */
static void exp_elem(char *p, void *c) {
    exp_ctx *k = c;
    double u = wk_rng_uniform_f64(k->g);
    wk_dtype_store_f64(k->dt, p, -1.0 / k->lambd * (g_compat == WK_RNG_COMPAT_113 ? log(1.0 - u) : log1p(-u)));
}

bool wk_rng_exponential_(wk_tensor *t, double lambd, wk_generator *g) {
    if (!check_cpu(t)) return false;
    if (!wk_dtype_is_float(t->dtype))
        return wk_rt_err(WK_ERR_RUNTIME, "\"exponential_cpu\" not implemented for '%s'", wk_dtype_scalar_name(t->dtype));
    if (!(lambd >= 0))
        return wk_rt_err(WK_ERR_RUNTIME, "exponential_ expects lambda >= 0.0, but found lambda=%g", lambd);
    exp_ctx k = {gen(g), t->dtype, lambd};
    walk(t, exp_elem, &k);
    wk_tensor_bump_version(t);
    return true;
}

/* ------------------------------------------------------------------ multinomial with replacement */

/* PyTorch's CPU kernel: per row, a float cumulative distribution normalised by its sum, then a
 * binary search per sample with a double uniform. probs: contiguous (rows, n) float32/float64;
 * out: contiguous int64 (rows, n_sample). */
bool wk_rng_multinomial_replacement(const wk_tensor *probs, int64_t rows, int64_t n, int64_t n_sample, wk_tensor *out,
                                    wk_generator *g) {
    g = gen(g);
    bool f32 = probs->dtype == WK_DT_F32;
    double *cum = malloc(sizeof(double) * (size_t)(n ? n : 1));
    if (!cum) return wk_rt_err(WK_ERR_OOM, "out of memory");
    const char *src = wk_tensor_data(probs);
    int64_t *dst = wk_tensor_data(out);
    for (int64_t r = 0; r < rows; r++) {
        double sum = 0;
        float sumf = 0;
        for (int64_t j = 0; j < n; j++) {
            double v = wk_dtype_load_f64(probs->dtype, src + (size_t)(r * n + j) * wk_dtype_size(probs->dtype));
            if (!(v >= 0)) { free(cum); return wk_rt_err(WK_ERR_RUNTIME, "invalid multinomial distribution (encountering probability entry < 0)"); }
            if (!isfinite(v)) { free(cum); return wk_rt_err(WK_ERR_RUNTIME, "invalid multinomial distribution (encountering probability entry = infinity or NaN)"); }
            if (f32) { sumf += (float)v; cum[j] = sumf; } else { sum += v; cum[j] = sum; }
        }
        if (f32) sum = sumf;
        if (!(sum > 0)) { free(cum); return wk_rt_err(WK_ERR_RUNTIME, "invalid multinomial distribution (sum of probabilities <= 0)"); }
        for (int64_t j = 0; j < n; j++) cum[j] = f32 ? (double)((float)cum[j] / (float)sum) : cum[j] / sum;
        cum[n - 1] = 1;
        for (int64_t s = 0; s < n_sample; s++) {
            double u = wk_rng_uniform_f64(g);
            int64_t lo = 0, hi = n;
            while (hi - lo > 0) {
                int64_t mid = lo + (hi - lo) / 2;
                if (cum[mid] < u) lo = mid + 1;
                else hi = mid;
            }
            dst[r * n_sample + s] = lo;
        }
    }
    free(cum);
    wk_tensor_bump_version(out);
    return true;
}
