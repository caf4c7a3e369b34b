/* slots.c — the table of special methods: slot wrappers (int.__add__, object.__init__,
 * list.__getitem__...) exposing native slots, and the slots of user classes that dispatch
 * to their dunder methods (A.__add__ -> nb[ADD], A.__eq__ -> richcmp...). */
#include "objimpl.h"
#include "containers.h"
#include <string.h>

typedef enum {
    K_BIN, K_RBIN, K_IBIN, K_UN, K_CMP, K_REPR, K_STR, K_FORMAT, K_HASH, K_CALL, K_LEN,
    K_GETITEM, K_SETITEM, K_DELITEM, K_CONTAINS, K_ITER, K_NEXT, K_BOOL, K_INIT, K_NEW,
    K_GETATTRIBUTE, K_GETATTR, K_SETATTR, K_DELATTR, K_GET, K_SET, K_DELETE
} slot_kind;

/* Number of arguments after self taken by each kind's wrapper (-1: any, -2: 1 or 2). */
static const signed char kind_nargs[] = {
    1, 1, 1, 0, 1, 0, 0, 1, 0, -1, 0, 1, 2, 1, 1, 0, 0, 0, -1, -1, 1, 1, 2, 1, -2, 2, 1
};

typedef struct { wk_dunder_id id; unsigned char kind, op; } slotdef;

static const slotdef other_defs[] = {
    { WK_DN_repr, K_REPR, 0 }, { WK_DN_str, K_STR, 0 }, { WK_DN_format, K_FORMAT, 0 },
    { WK_DN_hash, K_HASH, 0 }, { WK_DN_call, K_CALL, 0 }, { WK_DN_len, K_LEN, 0 },
    { WK_DN_getitem, K_GETITEM, 0 }, { WK_DN_setitem, K_SETITEM, 0 },
    { WK_DN_delitem, K_DELITEM, 0 }, { WK_DN_contains, K_CONTAINS, 0 },
    { WK_DN_iter, K_ITER, 0 }, { WK_DN_next, K_NEXT, 0 }, { WK_DN_bool, K_BOOL, 0 },
    { WK_DN_init, K_INIT, 0 }, { WK_DN_new, K_NEW, 0 },
    { WK_DN_getattribute, K_GETATTRIBUTE, 0 }, { WK_DN_getattr, K_GETATTR, 0 },
    { WK_DN_setattr, K_SETATTR, 0 }, { WK_DN_delattr, K_DELATTR, 0 },
    { WK_DN_get, K_GET, 0 }, { WK_DN_set, K_SET, 0 }, { WK_DN_delete, K_DELETE, 0 },
};

#define NDEFS (3 * WK_NB_COUNT + WK_UN_COUNT + 6 + (int)(sizeof other_defs / sizeof other_defs[0]))
static slotdef defs[NDEFS];
static int ndefs;

static void build_defs(void) {
    if (ndefs) return;
    for (int op = 0; op < WK_NB_COUNT; op++) {
        defs[ndefs++] = (slotdef){ (wk_dunder_id)(WK_DN_add + 3 * op), K_BIN, (unsigned char)op };
        defs[ndefs++] = (slotdef){ (wk_dunder_id)(WK_DN_radd + 3 * op), K_RBIN, (unsigned char)op };
        defs[ndefs++] = (slotdef){ (wk_dunder_id)(WK_DN_iadd + 3 * op), K_IBIN, (unsigned char)op };
    }
    for (int op = 0; op < WK_UN_COUNT; op++)
        defs[ndefs++] = (slotdef){ (wk_dunder_id)(WK_DN_neg + op), K_UN, (unsigned char)op };
    for (int op = 0; op < 6; op++)
        defs[ndefs++] = (slotdef){ (wk_dunder_id)(WK_DN_lt + op), K_CMP, (unsigned char)op };
    for (size_t i = 0; i < sizeof other_defs / sizeof other_defs[0]; i++) defs[ndefs++] = other_defs[i];
}

typedef void (*anyfn)(void);
#define F(x) ((anyfn)(x))

/* The native function currently in the slot that d describes. */
static anyfn slot_get(wk_type *t, const slotdef *d) {
    switch ((slot_kind)d->kind) {
    case K_BIN: case K_RBIN: return F(t->nb[d->op]);
    case K_IBIN: return F(t->nb_inplace[d->op]);
    case K_UN: return F(t->un[d->op]);
    case K_CMP: return F(t->richcmp);
    case K_REPR: return F(t->repr);
    case K_STR: return F(t->str);
    case K_FORMAT: return F(t->format);
    case K_HASH: return F(t->hash);
    case K_CALL: return F(t->call);
    case K_LEN: return F(t->len);
    case K_GETITEM: return F(t->getitem);
    case K_SETITEM: case K_DELITEM: return F(t->setitem);
    case K_CONTAINS: return F(t->contains);
    case K_ITER: return F(t->iter);
    case K_NEXT: return F(t->next);
    case K_BOOL: return F(t->truth);
    case K_INIT: return F(t->init);
    case K_NEW: return F(t->new);
    case K_GETATTRIBUTE:
        return t->getattr ? F(t->getattr) : t == &wk_type_object ? F(wk_generic_getattr) : NULL;
    case K_SETATTR: case K_DELATTR:
        return t->setattr ? F(t->setattr) : t == &wk_type_object ? F(wk_generic_setattr) : NULL;
    case K_GET: return F(t->descr_get);
    case K_SET: case K_DELETE: return F(t->descr_set);
    default: return NULL;
    }
}

/* ---------------------------------------------------------------- slot wrappers */

typedef struct { wk_obj ob; const slotdef *d; wk_type *type; wk_value self; } slotwrap;

static wk_value none_or_null(int rc) { return rc < 0 ? WK_NULLV : WK_NONEV; }

static wk_value raise_stop(void) {
    wk_obj *e = wk_exc_new(wk_exc_StopIteration, NULL, 0);
    if (e) wk_err_restore(e);
    return WK_NULLV;
}

static wk_value run_getset(const slotdef *d, wk_type *t, wk_value self, const wk_value *a) {
    if (d->kind == K_GETATTRIBUTE) {
        if (!wk_is_str(a[0])) return wk_raise(wk_exc_TypeError, "attribute name must be string, not '%s'", wk_typename(a[0]));
        return t->getattr ? t->getattr(self, a[0].u.o) : wk_generic_getattr(self, a[0].u.o);
    }
    if (!wk_is_str(a[0])) return wk_raise(wk_exc_TypeError, "attribute name must be string, not '%s'", wk_typename(a[0]));
    wk_value v = d->kind == K_SETATTR ? a[1] : WK_NULLV;
    return none_or_null(t->setattr ? t->setattr(self, a[0].u.o, v) : wk_generic_setattr(self, a[0].u.o, v));
}

/* Calls the slot of t described by d on self. */
static wk_value run_slot(const slotdef *d, wk_type *t, wk_value self, const wk_value *a,
                         int n, wk_obj *kw) {
    int want = kind_nargs[d->kind];
    const char *name = wk_sdata(wk_dunder(d->id));
    if (kw && want != -1) return wk_raise(wk_exc_TypeError, "wrapper %s() takes no keyword arguments", name);
    if ((want >= 0 && n != want) || (want == -2 && (n < 1 || n > 2)))
        return wk_raise(wk_exc_TypeError, "expected %d argument%s, got %d", want < 0 ? 1 : want,
                        want == 1 || want < 0 ? "" : "s", n);
    int64_t h;
    int rc;
    switch ((slot_kind)d->kind) {
    case K_BIN: return t->nb[d->op](self, a[0]);
    case K_RBIN: return t->nb[d->op](a[0], self);
    case K_IBIN: return t->nb_inplace[d->op](self, a[0]);
    case K_UN: return t->un[d->op](self);
    case K_CMP: return t->richcmp(self, a[0], (wk_cmp_op)d->op);
    case K_REPR: return t->repr(self);
    case K_STR: return t->str(self);
    case K_FORMAT: return t->format(self, a[0]);
    case K_HASH: return t->hash(self, &h) ? wk_int(h) : WK_NULLV;
    case K_CALL: return t->call(self, a, n, kw);
    case K_LEN: h = t->len(self); return h < 0 ? WK_NULLV : wk_int(h);
    case K_GETITEM: return t->getitem(self, a[0]);
    case K_SETITEM: return none_or_null(t->setitem(self, a[0], a[1]));
    case K_DELITEM: return none_or_null(t->setitem(self, a[0], WK_NULLV));
    case K_CONTAINS: rc = t->contains(self, a[0]); return rc < 0 ? WK_NULLV : wk_bool(rc);
    case K_ITER: return t->iter(self);
    case K_NEXT: {
        wk_value r = t->next(self);
        return WK_IS_NULL(r) && !wk_err_occurred() ? raise_stop() : r;
    }
    case K_BOOL: rc = t->truth(self); return rc < 0 ? WK_NULLV : wk_bool(rc);
    case K_INIT: return none_or_null(t->init(self, a, n, kw));
    case K_GETATTRIBUTE: case K_SETATTR: case K_DELATTR: return run_getset(d, t, self, a);
    case K_GET: {
        wk_value obj = WK_IS_NONE(a[0]) ? WK_NULLV : a[0];
        wk_type *owner = n > 1 && wk_is_type(a[1]) ? WK_TYPEOBJ(a[1]) : NULL;
        if (!owner) owner = WK_IS_NULL(obj) ? NULL : wk_typeof(obj);
        return t->descr_get(self, obj, owner);
    }
    case K_SET: return none_or_null(t->descr_set(self, a[0], a[1]));
    case K_DELETE: return none_or_null(t->descr_set(self, a[0], WK_NULLV));
    default: return wk_raise(wk_exc_TypeError, "bad slot wrapper");
    }
}

static void slotwrap_dealloc(wk_obj *o) {
    slotwrap *w = (slotwrap *)o;
    wk_decref(w->self);
    wk_obj_free(o);
}

static wk_value slotwrap_repr(wk_value v) {
    slotwrap *w = (slotwrap *)v.u.o;
    const char *name = wk_sdata(wk_dunder(w->d->id));
    if (WK_IS_NULL(w->self))
        return wk_str_fromf("<slot wrapper '%s' of '%s' objects>", name, w->type->name);
    if (w->self.tag == WK_OBJ)
        return wk_str_fromf("<method-wrapper '%s' of %s object at %p>", name,
                            wk_typename(w->self), (void *)w->self.u.o);
    return wk_str_fromf("<method-wrapper '%s' of %s object>", name, wk_typename(w->self));
}

static wk_value slotwrap_new(const slotdef *d, wk_type *t, wk_value self) {
    wk_obj *o = wk_obj_alloc(WK_IS_NULL(self) ? &wk_type_slot_wrapper : &wk_type_method_wrapper);
    if (!o) return WK_NULLV;
    slotwrap *w = (slotwrap *)o;
    w->d = d;
    w->type = t;
    w->self = wk_incref(self);
    return wk_objv(o);
}

static wk_value slotwrap_get(wk_value descr, wk_value obj, wk_type *owner) {
    (void)owner;
    slotwrap *w = (slotwrap *)descr.u.o;
    if (WK_IS_NULL(obj)) return wk_incref(descr);
    return slotwrap_new(w->d, w->type, obj);
}

static wk_value slotwrap_call(wk_value f, const wk_value *a, int n, wk_obj *kw) {
    slotwrap *w = (slotwrap *)f.u.o;
    const char *name = wk_sdata(wk_dunder(w->d->id));
    if (!WK_IS_NULL(w->self)) return run_slot(w->d, w->type, w->self, a, n, kw);
    if (n < 1)
        return wk_raise(wk_exc_TypeError, "descriptor '%s' of '%s' object needs an argument",
                        name, w->type->name);
    if (!wk_isinstance_t(a[0], w->type))
        return wk_raise(wk_exc_TypeError, "descriptor '%s' requires a '%s' object but received a '%s'",
                        name, w->type->name, wk_typename(a[0]));
    return run_slot(w->d, w->type, a[0], a + 1, n - 1, kw);
}

static wk_value slotwrap_name(wk_value self) {
    return wk_incref(wk_objv(wk_dunder(((slotwrap *)self.u.o)->d->id)));
}
static wk_value slotwrap_self(wk_value self) {
    slotwrap *w = (slotwrap *)self.u.o;
    return WK_IS_NULL(w->self) ? WK_NONEV : wk_incref(w->self);
}
static wk_value slotwrap_objclass(wk_value self) {
    return wk_incref(wk_typev(((slotwrap *)self.u.o)->type));
}
static const wk_getsetdef slotwrap_getsets[] = {
    { "__name__", slotwrap_name, NULL, NULL },
    { "__qualname__", slotwrap_name, NULL, NULL },
    { "__self__", slotwrap_self, NULL, NULL },
    { "__objclass__", slotwrap_objclass, NULL, NULL },
    { NULL, NULL, NULL, NULL }
};

wk_type wk_type_slot_wrapper = {
    .ob = { WK_IMMORTAL, &wk_type_type }, .name = "wrapper_descriptor",
    .basicsize = sizeof(slotwrap), .module = "builtins", .dealloc = slotwrap_dealloc,
    .repr = slotwrap_repr, .descr_get = slotwrap_get, .call = slotwrap_call,
};
wk_type wk_type_method_wrapper = {
    .ob = { WK_IMMORTAL, &wk_type_type }, .name = "method-wrapper",
    .basicsize = sizeof(slotwrap), .module = "builtins", .dealloc = slotwrap_dealloc,
    .repr = slotwrap_repr, .call = slotwrap_call,
};

bool wk_slot_wrapper_types_init(void) {
    return wk_type_add_getsets(&wk_type_slot_wrapper, slotwrap_getsets) &&
           wk_type_add_getsets(&wk_type_method_wrapper, slotwrap_getsets);
}

/* T.__new__(cls, ...): a builtin method bound to T. */
static wk_value new_wrapper(const wk_value *a, int n, wk_obj *kw) {
    wk_type *t = WK_TYPEOBJ(a[0]);
    if (n < 2) return wk_raise(wk_exc_TypeError, "%s.__new__(): not enough arguments", t->name);
    if (!wk_is_type(a[1]))
        return wk_raise(wk_exc_TypeError, "%s.__new__(X): X is not a type object (%s)", t->name,
                        wk_typename(a[1]));
    wk_type *cls = WK_TYPEOBJ(a[1]);
    if (!wk_type_is_subtype(cls, t))
        return wk_raise(wk_exc_TypeError, "%s.__new__(%s): %s is not a subtype of %s", t->name,
                        cls->name, cls->name, t->name);
    wk_type *native = cls;
    while (native->flags & WK_TPFLAG_HEAPTYPE) native = native->base;
    if (native->new != t->new)
        return wk_raise(wk_exc_TypeError, "%s.__new__(%s) is not safe, use %s.__new__()", t->name,
                        cls->name, native->name);
    return t->new(cls, a + 2, n - 2, kw);
}

/* Adds wrappers for the slots t defines (not those inherited unchanged from its base). */
bool wk_type_add_slot_wrappers(wk_type *t) {
    build_defs();
    for (int i = 0; i < ndefs; i++) {
        const slotdef *d = &defs[i];
        anyfn fn = slot_get(t, d);
        if (!fn || (t->base && slot_get(t->base, d) == fn)) continue;
        wk_obj *name = wk_dunder(d->id);
        wk_value old;
        int found = wk_dict_lookup_str(t->dict, name, &old);
        if (found < 0) return false;
        if (found) continue;
        wk_value w;
        if (d->kind == K_HASH && fn == F(wk_hash_unhashable)) {
            w = WK_NONEV;
        } else if (d->kind == K_NEW) {
            w = wk_cfunction_new("__new__", new_wrapper, "Create and return a new object.");
            if (WK_IS_NULL(w)) return false;
            ((wk_cfunction *)w.u.o)->self = wk_incref(wk_typev(t));
        } else {
            w = slotwrap_new(d, t, WK_NULLV);
            if (WK_IS_NULL(w)) return false;
        }
        int rc = wk_dict_set(t->dict, wk_objv(name), w);
        wk_decref(w);
        if (rc < 0) return false;
    }
    return true;
}

/* ---------------------------------------------------------------- user-class slots */

static wk_value call_opt(wk_value self, wk_dunder_id id, const wk_value *a, int n) {
    bool found;
    wk_value r = wk_call_dunder(self, id, a, n, NULL, &found);
    return found ? r : wk_notimplemented();
}

static wk_value call_req(wk_value self, wk_dunder_id id, const wk_value *a, int n) {
    bool found;
    wk_value r = wk_call_dunder(self, id, a, n, NULL, &found);
    if (!found) return wk_raise(wk_exc_AttributeError, "%s", wk_sdata(wk_dunder(id)));
    return r;
}

static wk_value user_binop(int op, wk_value a, wk_value b);
#define OPS13(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12)
#define OPS7(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6)
#define BIN_THUNK(i) static wk_value bin_##i(wk_value a, wk_value b) { return user_binop(i, a, b); }
#define IBIN_THUNK(i) static wk_value ibin_##i(wk_value a, wk_value b) { \
        return call_opt(a, (wk_dunder_id)(WK_DN_iadd + 3 * i), &b, 1); }
#define UN_THUNK(i) static wk_value un_##i(wk_value a) { \
        return call_opt(a, (wk_dunder_id)(WK_DN_neg + i), NULL, 0); }
OPS13(BIN_THUNK)
OPS13(IBIN_THUNK)
OPS7(UN_THUNK)
#define BIN_PTR(i) bin_##i,
#define IBIN_PTR(i) ibin_##i,
#define UN_PTR(i) un_##i,
static wk_value (*const bin_thunks[WK_NB_COUNT])(wk_value, wk_value) = { OPS13(BIN_PTR) };
static wk_value (*const ibin_thunks[WK_NB_COUNT])(wk_value, wk_value) = { OPS13(IBIN_PTR) };
static wk_value (*const un_thunks[WK_UN_COUNT])(wk_value) = { OPS7(UN_PTR) };

/* CPython's SLOT1BINFULL: a.__op__(b), b.__rop__(a), the subclass's __rop__ first. */
static wk_value user_binop(int op, wk_value a, wk_value b) {
    wk_type *ta = wk_typeof(a), *tb = wk_typeof(b);
    wk_dunder_id fwd = (wk_dunder_id)(WK_DN_add + 3 * op), rev = (wk_dunder_id)(fwd + 1);
    bool do_other = ta != tb && tb->nb[op] == bin_thunks[op];
    wk_value r;
    if (ta->nb[op] == bin_thunks[op]) {
        if (do_other && wk_type_is_subtype(tb, ta)) {
            wk_value ra = wk_type_lookup(ta, wk_dunder(rev)), rb = wk_type_lookup(tb, wk_dunder(rev));
            if (!WK_IS_NULL(rb) && !wk_is(ra, rb)) {
                r = call_opt(b, rev, &a, 1);
                if (!wk_is_notimplemented(r)) return r;
                do_other = false;
            }
        }
        r = call_opt(a, fwd, &b, 1);
        if (!wk_is_notimplemented(r) || ta == tb) return r;
    }
    if (do_other) return call_opt(b, rev, &a, 1);
    return wk_notimplemented();
}

static wk_value user_richcmp(wk_value a, wk_value b, wk_cmp_op op) {
    return call_opt(a, (wk_dunder_id)(WK_DN_lt + op), &b, 1);
}

static wk_value user_repr(wk_value self) { return call_req(self, WK_DN_repr, NULL, 0); }
static wk_value user_str(wk_value self) { return call_req(self, WK_DN_str, NULL, 0); }
static wk_value user_format(wk_value self, wk_value spec) { return call_req(self, WK_DN_format, &spec, 1); }
static wk_value user_getitem(wk_value self, wk_value k) { return call_req(self, WK_DN_getitem, &k, 1); }
static wk_value user_get(wk_value self, wk_value obj, wk_type *owner) {
    wk_value a[2] = { WK_IS_NULL(obj) ? WK_NONEV : obj, owner ? wk_typev(owner) : WK_NONEV };
    return call_req(self, WK_DN_get, a, 2);
}

static int discard_result(wk_value r) {
    if (WK_IS_NULL(r)) return -1;
    wk_decref(r);
    return 0;
}

static int user_set(wk_value self, wk_value obj, wk_value v) {
    wk_value a[2] = { obj, v };
    if (WK_IS_NULL(v)) return discard_result(call_req(self, WK_DN_delete, a, 1));
    return discard_result(call_req(self, WK_DN_set, a, 2));
}

static int user_setitem(wk_value self, wk_value k, wk_value v) {
    wk_value a[2] = { k, v };
    if (WK_IS_NULL(v)) return discard_result(call_req(self, WK_DN_delitem, a, 1));
    return discard_result(call_req(self, WK_DN_setitem, a, 2));
}

static int result_truth(wk_value r) {
    if (WK_IS_NULL(r)) return -1;
    int t = wk_truthy(r);
    wk_decref(r);
    return t;
}

static int user_contains(wk_value self, wk_value item) {
    return result_truth(call_req(self, WK_DN_contains, &item, 1));
}

static int user_truth(wk_value self) {
    wk_value r = call_req(self, WK_DN_bool, NULL, 0);
    if (WK_IS_NULL(r) || r.tag == WK_BOOL) return WK_IS_NULL(r) ? -1 : (int)r.u.i;
    wk_raise(wk_exc_TypeError, "__bool__ should return bool, returned %s", wk_typename(r));
    wk_decref(r);
    return -1;
}

static int64_t user_len(wk_value self) {
    wk_value r = call_req(self, WK_DN_len, NULL, 0);
    if (WK_IS_NULL(r)) return -1;
    int64_t n;
    bool ok = wk_as_index(r, &n);
    wk_decref(r);
    if (!ok) return -1;
    if (n < 0) { wk_raise(wk_exc_ValueError, "__len__() should return >= 0"); return -1; }
    return n;
}

static bool user_hash(wk_value self, int64_t *out) {
    wk_value r = call_req(self, WK_DN_hash, NULL, 0);
    if (WK_IS_NULL(r)) return false;
    bool ok = wk_num_int_value(r, out);
    if (!ok) wk_raise(wk_exc_TypeError, "__hash__ method should return an integer");
    else if (*out == -1) *out = -2;
    wk_decref(r);
    return ok;
}

static wk_value user_call(wk_value self, const wk_value *a, int n, wk_obj *kw) {
    bool found;
    wk_value r = wk_call_dunder(self, WK_DN_call, a, n, kw, &found);
    if (!found) return wk_raise(wk_exc_TypeError, "'%s' object is not callable", wk_typename(self));
    return r;
}

static wk_value user_iter(wk_value self) {
    wk_value f = wk_type_lookup(wk_typeof(self), wk_dunder(WK_DN_iter));
    if (WK_IS_NONE(f)) return wk_raise(wk_exc_TypeError, "'%s' object is not iterable", wk_typename(self));
    return call_req(self, WK_DN_iter, NULL, 0);
}

static wk_value user_next(wk_value self) {
    wk_value r = call_req(self, WK_DN_next, NULL, 0);
    if (WK_IS_NULL(r) && wk_err_matches(wk_exc_StopIteration)) wk_err_clear();
    return r;
}

static int user_init(wk_value self, const wk_value *a, int n, wk_obj *kw) {
    bool found;
    wk_value r = wk_call_dunder(self, WK_DN_init, a, n, kw, &found);
    if (WK_IS_NULL(r)) return found ? -1 : 0;
    if (!WK_IS_NONE(r)) {
        wk_raise(wk_exc_TypeError, "__init__() should return None, not '%s'", wk_typename(r));
        wk_decref(r);
        return -1;
    }
    return 0;
}

static wk_value user_new(wk_type *t, const wk_value *a, int n, wk_obj *kw) {
    wk_value f = wk_type_lookup(t, wk_dunder(WK_DN_new));
    if (WK_IS_NULL(f)) return wk_object_new(t, a, n, kw);
    if (wk_isinstance_t(f, &wk_type_staticmethod)) f = wk_staticmethod_func(f);
    wk_incref(f);
    wk_value r = wk_call_prepend(f, wk_typev(t), a, n, kw);
    wk_decref(f);
    return r;
}

/* The slot wrapper f wraps the native slot of type *owner; NULL if f is not one. */
static wk_type *wrapper_owner(wk_value f) {
    if (f.tag != WK_OBJ || f.u.o->type != &wk_type_slot_wrapper) return NULL;
    return ((slotwrap *)f.u.o)->type;
}

static wk_value user_getattr(wk_value self, wk_obj *name) {
    wk_type *tp = wk_typeof(self);
    wk_value ga = wk_type_lookup(tp, wk_dunder(WK_DN_getattribute)), r;
    wk_type *owner = wrapper_owner(ga);
    if (owner || WK_IS_NULL(ga)) {
        r = owner && owner->getattr ? owner->getattr(self, name) : wk_generic_getattr(self, name);
    } else {
        wk_value nv = wk_objv(name);
        r = call_req(self, WK_DN_getattribute, &nv, 1);
    }
    if (!WK_IS_NULL(r) || !wk_err_matches(wk_exc_AttributeError)) return r;
    wk_value g = wk_type_lookup(tp, wk_dunder(WK_DN_getattr));
    if (WK_IS_NULL(g)) return r;
    wk_err_clear();
    wk_value nv = wk_objv(name);
    return call_req(self, WK_DN_getattr, &nv, 1);
}

static int user_setattr(wk_value self, wk_obj *name, wk_value v) {
    wk_dunder_id id = WK_IS_NULL(v) ? WK_DN_delattr : WK_DN_setattr;
    wk_value f = wk_type_lookup(wk_typeof(self), wk_dunder(id));
    wk_type *owner = wrapper_owner(f);
    if (owner || WK_IS_NULL(f))
        return owner && owner->setattr ? owner->setattr(self, name, v) : wk_generic_setattr(self, name, v);
    wk_value a[2] = { wk_objv(name), v };
    return discard_result(call_req(self, id, a, WK_IS_NULL(v) ? 1 : 2));
}

/* Points the slot(s) named `name` of the user class t at the dispatching functions. */
void wk_type_fixup_slot(wk_type *t, wk_obj *name) {
    build_defs();
    for (int i = 0; i < ndefs; i++) {
        const slotdef *d = &defs[i];
        wk_obj *dn = wk_dunder(d->id);
        if (dn != name && !wk_str_equal(dn, name)) continue;
        int op = d->op;
        switch ((slot_kind)d->kind) {
        case K_BIN: case K_RBIN: t->nb[op] = bin_thunks[op]; break;
        case K_IBIN: t->nb_inplace[op] = ibin_thunks[op]; break;
        case K_UN: t->un[op] = un_thunks[op]; break;
        case K_CMP: t->richcmp = user_richcmp; break;
        case K_REPR: t->repr = user_repr; break;
        case K_STR: t->str = user_str; break;
        case K_FORMAT: t->format = user_format; break;
        case K_HASH: {
            wk_value h = wk_type_lookup(t, name);
            t->hash = WK_IS_NONE(h) ? NULL : user_hash;
            break;
        }
        case K_CALL: t->call = user_call; break;
        case K_LEN: t->len = user_len; break;
        case K_GETITEM: t->getitem = user_getitem; break;
        case K_SETITEM: case K_DELITEM: t->setitem = user_setitem; break;
        case K_CONTAINS: t->contains = user_contains; break;
        case K_ITER: t->iter = user_iter; break;
        case K_NEXT: t->next = user_next; break;
        case K_BOOL: t->truth = user_truth; break;
        case K_INIT: t->init = user_init; break;
        case K_NEW: t->new = user_new; break;
        case K_GETATTRIBUTE: case K_GETATTR: t->getattr = user_getattr; break;
        case K_SETATTR: case K_DELATTR: t->setattr = user_setattr; break;
        case K_GET: t->descr_get = user_get; break;
        case K_SET: case K_DELETE: t->descr_set = user_set; break;
        }
    }
}
