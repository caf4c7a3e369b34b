/* cpu_reduce.c — CPU reductions over dim sets (chunked, mergeable accumulators), arg-reductions and scans along a dim. */
#include "cpu_kernels.h"
#include "cpu_iter.h"
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
        double tot = (double)(s->n + n), delta = m - s->a;
        s->b += m2 + delta * delta * (double)s->n * (double)n / tot;
        s->a += delta * (double)n / tot;
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
            acc_chunk_f(k->op, k->param, s, buf.f, cnt);
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

bool wk_cpu_reduce(wk_reduce_op op, wk_tensor *out, const wk_tensor *a, uint32_t dims, double param) {
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

static void scan_row(char **p, const int64_t *s, int64_t n, void *c) {
    dim_ctx *k = c;
    int64_t L = k->len;
    for (int64_t r = 0; r < n; r++) {
        const char *a = p[1] + r * s[1];
        char *o = p[0] + r * s[0];
        char *ix = k->has_idx ? p[2] + r * s[2] : NULL;
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

bool wk_cpu_scan(wk_scan_op op, wk_tensor *out, wk_tensor *indices, const wk_tensor *a, int dim) {
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
