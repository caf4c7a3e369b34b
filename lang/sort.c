/* sort.c — stable merge sort (binary-insertion runs, bottom-up merges that skip ordered
 * neighbours) for list.sort and sorted, with fast comparisons for all-int, all-float and
 * all-str keys. */
#include "containers.h"
#include <stdlib.h>
#include <string.h>

typedef struct { wk_value k, v; } kv;
typedef struct sorter {
    int (*lt)(struct sorter *s, wk_value a, wk_value b);   /* 1 if a < b, else 0 */
    bool err;
} sorter;

static int lt_int(sorter *s, wk_value a, wk_value b) { (void)s; return a.u.i < b.u.i; }
static int lt_float(sorter *s, wk_value a, wk_value b) { (void)s; return a.u.f < b.u.f; }

static int lt_str(sorter *s, wk_value a, wk_value b) {
    (void)s;
    wk_strobj *x = WK_STR(a.u.o), *y = WK_STR(b.u.o);
    int64_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->data, y->data, (size_t)n);
    return c < 0 || (c == 0 && x->len < y->len);
}

static int lt_generic(sorter *s, wk_value a, wk_value b) {
    if (s->err) return 0;
    int r = wk_richcmp_bool(a, b, WK_LT);
    if (r < 0) { s->err = true; return 0; }
    return r;
}

static void pick_compare(sorter *s, const kv *a, int64_t n) {
    wk_tag tag = n ? a[0].k.tag : WK_INT;
    bool same = true, strs = true;
    for (int64_t i = 0; i < n; i++) {
        if (a[i].k.tag != tag) same = false;
        if (!wk_is_str(a[i].k)) strs = false;
    }
    s->err = false;
    if (same && tag == WK_INT) s->lt = lt_int;
    else if (same && tag == WK_FLOAT) s->lt = lt_float;
    else if (strs) s->lt = lt_str;
    else s->lt = lt_generic;
}

static void binary_insertion(sorter *s, kv *a, int64_t lo, int64_t hi) {
    for (int64_t i = lo + 1; i < hi; i++) {
        kv x = a[i];
        int64_t l = lo, r = i;
        while (l < r) {
            int64_t m = l + (r - l) / 2;
            if (s->lt(s, x.k, a[m].k)) r = m; else l = m + 1;
        }
        memmove(a + l + 1, a + l, (size_t)(i - l) * sizeof(kv));
        a[l] = x;
    }
}

/* Merges a[lo..mid) and a[mid..hi) using tmp (room for mid - lo items). */
static void merge(sorter *s, kv *a, kv *tmp, int64_t lo, int64_t mid, int64_t hi) {
    if (!s->lt(s, a[mid].k, a[mid - 1].k)) return;
    int64_t n1 = mid - lo, i = 0, j = mid, k = lo;
    memcpy(tmp, a + lo, (size_t)n1 * sizeof(kv));
    while (i < n1 && j < hi) {
        if (s->lt(s, a[j].k, tmp[i].k)) a[k++] = a[j++];
        else a[k++] = tmp[i++];
    }
    while (i < n1) a[k++] = tmp[i++];
}

#define RUN 32

static bool merge_sort(sorter *s, kv *a, int64_t n) {
    for (int64_t lo = 0; lo < n; lo += RUN)
        binary_insertion(s, a, lo, lo + RUN < n ? lo + RUN : n);
    if (n <= RUN) return true;
    kv *tmp = malloc((size_t)n * sizeof(kv));
    if (!tmp) { wk_raise_nomem(); return false; }
    for (int64_t w = RUN; w < n; w *= 2)
        for (int64_t lo = 0; lo + w < n; lo += 2 * w)
            merge(s, a, tmp, lo, lo + w, lo + 2 * w < n ? lo + 2 * w : n);
    free(tmp);
    return true;
}

static void reverse_kv(kv *a, int64_t n) {
    for (int64_t i = 0, j = n - 1; i < j; i++, j--) { kv t = a[i]; a[i] = a[j]; a[j] = t; }
}

/* Sorts pairs by key; reverse keeps equal keys in their original order. */
static bool sort_kv(kv *a, int64_t n, bool reverse) {
    sorter s;
    pick_compare(&s, a, n);
    if (reverse) reverse_kv(a, n);
    bool ok = merge_sort(&s, a, n);
    if (reverse) reverse_kv(a, n);
    return ok && !s.err;
}

bool wk_sort_values(wk_value *items, wk_value *keys, int64_t n, bool reverse) {
    kv *a = malloc((size_t)(n ? n : 1) * sizeof(kv));
    if (!a) { wk_raise_nomem(); return false; }
    for (int64_t i = 0; i < n; i++) { a[i].k = keys ? keys[i] : items[i]; a[i].v = items[i]; }
    bool ok = sort_kv(a, n, reverse);
    for (int64_t i = 0; i < n; i++) {
        items[i] = a[i].v;
        if (keys) keys[i] = a[i].k;
    }
    free(a);
    return ok;
}

/* Computes key(item) for every item; false (keys released) on error. */
static bool compute_keys(kv *a, int64_t n, wk_value key) {
    for (int64_t i = 0; i < n; i++) {
        a[i].k = wk_call1(key, a[i].v);
        if (WK_IS_NULL(a[i].k)) {
            for (int64_t j = 0; j < i; j++) wk_decref(a[j].k);
            return false;
        }
    }
    return true;
}

bool wk_list_sort(wk_obj *o, wk_value key, bool reverse) {
    wk_list *l = WK_LIST(o);
    wk_value *items = l->items;
    int64_t n = l->len, cap = l->cap;
    bool haskey = !WK_IS_NULL(key) && !WK_IS_NONE(key);
    kv *a = malloc((size_t)(n ? n : 1) * sizeof(kv));
    if (!a) { wk_raise_nomem(); return false; }
    l->items = NULL; l->len = 0; l->cap = 0;     /* empty while user code may run */
    for (int64_t i = 0; i < n; i++) a[i].k = a[i].v = items[i];
    bool ok = !haskey || compute_keys(a, n, key);
    if (ok) {
        ok = sort_kv(a, n, reverse);
        for (int64_t i = 0; i < n; i++) {
            items[i] = a[i].v;
            if (haskey) wk_decref(a[i].k);
        }
    }
    free(a);
    wk_value *junk = l->items;
    int64_t junk_n = l->len;
    l->items = items; l->len = n; l->cap = cap;
    if (junk || junk_n) {
        for (int64_t i = 0; i < junk_n; i++) wk_decref(junk[i]);
        free(junk);
        if (ok) wk_raise(wk_exc_ValueError, "list modified during sort");
        ok = false;
    }
    return ok;
}
