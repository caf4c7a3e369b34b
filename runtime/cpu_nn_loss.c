/* cpu_nn_loss.c — CPU kernels of the elementwise losses as ATen 1.13 runs them: binary_cross_entropy forward/backward, smooth_l1 and huber forward/backward (vector blocks and scalar tails). */
#include "ops_nn.h"
#include <math.h>

/* Without trapping math GCC if-converts the comparisons and divisions into vector selects (values unchanged). */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-trapping-math")
#endif

/* ATen's smooth_l1 / huber kernels: elementwise in the input's type; the backward runs
 * cpu_kernel_vec, whose vector formula covers blocks of two vectors (16 floats / 8 doubles)
 * and whose scalar formula (a different rounding order; smooth_l1 divides by beta as a
 * double there) covers the tail. Contiguous operands. */
/* Branch-free bodies (both sides computed, then selected) so the compiler vectorises them. */
#define PW_FWD(T) do {                                                                        \
        const T *x = xp, *t = tp; T *o = op, b = (T)p, h = (T)0.5, hb = h * b;                 \
        if (kind == WK_LOSS_SMOOTH_L1)                                                              \
            for (int64_t i = 0; i < n; i++) {                                                 \
                T z = x[i] - t[i]; z = z < 0 ? -z : z;                                        \
                T q = h * z * z / b, l = z - hb;                                              \
                o[i] = z < b ? q : l;                                                         \
            }                                                                                 \
        else                                                                                  \
            for (int64_t i = 0; i < n; i++) {                                                 \
                T z = x[i] - t[i]; z = z < 0 ? -z : z;                                        \
                T q = h * z * z, l = b * (z - hb);                                            \
                o[i] = z < b ? q : l;                                                         \
            }                                                                                 \
    } while (0)
void wk_cpu_nn_pwloss_forward(int kind, double p, const void *xp, const void *tp, void *op, int64_t n, bool f64) {
    if (f64) PW_FWD(double); else PW_FWD(float);
}

/* d loss / d x times g (gs: g is a full tensor, else one value); norm: 1/numel for a mean. */
#define PW_BWD(T, LANES) do {                                                                 \
        const T *x = xp, *t = tp, *g = gp; T *o = op, b = (T)p, nm = (T)norm;                  \
        int64_t vend = n - n % (2 * LANES), gm = gs ? 1 : 0;                                  \
        if (kind == WK_LOSS_SMOOTH_L1)                                                              \
            for (int64_t i = 0; i < vend; i++) {                                              \
                T d = x[i] - t[i], a = d < 0 ? -d : d, sg = d > 0 ? (T)1 : (T)-1, q = d / b;  \
                o[i] = nm * (a >= b ? sg : q) * g[i * gm];                                    \
            }                                                                                 \
        else                                                                                  \
            for (int64_t i = 0; i < vend; i++) {                                              \
                T d = x[i] - t[i], c = d >= b ? b : d;                                        \
                o[i] = nm * (d <= -b ? -b : c) * g[i * gm];                                   \
            }                                                                                 \
        for (int64_t i = vend; i < n; i++) {                                                  \
            T d = x[i] - t[i], gv = g[i * gm];                                                \
            if (kind == WK_LOSS_SMOOTH_L1)                                                          \
                o[i] = d <= -b ? -nm * gv : d >= b ? nm * gv : (T)((double)(nm * d * gv) / p); \
            else                                                                              \
                o[i] = d <= -b ? -nm * gv * b : d >= b ? nm * gv * b : nm * d * gv;           \
        }                                                                                     \
    } while (0)
void wk_cpu_nn_pwloss_backward(int kind, double p, double norm, const void *xp, const void *tp, const void *gp, bool gs,
                               void *op, int64_t n, bool f64) {
    if (f64) PW_BWD(double, 4); else PW_BWD(float, 8);
}

/* BCE per element as 1.13's CPU kernel: (t - 1) * max(log(1 - x), -100) - t * max(log(x), -100)
 * in the input's type (std::max keeps a NaN first operand); x outside [0, 1] is an error. */
#define BCE_FWD(T, LOG) \
    for (int64_t i = 0; i < n; i++) {                                                         \
        T xv = ((const T *)xp)[i], tv = ((const T *)tp)[i];                                  \
        if (!(xv >= 0 && xv <= 1)) return false;                                              \
        T a = LOG((T)1 - xv), b = LOG(xv);                                                    \
        a = a < (T)-100 ? (T)-100 : a;                                                        \
        b = b < (T)-100 ? (T)-100 : b;                                                        \
        ((T *)op)[i] = (tv - (T)1) * a - tv * b;                                              \
    }
bool wk_cpu_nn_bce_forward(const void *xp, const void *tp, void *op, int64_t n, bool f64) {
    if (f64) { BCE_FWD(double, log) } else { BCE_FWD(float, logf) }
    return true;
}

/* d/dx as 1.13's kernel: g * (x - t) / max((1 - x) * x, EPSILON) in the input's type. */
#define BCE_BWD(T) \
    for (int64_t i = 0; i < n; i++) {                                                         \
        T xv = ((const T *)xp)[i], d = ((1 - xv) * xv);                                       \
        d = d < (T)1e-12 ? (T)1e-12 : d;                                                      \
        ((T *)op)[i] = ((const T *)gp)[gs ? i : 0] * (xv - ((const T *)tp)[i]) / d;          \
    }
void wk_cpu_nn_bce_backward(const void *gp, bool gs, const void *xp, const void *tp, void *op, int64_t n, bool f64) {
    if (f64) { BCE_BWD(double) } else { BCE_BWD(float) }
}

