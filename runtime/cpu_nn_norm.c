/* cpu_nn_norm.c — CPU batch-norm and layer-norm kernels: single-pass shifted statistics in double, fused apply and backward. */
#include "cpu_iter.h"
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

/* ------------------------------------------------------------------ batch norm */
/* Mean and biased variance of channel c in one pass, shifted by the first element for accuracy. */
WK_NN_AI void bn_stats_c(norm_job *j, int64_t c, bool f64) {
    int64_t M = j->outer * j->inner;
    double k = M ? wk_nn_ld(j->x, c * j->inner, f64) : 0, s = 0, q = 0;
    for (int64_t n = 0; n < j->outer; n++) {
        int64_t base = (n * j->C + c) * j->inner;
        for (int64_t i = 0; i < j->inner; i++) {
            double d = wk_nn_ld(j->x, base + i, f64) - k;
            s += d;
            q += d * d;
        }
    }
    double m = M ? s / (double)M : NAN;
    j->o1[c] = k + m;
    j->o2[c] = M ? fmax((q - s * m) / (double)M, 0) : NAN;
}

static void bn_stats_chunk(int64_t lo, int64_t hi, void *ctx) {
    norm_job *j = ctx;
    for (int64_t c = lo; c < hi; c++) {
        if (j->f64) bn_stats_c(j, c, true);
        else bn_stats_c(j, c, false);
    }
}

void wk_cpu_nn_bn_stats(wk_dtype dt, const void *x, int64_t outer, int64_t C, int64_t inner, double *mean, double *var) {
    norm_job j = {.x = x, .outer = outer, .C = C, .inner = inner, .o1 = mean, .o2 = var, .f64 = dt == WK_DT_F64};
    wk_cpu_parallel_for(C, grain(outer * inner), bn_stats_chunk, &j);
}

WK_NN_AI void bn_apply_c(norm_job *j, int64_t c, bool f64) {
    double a = j->invstd[c] * (j->w ? wk_nn_ld(j->w, c, f64) : 1.0);
    double b = (j->b ? wk_nn_ld(j->b, c, f64) : 0.0) - j->mean[c] * a;
    for (int64_t n = 0; n < j->outer; n++) {
        int64_t base = (n * j->C + c) * j->inner;
        for (int64_t i = 0; i < j->inner; i++) wk_nn_st(j->y, base + i, wk_nn_ld(j->x, base + i, f64) * a + b, f64);
    }
}

static void bn_apply_chunk(int64_t lo, int64_t hi, void *ctx) {
    norm_job *j = ctx;
    for (int64_t c = lo; c < hi; c++) {
        if (j->f64) bn_apply_c(j, c, true);
        else bn_apply_c(j, c, false);
    }
}

void wk_cpu_nn_bn_apply(wk_dtype dt, const void *x, int64_t outer, int64_t C, int64_t inner, const double *mean,
                        const double *invstd, const void *w, const void *b, void *y) {
    norm_job j = {.x = x, .y = y, .w = w, .b = b, .outer = outer, .C = C, .inner = inner, .mean = mean,
                  .invstd = invstd, .f64 = dt == WK_DT_F64};
    wk_cpu_parallel_for(C, grain(outer * inner), bn_apply_chunk, &j);
}

WK_NN_AI void bn_backward_c(norm_job *j, int64_t c, bool f64) {
    double mu = j->mean[c], is = j->invstd[c], sg = 0, sgx = 0;
    int64_t M = j->outer * j->inner;
    for (int64_t n = 0; n < j->outer; n++) {
        int64_t base = (n * j->C + c) * j->inner;
        for (int64_t i = 0; i < j->inner; i++) {
            double g = wk_nn_ld(j->g, base + i, f64);
            sg += g;
            sgx += g * (wk_nn_ld(j->x, base + i, f64) - mu) * is;
        }
    }
    j->o1[c] = sg;
    j->o2[c] = sgx;
    if (!j->y) return;
    double w = j->w ? wk_nn_ld(j->w, c, f64) : 1.0, a = w * is;
    double mg = j->train ? sg / (double)M : 0, mgx = j->train ? sgx / (double)M : 0;
    for (int64_t n = 0; n < j->outer; n++) {
        int64_t base = (n * j->C + c) * j->inner;
        for (int64_t i = 0; i < j->inner; i++) {
            double xh = (wk_nn_ld(j->x, base + i, f64) - mu) * is;
            wk_nn_st(j->y, base + i, a * (wk_nn_ld(j->g, base + i, f64) - mg - xh * mgx), f64);
        }
    }
}

static void bn_backward_chunk(int64_t lo, int64_t hi, void *ctx) {
    norm_job *j = ctx;
    for (int64_t c = lo; c < hi; c++) {
        if (j->f64) bn_backward_c(j, c, true);
        else bn_backward_c(j, c, false);
    }
}

void wk_cpu_nn_bn_backward(wk_dtype dt, const void *x, const void *g, int64_t outer, int64_t C, int64_t inner,
                           const double *mean, const double *invstd, const void *w, bool train, void *gx,
                           double *sum_g, double *sum_gxhat) {
    norm_job j = {.x = x, .g = g, .w = w, .y = gx, .outer = outer, .C = C, .inner = inner, .mean = mean,
                  .invstd = invstd, .o1 = sum_g, .o2 = sum_gxhat, .f64 = dt == WK_DT_F64, .train = train};
    wk_cpu_parallel_for(C, grain(outer * inner), bn_backward_chunk, &j);
}

/* ------------------------------------------------------------------ layer norm (rows x cols) */
WK_NN_AI void ln_row(norm_job *j, int64_t r, bool f64) {
    int64_t M = j->inner, base = r * M;
    double k = wk_nn_ld(j->x, base, f64), s = 0, q = 0;
    for (int64_t i = 0; i < M; i++) {
        double d = wk_nn_ld(j->x, base + i, f64) - k;
        s += d;
        q += d * d;
    }
    double m = s / (double)M, var = fmax((q - s * m) / (double)M, 0), rs = 1.0 / sqrt(var + j->eps);
    j->o1[r] = k + m;
    j->o2[r] = rs;
    for (int64_t i = 0; i < M; i++) {
        double v = (wk_nn_ld(j->x, base + i, f64) - k - m) * rs;
        if (j->w) v *= wk_nn_ld(j->w, i, f64);
        if (j->b) v += wk_nn_ld(j->b, i, f64);
        wk_nn_st(j->y, base + i, v, f64);
    }
}

static void ln_chunk(int64_t lo, int64_t hi, void *ctx) {
    norm_job *j = ctx;
    for (int64_t r = lo; r < hi; r++) {
        if (j->f64) ln_row(j, r, true);
        else ln_row(j, r, false);
    }
}

void wk_cpu_nn_ln_forward(wk_dtype dt, const void *x, int64_t rows, int64_t cols, double eps, const void *w,
                          const void *b, void *y, double *mean, double *rstd) {
    if (cols == 0) return;
    norm_job j = {.x = x, .w = w, .b = b, .y = y, .outer = rows, .inner = cols, .eps = eps, .o1 = mean,
                  .o2 = rstd, .f64 = dt == WK_DT_F64};
    wk_cpu_parallel_for(rows, grain(cols), ln_chunk, &j);
}

WK_NN_AI void ln_bw_row(norm_job *j, int64_t r, bool f64) {
    int64_t M = j->inner, base = r * M;
    double mu = j->mean[r], rs = j->invstd[r], a = 0, b = 0;
    for (int64_t i = 0; i < M; i++) {
        double gw = wk_nn_ld(j->g, base + i, f64) * (j->w ? wk_nn_ld(j->w, i, f64) : 1.0);
        a += gw;
        b += gw * (wk_nn_ld(j->x, base + i, f64) - mu) * rs;
    }
    a /= (double)M;
    b /= (double)M;
    for (int64_t i = 0; i < M; i++) {
        double gw = wk_nn_ld(j->g, base + i, f64) * (j->w ? wk_nn_ld(j->w, i, f64) : 1.0);
        double xh = (wk_nn_ld(j->x, base + i, f64) - mu) * rs;
        wk_nn_st(j->y, base + i, rs * (gw - a - xh * b), f64);
    }
}

static void ln_bw_chunk(int64_t lo, int64_t hi, void *ctx) {
    norm_job *j = ctx;
    for (int64_t r = lo; r < hi; r++) {
        if (j->f64) ln_bw_row(j, r, true);
        else ln_bw_row(j, r, false);
    }
}

WK_NN_AI void ln_param_grads(const norm_job *j, double *gw, double *gb, bool f64) {
    for (int64_t r = 0; r < j->outer; r++)
        for (int64_t i = 0; i < j->inner; i++) {
            double g = wk_nn_ld(j->g, r * j->inner + i, f64);
            if (gw) gw[i] += g * (wk_nn_ld(j->x, r * j->inner + i, f64) - j->mean[r]) * j->invstd[r];
            if (gb) gb[i] += g;
        }
}

void wk_cpu_nn_ln_backward(wk_dtype dt, const void *x, const void *g, int64_t rows, int64_t cols,
                           const double *mean, const double *rstd, const void *w, void *gx, double *gw, double *gb) {
    if (cols == 0) return;
    norm_job j = {.x = x, .g = g, .w = w, .y = gx, .outer = rows, .inner = cols, .mean = mean, .invstd = rstd,
                  .f64 = dt == WK_DT_F64};
    if (gx) wk_cpu_parallel_for(rows, grain(cols), ln_bw_chunk, &j);
    if (!gw && !gb) return;
    if (j.f64) ln_param_grads(&j, gw, gb, true);
    else ln_param_grads(&j, gw, gb, false);
}
