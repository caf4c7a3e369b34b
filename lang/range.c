/* range.c — the range type (64-bit start/stop/step with a cached length) and its
 * iterator. */
#include "containers.h"

#define RG(v) ((wk_range *)(v).u.o)

static int64_t range_length(int64_t start, int64_t stop, int64_t step) {
    if (step > 0 && start < stop) return (int64_t)(((uint64_t)stop - (uint64_t)start - 1) / (uint64_t)step + 1);
    if (step < 0 && stop < start) return (int64_t)(((uint64_t)start - (uint64_t)stop - 1) / (0 - (uint64_t)step) + 1);
    return 0;
}

static wk_value range_make(int64_t start, int64_t stop, int64_t step) {
    int64_t len = range_length(start, stop, step);
    if (len < 0) return wk_raise(wk_exc_OverflowError, "Python int too large to convert to C ssize_t");
    wk_range *r = (wk_range *)wk_obj_alloc(&wk_type_range);
    if (!r) return WK_NULLV;
    r->start = start; r->stop = stop; r->step = step; r->len = len;
    return wk_objv(&r->ob);
}

static wk_value range_new(wk_type *t, const wk_value *args, int nargs, wk_obj *kwnames) {
    (void)t;
    int64_t v[3] = { 0, 0, 1 };
    if (!wk_check_args("range", nargs, kwnames, 1, 3)) return WK_NULLV;
    for (int i = 0; i < nargs; i++)
        if (!wk_as_index(args[i], &v[nargs == 1 ? 1 : i])) return WK_NULLV;
    if (v[2] == 0) return wk_raise(wk_exc_ValueError, "range() arg 3 must not be zero");
    return range_make(v[0], v[1], v[2]);
}

static wk_value range_repr(wk_value self) {
    wk_range *r = RG(self);
    if (r->step == 1) return wk_str_fromf("range(%lld, %lld)", (long long)r->start, (long long)r->stop);
    return wk_str_fromf("range(%lld, %lld, %lld)", (long long)r->start, (long long)r->stop, (long long)r->step);
}

static bool range_same(wk_range *a, wk_range *b) {
    if (a->len != b->len) return false;
    if (a->len == 0) return true;
    if (a->start != b->start) return false;
    return a->len == 1 || a->step == b->step;
}

static wk_value range_richcmp(wk_value a, wk_value b, wk_cmp_op op) {
    if (!wk_isinstance_t(a, &wk_type_range) || !wk_isinstance_t(b, &wk_type_range) ||
        (op != WK_EQ && op != WK_NE))
        return wk_notimplemented();
    return wk_bool(range_same(RG(a), RG(b)) == (op == WK_EQ));
}

static bool range_hash(wk_value self, int64_t *out) {
    wk_range *r = RG(self);
    wk_obj *t = wk_tuple_pack(3, wk_int(r->len), r->len ? wk_int(r->start) : WK_NONEV,
                              r->len > 1 ? wk_int(r->step) : WK_NONEV);
    bool ok = t && wk_hash(wk_objv(t), out);
    wk_obj_decref(t);
    return ok;
}

static int64_t range_len(wk_value self) { return RG(self)->len; }

static wk_value range_getitem(wk_value self, wk_value key) {
    wk_range *r = RG(self);
    int64_t i, a, b, st, n, ns, ne, nst;
    int k = wk_seq_key(key, "range", &i);
    if (k == 1) {
        if (!wk_seq_index(&i, r->len)) return wk_raise(wk_exc_IndexError, "range object index out of range");
        return wk_int(r->start + i * r->step);
    }
    if (k == 0 || !wk_slice_indices(key.u.o, r->len, &a, &b, &st, &n)) return WK_NULLV;
    if (__builtin_mul_overflow(a, r->step, &ns) || __builtin_add_overflow(ns, r->start, &ns) ||
        __builtin_mul_overflow(b, r->step, &ne) || __builtin_add_overflow(ne, r->start, &ne) ||
        __builtin_mul_overflow(st, r->step, &nst))
        return wk_raise(wk_exc_OverflowError, "Python int too large to convert to C ssize_t");
    return range_make(ns, ne, nst);
}

static bool range_has_int(wk_range *r, int64_t x) {
    if (r->len == 0) return false;
    int64_t last = r->start + (r->len - 1) * r->step;
    int64_t lo = r->step > 0 ? r->start : last, hi = r->step > 0 ? last : r->start;
    if (x < lo || x > hi) return false;
    return ((uint64_t)x - (uint64_t)lo) % (r->step > 0 ? (uint64_t)r->step : 0 - (uint64_t)r->step) == 0;
}

static int range_contains(wk_value self, wk_value x) {
    if (x.tag == WK_INT || x.tag == WK_BOOL) return range_has_int(RG(self), x.u.i);
    wk_range *r = RG(self);
    for (int64_t i = 0; i < r->len; i++) {
        int e = wk_eq(wk_int(r->start + i * r->step), x);
        if (e) return e;
    }
    return 0;
}

static wk_value rangeiter_new(int64_t start, int64_t step, int64_t len);
static wk_value range_iter(wk_value self) {
    return rangeiter_new(RG(self)->start, RG(self)->step, RG(self)->len);
}

static int range_truth(wk_value self) { return RG(self)->len != 0; }

static wk_value m_reversed(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_noargs("range.__reversed__", nargs - 1, kw)) return WK_NULLV;
    wk_range *r = RG(args[0]);
    return rangeiter_new(r->start + (r->len - 1) * r->step, -r->step, r->len);
}

static wk_value m_count(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_o("range.count", nargs - 1, kw)) return WK_NULLV;
    if (args[1].tag == WK_INT || args[1].tag == WK_BOOL) return wk_int(range_has_int(RG(args[0]), args[1].u.i));
    int64_t n = 0;
    for (int64_t i = 0; i < RG(args[0])->len; i++) {
        int e = wk_eq(wk_int(RG(args[0])->start + i * RG(args[0])->step), args[1]);
        if (e < 0) return WK_NULLV;
        n += e;
    }
    return wk_int(n);
}

static wk_value m_index(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_o("range.index", nargs - 1, kw)) return WK_NULLV;
    wk_range *r = RG(args[0]);
    wk_value x = args[1];
    if ((x.tag == WK_INT || x.tag == WK_BOOL) && range_has_int(r, x.u.i))
        return wk_int((x.u.i - r->start) / r->step);
    if (x.tag != WK_INT && x.tag != WK_BOOL) {
        for (int64_t i = 0; i < r->len; i++) {
            int e = wk_eq(wk_int(r->start + i * r->step), x);
            if (e < 0) return WK_NULLV;
            if (e) return wk_int(i);
        }
    }
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    if (!wk_repr_to(&sb, x)) { wk_sbuf_free(&sb); return WK_NULLV; }
    wk_raise(wk_exc_ValueError, "%s is not in range", sb.data);
    wk_sbuf_free(&sb);
    return WK_NULLV;
}

static wk_value get_start(wk_value self) { return wk_int(RG(self)->start); }
static wk_value get_stop(wk_value self) { return wk_int(RG(self)->stop); }
static wk_value get_step(wk_value self) { return wk_int(RG(self)->step); }

static const wk_methoddef range_methods[] = {
    { "count", m_count, 0, "rangeobject.count(value) -> integer -- return number of occurrences of value" },
    { "index", m_index, 0, "rangeobject.index(value) -> integer -- return index of value." },
    { "__reversed__", m_reversed, 0, "Return a reverse iterator." },
    { NULL, NULL, 0, NULL }
};

static const wk_getsetdef range_getsets[] = {
    { "start", get_start, NULL, NULL },
    { "stop", get_stop, NULL, NULL },
    { "step", get_step, NULL, NULL },
    { NULL, NULL, NULL, NULL }
};

wk_type wk_type_range = {
    .ob = { 1, &wk_type_type }, .name = "range", .base = &wk_type_object,
    .basicsize = sizeof(wk_range),
    .doc = "range(stop) -> range object\nrange(start, stop[, step]) -> range object\n\nReturn an object that produces a sequence of integers from start (inclusive)\nto stop (exclusive) by step.  range(i, j) produces i, i+1, i+2, ..., j-1.\nstart defaults to 0, and stop is omitted!  range(4) produces 0, 1, 2, 3.\nThese are exactly the valid indices for a list of 4 elements.\nWhen step is given, it specifies the increment (or decrement).",
    .module = "builtins",
    .dealloc = wk_obj_free, .new = range_new, .repr = range_repr, .richcmp = range_richcmp, .hash = range_hash,
    .truth = range_truth, .len = range_len, .getitem = range_getitem,
    .contains = range_contains, .iter = range_iter,
};

/* ---------------------------------------------------------------- iterator */

typedef struct { wk_obj ob; int64_t next, step, left; } rangeiter;

static wk_value rangeiter_new(int64_t start, int64_t step, int64_t len) {
    rangeiter *it = (rangeiter *)wk_obj_alloc(&wk_type_rangeiter);
    if (!it) return WK_NULLV;
    it->next = start; it->step = step; it->left = len;
    return wk_objv(&it->ob);
}

static wk_value rangeiter_self(wk_value self) { return wk_incref(self); }

static wk_value rangeiter_next(wk_value self) {
    rangeiter *it = (rangeiter *)self.u.o;
    if (it->left <= 0) return WK_NULLV;
    int64_t v = it->next;
    if (--it->left) it->next += it->step;
    return wk_int(v);
}

wk_type wk_type_rangeiter = {
    .ob = { 1, &wk_type_type }, .name = "range_iterator", .base = &wk_type_object,
    .basicsize = sizeof(rangeiter), .module = "builtins", .dealloc = wk_obj_free,
    .iter = rangeiter_self, .next = rangeiter_next,
};

bool wk_range_types_init(void) {
    return wk_type_ready(&wk_type_range) && wk_type_add_methods(&wk_type_range, range_methods) &&
           wk_type_add_getsets(&wk_type_range, range_getsets) && wk_type_ready(&wk_type_rangeiter);
}
