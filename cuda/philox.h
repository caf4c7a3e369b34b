/* philox.h — Philox4x32-10 as curand_kernel.h runs it (skip-ahead, draws, uniform/normal conversions) and PyTorch's random-fill launch geometry; plain C, __host__ __device__ under nvcc. */
#ifndef WK_CUDA_PHILOX_H
#define WK_CUDA_PHILOX_H
#include <math.h>
#include <stdint.h>

/* The same functions compile into the CUDA kernels (rng.cu) and into host tests
 * (tests/cuda/test_philox.c), which recompute on the CPU what the kernels write. Counters,
 * raw bits and uniforms are identical on both sides. Normals are not bit for bit: the device
 * takes sin/cos from __sincosf (float) and sincospi (double), as curand does, and log from
 * CUDA's libm, so the host's values agree with the device's to a few ulps. */
#ifdef __CUDACC__
#define WKC_HD static __host__ __device__ __forceinline__
#else
#define WKC_HD static inline
#endif

typedef struct wkc_u32x4 { uint32_t v[4]; } wkc_u32x4;
typedef struct wkc_u64x2 { uint64_t v[2]; } wkc_u64x2;
typedef struct wkc_f32x4 { float v[4]; } wkc_f32x4;
typedef struct wkc_f64x2 { double v[2]; } wkc_f64x2;

/* One stream of curand's Philox4x32_10 generator: the 128-bit counter (word 0 lowest), the
 * 64-bit key (the seed), the four outputs of the current counter and the position (0..3) of
 * the next unused output among them. */
typedef struct wkc_philox_state {
    uint32_t ctr[4], key[2], out[4];
    uint32_t pos;
} wkc_philox_state;

/* ------------------------------------------------------------------ the bijection */

#define WKC_PHILOX_MUL0 0xD2511F53u
#define WKC_PHILOX_MUL1 0xCD9E8D57u
#define WKC_PHILOX_BUMP0 0x9E3779B9u /* golden ratio */
#define WKC_PHILOX_BUMP1 0xBB67AE85u /* sqrt(3) - 1 */

WKC_HD uint32_t wkc_mul_hi(uint32_t a, uint32_t b) {
#ifdef __CUDA_ARCH__
    return __umulhi(a, b);
#else
    return (uint32_t)(((uint64_t)a * b) >> 32);
#endif
}

/* Philox4x32 with ten rounds: out = f(ctr, key). */
WKC_HD void wkc_philox10(const uint32_t ctr[4], const uint32_t key[2], uint32_t out[4]) {
    uint32_t c0 = ctr[0], c1 = ctr[1], c2 = ctr[2], c3 = ctr[3], k0 = key[0], k1 = key[1];
#ifdef __CUDA_ARCH__
#pragma unroll
#endif
    for (int round = 0; round < 10; round++) {
        uint32_t hi0 = wkc_mul_hi(WKC_PHILOX_MUL0, c0), lo0 = WKC_PHILOX_MUL0 * c0;
        uint32_t hi1 = wkc_mul_hi(WKC_PHILOX_MUL1, c2), lo1 = WKC_PHILOX_MUL1 * c2;
        c0 = hi1 ^ c1 ^ k0;
        c1 = lo1;
        c2 = hi0 ^ c3 ^ k1;
        c3 = lo0;
        k0 += WKC_PHILOX_BUMP0;
        k1 += WKC_PHILOX_BUMP1;
    }
    out[0] = c0;
    out[1] = c1;
    out[2] = c2;
    out[3] = c3;
}

/* ------------------------------------------------------------------ counter arithmetic (curand's carries) */

/* Counter += n (words 0-1 take n; the carry out of word 1 is propagated only when word 1
 * itself wrapped, exactly as curand's skipahead does). */
WKC_HD void wkc_philox_add(wkc_philox_state *s, uint64_t n) {
    uint32_t lo = (uint32_t)n, hi = (uint32_t)(n >> 32);
    s->ctr[0] += lo;
    if (s->ctr[0] < lo) hi++;
    s->ctr[1] += hi;
    if (s->ctr[1] >= hi) return;
    if (++s->ctr[2] != 0) return;
    ++s->ctr[3];
}

/* Counter += 1 with the full 128-bit carry (curand4's step). */
WKC_HD void wkc_philox_step(wkc_philox_state *s) {
    if (++s->ctr[0] != 0) return;
    if (++s->ctr[1] != 0) return;
    if (++s->ctr[2] != 0) return;
    ++s->ctr[3];
}

/* Counter words 2-3 += n: subsequence n is 2^64 counter values (2^66 outputs) further on. */
WKC_HD void wkc_philox_add_subsequences(wkc_philox_state *s, uint64_t n) {
    uint32_t lo = (uint32_t)n, hi = (uint32_t)(n >> 32);
    s->ctr[2] += lo;
    if (s->ctr[2] < lo) hi++;
    s->ctr[3] += hi;
}

/* curand_init(seed, subsequence, offset): offset counts single 32-bit outputs. */
WKC_HD void wkc_philox_init(wkc_philox_state *s, uint64_t seed, uint64_t subsequence, uint64_t offset) {
    s->ctr[0] = s->ctr[1] = s->ctr[2] = s->ctr[3] = 0;
    s->key[0] = (uint32_t)seed;
    s->key[1] = (uint32_t)(seed >> 32);
    s->pos = (uint32_t)(offset & 3);
    wkc_philox_add_subsequences(s, subsequence);
    wkc_philox_add(s, offset >> 2);
    wkc_philox10(s->ctr, s->key, s->out);
}

/* curand4: the next four 32-bit outputs. */
WKC_HD wkc_u32x4 wkc_philox_draw(wkc_philox_state *s) {
    wkc_u32x4 r;
    uint32_t a0 = s->out[0], a1 = s->out[1], a2 = s->out[2], a3 = s->out[3];
    wkc_philox_step(s);
    wkc_philox10(s->ctr, s->key, s->out);
    uint32_t b0 = s->out[0], b1 = s->out[1], b2 = s->out[2];
    /* constant indices only (a runtime index would put the state in local memory on the GPU) */
    switch (s->pos) {
    case 1: r.v[0] = a1; r.v[1] = a2; r.v[2] = a3; r.v[3] = b0; break;
    case 2: r.v[0] = a2; r.v[1] = a3; r.v[2] = b0; r.v[3] = b1; break;
    case 3: r.v[0] = a3; r.v[1] = b0; r.v[2] = b1; r.v[3] = b2; break;
    default: r.v[0] = a0; r.v[1] = a1; r.v[2] = a2; r.v[3] = a3; break;
    }
    return r;
}

/* ------------------------------------------------------------------ conversions (curand's) */

/* A 32-bit output to a float in (0, 1]: x * 2^-32 + 2^-33, in float. */
WKC_HD float wkc_uniform_f32(uint32_t x) { return (float)x * 0x1p-32f + 0x1p-33f; }

/* Two outputs to a double in (0, 1] with 53 random bits: (x ^ y << 21) * 2^-53 + 2^-54. */
WKC_HD double wkc_uniform_f64(uint32_t x, uint32_t y) {
    uint64_t z = (uint64_t)x ^ ((uint64_t)y << 21);
    return (double)z * 0x1p-53 + 0x1p-54;
}

/* Box-Muller on two outputs: u in (0, 1], angle v in (0, 2pi] computed as one fused
 * multiply-add (nvcc contracts curand's expression), sqrt(-2 ln u) * (sin v, cos v). */
WKC_HD void wkc_box_muller_f32(uint32_t x, uint32_t y, float *z0, float *z1) {
    const float step = 0x1p-32f * 6.2831855f;
    float u = wkc_uniform_f32(x);
    float v = fmaf((float)y, step, step * 0.5f);
    float s = sqrtf(-2.0f * logf(u));
    float sn, cs;
#ifdef __CUDA_ARCH__
    __sincosf(v, &sn, &cs);
#else
    sn = sinf(v);
    cs = cosf(v);
#endif
    *z0 = sn * s;
    *z1 = cs * s;
}

/* The double Box-Muller on four outputs: u from (x0, x1), v in (0, 2] half-turns from (y0, y1). */
WKC_HD void wkc_box_muller_f64(uint32_t x0, uint32_t x1, uint32_t y0, uint32_t y1, double *z0, double *z1) {
    double u = wkc_uniform_f64(x0, x1);
    uint64_t zy = (uint64_t)y0 ^ ((uint64_t)y1 << 21);
    double v = (double)zy * 0x1p-52 + 0x1p-53;
    double s = sqrt(-2.0 * log(u));
    double sn, cs;
#ifdef __CUDA_ARCH__
    sincospi(v, &sn, &cs);
#else
    sn = sin(v * 3.141592653589793);
    cs = cos(v * 3.141592653589793);
#endif
    *z0 = sn * s;
    *z1 = cs * s;
}

/* ------------------------------------------------------------------ one round of draws (curand's *4 / *2 calls) */

WKC_HD wkc_u32x4 wkc_draw_bits4(wkc_philox_state *s) { return wkc_philox_draw(s); }

/* Two 64-bit values, high word first (PyTorch's random_ for ranges of 2^32 or more). */
WKC_HD wkc_u64x2 wkc_draw_bits2_u64(wkc_philox_state *s) {
    wkc_u32x4 r = wkc_philox_draw(s);
    wkc_u64x2 o;
    o.v[0] = ((uint64_t)r.v[0] << 32) | r.v[1];
    o.v[1] = ((uint64_t)r.v[2] << 32) | r.v[3];
    return o;
}

WKC_HD wkc_f32x4 wkc_draw_uniform4(wkc_philox_state *s) {
    wkc_u32x4 r = wkc_philox_draw(s);
    wkc_f32x4 o;
    for (int k = 0; k < 4; k++) o.v[k] = wkc_uniform_f32(r.v[k]);
    return o;
}

WKC_HD wkc_f64x2 wkc_draw_uniform2_f64(wkc_philox_state *s) {
    wkc_u32x4 r = wkc_philox_draw(s);
    wkc_f64x2 o;
    o.v[0] = wkc_uniform_f64(r.v[0], r.v[1]);
    o.v[1] = wkc_uniform_f64(r.v[2], r.v[3]);
    return o;
}

WKC_HD wkc_f32x4 wkc_draw_normal4(wkc_philox_state *s) {
    wkc_u32x4 r = wkc_philox_draw(s);
    wkc_f32x4 o;
    wkc_box_muller_f32(r.v[0], r.v[1], &o.v[0], &o.v[1]);
    wkc_box_muller_f32(r.v[2], r.v[3], &o.v[2], &o.v[3]);
    return o;
}

WKC_HD wkc_f64x2 wkc_draw_normal2_f64(wkc_philox_state *s) {
    wkc_u32x4 r = wkc_philox_draw(s);
    wkc_f64x2 o;
    wkc_box_muller_f64(r.v[0], r.v[1], r.v[2], r.v[3], &o.v[0], &o.v[1]);
    return o;
}

/* ------------------------------------------------------------------ PyTorch's transforms of a draw */

/* uniform_(from, to): r * range + from as one FMA in the compute type, then 1.0 maps to
 * from (the caller compares after rounding to the storage type). */
WKC_HD float wkc_uniform_scale_f32(float r, float range, float from) { return fmaf(r, range, from); }
WKC_HD double wkc_uniform_scale_f64(double r, double range, double from) { return fma(r, range, from); }
/* normal_(mean, std): r * std + mean as one FMA. */
WKC_HD float wkc_normal_scale_f32(float r, float std, float mean) { return fmaf(r, std, mean); }
WKC_HD double wkc_normal_scale_f64(double r, double std, double mean) { return fma(r, std, mean); }
/* bernoulli_(p): the draw below p, both in the draw's type (p rounded to float for every
 * dtype but float64; the float is widened exactly, so comparing as double is the same). */
WKC_HD int wkc_bernoulli_test(double r, double p) { return r < p; }

/* ------------------------------------------------------------------ launch geometry (calc_execution_policy) */

#define WKC_RNG_BLOCK 256

/* Blocks for a fill of numel elements: one thread per element up to SMs * (threads per SM /
 * 256) blocks; past that each thread loops. */
WKC_HD int64_t wkc_rng_grid(int64_t numel, int sm_count, int max_threads_per_sm) {
    int64_t grid = (numel + WKC_RNG_BLOCK - 1) / WKC_RNG_BLOCK;
    int64_t cap = (int64_t)sm_count * (max_threads_per_sm / WKC_RNG_BLOCK);
    if (cap < 1) cap = 1;
    return grid < cap ? grid : cap;
}

/* Rounds of draws each thread makes (unroll = values used per draw: 4 for float, 2 for double
 * and 64-bit integers). */
WKC_HD uint64_t wkc_rng_rounds(int64_t numel, int64_t grid, int unroll) {
    if (numel <= 0) return 0;
    return (uint64_t)((numel - 1) / (WKC_RNG_BLOCK * grid * unroll) + 1);
}

/* How far the generator's offset advances for the fill: 4 counter values per round. */
WKC_HD uint64_t wkc_rng_increment(int64_t numel, int64_t grid, int unroll) { return 4 * wkc_rng_rounds(numel, grid, unroll); }

/* Where value k of round `round` of thread t lands: threads interleave, the four values of a
 * draw are one grid-stride apart. */
WKC_HD int64_t wkc_rng_index(int64_t t, uint64_t round, int k, int64_t grid, int unroll) {
    int64_t stride = WKC_RNG_BLOCK * grid;
    return (int64_t)round * stride * unroll + t + (int64_t)k * stride;
}

#endif
