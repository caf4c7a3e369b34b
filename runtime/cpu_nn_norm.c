/* cpu_nn_norm.c — CPU batch-norm kernels: single-pass shifted statistics in double (float32 rows two lanes at a time, planes streamed in memory order), fused apply and backward (layer norm: cpu_nn_moments.c). */
#include "cpu_iter.h"
#include "cpu_nn_vec.h"
#include "ops_nn.h"
#include <math.h>
#include <stdlib.h>

/* x viewed as (outer, C, inner); batch norm works per channel c. */
typedef struct norm_job {
    const void *x, *g, *w, *b;
    void *y;
    int64_t outer, C, inner;
    const double *mean, *invstd;
    double *o1, *o2, eps;
    bool f64, train;
} norm_job;

static int64_t grain(int64_t per) { return 65536 / (per > 0 ? per : 1) + 1; }

/* ------------------------------------------------------------------ float32 rows, in double
 * The per-element formulas of the generic bodies below, two lanes at a time (only the order
 * of the double sums differs). */
static inline wk_v2d ld2(const float *p) { return (wk_v2d){p[0], p[1]}; }
static inline wk_v2d splat2(double v) { return (wk_v2d){v, v}; }

/* s += sum(x - k), q += sum((x - k)^2) over row x[0, n). */
static void row_shift_sums(const float *x, int64_t n, double k, double *s, double *q) {
    wk_v2d vk = splat2(k), s0 = {0, 0}, s1 = {0, 0}, q0 = {0, 0}, q1 = {0, 0};
    int64_t i = 0;
    for (; i + 4 <= n; i += 4) {
        wk_v2d a = ld2(x + i) - vk, b = ld2(x + i + 2) - vk;
        s0 += a;
        q0 += a * a;
        s1 += b;
        q1 += b * b;
    }
    double ss = (s0[0] + s1[0]) + (s0[1] + s1[1]), qq = (q0[0] + q1[0]) + (q0[1] + q1[1]);
    for (; i < n; i++) {
        double d = (double)x[i] - k;
        ss += d;
        qq += d * d;
    }
    *s += ss;
    *q += qq;
}

/* y = x * a + b over a row. */
static void row_affine(const float *x, int64_t n, double a, double b, float *y) {
    wk_v2d va = splat2(a), vb = splat2(b);
    int64_t i = 0;
    for (; i + 2 <= n; i += 2) {
        wk_v2d v = ld2(x + i) * va + vb;
        y[i] = (float)v[0];
        y[i + 1] = (float)v[1];
    }
    for (; i < n; i++) y[i] = (float)((double)x[i] * a + b);
}

/* sg += sum(g), sgx += sum(g * (x - mu) * is) over a row. */
static void row_grad_sums(const float *x, const float *g, int64_t n, double mu, double is, double *sg, double *sgx) {
    wk_v2d vm = splat2(mu), vi = splat2(is), a0 = {0, 0}, a1 = {0, 0}, b0 = {0, 0}, b1 = {0, 0};
    int64_t i = 0;
    for (; i + 4 <= n; i += 4) {
        wk_v2d g0 = ld2(g + i), g1 = ld2(g + i + 2);
        a0 += g0;
        a1 += g1;
        b0 += g0 * (ld2(x + i) - vm) * vi;
        b1 += g1 * (ld2(x + i + 2) - vm) * vi;
    }
    double s = (a0[0] + a1[0]) + (a0[1] + a1[1]), t = (b0[0] + b1[0]) + (b0[1] + b1[1]);
    for (; i < n; i++) {
        double gv = g[i];
        s += gv;
        t += gv * ((double)x[i] - mu) * is;
    }
    *sg += s;
    *sgx += t;
}

/* y = a * (g - mg - (x - mu) * is * mgx) over a row. */
static void row_grad_input(const float *x, const float *g, int64_t n, double mu, double is, double a, double mg,
                           double mgx, float *y) {
    wk_v2d vm = splat2(mu), vi = splat2(is), va = splat2(a), vg = splat2(mg), vx = splat2(mgx);
    int64_t i = 0;
    for (; i + 2 <= n; i += 2) {
        wk_v2d xh = (ld2(x + i) - vm) * vi, v = va * (ld2(g + i) - vg - xh * vx);
        y[i] = (float)v[0];
        y[i + 1] = (float)v[1];
    }
    for (; i < n; i++) {
        double xh = ((double)x[i] - mu) * is;
        y[i] = (float)(a * ((double)g[i] - mg - xh * mgx));
    }
}

/* ------------------------------------------------------------------ batch norm
 * A chunk owns channels [lo, hi) and walks them in memory order (batch outer, channel inner) so
 * each thread streams whole planes; every channel still sums its rows in batch order, so the
 * results do not depend on the thread count. */
static const float *f32_at(const void *p, int64_t base) { return (const float *)p + base; }

WK_NN_AI void row_sums_any(const void *x, int64_t base, int64_t n, double k, double *s, double *q, bool f64) {
    if (!f64) { row_shift_sums(f32_at(x, base), n, k, s, q); return; }
    for (int64_t i = 0; i < n; i++) {
        double d = wk_nn_ld(x, base + i, f64) - k;
        *s += d;
        *q += d * d;
    }
}

/* Mean and biased variance of each channel in one pass, shifted by its first element for accuracy. */
WK_NN_AI void bn_stats_range(norm_job *j, int64_t lo, int64_t hi, bool f64) {
    int64_t M = j->outer * j->inner;
    for (int64_t c = lo; c < hi; c++) j->o1[c] = j->o2[c] = 0;
    for (int64_t n = 0; M && n < j->outer; n++)
        for (int64_t c = lo; c < hi; c++)
            row_sums_any(j->x, (n * j->C + c) * j->inner, j->inner, wk_nn_ld(j->x, c * j->inner, f64), &j->o1[c],
                         &j->o2[c], f64);
    for (int64_t c = lo; c < hi; c++) {
        double k = M ? wk_nn_ld(j->x, c * j->inner, f64) : 0, s = j->o1[c], q = j->o2[c];
        double m = M ? s / (double)M : NAN;
        j->o1[c] = k + m;
        j->o2[c] = M ? fmax((q - s * m) / (double)M, 0) : NAN;
    }
}

static void bn_stats_chunk(int64_t lo, int64_t hi, void *ctx) {
    norm_job *j = ctx;
    if (j->f64) bn_stats_range(j, lo, hi, true);
    else bn_stats_range(j, lo, hi, false);
}

void wk_cpu_nn_bn_stats(wk_dtype dt, const void *x, int64_t outer, int64_t C, int64_t inner, double *mean, double *var) {
    norm_job j = {.x = x, .outer = outer, .C = C, .inner = inner, .o1 = mean, .o2 = var, .f64 = dt == WK_DT_F64};
    wk_cpu_parallel_for(C, grain(outer * inner), bn_stats_chunk, &j);
}

WK_NN_AI void bn_apply_range(norm_job *j, int64_t lo, int64_t hi, bool f64) {
    for (int64_t n = 0; n < j->outer; n++)
        for (int64_t c = lo; c < hi; c++) {
            double a = j->invstd[c] * (j->w ? wk_nn_ld(j->w, c, f64) : 1.0);
            double b = (j->b ? wk_nn_ld(j->b, c, f64) : 0.0) - j->mean[c] * a;
            int64_t base = (n * j->C + c) * j->inner;
            if (!f64) row_affine(f32_at(j->x, base), j->inner, a, b, (float *)j->y + base);
            else
                for (int64_t i = 0; i < j->inner; i++) wk_nn_st(j->y, base + i, wk_nn_ld(j->x, base + i, f64) * a + b, f64);
        }
}

static void bn_apply_chunk(int64_t lo, int64_t hi, void *ctx) {
    norm_job *j = ctx;
    if (j->f64) bn_apply_range(j, lo, hi, true);
    else bn_apply_range(j, lo, hi, false);
}

void wk_cpu_nn_bn_apply(wk_dtype dt, const void *x, int64_t outer, int64_t C, int64_t inner, const double *mean,
                        const double *invstd, const void *w, const void *b, void *y) {
    norm_job j = {.x = x, .y = y, .w = w, .b = b, .outer = outer, .C = C, .inner = inner, .mean = mean,
                  .invstd = invstd, .f64 = dt == WK_DT_F64};
    wk_cpu_parallel_for(C, grain(outer * inner), bn_apply_chunk, &j);
}

/* Row (n, c) of the input gradient from the channel sums sg / sgx. */
WK_NN_AI void bn_grad_row(norm_job *j, int64_t n, int64_t c, bool f64) {
    int64_t M = j->outer * j->inner, base = (n * j->C + c) * j->inner;
    double mu = j->mean[c], is = j->invstd[c], sg = j->o1[c], sgx = j->o2[c];
    double w = j->w ? wk_nn_ld(j->w, c, f64) : 1.0, a = w * is;
    double mg = j->train ? sg / (double)M : 0, mgx = j->train ? sgx / (double)M : 0;
    if (!f64) {
        row_grad_input(f32_at(j->x, base), f32_at(j->g, base), j->inner, mu, is, a, mg, mgx, (float *)j->y + base);
        return;
    }
    for (int64_t i = 0; i < j->inner; i++) {
        double xh = (wk_nn_ld(j->x, base + i, f64) - mu) * is;
        wk_nn_st(j->y, base + i, a * (wk_nn_ld(j->g, base + i, f64) - mg - xh * mgx), f64);
    }
}

WK_NN_AI void bn_backward_range(norm_job *j, int64_t lo, int64_t hi, bool f64) {
    for (int64_t c = lo; c < hi; c++) j->o1[c] = j->o2[c] = 0;
    for (int64_t n = 0; n < j->outer; n++)
        for (int64_t c = lo; c < hi; c++) {
            int64_t base = (n * j->C + c) * j->inner;
            double mu = j->mean[c], is = j->invstd[c];
            if (!f64) {
                row_grad_sums(f32_at(j->x, base), f32_at(j->g, base), j->inner, mu, is, &j->o1[c], &j->o2[c]);
                continue;
            }
            for (int64_t i = 0; i < j->inner; i++) {
                double g = wk_nn_ld(j->g, base + i, f64);
                j->o1[c] += g;
                j->o2[c] += g * (wk_nn_ld(j->x, base + i, f64) - mu) * is;
            }
        }
    for (int64_t n = 0; j->y && n < j->outer; n++)
        for (int64_t c = lo; c < hi; c++) bn_grad_row(j, n, c, f64);
}

static void bn_backward_chunk(int64_t lo, int64_t hi, void *ctx) {
    norm_job *j = ctx;
    if (j->f64) bn_backward_range(j, lo, hi, true);
    else bn_backward_range(j, lo, hi, false);
}

void wk_cpu_nn_bn_backward(wk_dtype dt, const void *x, const void *g, int64_t outer, int64_t C, int64_t inner,
                           const double *mean, const double *invstd, const void *w, bool train, void *gx,
                           double *sum_g, double *sum_gxhat) {
    norm_job j = {.x = x, .g = g, .w = w, .y = gx, .outer = outer, .C = C, .inner = inner, .mean = mean,
                  .invstd = invstd, .o1 = sum_g, .o2 = sum_gxhat, .f64 = dt == WK_DT_F64, .train = train};
    wk_cpu_parallel_for(C, grain(outer * inner), bn_backward_chunk, &j);
}

