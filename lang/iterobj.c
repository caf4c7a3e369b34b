/* iterobj.c — iterator types: list/tuple/sequence iterators, reversed, enumerate, zip,
 * map, filter and the callable iterator iter(f, sentinel). */
#include "containers.h"
#include <string.h>

static wk_value iter_self(wk_value self) { return wk_incref(self); }

/* ---------------------------------------------------------------- sequence iterators */

typedef struct { wk_obj ob; wk_value seq; int64_t index; } seqiter;   /* seq WK_NULL: done */
#define SI(v) ((seqiter *)(v).u.o)

wk_value wk_seqiter_new(wk_type *t, wk_value seq) {
    seqiter *it = (seqiter *)wk_obj_alloc(t);
    if (!it) return WK_NULLV;
    it->seq = wk_incref(seq);
    if (t == &wk_type_listreviter) it->index = WK_LIST(seq.u.o)->len - 1;
    else if (t == &wk_type_reversed) {
        int64_t n = wk_len(seq);
        if (n < 0) { wk_obj_decref(&it->ob); return WK_NULLV; }
        it->index = n - 1;
    }
    return wk_objv(&it->ob);
}

static void seqiter_dealloc(wk_obj *o) {
    wk_decref(((seqiter *)o)->seq);
    wk_obj_free(o);
}

static wk_value seqiter_done(seqiter *it) {
    wk_clear(&it->seq);
    return WK_NULLV;
}

static wk_value listiter_next(wk_value self) {
    seqiter *it = SI(self);
    if (WK_IS_NULL(it->seq)) return WK_NULLV;
    wk_list *l = WK_LIST(it->seq.u.o);
    if (it->index < l->len) return wk_incref(l->items[it->index++]);
    return seqiter_done(it);
}

static wk_value listreviter_next(wk_value self) {
    seqiter *it = SI(self);
    if (WK_IS_NULL(it->seq)) return WK_NULLV;
    wk_list *l = WK_LIST(it->seq.u.o);
    if (it->index >= 0 && it->index < l->len) return wk_incref(l->items[it->index--]);
    return seqiter_done(it);
}

static wk_value tupleiter_next(wk_value self) {
    seqiter *it = SI(self);
    if (WK_IS_NULL(it->seq)) return WK_NULLV;
    wk_tuple *t = WK_TUPLE(it->seq.u.o);
    if (it->index < t->len) return wk_incref(t->items[it->index++]);
    return seqiter_done(it);
}

/* seq[index] for the generic iterators; IndexError/StopIteration end the iteration. */
static wk_value seq_item(seqiter *it, int64_t index) {
    wk_value v = wk_getitem(it->seq, wk_int(index));
    if (!WK_IS_NULL(v)) return v;
    if (wk_err_matches(wk_exc_IndexError) || wk_err_matches(wk_exc_StopIteration)) {
        wk_err_clear();
        return seqiter_done(it);
    }
    return WK_NULLV;
}

static wk_value seqiter_next(wk_value self) {
    seqiter *it = SI(self);
    if (WK_IS_NULL(it->seq)) return WK_NULLV;
    wk_value v = seq_item(it, it->index);
    if (!WK_IS_NULL(v)) it->index++;
    return v;
}

static wk_value reversed_next(wk_value self) {
    seqiter *it = SI(self);
    if (WK_IS_NULL(it->seq)) return WK_NULLV;
    if (it->index < 0) return seqiter_done(it);
    wk_value v = seq_item(it, it->index);
    if (!WK_IS_NULL(v)) it->index--;
    return v;
}

static wk_value reversed_new(wk_type *t, const wk_value *args, int nargs, wk_obj *kw) {
    (void)t;
    if (!wk_check_args("reversed", nargs, kw, 1, 1)) return WK_NULLV;
    wk_value seq = args[0];
    wk_type *st = wk_typeof(seq);
    wk_value meth = wk_type_lookup(st, wk_intern("__reversed__"));
    if (!WK_IS_NULL(meth)) {
        if (WK_IS_NONE(meth)) return wk_raise(wk_exc_TypeError, "'%s' object is not reversible", st->name);
        return wk_call_method_s(seq, "__reversed__", NULL, 0);
    }
    if (!st->getitem || !st->len || wk_is_dict_like(seq))
        return wk_raise(wk_exc_TypeError, "'%s' object is not reversible", st->name);
    return wk_seqiter_new(&wk_type_reversed, seq);
}

#define SEQITER_TYPE(nm, nextfn) \
    .ob = { 1, &wk_type_type }, .name = nm, .base = &wk_type_object, \
    .basicsize = sizeof(seqiter), .module = "builtins", .dealloc = seqiter_dealloc, \
    .iter = iter_self, .next = nextfn
wk_type wk_type_listiter = { SEQITER_TYPE("list_iterator", listiter_next) };
wk_type wk_type_listreviter = { SEQITER_TYPE("list_reverseiterator", listreviter_next) };
wk_type wk_type_tupleiter = { SEQITER_TYPE("tuple_iterator", tupleiter_next) };
wk_type wk_type_seqiter = { SEQITER_TYPE("iterator", seqiter_next) };
wk_type wk_type_reversed = { SEQITER_TYPE("reversed", reversed_next), .new = reversed_new,
    .doc = "Return a reverse iterator over the values of the given sequence." };

/* ---------------------------------------------------------------- enumerate */

typedef struct { wk_obj ob; wk_value it; int64_t count; } enumobj;

static void enum_dealloc(wk_obj *o) {
    wk_decref(((enumobj *)o)->it);
    wk_obj_free(o);
}

static wk_value enum_new(wk_type *t, const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    int64_t start = 0;
    if (nargs == 0 && wk_nkw(kw) == 0)
        return wk_raise(wk_exc_TypeError, "enumerate() missing required argument 'iterable'");
    if (!wk_args_parse("enumerate", args, nargs, kw, "iterable|start", a)) return WK_NULLV;
    if (!WK_IS_NULL(a[1]) && !wk_as_index(a[1], &start)) return WK_NULLV;
    wk_value it = wk_iter(a[0]);
    if (WK_IS_NULL(it)) return WK_NULLV;
    enumobj *e = (enumobj *)wk_obj_alloc(t);
    if (!e) { wk_decref(it); return WK_NULLV; }
    e->it = it;
    e->count = start;
    return wk_objv(&e->ob);
}

static wk_value enum_next(wk_value self) {
    enumobj *e = (enumobj *)self.u.o;
    wk_value v = wk_next(e->it);
    if (WK_IS_NULL(v)) return v;
    wk_obj *t = wk_tuple_new(2);
    if (!t) { wk_decref(v); return WK_NULLV; }
    WK_TUPLE(t)->items[0] = wk_int(e->count++);
    WK_TUPLE(t)->items[1] = v;
    return wk_objv(t);
}

wk_type wk_type_enumerate = {
    .ob = { 1, &wk_type_type }, .name = "enumerate", .base = &wk_type_object,
    .basicsize = sizeof(enumobj), .module = "builtins",
    .doc = "Return an enumerate object.\n\n  iterable\n    an object supporting iteration\n\nThe enumerate object yields pairs containing a count (from start, which\ndefaults to zero) and a value yielded by the iterable argument.\n\nenumerate is useful for obtaining an indexed list:\n    (0, seq[0]), (1, seq[1]), (2, seq[2]), ...",
    .dealloc = enum_dealloc, .new = enum_new, .iter = iter_self, .next = enum_next,
};

/* ---------------------------------------------------------------- zip and map */

/* zip and map share a layout: a function (map only) and a tuple of iterators. */
typedef struct { wk_obj ob; wk_value func; wk_obj *iters; bool strict; } zipobj;

static void zip_dealloc(wk_obj *o) {
    zipobj *z = (zipobj *)o;
    wk_decref(z->func);
    wk_obj_decref(z->iters);
    wk_obj_free(o);
}

static wk_value zip_make(wk_type *t, wk_value func, const wk_value *args, int n, bool strict) {
    wk_obj *iters = wk_tuple_new(n);
    if (!iters) return WK_NULLV;
    for (int i = 0; i < n; i++) {
        wk_value it = wk_iter(args[i]);
        if (WK_IS_NULL(it)) { wk_obj_decref(iters); return WK_NULLV; }
        WK_TUPLE(iters)->items[i] = it;
    }
    zipobj *z = (zipobj *)wk_obj_alloc(t);
    if (!z) { wk_obj_decref(iters); return WK_NULLV; }
    z->func = wk_incref(func);
    z->iters = iters;
    z->strict = strict;
    return wk_objv(&z->ob);
}

static wk_value zip_new(wk_type *t, const wk_value *args, int nargs, wk_obj *kw) {
    bool strict = false;
    for (int i = 0; i < wk_nkw(kw); i++) {
        const char *k = wk_str_cstr(WK_TUPLE(kw)->items[i]);
        if (strcmp(k, "strict") != 0)
            return wk_raise(wk_exc_TypeError, "'%s' is an invalid keyword argument for zip()", k);
        int r = wk_truthy(args[nargs + i]);
        if (r < 0) return WK_NULLV;
        strict = r;
    }
    return zip_make(t, WK_NULLV, args, nargs, strict);
}

/* Strict zip: iterator i stopped early, or iterator 0 stopped and others may not have. */
static wk_value zip_strict_error(zipobj *z, int i) {
    int64_t n = WK_TUPLE(z->iters)->len;
    const char *what = "shorter";
    if (i == 0) {
        for (i = 1; i < n; i++) {
            wk_value v = wk_next(WK_TUPLE(z->iters)->items[i]);
            if (wk_err_occurred()) return WK_NULLV;
            if (!WK_IS_NULL(v)) { wk_decref(v); what = "longer"; break; }
        }
        if (i == n) return WK_NULLV;
    }
    if (i == 1) return wk_raise(wk_exc_ValueError, "zip() argument 2 is %s than argument 1", what);
    return wk_raise(wk_exc_ValueError, "zip() argument %d is %s than arguments 1-%d", i + 1, what, i);
}

/* Next item of every iterator into a new tuple; NULL when any is exhausted. */
static wk_obj *zip_items(zipobj *z) {
    int64_t n = WK_TUPLE(z->iters)->len;
    if (n == 0) return NULL;
    wk_obj *t = wk_tuple_new(n);
    if (!t) return NULL;
    for (int64_t i = 0; i < n; i++) {
        wk_value v = wk_next(WK_TUPLE(z->iters)->items[i]);
        if (WK_IS_NULL(v)) {
            wk_obj_decref(t);
            if (z->strict && !wk_err_occurred()) zip_strict_error(z, (int)i);
            return NULL;
        }
        WK_TUPLE(t)->items[i] = v;
    }
    return t;
}

static wk_value zip_next(wk_value self) { return wk_objv(zip_items((zipobj *)self.u.o)); }

static wk_value map_new(wk_type *t, const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_args("map", 0, kw, 0, 0)) return WK_NULLV;
    if (nargs < 2) return wk_raise(wk_exc_TypeError, "map() must have at least two arguments.");
    return zip_make(t, args[0], args + 1, nargs - 1, false);
}

static wk_value map_next(wk_value self) {
    zipobj *z = (zipobj *)self.u.o;
    wk_obj *t = zip_items(z);
    if (!t) return WK_NULLV;
    wk_value r = wk_call(z->func, WK_TUPLE(t)->items, (int)WK_TUPLE(t)->len, NULL);
    wk_obj_decref(t);
    return r;
}

#define ZIP_TYPE(nm, newfn, nextfn) \
    .ob = { 1, &wk_type_type }, .name = nm, .base = &wk_type_object, \
    .basicsize = sizeof(zipobj), .module = "builtins", .dealloc = zip_dealloc, \
    .new = newfn, .iter = iter_self, .next = nextfn
wk_type wk_type_zip = { ZIP_TYPE("zip", zip_new, zip_next),
    .doc = "zip(*iterables, strict=False) --> Yield tuples until an input is exhausted." };
wk_type wk_type_map = { ZIP_TYPE("map", map_new, map_next),
    .doc = "map(func, *iterables) --> map object\n\nMake an iterator that computes the function using arguments from\neach of the iterables.  Stops when the shortest iterable is exhausted." };

/* ---------------------------------------------------------------- filter and iter(f, s) */

/* filter: a = predicate (None: truth), b = iterator. Callable iterator: a = callable,
 * b = sentinel. */
typedef struct { wk_obj ob; wk_value a, b; } pairobj;

static void pair_dealloc(wk_obj *o) {
    wk_decref(((pairobj *)o)->a);
    wk_decref(((pairobj *)o)->b);
    wk_obj_free(o);
}

static wk_value pair_new(wk_type *t, wk_value a, wk_value b) {
    pairobj *p = (pairobj *)wk_obj_alloc(t);
    if (!p) { wk_decref(b); return WK_NULLV; }
    p->a = wk_incref(a);
    p->b = b;
    return wk_objv(&p->ob);
}

static wk_value filter_new(wk_type *t, const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_args("filter", nargs, kw, 2, 2)) return WK_NULLV;
    wk_value it = wk_iter(args[1]);
    return WK_IS_NULL(it) ? it : pair_new(t, args[0], it);
}

static wk_value filter_next(wk_value self) {
    pairobj *f = (pairobj *)self.u.o;
    for (;;) {
        wk_value v = wk_next(f->b);
        if (WK_IS_NULL(v)) return v;
        int ok;
        if (WK_IS_NONE(f->a)) ok = wk_truthy(v);
        else {
            wk_value r = wk_call1(f->a, v);
            ok = WK_IS_NULL(r) ? -1 : wk_truthy(r);
            wk_decref(r);
        }
        if (ok > 0) return v;
        wk_decref(v);
        if (ok < 0) return WK_NULLV;
    }
}

wk_value wk_calliter_new(wk_value callable, wk_value sentinel) {
    return pair_new(&wk_type_calliter, callable, wk_incref(sentinel));
}

static wk_value calliter_next(wk_value self) {
    pairobj *c = (pairobj *)self.u.o;
    if (WK_IS_NULL(c->a)) return WK_NULLV;
    wk_value v = wk_call0(c->a);
    if (WK_IS_NULL(v)) {
        if (!wk_err_matches(wk_exc_StopIteration)) return v;
        wk_err_clear();
    } else {
        int eq = wk_eq(v, c->b);
        if (eq == 0) return v;
        wk_decref(v);
        if (eq < 0) return WK_NULLV;
    }
    wk_clear(&c->a);
    return WK_NULLV;
}

wk_type wk_type_filter = {
    .ob = { 1, &wk_type_type }, .name = "filter", .base = &wk_type_object,
    .basicsize = sizeof(pairobj), .module = "builtins", .dealloc = pair_dealloc,
    .doc = "filter(function or None, iterable) --> filter object\n\nReturn an iterator yielding those items of iterable for which function(item)\nis true. If function is None, return the items that are true.",
    .new = filter_new, .iter = iter_self, .next = filter_next,
};

wk_type wk_type_calliter = {
    .ob = { 1, &wk_type_type }, .name = "callable_iterator", .base = &wk_type_object,
    .basicsize = sizeof(pairobj), .module = "builtins", .dealloc = pair_dealloc,
    .iter = iter_self, .next = calliter_next,
};

bool wk_iter_types_init(void) {
    wk_type *types[] = { &wk_type_listiter, &wk_type_listreviter, &wk_type_tupleiter,
        &wk_type_seqiter, &wk_type_reversed, &wk_type_enumerate, &wk_type_zip, &wk_type_map,
        &wk_type_filter, &wk_type_calliter };
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (!wk_type_ready(types[i])) return false;
    return true;
}
