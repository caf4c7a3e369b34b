/* vm_ops.c — slow paths of the evaluation loop: names, unpacking, displays, calls with
 * * and **, function creation, raise/except matching, with, yield from. */
#include <string.h>
#include "vm_ops.h"

/* ---------------------------------------------------------------- names */

static const char *cstr(wk_obj *s) { return wk_str_cstr(wk_objv(s)); }

void wk_vm_name_error(wk_obj *name) {
    wk_raise(wk_exc_NameError, "name '%s' is not defined", cstr(name));
    wk_obj *e = wk_err_peek();
    if (e) wk_tb_note_name_error(e, name, wk_vm_current_frame);
}

void wk_vm_unbound_local(wk_code *co, int i) {
    wk_raise(wk_exc_UnboundLocalError,
             "cannot access local variable '%s' where it is not associated with a value",
             wk_str_cstr(WK_TUPLE(co->varnames)->items[i]));
}

static wk_obj *cell_name(wk_code *co, int i, bool *is_free) {
    int ncell = co->cellvars ? (int)WK_TUPLE(co->cellvars)->len : 0;
    *is_free = i >= ncell;
    return *is_free ? WK_TUPLE(co->freevars)->items[i - ncell].u.o : WK_TUPLE(co->cellvars)->items[i].u.o;
}

void wk_vm_unbound_deref(wk_code *co, int i) {
    bool is_free;
    wk_obj *name = cell_name(co, i, &is_free);
    if (is_free)
        wk_raise(wk_exc_NameError, "cannot access free variable '%s' where it is not associated "
                 "with a value in enclosing scope", cstr(name));
    else
        wk_raise(wk_exc_UnboundLocalError,
                 "cannot access local variable '%s' where it is not associated with a value", cstr(name));
}

/* Looks name up in a namespace that may be a dict or any mapping: 1, 0, -1. */
static int ns_lookup(wk_obj *ns, wk_obj *name, wk_value *out) {
    if (ns->type == &wk_type_dict) {
        int r = wk_dict_lookup_str(ns, name, out);
        if (r > 0) wk_incref(*out);
        return r;
    }
    wk_value v = wk_getitem(wk_objv(ns), wk_objv(name));
    if (WK_IS_NULL(v)) {
        if (!wk_err_matches(wk_exc_KeyError)) return -1;
        wk_err_clear();
        return 0;
    }
    *out = v;
    return 1;
}

wk_value wk_vm_load_name(wk_frame *f, wk_obj *name) {
    wk_value v;
    int r = f->locals ? ns_lookup(f->locals, name, &v) : 0;
    if (r == 0 && f->locals != f->globals) r = ns_lookup(f->globals, name, &v);
    if (r == 0) r = ns_lookup(f->builtins, name, &v);
    if (r < 0) return WK_NULLV;
    if (r == 0) {
        wk_vm_name_error(name);
        return WK_NULLV;
    }
    return v;
}

bool wk_vm_delete_name(wk_obj *ns, wk_obj *name) {
    if (wk_delitem(wk_objv(ns), wk_objv(name)) == 0) return true;
    if (wk_err_matches(wk_exc_KeyError)) {
        wk_err_clear();
        wk_vm_name_error(name);
    }
    return false;
}

wk_value wk_vm_load_classderef(wk_frame *f, int i) {
    bool is_free;
    wk_obj *name = cell_name(f->code, i, &is_free);
    wk_value v;
    int r = f->locals ? ns_lookup(f->locals, name, &v) : 0;
    if (r < 0) return WK_NULLV;
    if (r > 0) return v;
    v = ((wk_cell *)f->localsplus[f->code->nlocals + i].u.o)->value;
    if (WK_IS_NULL(v)) {
        wk_vm_unbound_deref(f->code, i);
        return WK_NULLV;
    }
    return wk_incref(v);
}

/* ---------------------------------------------------------------- displays */

void wk_vm_drop_store_target(wk_frame *f, wk_instr next, wk_value a) {
    int arg = WK_OPARG(next);
    wk_value *slot = NULL;
    switch (WK_OPCODE(next)) {
    case WK_OP_STORE_FAST:
        slot = &f->localsplus[arg];
        break;
    case WK_OP_STORE_DEREF:
        slot = &((wk_cell *)f->localsplus[f->code->nlocals + arg].u.o)->value;
        break;
    case WK_OP_STORE_NAME: {
        wk_obj *ns = f->locals ? f->locals : f->globals;
        wk_value name = WK_TUPLE(f->code->names)->items[arg], cur;
        if (ns->type == &wk_type_dict && wk_dict_lookup_str(ns, name.u.o, &cur) == 1
            && WK_IS_OBJ(cur) && cur.u.o == a.u.o && wk_dict_set(ns, name, WK_NONEV) < 0)
            wk_err_clear();
        return;
    }
    default:
        return;
    }
    if (WK_IS_OBJ(*slot) && slot->u.o == a.u.o) wk_clear(slot);
}

static bool iterable_or_raise(wk_value v, const char *what) {
    wk_type *tp = wk_typeof(v);
    if (tp->iter || tp->getitem) return true;
    wk_raise(wk_exc_TypeError, "%s must be an iterable, not %s", what, wk_typename(v));
    return false;
}

bool wk_vm_list_extend(wk_obj *list, wk_value iterable) {
    int64_t n;
    wk_value *items = NULL;
    if (wk_is_list(iterable)) { items = WK_LIST(iterable.u.o)->items; n = WK_LIST(iterable.u.o)->len; }
    else if (wk_is_tuple(iterable)) { items = WK_TUPLE(iterable.u.o)->items; n = WK_TUPLE(iterable.u.o)->len; }
    if (items) {
        for (int64_t i = 0; i < n; i++)
            if (!wk_list_append(list, items[i])) return false;
        return true;
    }
    if (!iterable_or_raise(iterable, "Value after *")) return false;
    wk_value it = wk_iter(iterable);
    if (WK_IS_NULL(it)) return false;
    wk_value v;
    while (!WK_IS_NULL(v = wk_next(it))) {
        if (!wk_list_append_steal(list, v)) { wk_decref(it); return false; }
    }
    wk_decref(it);
    return !wk_err_occurred();
}

bool wk_vm_set_update(wk_obj *set, wk_value iterable) {
    if (!iterable_or_raise(iterable, "Value after *")) return false;
    wk_value it = wk_iter(iterable);
    if (WK_IS_NULL(it)) return false;
    wk_value v;
    while (!WK_IS_NULL(v = wk_next(it))) {
        int r = wk_set_add(set, v);
        wk_decref(v);
        if (r < 0) { wk_decref(it); return false; }
    }
    wk_decref(it);
    return !wk_err_occurred();
}

static bool is_mapping(wk_value m) {
    if (wk_is_dict(m)) return true;
    wk_value k = wk_getattr_opt(m, wk_intern("keys"));
    if (WK_IS_NULL(k)) return false;
    wk_decref(k);
    return true;
}

bool wk_vm_dict_update(wk_obj *dict, wk_value mapping) {
    if (!is_mapping(mapping)) {
        if (!wk_err_occurred())
            wk_raise(wk_exc_TypeError, "'%s' object is not a mapping", wk_typename(mapping));
        return false;
    }
    return wk_dict_update(dict, mapping) == 0;
}

bool wk_vm_dict_merge(wk_obj *dict, wk_value mapping, wk_value func) {
    if (!is_mapping(mapping)) {
        if (!wk_err_occurred()) {
            wk_sbuf sb;
            wk_sbuf_init(&sb);
            wk_vm_func_str(&sb, func);
            wk_raise(wk_exc_TypeError, "%s argument after ** must be a mapping, not %s",
                     sb.data ? sb.data : "", wk_typename(mapping));
            wk_sbuf_free(&sb);
        }
        return false;
    }
    return wk_dict_merge_kwargs(dict, mapping, func) == 0;
}

bool wk_vm_unpack(wk_value seq, int before, int after, wk_value *dest) {
    wk_type *tp = wk_typeof(seq);
    if (!tp->iter && !tp->getitem) {
        wk_raise(wk_exc_TypeError, "cannot unpack non-iterable %s object", wk_typename(seq));
        return false;
    }
    wk_obj *l = wk_sequence_list(seq);
    if (!l) return false;
    int64_t n = WK_LIST(l)->len;
    wk_value *items = WK_LIST(l)->items;
    if (after < 0) {
        if (n != before) {
            if (n < before)
                wk_raise(wk_exc_ValueError, "not enough values to unpack (expected %d, got %lld)",
                         before, (long long)n);
            else
                wk_raise(wk_exc_ValueError, "too many values to unpack (expected %d)", before);
            wk_obj_decref(l);
            return false;
        }
        for (int i = 0; i < before; i++) dest[before - 1 - i] = wk_incref(items[i]);
        wk_obj_decref(l);
        return true;
    }
    if (n < before + after) {
        wk_raise(wk_exc_ValueError, "not enough values to unpack (expected at least %d, got %lld)",
                 before + after, (long long)n);
        wk_obj_decref(l);
        return false;
    }
    wk_obj *mid = wk_list_new(0);
    if (!mid) { wk_obj_decref(l); return false; }
    for (int64_t i = before; i < n - after; i++)
        if (!wk_list_append(mid, items[i])) { wk_obj_decref(mid); wk_obj_decref(l); return false; }
    int total = before + 1 + after, k = total - 1;
    for (int i = 0; i < before; i++) dest[k--] = wk_incref(items[i]);
    dest[k--] = wk_objv(mid);
    for (int64_t i = n - after; i < n; i++) dest[k--] = wk_incref(items[i]);
    wk_obj_decref(l);
    return true;
}

wk_value wk_vm_format_value(wk_value v, int conv, wk_value spec) {
    wk_value conv_v = WK_NULLV;
    if (conv == 1) conv_v = wk_str(v);
    else if (conv == 2) conv_v = wk_repr(v);
    else if (conv == 3) conv_v = wk_ascii(v);
    if (conv && WK_IS_NULL(conv_v)) return WK_NULLV;
    wk_value x = conv ? conv_v : v;
    wk_value r;
    if (WK_IS_NULL(spec) && x.tag == WK_INT) {
        r = wk_str_from_int(x.u.i);        /* format(i, '') == str(i) */
    } else if (WK_IS_NULL(spec) && wk_is_str(x)) {
        r = wk_incref(x);
    } else if (WK_IS_NULL(spec)) {
        wk_value empty = wk_str_new("", 0);
        r = wk_format(x, empty);
        wk_decref(empty);
    } else {
        r = wk_format(x, spec);
    }
    wk_decref(conv_v);
    return r;
}

bool wk_vm_setup_annotations(wk_obj *ns) {
    wk_value v;
    int r = ns_lookup(ns, wk_intern("__annotations__"), &v);
    if (r < 0) return false;
    if (r > 0) { wk_decref(v); return true; }
    wk_obj *d = wk_dict_new();
    if (!d) return false;
    bool ok = wk_setitem(wk_objv(ns), wk_objv(wk_intern("__annotations__")), wk_objv(d)) == 0;
    wk_obj_decref(d);
    return ok;
}

bool wk_vm_prepare_globals(wk_obj *globals) {
    if (!WK_IS_NULL(wk_dict_get_s(globals, "__builtins__")) || !wk_vm_builtins_module) return true;
    return wk_dict_set_s(globals, "__builtins__", wk_objv(wk_vm_builtins_module)) == 0;
}

/* ---------------------------------------------------------------- calls */

void wk_vm_func_str(wk_sbuf *sb, wk_value func) {
    if (WK_IS_OBJ(func) && func.u.o->type == &wk_type_method) func = ((wk_method *)func.u.o)->func;
    wk_value qn = wk_getattr_opt(func, wk_intern("__qualname__"));
    if (!wk_is_str(qn)) {
        wk_decref(qn);
        wk_err_clear();
        wk_sbuf_adds(sb, wk_typename(func));
        wk_sbuf_adds(sb, " object");
        return;
    }
    wk_value mod = wk_getattr_opt(func, wk_intern("__module__"));
    wk_err_clear();
    if (wk_is_str(mod) && strcmp(wk_str_cstr(mod), "builtins") != 0)
        wk_sbuf_printf(sb, "%s.", wk_str_cstr(mod));
    wk_sbuf_printf(sb, "%s()", wk_str_cstr(qn));
    wk_decref(mod);
    wk_decref(qn);
}

wk_value wk_vm_call_ex(wk_value func, wk_value args, wk_value kwargs) {
    wk_obj *t = NULL, *d = NULL;
    if (wk_is_tuple(args)) {
        t = args.u.o;
        wk_obj_incref(t);
    } else {
        wk_type *tp = wk_typeof(args);
        if (!tp->iter && !tp->getitem) {
            wk_sbuf sb;
            wk_sbuf_init(&sb);
            wk_vm_func_str(&sb, func);
            wk_raise(wk_exc_TypeError, "%s argument after * must be an iterable, not %s",
                     sb.data ? sb.data : "", wk_typename(args));
            wk_sbuf_free(&sb);
            return WK_NULLV;
        }
        if (!(t = wk_sequence_tuple(args))) return WK_NULLV;
    }
    if (!WK_IS_NULL(kwargs)) {
        if (wk_is_dict(kwargs)) {
            d = kwargs.u.o;
            wk_obj_incref(d);
        } else {
            if (!(d = wk_dict_new()) || !wk_vm_dict_merge(d, kwargs, func)) {
                wk_obj_decref(t);
                wk_obj_decref(d);
                return WK_NULLV;
            }
        }
    }
    wk_value r = wk_call_tuple_dict(func, t, d);
    wk_obj_decref(t);
    wk_obj_decref(d);
    return r;
}

wk_value wk_vm_make_function(wk_frame *f, const wk_value *base, int flags) {
    int k = 0;
    wk_value defaults = (flags & 1) ? base[k++] : WK_NULLV;
    wk_value kwdefaults = (flags & 2) ? base[k++] : WK_NULLV;
    wk_value annotations = (flags & 4) ? base[k++] : WK_NULLV;
    wk_value closure = (flags & 8) ? base[k++] : WK_NULLV;
    wk_value code = base[k], qualname = base[k + 1];
    wk_value fv = wk_func_new(code.u.o, f->globals, wk_is_str(qualname) ? qualname.u.o : NULL);
    if (WK_IS_NULL(fv)) return fv;
    wk_function *fn = (wk_function *)fv.u.o;
    if (WK_IS_OBJ(defaults)) { wk_obj_incref(defaults.u.o); fn->defaults = defaults.u.o; }
    if (WK_IS_OBJ(kwdefaults)) { wk_obj_incref(kwdefaults.u.o); fn->kwdefaults = kwdefaults.u.o; }
    if (WK_IS_OBJ(closure)) { wk_obj_incref(closure.u.o); fn->closure = closure.u.o; }
    if (WK_IS_OBJ(annotations)) { wk_obj_incref(annotations.u.o); fn->annotations = annotations.u.o; }
    return fv;
}


int wk_vm_load_method(wk_value o, wk_obj *name, wk_value *m) {
    wk_type *tp = wk_typeof(o);
    if (!tp->getattr || tp->getattr == wk_generic_getattr) {
        wk_value d = wk_type_lookup(tp, name);
        if (wk_is_unbound_method(d)) {
            wk_obj **dp = WK_IS_OBJ(o) ? wk_obj_dictptr(o.u.o) : NULL;
            wk_value v = WK_NULLV;
            if (dp && *dp) {
                int r = wk_dict_lookup_str(*dp, name, &v);
                if (r < 0) return -1;
            }
            if (WK_IS_NULL(v)) {
                *m = wk_incref(d);
                return 1;
            }
            *m = wk_incref(v);
            return 0;
        }
    }
    *m = wk_getattr(o, name);
    return WK_IS_NULL(*m) ? -1 : 0;
}

/* ---------------------------------------------------------------- generators, raise */

wk_value wk_vm_stopiteration_value(wk_obj *exc) {
    wk_obj *args = ((wk_exc *)exc)->args;
    if (args && WK_TUPLE(args)->len > 0) return wk_incref(WK_TUPLE(args)->items[0]);
    return WK_NONEV;
}

wk_value wk_vm_send(wk_value it, wk_value v, bool *done) {
    *done = false;
    if (it.tag == WK_OBJ && it.u.o->type == &wk_type_generator)
        return wk_gen_send_ex(it.u.o, v, false, done);
    wk_value r;
    if (WK_IS_NONE(v) && wk_typeof(it)->next) r = wk_typeof(it)->next(it);
    else r = wk_call_method_s(it, "send", &v, 1);
    if (!WK_IS_NULL(r)) return r;
    if (!wk_err_occurred()) {
        *done = true;
        return WK_NONEV;
    }
    if (!wk_err_matches(wk_exc_StopIteration)) return WK_NULLV;
    wk_obj *e = wk_err_fetch();
    r = wk_vm_stopiteration_value(e);
    wk_obj_decref(e);
    *done = true;
    return r;
}

static bool is_exc_class(wk_value t) {
    return WK_IS_OBJ(t) && wk_type_is_subtype(t.u.o->type, &wk_type_type)
        && wk_type_is_subtype((wk_type *)t.u.o, wk_exc_BaseException);
}

int wk_vm_exc_match(wk_value exc, wk_value type) {
    if (wk_is_tuple(type)) {
        wk_tuple *t = WK_TUPLE(type.u.o);
        for (int64_t i = 0; i < t->len; i++)
            if (!is_exc_class(t->items[i])) goto bad;
        for (int64_t i = 0; i < t->len; i++)
            if (wk_isinstance_t(exc, (wk_type *)t->items[i].u.o)) return 1;
        return 0;
    }
    if (!is_exc_class(type)) goto bad;
    return wk_isinstance_t(exc, (wk_type *)type.u.o);
bad:
    wk_raise(wk_exc_TypeError, "catching classes that do not inherit from BaseException is not allowed");
    return -1;
}

void wk_vm_do_raise(wk_value exc, wk_value cause) {
    wk_raise_obj(exc);
    if (WK_IS_NULL(cause) || !wk_err_occurred()) return;
    wk_obj *e = wk_err_fetch();
    wk_obj *c = NULL;
    if (is_exc_class(cause)) {
        wk_value cv = wk_call0(cause);
        if (WK_IS_NULL(cv)) { wk_obj_decref(e); return; }
        if (!wk_isinstance_t(cv, wk_exc_BaseException)) {
            wk_decref(cv);
            wk_obj_decref(e);
            wk_raise(wk_exc_TypeError, "calling %s should have returned an instance of "
                     "BaseException, not %s", ((wk_type *)cause.u.o)->name, wk_typename(cv));
            return;
        }
        c = cv.u.o;
    } else if (wk_isinstance_t(cause, wk_exc_BaseException)) {
        c = cause.u.o;
        wk_obj_incref(c);
    } else if (!WK_IS_NONE(cause)) {
        wk_obj_decref(e);
        wk_raise(wk_exc_TypeError, "exception causes must derive from BaseException");
        return;
    }
    wk_exc *x = (wk_exc *)e;
    wk_obj_decref(x->cause);
    x->cause = c;
    x->suppress_context = true;
    wk_err_restore(e);
}

/* Binds a special method found on the type of o; WK_NULL without exception if absent. */
static wk_value special_method(wk_value o, const char *name) {
    wk_type *tp = wk_typeof(o);
    wk_value d = wk_type_lookup(tp, wk_intern(name));
    if (WK_IS_NULL(d)) return d;
    wk_type *dt = wk_typeof(d);
    if (dt->descr_get) return dt->descr_get(d, o, tp);
    return wk_incref(d);
}

bool wk_vm_setup_with(wk_value mgr, wk_value *exitfn, wk_value *result) {
    wk_value enter = special_method(mgr, "__enter__");
    if (WK_IS_NULL(enter)) {
        if (!wk_err_occurred())
            wk_raise(wk_exc_TypeError, "'%s' object does not support the context manager protocol",
                     wk_typename(mgr));
        return false;
    }
    wk_value ex = special_method(mgr, "__exit__");
    if (WK_IS_NULL(ex)) {
        wk_decref(enter);
        if (!wk_err_occurred())
            wk_raise(wk_exc_TypeError, "'%s' object does not support the context manager protocol "
                     "(missed __exit__ method)", wk_typename(mgr));
        return false;
    }
    wk_value r = wk_call0(enter);
    wk_decref(enter);
    if (WK_IS_NULL(r)) {
        wk_decref(ex);
        return false;
    }
    *exitfn = ex;
    *result = r;
    return true;
}
