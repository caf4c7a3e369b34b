/* cpu_equal.c — torch.equal (an elementwise == walk that stops at the first difference) and a fused isclose/allclose for same-shape float tensors on the CPU. */
#include "cpu_kernels.h"
#include "cpu_iter.h"
#include <math.h>
#include <string.h>

typedef struct { wk_dtype dt; bool differ; } eq_ctx;

/* Contiguous rows are compared a block at a time (a loop GCC vectorises), strided ones
 * element by element. */
#define EQ_BLOCK 64
#define EQ_ROW(T)                                                                       \
    do {                                                                                \
        int64_t i = 0;                                                                  \
        if (s[0] == (int64_t)sizeof(T) && s[1] == (int64_t)sizeof(T)) {                 \
            const T *x = (const T *)p[0], *y = (const T *)p[1];                         \
            for (; i + EQ_BLOCK <= n; i += EQ_BLOCK) {                                  \
                int d = 0;                                                              \
                for (int l = 0; l < EQ_BLOCK; l++) d |= x[i + l] != y[i + l];           \
                if (d) break;                                                           \
            }                                                                           \
        }                                                                               \
        for (; i < n; i++)                                                              \
            if (*(const T *)(p[0] + i * s[0]) != *(const T *)(p[1] + i * s[1])) {      \
                k->differ = true;                                                       \
                return;                                                                 \
            }                                                                           \
    } while (0)

static void eq_row(char **p, const int64_t *s, int64_t n, void *c) {
    eq_ctx *k = c;
    if (k->differ) return;  /* an earlier row differed: the rest is skipped */
    switch (k->dt) {
    case WK_DT_F32: EQ_ROW(float); break;
    case WK_DT_F64: EQ_ROW(double); break;
    case WK_DT_I64: EQ_ROW(int64_t); break;
    case WK_DT_I32: EQ_ROW(int32_t); break;
    case WK_DT_I16: EQ_ROW(int16_t); break;
    case WK_DT_I8: EQ_ROW(int8_t); break;
    case WK_DT_U8: case WK_DT_BOOL: EQ_ROW(uint8_t); break;
    default:  /* half types: compared as doubles (NaN != NaN, -0 == 0) */
        for (int64_t i = 0; i < n; i++)
            if (wk_dtype_load_f64(k->dt, p[0] + i * s[0]) != wk_dtype_load_f64(k->dt, p[1] + i * s[1])) {
                k->differ = true;
                return;
            }
    }
}

bool wk_cpu_equal(const wk_tensor *a, const wk_tensor *b) {
    eq_ctx k = {a->dtype, false};
    const wk_tensor *ops[2] = {a, b};
    wk_iter it;
    wk_iter_init(&it, 2, ops, true);
    wk_iter_run(&it, eq_row, &k, false);
    return !k.differ;
}

/* ------------------------------------------------------------------ isclose / allclose */
/* PyTorch's isclose in the tensors' own float type: a == b, or (equal_nan) both NaN, or
 * |a - b| finite and <= atol + |rtol * b| (rtol and atol rounded to that type, as the scalar
 * operands of its mul and add are). */
typedef struct { wk_dtype dt; double rtol, atol; bool equal_nan, has_out, all; } close_ctx;

/* (branch-free: the comparisons of random data would mispredict; contiguous rows get a loop
 * with constant strides, which GCC vectorises) */
#define CLOSE_LOOP(T, ABS, S0, S1, S2)                                                  \
    for (int64_t i = 0; i < n; i++) {                                                   \
        T x = *(const T *)(p[1] + i * (S1)), y = *(const T *)(p[2] + i * (S2));         \
        T err = ABS(x - y), allowed = at + ABS(rt * y);                                 \
        bool c = (x == y) | (en & (x != x) & (y != y)) | ((err - err == 0) & (err <= allowed)); \
        if (ho) *(bool *)(p[0] + i * (S0)) = c;                                         \
        all &= c;                                                                       \
    }
#define CLOSE_ROW(T, ABS)                                                               \
    do {                                                                                \
        T rt = (T)k->rtol, at = (T)k->atol;                                             \
        bool en = k->equal_nan, ho = k->has_out;                                        \
        if (s[1] == sizeof(T) && s[2] == sizeof(T) && (!ho || s[0] == 1)) {             \
            CLOSE_LOOP(T, ABS, 1, sizeof(T), sizeof(T))                                 \
        } else {                                                                        \
            CLOSE_LOOP(T, ABS, s[0], s[1], s[2])                                        \
        }                                                                               \
    } while (0)

static void close_row(char **p, const int64_t *s, int64_t n, void *c) {
    close_ctx *k = c;
    bool all = true;
    if (k->dt == WK_DT_F32) CLOSE_ROW(float, fabsf);
    else CLOSE_ROW(double, fabs);
    k->all &= all;
}

bool wk_cpu_isclose(wk_tensor *out, const wk_tensor *a, const wk_tensor *b, double rtol, double atol, bool equal_nan) {
    close_ctx k = {a->dtype, rtol, atol, equal_nan, out != NULL, true};
    const wk_tensor *ops[3] = {out ? out : a, a, b};
    wk_iter it;
    wk_iter_init(&it, 3, ops, true);
    wk_iter_run(&it, close_row, &k, false);
    return k.all;
}
