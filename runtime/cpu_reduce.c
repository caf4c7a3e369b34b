/* cpu_reduce.c — CPU reductions over dim sets (chunked, mergeable accumulators; float sums/means in PyTorch's order for any layout), arg-reductions and scans along a dim. */
#include "cpu_kernels.h"
#include "cpu_iter.h"
#include "cpu_reduce.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK 2048

/* The reduced sub-space of one output element: coalesced dims, byte strides. */
typedef struct {
    int nd;
    int64_t shape[WK_MAX_DIMS], stride[WK_MAX_DIMS], numel;
} inner_space;

static void inner_init(inner_space *in, const wk_tensor *a, uint32_t mask) {
    int64_t es = (int64_t)wk_dtype_size(a->dtype);
    in->nd = 0;
    in->numel = 1;
    for (int d = 0; d < a->ndim; d++) {
        if (!(mask >> d & 1)) continue;
        in->numel *= a->shape[d];
        if (a->shape[d] == 1) continue;
        int k = in->nd;
        if (k > 0 && in->stride[k - 1] == a->stride[d] * es * a->shape[d]) {
            in->shape[k - 1] *= a->shape[d];
            in->stride[k - 1] = a->stride[d] * es;
            continue;
        }
        in->shape[k] = a->shape[d];
        in->stride[k] = a->stride[d] * es;
        in->nd++;
    }
}

/* Converts elements [start, start+cnt) of the sub-space at base into buf (dtype bd). */
static void gather(const inner_space *in, const char *base, wk_dtype dt, int64_t start, int64_t cnt,
                   wk_dtype bd, void *buf) {
    size_t bes = wk_dtype_size(bd);
    if (in->nd == 0) { wk_dtype_convert(bd, buf, (int64_t)bes, dt, base, 0, cnt); return; }
    int nd = in->nd;
    int64_t idx[WK_MAX_DIMS], r = start;
    for (int d = nd - 1; d >= 0; d--) { idx[d] = r % in->shape[d]; r /= in->shape[d]; }
    char *out = buf;
    while (cnt > 0) {
        const char *p = base;
        for (int d = 0; d < nd; d++) p += idx[d] * in->stride[d];
        int64_t len = in->shape[nd - 1] - idx[nd - 1];
        if (len > cnt) len = cnt;
        wk_dtype_convert(bd, out, (int64_t)bes, dt, p, in->stride[nd - 1], len);
        out += len * (int64_t)bes;
        cnt -= len;
        idx[nd - 1] += len;
        for (int d = nd - 1; d > 0 && idx[d] == in->shape[d]; d--) { idx[d] = 0; idx[d - 1]++; }
    }
}

/* ------------------------------------------------------------------ accumulators */

typedef struct {
    double a, b;  /* sum/prod/extreme/mean | M2 or logsumexp sum */
    int64_t n;    /* elements seen */
    int64_t ia;   /* integer accumulator */
} acc;

static void acc_init(wk_reduce_op op, bool ints, acc *s) {
    memset(s, 0, sizeof *s);
    switch (op) {
    case WK_RED_PROD: s->a = 1; s->ia = 1; break;
    case WK_RED_MAX: s->a = -INFINITY; s->ia = INT64_MIN; break;
    case WK_RED_MIN: s->a = INFINITY; s->ia = INT64_MAX; break;
    case WK_RED_ALL: s->ia = 1; break;
    case WK_RED_LOGSUMEXP: s->a = -INFINITY; break;
    default: break;
    }
    (void)ints;
}

static double norm_term(double x, double p) {
    x = fabs(x);
    if (p == 2) return x * x;
    if (p == 1) return x;
    if (p == 0) return x != 0;
    return pow(x, p);
}

/* float32 p-norms accumulate in float, as ATen's NormOps do (acc_t = float): norm([1e20, 1e20])
 * overflows to inf, tiny squares underflow to 0. Elements are added in order (ATen's generic
 * reduction, whose acc + x * x GCC contracts into fma for p=2); the vectorised p=2 path over
 * a contiguous last dim is cpu_reduce_fast.c's. */
static bool norm_in_float(wk_reduce_op op, double p, wk_dtype adt, wk_dtype odt) {
    return op == WK_RED_NORM && !isinf(p) && adt == WK_DT_F32 && odt == WK_DT_F32;
}

static void norm_chunk_float(float p, acc *s, const double *x, int64_t n) {
    float a = (float)s->a;
    for (int64_t i = 0; i < n; i++) {
        float v = fabsf((float)x[i]);
        a = p == 2 ? fmaf(v, v, a) : a + (p == 1 ? v : p == 0 ? (float)(v != 0) : powf(v, p));
    }
    s->a = a;
    s->n += n;
}

/* float32 products of layouts ATen does not vectorise multiply in float, element by element
 * (the contiguous ones are in cpu_reduce_fast.c). */
static void prod_chunk_float(acc *s, const double *x, int64_t n) {
    float a = (float)s->a;
    for (int64_t i = 0; i < n; i++) a = a * (float)x[i];
    s->a = a;
    s->n += n;
}

static float norm_root_float(float a, float p) {
    return p == 2 ? sqrtf(a) : p == 1 || p == 0 ? a : powf(a, 1.0f / p);
}

/* Chan's merge of a chunk's mean m and squared deviations m2 (n > 0 elements) into s. */
static void var_merge_chunk(acc *s, double m, double m2, int64_t n) {
    double tot = (double)(s->n + n), delta = m - s->a;
    s->b += m2 + delta * delta * (double)s->n * (double)n / tot;
    s->a += delta * (double)n / tot;
}

/* The chunk's two passes with 4 double lanes, for results rounded to float32 (the order of
 * the double sums moves the float result only in the rarest ties). */
static void var_chunk_lanes(acc *s, const double *x, int64_t n) {
    if (n == 0) return;
    double a[4] = {0}, q[4] = {0}, m, m2;
    int64_t i = 0;
    for (; i + 4 <= n; i += 4) for (int l = 0; l < 4; l++) a[l] += x[i + l];
    m = (a[0] + a[1]) + (a[2] + a[3]);
    for (; i < n; i++) m += x[i];
    m /= (double)n;
    for (i = 0; i + 4 <= n; i += 4) for (int l = 0; l < 4; l++) q[l] += (x[i + l] - m) * (x[i + l] - m);
    m2 = (q[0] + q[1]) + (q[2] + q[3]);
    for (; i < n; i++) m2 += (x[i] - m) * (x[i] - m);
    var_merge_chunk(s, m, m2, n);
    s->n += n;
}

static void acc_chunk_f(wk_reduce_op op, double param, acc *s, const double *x, int64_t n) {
    switch (op) {
    case WK_RED_SUM: case WK_RED_MEAN: { double t = 0; for (int64_t i = 0; i < n; i++) t += x[i]; s->a += t; break; }
    case WK_RED_NANSUM: for (int64_t i = 0; i < n; i++) if (!isnan(x[i])) s->a += x[i]; break;
    case WK_RED_PROD: for (int64_t i = 0; i < n; i++) s->a *= x[i]; break;
    case WK_RED_MAX: for (int64_t i = 0; i < n; i++) if (isnan(x[i]) || x[i] > s->a || isnan(s->a)) s->a = isnan(s->a) ? s->a : x[i]; break;
    case WK_RED_MIN: for (int64_t i = 0; i < n; i++) if (isnan(x[i]) || x[i] < s->a || isnan(s->a)) s->a = isnan(s->a) ? s->a : x[i]; break;
    case WK_RED_ALL: for (int64_t i = 0; i < n; i++) if (x[i] == 0) s->ia = 0; break;
    case WK_RED_ANY: case WK_RED_COUNT_NONZERO: for (int64_t i = 0; i < n; i++) s->ia += x[i] != 0; break;
    case WK_RED_VAR: case WK_RED_STD: { /* two-pass on the chunk, then Chan's merge */
        if (n == 0) break;
        double m = 0, m2 = 0;
        for (int64_t i = 0; i < n; i++) m += x[i];
        m /= (double)n;
        for (int64_t i = 0; i < n; i++) m2 += (x[i] - m) * (x[i] - m);
        var_merge_chunk(s, m, m2, n);
        break;
    }
    case WK_RED_NORM:
        if (isinf(param)) {
            for (int64_t i = 0; i < n; i++) {
                double v = fabs(x[i]);
                if (s->n + i == 0 || isnan(v) || (param > 0 ? v > s->a : v < s->a)) s->a = isnan(s->a) && s->n + i ? s->a : v;
            }
        } else {
            for (int64_t i = 0; i < n; i++) s->a += norm_term(x[i], param);
        }
        break;
    case WK_RED_LOGSUMEXP:
        for (int64_t i = 0; i < n; i++) {
            double v = x[i];
            if (isnan(v) || isnan(s->a)) { s->a = NAN; continue; }
            if (v == -INFINITY) continue;
            if (v > s->a) { s->b = s->b * exp(s->a - v) + 1; s->a = v; }
            else s->b += exp(v - s->a);
        }
        break;
    default: break;
    }
    s->n += n;
}

static void acc_chunk_i(wk_reduce_op op, acc *s, const int64_t *x, int64_t n) {
    switch (op) {
    case WK_RED_SUM: case WK_RED_NANSUM: for (int64_t i = 0; i < n; i++) s->ia = (int64_t)((uint64_t)s->ia + (uint64_t)x[i]); break;
    case WK_RED_PROD: for (int64_t i = 0; i < n; i++) s->ia = (int64_t)((uint64_t)s->ia * (uint64_t)x[i]); break;
    case WK_RED_MAX: for (int64_t i = 0; i < n; i++) if (x[i] > s->ia) s->ia = x[i]; break;
    case WK_RED_MIN: for (int64_t i = 0; i < n; i++) if (x[i] < s->ia) s->ia = x[i]; break;
    case WK_RED_ALL: for (int64_t i = 0; i < n; i++) if (x[i] == 0) s->ia = 0; break;
    case WK_RED_ANY: case WK_RED_COUNT_NONZERO: for (int64_t i = 0; i < n; i++) s->ia += x[i] != 0; break;
    default: break;
    }
    s->n += n;
}

static void acc_merge(wk_reduce_op op, bool ints, double param, acc *s, const acc *o) {
    if (o->n == 0) return;
    if (s->n == 0) { *s = *o; return; }
    switch (op) {
    case WK_RED_SUM: case WK_RED_MEAN: case WK_RED_NANSUM:
        s->a += o->a; s->ia = (int64_t)((uint64_t)s->ia + (uint64_t)o->ia); break;
    case WK_RED_PROD: s->a *= o->a; s->ia = (int64_t)((uint64_t)s->ia * (uint64_t)o->ia); break;
    case WK_RED_MAX:
        if (ints) { if (o->ia > s->ia) s->ia = o->ia; }
        else if (!isnan(s->a) && (isnan(o->a) || o->a > s->a)) s->a = o->a;
        break;
    case WK_RED_MIN:
        if (ints) { if (o->ia < s->ia) s->ia = o->ia; }
        else if (!isnan(s->a) && (isnan(o->a) || o->a < s->a)) s->a = o->a;
        break;
    case WK_RED_ALL: s->ia &= o->ia; break;
    case WK_RED_ANY: case WK_RED_COUNT_NONZERO: s->ia += o->ia; break;
    case WK_RED_VAR: case WK_RED_STD: {
        double tot = (double)(s->n + o->n), delta = o->a - s->a;
        s->b += o->b + delta * delta * (double)s->n * (double)o->n / tot;
        s->a += delta * (double)o->n / tot;
        break;
    }
    case WK_RED_NORM:
        if (isinf(param)) { if (!isnan(s->a) && (isnan(o->a) || (param > 0 ? o->a > s->a : o->a < s->a))) s->a = o->a; }
        else s->a += o->a;
        break;
    case WK_RED_LOGSUMEXP:
        if (isnan(s->a) || isnan(o->a)) s->a = NAN;
        else if (o->a == -INFINITY) {}
        else if (s->a == -INFINITY) { s->a = o->a; s->b = o->b; }
        else if (o->a > s->a) { s->b = s->b * exp(s->a - o->a) + o->b; s->a = o->a; }
        else s->b += o->b * exp(o->a - s->a);
        break;
    default: break;
    }
    s->n += o->n;
}

static void acc_store(wk_reduce_op op, bool ints, double param, const acc *s, wk_dtype dt, char *p) {
    if (ints && op != WK_RED_MEAN && op != WK_RED_VAR && op != WK_RED_STD && op != WK_RED_NORM && op != WK_RED_LOGSUMEXP) {
        wk_dtype_store_i64(dt, p, s->ia);
        return;
    }
    double v;
    switch (op) {
    case WK_RED_MEAN: v = s->a / (double)s->n; break;
    case WK_RED_ALL: case WK_RED_ANY: case WK_RED_COUNT_NONZERO: wk_dtype_store_i64(dt, p, s->ia); return;
    case WK_RED_VAR: case WK_RED_STD: {
        double den = (double)s->n - param;
        v = s->b / (den > 0 ? den : 0);
        if (s->n == 0) v = NAN;
        if (op == WK_RED_STD) v = sqrt(v);
        break;
    }
    case WK_RED_NORM:
        if (norm_in_float(op, param, dt, dt)) { v = norm_root_float((float)s->a, (float)param); break; }
        v = isinf(param) || param == 0 ? s->a : param == 1 ? s->a : param == 2 ? sqrt(s->a) : pow(s->a, 1.0 / param);
        if (isinf(param) && s->n == 0) v = param > 0 ? 0 : INFINITY;
        break;
    case WK_RED_LOGSUMEXP: v = s->a == -INFINITY || isnan(s->a) ? s->a : s->a + log(s->b); break;
    default: v = s->a; break;
    }
    wk_dtype_store_f64(dt, p, v);
}

/* ------------------------------------------------------------------ reduce driver */

typedef struct {
    wk_reduce_op op;
    double param;
    bool ints;
    wk_dtype adt, odt;
    const inner_space *in;
} red_ctx;

static void reduce_range(const red_ctx *k, const char *base, int64_t lo, int64_t hi, acc *s) {
    union { double f[CHUNK]; int64_t i[CHUNK]; } buf;
    for (int64_t st = lo; st < hi; st += CHUNK) {
        int64_t cnt = hi - st < CHUNK ? hi - st : CHUNK;
        if (k->ints) {
            gather(k->in, base, k->adt, st, cnt, WK_DT_I64, buf.i);
            acc_chunk_i(k->op, s, buf.i, cnt);
        } else {
            gather(k->in, base, k->adt, st, cnt, WK_DT_F64, buf.f);
            if (k->op == WK_RED_PROD && k->adt == WK_DT_F32 && k->odt == WK_DT_F32) prod_chunk_float(s, buf.f, cnt);
            else if ((k->op == WK_RED_VAR || k->op == WK_RED_STD) && k->odt == WK_DT_F32) var_chunk_lanes(s, buf.f, cnt);
            else if (norm_in_float(k->op, k->param, k->adt, k->odt)) norm_chunk_float((float)k->param, s, buf.f, cnt);
            else acc_chunk_f(k->op, k->param, s, buf.f, cnt);
        }
    }
}

static void reduce_row(char **p, const int64_t *s, int64_t n, void *c) {
    red_ctx *k = c;
    for (int64_t i = 0; i < n; i++) {
        acc st;
        acc_init(k->op, k->ints, &st);
        reduce_range(k, p[1] + i * s[1], 0, k->in->numel, &st);
        acc_store(k->op, k->ints, k->param, &st, k->odt, p[0] + i * s[0]);
    }
}

/* One output, many inputs: each thread reduces a slice; partial states are merged. */
typedef struct { const red_ctx *k; const char *base; acc parts[64]; int64_t per; } split_ctx;

static void split_chunk(int64_t lo, int64_t hi, void *c) {
    split_ctx *sc = c;
    for (int64_t t = lo; t < hi; t++) {
        int64_t a = t * sc->per, b = a + sc->per < sc->k->in->numel ? a + sc->per : sc->k->in->numel;
        acc_init(sc->k->op, sc->k->ints, &sc->parts[t]);
        reduce_range(sc->k, sc->base, a, b, &sc->parts[t]);
    }
}

static bool is_int_reduction(wk_reduce_op op, wk_dtype adt, wk_dtype odt) {
    if (wk_dtype_is_float(adt)) return false;
    switch (op) {
    case WK_RED_SUM: case WK_RED_NANSUM: case WK_RED_PROD: case WK_RED_MAX: case WK_RED_MIN:
        return !wk_dtype_is_float(odt);
    case WK_RED_ALL: case WK_RED_ANY: case WK_RED_COUNT_NONZERO: return true;
    default: return false;
    }
}

/* ------------------------------------------------------------------ PyTorch's float sums */
/* float32/float64 sums (and means = sum / n) of contiguous inputs follow ATen's CPU sum
 * kernel operation for operation, so the bits match PyTorch's: accumulation in the input's
 * own type; a 4-level cascade (each level collects 2^p partial sums of the level below,
 * p = max(4, ceil(log2(rows)) / 4)) over 4 interleaved lanes; vectors of 8 floats / 4
 * doubles (AVX2's Vectorized<T>); lanes combined in a fixed order. Handled layouts:
 * - reduced dims trailing (rows x len): each row summed as one contiguous run; a whole-tensor
 *   sum of at least SUM_GRAIN elements with several threads is split into one chunk per
 *   thread and the chunk sums summed again (ATen's two-pass reduction);
 * - reduced dims in the middle or leading (slices of len x cols, "outer" sums): columns in
 *   blocks of 4 vectors get one cascade down the column, the rest ATen's 4-way interleaved
 *   row_sum. (With several threads ATen splits the columns at addresses we cannot know; the
 *   unsplit order is used.)
 * Other layouts (interleaved reduced and kept dims, strided inputs) and sums into another float
 * dtype: strided_sum / converted_sum below. */

#define SUM_LEVELS 4
#define SUM_ILP 4
#define SUM_GRAIN 32768

/* inner_sum built twice, plainly and for AVX2 (GCC on x86-64): its vector adds are lane-wise,
 * so the same bits either way */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(WK_NO_TARGET_CLONES)
#define SUM_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define SUM_CLONES
#endif

typedef float sum_vf32 __attribute__((vector_size(32)));
typedef double sum_vf64 __attribute__((vector_size(32)));

static int64_t ceil_log2(int64_t x) { return x <= 2 ? 1 : 64 - __builtin_clzll((uint64_t)(x - 1)); }

static int64_t level_power(int64_t rows) {
    int64_t p = ceil_log2(rows) / SUM_LEVELS;
    return p < 4 ? 4 : p;
}

/* ATen's multi_row_sum: rows [0, size), ADD_ROW adds row i into ACC[0][0..SUM_ILP); the
 * partial sums move up a level every 2^p rows; at the end the levels fold into ACC[0]. */
#define CASCADE(T, ACC, ADD_ROW)                                                          \
    do {                                                                                  \
        int64_t lp_ = level_power(size), step_ = (int64_t)1 << lp_, i = 0;                \
        while (i + step_ <= size) {                                                       \
            for (int64_t j_ = 0; j_ < step_; j_++, i++) ADD_ROW;                          \
            for (int l_ = 1; l_ < SUM_LEVELS; l_++) {                                     \
                for (int k_ = 0; k_ < SUM_ILP; k_++) { ACC[l_][k_] += ACC[l_ - 1][k_]; ACC[l_ - 1][k_] = (T){0}; } \
                if (i & ((step_ - 1) << (l_ * lp_))) break;                               \
            }                                                                             \
        }                                                                                 \
        for (; i < size; i++) ADD_ROW;                                                    \
        for (int l_ = 1; l_ < SUM_LEVELS; l_++)                                           \
            for (int k_ = 0; k_ < SUM_ILP; k_++) ACC[0][k_] += ACC[l_][k_];               \
    } while (0)

/* The vector cascade: lane k of row i is the vector at x + i*rstride + k*W. CASCADE's
 * steps with level 0 kept in registers (a[k]) and the upper levels in up[1..3]. */
#define CASCADE_VEC(T, VT, SUF, NAME, ATTR)                                               \
    ATTR static void cascade_vec_##SUF##NAME(const T *x, int64_t rstride, int64_t size, VT out[SUM_ILP]) { \
        enum { W = sizeof(VT) / sizeof(T) };                                              \
        VT up[SUM_LEVELS][SUM_ILP], a0 = {0}, a1 = {0}, a2 = {0}, a3 = {0}, v0, v1, v2, v3; \
        for (int l = 1; l < SUM_LEVELS; l++)                                              \
            for (int k = 0; k < SUM_ILP; k++) up[l][k] = (VT){0};                         \
        int64_t lp = level_power(size), step = (int64_t)1 << lp, i = 0;                   \
        for (;;) {                                                                        \
            bool full = i + step <= size;                                                 \
            for (int64_t e = full ? i + step : size; i < e; i++) {                        \
                const T *p = x + i * rstride;                                             \
                memcpy(&v0, p, sizeof v0); memcpy(&v1, p + W, sizeof v1);                 \
                memcpy(&v2, p + 2 * W, sizeof v2); memcpy(&v3, p + 3 * W, sizeof v3);     \
                a0 += v0; a1 += v1; a2 += v2; a3 += v3;                                   \
            }                                                                             \
            if (!full) break;                                                             \
            up[1][0] += a0; up[1][1] += a1; up[1][2] += a2; up[1][3] += a3;               \
            a0 = a1 = a2 = a3 = (VT){0};                                                  \
            for (int l = 2; l < SUM_LEVELS && !(i & ((step - 1) << ((l - 1) * lp))); l++) \
                for (int k = 0; k < SUM_ILP; k++) { up[l][k] += up[l - 1][k]; up[l - 1][k] = (VT){0}; } \
        }                                                                                 \
        for (int l = 1; l < SUM_LEVELS; l++) {                                            \
            a0 += up[l][0]; a1 += up[l][1]; a2 += up[l][2]; a3 += up[l][3];               \
        }                                                                                 \
        out[0] = a0; out[1] = a1; out[2] = a2; out[3] = a3;                               \
    }

#define SUM_IMPL(T, VT, SUF)                                                              \
    /* scalar cascade: lane k of row i is x[i*rstride + k*cstride] */                     \
    static void cascade_sc_##SUF(const T *x, int64_t rstride, int64_t cstride, int64_t size, T out[SUM_ILP]) { \
        T acc[SUM_LEVELS][SUM_ILP] = {{0}};                                               \
        CASCADE(T, acc, for (int k = 0; k < SUM_ILP; k++) acc[0][k] += x[i * rstride + k * cstride]); \
        memcpy(out, acc[0], sizeof acc[0]);                                               \
    }                                                                                     \
    static void cascade_vec_##SUF(const T *x, int64_t rstride, int64_t size, VT out[SUM_ILP]) { \
        if (wk_cpu_has_avx2()) cascade_vec_##SUF##_avx2(x, rstride, size, out);           \
        else cascade_vec_##SUF##_base(x, rstride, size, out);                             \
    }                                                                                     \
    /* ATen's row_sum: n elements `stride` apart as 4 interleaved cascades, the tail      \
     * into the first, then the four folded in order */                                   \
    static T row_sum_##SUF(const T *x, int64_t stride, int64_t n) {                       \
        T p[SUM_ILP];                                                                     \
        cascade_sc_##SUF(x, SUM_ILP * stride, stride, n / SUM_ILP, p);                     \
        for (int64_t i = n / SUM_ILP * SUM_ILP; i < n; i++) p[0] += x[i * stride];         \
        for (int k = 1; k < SUM_ILP; k++) p[0] += p[k];                                   \
        return p[0];                                                                      \
    }                                                                                     \
    /* ATen's vectorized_inner_sum of one contiguous run of n >= W elements */           \
    SUM_CLONES static T inner_sum_##SUF(const T *x, int64_t n) {                          \
        enum { W = sizeof(VT) / sizeof(T) };                                              \
        int64_t nv = n / W;                                                               \
        VT p[SUM_ILP], v;                                                                 \
        cascade_vec_##SUF(x, SUM_ILP * W, nv / SUM_ILP, p);                               \
        for (int64_t i = nv / SUM_ILP * SUM_ILP; i < nv; i++) { memcpy(&v, x + i * W, sizeof v); p[0] += v; } \
        for (int k = 1; k < SUM_ILP; k++) p[0] += p[k];                                   \
        T r = 0, lanes[W];                                                                \
        for (int64_t i = nv * W; i < n; i++) r += x[i];                                   \
        memcpy(lanes, &p[0], sizeof lanes);                                               \
        for (int k = 0; k < W; k++) r += lanes[k];                                        \
        return r;                                                                         \
    }                                                                                     \
    /* one output of a trailing-dims sum, added (as ATen does) into a zeroed output */    \
    static T row_total_##SUF(const T *x, int64_t n) {                                     \
        enum { W = sizeof(VT) / sizeof(T) };                                              \
        return (T)0 + (n >= W ? inner_sum_##SUF(x, n) : row_sum_##SUF(x, 1, n));         \
    }                                                                                     \
    /* columns [c0, c1) of a rows x cols leading-dims sum; `blocked` columns (below it)   \
     * get one cascade each, 4 vectors (or, with fewer than W columns, 4 columns) at once */ \
    static void outer_sum_##SUF(const T *x, int64_t rows, int64_t cols, int64_t c0, int64_t c1, T *out) { \
        enum { W = sizeof(VT) / sizeof(T) };                                              \
        int64_t group = cols >= W ? SUM_ILP * W : SUM_ILP, blocked = cols / group * group; \
        int64_t c = c0;                                                                   \
        for (; c + group <= c1 && c + group <= blocked; c += group) {                     \
            T s[SUM_ILP * W];                                                             \
            VT sv[SUM_ILP];                                                               \
            if (cols >= W) { cascade_vec_##SUF(x + c, cols, rows, sv); memcpy(s, sv, sizeof sv); } \
            else cascade_sc_##SUF(x + c, cols, 1, rows, s);                               \
            for (int64_t k = 0; k < group; k++) out[c + k] = (T)0 + s[k];                 \
        }                                                                                 \
        for (; c < c1; c++) out[c] = (T)0 + row_sum_##SUF(x + c, cols, rows);             \
    }

/* lanes are independent, so the AVX2 build of the same code gives the same bits */
CASCADE_VEC(float, sum_vf32, f32, _base, )
CASCADE_VEC(double, sum_vf64, f64, _base, )
CASCADE_VEC(float, sum_vf32, f32, _avx2, WK_AVX2_TARGET)
CASCADE_VEC(double, sum_vf64, f64, _avx2, WK_AVX2_TARGET)
SUM_IMPL(float, sum_vf32, f32)
SUM_IMPL(double, sum_vf64, f64)

typedef struct {
    const char *x;
    char *out;
    int64_t len, chunk, n; /* trailing: row r = [r*chunk, r*chunk + len) clipped to n */
    int64_t rows, cols;    /* leading: slices of rows x cols, split in `blocks` column blocks */
    int64_t blocks;
    bool f64;
} fsum_job;

/* trailing-dims sums: out[r] for rows [lo, hi) */
static void fsum_rows(int64_t lo, int64_t hi, void *c) {
    fsum_job *j = c;
    for (int64_t r = lo; r < hi; r++) {
        int64_t start = r * j->chunk, len = j->n - start < j->len ? j->n - start : j->len;
        if (j->f64) ((double *)j->out)[r] = row_total_f64((const double *)j->x + start, len);
        else ((float *)j->out)[r] = row_total_f32((const float *)j->x + start, len);
    }
}

#define OUTER_BLOCK 32 /* columns per parallel task */

/* leading-dims sums: tasks [lo, hi), task t = column block t % blocks of slice t / blocks */
static void fsum_cols(int64_t lo, int64_t hi, void *c) {
    fsum_job *j = c;
    size_t es = j->f64 ? 8 : 4;
    for (int64_t t = lo; t < hi; t++) {
        int64_t sl = t / j->blocks, b = t % j->blocks;
        int64_t c0 = b * OUTER_BLOCK, c1 = c0 + OUTER_BLOCK < j->cols ? c0 + OUTER_BLOCK : j->cols;
        const char *x = j->x + (size_t)(sl * j->rows * j->cols) * es;
        char *o = j->out + (size_t)(sl * j->cols) * es;
        if (j->f64) outer_sum_f64((const double *)x, j->rows, j->cols, c0, c1, (double *)o);
        else outer_sum_f32((const float *)x, j->rows, j->cols, c0, c1, (float *)o);
    }
}

bool wk_cpu_red_row_major(const wk_tensor *t) {
    int64_t expect = 1;
    for (int d = t->ndim - 1; d >= 0; d--) {
        if (t->shape[d] != 1 && t->stride[d] != expect) return false;
        expect *= t->shape[d];
    }
    return true;
}

bool wk_cpu_red_layout(const wk_tensor *a, uint32_t mask, int64_t *outer, int64_t *len, int64_t *inner) {
    int64_t sz[3] = {1, 1, 1};
    int part = 0;
    for (int d = 0; d < a->ndim; d++) {
        if (a->shape[d] == 1) continue;
        int want = mask >> d & 1 ? 1 : part == 0 ? 0 : 2;
        if (want < part) return false;
        part = want;
        sz[part] *= a->shape[d];
    }
    *outer = sz[0];
    *len = sz[1];
    *inner = sz[2];
    return true;
}

/* Handles the sums described above; false when the case is not one of them. */
static bool float_sum(wk_reduce_op op, wk_tensor *out, const wk_tensor *a, uint32_t mask) {
    int64_t rows, len, cols;
    if ((op != WK_RED_SUM && op != WK_RED_MEAN) || (a->dtype != WK_DT_F32 && a->dtype != WK_DT_F64) ||
        out->dtype != a->dtype || !wk_cpu_red_row_major(out) || !wk_cpu_red_row_major(a) || !wk_cpu_red_layout(a, mask, &rows, &len, &cols))
        return false;
    bool f64 = a->dtype == WK_DT_F64;
    int64_t n = rows * len * cols, nout = rows * cols;
    int nt = wk_cpu_num_threads();
    char *o = wk_tensor_data(out);
    if (cols > 1) { /* leading dims reduced (in each of `rows` slices) */
        int64_t blocks = (cols + OUTER_BLOCK - 1) / OUTER_BLOCK;
        fsum_job j = {wk_tensor_data(a), o, 0, 0, n, len, cols, blocks, f64};
        if (n >= SUM_GRAIN) wk_cpu_parallel_for(rows * blocks, SUM_GRAIN / (len * OUTER_BLOCK + 1) + 1, fsum_cols, &j);
        else fsum_cols(0, rows * blocks, &j);
    } else if (rows == 1 && n >= SUM_GRAIN && nt > 1) { /* two-pass: one chunk per thread */
        int64_t used = (n + SUM_GRAIN - 1) / SUM_GRAIN < nt ? (n + SUM_GRAIN - 1) / SUM_GRAIN : nt;
        double part[64] = {0}; /* nt partial sums (read as float[] for float32), unused ones 0 */
        int64_t chunk = (n + used - 1) / used;
        fsum_job j = {wk_tensor_data(a), (char *)part, chunk, chunk, n, 0, 0, 0, f64};
        wk_cpu_parallel_for(used, 1, fsum_rows, &j);
        fsum_job fin = {(const char *)part, o, nt, 0, nt, 0, 0, 0, f64};
        fsum_rows(0, 1, &fin);
    } else {
        fsum_job j = {wk_tensor_data(a), o, len, len, n, 0, 0, 0, f64};
        if (n >= SUM_GRAIN && rows > 1) wk_cpu_parallel_for(rows, SUM_GRAIN / (len ? len : 1) + 1, fsum_rows, &j);
        else fsum_rows(0, rows, &j);
    }
    if (op == WK_RED_MEAN)
        for (int64_t r = 0; r < nout; r++) {
            if (f64) ((double *)o)[r] /= (double)len;
            else ((float *)o)[r] /= (float)len;
        }
    return true;
}

/* ------------------------------------------------------------------ other layouts */
/* Sums of strided, transposed or permuted inputs follow ATen's TensorIterator: dims ordered
 * as reorder_dimensions orders them for a reduction (reduced dims innermost, sorted by input
 * stride; kept dims by output stride), adjacent dims coalesced, then cascade_sum's 2-D loop
 * (inner, outer, scalar-inner or scalar-outer sum, chosen by strides) over the two innermost
 * dims for every index of the outer ones, each result added into the zeroed output; with
 * several threads, ATen's two-pass and split-dim reductions (strided_sum). */

typedef struct { int64_t size, is, os; } sdim; /* one iterator dim: size, input/output strides (elements) */

/* TensorIterator's should_swap for (output, input): > 0 when d0 must move outward of d1. */
static int sdim_order(const sdim *d0, const sdim *d1) {
    if ((d0->os == 0) != (d1->os == 0)) return d1->os == 0 ? 1 : -1;
    const int64_t s0[2] = {d0->os, d0->is}, s1[2] = {d1->os, d1->is};
    for (int k = 0; k < 2; k++) {
        if (s0[k] == 0 || s1[k] == 0) continue;
        if (s0[k] != s1[k]) return s0[k] < s1[k] ? -1 : 1;
        if (d0->size > d1->size) return 1;
    }
    return 0;
}

/* The iterator's dims, innermost first, after ordering and coalescing; returns their count. */
static int sum_dims(const wk_tensor *out, const wk_tensor *a, uint32_t mask, sdim *d) {
    int n = 0;
    for (int k = a->ndim - 1; k >= 0; k--) /* TensorIterator starts from the last dim inward */
        if (a->shape[k] != 1) d[n++] = (sdim){a->shape[k], a->stride[k], mask >> k & 1 ? 0 : out->stride[k]};
    for (int i = 1; i < n; i++) /* its insertion sort with ambiguous comparisons */
        for (int j = i - 1, cur = i; j >= 0; j--) {
            int c = sdim_order(&d[j], &d[cur]);
            if (c > 0) { sdim t = d[j]; d[j] = d[cur]; d[cur] = t; cur = j; }
            else if (c < 0) break;
        }
    int m = 0;
    for (int i = 0; i < n; i++) {
        if (m > 0 && d[m - 1].is * d[m - 1].size == d[i].is && d[m - 1].os * d[m - 1].size == d[i].os) {
            d[m - 1].size *= d[i].size;
            continue;
        }
        d[m++] = d[i];
    }
    return m;
}

/* cascade_sum's loop: size1 sums of size0 elements (input strides is0, is1; output os0 = 0
 * or, when nothing is reduced here, an elementwise add), each added into out. */
#define SUM2D_IMPL(T, VT, SUF)                                                                 \
    static void sum2d_##SUF(const T *x, T *out, int64_t is0, int64_t is1, int64_t os0, int64_t os1, \
                            int64_t size0, int64_t size1) {                                    \
        enum { W = sizeof(VT) / sizeof(T) };                                                   \
        if (os0 != 0 && os1 == 0) {                                                            \
            int64_t t = is0; is0 = is1; is1 = t; t = os0; os0 = os1; os1 = t;                  \
            t = size0; size0 = size1; size1 = t;                                               \
        }                                                                                      \
        if (os0 != 0) {                                                                        \
            for (int64_t j = 0; j < size1; j++)                                                \
                for (int64_t i = 0; i < size0; i++) out[j * os1 + i * os0] += x[j * is1 + i * is0]; \
            return;                                                                            \
        }                                                                                      \
        int64_t j = 0;                                                                         \
        if (is0 == 1 && size0 >= W) {                                                          \
            for (; j < size1; j++) out[j * os1] += inner_sum_##SUF(x + j * is1, size0);       \
        } else if (is1 == 1 && size1 >= W) {                                                   \
            for (; j + SUM_ILP * W <= size1; j += SUM_ILP * W) {                               \
                VT sv[SUM_ILP];                                                                \
                T sc[SUM_ILP * W];                                                             \
                cascade_vec_##SUF(x + j, is0, size0, sv);                                      \
                memcpy(sc, sv, sizeof sv);                                                     \
                for (int k = 0; k < SUM_ILP * W; k++) out[(j + k) * os1] += sc[k];            \
            }                                                                                  \
        } else if (is0 >= is1) {                                                               \
            for (; j + SUM_ILP <= size1; j += SUM_ILP) {                                       \
                T sc[SUM_ILP];                                                                 \
                cascade_sc_##SUF(x + j * is1, is0, is1, size0, sc);                            \
                for (int k = 0; k < SUM_ILP; k++) out[(j + k) * os1] += sc[k];                \
            }                                                                                  \
        }                                                                                      \
        for (; j < size1; j++) out[j * os1] += row_sum_##SUF(x + j * is1, is0, size0);        \
    }
SUM2D_IMPL(float, sum_vf32, f32)
SUM2D_IMPL(double, sum_vf64, f64)

typedef struct {
    const sdim *d;
    int nd;         /* >= 2 (padded with size-1 dims) */
    const char *x;
    char *o;        /* the output, or (two-pass) one slot per task */
    int64_t n;      /* elements; two-pass: chunk length */
    bool f64;
} ssum_job;

/* ATen's serial_for_each over the flattened range [begin, end) (dim 0 fastest): the 2-D loop in
 * DimCounter's steps (a partial row at either end of the range, then whole 2-D blocks). */
static void ssum_range(const ssum_job *j, char *o, int64_t begin, int64_t end) {
    const sdim *d = j->d;
    int nd = j->nd;
    int64_t v[WK_MAX_DIMS + 2], rem = begin, es = j->f64 ? 8 : 4;
    for (int k = 0; k < nd; k++) { v[k] = rem % d[k].size; rem /= d[k].size; }
    for (int64_t off = begin; off < end;) {
        int64_t xo = 0, oo = 0;
        for (int k = 0; k < nd; k++) { xo += v[k] * d[k].is; oo += v[k] * d[k].os; }
        int64_t s0 = d[0].size - v[0] < end - off ? d[0].size - v[0] : end - off, s1 = 1;
        if (s0 == d[0].size) s1 = d[1].size - v[1] < (end - off) / s0 ? d[1].size - v[1] : (end - off) / s0;
        if (j->f64) sum2d_f64((const double *)(j->x + xo * es), (double *)(o + oo * es), d[0].is, d[1].is, d[0].os, d[1].os, s0, s1);
        else sum2d_f32((const float *)(j->x + xo * es), (float *)(o + oo * es), d[0].is, d[1].is, d[0].os, d[1].os, s0, s1);
        off += s0 * s1;
        int64_t carry = s1 != 1 ? s1 : s0; /* DimCounter::increment */
        for (int k = s1 != 1 ? 1 : 0; k < nd && carry > 0; k++) {
            v[k] += carry;
            carry = v[k] >= d[k].size;
            if (carry) v[k] -= d[k].size;
        }
    }
}

/* Tasks [lo, hi) of the outermost dim (kept: tasks write disjoint outputs), whole 2-D blocks. */
static void ssum_outer(int64_t lo, int64_t hi, void *c) {
    const ssum_job *j = c;
    int64_t inner = j->n / j->d[j->nd - 1].size;
    ssum_range(j, j->o, lo * inner, hi * inner);
}

/* ATen's two_pass_reduction: task t sums chunk t of the flattened range into its own slot. */
static void ssum_chunks(int64_t lo, int64_t hi, void *c) {
    const ssum_job *j = c;
    int64_t total = 1;
    for (int k = 0; k < j->nd; k++) total *= j->d[k].size;
    for (int64_t t = lo; t < hi; t++) {
        int64_t b = t * j->n, e = b + j->n < total ? b + j->n : total;
        ssum_range(j, j->o + t * (j->f64 ? 8 : 4), b, e);
    }
}

/* parallel_dim_reduction over the kept dim 1 of a 2-D iterator: task t takes columns
 * [t*chunk, (t+1)*chunk), rounded down to 128 bytes when the columns are adjacent. */
static void ssum_cols(int64_t lo, int64_t hi, void *c) {
    const ssum_job *j = c;
    const sdim *d = j->d;
    int64_t cols = d[1].size, es = j->f64 ? 8 : 4, mult = 128 / es;
    for (int64_t t = lo; t < hi; t++) {
        int64_t b = t * j->n, e = b + j->n < cols ? b + j->n : cols;
        if (d[1].is == 1) {
            b -= b % mult;
            if (e != cols) e -= e % mult;
        }
        if (b >= e) continue;
        if (j->f64) sum2d_f64((const double *)j->x + b * d[1].is, (double *)j->o + b * d[1].os, d[0].is, d[1].is, d[0].os, d[1].os, d[0].size, e - b);
        else sum2d_f32((const float *)j->x + b * d[1].is, (float *)j->o + b * d[1].os, d[0].is, d[1].is, d[0].os, d[1].os, d[0].size, e - b);
    }
}

/* Any layout of a float32/float64 sum or mean (out of a's dtype, row-major). With several
 * threads, as ATen: a whole-tensor sum takes two passes; otherwise the outermost kept dim is
 * split (find_split_dim), which changes the order only when it is the 2-D loop's dim 1. */
static bool strided_sum(wk_reduce_op op, wk_tensor *out, const wk_tensor *a, uint32_t mask) {
    sdim d[WK_MAX_DIMS + 2];
    int nd = sum_dims(out, a, mask, d);
    for (; nd < 2; nd++) d[nd] = (sdim){1, 0, 0};
    bool f64 = a->dtype == WK_DT_F64;
    if (!wk_tensor_fill_(out, wk_scalar_int(0))) return false;
    int64_t len = 1, n = wk_tensor_numel(a), nout = wk_tensor_numel(out);
    for (int k = 0; k < a->ndim; k++) if (mask >> k & 1) len *= a->shape[k];
    char *o = wk_tensor_data(out);
    ssum_job j = {d, nd, wk_tensor_data(a), o, n, f64};
    int nt = wk_cpu_num_threads();
    bool par = n >= SUM_GRAIN && nt > 1;
    if (par && nout == 1) {
        int64_t used = (n + SUM_GRAIN - 1) / SUM_GRAIN < nt ? (n + SUM_GRAIN - 1) / SUM_GRAIN : nt;
        double part[64] = {0}; /* nt slots (read as float[] for float32), unused ones 0 */
        j.o = (char *)part;
        j.n = (n + used - 1) / used;
        wk_cpu_parallel_for(used, 1, ssum_chunks, &j);
        fsum_job fin = {(const char *)part, o, nt, 0, nt, 0, 0, 0, f64};
        fsum_rows(0, 1, &fin);
    } else if (par && nd > 2 && d[nd - 1].size >= nt) {
        wk_cpu_parallel_for(d[nd - 1].size, 1, ssum_outer, &j);
    } else if (par && nd == 2) {
        int64_t used = d[1].size < nt ? d[1].size : nt;
        j.n = (d[1].size + used - 1) / used;
        wk_cpu_parallel_for(used, 1, ssum_cols, &j);
    } else if (n > 0) {
        ssum_range(&j, o, 0, n);
    }
    if (op == WK_RED_MEAN)
        for (int64_t r = 0; r < nout; r++) {
            if (f64) ((double *)o)[r] /= (double)len;
            else ((float *)o)[r] /= (float)len;
        }
    return true;
}

/* PyTorch's sum(dtype=...) into a float dtype other than the input's: the input converted
 * (make_reduction's self.to(dtype)), then summed. */
static bool converted_sum(wk_reduce_op op, wk_tensor *out, const wk_tensor *a, uint32_t mask) {
    wk_tensor *c = wk_tensor_empty_like(a, out->dtype);
    bool ok = c && wk_tensor_copy_(c, a);
    ok = ok && (float_sum(op, out, c, mask) || strided_sum(op, out, c, mask));
    wk_tensor_decref(c);
    return ok;
}

static bool pytorch_sum(wk_reduce_op op, wk_tensor *out, const wk_tensor *a, uint32_t mask) {
    if ((op != WK_RED_SUM && op != WK_RED_MEAN) || (out->dtype != WK_DT_F32 && out->dtype != WK_DT_F64) ||
        !wk_cpu_red_row_major(out))
        return false;
    if (a->dtype != out->dtype) return a->dtype != WK_DT_F16 && a->dtype != WK_DT_BF16 && converted_sum(op, out, a, mask);
    return float_sum(op, out, a, mask) || strided_sum(op, out, a, mask);
}

bool wk_cpu_reduce(wk_reduce_op op, wk_tensor *out, const wk_tensor *a, uint32_t dims, double param) {
    if (pytorch_sum(op, out, a, dims) || wk_cpu_reduce_fast(op, out, a, dims, param)) return true;
    inner_space in;
    inner_init(&in, a, dims);
    red_ctx k = {op, param, is_int_reduction(op, a->dtype, out->dtype), a->dtype, out->dtype, &in};
    /* a view of a over out's index space (reduced dims pinned to their first element) */
    wk_tensor *av = wk_tensor_alias(a);
    if (!av) return false;
    for (int d = 0; d < a->ndim; d++) if (dims >> d & 1) av->shape[d] = 1;
    int64_t nout = wk_tensor_numel(out);
    int nt = wk_cpu_num_threads();
    if (nout == 1 && in.numel >= 65536 && nt > 1) {
        split_ctx sc;
        sc.k = &k;
        sc.base = wk_tensor_data(a);
        int parts = nt < 64 ? nt : 64;
        sc.per = (in.numel + parts - 1) / parts;
        wk_cpu_parallel_for(parts, 1, split_chunk, &sc);
        acc total;
        acc_init(op, k.ints, &total);
        for (int t = 0; t < parts; t++) acc_merge(op, k.ints, param, &total, &sc.parts[t]);
        acc_store(op, k.ints, param, &total, out->dtype, wk_tensor_data(out));
    } else {
        const wk_tensor *ops[2] = {out, av};
        wk_iter it;
        wk_iter_init(&it, 2, ops, false);
        wk_iter_run(&it, reduce_row, &k, in.numel * nout >= 65536);
    }
    wk_tensor_decref(av);
    return true;
}

/* ------------------------------------------------------------------ along one dim */

typedef struct {
    int op;
    wk_dtype adt, odt;
    int64_t len, astride, ostride, istride; /* bytes */
    bool ints;
    bool has_vals, has_idx; /* optional operands (a stand-in is iterated when absent) */
} dim_ctx;

/* Gathers one row of a into a buffer (double or int64). */
static void *row_load(const dim_ctx *k, const char *p, bool ints) {
    void *buf = malloc((size_t)(k->len ? k->len : 1) * 8);
    if (buf) wk_dtype_convert(ints ? WK_DT_I64 : WK_DT_F64, buf, 8, k->adt, p, k->astride, k->len);
    return buf;
}

static void arg_row(char **p, const int64_t *s, int64_t n, void *c) {
    dim_ctx *k = c;
    for (int64_t r = 0; r < n; r++) {
        const char *a = p[2] + r * s[2];
        int64_t best = 0;
        if (k->ints) {
            int64_t bv = wk_dtype_load_i64(k->adt, a);
            for (int64_t i = 1; i < k->len; i++) {
                int64_t v = wk_dtype_load_i64(k->adt, a + i * k->astride);
                if (k->op == WK_ARG_MAX ? v > bv : v < bv) { bv = v; best = i; }
            }
        } else {
            double bv = wk_dtype_load_f64(k->adt, a);
            for (int64_t i = 1; i < k->len && !isnan(bv); i++) {
                double v = wk_dtype_load_f64(k->adt, a + i * k->astride);
                if (isnan(v) || (k->op == WK_ARG_MAX ? v > bv : v < bv)) { bv = v; best = i; }
            }
        }
        if (k->has_vals) memcpy(p[0] + r * s[0], a + best * k->astride, wk_dtype_size(k->adt));
        *(int64_t *)(p[1] + r * s[1]) = best;
    }
}

bool wk_cpu_arg_reduce(wk_argreduce_op op, wk_tensor *values, wk_tensor *indices, const wk_tensor *a, int dim) {
    if (values && values->dtype != a->dtype) return wk_rt_err(WK_ERR_RUNTIME, "arg_reduce: values dtype mismatch");
    if (wk_cpu_arg_reduce_fast(op, values, indices, a, dim)) return true;
    int64_t es = (int64_t)wk_dtype_size(a->dtype);
    dim_ctx k = {op, a->dtype, a->dtype, a->ndim ? a->shape[dim] : 1, a->ndim ? a->stride[dim] * es : 0, 0, 0,
                 !wk_dtype_is_float(a->dtype), false, false};
    wk_tensor *av = wk_tensor_alias(a);
    if (!av) return false;
    if (a->ndim) av->shape[dim] = 1;
    k.has_vals = values != NULL;
    const wk_tensor *ops[3] = {values ? values : indices, indices, av};
    wk_iter it;
    wk_iter_init(&it, 3, ops, false);
    wk_iter_run(&it, arg_row, &k, false);
    wk_tensor_decref(av);
    return true;
}

/* float32/float64 cumsum and cumprod straight from the strided rows: ATen's
 * cpu_cum_base_kernel (the running value in double, each output rounded to the row's type),
 * up to CUM_ROWS rows side by side (rows a + q * as, outputs o + q * os) so that the chains of
 * dependent adds overlap. */
#define CUM_ROWS 8
#define CUM_ROW(T, OP)                                                                          \
    for (int64_t i = 0; i < k->len; i++)                                                        \
        for (int q = 0; q < nr; q++) {                                                          \
            run[q] = run[q] OP (double)*(const T *)(a + q * as + i * k->astride);               \
            *(T *)(o + q * os + i * k->ostride) = (T)run[q];                                    \
        }

static bool cum_float_rows(const dim_ctx *k, const char *a, int64_t as, char *o, int64_t os, int nr) {
    if ((k->op != WK_SCAN_CUMSUM && k->op != WK_SCAN_CUMPROD) || k->adt != k->odt ||
        (k->adt != WK_DT_F32 && k->adt != WK_DT_F64))
        return false;
    bool sum = k->op == WK_SCAN_CUMSUM;
    double run[CUM_ROWS];
    for (int q = 0; q < nr; q++) run[q] = sum ? 0 : 1;
    if (k->adt == WK_DT_F32) {
        if (sum) { CUM_ROW(float, +) } else { CUM_ROW(float, *) }
    } else {
        if (sum) { CUM_ROW(double, +) } else { CUM_ROW(double, *) }
    }
    return true;
}

static void scan_row(char **p, const int64_t *s, int64_t n, void *c) {
    dim_ctx *k = c;
    int64_t L = k->len, r = 0;
    for (; r + CUM_ROWS <= n; r += CUM_ROWS)
        if (!cum_float_rows(k, p[1] + r * s[1], s[1], p[0] + r * s[0], s[0], CUM_ROWS)) break;
    for (; r < n; r++) {
        const char *a = p[1] + r * s[1];
        char *o = p[0] + r * s[0];
        char *ix = k->has_idx ? p[2] + r * s[2] : NULL;
        if (cum_float_rows(k, a, 0, o, 0, 1)) continue;
        bool ints = k->ints && (k->op == WK_SCAN_CUMSUM || k->op == WK_SCAN_CUMPROD ||
                                k->op == WK_SCAN_CUMMAX || k->op == WK_SCAN_CUMMIN) && !wk_dtype_is_float(k->odt);
        void *buf = row_load(k, a, ints);
        if (!buf) continue;
        double *x = buf;
        int64_t *xi = buf;
        switch (k->op) {
        case WK_SCAN_CUMSUM: case WK_SCAN_CUMPROD: {
            bool sum = k->op == WK_SCAN_CUMSUM;
            if (ints) {
                uint64_t accu = sum ? 0 : 1;
                for (int64_t i = 0; i < L; i++) { accu = sum ? accu + (uint64_t)xi[i] : accu * (uint64_t)xi[i]; xi[i] = (int64_t)accu; }
            } else {
                double accu = sum ? 0 : 1;
                for (int64_t i = 0; i < L; i++) { accu = sum ? accu + x[i] : accu * x[i]; x[i] = accu; }
            }
            break;
        }
        case WK_SCAN_CUMMAX: case WK_SCAN_CUMMIN: {
            bool mx = k->op == WK_SCAN_CUMMAX;
            int64_t bi = 0;
            if (ints) {
                int64_t bv = L ? xi[0] : 0;
                for (int64_t i = 0; i < L; i++) {
                    if (mx ? xi[i] >= bv : xi[i] <= bv) { bv = xi[i]; bi = i; }
                    xi[i] = bv;
                    if (ix) *(int64_t *)(ix + i * k->istride) = bi;
                }
            } else {
                double bv = L ? x[0] : 0;
                for (int64_t i = 0; i < L; i++) {
                    if (isnan(x[i]) || (!isnan(bv) && (mx ? x[i] >= bv : x[i] <= bv))) { bv = x[i]; bi = i; }
                    x[i] = bv;
                    if (ix) *(int64_t *)(ix + i * k->istride) = bi;
                }
            }
            break;
        }
        case WK_SCAN_LOGCUMSUMEXP: {
            double m = -INFINITY, sum = 0;
            for (int64_t i = 0; i < L; i++) {
                double v = x[i];
                if (isnan(v) || isnan(m)) { m = NAN; x[i] = NAN; continue; }
                if (v > m) { sum = sum * exp(m - v) + 1; m = v; }
                else if (v != -INFINITY) sum += exp(v - m);
                x[i] = m == -INFINITY ? m : m + log(sum);
            }
            break;
        }
        case WK_SCAN_SOFTMAX: case WK_SCAN_LOG_SOFTMAX: {
            double m = -INFINITY, sum = 0;
            for (int64_t i = 0; i < L; i++) if (x[i] > m || isnan(x[i])) m = x[i];
            for (int64_t i = 0; i < L; i++) sum += exp(x[i] - m);
            if (k->op == WK_SCAN_SOFTMAX) for (int64_t i = 0; i < L; i++) x[i] = exp(x[i] - m) / sum;
            else { double ls = log(sum); for (int64_t i = 0; i < L; i++) x[i] = x[i] - m - ls; }
            break;
        }
        default: break;
        }
        wk_dtype_convert(k->odt, o, k->ostride, ints ? WK_DT_I64 : WK_DT_F64, buf, 8, L);
        free(buf);
    }
}

/* cum_float_row's running values for a contiguous outer x len x inner input along the middle
 * dim, walked in memory order: one double per inner position (the same operations per
 * element, so the same bits). */
#define CUM_COLS(T, OP)                                                                         \
    for (int64_t i = 0; i < len; i++) {                                                         \
        const T *xr = (const T *)x + (b * len + i) * inner;                                     \
        T *orow = (T *)o + (b * len + i) * inner;                                               \
        for (int64_t j = 0; j < inner; j++) {                                                   \
            run[j] = run[j] OP (double)xr[j];                                                   \
            orow[j] = (T)run[j];                                                                \
        }                                                                                       \
    }

static bool cum_float_cols(wk_scan_op op, wk_tensor *out, const wk_tensor *a, int dim) {
    int64_t outer = 1, len = a->shape[dim], inner = 1;
    if ((op != WK_SCAN_CUMSUM && op != WK_SCAN_CUMPROD) || out->dtype != a->dtype ||
        (a->dtype != WK_DT_F32 && a->dtype != WK_DT_F64) || !wk_tensor_is_contiguous(a) || !wk_tensor_is_contiguous(out))
        return false;
    for (int d = 0; d < a->ndim; d++) {
        if (d < dim) outer *= a->shape[d];
        else if (d > dim) inner *= a->shape[d];
    }
    if (inner < 8 || wk_tensor_numel(a) == 0) return false;
    double *run = malloc(sizeof(double) * (size_t)inner);
    if (!run) return false;
    const char *x = wk_tensor_data(a);
    char *o = wk_tensor_data(out);
    bool sum = op == WK_SCAN_CUMSUM, f32 = a->dtype == WK_DT_F32;
    for (int64_t b = 0; b < outer; b++) {
        for (int64_t j = 0; j < inner; j++) run[j] = sum ? 0 : 1;
        if (f32) { if (sum) { CUM_COLS(float, +) } else { CUM_COLS(float, *) } }
        else if (sum) { CUM_COLS(double, +) } else { CUM_COLS(double, *) }
    }
    free(run);
    return true;
}

bool wk_cpu_scan(wk_scan_op op, wk_tensor *out, wk_tensor *indices, const wk_tensor *a, int dim) {
    if (a->ndim > 0 && cum_float_cols(op, out, a, dim)) return true;
    int64_t es = (int64_t)wk_dtype_size(a->dtype), oes = (int64_t)wk_dtype_size(out->dtype);
    bool nd = a->ndim > 0;
    dim_ctx k = {op, a->dtype, out->dtype, nd ? a->shape[dim] : 1, nd ? a->stride[dim] * es : 0,
                 nd ? out->stride[dim] * oes : 0, indices && nd ? indices->stride[dim] * 8 : 0,
                 !wk_dtype_is_float(a->dtype), false, false};
    wk_tensor *av = wk_tensor_alias(a), *ov = wk_tensor_alias(out);
    wk_tensor *iv = indices ? wk_tensor_alias(indices) : NULL;
    if (!av || !ov || (indices && !iv)) { wk_tensor_decref(av); wk_tensor_decref(ov); wk_tensor_decref(iv); return false; }
    if (nd) { av->shape[dim] = 1; ov->shape[dim] = 1; if (iv) iv->shape[dim] = 1; }
    const wk_tensor *ops[3] = {ov, av, iv ? iv : ov};
    k.has_idx = iv != NULL;
    wk_iter it;
    wk_iter_init(&it, 3, ops, false);
    wk_iter_run(&it, scan_row, &k, wk_tensor_numel(a) >= 65536);
    wk_tensor_decref(av); wk_tensor_decref(ov); wk_tensor_decref(iv);
    return true;
}
