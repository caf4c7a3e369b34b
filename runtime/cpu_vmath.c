/* cpu_vmath.c — scalar float32 exp/log/tanh/sinh/cosh with the rounding of PyTorch's AVX2 (SLEEF u10, FMA) kernels, via double-float arithmetic. */
#include "cpu_vmath.h"
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/* ---------------------------------------------------------------- bit helpers */
static WK_VM_INLINE uint32_t bits_of(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }
static WK_VM_INLINE float from_bits(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
static WK_VM_INLINE float pow2i(int q) { return from_bits((uint32_t)(q + 0x7f) << 23); }
/* d * 2^e for the exponent range of exp (two steps, as the vector code). */
static WK_VM_INLINE float ldexp2k(float d, int e) { return d * pow2i(e >> 1) * pow2i(e - (e >> 1)); }
/* Round half to even to int; out of range or NaN gives INT32_MIN, as the vector
 * conversion (cvtps2dq) does, and never the undefined C conversion. */
static WK_VM_INLINE int rint_i(float x) {
    float r = nearbyintf(x);
    return (r >= -2147483648.0f && r < 2147483648.0f) ? (int)r : INT32_MIN;
}
static WK_VM_INLINE float mulsign(float x, float y) { return from_bits(bits_of(x) ^ (bits_of(y) & 0x80000000u)); }

#define R_LN2F 1.442695040888963407359924681001892137426645954152985934135449406931f
#define L2UF 0.693145751953125f
#define L2LF 1.428606765330187045e-06f

/* ---------------------------------------------------------------- double-float (hi + lo) */
typedef struct { float x, y; } df;
static WK_VM_INLINE df df_make(float x, float y) { df r = {x, y}; return r; }
static WK_VM_INLINE df df_neg(df a) { return df_make(-a.x, -a.y); }
static WK_VM_INLINE df df_scale(df a, float s) { return df_make(a.x * s, a.y * s); }
/* x + y, both floats, any magnitudes */
static WK_VM_INLINE df df_add2_ff(float x, float y) {
    df r;
    r.x = x + y;
    float v = r.x - x;
    r.y = (x - (r.x - v)) + (y - v);
    return r;
}
/* x + y, |x| >= |y| */
static WK_VM_INLINE df df_add_df_f(df x, float y) {
    df r;
    r.x = x.x + y;
    r.y = ((x.x - r.x) + y) + x.y;
    return r;
}
static WK_VM_INLINE df df_add2_df_f(df x, float y) {
    df r;
    r.x = x.x + y;
    float v = r.x - x.x;
    r.y = (x.x - (r.x - v)) + (y - v);
    r.y = r.y + x.y;
    return r;
}
static WK_VM_INLINE df df_add_df_df(df x, df y) {
    df r;
    r.x = x.x + y.x;
    r.y = (((x.x - r.x) + y.x) + x.y) + y.y;
    return r;
}
static WK_VM_INLINE df df_add2_df_df(df x, df y) {
    df r;
    r.x = x.x + y.x;
    float v = r.x - x.x;
    r.y = (x.x - (r.x - v)) + (y.x - v);
    r.y = r.y + (x.y + y.y);
    return r;
}
static WK_VM_INLINE df df_add_f_df(float x, df y) {
    df r;
    r.x = x + y.x;
    r.y = ((x - r.x) + y.x) + y.y;
    return r;
}
static WK_VM_INLINE df df_sub_df_df(df x, df y) {
    df r;
    r.x = x.x - y.x;
    r.y = x.x - r.x;
    r.y = r.y - y.x;
    r.y = r.y + x.y;
    r.y = r.y - y.y;
    return r;
}
static WK_VM_INLINE df df_mul_df_f(df x, float y) {
    df r;
    r.x = x.x * y;
    r.y = fmaf(x.y, y, fmaf(x.x, y, -r.x));
    return r;
}
static WK_VM_INLINE df df_mul_df_df(df x, df y) {
    df r;
    r.x = x.x * y.x;
    r.y = fmaf(x.x, y.y, fmaf(x.y, y.x, fmaf(x.x, y.x, -r.x)));
    return r;
}
static WK_VM_INLINE df df_squ(df x) {
    df r;
    r.x = x.x * x.x;
    r.y = fmaf(x.x + x.x, x.y, fmaf(x.x, x.x, -r.x));
    return r;
}
static WK_VM_INLINE df df_rec(df d) {
    df q;
    q.x = 1.0f / d.x;
    q.y = q.x * fmaf(-d.y, q.x, fmaf(-d.x, q.x, 1.0f));
    return q;
}
static WK_VM_INLINE df df_div(df n, df d) {
    df q;
    float t = 1.0f / d.x;
    q.x = n.x * t;
    float u = fmaf(t, n.x, -q.x);
    q.y = fmaf(-d.y, t, fmaf(-d.x, t, 1.0f));
    q.y = fmaf(q.x, q.y, fmaf(n.y, t, u));
    return q;
}

/* ---------------------------------------------------------------- exp */
WK_VM_CLONES float wk_vm_expf(float d) {
    int q = rint_i(d * R_LN2F);
    float qf = (float)q;
    float s = fmaf(qf, -L2UF, d);
    s = fmaf(qf, -L2LF, s);
    float u = 0.000198527617612853646278381f;
    u = fmaf(u, s, 0.00139304355252534151077271f);
    u = fmaf(u, s, 0.00833336077630519866943359f);
    u = fmaf(u, s, 0.0416664853692054748535156f);
    u = fmaf(u, s, 0.166666671633720397949219f);
    u = fmaf(u, s, 0.5f);
    u = 1.0f + fmaf(s * s, u, s);
    u = ldexp2k(u, q);
    if (d < -104) u = 0;
    if (d > 100) u = INFINITY;
    return isnan(d) ? d : u;
}

/* e^d as a double-float (for tanh, sinh, cosh) */
static WK_VM_INLINE df expk2(df d) {
    int q = rint_i((d.x + d.y) * R_LN2F);
    df s = df_add2_df_f(d, (float)q * -L2UF);
    s = df_add2_df_f(s, (float)q * -L2LF);
    float u = 0.1980960224e-3f;
    u = fmaf(u, s.x, 0.1394256484e-2f);
    u = fmaf(u, s.x, 0.8333456703e-2f);
    u = fmaf(u, s.x, 0.4166637361e-1f);
    df t = df_add2_df_f(df_mul_df_f(s, u), 0.166666659414234244790680580464e+0f);
    t = df_add2_df_f(df_mul_df_df(s, t), 0.5f);
    t = df_add2_df_df(s, df_mul_df_df(df_squ(s), t));
    t = df_add_f_df(1.0f, t);
    t.x = ldexp2k(t.x, q);
    t.y = ldexp2k(t.y, q);
    if (d.x < -104) t = df_make(0, 0);
    return t;
}

/* ---------------------------------------------------------------- tanh, sinh, cosh */
WK_VM_CLONES float wk_vm_tanhf(float x) {
    float y = fabsf(x);
    df d = expk2(df_make(y, 0));
    df e = df_rec(d);
    d = df_div(df_add_df_df(d, df_neg(e)), df_add_df_df(d, e));
    y = d.x + d.y;
    if (fabsf(x) > 8.664339742f || isnan(y)) y = 1.0f;
    y = mulsign(y, x);
    return isnan(x) ? x : y;
}

WK_VM_CLONES float wk_vm_sinhf(float x) {
    float y = fabsf(x);
    df d = expk2(df_make(y, 0));
    d = df_sub_df_df(d, df_rec(d));
    y = (d.x + d.y) * 0.5f;
    if (fabsf(x) > 89 || isnan(y)) y = INFINITY;
    y = mulsign(y, x);
    return isnan(x) ? x : y;
}

WK_VM_CLONES float wk_vm_coshf(float x) {
    float y = fabsf(x);
    df d = expk2(df_make(y, 0));
    d = df_add_df_df(d, df_rec(d));
    y = (d.x + d.y) * 0.5f;
    if (fabsf(x) > 89 || isnan(y)) y = INFINITY;
    return isnan(x) ? x : y;
}

/* ---------------------------------------------------------------- log */
/* The common end of logf and log1pf (SLEEF's steps): ln2 * e + 2 * x * (1 + x^2 * P(x^2)) in
 * double-float, where x = (m - 1) / (m + 1) comes in as a double-float; summed to one float. */
static WK_VM_INLINE float log_series(df x, int e) {
    df s = df_mul_df_f(df_make(0.69314718246459960938f, -1.904654323148236017e-09f), (float)e);
    float x2 = x.x * x.x;
    float t = 0.3027294874e+0f;
    t = fmaf(t, x2, 0.3996108174e+0f);
    t = fmaf(t, x2, 0.6666694880e+0f);
    s = df_add_df_df(s, df_scale(x, 2));
    s = df_add_df_f(s, x2 * x.x * t);
    return s.x + s.y;
}

WK_VM_CLONES float wk_vm_logf(float d) {
    float in = d;
    int small = d < FLT_MIN;
    if (small) d *= (float)(1LL << 32) * (float)(1LL << 32);
    int e = (int)((bits_of(d * (1.0f / 0.75f)) >> 23) & 0xff) - 0x7f;
    float m = from_bits(bits_of(d) + ((uint32_t)(-e) << 23));
    if (small) e -= 64;
    float r = log_series(df_div(df_add2_ff(-1, m), df_add2_ff(1, m)), e);
    if (in == INFINITY) r = INFINITY;
    if (in < 0 || isnan(in)) r = NAN;
    if (in == 0) r = -INFINITY;
    return r;
}

/* ---------------------------------------------------------------- log1p */
/* SLEEF's log1pf_u10 steps: e from 1 + d, m = d * 2^-e + (2^-e - 1) in one fused step, then
 * log(1 + m) by the atanh series in double-float; specials as its final selects. */
WK_VM_CLONES float wk_vm_log1pf(float d) {
    float dp1 = d + 1;
    int small = dp1 < FLT_MIN;
    if (small) dp1 *= (float)(1LL << 32) * (float)(1LL << 32);
    int e = (int)((bits_of(dp1 * (1.0f / 0.75f)) >> 23) & 0xff) - 0x7f;
    float t = from_bits(bits_of(1.0f) + ((uint32_t)(-e) << 23));
    float m = fmaf(d, t, t - 1);
    if (small) e -= 64;
    float two_m = 2 + m;
    float r = log_series(df_div(df_make(m, 0), df_make(two_m, (2 - two_m) + m)), e);
    if (d > 1e+38f) r = INFINITY;
    if (-1 > d || isnan(d)) r = NAN;
    if (d == -1) r = -INFINITY;
    if (d == 0 && signbit(d)) r = -0.0f;
    return r;
}

/* ---------------------------------------------------------------- erf (PyTorch's vector polynomial) */
/* Vectorized<float>::erf of PyTorch's AVX2 build (not SLEEF): the Abramowitz-Stegun 7.1.26
 * form 1 - (t*poly(t)) * e^(-x^2), t = 1/(1 + p|x|), with its fused multiply-adds and SLEEF's
 * exp; used by gelu on its SIMD blocks. Unverified bit for bit: PyTorch's own contiguous
 * float32 gelu goes to oneDNN's JIT kernel instead. */
WK_VM_CLONES float wk_vm_erff(float x) {
    float sign = mulsign(1.0f, x), ax = fabsf(x);
    float t = 1.0f / fmaf(0.3275911f, ax, 1.0f);
    float r = fmaf(1.061405429f, t, -1.453152027f);
    r = fmaf(r, t, 1.421413741f);
    r = fmaf(r, t, -0.284496736f);
    r = fmaf(r, t, 0.254829592f);
    float e = -wk_vm_expf(-(x * x));
    return mulsign(fmaf(e * t, r, 1.0f), sign);
}
