/* ops_select.c — order-statistic ops on the CPU: sort/argsort/topk, median (whole and per dim), cummax/cummin, unique_consecutive. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ops.h"
#include "autograd.h"
#include "cpu_kernels.h"

/* One row of keys: float64 values for floating input, int64 otherwise. */
typedef struct { const double *f; const int64_t *i; } keyrow;

static int key_cmp(keyrow r, int64_t a, int64_t b) {
    if (r.f) return (r.f[a] > r.f[b]) - (r.f[a] < r.f[b]);
    return (r.i[a] > r.i[b]) - (r.i[a] < r.i[b]);
}
static bool key_nan(keyrow r, int64_t j) { return r.f && isnan(r.f[j]); }

/* a with dim d moved last, as a contiguous float64/int64 copy without history (NULL on error). */
static wk_tensor *keys_of(wk_tensor *a, int d, const char *op) {
    if (wk_tensor_device(a).type != WK_DEV_CPU) {
        wk_rt_err(WK_ERR_NOTIMPL, "%s on a CUDA tensor is not supported in wick yet", op);
        return NULL;
    }
    int64_t perm[WK_MAX_DIMS];
    int n = 0;
    for (int k = 0; k < a->ndim; k++) if (k != d) perm[n++] = k;
    if (a->ndim) perm[n] = d;
    bool was = wk_grad_enabled();
    wk_grad_set_enabled(false);
    wk_tensor *p = wk_tensor_permute(a, perm);
    wk_tensor *k = p ? wk_op_to_dtype(p, wk_dtype_is_float(a->dtype) ? WK_DT_F64 : WK_DT_I64, true) : NULL;
    wk_tensor *c = k ? wk_tensor_contiguous(k) : NULL;
    wk_grad_set_enabled(was);
    wk_tensor_decref(p);
    wk_tensor_decref(k);
    return c;
}

static keyrow row_at(wk_tensor *keys, int64_t off) {
    keyrow r = { NULL, NULL };
    if (keys->dtype == WK_DT_F64) r.f = (const double *)wk_tensor_data(keys) + off;
    else r.i = (const int64_t *)wk_tensor_data(keys) + off;
    return r;
}

static int ix_cmp(const void *x, const void *y, void *ctx) {
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    int c = key_cmp(*(keyrow *)ctx, a, b);
    return c ? c : (a > b) - (a < b);
}

/* Index of the lower median of n > 0 keys: the first NaN if any, else the ((n-1)/2)-th element in
 * (value, index) order, which is the element PyTorch's CPU kernel selects among ties. */
static bool median_index(keyrow r, int64_t n, int64_t *out) {
    for (int64_t j = 0; j < n; j++)
        if (key_nan(r, j)) { *out = j; return true; }
    int64_t *ix = malloc((size_t)n * sizeof *ix);
    if (!ix) return wk_rt_err(WK_ERR_OOM, "median(): out of memory");
    for (int64_t j = 0; j < n; j++) ix[j] = j;
    qsort_r(ix, (size_t)n, sizeof *ix, ix_cmp, &r);
    *out = ix[(n - 1) / 2];
    free(ix);
    return true;
}

/* Values a.gather(d, idx) without history (0-dim a: a copy). */
static wk_tensor *pick(wk_tensor *a, int d, wk_tensor *idx) {
    bool was = wk_grad_enabled();
    wk_grad_set_enabled(false);
    wk_tensor *v = a->ndim ? wk_op_gather(a, d, idx) : wk_op_clone(a);
    wk_grad_set_enabled(was);
    return v;
}

bool wk_op_median_dim(wk_tensor *a, int64_t dim, bool keepdim, wk_tensor **values, wk_tensor **indices) {
    int d;
    if (a->dtype == WK_DT_BOOL) return wk_rt_err(WK_ERR_RUNTIME, "\"median_out\" not implemented for 'Bool'");
    if (!wk_wrap_dim(dim, a->ndim, &d)) return false;
    int64_t n = a->ndim ? a->shape[d] : 1;
    if (n == 0) return wk_rt_err(WK_ERR_INDEX, "median(): Expected reduction dim %d to have non-zero size.", d);
    int64_t kept[WK_MAX_DIMS];
    for (int k = 0; k < a->ndim; k++) kept[k] = k == d ? 1 : a->shape[k];
    wk_tensor *keys = keys_of(a, d, "median"), *idx = wk_tensor_empty(a->ndim, kept, WK_DT_I64, WK_CPU);
    bool ok = keys && idx;
    int64_t rows = ok ? wk_tensor_numel(a) / n : 0, *o = ok ? wk_tensor_data(idx) : NULL;
    for (int64_t r = 0; ok && r < rows; r++) ok = median_index(row_at(keys, r * n), n, &o[r]);
    wk_tensor_decref(keys);
    wk_tensor *v = ok ? pick(a, d, idx) : NULL;
    if (v && !keepdim && a->ndim) {
        wk_tensor *sv = wk_tensor_squeeze_dim(v, d), *si = wk_tensor_squeeze_dim(idx, d);
        wk_tensor_decref(v);
        wk_tensor_decref(idx);
        v = sv;
        idx = si;
    }
    if (!v || !idx) { wk_tensor_decref(v); wk_tensor_decref(idx); return false; }
    wk_op_record_indexed(v, idx, a, "MedianBackward1", d, keepdim);
    *values = v;
    *indices = idx;
    return true;
}

wk_tensor *wk_op_median(wk_tensor *a) {
    int64_t n = wk_tensor_numel(a), flat = -1, i = 0;
    if (a->dtype == WK_DT_BOOL) {
        wk_rt_err(WK_ERR_RUNTIME, "\"median_cpu\" not implemented for 'Bool'");
        return NULL;
    }
    if (n == 0) {
        if (!wk_dtype_is_float(a->dtype)) {
            wk_rt_err(WK_ERR_NOTIMPL, "median() of an empty integer tensor is not supported in wick yet");
            return NULL;
        }
        wk_tensor *r = wk_tensor_empty(0, NULL, a->dtype, wk_tensor_device(a));
        if (r && !wk_op_fill_(r, wk_vf(NAN))) { wk_tensor_decref(r); return NULL; }
        return r;
    }
    wk_tensor *f = wk_tensor_reshape(a, 1, &flat);
    wk_tensor *keys = f ? keys_of(f, 0, "median") : NULL;
    bool ok = keys && median_index(row_at(keys, 0), n, &i);
    wk_tensor_decref(keys);
    wk_tensor *sel = ok ? wk_tensor_select(f, 0, i) : NULL, *out = NULL;
    wk_tensor_decref(f);
    if (sel) out = pick(sel, 0, NULL);
    wk_tensor_decref(sel);
    if (out) wk_op_record_pick(out, a, "MedianBackward0");
    return out;
}

/* Running extreme: a NaN always takes over; ties move the index forward (>= / <=). */
static void cum_row(keyrow r, int64_t n, bool mx, int64_t *o) {
    int64_t best = 0;
    for (int64_t j = 0; j < n; j++) {
        if (j > 0 && !key_nan(r, best)) {
            int c = key_cmp(r, j, best);
            if (key_nan(r, j) || (mx ? c >= 0 : c <= 0)) best = j;
        }
        o[j] = best;
    }
}

static bool cum_extreme(wk_tensor *a, int64_t dim, bool mx, wk_tensor **values, wk_tensor **indices) {
    int d;
    if (!wk_wrap_dim(dim, a->ndim, &d)) return false;
    int64_t n = a->ndim ? a->shape[d] : 1, perm[WK_MAX_DIMS], inv[WK_MAX_DIMS];
    wk_tensor *keys = keys_of(a, d, mx ? "cummax" : "cummin");
    if (!keys) return false;
    wk_tensor *raw = wk_tensor_empty(keys->ndim, keys->shape, WK_DT_I64, WK_CPU);
    if (raw && n > 0) {
        int64_t rows = wk_tensor_numel(a) / n, *o = wk_tensor_data(raw);
        for (int64_t r = 0; r < rows; r++) cum_row(row_at(keys, r * n), n, mx, o + r * n);
    }
    wk_tensor_decref(keys);
    for (int k = 0, m = 0; k < a->ndim; k++) if (k != d) perm[m++] = k;
    if (a->ndim) perm[a->ndim - 1] = d;
    for (int k = 0; k < a->ndim; k++) inv[perm[k]] = k;
    wk_tensor *back = raw ? wk_tensor_permute(raw, inv) : NULL;
    wk_tensor *idx = back ? wk_tensor_contiguous(back) : NULL;
    wk_tensor_decref(raw);
    wk_tensor_decref(back);
    wk_tensor *v = idx ? pick(a, d, idx) : NULL;
    if (!v) { wk_tensor_decref(idx); return false; }
    wk_op_record_indexed(v, idx, a, mx ? "CummaxBackward0" : "CumminBackward0", d, true);
    *values = v;
    *indices = idx;
    return true;
}

bool wk_op_cummax(wk_tensor *a, int64_t dim, wk_tensor **values, wk_tensor **indices) {
    return cum_extreme(a, dim, true, values, indices);
}
bool wk_op_cummin(wk_tensor *a, int64_t dim, wk_tensor **values, wk_tensor **indices) {
    return cum_extreme(a, dim, false, values, indices);
}

bool wk_op_unique_consecutive(wk_tensor *a, bool return_inverse, bool return_counts, wk_tensor **out,
                              wk_tensor **inverse, wk_tensor **counts) {
    int64_t n = wk_tensor_numel(a), flat = -1, groups = 0;
    wk_tensor *f = wk_tensor_reshape(a, 1, &flat);
    wk_tensor *keys = f ? keys_of(f, 0, "unique_consecutive") : NULL;
    wk_tensor *inv = keys ? wk_tensor_empty(a->ndim, a->shape, WK_DT_I64, WK_CPU) : NULL;
    wk_tensor *starts = inv ? wk_tensor_empty(1, &n, WK_DT_I64, WK_CPU) : NULL;
    if (starts) {
        keyrow r = row_at(keys, 0);
        int64_t *iv = wk_tensor_data(inv), *st = wk_tensor_data(starts);
        for (int64_t j = 0; j < n; j++) {
            if (j == 0 || key_nan(r, j) || key_nan(r, j - 1) || key_cmp(r, j, j - 1)) st[groups++] = j;
            iv[j] = groups - 1;
        }
    }
    wk_tensor_decref(keys);
    wk_tensor *first = starts ? wk_tensor_narrow(starts, 0, 0, groups) : NULL, *cnt = NULL, *o = NULL;
    if (first && return_counts && (cnt = wk_tensor_empty(1, &groups, WK_DT_I64, WK_CPU))) {
        const int64_t *st = wk_tensor_data(first);
        int64_t *c = wk_tensor_data(cnt);
        for (int64_t g = 0; g < groups; g++) c[g] = (g + 1 < groups ? st[g + 1] : n) - st[g];
    }
    bool was = wk_grad_enabled();
    wk_grad_set_enabled(false);
    if (first && (cnt || !return_counts)) o = wk_op_index_select(f, 0, first);
    wk_grad_set_enabled(was);
    wk_tensor_decref(f);
    wk_tensor_decref(starts);
    wk_tensor_decref(first);
    if (!o) { wk_tensor_decref(inv); wk_tensor_decref(cnt); return false; }
    *out = o;
    if (return_inverse) *inverse = inv; else wk_tensor_decref(inv);
    if (return_counts) *counts = cnt;
    return true;
}

/* ================================================================== sort / argsort / topk */

/* a's rows along d ordered by the CPU kernel (k kept); a CUDA tensor goes through host copies. */
static bool sort_select(wk_tensor *a, int d, int64_t k, wk_sort_mode mode, bool desc, wk_tensor **values,
                        wk_tensor **indices) {
    wk_device dev = wk_tensor_device(a);
    wk_tensor *h = dev.type == WK_DEV_CPU ? wk_tensor_incref(a) : wk_tensor_to_device(a, WK_CPU);
    int64_t shape[WK_MAX_DIMS];
    for (int q = 0; q < a->ndim; q++) shape[q] = q == d ? k : a->shape[q];
    wk_tensor *v = h ? wk_tensor_empty(a->ndim, shape, a->dtype, WK_CPU) : NULL;
    wk_tensor *ix = v ? wk_tensor_empty(a->ndim, shape, WK_DT_I64, WK_CPU) : NULL;
    bool ok = ix && wk_cpu_sort(v, ix, h, d, k, mode, desc);
    wk_tensor_decref(h);
    if (ok && dev.type != WK_DEV_CPU) {
        wk_tensor *dv = wk_tensor_to_device(v, dev), *di = dv ? wk_tensor_to_device(ix, dev) : NULL;
        wk_tensor_decref(v);
        wk_tensor_decref(ix);
        v = dv;
        ix = di;
        ok = di != NULL;
    }
    if (!ok) { wk_tensor_decref(v); wk_tensor_decref(ix); return false; }
    *values = v;
    *indices = ix;
    return true;
}

bool wk_op_sort(wk_tensor *a, int64_t dim, bool descending, bool stable, wk_tensor **values, wk_tensor **indices) {
    int d;
    if (!wk_wrap_dim(dim, a->ndim ? a->ndim : 1, &d)) return false;
    int64_t n = a->ndim ? a->shape[d] : 1;
    if (!sort_select(a, a->ndim ? d : 0, n, stable ? WK_SORT_STABLE : WK_SORT_PLAIN, descending, values, indices))
        return false;
    wk_op_record_indexed(*values, *indices, a, "SortBackward0", d, true);
    return true;
}

bool wk_op_topk(wk_tensor *a, int64_t k, int64_t dim, bool largest, bool sorted, wk_tensor **values, wk_tensor **indices) {
    int d;
    if (!wk_wrap_dim(dim, a->ndim ? a->ndim : 1, &d)) return false;
    int64_t len = a->ndim ? a->shape[d] : 1;
    if (k < 0 || k > len) return wk_rt_err(WK_ERR_RUNTIME, "selected index k out of range");
    if (a->dtype == WK_DT_BOOL || a->dtype == WK_DT_F16)
        return wk_rt_err(WK_ERR_RUNTIME, "\"topk_cpu\" not implemented for '%s'", a->dtype == WK_DT_BOOL ? "Bool" : "Half");
    wk_sort_mode mode = sorted ? WK_SORT_TOPK_SORTED : WK_SORT_TOPK_UNSORTED;
    /* a 0-dim tensor gives itself and index 0 even for k = 0, as PyTorch's copy branch */
    if (!sort_select(a, a->ndim ? d : 0, a->ndim ? k : 1, mode, largest, values, indices)) return false;
    wk_op_record_indexed(*values, *indices, a, "TopkBackward0", d, true);
    return true;
}

wk_tensor *wk_op_argsort(wk_tensor *a, int64_t dim, bool descending, bool stable) {
    wk_tensor *v = NULL, *i = NULL;
    bool was = wk_grad_enabled();
    wk_grad_set_enabled(false);
    bool ok = wk_op_sort(a, dim, descending, stable, &v, &i);
    wk_grad_set_enabled(was);
    wk_tensor_decref(v);
    return ok ? i : NULL;
}

/* ================================================================== unique (sorted) */

/* Equal as PyTorch's unique compares them: == on the value (NaN never equal, -0.0 == 0.0). */
static bool same_value(wk_dtype dt, const char *p, const char *q) {
    if (wk_dtype_is_float(dt)) return wk_dtype_load_f64(dt, p) == wk_dtype_load_f64(dt, q);
    return wk_dtype_load_i64(dt, p) == wk_dtype_load_i64(dt, q);
}

/* Groups of equal neighbours in the stably sorted values: each group's first value (the first in
 * element order), its size, and every element's group. */
static int64_t unique_groups(const wk_tensor *v, const wk_tensor *ix, wk_tensor *u, wk_tensor *inv, wk_tensor *cnt) {
    size_t es = wk_dtype_size(v->dtype);
    int64_t n = wk_tensor_numel(v), g = -1;
    const char *sv = wk_tensor_data(v);
    const int64_t *si = wk_tensor_data(ix);
    for (int64_t j = 0; j < n; j++) {
        if (j == 0 || !same_value(v->dtype, sv + (size_t)(j - 1) * es, sv + (size_t)j * es)) {
            g++;
            memcpy((char *)wk_tensor_data(u) + (size_t)g * es, sv + (size_t)j * es, es);
            ((int64_t *)wk_tensor_data(cnt))[g] = 0;
        }
        ((int64_t *)wk_tensor_data(cnt))[g]++;
        ((int64_t *)wk_tensor_data(inv))[si[j]] = g;
    }
    return g + 1;
}

static inline int64_t load_int(wk_dtype dt, const char *p, int64_t j, size_t es) {
    if (dt == WK_DT_I64) { int64_t v; memcpy(&v, p + j * 8, 8); return v; }
    return wk_dtype_load_i64(dt, p + (size_t)j * es);
}

/* Integers spanning a small range: counted in a table instead of sorted (same groups, same order).
 * Returns -1 when the range is too wide, else the number of distinct values. */
static int64_t unique_by_table(const wk_tensor *h, wk_tensor *u, wk_tensor *inv, wk_tensor *cnt) {
    int64_t n = wk_tensor_numel(h), lo = INT64_MAX, hi = INT64_MIN;
    size_t es = wk_dtype_size(h->dtype);
    if (wk_dtype_is_float(h->dtype) || n == 0 || !wk_tensor_is_contiguous(h)) return -1;
    const char *p = wk_tensor_data(h);
    for (int64_t j = 0; j < n; j++) {
        int64_t v = load_int(h->dtype, p, j, es);
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
    }
    if ((uint64_t)hi - (uint64_t)lo >= (uint64_t)(n < 65536 ? 65536 : n)) return -1;
    int64_t span = hi - lo + 1, nu = 0;
    int64_t *slot = calloc((size_t)span, sizeof *slot);
    if (!slot) return -1;
    for (int64_t j = 0; j < n; j++) slot[load_int(h->dtype, p, j, es) - lo]++;
    int64_t *c = wk_tensor_data(cnt);
    for (int64_t s = 0; s < span; s++) {
        if (!slot[s]) continue;
        wk_dtype_store_i64(u->dtype, (char *)wk_tensor_data(u) + (size_t)nu * es, lo + s);
        c[nu] = slot[s];
        slot[s] = nu++;   /* the table now maps a value to its group */
    }
    int64_t *iv = wk_tensor_data(inv);
    for (int64_t j = 0; j < n; j++) iv[j] = slot[load_int(h->dtype, p, j, es) - lo];
    free(slot);
    return nu;
}

bool wk_op_unique(wk_tensor *a, bool return_inverse, bool return_counts, wk_tensor **out, wk_tensor **inverse,
                  wk_tensor **counts) {
    if (a->dtype == WK_DT_F16 && wk_tensor_device(a).type == WK_DEV_CPU)
        return wk_rt_err(WK_ERR_RUNTIME, "\"unique\" not implemented for 'Half'");
    wk_device dev = wk_tensor_device(a);
    int64_t n = wk_tensor_numel(a), flat = -1, nu = 0;
    wk_tensor *f = wk_tensor_reshape(a, 1, &flat);
    wk_tensor *h = f ? (dev.type == WK_DEV_CPU ? wk_tensor_incref(f) : wk_tensor_to_device(f, WK_CPU)) : NULL;
    wk_tensor *v = h ? wk_tensor_empty(1, &n, a->dtype, WK_CPU) : NULL, *ix = v ? wk_tensor_empty(1, &n, WK_DT_I64, WK_CPU) : NULL;
    wk_tensor *u = ix ? wk_tensor_empty(1, &n, a->dtype, WK_CPU) : NULL, *cnt = u ? wk_tensor_empty(1, &n, WK_DT_I64, WK_CPU) : NULL;
    wk_tensor *inv = cnt ? wk_tensor_empty(a->ndim, a->shape, WK_DT_I64, WK_CPU) : NULL;
    bool ok = inv && ((nu = unique_by_table(h, u, inv, cnt)) >= 0 ||
                      (wk_cpu_sort(v, ix, h, 0, n, WK_SORT_STABLE, false) && (nu = unique_groups(v, ix, u, inv, cnt)) >= 0));
    wk_tensor *res[3] = {NULL, NULL, NULL}, *host[3] = {ok ? wk_tensor_narrow(u, 0, 0, nu) : NULL, inv, ok ? wk_tensor_narrow(cnt, 0, 0, nu) : NULL};
    bool want[3] = {true, return_inverse, return_counts};
    for (int q = 0; q < 3 && ok; q++) {
        if (!want[q]) continue;
        wk_tensor *c = host[q] ? wk_tensor_contiguous(host[q]) : NULL;
        res[q] = c && dev.type != WK_DEV_CPU ? wk_tensor_to_device(c, dev) : c ? wk_tensor_incref(c) : NULL;
        wk_tensor_decref(c);
        ok = res[q] != NULL;
    }
    wk_tensor *tmp[] = {f, h, v, ix, u, cnt, inv, host[0], host[2]};
    for (size_t q = 0; q < sizeof tmp / sizeof *tmp; q++) wk_tensor_decref(tmp[q]);
    if (!ok) { for (int q = 0; q < 3; q++) wk_tensor_decref(res[q]); return false; }
    *out = res[0];
    if (inverse) *inverse = res[1]; else wk_tensor_decref(res[1]);
    if (counts) *counts = res[2]; else wk_tensor_decref(res[2]);
    return true;
}
