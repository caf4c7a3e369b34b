/* cpu_vmath64.c — scalar float64 exp/log with the rounding of PyTorch's AVX2 kernels (SLEEF's u10 double routines with FMA). */
#include "cpu_vmath.h"
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

static WK_VM_INLINE uint64_t bits64(double d) { uint64_t b; memcpy(&b, &d, 8); return b; }
static WK_VM_INLINE double from_bits64(uint64_t b) { double d; memcpy(&d, &b, 8); return d; }
/* 2^q by building the exponent field (q within the normal range) */
static WK_VM_INLINE double pow2i64(int q) { return from_bits64((uint64_t)(uint32_t)(q + 0x3ff) << 52); }
/* d * 2^q in two steps, so that q may reach past the normal range on either side */
static WK_VM_INLINE double ldexp2_64(double d, int q) { return d * pow2i64(q >> 1) * pow2i64(q - (q >> 1)); }
/* cvtpd2dq: round half to even; out of range or NaN gives INT32_MIN */
static WK_VM_INLINE int rint_i64(double x) { return x >= -2147483648.0 && x < 2147483648.0 ? (int)x : INT32_MIN; }

WK_VM_CLONES double wk_vm_exp(double d) {
    double u = nearbyint(d * 1.442695040888963407359924681001892137426645954152985934135449406931);
    int q = rint_i64(u);
    double s = fma(u, -.69314718055966295651160180568695068359375, d);
    s = fma(u, -.28235290563031577122588448175013436025525412068e-12, s);
    /* degree-9 polynomial, evaluated in Estrin's order as SLEEF does */
    double s2 = s * s, s4 = s2 * s2, s8 = s4 * s4;
    double p98 = fma(s, +0.2081276378237164457e-8, +0.2511210703042288022e-7);
    double p76 = fma(s, +0.2755762628169491192e-6, +0.2755723402025388239e-5);
    double p54 = fma(s, +0.2480158687479686264e-4, +0.1984126989855865850e-3);
    double p32 = fma(s, +0.1388888888914497797e-2, +0.8333333333314938210e-2);
    double p10 = fma(s, +0.4166666666666602598e-1, +0.1666666666666669072e+0);
    u = fma(s8, p98, fma(s4, fma(s2, p76, p54), fma(s2, p32, p10)));
    u = fma(u, s, 0.5);
    u = fma(u, s, 1);
    u = fma(u, s, 1);
    u = ldexp2_64(u, q);
    if (d > 0x1.62e42fefa39efp+9) u = INFINITY;
    if (d < -1000) u = 0;
    return isnan(d) ? d : u;
}

/* ---------------------------------------------------------------- double-double for log */
typedef struct { double x, y; } dd;
static WK_VM_INLINE dd dd_add2_d_d(double x, double y) {
    double s = x + y, v = s - x;
    return (dd){s, (x - (s - v)) + (y - v)};
}
static WK_VM_INLINE dd dd_add_dd_d(dd x, double y) {
    double s = x.x + y;
    return (dd){s, ((x.x - s) + y) + x.y};
}
static WK_VM_INLINE dd dd_add_dd_dd(dd x, dd y) {
    double s = x.x + y.x;
    return (dd){s, (((x.x - s) + y.x) + x.y) + y.y};
}
static WK_VM_INLINE dd dd_mul_dd_d(dd x, double y) {
    double s = x.x * y;
    return (dd){s, fma(x.y, y, fma(x.x, y, -s))};
}
static WK_VM_INLINE dd dd_div(dd n, dd d) {
    double t = 1.0 / d.x, s = n.x * t;
    double u = fma(t, n.x, -s);
    double v = fma(-d.y, t, fma(-d.x, t, 1));
    return (dd){s, fma(s, v, fma(n.y, t, u))};
}

WK_VM_CLONES double wk_vm_log(double d) {
    double in = d;
    int tiny = d < DBL_MIN;
    if (tiny) d *= 4294967296.0 * 4294967296.0;
    int e = (int)((bits64(d * (1.0 / 0.75)) >> 52) & 0x7ff) - 0x3ff;
    double m = from_bits64(bits64(d) + ((uint64_t)(uint32_t)(-e) << 52));
    if (tiny) e -= 64;
    dd x = dd_div(dd_add2_d_d(-1, m), dd_add2_d_d(1, m));
    double x2 = x.x * x.x, x4 = x2 * x2, x8 = x4 * x4;
    double t = fma(x8, fma(x4, 0.1532076988502701353, fma(x2, 0.1525629051003428716, 0.1818605932937785996)),
                   fma(x4, fma(x2, 0.2222214519839380009, 0.2857142932794299317),
                       fma(x2, 0.3999999999635251990, 0.6666666666667333541)));
    dd s = dd_mul_dd_d((dd){0.693147180559945286226764, 2.319046813846299558417771e-17}, (double)e);
    s = dd_add_dd_dd(s, (dd){x.x * 2, x.y * 2});
    s = dd_add_dd_d(s, x2 * x.x * t);
    double r = s.x + s.y;
    if (in == INFINITY) r = INFINITY;
    if (in < 0 || isnan(in)) r = NAN;
    if (in == 0) r = -INFINITY;
    return r;
}

/* SLEEF's log1p_u10 for double: log1pf's steps (cpu_vmath.c) with log's degree-7 series */
WK_VM_CLONES double wk_vm_log1p(double d) {
    double dp1 = d + 1;
    int tiny = dp1 < DBL_MIN;
    if (tiny) dp1 *= 4294967296.0 * 4294967296.0;
    int e = (int)((bits64(dp1 * (1.0 / 0.75)) >> 52) & 0x7ff) - 0x3ff;
    double t = from_bits64(bits64(1.0) + ((uint64_t)(uint32_t)(-e) << 52));
    double m = fma(d, t, t - 1);
    if (tiny) e -= 64;
    dd s = dd_mul_dd_d((dd){0.693147180559945286226764, 2.319046813846299558417771e-17}, (double)e);
    double two_m = 2 + m;
    dd x = dd_div((dd){m, 0}, (dd){two_m, (2 - two_m) + m});
    double x2 = x.x * x.x, x4 = x2 * x2, x8 = x4 * x4;
    double p = fma(x8, fma(x4, 0.1532076988502701353, fma(x2, 0.1525629051003428716, 0.1818605932937785996)),
                   fma(x4, fma(x2, 0.2222214519839380009, 0.2857142932794299317),
                       fma(x2, 0.3999999999635251990, 0.6666666666667333541)));
    s = dd_add_dd_dd(s, (dd){x.x * 2, x.y * 2});
    s = dd_add_dd_d(s, x2 * x.x * p);
    double r = s.x + s.y;
    if (d > 1e+307) r = INFINITY;
    if (-1 > d || isnan(d)) r = NAN;
    if (d == -1) r = -INFINITY;
    if (d == 0 && signbit(d)) r = -0.0;
    return r;
}
