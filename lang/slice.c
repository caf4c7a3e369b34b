/* slice.c — slice objects: construction, indices() clamping as CPython, repr, compare. */
#include "containers.h"

#define SL(v) ((wk_slice *)(v).u.o)

static wk_value none_if_null(wk_value v) { return WK_IS_NULL(v) ? WK_NONEV : wk_incref(v); }

wk_value wk_slice_new(wk_value start, wk_value stop, wk_value step) {
    wk_slice *s = (wk_slice *)wk_obj_alloc(&wk_type_slice);
    if (!s) return WK_NULLV;
    s->start = none_if_null(start);
    s->stop = none_if_null(stop);
    s->step = none_if_null(step);
    return wk_objv(&s->ob);
}

/* Reads one slice field; *is_none when None. */
static bool slice_field(wk_value v, int64_t *out, bool *is_none) {
    *is_none = v.tag == WK_NONE || v.tag == WK_NULL;
    if (*is_none) return true;
    if (v.tag == WK_INT || v.tag == WK_BOOL) { *out = v.u.i; return true; }
    if (v.tag == WK_OBJ && wk_typeof(v)->un[WK_UN_INDEX]) return wk_as_index(v, out);
    wk_raise(wk_exc_TypeError, "slice indices must be integers or None or have an __index__ method");
    return false;
}

static int64_t clamp_index(int64_t i, int64_t len, int64_t step) {
    if (i < 0) {
        i += len;
        if (i < 0) i = step < 0 ? -1 : 0;
    } else if (i >= len) i = step < 0 ? len - 1 : len;
    return i;
}

bool wk_slice_indices(wk_obj *o, int64_t len, int64_t *start, int64_t *stop, int64_t *step,
                      int64_t *count) {
    wk_slice *s = (wk_slice *)o;
    bool none;
    int64_t st = 1, a, b;
    if (!slice_field(s->step, &st, &none)) return false;
    if (none) st = 1;
    if (st == 0) { wk_raise(wk_exc_ValueError, "slice step cannot be zero"); return false; }
    if (st < -INT64_MAX) st = -INT64_MAX;
    if (!slice_field(s->start, &a, &none)) return false;
    a = none ? (st < 0 ? len - 1 : 0) : clamp_index(a, len, st);
    if (!slice_field(s->stop, &b, &none)) return false;
    b = none ? (st < 0 ? -1 : len) : clamp_index(b, len, st);
    int64_t n = 0;
    if (st > 0 && a < b) n = (int64_t)(((uint64_t)b - (uint64_t)a - 1) / (uint64_t)st + 1);
    else if (st < 0 && b < a) n = (int64_t)(((uint64_t)a - (uint64_t)b - 1) / (uint64_t)(-st) + 1);
    *start = a; *stop = b; *step = st; *count = n;
    return true;
}

static void slice_dealloc(wk_obj *o) {
    wk_slice *s = (wk_slice *)o;
    wk_decref(s->start); wk_decref(s->stop); wk_decref(s->step);
    wk_obj_free(o);
}

static wk_value slice_new(wk_type *t, const wk_value *args, int nargs, wk_obj *kwnames) {
    (void)t;
    if (!wk_check_args("slice", nargs, kwnames, 1, 3)) return WK_NULLV;
    if (nargs == 1) return wk_slice_new(WK_NONEV, args[0], WK_NONEV);
    return wk_slice_new(args[0], args[1], nargs == 3 ? args[2] : WK_NONEV);
}

static wk_value slice_repr(wk_value self) {
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_adds(&sb, "slice(");
    bool ok = wk_repr_to(&sb, SL(self)->start);
    wk_sbuf_add(&sb, ", ", 2);
    ok = ok && wk_repr_to(&sb, SL(self)->stop);
    wk_sbuf_add(&sb, ", ", 2);
    ok = ok && wk_repr_to(&sb, SL(self)->step);
    wk_sbuf_addc(&sb, ')');
    if (!ok) { wk_sbuf_free(&sb); return WK_NULLV; }
    return wk_str_from_sbuf(&sb);
}

static wk_obj *slice_tuple(wk_value v) {
    return wk_tuple_pack(3, SL(v)->start, SL(v)->stop, SL(v)->step);
}

static wk_value slice_richcmp(wk_value a, wk_value b, wk_cmp_op op) {
    if (!wk_isinstance_t(a, &wk_type_slice) || !wk_isinstance_t(b, &wk_type_slice))
        return wk_notimplemented();
    wk_obj *ta = slice_tuple(a), *tb = ta ? slice_tuple(b) : NULL;
    wk_value r = tb ? wk_richcmp(wk_objv(ta), wk_objv(tb), op) : WK_NULLV;
    wk_obj_decref(ta);
    wk_obj_decref(tb);
    return r;
}

static wk_value m_indices(const wk_value *args, int nargs, wk_obj *kw) {
    int64_t len, a, b, st, n;
    if (!wk_check_o("slice.indices", nargs - 1, kw) || !wk_as_index(args[1], &len)) return WK_NULLV;
    if (len < 0) return wk_raise(wk_exc_ValueError, "length should not be negative");
    if (!wk_slice_indices(args[0].u.o, len, &a, &b, &st, &n)) return WK_NULLV;
    return wk_objv(wk_tuple_pack(3, wk_int(a), wk_int(b), wk_int(st)));
}

static wk_value get_start(wk_value self) { return wk_incref(SL(self)->start); }
static wk_value get_stop(wk_value self) { return wk_incref(SL(self)->stop); }
static wk_value get_step(wk_value self) { return wk_incref(SL(self)->step); }

static const wk_methoddef slice_methods[] = {
    { "indices", m_indices, 0, "S.indices(len) -> (start, stop, stride)" },
    { NULL, NULL, 0, NULL }
};

static const wk_getsetdef slice_getsets[] = {
    { "start", get_start, NULL, NULL },
    { "stop", get_stop, NULL, NULL },
    { "step", get_step, NULL, NULL },
    { NULL, NULL, NULL, NULL }
};

wk_type wk_type_slice = {
    .ob = { 1, &wk_type_type }, .name = "slice", .base = &wk_type_object,
    .basicsize = sizeof(wk_slice),
    .doc = "slice(stop)\nslice(start, stop[, step])\n\nCreate a slice object.  This is used for extended slicing (e.g. a[0:10:2]).",
    .module = "builtins",
    .dealloc = slice_dealloc, .new = slice_new, .repr = slice_repr,
    .richcmp = slice_richcmp, .hash = wk_hash_unhashable,
};

bool wk_slice_types_init(void) {
    return wk_type_ready(&wk_type_slice) && wk_type_add_methods(&wk_type_slice, slice_methods) &&
           wk_type_add_getsets(&wk_type_slice, slice_getsets);
}
