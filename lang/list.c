/* list.c — the list type (growable array of values), shared sequence helpers, the repr
 * recursion guard and wk_container_types_init. */
#include "containers.h"
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- shared helpers */

static wk_obj **repr_stack;
static int64_t repr_depth, repr_cap;

int wk_repr_enter(wk_obj *o) {
    for (int64_t i = 0; i < repr_depth; i++)
        if (repr_stack[i] == o) return 1;
    if (repr_depth == repr_cap) {
        int64_t ncap = repr_cap ? repr_cap * 2 : 16;
        wk_obj **ns = realloc(repr_stack, (size_t)ncap * sizeof *ns);
        if (!ns) { wk_raise_nomem(); return -1; }
        repr_stack = ns; repr_cap = ncap;
    }
    repr_stack[repr_depth++] = o;
    return 0;
}

void wk_repr_leave(wk_obj *o) {
    for (int64_t i = repr_depth - 1; i >= 0; i--) {
        if (repr_stack[i] != o) continue;
        memmove(repr_stack + i, repr_stack + i + 1, (size_t)(repr_depth - i - 1) * sizeof *repr_stack);
        repr_depth--;
        return;
    }
}

bool wk_hash_unhashable(wk_value self, int64_t *out) {
    (void)out;
    wk_raise(wk_exc_TypeError, "unhashable type: '%s'", wk_typename(self));
    return false;
}

static bool no_kwargs(const char *fname, wk_obj *kwnames) {
    if (wk_nkw(kwnames) == 0) return true;
    wk_raise(wk_exc_TypeError, "%s() takes no keyword arguments", fname);
    return false;
}

bool wk_check_o(const char *fname, int nargs, wk_obj *kwnames) {
    if (!no_kwargs(fname, kwnames)) return false;
    if (nargs == 1) return true;
    wk_raise(wk_exc_TypeError, "%s() takes exactly one argument (%d given)", fname, nargs);
    return false;
}

bool wk_check_noargs(const char *fname, int nargs, wk_obj *kwnames) {
    if (!no_kwargs(fname, kwnames)) return false;
    if (nargs == 0) return true;
    wk_raise(wk_exc_TypeError, "%s() takes no arguments (%d given)", fname, nargs);
    return false;
}

bool wk_check_args(const char *fname, int nargs, wk_obj *kwnames, int min, int max) {
    if (!no_kwargs(fname, kwnames)) return false;
    if (nargs >= min && nargs <= max) return true;
    int n = nargs < min ? min : max;
    const char *how = min == max ? "" : nargs < min ? "at least " : "at most ";
    wk_raise(wk_exc_TypeError, "%s expected %s%d argument%s, got %d", fname, how, n,
             n == 1 ? "" : "s", nargs);
    return false;
}

int wk_seq_key(wk_value key, const char *tname, int64_t *i) {
    if (key.tag == WK_INT || key.tag == WK_BOOL) { *i = key.u.i; return 1; }
    if (key.tag == WK_OBJ && key.u.o->type == &wk_type_slice) return 2;
    if (key.tag == WK_OBJ && wk_typeof(key)->un[WK_UN_INDEX])
        return wk_as_index(key, i) ? 1 : 0;
    wk_raise(wk_exc_TypeError, "%s indices must be integers or slices, not %s", tname,
             wk_typename(key));
    return 0;
}

wk_value *wk_seq_items(wk_value v, int64_t *len) {
    *len = 0;
    if (v.tag != WK_OBJ) return NULL;
    if (wk_isinstance_t(v, &wk_type_list)) { *len = WK_LIST(v.u.o)->len; return WK_LIST(v.u.o)->items; }
    if (wk_isinstance_t(v, &wk_type_tuple)) { *len = WK_TUPLE(v.u.o)->len; return WK_TUPLE(v.u.o)->items; }
    return NULL;
}

bool wk_seq_repr(wk_sbuf *sb, const wk_value *items, int64_t n) {
    for (int64_t i = 0; i < n; i++) {
        if (i) wk_sbuf_add(sb, ", ", 2);
        if (!wk_repr_to(sb, items[i])) return false;
    }
    return true;
}

/* Lexicographic comparison; the arrays are re-fetched from a and b on every step since
 * a user __eq__ may mutate them. */
wk_value wk_seq_richcmp(wk_value a, wk_value b, wk_cmp_op op) {
    int64_t na, nb, i = 0;
    wk_value *ia = wk_seq_items(a, &na), *ib = wk_seq_items(b, &nb);
    if (na != nb && (op == WK_EQ || op == WK_NE)) return wk_bool(op == WK_NE);
    for (; i < na && i < nb; i++) {
        wk_value x = wk_incref(ia[i]), y = wk_incref(ib[i]);
        int r = wk_eq(x, y);
        if (r == 0) {
            wk_value res = op == WK_EQ ? WK_FALSEV : op == WK_NE ? WK_TRUEV : wk_richcmp(x, y, op);
            wk_decref(x); wk_decref(y);
            return res;
        }
        wk_decref(x); wk_decref(y);
        if (r < 0) return WK_NULLV;
        ia = wk_seq_items(a, &na); ib = wk_seq_items(b, &nb);
    }
    bool res;
    switch (op) {
    case WK_LT: res = na < nb; break;
    case WK_LE: res = na <= nb; break;
    case WK_EQ: res = na == nb; break;
    case WK_NE: res = na != nb; break;
    case WK_GT: res = na > nb; break;
    default: res = na >= nb; break;
    }
    return wk_bool(res);
}

bool wk_seq_index_args(const wk_value *args, int nargs, wk_obj *kwnames, const char *fname,
                       int64_t len, int64_t *start, int64_t *stop) {
    if (!wk_check_args(fname, nargs, kwnames, 1, 3)) return false;
    int64_t bounds[2] = { 0, len };
    for (int k = 1; k < nargs; k++) {
        wk_value v = args[k];
        if (v.tag == WK_NONE) continue;
        if (v.tag != WK_INT && v.tag != WK_BOOL && !(v.tag == WK_OBJ && wk_typeof(v)->un[WK_UN_INDEX])) {
            wk_raise(wk_exc_TypeError, "slice indices must be integers or have an __index__ method");
            return false;
        }
        int64_t x;
        if (!wk_as_index(v, &x)) return false;
        if (x < 0) { x += len; if (x < 0) x = 0; }
        bounds[k - 1] = x > len ? len : x;
    }
    *start = bounds[0]; *stop = bounds[1];
    return true;
}

/* ---------------------------------------------------------------- storage */

#define LIST(v) WK_LIST((v).u.o)

static bool list_reserve(wk_list *l, int64_t need) {
    if (need <= l->cap) return true;
    if (need > (int64_t)(SIZE_MAX / sizeof(wk_value) / 2)) { wk_raise_nomem(); return false; }
    int64_t ncap = (need + (need >> 3) + 6) & ~(int64_t)3;
    if (need - l->len > 1 && ncap - need < need - l->len) ncap = (need + 3) & ~(int64_t)3;
    wk_value *ni = realloc(l->items, (size_t)ncap * sizeof(wk_value));
    if (!ni) { wk_raise_nomem(); return false; }
    l->items = ni; l->cap = ncap;
    return true;
}

static wk_list *list_alloc(wk_type *t, int64_t cap) {
    wk_list *l = (wk_list *)wk_obj_alloc(t);
    if (!l) return NULL;
    if (cap > 0 && !list_reserve(l, cap)) { wk_obj_decref(&l->ob); return NULL; }
    return l;
}

wk_obj *wk_list_new(int64_t len) {
    if (len < 0) len = 0;
    wk_list *l = list_alloc(&wk_type_list, len);
    if (!l) return NULL;
    for (int64_t i = 0; i < len; i++) l->items[i] = WK_NONEV;
    l->len = len;
    return &l->ob;
}

bool wk_list_append_steal(wk_obj *o, wk_value v) {
    wk_list *l = WK_LIST(o);
    if (l->len == l->cap && !list_reserve(l, l->len + 1)) { wk_decref(v); return false; }
    l->items[l->len++] = v;
    return true;
}

bool wk_list_append(wk_obj *o, wk_value v) {
    wk_list *l = WK_LIST(o);
    if (l->len == l->cap && !list_reserve(l, l->len + 1)) return false;
    l->items[l->len++] = wk_incref(v);
    return true;
}

void wk_list_set_steal(wk_obj *o, int64_t i, wk_value v) {
    wk_value old = WK_LIST(o)->items[i];
    WK_LIST(o)->items[i] = v;
    wk_decref(old);
}

/* Drops items [lo, hi) (new refs released after the array is consistent). */
static void list_clear_range(wk_list *l, int64_t lo, int64_t hi) {
    int64_t n = hi - lo;
    if (n <= 0) return;
    wk_value *gone = malloc((size_t)n * sizeof(wk_value));
    if (gone) memcpy(gone, l->items + lo, (size_t)n * sizeof(wk_value));
    else for (int64_t i = lo; i < hi; i++) wk_decref(l->items[i]);
    memmove(l->items + lo, l->items + hi, (size_t)(l->len - hi) * sizeof(wk_value));
    l->len -= n;
    if (gone) { for (int64_t i = 0; i < n; i++) wk_decref(gone[i]); free(gone); }
}

static void list_dealloc(wk_obj *o) {
    wk_list *l = WK_LIST(o);
    for (int64_t i = 0; i < l->len; i++) wk_decref(l->items[i]);
    free(l->items);
    wk_obj_free(o);
}

bool wk_list_extend(wk_obj *o, wk_value it) {
    wk_list *l = WK_LIST(o);
    int64_t n;
    wk_value *src = wk_seq_items(it, &n);
    if (src) {
        if (!list_reserve(l, l->len + n)) return false;
        src = wk_seq_items(it, &n);    /* it may be l itself: re-read after realloc */
        for (int64_t i = 0; i < n; i++) l->items[l->len + i] = wk_incref(src[i]);
        l->len += n;
        return true;
    }
    wk_value iter = wk_iter(it);
    if (WK_IS_NULL(iter)) return false;
    for (;;) {
        wk_value x = wk_next(iter);
        if (WK_IS_NULL(x)) break;
        if (!wk_list_append_steal(o, x)) { wk_decref(iter); return false; }
    }
    wk_decref(iter);
    return !wk_err_occurred();
}

wk_value wk_list_from_iter(wk_value it) {
    wk_obj *l = wk_list_new(0);
    if (!l) return WK_NULLV;
    if (!wk_list_extend(l, it)) { wk_obj_decref(l); return WK_NULLV; }
    return wk_objv(l);
}

static wk_obj *list_slice(wk_list *l, int64_t start, int64_t step, int64_t count) {
    wk_list *r = list_alloc(&wk_type_list, count);
    if (!r) return NULL;
    for (int64_t i = 0, j = start; i < count; i++, j += step) r->items[i] = wk_incref(l->items[j]);
    r->len = count;
    return &r->ob;
}

/* ---------------------------------------------------------------- slots */

static wk_value list_new(wk_type *t, const wk_value *args, int nargs, wk_obj *kwnames) {
    (void)args; (void)nargs; (void)kwnames;
    wk_list *l = list_alloc(t, 0);
    return l ? wk_objv(&l->ob) : WK_NULLV;
}

static int list_init(wk_value self, const wk_value *args, int nargs, wk_obj *kwnames) {
    if (!wk_check_args("list", nargs, kwnames, 0, 1)) return -1;
    list_clear_range(LIST(self), 0, LIST(self)->len);
    if (nargs == 1 && !wk_list_extend(self.u.o, args[0])) return -1;
    return 0;
}

static wk_value list_repr(wk_value self) {
    int r = wk_repr_enter(self.u.o);
    if (r) return r < 0 ? WK_NULLV : wk_str_from_c("[...]");
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_addc(&sb, '[');
    bool ok = true;
    for (int64_t i = 0; ok && i < LIST(self)->len; i++) {
        if (i) wk_sbuf_add(&sb, ", ", 2);
        wk_value x = wk_incref(LIST(self)->items[i]);
        ok = wk_repr_to(&sb, x);
        wk_decref(x);
    }
    wk_sbuf_addc(&sb, ']');
    wk_repr_leave(self.u.o);
    if (!ok) { wk_sbuf_free(&sb); return WK_NULLV; }
    return wk_str_from_sbuf(&sb);
}

static wk_value list_richcmp(wk_value a, wk_value b, wk_cmp_op op) {
    if (!wk_isinstance_t(a, &wk_type_list) || !wk_isinstance_t(b, &wk_type_list))
        return wk_notimplemented();
    return wk_seq_richcmp(a, b, op);
}

static int64_t list_len(wk_value self) { return LIST(self)->len; }

static wk_value list_getitem(wk_value self, wk_value key) {
    wk_list *l = LIST(self);
    int64_t i, start, stop, step, count;
    int k = wk_seq_key(key, "list", &i);
    if (k == 1) {
        if (!wk_seq_index(&i, l->len)) return wk_raise(wk_exc_IndexError, "list index out of range");
        return wk_incref(l->items[i]);
    }
    if (k == 0 || !wk_slice_indices(key.u.o, l->len, &start, &stop, &step, &count)) return WK_NULLV;
    return wk_objv(list_slice(l, start, step, count));
}

/* l[lo:hi] = items[0..n) for a contiguous slice (items must not alias l). */
static bool list_splice(wk_list *l, int64_t lo, int64_t hi, const wk_value *items, int64_t n) {
    if (hi < lo) hi = lo;
    int64_t d = n - (hi - lo);
    if (d > 0 && !list_reserve(l, l->len + d)) return false;
    int64_t old_n = hi - lo;
    wk_value *gone = old_n ? malloc((size_t)old_n * sizeof(wk_value)) : NULL;
    if (old_n && !gone) { wk_raise_nomem(); return false; }
    if (old_n) memcpy(gone, l->items + lo, (size_t)old_n * sizeof(wk_value));
    memmove(l->items + lo + n, l->items + hi, (size_t)(l->len - hi) * sizeof(wk_value));
    for (int64_t i = 0; i < n; i++) l->items[lo + i] = wk_incref(items[i]);
    l->len += d;
    for (int64_t i = 0; i < old_n; i++) wk_decref(gone[i]);
    free(gone);
    return true;
}

static bool list_del_extended(wk_list *l, int64_t start, int64_t step, int64_t count) {
    if (step < 0) { start = start + step * (count - 1); step = -step; }
    wk_value *gone = malloc((size_t)(count ? count : 1) * sizeof(wk_value));
    if (!gone) { wk_raise_nomem(); return false; }
    int64_t w = start, g = 0;
    for (int64_t r = start; r < l->len; r++) {
        if (g < count && r == start + g * step) gone[g++] = l->items[r];
        else l->items[w++] = l->items[r];
    }
    l->len = w;
    for (int64_t i = 0; i < g; i++) wk_decref(gone[i]);
    free(gone);
    return true;
}

static int list_ass_slice(wk_list *l, wk_obj *slice, wk_value v) {
    int64_t start, stop, step, count, n;
    if (!wk_slice_indices(slice, l->len, &start, &stop, &step, &count)) return -1;
    if (WK_IS_NULL(v)) {
        if (step == 1) { list_clear_range(l, start, stop > start ? stop : start); return 0; }
        return list_del_extended(l, start, step, count) ? 0 : -1;
    }
    wk_value seq = wk_seq_items(v, &n) && v.u.o != &l->ob ? wk_incref(v) : WK_NULLV;
    if (WK_IS_NULL(seq)) {
        wk_type *vt = wk_typeof(v);
        if (!vt->iter && !vt->getitem) {
            wk_raise(wk_exc_TypeError, step == 1 ? "can only assign an iterable"
                                                 : "must assign iterable to extended slice");
            return -1;
        }
        seq = wk_list_from_iter(v);
        if (WK_IS_NULL(seq)) return -1;
    }
    wk_value *items = wk_seq_items(seq, &n);
    bool ok;
    if (step == 1) ok = list_splice(l, start, stop, items, n);
    else if (n != count) {
        wk_raise(wk_exc_ValueError, "attempt to assign sequence of size %lld to extended slice of size %lld",
                 (long long)n, (long long)count);
        ok = false;
    } else {
        for (int64_t i = 0; i < n; i++) wk_assign(&l->items[start + i * step], items[i]);
        ok = true;
    }
    wk_decref(seq);
    return ok ? 0 : -1;
}

static int list_setitem(wk_value self, wk_value key, wk_value v) {
    wk_list *l = LIST(self);
    int64_t i;
    int k = wk_seq_key(key, "list", &i);
    if (k == 0) return -1;
    if (k == 2) return list_ass_slice(l, key.u.o, v);
    if (!wk_seq_index(&i, l->len)) {
        wk_raise(wk_exc_IndexError, "list assignment index out of range");
        return -1;
    }
    if (WK_IS_NULL(v)) list_clear_range(l, i, i + 1);
    else wk_assign(&l->items[i], v);
    return 0;
}

static int list_contains(wk_value self, wk_value x) {
    for (int64_t i = 0; i < LIST(self)->len; i++) {
        wk_value y = wk_incref(LIST(self)->items[i]);
        int r = wk_eq(y, x);
        wk_decref(y);
        if (r) return r;
    }
    return 0;
}

static wk_value list_iter(wk_value self) { return wk_seqiter_new(&wk_type_listiter, self); }

static bool is_int_like(wk_value v, int64_t *n) {
    if (v.tag == WK_INT || v.tag == WK_BOOL) { *n = v.u.i; return true; }
    if (v.tag == WK_OBJ && wk_typeof(v)->un[WK_UN_INDEX]) return wk_as_index(v, n);
    return false;
}

/* Sequence repeat for list and tuple `*` (either operand order). */
wk_value wk_seq_mul(wk_value a, wk_value b, wk_type *t, wk_value (*rep)(wk_value seq, int64_t n)) {
    bool a_seq = wk_isinstance_t(a, t);
    wk_value seq = a_seq ? a : b, other = a_seq ? b : a;
    int64_t n;
    if (is_int_like(other, &n)) return rep(seq, n);
    if (wk_err_occurred()) return WK_NULLV;
    if (wk_typeof(other)->flags & WK_TPFLAG_USERCLASS) return wk_notimplemented();
    return wk_raise(wk_exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                    wk_typename(other));
}


static wk_value list_repeat(wk_value seq, int64_t n) {
    wk_list *l = LIST(seq);
    if (n < 0 || l->len == 0) n = 0;
    if (n && l->len > INT64_MAX / 16 / n) return wk_raise_nomem();
    int64_t total = l->len * n;
    wk_list *r = list_alloc(&wk_type_list, total);
    if (!r) return WK_NULLV;
    for (int64_t i = 0; i < total; i++) r->items[i] = wk_incref(l->items[i % l->len]);
    r->len = total;
    return wk_objv(&r->ob);
}

static wk_value list_add(wk_value a, wk_value b) {
    if (!wk_isinstance_t(a, &wk_type_list)) return wk_notimplemented();
    if (!wk_isinstance_t(b, &wk_type_list)) {
        if (wk_typeof(b)->flags & WK_TPFLAG_USERCLASS) return wk_notimplemented();
        return wk_raise(wk_exc_TypeError, "can only concatenate list (not \"%s\") to list", wk_typename(b));
    }
    wk_list *r = list_alloc(&wk_type_list, LIST(a)->len + LIST(b)->len);
    if (!r) return WK_NULLV;
    for (int64_t i = 0; i < LIST(a)->len; i++) r->items[r->len++] = wk_incref(LIST(a)->items[i]);
    for (int64_t i = 0; i < LIST(b)->len; i++) r->items[r->len++] = wk_incref(LIST(b)->items[i]);
    return wk_objv(&r->ob);
}

static wk_value list_mul(wk_value a, wk_value b) { return wk_seq_mul(a, b, &wk_type_list, list_repeat); }

static wk_value list_iadd(wk_value a, wk_value b) {
    if (!wk_isinstance_t(a, &wk_type_list)) return wk_notimplemented();
    if (!wk_list_extend(a.u.o, b)) return WK_NULLV;
    return wk_incref(a);
}

static wk_value list_imul(wk_value a, wk_value b) {
    int64_t n;
    if (!wk_isinstance_t(a, &wk_type_list)) return wk_notimplemented();
    if (!is_int_like(b, &n)) return wk_err_occurred() ? WK_NULLV : wk_notimplemented();
    wk_list *l = LIST(a);
    int64_t len = l->len;
    if (n <= 0 || len == 0) { list_clear_range(l, 0, len); return wk_incref(a); }
    if (len > INT64_MAX / 16 / n) return wk_raise_nomem();
    if (!list_reserve(l, len * n)) return WK_NULLV;
    for (int64_t i = len; i < len * n; i++) l->items[i] = wk_incref(l->items[i - len]);
    l->len = len * n;
    return wk_incref(a);
}

/* ---------------------------------------------------------------- methods */

#define SELF LIST(args[0])

static wk_value m_append(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_o("list.append", nargs - 1, kw)) return WK_NULLV;
    return wk_list_append(args[0].u.o, args[1]) ? WK_NONEV : WK_NULLV;
}

static wk_value m_extend(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_o("list.extend", nargs - 1, kw)) return WK_NULLV;
    return wk_list_extend(args[0].u.o, args[1]) ? WK_NONEV : WK_NULLV;
}

static wk_value m_insert(const wk_value *args, int nargs, wk_obj *kw) {
    int64_t i;
    if (!wk_check_args("insert", nargs - 1, kw, 2, 2) || !wk_as_index(args[1], &i)) return WK_NULLV;
    wk_list *l = SELF;
    if (!list_reserve(l, l->len + 1)) return WK_NULLV;
    if (i < 0) { i += l->len; if (i < 0) i = 0; }
    if (i > l->len) i = l->len;
    memmove(l->items + i + 1, l->items + i, (size_t)(l->len - i) * sizeof(wk_value));
    l->items[i] = wk_incref(args[2]);
    l->len++;
    return WK_NONEV;
}

static wk_value m_pop(const wk_value *args, int nargs, wk_obj *kw) {
    int64_t i = -1;
    if (!wk_check_args("pop", nargs - 1, kw, 0, 1)) return WK_NULLV;
    if (nargs == 2 && !wk_as_index(args[1], &i)) return WK_NULLV;
    wk_list *l = SELF;
    if (l->len == 0) return wk_raise(wk_exc_IndexError, "pop from empty list");
    if (!wk_seq_index(&i, l->len)) return wk_raise(wk_exc_IndexError, "pop index out of range");
    wk_value v = l->items[i];
    memmove(l->items + i, l->items + i + 1, (size_t)(l->len - i - 1) * sizeof(wk_value));
    l->len--;
    return v;
}

/* First index in [start, stop) whose item equals x; -1 absent, -2 error. */
static int64_t list_find(wk_list *l, wk_value x, int64_t start, int64_t stop) {
    for (int64_t i = start; i < stop && i < l->len; i++) {
        wk_value y = wk_incref(l->items[i]);
        int r = wk_eq(y, x);
        wk_decref(y);
        if (r < 0) return -2;
        if (r) return i;
    }
    return -1;
}

static wk_value m_remove(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_o("list.remove", nargs - 1, kw)) return WK_NULLV;
    int64_t i = list_find(SELF, args[1], 0, SELF->len);
    if (i == -2) return WK_NULLV;
    if (i < 0) return wk_raise(wk_exc_ValueError, "list.remove(x): x not in list");
    list_clear_range(SELF, i, i + 1);
    return WK_NONEV;
}

static wk_value m_index(const wk_value *args, int nargs, wk_obj *kw) {
    int64_t start, stop;
    if (!wk_seq_index_args(args + 1, nargs - 1, kw, "index", SELF->len, &start, &stop)) return WK_NULLV;
    int64_t i = list_find(SELF, args[1], start, stop);
    if (i == -2) return WK_NULLV;
    if (i >= 0) return wk_int(i);
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    if (!wk_repr_to(&sb, args[1])) { wk_sbuf_free(&sb); return WK_NULLV; }
    wk_raise(wk_exc_ValueError, "%s is not in list", sb.data);
    wk_sbuf_free(&sb);
    return WK_NULLV;
}

static wk_value m_count(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_o("list.count", nargs - 1, kw)) return WK_NULLV;
    int64_t n = 0;
    for (int64_t i = 0; i < SELF->len; i++) {
        wk_value y = wk_incref(SELF->items[i]);
        int r = wk_eq(y, args[1]);
        wk_decref(y);
        if (r < 0) return WK_NULLV;
        n += r;
    }
    return wk_int(n);
}

static wk_value m_sort(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value opt[2];
    if (nargs > 1) return wk_raise(wk_exc_TypeError, "sort() takes no positional arguments");
    if (!wk_args_parse("sort", args + 1, 0, kw, "$key reverse", opt)) return WK_NULLV;
    int rev = WK_IS_NULL(opt[1]) ? 0 : wk_truthy(opt[1]);
    if (rev < 0 || !wk_list_sort(args[0].u.o, opt[0], rev)) return WK_NULLV;
    return WK_NONEV;
}

static wk_value m_reverse(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_noargs("list.reverse", nargs - 1, kw)) return WK_NULLV;
    wk_value *it = SELF->items;
    for (int64_t i = 0, j = SELF->len - 1; i < j; i++, j--) { wk_value t = it[i]; it[i] = it[j]; it[j] = t; }
    return WK_NONEV;
}

static wk_value m_clear(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_noargs("list.clear", nargs - 1, kw)) return WK_NULLV;
    list_clear_range(SELF, 0, SELF->len);
    return WK_NONEV;
}

static wk_value m_copy(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_noargs("list.copy", nargs - 1, kw)) return WK_NULLV;
    return wk_objv(list_slice(SELF, 0, 1, SELF->len));
}

static wk_value m_reversed(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_noargs("list.__reversed__", nargs - 1, kw)) return WK_NULLV;
    return wk_seqiter_new(&wk_type_listreviter, args[0]);
}

static const wk_methoddef list_methods[] = {
    { "append", m_append, 0, "Append object to the end of the list." },
    { "extend", m_extend, 0, "Extend list by appending elements from the iterable." },
    { "insert", m_insert, 0, "Insert object before index." },
    { "pop", m_pop, 0, "Remove and return item at index (default last)." },
    { "remove", m_remove, 0, "Remove first occurrence of value." },
    { "index", m_index, 0, "Return first index of value." },
    { "count", m_count, 0, "Return number of occurrences of value." },
    { "sort", m_sort, 0, "Sort the list in ascending order and return None." },
    { "reverse", m_reverse, 0, "Reverse *IN PLACE*." },
    { "clear", m_clear, 0, "Remove all items from list." },
    { "copy", m_copy, 0, "Return a shallow copy of the list." },
    { "__reversed__", m_reversed, 0, "Return a reverse iterator over the list." },
    { NULL, NULL, 0, NULL }
};

wk_type wk_type_list = {
    .ob = { 1, &wk_type_type }, .name = "list", .base = &wk_type_object,
    .flags = WK_TPFLAG_BASETYPE, .basicsize = sizeof(wk_list),
    .doc = "Built-in mutable sequence.\n\nIf no argument is given, the constructor creates a new empty list.\nThe argument must be an iterable if specified.",
    .module = "builtins",
    .dealloc = list_dealloc, .new = list_new, .init = list_init, .repr = list_repr,
    .richcmp = list_richcmp, .hash = wk_hash_unhashable,
    .nb = { [WK_NB_ADD] = list_add, [WK_NB_MUL] = list_mul },
    .nb_inplace = { [WK_NB_ADD] = list_iadd, [WK_NB_MUL] = list_imul },
    .len = list_len, .getitem = list_getitem, .setitem = list_setitem,
    .contains = list_contains, .iter = list_iter,
};

bool wk_list_types_init(void) {
    return wk_type_ready(&wk_type_list) && wk_type_add_methods(&wk_type_list, list_methods);
}

bool wk_container_types_init(void) {
    return wk_tuple_types_init() && wk_list_types_init() && wk_dict_types_init() &&
           wk_set_types_init() && wk_range_types_init() && wk_slice_types_init() &&
           wk_iter_types_init() && wk_file_types_init();
}
