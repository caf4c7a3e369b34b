/* cpu_reduce_fast.c — contiguous fast paths of the CPU reductions: max/min (values, and with indices), prod and float 2-norms in ATen's operation order. */
#include "cpu_reduce.h"
#include "cpu_iter.h"
#include <math.h>
#include <string.h>

/* Kernels built twice, plainly and for AVX2 (or FMA) CPUs, the loader picking one; the same
 * bits either way. GCC on x86-64 only (as cpu_vmath.h's clones). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(WK_NO_TARGET_CLONES)
#define RF_AVX2_CLONES __attribute__((target_clones("avx2", "default")))
#define RF_FMA_CLONES __attribute__((target_clones("fma", "default")))
#else
#define RF_AVX2_CLONES
#define RF_FMA_CLONES
#endif

/* ------------------------------------------------------------------ max / min */
/* PyTorch's max/min propagate NaN; ties keep the first element. A lane keeps x when x beats it
 * or x is NaN (a NaN lane then stays NaN: nothing beats NaN and NaN replaces NaN). */
#define BEATS(mx, v, b) ((mx) ? (v) > (b) : (v) < (b))
#define TAKE(mx, v, b) (BEATS(mx, v, b) || (v) != (v))
/* the same without a branch (for data whose comparisons would mispredict) */
#define TAKE_NB(mx, v, b) (BEATS(mx, v, b) | ((v) != (v)))

#define EXT_LANES 16
#define EXT_ROW_IMPL(T, SUF)                                                                      \
    static T ext_row_##SUF(const T *x, int64_t n, bool mx) {                                    \
        T r = x[0];                                                                             \
        int64_t i = 1;                                                                          \
        if (n >= 2 * EXT_LANES) {                                                               \
            T acc[EXT_LANES];                                                                   \
            memcpy(acc, x, sizeof acc);                                                         \
            for (i = EXT_LANES; i + EXT_LANES <= n; i += EXT_LANES)                             \
                for (int l = 0; l < EXT_LANES; l++) {                                           \
                    T v = x[i + l];                                                             \
                    acc[l] = TAKE(mx, v, acc[l]) ? v : acc[l];                                  \
                }                                                                               \
            r = acc[0];                                                                         \
            for (int l = 1; l < EXT_LANES; l++) r = TAKE(mx, acc[l], r) ? acc[l] : r;           \
        }                                                                                       \
        for (; i < n; i++) r = TAKE(mx, x[i], r) ? x[i] : r;                                    \
        return r;                                                                               \
    }
/* out[j] = extreme over i of x[i * cols + j] */
#define EXT_COLS_IMPL(T, SUF)                                                                   \
    static void ext_cols_##SUF(const T *x, int64_t len, int64_t cols, bool mx, T *out) {        \
        memcpy(out, x, sizeof(T) * (size_t)cols);                                               \
        for (int64_t i = 1; i < len; i++)                                                       \
            for (int64_t j = 0; j < cols; j++) {                                                \
                T v = x[i * cols + j];                                                          \
                out[j] = TAKE(mx, v, out[j]) ? v : out[j];                                      \
            }                                                                                   \
    }
EXT_ROW_IMPL(float, f32s)
EXT_ROW_IMPL(double, f64s)
#define EXT_FIRST_IMPL(T, SUF)                                                                  \
    static int64_t first_hit_##SUF(const T *x, int64_t n, T b) {                                \
        int64_t i = 0;                                                                          \
        (void)n;                                                                                \
        while (x[i] != b) i++;                                                                  \
        return i;                                                                               \
    }
#define EXT_INT(T, SUF) EXT_ROW_IMPL(T, SUF) EXT_COLS_IMPL(T, SUF) EXT_FIRST_IMPL(T, SUF)
EXT_INT(int64_t, i64)
EXT_INT(int32_t, i32)
EXT_INT(int16_t, i16)
EXT_INT(int8_t, i8)
EXT_INT(uint8_t, u8)

/* float rows and columns in 256-bit vectors (GCC's vector extensions; AVX2 where the CPU has
 * it): the lanes keep x where TAKE holds, the lanes then fold in order. */
typedef float ext_v8f __attribute__((vector_size(32)));
typedef int32_t ext_v8i __attribute__((vector_size(32)));
typedef double ext_v4d __attribute__((vector_size(32)));
typedef int64_t ext_v4l __attribute__((vector_size(32)));
#define EXT_STEP(VT, IT, acc, v, mx)                                                            \
    do {                                                                                        \
        IT m_ = ((mx) ? (v) > (acc) : (v) < (acc)) | ((v) != (v));                              \
        (acc) = (VT)((m_ & (IT)(v)) | (~m_ & (IT)(acc)));                                       \
    } while (0)
/* the whole double vectors of a row into a0/a1 (MXC: a constant, so the test folds) */
#define EXT_ROW_LOOP(VT, IT, MXC)                                                               \
    for (; i + 4 * w <= n; i += 4 * w) {                                                        \
        VT v0, v1, v2, v3;                                                                      \
        memcpy(&v0, x + i, sizeof v0);                                                          \
        memcpy(&v1, x + i + w, sizeof v1);                                                      \
        memcpy(&v2, x + i + 2 * w, sizeof v2);                                                  \
        memcpy(&v3, x + i + 3 * w, sizeof v3);                                                  \
        EXT_STEP(VT, IT, a0, v0, MXC);                                                          \
        EXT_STEP(VT, IT, a1, v1, MXC);                                                          \
        EXT_STEP(VT, IT, a2, v2, MXC);                                                          \
        EXT_STEP(VT, IT, a3, v3, MXC);                                                          \
    }
#define EXT_VEC(T, VT, IT, SUF)                                                                 \
    RF_AVX2_CLONES static T ext_row_##SUF(const T *x, int64_t n, bool mx) { \
        const int w = (int)(sizeof(VT) / sizeof(T));                                            \
        if (n < 4 * w) return ext_row_##SUF##s(x, n, mx);                                       \
        VT a0, a1, a2, a3;                                                                      \
        memcpy(&a0, x, sizeof a0);                                                              \
        memcpy(&a1, x + w, sizeof a1);                                                          \
        memcpy(&a2, x + 2 * w, sizeof a2);                                                      \
        memcpy(&a3, x + 3 * w, sizeof a3);                                                      \
        int64_t i = 4 * w;                                                                      \
        if (mx) { EXT_ROW_LOOP(VT, IT, 1) }                                                     \
        else { EXT_ROW_LOOP(VT, IT, 0) }                                                        \
        EXT_STEP(VT, IT, a0, a1, mx);                                                           \
        EXT_STEP(VT, IT, a0, a2, mx);                                                           \
        EXT_STEP(VT, IT, a0, a3, mx);                                                           \
        T r = a0[0];                                                                            \
        for (int l = 1; l < w; l++) r = TAKE_NB(mx, a0[l], r) ? a0[l] : r;                      \
        for (; i < n; i++) r = TAKE(mx, x[i], r) ? x[i] : r;                                    \
        return r;                                                                               \
    }                                                                                           \
    RF_AVX2_CLONES static void ext_cols_##SUF(const T *x, int64_t len, int64_t cols, bool mx, T *out) { \
        const int w = (int)(sizeof(VT) / sizeof(T));                                            \
        memcpy(out, x, sizeof(T) * (size_t)cols);                                               \
        for (int64_t i = 1; i < len; i++) {                                                     \
            const T *xi = x + i * cols;                                                         \
            int64_t j = 0;                                                                      \
            for (; j + w <= cols; j += w) {                                                     \
                VT a, v;                                                                        \
                memcpy(&a, out + j, sizeof a);                                                  \
                memcpy(&v, xi + j, sizeof v);                                                   \
                EXT_STEP(VT, IT, a, v, mx);                                                     \
                memcpy(out + j, &a, sizeof a);                                                  \
            }                                                                                   \
            for (; j < cols; j++) out[j] = TAKE(mx, xi[j], out[j]) ? xi[j] : out[j];            \
        }                                                                                       \
    }                                                                                           \
    /* the first i with x[i] == b (b NaN: the first NaN); b is in x[0..n) */                    \
    RF_AVX2_CLONES static int64_t first_hit_##SUF(const T *x, int64_t n, T b) { \
        const int w = (int)(sizeof(VT) / sizeof(T));                                            \
        VT bv = (VT){0} + b, zero = {0};                                                        \
        int64_t i = 0;                                                                          \
        for (; i + w <= n; i += w) {                                                            \
            VT v;                                                                               \
            memcpy(&v, x + i, sizeof v);                                                        \
            IT m = b != b ? v != v : v == bv;                                                   \
            if (memcmp(&m, &zero, sizeof m)) break;                                             \
        }                                                                                       \
        while (b != b ? x[i] == x[i] : x[i] != b) i++;                                          \
        return i;                                                                               \
    }
EXT_VEC(float, ext_v8f, ext_v8i, f32)
EXT_VEC(double, ext_v4d, ext_v4l, f64)

/* first index of the extreme along each row or down the columns (values too when vals) */
#define ARG_IMPL(T, SUF)                                                                        \
    static void arg_rows_##SUF(const T *x, int64_t rows, int64_t len, bool mx, T *vals, int64_t *idx) { \
        for (int64_t r = 0; r < rows; r++, x += len) {                                          \
            T b = ext_row_##SUF(x, len, mx);                                                    \
            int64_t i = first_hit_##SUF(x, len, b);                                             \
            idx[r] = i;                                                                         \
            if (vals) vals[r] = x[i];                                                           \
        }                                                                                       \
    }                                                                                           \
    /* the same down the columns of each len x cols slice */                                    \
    static void arg_cols_##SUF(const T *x, int64_t len, int64_t cols, bool mx, T *vals, int64_t *idx) { \
        T best[256];                                                                            \
        for (int64_t c0 = 0; c0 < cols; c0 += 256) {                                            \
            int64_t w = cols - c0 < 256 ? cols - c0 : 256;                                      \
            memcpy(best, x + c0, sizeof(T) * (size_t)w);                                        \
            memset(idx + c0, 0, sizeof(int64_t) * (size_t)w);                                   \
            for (int64_t i = 1; i < len; i++)                                                   \
                for (int64_t j = 0; j < w; j++) {                                               \
                    T v = x[i * cols + c0 + j];                                                 \
                    if (BEATS(mx, v, best[j]) || (v != v && best[j] == best[j])) { best[j] = v; idx[c0 + j] = i; } \
                }                                                                               \
            if (vals) memcpy(vals + c0, best, sizeof(T) * (size_t)w);                           \
        }                                                                                       \
    }
ARG_IMPL(float, f32)
ARG_IMPL(double, f64)
ARG_IMPL(int64_t, i64)
ARG_IMPL(int32_t, i32)
ARG_IMPL(int16_t, i16)
ARG_IMPL(int8_t, i8)
ARG_IMPL(uint8_t, u8)

/* outer x len x inner: one extreme per (outer, inner) position. */
#define EXT_DISPATCH(T, SUF)                                                                    \
    for (int64_t b = 0; b < outer; b++) {                                                       \
        const T *xb = (const T *)x + b * len * inner;                                           \
        T *ob = (T *)o + b * inner;                                                             \
        if (inner == 1) *ob = ext_row_##SUF(xb, len, mx);                                       \
        else ext_cols_##SUF(xb, len, inner, mx, ob);                                            \
    }

static bool extreme(const char *x, char *o, wk_dtype dt, int64_t outer, int64_t len, int64_t inner, bool mx) {
    switch (dt) {
    case WK_DT_F32: EXT_DISPATCH(float, f32) return true;
    case WK_DT_F64: EXT_DISPATCH(double, f64) return true;
    case WK_DT_I64: EXT_DISPATCH(int64_t, i64) return true;
    case WK_DT_I32: EXT_DISPATCH(int32_t, i32) return true;
    case WK_DT_I16: EXT_DISPATCH(int16_t, i16) return true;
    case WK_DT_I8: EXT_DISPATCH(int8_t, i8) return true;
    case WK_DT_U8: EXT_DISPATCH(uint8_t, u8) return true;
    default: return false;
    }
}

#define ARG_DISPATCH(T, SUF)                                                                    \
    for (int64_t b = 0; b < outer; b++) {                                                       \
        const T *xb = (const T *)x + b * len * inner;                                           \
        T *vb = v ? (T *)v + b * inner : NULL;                                                  \
        if (inner == 1) arg_rows_##SUF(xb, 1, len, mx, vb, ix + b);                             \
        else arg_cols_##SUF(xb, len, inner, mx, vb, ix + b * inner);                            \
    }

static bool arg_extreme(const char *x, char *v, int64_t *ix, wk_dtype dt, int64_t outer, int64_t len, int64_t inner,
                        bool mx) {
    switch (dt) {
    case WK_DT_F32: ARG_DISPATCH(float, f32) return true;
    case WK_DT_F64: ARG_DISPATCH(double, f64) return true;
    case WK_DT_I64: ARG_DISPATCH(int64_t, i64) return true;
    case WK_DT_I32: ARG_DISPATCH(int32_t, i32) return true;
    case WK_DT_I16: ARG_DISPATCH(int16_t, i16) return true;
    case WK_DT_I8: ARG_DISPATCH(int8_t, i8) return true;
    case WK_DT_U8: ARG_DISPATCH(uint8_t, u8) return true;
    default: return false;
    }
}

bool wk_cpu_arg_reduce_fast(wk_argreduce_op op, wk_tensor *values, wk_tensor *indices, const wk_tensor *a, int dim) {
    int64_t outer, len, inner;
    if (a->ndim == 0 || wk_tensor_numel(a) == 0 || !wk_cpu_red_row_major(a) || !wk_cpu_red_row_major(indices) ||
        (values && !wk_cpu_red_row_major(values)) || !wk_cpu_red_layout(a, 1u << dim, &outer, &len, &inner))
        return false;
    return arg_extreme(wk_tensor_data(a), values ? wk_tensor_data(values) : NULL, wk_tensor_data(indices), a->dtype,
                       outer, len, inner, op == WK_ARG_MAX);
}

/* ------------------------------------------------------------------ prod */
/* ATen's binary_kernel_reduce_vec: a contiguous run of n elements goes through reduction128
 * (4 accumulators of one vector each, over blocks of 4 vectors; folded as (a0*a1)*(a2*a3),
 * then the lanes one after the other) into the output (identity 1), the remaining elements
 * one by one. Reductions down columns multiply each column in order. */
#define PROD_IMPL(T, VT, W, SUF)                                                                \
    RF_AVX2_CLONES static T prod_run_##SUF(const T *x, int64_t n, T r) { \
        int64_t blk = 4 * (W), cnt = n / blk;                                                   \
        if (cnt > 0) {                                                                          \
            VT a0, a1, a2, a3, v0, v1, v2, v3;                                                  \
            memcpy(&a0, x, sizeof a0);                                                          \
            memcpy(&a1, x + (W), sizeof a1);                                                    \
            memcpy(&a2, x + 2 * (W), sizeof a2);                                                \
            memcpy(&a3, x + 3 * (W), sizeof a3);                                                \
            for (int64_t i = 1; i < cnt; i++) {                                                 \
                const T *xi = x + i * blk;                                                      \
                memcpy(&v0, xi, sizeof v0);                                                     \
                memcpy(&v1, xi + (W), sizeof v1);                                               \
                memcpy(&v2, xi + 2 * (W), sizeof v2);                                           \
                memcpy(&v3, xi + 3 * (W), sizeof v3);                                           \
                a0 = a0 * v0;                                                                   \
                a1 = a1 * v1;                                                                   \
                a2 = a2 * v2;                                                                   \
                a3 = a3 * v3;                                                                   \
            }                                                                                   \
            VT f = (a0 * a1) * (a2 * a3);                                                       \
            T b = f[0];                                                                         \
            for (int l = 1; l < (W); l++) b = b * f[l];                                         \
            r = r * b;                                                                          \
        }                                                                                       \
        for (int64_t i = cnt * blk; i < n; i++) r = r * x[i];                                   \
        return r;                                                                               \
    }                                                                                           \
    static void prod_cols_##SUF(const T *x, int64_t len, int64_t cols, T *out) {                \
        for (int64_t j = 0; j < cols; j++) out[j] = 1;                                          \
        for (int64_t i = 0; i < len; i++)                                                       \
            for (int64_t j = 0; j < cols; j++) out[j] = out[j] * x[i * cols + j];               \
    }
PROD_IMPL(float, ext_v8f, 8, f32)
PROD_IMPL(double, ext_v4d, 4, f64)

#define RED_GRAIN 32768 /* ATen's GRAIN_SIZE */

/* A whole-tensor product with several threads: ATen's two_pass_reduction (one chunk per
 * thread, each into its own slot starting at 1, the slots multiplied in thread order). */
#define PROD_ALL(T, SUF)                                                                        \
    static T prod_all_##SUF(const T *x, int64_t n) {                                            \
        int64_t nt = wk_cpu_num_threads();                                                      \
        if (n < RED_GRAIN || nt <= 1 || wk_cpu_in_parallel()) return prod_run_##SUF(x, n, 1);   \
        int64_t used = (n + RED_GRAIN - 1) / RED_GRAIN < nt ? (n + RED_GRAIN - 1) / RED_GRAIN : nt; \
        int64_t chunk = (n + used - 1) / used;                                                  \
        T r = 1;                                                                                \
        for (int64_t t = 0; t < used; t++) {                                                    \
            int64_t b = t * chunk, e = b + chunk < n ? b + chunk : n;                           \
            r = r * prod_run_##SUF(x + b, e > b ? e - b : 0, 1);                                \
        }                                                                                       \
        return r;                                                                               \
    }
PROD_ALL(float, f32)
PROD_ALL(double, f64)

#define PROD_DISPATCH(T, SUF)                                                                   \
    for (int64_t b = 0; b < outer; b++) {                                                       \
        const T *xb = (const T *)x + b * len * inner;                                           \
        T *ob = (T *)o + b * inner;                                                             \
        if (inner == 1) *ob = outer == 1 ? prod_all_##SUF(xb, len) : prod_run_##SUF(xb, len, 1); \
        else prod_cols_##SUF(xb, len, inner, ob);                                               \
    }

/* ------------------------------------------------------------------ 2-norm */
/* ATen's vectorised float32 2-norm over a contiguous last dim: one 8-lane accumulator,
 * acc = fma(x, x, acc) per whole vector (GCC contracts ATen's acc + x * x), the lanes added
 * one after the other, then the scalar tail loop as GCC compiles it: its blocks of 4 as an
 * in-order reduction of vector squares (b + x * x, unfused), the last 0-3 elements
 * contracted (fma(x, x, b)); sqrt. (Checked against PyTorch on rows of 1..1000 elements.)
 * float64 norms stay on the sequential path, which matches PyTorch's. */
RF_FMA_CLONES static float norm2_f32(const float *x, int64_t n) {
    float acc[8] = {0};
    int64_t d = 0;
    for (; d + 8 <= n; d += 8)
        for (int l = 0; l < 8; l++) acc[l] = fmaf(x[d + l], x[d + l], acc[l]);
    float b = acc[0];
    for (int l = 1; l < 8; l++) b = b + acc[l];
    for (int64_t q = d + (n - d) / 4 * 4; d < q; d++) b = b + x[d] * x[d];
    for (; d < n; d++) b = fmaf(x[d], x[d], b);
    return sqrtf(b);
}

bool wk_cpu_reduce_fast(wk_reduce_op op, wk_tensor *out, const wk_tensor *a, uint32_t mask, double param) {
    int64_t outer, len, inner;
    if ((op != WK_RED_MAX && op != WK_RED_MIN && op != WK_RED_PROD && op != WK_RED_NORM) || out->dtype != a->dtype ||
        wk_tensor_numel(a) == 0 || !wk_cpu_red_row_major(a) || !wk_cpu_red_row_major(out) ||
        !wk_cpu_red_layout(a, mask, &outer, &len, &inner))
        return false;
    const char *x = wk_tensor_data(a);
    char *o = wk_tensor_data(out);
    if (op == WK_RED_MAX || op == WK_RED_MIN) return extreme(x, o, a->dtype, outer, len, inner, op == WK_RED_MAX);
    if (op == WK_RED_NORM) {
        if (param != 2 || inner != 1 || a->dtype != WK_DT_F32) return false;
        for (int64_t b = 0; b < outer; b++) ((float *)o)[b] = norm2_f32((const float *)x + b * len, len);
        return true;
    }
    if (a->dtype == WK_DT_F32) { PROD_DISPATCH(float, f32) return true; }
    if (a->dtype == WK_DT_F64) { PROD_DISPATCH(double, f64) return true; }
    return false;
}
