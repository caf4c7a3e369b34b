/* cpu_nn_moments.c — CPU layer norm in PyTorch 1.13's arithmetic: RowwiseMoments' cascaded Welford over 8-lane (float) / 4-lane (double) chunks, the fused apply, and the backward's row sums and row-ordered column sums. */
#include "cpu_iter.h"
#include "ops_nn.h"
#include <math.h>
#include <string.h>

#pragma GCC diagnostic ignored "-Wpsabi"  /* static helpers only: no ABI crosses a library boundary */

/* PyTorch's AVX2 Vectorized<float> / Vectorized<double>: 32-byte vectors (the same IEEE
 * operations lane by lane on any x86-64). The file is built with -ffp-contract=off, so the
 * multiply-adds that PyTorch's build fuses (in the apply, the backward's lambdas and scalar
 * coefficients; not in RowwiseMoments) are written as fma(): found by testing bits against
 * PyTorch 1.13. The fma clone and the default one give the same bits. */
typedef float mo_vf __attribute__((vector_size(32)));
typedef double mo_vd __attribute__((vector_size(32)));
#define MO_CHUNK 16
#define MO_COLS 256

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(WK_NO_TARGET_CLONES)
#define MO_CLONES __attribute__((target_clones("fma", "default")))  /* fma implies AVX */
#else
#define MO_CLONES
#endif
#define MO_AI static inline __attribute__((always_inline))

typedef struct ln_job {
    const void *x, *g, *w, *b;
    void *y;
    double *colw, *colb;
    int64_t rows, cols;
    double eps;
    double *mean, *rstd;
} ln_job;

/* MO_DEFINE(T, V, L, S, FMA, SQRT, TREE): the kernels for scalar T with L-lane vector V, suffix S;
 * TREE: PyTorch folds a full vector's lanes in halves (its AVX2 float specialisation), else in order. */
#define MO_DEFINE(T, V, L, S, FMA, SQRT, TREE)                                                                 \
    MO_AI V splat_##S(T v) {                                                                               \
        V r;                                                                                               \
        for (int k = 0; k < L; k++) r[k] = v;                                                              \
        return r;                                                                                          \
    }                                                                                                      \
    MO_AI V fmav_##S(V a, V b, V c) {                                                                      \
        V r;                                                                                               \
        for (int k = 0; k < L; k++) r[k] = FMA(a[k], b[k], c[k]);                                          \
        return r;                                                                                          \
    }                                                                                                      \
    MO_AI V load_##S(const T *p) {                                                                         \
        V r;                                                                                               \
        memcpy(&r, p, sizeof r);                                                                           \
        return r;                                                                                          \
    }                                                                                                      \
    /* AddMomentsVec: fold (n_add, m1_add, m2_add) into (*n, *m1, *m2). */                                 \
    MO_AI void addv_##S(int64_t n_add, V m1_add, V m2_add, int64_t *n, V *m1, V *m2) {                     \
        int64_t t = *n + n_add;                                                                            \
        V c = splat_##S(t == 0 ? (T)0 : (T)n_add / (T)t), d = m1_add - *m1;                                \
        *m1 += c * d;                                                                                      \
        *m2 += m2_add + d * d * c * splat_##S((T)*n);                                                      \
        *n = t;                                                                                            \
    }                                                                                                      \
    MO_AI void adds_##S(int64_t n_add, T m1_add, T m2_add, int64_t *n, T *m1, T *m2) {                     \
        int64_t t = *n + n_add;                                                                            \
        T c = t == 0 ? (T)0 : (T)n_add / (T)t, d = m1_add - *m1;                                           \
        *m1 += c * d;                                                                                      \
        *m2 += m2_add + d * d * c * (T)*n;                                                                 \
        *n = t;                                                                                            \
    }                                                                                                      \
    /* RowwiseMoments: Welford within chunks of 16 vectors, chunks merged in a binary cascade, the     \
     * scalar tail by Welford, then the lanes folded into the tail in lane order. */                       \
    MO_AI void moments_##S(const T *x, int64_t N, T *mean, T *var) {                                       \
        int64_t n = N / L, m = (n + MO_CHUNK - 1) / MO_CHUNK, depth = 0, cnt[64] = {0};                    \
        V s1[64], s2[64];                                                                                  \
        while (((int64_t)1 << depth) < m) depth++;                                                         \
        for (int64_t i = 0; i <= depth; i++) s1[i] = s2[i] = splat_##S(0);                                 \
        for (int64_t i = 0; i < m; i++) {                                                                  \
            const T *p = x + i * MO_CHUNK * L;                                                             \
            int64_t k = n - i * MO_CHUNK < MO_CHUNK ? n - i * MO_CHUNK : MO_CHUNK;                         \
            V a = splat_##S(0), b = splat_##S(0);                                                          \
            for (int64_t j = 0; j < k; j++) {                                                              \
                V v = load_##S(p + j * L), d = v - a;                                                      \
                a += d * splat_##S((T)1 / (T)(j + 1));                                                     \
                b += d * (v - a);                                                                          \
            }                                                                                              \
            addv_##S(k, a, b, &cnt[0], &s1[0], &s2[0]);                                                    \
            int64_t mask = i + 1;                                                                          \
            for (int64_t j = 1; j < depth && (mask & 1) == 0; j++, mask >>= 1) {                           \
                addv_##S(cnt[j - 1], s1[j - 1], s2[j - 1], &cnt[j], &s1[j], &s2[j]);                       \
                cnt[j - 1] = 0;                                                                            \
                s1[j - 1] = s2[j - 1] = splat_##S(0);                                                      \
            }                                                                                              \
        }                                                                                                  \
        for (int64_t j = 1; j < depth; j++) addv_##S(cnt[j], s1[j], s2[j], &cnt[0], &s1[0], &s2[0]);       \
        int64_t c = 0;                                                                                     \
        T m1 = 0, m2 = 0;                                                                                  \
        for (int64_t i = n * L; i < N; i++) {                                                              \
            T d = x[i] - m1;                                                                               \
            c++;                                                                                           \
            m1 += d / (T)c;                                                                                \
            m2 += d * (x[i] - m1);                                                                         \
        }                                                                                                  \
        for (int k = 0; k < L; k++) adds_##S(n, s1[0][k], s2[0][k], &c, &m1, &m2);                         \
        *mean = m1;                                                                                        \
        *var = m2 / (T)N;                                                                                  \
    }                                                                                                      \
    /* One row: y = (x * rstd + (-rstd * mean)) * w + b, both multiply-adds fused as PyTorch's      \
     * compiler fuses them (its vector map and its scalar loop alike). */                                  \
    MO_CLONES static void ln_row_##S(const ln_job *j, int64_t r) {                                         \
        int64_t N = j->cols;                                                                               \
        const T *x = (const T *)j->x + r * N, *w = j->w, *b = j->b;                                        \
        T *y = (T *)j->y + r * N, mean, var;                                                               \
        moments_##S(x, N, &mean, &var);                                                                    \
        T rstd = (T)1 / SQRT(var + (T)j->eps), scale = rstd, bias = -rstd * mean;                          \
        j->mean[r] = mean;                                                                                 \
        j->rstd[r] = rstd;                                                                                 \
        for (int64_t i = 0; i < N; i++)                                                                    \
            y[i] = FMA(FMA(x[i], scale, bias), w ? w[i] : (T)1, b ? b[i] : (T)0);                          \
    }                                                                                                      \
    /* vec::map*_reduce_all of dy*x*w and dy*w (w = 1 when absent): lane sums over the vectors with   \
     * the last product fused into the add, the partial tail added into its lanes only, then the       \
     * lanes folded (in halves when TREE, in order otherwise or below one vector). */                  \
    MO_AI void row_sums_##S(const T *g, const T *x, const T *w, int64_t N, T *ds, T *db) {                \
        V as = splat_##S(0), ab = splat_##S(0);                                                            \
        int64_t i = 0;                                                                                     \
        for (; i + L <= N; i += L) {                                                                       \
            V gv = load_##S(g + i), xv = load_##S(x + i);                                                  \
            if (!w) {                                                                                      \
                as = i ? fmav_##S(gv, xv, as) : gv * xv;                                                   \
                ab = i ? ab + gv : gv;                                                                     \
                continue;                                                                                  \
            }                                                                                              \
            V wv = load_##S(w + i), gx = gv * xv;                                                          \
            as = i ? fmav_##S(gx, wv, as) : gx * wv;                                                       \
            ab = i ? fmav_##S(gv, wv, ab) : gv * wv;                                                       \
        }                                                                                                  \
        for (int64_t k = 0; i < N; i++, k++) {                                                             \
            T gx = g[i] * x[i], wi = w ? w[i] : (T)1;                                                      \
            if (N < L) {                                                                                   \
                as[k] = w ? gx * wi : gx;                                                                  \
                ab[k] = w ? g[i] * wi : g[i];                                                              \
            } else {                                                                                       \
                as[k] = w ? FMA(gx, wi, as[k]) : FMA(g[i], x[i], as[k]);                                   \
                ab[k] = w ? FMA(g[i], wi, ab[k]) : ab[k] + g[i];                                           \
            }                                                                                              \
        }                                                                                                  \
        if (N < L || !TREE) {                                                                              \
            for (int k = 1; k < (N < L ? N : L); k++) { as[0] += as[k]; ab[0] += ab[k]; }                  \
        } else {                                                                                           \
            for (int h = L / 2; h >= 1; h /= 2)                                                            \
                for (int k = 0; k < h; k++) { as[k] += as[k + h]; ab[k] += ab[k + h]; }                    \
        }                                                                                                  \
        *ds = as[0];                                                                                       \
        *db = ab[0];                                                                                       \
    }                                                                                                      \
    /* dX of one row: a * dy * w + b * x + c, its first multiply-add fused as in PyTorch's build. */     \
    MO_CLONES static void ln_bw_row_##S(const ln_job *j, int64_t r) {                                      \
        int64_t N = j->cols;                                                                               \
        const T *x = (const T *)j->x + r * N, *g = (const T *)j->g + r * N, *w = j->w;                     \
        T *y = (T *)j->y + r * N, ds, db, mean = (T)j->mean[r], a = (T)j->rstd[r], scale = (T)1 / (T)N;    \
        row_sums_##S(g, x, w, N, &ds, &db);                                                                \
        T bb = FMA(db, mean, -ds) * a * a * a * scale;                                                     \
        T c = FMA(-bb, mean, -(db * a * scale));                                                           \
        if (w)                                                                                             \
            for (int64_t i = 0; i < N; i++) y[i] = FMA(bb, x[i], a * g[i] * w[i]) + c;                     \
        else                                                                                               \
            for (int64_t i = 0; i < N; i++) y[i] = FMA(bb, x[i], a * g[i]) + c;                            \
    }                                                                                                      \
    /* dgamma / dbeta columns [lo, hi) in blocks of MO_COLS: rows added in order (fused), as PyTorch's  \
     * one-thread buffer, in T; then 0 + sum as its second pass, handed back as doubles (exact). */       \
    MO_CLONES static void ln_cols_##S(const ln_job *j, int64_t lo, int64_t hi) {                           \
        int64_t N = j->cols;                                                                               \
        for (int64_t c0 = lo; c0 < hi; c0 += MO_COLS) {                                                    \
            int64_t n = hi - c0 < MO_COLS ? hi - c0 : MO_COLS;                                             \
            T cw[MO_COLS] = {0}, cb[MO_COLS] = {0};                                                        \
            for (int64_t r = 0; r < j->rows; r++) {                                                        \
                const T *x = (const T *)j->x + r * N + c0, *g = (const T *)j->g + r * N + c0;              \
                T a = (T)j->rstd[r], b = -a * (T)j->mean[r];                                               \
                if (j->colw)                                                                               \
                    for (int64_t i = 0; i < n; i++) cw[i] = FMA(g[i], FMA(a, x[i], b), cw[i]);             \
                if (j->colb)                                                                               \
                    for (int64_t i = 0; i < n; i++) cb[i] = cb[i] + g[i];                                  \
            }                                                                                              \
            for (int64_t i = 0; i < n; i++) {                                                              \
                if (j->colw) j->colw[c0 + i] = (T)0 + cw[i];                                               \
                if (j->colb) j->colb[c0 + i] = (T)0 + cb[i];                                               \
            }                                                                                              \
        }                                                                                                  \
    }

MO_DEFINE(float, mo_vf, 8, f, fmaf, sqrtf, 1)
MO_DEFINE(double, mo_vd, 4, d, fma, sqrt, 0)

static int64_t grain(int64_t per) { return 65536 / (per > 0 ? per : 1) + 1; }

static void ln_fw_chunk_f(int64_t lo, int64_t hi, void *ctx) {
    for (int64_t r = lo; r < hi; r++) ln_row_f(ctx, r);
}
static void ln_fw_chunk_d(int64_t lo, int64_t hi, void *ctx) {
    for (int64_t r = lo; r < hi; r++) ln_row_d(ctx, r);
}

void wk_cpu_nn_ln_forward(wk_dtype dt, const void *x, int64_t rows, int64_t cols, double eps, const void *w,
                          const void *b, void *y, double *mean, double *rstd) {
    if (cols == 0) return;
    ln_job j = {.x = x, .w = w, .b = b, .y = y, .rows = rows, .cols = cols, .eps = eps, .mean = mean, .rstd = rstd};
    wk_cpu_parallel_for(rows, grain(cols), dt == WK_DT_F64 ? ln_fw_chunk_d : ln_fw_chunk_f, &j);
}

static void ln_bw_chunk_f(int64_t lo, int64_t hi, void *ctx) {
    for (int64_t r = lo; r < hi; r++) ln_bw_row_f(ctx, r);
}
static void ln_bw_chunk_d(int64_t lo, int64_t hi, void *ctx) {
    for (int64_t r = lo; r < hi; r++) ln_bw_row_d(ctx, r);
}
static void ln_cols_chunk_f(int64_t lo, int64_t hi, void *ctx) { ln_cols_f(ctx, lo, hi); }
static void ln_cols_chunk_d(int64_t lo, int64_t hi, void *ctx) { ln_cols_d(ctx, lo, hi); }

void wk_cpu_nn_ln_backward(wk_dtype dt, const void *x, const void *g, int64_t rows, int64_t cols,
                           const double *mean, const double *rstd, const void *w, void *gx, double *gw, double *gb) {
    if (cols == 0) return;
    bool f64 = dt == WK_DT_F64;
    ln_job j = {.x = x, .g = g, .w = w, .y = gx, .rows = rows, .cols = cols, .mean = (double *)mean,
                .rstd = (double *)rstd, .colw = gw, .colb = gb};
    if (gx) wk_cpu_parallel_for(rows, grain(cols), f64 ? ln_bw_chunk_d : ln_bw_chunk_f, &j);
    if (gw || gb) wk_cpu_parallel_for(cols, grain(rows), f64 ? ln_cols_chunk_d : ln_cols_chunk_f, &j);
}
