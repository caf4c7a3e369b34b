/* cpu_nn_interp.c — upsampling kernels: nearest (PyTorch's indices and accumulation order, exact bits) and bilinear (PyTorch's indices and weights, taps summed in double). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "nn_interp.h"

/* PyTorch's nearest_idx (float scale). */
static int64_t nearest_src(int64_t o, int64_t in, int64_t out, double scale) {
    if (out == in) return o;
    if (out == 2 * in) return o >> 1;
    float s = scale > 0 ? (float)(1.0 / scale) : (float)in / (float)out;
    int64_t i = (int64_t)floorf((float)o * s);
    return i < in - 1 ? i : in - 1;
}

/* Per output position along one dim: the two source indices and their weights. The scale is
 * rounded to T, the source position is computed in double (PyTorch's accscalar_t) and the weights
 * rounded to T from it. */
#define WK_INTERP_LINEAR(T, SFX)                                                                   \
    static void lin_index_##SFX(int64_t in, int64_t out, double scale, bool align, int64_t *i0,   \
                                int64_t *i1, T *l0, T *l1) {                                       \
        T s;                                                                                       \
        if (align) s = out > 1 ? (T)(in - 1) / (T)(out - 1) : (T)0;                                \
        else s = scale > 0 ? (T)(1.0 / scale) : (T)in / (T)out;                                    \
        for (int64_t o = 0; o < out; o++) {                                                        \
            if (out == in) { i0[o] = i1[o] = o; l0[o] = 1; l1[o] = 0; continue; }                  \
            double r;                                                                              \
            if (align) r = (double)s * (double)o;                                                  \
            else { r = (double)s * ((double)o + 0.5) - 0.5; if (r < 0) r = 0; }                    \
            i0[o] = (int64_t)r;                                                                    \
            i1[o] = i0[o] + (i0[o] < in - 1 ? 1 : 0);                                              \
            l1[o] = (T)(r - (double)i0[o]);                                                        \
            l0[o] = (T)1 - l1[o];                                                                  \
        }                                                                                          \
    }

WK_INTERP_LINEAR(float, f32)
WK_INTERP_LINEAR(double, f64)

/* Index tables of one upsampling (one allocation). */
typedef struct itab {
    int64_t *h0, *h1, *w0, *w1;
    void *lh0, *lh1, *lw0, *lw1;
    void *mem;
} itab;

static bool itab_make(itab *t, const wk_interp_geom *g, bool f64) {
    size_t es = f64 ? 8 : 4, n = (size_t)(g->oh + g->ow);
    t->mem = malloc(n * 2 * (8 + es) + 64);
    if (!t->mem) return false;
    char *p = t->mem;
    t->h0 = (int64_t *)p; t->h1 = t->h0 + g->oh; t->w0 = t->h1 + g->oh; t->w1 = t->w0 + g->ow;
    p = (char *)(t->w1 + g->ow);
    t->lh0 = p; p += es * (size_t)g->oh; t->lh1 = p; p += es * (size_t)g->oh;
    t->lw0 = p; p += es * (size_t)g->ow; t->lw1 = p;
    if (!g->bilinear) {
        for (int64_t o = 0; o < g->oh; o++) t->h0[o] = nearest_src(o, g->ih, g->oh, g->sh);
        for (int64_t o = 0; o < g->ow; o++) t->w0[o] = nearest_src(o, g->iw, g->ow, g->sw);
    } else if (f64) {
        lin_index_f64(g->ih, g->oh, g->sh, g->align_corners, t->h0, t->h1, t->lh0, t->lh1);
        lin_index_f64(g->iw, g->ow, g->sw, g->align_corners, t->w0, t->w1, t->lw0, t->lw1);
    } else {
        lin_index_f32(g->ih, g->oh, g->sh, g->align_corners, t->h0, t->h1, t->lh0, t->lh1);
        lin_index_f32(g->iw, g->ow, g->sw, g->align_corners, t->w0, t->w1, t->lw0, t->lw1);
    }
    return true;
}

/* The two taps of each row combined in double (PyTorch's CPU kernel rounds differently on its
 * FMA build: bilinear float results can differ from it in the last bit). */
static double combine(double t0, double h0, double t1, double h1) { return t0 * h0 + t1 * h1; }

#define WK_INTERP_KERNELS(T, SFX)                                                                  \
    static void fwd_##SFX(const wk_interp_geom *g, const itab *t, const T *x, T *y) {              \
        const T *lh0 = t->lh0, *lh1 = t->lh1, *lw0 = t->lw0, *lw1 = t->lw1;                        \
        for (int64_t p = 0; p < g->planes; p++) {                                                  \
            const T *xp = x + p * g->ih * g->iw;                                                   \
            T *yp = y + p * g->oh * g->ow;                                                         \
            for (int64_t oh = 0; oh < g->oh; oh++) {                                               \
                const T *r0 = xp + t->h0[oh] * g->iw;                                              \
                if (!g->bilinear) {                                                                \
                    for (int64_t ow = 0; ow < g->ow; ow++) yp[oh * g->ow + ow] = r0[t->w0[ow]];    \
                    continue;                                                                      \
                }                                                                                  \
                const T *r1 = xp + t->h1[oh] * g->iw;                                              \
                for (int64_t ow = 0; ow < g->ow; ow++) {                                           \
                    int64_t a = t->w0[ow], b = t->w1[ow];                                          \
                    double t0 = (double)r0[a] * lw0[ow] + (double)r0[b] * lw1[ow];                 \
                    double t1 = (double)r1[a] * lw0[ow] + (double)r1[b] * lw1[ow];                 \
                    yp[oh * g->ow + ow] = (T)combine(t0, lh0[oh], t1, lh1[oh]);                    \
                }                                                                                  \
            }                                                                                      \
        }                                                                                          \
    }                                                                                              \
    static void bwd_##SFX(const wk_interp_geom *g, const itab *t, const T *go, T *gx) {            \
        const T *lh0 = t->lh0, *lh1 = t->lh1, *lw0 = t->lw0, *lw1 = t->lw1;                        \
        memset(gx, 0, sizeof(T) * (size_t)(g->planes * g->ih * g->iw));                            \
        for (int64_t p = 0; p < g->planes; p++) {                                                  \
            T *xp = gx + p * g->ih * g->iw;                                                        \
            const T *gp = go + p * g->oh * g->ow;                                                  \
            for (int64_t oh = 0; oh < g->oh; oh++) {                                               \
                T *r0 = xp + t->h0[oh] * g->iw;                                                    \
                const T *gr = gp + oh * g->ow;                                                     \
                if (!g->bilinear) {                                                                \
                    for (int64_t ow = 0; ow < g->ow; ow++) r0[t->w0[ow]] += gr[ow];                \
                    continue;                                                                      \
                }                                                                                  \
                T *r1 = xp + t->h1[oh] * g->iw;                                                    \
                T h0 = lh0[oh], h1 = lh1[oh];                                                      \
                for (int64_t ow = 0; ow < g->ow; ow++) {                                           \
                    int64_t a = t->w0[ow], b = t->w1[ow];                                          \
                    T v = gr[ow];                                                                  \
                    r0[a] += h0 * lw0[ow] * v;                                                     \
                    r0[b] += h0 * lw1[ow] * v;                                                     \
                    r1[a] += h1 * lw0[ow] * v;                                                     \
                    r1[b] += h1 * lw1[ow] * v;                                                     \
                }                                                                                  \
            }                                                                                      \
        }                                                                                          \
    }

WK_INTERP_KERNELS(float, f32)
WK_INTERP_KERNELS(double, f64)

static bool run(wk_dtype dt, const wk_interp_geom *g, const void *src, void *dst, bool backward) {
    bool f64 = dt == WK_DT_F64;
    itab t;
    if (!itab_make(&t, g, f64)) return false;
    if (f64) (backward ? bwd_f64 : fwd_f64)(g, &t, src, dst);
    else (backward ? bwd_f32 : fwd_f32)(g, &t, src, dst);
    free(t.mem);
    return true;
}

bool wk_cpu_nn_upsample(wk_dtype dt, const wk_interp_geom *g, const void *x, void *out) { return run(dt, g, x, out, false); }
bool wk_cpu_nn_upsample_backward(wk_dtype dt, const wk_interp_geom *g, const void *gout, void *gx) {
    return run(dt, g, gout, gx, true);
}
