/* cpu_sort.c — CPU sort/argsort/topk rows with PyTorch's result order: libstdc++'s introsort, heap and introselect steps on (key, index) items. */
#include "cpu_kernels.h"
#include "cpu_iter.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* PyTorch 1.13 sorts (value, index) pairs with std::sort / std::stable_sort and selects topk with
 * std::partial_sort or std::nth_element + std::sort, comparing values only. Ties therefore come
 * out in the order those algorithms leave them, so they are reproduced step by step here. Every
 * value becomes an int64 key whose plain '<' is PyTorch's comparator: NaN largest (ascending) or
 * first (descending), -0.0 equal to 0.0. A stable sort compares (key, index), which makes the
 * order unique whatever the algorithm. */

typedef struct { int64_t k, i; } sitem;

static inline bool lt(const sitem *a, const sitem *b, bool lex) {
    return a->k < b->k || (lex && a->k == b->k && a->i < b->i);
}

static inline void swap_items(sitem *a, sitem *b) { sitem t = *a; *a = *b; *b = t; }

/* ------------------------------------------------------------------ heap (std::__adjust_heap etc.) */

static void push_heap(sitem *s, int64_t hole, int64_t top, sitem v, bool lex) {
    int64_t parent = (hole - 1) / 2;
    while (hole > top && lt(&s[parent], &v, lex)) {
        s[hole] = s[parent];
        hole = parent;
        parent = (hole - 1) / 2;
    }
    s[hole] = v;
}

static void adjust_heap(sitem *s, int64_t hole, int64_t len, sitem v, bool lex) {
    int64_t top = hole, child = hole;
    while (child < (len - 1) / 2) {
        child = 2 * (child + 1);
        if (lt(&s[child], &s[child - 1], lex)) child--;
        s[hole] = s[child];
        hole = child;
    }
    if ((len & 1) == 0 && child == (len - 2) / 2) {
        child = 2 * (child + 1);
        s[hole] = s[child - 1];
        hole = child - 1;
    }
    push_heap(s, hole, top, v, lex);
}

static void make_heap(sitem *s, int64_t len, bool lex) {
    if (len < 2) return;
    for (int64_t parent = (len - 2) / 2;; parent--) {
        adjust_heap(s, parent, len, s[parent], lex);
        if (parent == 0) return;
    }
}

/* moves the top to s[res] and re-heaps s[0, len) around the value that was at s[res] */
static void pop_heap(sitem *s, int64_t len, int64_t res, bool lex) {
    sitem v = s[res];
    s[res] = s[0];
    adjust_heap(s, 0, len, v, lex);
}

static void heap_select(sitem *s, int64_t mid, int64_t last, bool lex) {
    make_heap(s, mid, lex);
    for (int64_t i = mid; i < last; i++)
        if (lt(&s[i], &s[0], lex)) pop_heap(s, mid, i, lex);
}

static void sort_heap(sitem *s, int64_t len, bool lex) {
    while (len > 1) {
        len--;
        pop_heap(s, len, len, lex);
    }
}

static void partial_sort(sitem *s, int64_t mid, int64_t last, bool lex) {
    heap_select(s, mid, last, lex);
    sort_heap(s, mid, lex);
}

/* ------------------------------------------------------------------ introsort / introselect */

static void move_median_to_first(sitem *s, int64_t r, int64_t a, int64_t b, int64_t c, bool lex) {
    int64_t m;
    if (lt(&s[a], &s[b], lex)) m = lt(&s[b], &s[c], lex) ? b : lt(&s[a], &s[c], lex) ? c : a;
    else m = lt(&s[a], &s[c], lex) ? a : lt(&s[b], &s[c], lex) ? c : b;
    swap_items(&s[r], &s[m]);
}

static int64_t partition_pivot(sitem *s, int64_t first, int64_t last, bool lex) {
    move_median_to_first(s, first, first + 1, first + (last - first) / 2, last - 1, lex);
    int64_t lo = first + 1, hi = last;
    const sitem *piv = &s[first];
    for (;;) {
        while (lt(&s[lo], piv, lex)) lo++;
        hi--;
        while (lt(piv, &s[hi], lex)) hi--;
        if (!(lo < hi)) return lo;
        swap_items(&s[lo], &s[hi]);
        lo++;
    }
}

static void linear_insert(sitem *s, int64_t pos, bool lex) {
    sitem v = s[pos];
    while (lt(&v, &s[pos - 1], lex)) { s[pos] = s[pos - 1]; pos--; }
    s[pos] = v;
}

static void insertion_sort(sitem *s, int64_t first, int64_t last, bool lex) {
    for (int64_t i = first + 1; i < last; i++) {
        if (lt(&s[i], &s[first], lex)) {
            sitem v = s[i];
            memmove(&s[first + 1], &s[first], (size_t)(i - first) * sizeof *s);
            s[first] = v;
        } else linear_insert(s, i, lex);
    }
}

static int lg2(int64_t n) { int r = 0; while (n > 1) { n >>= 1; r++; } return r; }

#define SORT_THRESHOLD 16

static void introsort_loop(sitem *s, int64_t first, int64_t last, int depth, bool lex) {
    while (last - first > SORT_THRESHOLD) {
        if (depth == 0) { partial_sort(s + first, last - first, last - first, lex); return; }
        depth--;
        int64_t cut = partition_pivot(s, first, last, lex);
        introsort_loop(s, cut, last, depth, lex);
        last = cut;
    }
}

/* std::sort on s[0, n) */
static void std_sort(sitem *s, int64_t n, bool lex) {
    if (n < 2) return;
    introsort_loop(s, 0, n, 2 * lg2(n), lex);
    if (n > SORT_THRESHOLD) {
        insertion_sort(s, 0, SORT_THRESHOLD, lex);
        for (int64_t i = SORT_THRESHOLD; i < n; i++) linear_insert(s, i, lex);
    } else insertion_sort(s, 0, n, lex);
}

/* std::nth_element(s, s + nth, s + n) */
static void nth_element(sitem *s, int64_t nth, int64_t n, bool lex) {
    int64_t first = 0, last = n;
    int depth = 2 * lg2(n);
    while (last - first > 3) {
        if (depth == 0) {
            heap_select(s + first, nth + 1 - first, last - first, lex);
            swap_items(&s[first], &s[nth]);
            return;
        }
        depth--;
        int64_t cut = partition_pivot(s, first, last, lex);
        if (cut <= nth) first = cut;
        else last = cut;
    }
    insertion_sort(s, first, last, lex);
}

/* ------------------------------------------------------------------ keys and rows */

static inline int64_t float_key(double v, bool desc) {
    if (isnan(v)) return desc ? INT64_MIN : INT64_MAX;
    if (v == 0) v = 0.0; /* -0.0 ties with 0.0 */
    int64_t b;
    memcpy(&b, &v, sizeof b);
    if (b < 0) b ^= INT64_MAX;
    return desc ? -b : b;
}

/* float_key's order from float32 bits directly (keys are only compared within one dtype) */
static inline int64_t f32_key(uint32_t u, bool desc) {
    if ((u & 0x7fffffffu) > 0x7f800000u) return desc ? INT64_MIN : INT64_MAX;
    int32_t b = (u & 0x7fffffffu) ? (int32_t)u : 0;
    int64_t k = b < 0 ? (int64_t)(b ^ INT32_MAX) : (int64_t)b;
    return desc ? -k : k;
}

static inline int64_t key_at(wk_dtype dt, const char *p, bool desc) {
    switch (dt) {
    case WK_DT_F32: { uint32_t v; memcpy(&v, p, sizeof v); return f32_key(v, desc); }
    case WK_DT_F64: case WK_DT_F16: case WK_DT_BF16: return float_key(wk_dtype_load_f64(dt, p), desc);
    case WK_DT_I64: { int64_t v; memcpy(&v, p, sizeof v); return desc ? ~v : v; }
    default: { int64_t v = wk_dtype_load_i64(dt, p); return desc ? ~v : v; }
    }
}

static void load_keys(sitem *s, wk_dtype dt, const char *p, int64_t stride, int64_t n, bool desc) {
    for (int64_t j = 0; j < n; j++) s[j] = (sitem){key_at(dt, p + j * stride, desc), j};
}

/* partial_sort(s, s + k, s + n) with the items past k made as they are reached: heap_select
 * never reads an item again once it has passed it, so only the heap is stored. */
static void topk_partial(sitem *s, wk_dtype dt, const char *p, int64_t stride, int64_t n, int64_t k, bool desc) {
    load_keys(s, dt, p, stride, k, desc);
    make_heap(s, k, false);
    for (int64_t j = k; j < n; j++) {
        int64_t key = key_at(dt, p + j * stride, desc);
        if (key < s[0].k) adjust_heap(s, 0, k, (sitem){key, j}, false);
    }
    sort_heap(s, k, false);
}

typedef struct {
    const wk_tensor *a, *vals, *idx;
    int dim;
    int64_t n, k;
    wk_sort_mode mode;
    bool desc;
    bool oom;
} sort_job;

/* Byte offsets of row r (all dims but dim, row-major) in t. */
static int64_t row_offset(const wk_tensor *t, int dim, int64_t r) {
    int64_t off = 0;
    for (int d = t->ndim - 1; d >= 0; d--) {
        if (d == dim) continue;
        off += (r % t->shape[d]) * t->stride[d];
        r /= t->shape[d];
    }
    return off * (int64_t)wk_dtype_size(t->dtype);
}

static void order_row(sitem *s, const sort_job *j) {
    int64_t n = j->n, k = j->k;
    switch (j->mode) {
    case WK_SORT_PLAIN: std_sort(s, n, false); break;
    case WK_SORT_STABLE: std_sort(s, n, true); break;
    default: /* topk with k * 64 > n, as PyTorch's topk_impl_loop (smaller k: topk_partial) */
        if (k == 0) break;
        nth_element(s, k - 1, n, false);
        if (j->mode == WK_SORT_TOPK_SORTED) std_sort(s, k - 1, false); /* k - 1: PyTorch leaves the k-th in place */
    }
}

static void sort_rows(int64_t lo, int64_t hi, void *c) {
    sort_job *j = c;
    sitem *s = malloc(sizeof(sitem) * (size_t)(j->n ? j->n : 1));
    if (!s) { j->oom = true; return; }
    size_t es = wk_dtype_size(j->a->dtype);
    int d = j->dim;
    int64_t as = j->a->ndim ? j->a->stride[d] * (int64_t)es : 0;
    int64_t vs = j->vals->ndim ? j->vals->stride[d] * (int64_t)es : 0;
    int64_t is = j->idx->ndim ? j->idx->stride[d] : 0;
    for (int64_t r = lo; r < hi; r++) {
        const char *src = (const char *)wk_tensor_data(j->a) + row_offset(j->a, d, r);
        char *dv = (char *)wk_tensor_data(j->vals) + row_offset(j->vals, d, r);
        int64_t *di = (int64_t *)((char *)wk_tensor_data(j->idx) + row_offset(j->idx, d, r));
        if (j->mode >= WK_SORT_TOPK_SORTED && j->k > 0 && j->k * 64 <= j->n)
            topk_partial(s, j->a->dtype, src, as, j->n, j->k, j->desc);
        else {
            load_keys(s, j->a->dtype, src, as, j->n, j->desc);
            order_row(s, j);
        }
        for (int64_t q = 0; q < j->k; q++) {
            memcpy(dv + q * vs, src + s[q].i * as, es);
            di[q * is] = s[q].i;
        }
    }
    free(s);
}

bool wk_cpu_sort(wk_tensor *values, wk_tensor *indices, const wk_tensor *a, int dim, int64_t k,
                 wk_sort_mode mode, bool desc) {
    int64_t n = a->ndim ? a->shape[dim] : 1;
    int64_t numel = wk_tensor_numel(a), rows = n ? numel / n : 0;
    if (n == 0 || rows == 0) return true;
    sort_job j = {a, values, indices, dim, n, k, mode, desc, false};
    int64_t grain = 32768 / (n + 1) + 1;
    wk_cpu_parallel_for(rows, grain, sort_rows, &j);
    if (j.oom) return wk_rt_err(WK_ERR_OOM, "sort(): out of memory");
    return true;
}
