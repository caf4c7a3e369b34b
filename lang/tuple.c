/* tuple.c — the immutable tuple type: shared empty tuple, xxHash-style hash, slots. */
#include "containers.h"
#include <string.h>

#define TUP(v) WK_TUPLE((v).u.o)

static wk_obj *empty_tuple;

static wk_tuple *tuple_alloc(wk_type *t, int64_t n) {
    if (n > (int64_t)(SIZE_MAX / sizeof(wk_value) / 2)) { wk_raise_nomem(); return NULL; }
    wk_tuple *r = (wk_tuple *)wk_obj_alloc_var(t, (size_t)n * sizeof(wk_value));
    if (!r) return NULL;
    r->len = n;
    r->hash = -1;
    for (int64_t i = 0; i < n; i++) r->items[i] = WK_NONEV;
    return r;
}

wk_obj *wk_empty_tuple(void) {
    if (!empty_tuple) {
        wk_tuple *t = tuple_alloc(&wk_type_tuple, 0);
        if (!t) return NULL;
        empty_tuple = &t->ob;
    }
    wk_obj_incref(empty_tuple);
    return empty_tuple;
}

wk_obj *wk_tuple_new(int64_t len) {
    if (len <= 0) return wk_empty_tuple();
    wk_tuple *t = tuple_alloc(&wk_type_tuple, len);
    return t ? &t->ob : NULL;
}

void wk_tuple_set_steal(wk_obj *t, int64_t i, wk_value v) {
    wk_value old = WK_TUPLE(t)->items[i];
    WK_TUPLE(t)->items[i] = v;
    wk_decref(old);
}

wk_obj *wk_tuple_from_array(const wk_value *items, int64_t n) {
    wk_obj *t = wk_tuple_new(n);
    if (!t) return NULL;
    for (int64_t i = 0; i < n; i++) WK_TUPLE(t)->items[i] = wk_incref(items[i]);
    return t;
}

wk_obj *wk_tuple_pack(int n, ...) {
    wk_obj *t = wk_tuple_new(n);
    if (!t) return NULL;
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) WK_TUPLE(t)->items[i] = wk_incref(va_arg(ap, wk_value));
    va_end(ap);
    return t;
}

wk_value wk_tuple_from_iter(wk_value it) {
    if (wk_is_tuple(it)) return wk_incref(it);
    int64_t n;
    wk_value *src = wk_seq_items(it, &n);
    if (src) return wk_objv(wk_tuple_from_array(src, n));
    wk_value l = wk_list_from_iter(it);
    if (WK_IS_NULL(l)) return WK_NULLV;
    wk_obj *t = wk_tuple_from_array(WK_LIST(l.u.o)->items, WK_LIST(l.u.o)->len);
    wk_decref(l);
    return wk_objv(t);
}

/* ---------------------------------------------------------------- slots */

static void tuple_dealloc(wk_obj *o) {
    for (int64_t i = 0; i < WK_TUPLE(o)->len; i++) wk_decref(WK_TUPLE(o)->items[i]);
    wk_obj_free(o);
}

static wk_value tuple_new(wk_type *t, const wk_value *args, int nargs, wk_obj *kwnames) {
    if (!wk_check_args("tuple", nargs, kwnames, 0, 1)) return WK_NULLV;
    wk_value base = nargs ? wk_tuple_from_iter(args[0]) : wk_objv(wk_empty_tuple());
    if (t == &wk_type_tuple || WK_IS_NULL(base)) return base;
    /* a subclass (namedtuple): same layout, the items copied into an instance of t */
    wk_tuple *r = tuple_alloc(t, TUP(base)->len);
    if (r)
        for (int64_t i = 0; i < r->len; i++) r->items[i] = wk_incref(TUP(base)->items[i]);
    wk_decref(base);
    return r ? wk_objv(&r->ob) : WK_NULLV;
}

static wk_value tuple_repr(wk_value self) {
    wk_tuple *t = TUP(self);
    if (t->len == 0) return wk_str_from_c("()");
    int r = wk_repr_enter(self.u.o);
    if (r) return r < 0 ? WK_NULLV : wk_str_from_c("(...)");
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_addc(&sb, '(');
    bool ok = wk_seq_repr(&sb, t->items, t->len);
    wk_sbuf_adds(&sb, t->len == 1 ? ",)" : ")");
    wk_repr_leave(self.u.o);
    if (!ok) { wk_sbuf_free(&sb); return WK_NULLV; }
    return wk_str_from_sbuf(&sb);
}

static wk_value tuple_richcmp(wk_value a, wk_value b, wk_cmp_op op) {
    if (!wk_isinstance_t(a, &wk_type_tuple) || !wk_isinstance_t(b, &wk_type_tuple))
        return wk_notimplemented();
    return wk_seq_richcmp(a, b, op);
}

#define XXPRIME_1 11400714785074694791ULL
#define XXPRIME_2 14029467366897019727ULL
#define XXPRIME_5 2870177450012600261ULL

static bool tuple_hash(wk_value self, int64_t *out) {
    wk_tuple *t = TUP(self);
    if (t->hash != -1) { *out = t->hash; return true; }
    uint64_t acc = XXPRIME_5;
    for (int64_t i = 0; i < t->len; i++) {
        int64_t h;
        if (!wk_hash(t->items[i], &h)) return false;
        acc += (uint64_t)h * XXPRIME_2;
        acc = (acc << 31) | (acc >> 33);
        acc *= XXPRIME_1;
    }
    acc += (uint64_t)t->len ^ (XXPRIME_5 ^ 3527539ULL);
    int64_t h = (int64_t)acc;
    if (h == -1) h = 1546275796;
    t->hash = h;
    *out = h;
    return true;
}

static int64_t tuple_len(wk_value self) { return TUP(self)->len; }

static wk_value tuple_getitem(wk_value self, wk_value key) {
    wk_tuple *t = TUP(self);
    int64_t i, start, stop, step, count;
    int k = wk_seq_key(key, "tuple", &i);
    if (k == 1) {
        if (!wk_seq_index(&i, t->len)) return wk_raise(wk_exc_IndexError, "tuple index out of range");
        return wk_incref(t->items[i]);
    }
    if (k == 0 || !wk_slice_indices(key.u.o, t->len, &start, &stop, &step, &count)) return WK_NULLV;
    if (step == 1 && count == t->len && wk_is_tuple(self)) return wk_incref(self);
    wk_obj *r = wk_tuple_new(count);
    if (!r) return WK_NULLV;
    for (int64_t j = 0; j < count; j++) WK_TUPLE(r)->items[j] = wk_incref(t->items[start + j * step]);
    return wk_objv(r);
}

static int tuple_contains(wk_value self, wk_value x) {
    for (int64_t i = 0; i < TUP(self)->len; i++) {
        int r = wk_eq(TUP(self)->items[i], x);
        if (r) return r;
    }
    return 0;
}

static wk_value tuple_iter(wk_value self) { return wk_seqiter_new(&wk_type_tupleiter, self); }

static wk_value tuple_add(wk_value a, wk_value b) {
    if (!wk_isinstance_t(a, &wk_type_tuple)) return wk_notimplemented();
    if (!wk_isinstance_t(b, &wk_type_tuple)) {
        if (wk_typeof(b)->flags & WK_TPFLAG_USERCLASS) return wk_notimplemented();
        return wk_raise(wk_exc_TypeError, "can only concatenate tuple (not \"%s\") to tuple", wk_typename(b));
    }
    int64_t na = TUP(a)->len, nb = TUP(b)->len;
    if (nb == 0 && wk_is_tuple(a)) return wk_incref(a);
    if (na == 0 && wk_is_tuple(b)) return wk_incref(b);
    wk_obj *r = wk_tuple_new(na + nb);
    if (!r) return WK_NULLV;
    for (int64_t i = 0; i < na; i++) WK_TUPLE(r)->items[i] = wk_incref(TUP(a)->items[i]);
    for (int64_t i = 0; i < nb; i++) WK_TUPLE(r)->items[na + i] = wk_incref(TUP(b)->items[i]);
    return wk_objv(r);
}

static wk_value tuple_repeat(wk_value seq, int64_t n) {
    wk_tuple *t = TUP(seq);
    if (n == 1 && wk_is_tuple(seq)) return wk_incref(seq);
    if (n <= 0 || t->len == 0) return wk_objv(wk_empty_tuple());
    if (t->len > INT64_MAX / 16 / n) return wk_raise_nomem();
    wk_obj *r = wk_tuple_new(t->len * n);
    if (!r) return WK_NULLV;
    for (int64_t i = 0; i < t->len * n; i++) WK_TUPLE(r)->items[i] = wk_incref(t->items[i % t->len]);
    return wk_objv(r);
}

static wk_value tuple_mul(wk_value a, wk_value b) { return wk_seq_mul(a, b, &wk_type_tuple, tuple_repeat); }

/* ---------------------------------------------------------------- methods */

static wk_value m_index(const wk_value *args, int nargs, wk_obj *kw) {
    wk_tuple *t = TUP(args[0]);
    int64_t start, stop;
    if (!wk_seq_index_args(args + 1, nargs - 1, kw, "index", t->len, &start, &stop)) return WK_NULLV;
    for (int64_t i = start; i < stop; i++) {
        int r = wk_eq(t->items[i], args[1]);
        if (r < 0) return WK_NULLV;
        if (r) return wk_int(i);
    }
    return wk_raise(wk_exc_ValueError, "tuple.index(x): x not in tuple");
}

static wk_value m_count(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_o("tuple.count", nargs - 1, kw)) return WK_NULLV;
    int64_t n = 0;
    for (int64_t i = 0; i < TUP(args[0])->len; i++) {
        int r = wk_eq(TUP(args[0])->items[i], args[1]);
        if (r < 0) return WK_NULLV;
        n += r;
    }
    return wk_int(n);
}

static const wk_methoddef tuple_methods[] = {
    { "index", m_index, 0, "Return first index of value." },
    { "count", m_count, 0, "Return number of occurrences of value." },
    { NULL, NULL, 0, NULL }
};

wk_type wk_type_tuple = {
    .ob = { 1, &wk_type_type }, .name = "tuple", .base = &wk_type_object,
    .basicsize = sizeof(wk_tuple), .flags = WK_TPFLAG_BASETYPE,
    .doc = "Built-in immutable sequence.\n\nIf no argument is given, the constructor returns an empty tuple.\nIf iterable is specified the tuple is initialized from iterable's items.\n\nIf the argument is a tuple, the return value is the same object.",
    .module = "builtins",
    .dealloc = tuple_dealloc, .new = tuple_new, .repr = tuple_repr,
    .richcmp = tuple_richcmp, .hash = tuple_hash,
    .nb = { [WK_NB_ADD] = tuple_add, [WK_NB_MUL] = tuple_mul },
    .len = tuple_len, .getitem = tuple_getitem, .contains = tuple_contains,
    .iter = tuple_iter,
};

bool wk_tuple_types_init(void) {
    return wk_type_ready(&wk_type_tuple) && wk_type_add_methods(&wk_type_tuple, tuple_methods);
}
