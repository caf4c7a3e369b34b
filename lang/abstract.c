/* abstract.c — attribute access (generic getattr/setattr with descriptors), calls,
 * item access, len/contains, iteration and numeric conversions. */
#include "objimpl.h"
#include "vm.h"
#include "containers.h"
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- attributes */

static wk_value no_attr(wk_value v, wk_obj *name) {
    return wk_raise(wk_exc_AttributeError, "'%s' object has no attribute '%s'",
                    wk_typename(v), wk_sdata(name));
}

/* Generic lookup; with quiet, a missing attribute returns WK_NULL without exception. */
static wk_value generic_getattr(wk_value v, wk_obj *name, bool quiet) {
    wk_type *tp = wk_typeof_i(v);
    wk_value descr = wk_type_lookup(tp, name);
    wk_type *dt = NULL;
    if (!WK_IS_NULL(descr)) {
        dt = wk_typeof_i(descr);
        if (dt->descr_get && dt->descr_set) return dt->descr_get(descr, v, tp);
    }
    if (v.tag == WK_OBJ) {
        wk_obj **dp = wk_dictptr_i(v.u.o);
        if (dp && *dp) {
            wk_value r;
            int found = wk_dict_lookup_str(*dp, name, &r);
            if (found < 0) return WK_NULLV;
            if (found) return wk_incref(r);
        }
    }
    if (!WK_IS_NULL(descr)) {
        if (dt->descr_get) return dt->descr_get(descr, v, tp);
        return wk_incref(descr);
    }
    if (quiet) return WK_NULLV;
    return no_attr(v, name);
}

wk_value wk_generic_getattr(wk_value v, wk_obj *name) { return generic_getattr(v, name, false); }

wk_value wk_getattr(wk_value v, wk_obj *name) {
    wk_type *t = wk_typeof_i(v);
    if (t->getattr) return t->getattr(v, name);
    return generic_getattr(v, name, false);
}

wk_value wk_getattr_s(wk_value v, const char *name) { return wk_getattr(v, wk_intern(name)); }

wk_value wk_getattr_opt(wk_value v, wk_obj *name) {
    wk_type *t = wk_typeof_i(v);
    if (!t->getattr || t->getattr == wk_generic_getattr) return generic_getattr(v, name, true);
    wk_value r = t->getattr(v, name);
    if (WK_IS_NULL(r) && wk_err_matches(wk_exc_AttributeError)) wk_err_clear();
    return r;
}

int wk_hasattr(wk_value v, wk_obj *name) {
    wk_value r = wk_getattr_opt(v, name);
    if (WK_IS_NULL(r)) return wk_err_occurred() ? -1 : 0;
    wk_decref(r);
    return 1;
}

int wk_generic_setattr(wk_value v, wk_obj *name, wk_value x) {
    wk_type *tp = wk_typeof_i(v);
    wk_value descr = wk_type_lookup(tp, name);
    if (!WK_IS_NULL(descr)) {
        wk_type *dt = wk_typeof_i(descr);
        if (dt->descr_set) return dt->descr_set(descr, v, x);
    }
    wk_obj **dp = v.tag == WK_OBJ ? wk_dictptr_i(v.u.o) : NULL;
    if (!dp) {
        if (!WK_IS_NULL(descr))
            wk_raise(wk_exc_AttributeError, "'%s' object attribute '%s' is read-only",
                     tp->name, wk_sdata(name));
        else
            no_attr(v, name);
        return -1;
    }
    if (WK_IS_NULL(x)) {
        if (*dp) {
            int r = wk_dict_lookup_str(*dp, name, &descr);
            if (r < 0) return -1;
            if (r) return wk_dict_del(*dp, wk_objv(name));
        }
        no_attr(v, name);
        return -1;
    }
    if (!*dp && !(*dp = wk_dict_new())) return -1;
    return wk_dict_set(*dp, wk_objv(name), x);
}

int wk_setattr(wk_value v, wk_obj *name, wk_value x) {
    wk_type *t = wk_typeof_i(v);
    if (t->setattr) return t->setattr(v, name, x);
    return wk_generic_setattr(v, name, x);
}

int wk_setattr_s(wk_value v, const char *name, wk_value x) { return wk_setattr(v, wk_intern(name), x); }

/* ---------------------------------------------------------------- calls */

wk_value wk_call(wk_value f, const wk_value *args, int nargs, wk_obj *kwnames) {
    wk_type *t = wk_typeof_i(f);
    if (!t->call)
        return wk_raise(wk_exc_TypeError, "'%s' object is not callable", t->name);
    if (kwnames && WK_TUPLE(kwnames)->len == 0) kwnames = NULL;
    if (!wk_check_interrupt()) return WK_NULLV;
    return t->call(f, args, nargs, kwnames);
}

wk_value wk_call0(wk_value f) { return wk_call(f, NULL, 0, NULL); }
wk_value wk_call1(wk_value f, wk_value a) { return wk_call(f, &a, 1, NULL); }
wk_value wk_call2(wk_value f, wk_value a, wk_value b) {
    wk_value args[2] = { a, b };
    return wk_call(f, args, 2, NULL);
}

bool wk_callable(wk_value v) { return wk_typeof_i(v)->call != NULL; }

wk_value wk_call_prepend(wk_value f, wk_value self, const wk_value *args, int nargs,
                         wk_obj *kwnames) {
    int total = nargs + (kwnames ? (int)WK_TUPLE(kwnames)->len : 0);
    wk_value buf[10], *a = buf;
    if (total + 1 > 10 && !(a = malloc(sizeof(wk_value) * (size_t)(total + 1))))
        return wk_raise_nomem();
    a[0] = self;
    if (total) memcpy(a + 1, args, sizeof(wk_value) * (size_t)total);
    wk_value r = wk_call(f, a, nargs + 1, kwnames);
    if (a != buf) free(a);
    return r;
}

wk_value wk_call_tuple_dict(wk_value f, wk_obj *args_tuple, wk_obj *kwargs) {
    wk_tuple *t = WK_TUPLE(args_tuple);
    int64_t nkw = kwargs ? wk_dict_len(kwargs) : 0;
    if (nkw == 0) return wk_call(f, t->items, (int)t->len, NULL);
    wk_value *a = malloc(sizeof(wk_value) * (size_t)(t->len + nkw));
    wk_obj *names = wk_tuple_new(nkw);
    if (!a || !names) {
        free(a);
        wk_obj_decref(names);
        return wk_raise_nomem();
    }
    if (t->len) memcpy(a, t->items, sizeof(wk_value) * (size_t)t->len);
    int64_t pos = 0, i = 0;
    wk_value k, v;
    while (wk_dict_next(kwargs, &pos, &k, &v)) {
        if (!wk_is_str(k)) {
            free(a);
            wk_obj_decref(names);
            return wk_raise(wk_exc_TypeError, "keywords must be strings");
        }
        wk_tuple_set_steal(names, i, wk_incref(k));
        a[t->len + i++] = v;
    }
    wk_value r = wk_call(f, a, (int)t->len, names);
    free(a);
    wk_obj_decref(names);
    return r;
}

bool wk_is_unbound_method(wk_value f) {
    if (f.tag != WK_OBJ) return false;
    wk_type *t = f.u.o->type;
    return t == &wk_type_function || t == &wk_type_method_descr || t == &wk_type_slot_wrapper;
}

wk_value wk_call_method(wk_value obj, wk_obj *name, const wk_value *args, int nargs,
                        wk_obj *kwnames) {
    wk_type *tp = wk_typeof_i(obj);
    if (!tp->getattr || tp->getattr == wk_generic_getattr) {
        wk_value f = wk_type_lookup(tp, name);
        if (wk_is_unbound_method(f)) {
            wk_obj **dp = obj.tag == WK_OBJ ? wk_dictptr_i(obj.u.o) : NULL;
            wk_value shadow;
            int found = dp && *dp ? wk_dict_lookup_str(*dp, name, &shadow) : 0;
            if (found < 0) return WK_NULLV;
            if (!found) {
                wk_obj_incref(f.u.o);
                wk_value r = wk_call_prepend(f, obj, args, nargs, kwnames);
                wk_obj_decref(f.u.o);
                return r;
            }
        }
    }
    wk_value m = wk_getattr(obj, name);
    if (WK_IS_NULL(m)) return m;
    wk_value r = wk_call(m, args, nargs, kwnames);
    wk_decref(m);
    return r;
}

wk_value wk_call_method_s(wk_value obj, const char *name, const wk_value *args, int nargs) {
    return wk_call_method(obj, wk_intern(name), args, nargs, NULL);
}

wk_value wk_call_dunder(wk_value self, wk_dunder_id id, const wk_value *args, int nargs,
                        wk_obj *kwnames, bool *found) {
    wk_type *tp = wk_typeof_i(self);
    wk_value f = wk_type_lookup(tp, wk_dunder(id));
    *found = !WK_IS_NULL(f);
    if (!*found) return WK_NULLV;
    wk_incref(f);
    wk_value r;
    if (wk_is_unbound_method(f)) {
        r = wk_call_prepend(f, self, args, nargs, kwnames);
    } else {
        wk_type *ft = wk_typeof_i(f);
        wk_value bound = ft->descr_get ? ft->descr_get(f, self, tp) : wk_incref(f);
        r = WK_IS_NULL(bound) ? bound : wk_call(bound, args, nargs, kwnames);
        wk_decref(bound);
    }
    wk_decref(f);
    return r;
}

/* ---------------------------------------------------------------- items */

wk_value wk_getitem(wk_value o, wk_value key) {
    wk_type *t = wk_typeof_i(o);
    if (t->getitem) return t->getitem(o, key);
    if (wk_is_type(o)) {
        wk_value f = wk_getattr_opt(o, wk_dunder(WK_DN_class_getitem));
        if (!WK_IS_NULL(f)) {
            wk_value r = wk_call1(f, key);
            wk_decref(f);
            return r;
        }
        if (wk_err_occurred()) return WK_NULLV;
        return wk_raise(wk_exc_TypeError, "type '%s' is not subscriptable", WK_TYPEOBJ(o)->name);
    }
    return wk_raise(wk_exc_TypeError, "'%s' object is not subscriptable", t->name);
}

int wk_setitem(wk_value o, wk_value key, wk_value v) {
    wk_type *t = wk_typeof_i(o);
    if (t->setitem) return t->setitem(o, key, v);
    wk_raise(wk_exc_TypeError, "'%s' object does not support item assignment", t->name);
    return -1;
}

int wk_delitem(wk_value o, wk_value key) {
    wk_type *t = wk_typeof_i(o);
    if (t->setitem) return t->setitem(o, key, WK_NULLV);
    wk_raise(wk_exc_TypeError, "'%s' object doesn't support item deletion", t->name);
    return -1;
}

int64_t wk_len(wk_value v) {
    wk_type *t = wk_typeof_i(v);
    if (t->len) return t->len(v);
    wk_raise(wk_exc_TypeError, "object of type '%s' has no len()", t->name);
    return -1;
}

int wk_contains(wk_value c, wk_value item) {
    wk_type *t = wk_typeof_i(c);
    if (t->contains) return t->contains(c, item);
    if (!t->iter && !t->getitem) {
        wk_raise(wk_exc_TypeError, "argument of type '%s' is not iterable", t->name);
        return -1;
    }
    wk_value it = wk_iter(c);
    if (WK_IS_NULL(it)) return -1;
    int res = 0;
    for (;;) {
        wk_value x = wk_next(it);
        if (WK_IS_NULL(x)) { res = wk_err_occurred() ? -1 : 0; break; }
        res = wk_eq(x, item);
        wk_decref(x);
        if (res != 0) break;
    }
    wk_decref(it);
    return res;
}

/* ---------------------------------------------------------------- iteration */

wk_value wk_seq_iter_fallback(wk_value v) { return wk_seqiter_new(&wk_type_seqiter, v); }

wk_value wk_iter(wk_value v) {
    wk_type *t = wk_typeof_i(v);
    if (t->iter) {
        wk_value it = t->iter(v);
        if (WK_IS_NULL(it) || wk_typeof_i(it)->next) return it;
        wk_raise(wk_exc_TypeError, "iter() returned non-iterator of type '%s'", wk_typename(it));
        wk_decref(it);
        return WK_NULLV;
    }
    if (t->getitem && !wk_is_type(v)) return wk_seq_iter_fallback(v);
    return wk_raise(wk_exc_TypeError, "'%s' object is not iterable", t->name);
}

wk_value wk_next(wk_value it) {
    wk_type *t = wk_typeof_i(it);
    if (!t->next) return wk_raise(wk_exc_TypeError, "'%s' object is not an iterator", t->name);
    return t->next(it);
}

static wk_obj *collect(wk_value iterable) {
    wk_obj *l = wk_list_new(0);
    if (!l) return NULL;
    wk_value it = wk_iter(iterable);
    if (WK_IS_NULL(it)) { wk_obj_decref(l); return NULL; }
    for (;;) {
        wk_value x = wk_next(it);
        if (WK_IS_NULL(x)) break;
        if (!wk_list_append_steal(l, x)) break;
    }
    wk_decref(it);
    if (wk_err_occurred()) { wk_obj_decref(l); return NULL; }
    return l;
}

wk_obj *wk_sequence_list(wk_value iterable) {
    if (wk_is_list(iterable) || wk_is_tuple(iterable)) {
        int64_t n = 0;
        wk_value *items = wk_is_list(iterable) ? WK_LIST(iterable.u.o)->items : WK_TUPLE(iterable.u.o)->items;
        n = wk_is_list(iterable) ? WK_LIST(iterable.u.o)->len : WK_TUPLE(iterable.u.o)->len;
        wk_obj *l = wk_list_new(n);
        if (!l) return NULL;
        for (int64_t i = 0; i < n; i++) wk_list_set_steal(l, i, wk_incref(items[i]));
        return l;
    }
    return collect(iterable);
}

wk_obj *wk_sequence_tuple(wk_value iterable) {
    if (wk_is_tuple(iterable)) { wk_obj_incref(iterable.u.o); return iterable.u.o; }
    if (wk_is_list(iterable))
        return wk_tuple_from_array(WK_LIST(iterable.u.o)->items, WK_LIST(iterable.u.o)->len);
    wk_obj *l = collect(iterable);
    if (!l) return NULL;
    wk_obj *t = wk_tuple_from_array(WK_LIST(l)->items, WK_LIST(l)->len);
    wk_obj_decref(l);
    return t;
}

/* ---------------------------------------------------------------- conversions */

bool wk_as_index(wk_value v, int64_t *out) {
    if (v.tag == WK_INT || v.tag == WK_BOOL) { *out = v.u.i; return true; }
    if (wk_num_int_value(v, out)) return true;
    wk_type *t = wk_typeof_i(v);
    if (!t->un[WK_UN_INDEX]) {
        wk_raise(wk_exc_TypeError, "'%s' object cannot be interpreted as an integer", t->name);
        return false;
    }
    wk_value r = t->un[WK_UN_INDEX](v);
    if (WK_IS_NULL(r)) return false;
    bool ok = wk_num_int_value(r, out);
    if (!ok)
        wk_raise(wk_exc_TypeError, "__index__ returned non-int (type %s)", wk_typename(r));
    wk_decref(r);
    return ok;
}

bool wk_as_int64(wk_value v, int64_t *out) { return wk_as_index(v, out); }

bool wk_as_double(wk_value v, double *out) {
    switch (v.tag) {
    case WK_FLOAT: *out = v.u.f; return true;
    case WK_INT: case WK_BOOL: *out = (double)v.u.i; return true;
    default: break;
    }
    int64_t i;
    if (wk_num_float_value(v, out)) return true;
    if (wk_num_int_value(v, &i)) { *out = (double)i; return true; }
    wk_type *t = wk_typeof_i(v);
    if (t->un[WK_UN_FLOAT]) {
        wk_value r = t->un[WK_UN_FLOAT](v);
        if (WK_IS_NULL(r)) return false;
        bool ok = wk_num_float_value(r, out);
        if (!ok)
            wk_raise(wk_exc_TypeError, "%s.__float__ returned non-float (type %s)", t->name,
                     wk_typename(r));
        wk_decref(r);
        return ok;
    }
    if (t->un[WK_UN_INDEX]) {
        if (!wk_as_index(v, &i)) return false;
        *out = (double)i;
        return true;
    }
    wk_raise(wk_exc_TypeError, "must be real number, not %s", t->name);
    return false;
}
