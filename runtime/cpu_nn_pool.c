/* cpu_nn_pool.c — CPU 2-D max / average / adaptive-average pooling and their backward passes, one pass per plane, parallel over planes. */
#include "cpu_iter.h"
#include "cpu_nn_vec.h"
#include "ops_nn.h"
#include <math.h>
#include <string.h>

typedef struct pool_job {
    const wk_pool_geom *g;
    const void *in;
    void *out;
    const int64_t *idx_in;
    int64_t *idx_out;
    bool f64, adaptive;
} pool_job;

static void run_planes(const wk_pool_geom *g, pool_job *j, void (*fn)(int64_t, int64_t, void *)) {
    int64_t per = g->h * g->w + g->oh * g->ow;
    wk_cpu_parallel_for(g->planes, 32768 / (per ? per : 1) + 1, fn, j);
}

/* ------------------------------------------------------------------ max */
/* Output (oy, ox) of plane p: PyTorch's scan (rows, then columns; ties keep the first maximum, a
 * NaN always wins). */
WK_NN_AI void max_one(const wk_pool_geom *g, const void *x, void *out, int64_t *idx, int64_t p, int64_t oy,
                      int64_t ox, bool f64) {
    int64_t plane = g->h * g->w, o = p * g->oh * g->ow + oy * g->ow + ox;
    int64_t y0 = oy * g->sh - g->ph, x0 = ox * g->sw - g->pw;
    int64_t y1 = y0 + (g->kh - 1) * g->dh + 1, x1 = x0 + (g->kw - 1) * g->dw + 1;
    if (y1 > g->h) y1 = g->h;
    if (x1 > g->w) x1 = g->w;
    while (y0 < 0) y0 += g->dh;
    while (x0 < 0) x0 += g->dw;
    int64_t best_i = y0 * g->w + x0;
    double best = -INFINITY;
    for (int64_t iy = y0; iy < y1; iy += g->dh)
        for (int64_t ix = x0; ix < x1; ix += g->dw) {
            double v = wk_nn_ld(x, p * plane + iy * g->w + ix, f64);
            if (v > best || isnan(v)) { best = v; best_i = iy * g->w + ix; }
        }
    wk_nn_st(out, o, best, f64);
    idx[o] = best_i;
}

/* The 2x2 stride-2 window without padding or dilation: the float32 fast path below applies. */
static bool is_2x2(const wk_pool_geom *g) {
    return g->kh == 2 && g->kw == 2 && g->sh == 2 && g->sw == 2 && g->ph == 0 && g->pw == 0 && g->dh == 1 &&
           g->dw == 1 && g->w < ((int64_t)1 << 30);
}

/* Candidate v at window offset o replaces the maximum where the scalar scan would take it. */
static inline void max_take(wk_v4f v, int32_t o, wk_v4f *best, wk_v4i *off) {
    wk_v4i m = (v > *best) | (v != v);
    *best = wk_v4f_select(m, v, *best);
    *off = wk_v4i_select(m, (wk_v4i){o, o, o, o}, *off);
}

/* Outputs [0, n) of one 2x2 row whose windows start at input row r0 (plane index i0), four at a
 * time; the scan order (r0 even, r0 odd, r1 even, r1 odd) is the scalar loop's. */
static void max2x2_row(const float *r0, int64_t w, int64_t i0, int64_t n, float *out, int64_t *idx) {
    const float *r1 = r0 + w;
    int64_t ox = 0;
    for (; ox + 4 <= n; ox += 4) {
        wk_v4f a, b, c, d;
        wk_v4f_deinterleave(r0 + 2 * ox, &a, &b);
        wk_v4f_deinterleave(r1 + 2 * ox, &c, &d);
        wk_v4f best = a;
        wk_v4i off = {0, 0, 0, 0};
        max_take(b, 1, &best, &off);
        max_take(c, (int32_t)w, &best, &off);
        max_take(d, (int32_t)w + 1, &best, &off);
        wk_v4f_store(out + ox, best);
        for (int k = 0; k < 4; k++) idx[ox + k] = i0 + 2 * (ox + k) + off[k];
    }
    for (; ox < n; ox++) {
        const int64_t offs[4] = {0, 1, w, w + 1};
        float best = r0[2 * ox];
        int64_t bi = 0;
        for (int k = 1; k < 4; k++) {
            float v = r0[2 * ox + offs[k]];
            if (v > best || isnan(v)) { best = v; bi = offs[k]; }
        }
        out[ox] = best;
        idx[ox] = i0 + 2 * ox + bi;
    }
}

WK_NN_AI void max_plane(const wk_pool_geom *g, const void *x, void *out, int64_t *idx, int64_t p, bool f64) {
    int64_t full_h = 0, full_w = 0;
    if (!f64 && is_2x2(g)) {
        full_h = g->h / 2 < g->oh ? g->h / 2 : g->oh;
        full_w = g->w / 2 < g->ow ? g->w / 2 : g->ow;
    }
    for (int64_t oy = 0; oy < g->oh; oy++) {
        int64_t ox = 0, o = (p * g->oh + oy) * g->ow;
        if (oy < full_h) {
            max2x2_row((const float *)x + p * g->h * g->w + 2 * oy * g->w, g->w, 2 * oy * g->w, full_w,
                       (float *)out + o, idx + o);
            ox = full_w;
        }
        for (; ox < g->ow; ox++) max_one(g, x, out, idx, p, oy, ox, f64);
    }
}

static void max_chunk(int64_t lo, int64_t hi, void *ctx) {
    pool_job *j = ctx;
    for (int64_t p = lo; p < hi; p++) {
        if (j->f64) max_plane(j->g, j->in, j->out, j->idx_out, p, true);
        else max_plane(j->g, j->in, j->out, j->idx_out, p, false);
    }
}

void wk_cpu_nn_max_pool2d(wk_dtype dt, const wk_pool_geom *g, const void *x, void *out, int64_t *idx) {
    pool_job j = {.g = g, .in = x, .out = out, .idx_out = idx, .f64 = dt == WK_DT_F64};
    run_planes(g, &j, max_chunk);
}

WK_NN_AI void max_bw_plane(const wk_pool_geom *g, const void *gout, const int64_t *idx, void *gx, int64_t p, bool f64) {
    int64_t plane = g->h * g->w, on = g->oh * g->ow;
    for (int64_t i = 0; i < plane; i++) wk_nn_st(gx, p * plane + i, 0, f64);
    for (int64_t i = p * on; i < (p + 1) * on; i++) {
        int64_t d = p * plane + idx[i];
        wk_nn_st(gx, d, wk_nn_ld(gx, d, f64) + wk_nn_ld(gout, i, f64), f64);
    }
}

static void max_bw_chunk(int64_t lo, int64_t hi, void *ctx) {
    pool_job *j = ctx;
    for (int64_t p = lo; p < hi; p++) {
        if (j->f64) max_bw_plane(j->g, j->in, j->idx_in, j->out, p, true);
        else max_bw_plane(j->g, j->in, j->idx_in, j->out, p, false);
    }
}

void wk_cpu_nn_max_pool2d_backward(wk_dtype dt, const wk_pool_geom *g, const void *gout, const int64_t *idx, void *gx) {
    pool_job j = {.g = g, .in = gout, .out = gx, .idx_in = idx, .f64 = dt == WK_DT_F64};
    run_planes(g, &j, max_bw_chunk);
}

/* ------------------------------------------------------------------ average (fixed and adaptive windows) */
/* One axis of a window: [lo, hi) clipped to the input, and its length counting padding. */
typedef struct avg_axis { int64_t lo, hi, padded; } avg_axis;
WK_NN_AI avg_axis avg_axis_of(bool adaptive, int64_t o, int64_t in, int64_t out, int64_t k, int64_t st, int64_t pad) {
    avg_axis a;
    if (adaptive) {
        a.lo = o * in / out;
        a.hi = ((o + 1) * in + out - 1) / out;
        a.padded = a.hi - a.lo;
        return a;
    }
    int64_t lo = o * st - pad, hi = lo + k < in + pad ? lo + k : in + pad;
    a.padded = hi - lo;
    a.lo = lo < 0 ? 0 : lo;
    a.hi = hi > in ? in : hi;
    return a;
}

/* Window [y0, y1) x [x0, x1) of output (oy, ox) and its divisor; false when the window is empty.
 * Inlined, so the row's axis is hoisted out of the column loop. */
WK_NN_AI bool avg_window(const wk_pool_geom *g, bool adaptive, int64_t oy, int64_t ox, int64_t *y0, int64_t *y1,
                         int64_t *x0, int64_t *x1, double *div) {
    avg_axis a = avg_axis_of(adaptive, oy, g->h, g->oh, g->kh, g->sh, g->ph);
    avg_axis b = avg_axis_of(adaptive, ox, g->w, g->ow, g->kw, g->sw, g->pw);
    *y0 = a.lo; *y1 = a.hi; *x0 = b.lo; *x1 = b.hi;
    if (adaptive) {
        *div = (double)(a.padded * b.padded);
        return *div > 0;
    }
    if (a.lo >= a.hi || b.lo >= b.hi) return false;
    *div = g->divisor > 0 ? (double)g->divisor
         : g->count_include_pad ? (double)(a.padded * b.padded) : (double)((a.hi - a.lo) * (b.hi - b.lo));
    return true;
}

/* Backward as ATen's cpu_(adaptive_)avg_pool_backward: per output, delta = grad / divisor
 * (adaptive: grad / kh / kw) in the element type, added to its window in output order. */
#define AVG_BW_PLANE(T) do {                                                                  \
        const T *go = (const T *)j->in + p * g->oh * g->ow;                                   \
        T *gx = (T *)j->out + p * plane;                                                      \
        memset(gx, 0, (size_t)plane * sizeof(T));                                             \
        for (int64_t oy = 0; oy < g->oh; oy++)                                                \
            for (int64_t ox = 0; ox < g->ow; ox++) {                                          \
                int64_t y0, y1, x0, x1;                                                       \
                double div;                                                                   \
                if (!avg_window(g, j->adaptive, oy, ox, &y0, &y1, &x0, &x1, &div)) continue;  \
                T v = go[oy * g->ow + ox], v1 = j->adaptive ? v / (T)(y1 - y0) / (T)(x1 - x0) : v / (T)div; \
                for (int64_t iy = y0; iy < y1; iy++)                                          \
                    for (int64_t ix = x0; ix < x1; ix++) gx[iy * g->w + ix] += v1;           \
            }                                                                                 \
    } while (0)

WK_NN_AI void avg_plane(const pool_job *j, int64_t p, bool backward, bool f64) {
    const wk_pool_geom *g = j->g;
    int64_t plane = g->h * g->w, obase = p * g->oh * g->ow;
    if (backward) {
        if (f64) AVG_BW_PLANE(double); else AVG_BW_PLANE(float);
        return;
    }
    for (int64_t oy = 0; oy < g->oh; oy++)
        for (int64_t ox = 0; ox < g->ow; ox++) {
            int64_t y0, y1, x0, x1, o = obase + oy * g->ow + ox;
            double div, s = 0;
            bool any = avg_window(g, j->adaptive, oy, ox, &y0, &y1, &x0, &x1, &div);
            for (int64_t iy = y0; any && iy < y1; iy++)
                for (int64_t ix = x0; ix < x1; ix++) s += wk_nn_ld(j->in, p * plane + iy * g->w + ix, f64);
            wk_nn_st(j->out, o, any ? s / div : 0, f64);
        }
}

static void avg_chunk(int64_t lo, int64_t hi, void *ctx) {
    pool_job *j = ctx;
    for (int64_t p = lo; p < hi; p++) {
        if (j->f64) avg_plane(j, p, false, true);
        else avg_plane(j, p, false, false);
    }
}

static void avg_bw_chunk(int64_t lo, int64_t hi, void *ctx) {
    pool_job *j = ctx;
    for (int64_t p = lo; p < hi; p++) {
        if (j->f64) avg_plane(j, p, true, true);
        else avg_plane(j, p, true, false);
    }
}

static void avg_run(wk_dtype dt, const wk_pool_geom *g, const void *in, void *out, bool adaptive, bool backward) {
    pool_job j = {.g = g, .in = in, .out = out, .f64 = dt == WK_DT_F64, .adaptive = adaptive};
    run_planes(g, &j, backward ? avg_bw_chunk : avg_chunk);
}

void wk_cpu_nn_avg_pool2d(wk_dtype dt, const wk_pool_geom *g, const void *x, void *out) { avg_run(dt, g, x, out, false, false); }
void wk_cpu_nn_avg_pool2d_backward(wk_dtype dt, const wk_pool_geom *g, const void *gout, void *gx) { avg_run(dt, g, gout, gx, false, true); }
void wk_cpu_nn_adaptive_avg_pool2d(wk_dtype dt, const wk_pool_geom *g, const void *x, void *out) { avg_run(dt, g, x, out, true, false); }
void wk_cpu_nn_adaptive_avg_pool2d_backward(wk_dtype dt, const wk_pool_geom *g, const void *gout, void *gx) {
    avg_run(dt, g, gout, gx, true, true);
}
