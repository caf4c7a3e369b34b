/* cpu_nn_conv.c — CPU 2-D convolution: im2col/col2im around the backend GEMM (bias preloaded into the output), 1x1 fast path, batch split across threads for GEMMs too small to thread themselves. */
#include "cpu_iter.h"
#include "cpu_kernels.h"
#include "cpu_nn_vec.h"
#include "ops_nn.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* GEMM work per sample from which the samples run in order, each GEMM given to OpenBLAS and
 * threaded there (cpu_gemm.c never calls OpenBLAS inside a parallel region, so a batch split
 * would fall back to our own GEMM); below it the batch is split across threads. */
#define GEMM_PAR_WORK (64.0 * 64 * 64)

static int64_t cg_of(const wk_conv_geom *g) { return g->c / g->groups; }
static int64_t og_of(const wk_conv_geom *g) { return g->o / g->groups; }
static int64_t k_of(const wk_conv_geom *g) { return cg_of(g) * g->kh * g->kw; }
static int64_t l_of(const wk_conv_geom *g) { return g->oh * g->ow; }

/* 1x1 kernel, unit stride, no padding: the input planes already are the column matrix. */
static bool is_direct(const wk_conv_geom *g) {
    return g->kh == 1 && g->kw == 1 && g->sh == 1 && g->sw == 1 && g->ph == 0 && g->pw == 0 &&
           g->oh == g->h && g->ow == g->w;
}

/* Range [lo, hi) of output columns whose input column ox*s + x0 lies inside [0, w). */
static void valid_cols(int64_t x0, int64_t s, int64_t w, int64_t ow, int64_t *lo, int64_t *hi) {
    *lo = x0 >= 0 ? 0 : (-x0 + s - 1) / s;
    *hi = x0 > w - 1 ? 0 : (w - 1 - x0) / s + 1;
    if (*hi > ow) *hi = ow;
    if (*lo > *hi) *lo = *hi;
}

static void copy_strided(char *dst, const char *src, int64_t n, int64_t s, size_t es) {
    if (s == 1 && es == 4 && n <= 64) {  /* short float rows: inline vector copies beat memcpy calls */
        int64_t i = 0;
        for (; i + 4 <= n; i += 4) wk_v4f_store((float *)dst + i, wk_v4f_load((const float *)src + i));
        for (; i < n; i++) ((float *)dst)[i] = ((const float *)src)[i];
        return;
    }
    if (s == 1) { memcpy(dst, src, (size_t)n * es); return; }
    if (es == 4) for (int64_t i = 0; i < n; i++) ((uint32_t *)dst)[i] = ((const uint32_t *)src)[i * s];
    else for (int64_t i = 0; i < n; i++) ((uint64_t *)dst)[i] = ((const uint64_t *)src)[i * s];
}

/* col (Cg*kh*kw, oh*ow) from one group's input planes xs (Cg, H, W). Pure data movement. */
static void im2col(const wk_conv_geom *g, size_t es, const char *xs, char *col) {
    int64_t L = l_of(g), cg = cg_of(g);
    for (int64_t c = 0; c < cg; c++)
        for (int64_t ki = 0; ki < g->kh; ki++)
            for (int64_t kj = 0; kj < g->kw; kj++) {
                char *row = col + (size_t)(((c * g->kh + ki) * g->kw + kj) * L) * es;
                int64_t x0 = kj * g->dw - g->pw, lo, hi;
                valid_cols(x0, g->sw, g->w, g->ow, &lo, &hi);
                for (int64_t oy = 0; oy < g->oh; oy++) {
                    char *dst = row + (size_t)(oy * g->ow) * es;
                    int64_t iy = oy * g->sh - g->ph + ki * g->dh;
                    if (iy < 0 || iy >= g->h) { memset(dst, 0, (size_t)g->ow * es); continue; }
                    const char *src = xs + (size_t)((c * g->h + iy) * g->w) * es;
                    memset(dst, 0, (size_t)lo * es);
                    copy_strided(dst + (size_t)lo * es, src + (size_t)(lo * g->sw + x0) * es, hi - lo, g->sw, es);
                    memset(dst + (size_t)hi * es, 0, (size_t)(g->ow - hi) * es);
                }
            }
}

static void add_row_f32(float *restrict d, const float *restrict s, int64_t n) {
    for (int64_t i = 0; i < n; i++) d[i] += s[i];
}
static void add_row_f64(double *restrict d, const double *restrict s, int64_t n) {
    for (int64_t i = 0; i < n; i++) d[i] += s[i];
}

/* xs (Cg, H, W) += the columns of col scattered back (adjoint of im2col). */
WK_NN_AI void col2im_body(const wk_conv_geom *g, const void *col, void *xs, bool f64) {
    int64_t L = l_of(g), cg = cg_of(g);
    for (int64_t c = 0; c < cg; c++)
        for (int64_t ki = 0; ki < g->kh; ki++)
            for (int64_t kj = 0; kj < g->kw; kj++) {
                int64_t row = ((c * g->kh + ki) * g->kw + kj) * L;
                int64_t x0 = kj * g->dw - g->pw, lo, hi;
                valid_cols(x0, g->sw, g->w, g->ow, &lo, &hi);
                for (int64_t oy = 0; oy < g->oh; oy++) {
                    int64_t iy = oy * g->sh - g->ph + ki * g->dh;
                    if (iy < 0 || iy >= g->h) continue;
                    int64_t src = row + oy * g->ow, dst = (c * g->h + iy) * g->w + x0;
                    if (g->sw == 1) {  /* unit stride: a vectorisable row add, same per-element order */
                        if (f64) add_row_f64((double *)xs + dst + lo, (const double *)col + src + lo, hi - lo);
                        else add_row_f32((float *)xs + dst + lo, (const float *)col + src + lo, hi - lo);
                        continue;
                    }
                    for (int64_t ox = lo; ox < hi; ox++) {
                        int64_t d = dst + ox * g->sw;
                        wk_nn_st(xs, d, wk_nn_ld(xs, d, f64) + wk_nn_ld(col, src + ox, f64), f64);
                    }
                }
            }
}

static void col2im(wk_dtype dt, const wk_conv_geom *g, const void *col, void *xs) {
    if (dt == WK_DT_F64) col2im_body(g, col, xs, true);
    else col2im_body(g, col, xs, false);
}

/* rows (n, L) of p: row r = v[r] (the bias the GEMM then accumulates onto, one rounding as
 * acc + b). */
static void rows_fill(wk_dtype dt, void *p, int64_t n, int64_t L, const void *v) {
    for (int64_t r = 0; r < n; r++) {
        if (dt == WK_DT_F64) {
            double b = ((const double *)v)[r], *row = (double *)p + r * L;
            for (int64_t i = 0; i < L; i++) row[i] = b;
            continue;
        }
        float b = ((const float *)v)[r], *row = (float *)p + r * L;
        wk_v4f vb = wk_v4f_splat(b);
        int64_t i = 0;
        for (; i + 4 <= L; i += 4) wk_v4f_store(row + i, vb);
        for (; i < L; i++) row[i] = b;
    }
}

/* Sum of float32 row p[0, L) in double. */
static double sum_row_f32(const float *p, int64_t L) {
    wk_v2d s0 = {0, 0}, s1 = {0, 0};
    int64_t i = 0;
    for (; i + 4 <= L; i += 4) {
        s0 += (wk_v2d){p[i], p[i + 1]};
        s1 += (wk_v2d){p[i + 2], p[i + 3]};
    }
    double s = (s0[0] + s1[0]) + (s0[1] + s1[1]);
    for (; i < L; i++) s += p[i];
    return s;
}

/* sums[r] += sum of row r of p (n, L). */
static void rows_sum(wk_dtype dt, const void *p, int64_t n, int64_t L, double *sums) {
    for (int64_t r = 0; r < n; r++) {
        if (dt != WK_DT_F64) { sums[r] += sum_row_f32((const float *)p + r * L, L); continue; }
        double s = 0;
        for (int64_t i = 0; i < L; i++) s += ((const double *)p)[r * L + i];
        sums[r] += s;
    }
}

/* ------------------------------------------------------------------ batch-parallel driver */
typedef struct conv_job {
    wk_dtype dt;
    size_t es;
    const wk_conv_geom *g;
    const char *x, *w, *b, *gout;
    char *out, *gx, *gw;
    double *gb;
    pthread_mutex_t lock;
    bool failed;
} conv_job;

static bool run_batch(conv_job *j, void (*fn)(int64_t, int64_t, void *)) {
    const wk_conv_geom *g = j->g;
    double work = (double)g->o * (double)k_of(g) * (double)l_of(g) / (double)g->groups;
    if (g->n > 1 && work < GEMM_PAR_WORK && work * (double)g->n >= 2e5) wk_cpu_parallel_for(g->n, 1, fn, j);
    else fn(0, g->n, j);
    if (j->failed) return wk_rt_err(WK_ERR_OOM, "out of memory");
    return true;
}

static void fwd_chunk(int64_t lo, int64_t hi, void *ctx) {
    conv_job *j = ctx;
    const wk_conv_geom *g = j->g;
    int64_t K = k_of(g), L = l_of(g), og = og_of(g), cg = cg_of(g);
    bool direct = is_direct(g);
    char *col = direct ? NULL : malloc((size_t)(K * L) * j->es);
    if (!direct && !col) { j->failed = true; return; }
    for (int64_t n = lo; n < hi; n++)
        for (int64_t gr = 0; gr < g->groups; gr++) {
            const char *xs = j->x + (size_t)((n * g->c + gr * cg) * g->h * g->w) * j->es;
            if (!direct) im2col(g, j->es, xs, col);
            char *o = j->out + (size_t)((n * g->o + gr * og) * L) * j->es;
            if (j->b) rows_fill(j->dt, o, og, L, j->b + (size_t)(gr * og) * j->es);
            wk_cpu_gemm(j->dt, false, false, og, L, K, 1.0, j->w + (size_t)(gr * og * K) * j->es, K,
                        direct ? xs : col, L, j->b ? 1.0 : 0.0, o, L);
        }
    free(col);
}

bool wk_cpu_nn_conv2d(wk_dtype dt, const wk_conv_geom *g, const void *x, const void *w, const void *b, void *out) {
    conv_job j = {.dt = dt, .es = wk_dtype_size(dt), .g = g, .x = x, .w = w, .b = b, .out = out};
    return run_batch(&j, fwd_chunk);
}

WK_NN_AI void add_into_body(void *dst, const void *src, int64_t n, bool f64) {
    for (int64_t i = 0; i < n; i++) wk_nn_st(dst, i, wk_nn_ld(dst, i, f64) + wk_nn_ld(src, i, f64), f64);
}

static void bwd_chunk(int64_t lo, int64_t hi, void *ctx) {
    conv_job *j = ctx;
    const wk_conv_geom *g = j->g;
    int64_t K = k_of(g), L = l_of(g), og = og_of(g), cg = cg_of(g), plane = g->h * g->w;
    bool direct = is_direct(g);
    char *col = direct ? NULL : malloc((size_t)(K * L) * j->es);
    char *gw = j->gw ? calloc((size_t)(g->o * K), j->es) : NULL;
    double *gb = j->gb ? calloc((size_t)g->o, sizeof(double)) : NULL;
    if ((!direct && !col) || (j->gw && !gw) || (j->gb && !gb)) { j->failed = true; free(col); free(gw); free(gb); return; }
    for (int64_t n = lo; n < hi; n++) {
        if (j->gx && !direct) memset(j->gx + (size_t)(n * g->c * plane) * j->es, 0, (size_t)(g->c * plane) * j->es);
        for (int64_t gr = 0; gr < g->groups; gr++) {
            size_t xoff = (size_t)((n * g->c + gr * cg) * plane) * j->es;
            const char *go = j->gout + (size_t)((n * g->o + gr * og) * L) * j->es;
            const char *wg = j->w + (size_t)(gr * og * K) * j->es;
            if (j->gx) {
                wk_cpu_gemm(j->dt, true, false, K, L, og, 1.0, wg, K, go, L, 0.0, direct ? j->gx + xoff : col, L);
                if (!direct) col2im(j->dt, g, col, j->gx + xoff);
            }
            if (gw) {
                if (!direct) im2col(g, j->es, j->x + xoff, col);
                wk_cpu_gemm(j->dt, false, true, og, K, L, 1.0, go, L, direct ? j->x + xoff : col, L, 1.0,
                            gw + (size_t)(gr * og * K) * j->es, K);
            }
        }
        if (gb) rows_sum(j->dt, j->gout + (size_t)(n * g->o * L) * j->es, g->o, L, gb);
    }
    pthread_mutex_lock(&j->lock);
    if (gw) {
        if (j->dt == WK_DT_F64) add_into_body(j->gw, gw, g->o * K, true);
        else add_into_body(j->gw, gw, g->o * K, false);
    }
    for (int64_t o = 0; gb && o < g->o; o++) j->gb[o] += gb[o];
    pthread_mutex_unlock(&j->lock);
    free(col);
    free(gw);
    free(gb);
}

bool wk_cpu_nn_conv2d_backward(wk_dtype dt, const wk_conv_geom *g, const void *x, const void *w,
                               const void *gout, void *gx, void *gw, void *gb) {
    size_t es = wk_dtype_size(dt);
    double *gbd = gb ? calloc((size_t)g->o, sizeof(double)) : NULL;
    if (gb && !gbd) return wk_rt_err(WK_ERR_OOM, "out of memory");
    if (gw) memset(gw, 0, (size_t)(g->o * k_of(g)) * es);
    conv_job j = {.dt = dt, .es = es, .g = g, .x = x, .w = w, .gout = gout, .gx = gx, .gw = gw, .gb = gbd};
    pthread_mutex_init(&j.lock, NULL);
    bool ok = run_batch(&j, bwd_chunk);
    pthread_mutex_destroy(&j.lock);
    for (int64_t o = 0; ok && gb && o < g->o; o++) wk_nn_st(gb, o, gbd[o], dt == WK_DT_F64);
    free(gbd);
    return ok;
}
