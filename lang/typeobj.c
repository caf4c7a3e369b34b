/* typeobj.c — the `type` type itself (repr, call, attribute access on classes, __name__,
 * __mro__...) and the creation of user classes (class statements and type(n, b, d)). */
#include "objimpl.h"
#include "vm.h"
#include <string.h>

static wk_value type_repr(wk_value self) {
    wk_type *t = WK_TYPEOBJ(self);
    const char *mod = t->module;
    if (t->flags & WK_TPFLAG_HEAPTYPE) {
        wk_value m = wk_dict_get_s(t->dict, "__module__");
        if (wk_is_str(m)) mod = wk_str_cstr(m);
    }
    if (!mod || !strcmp(mod, "builtins")) return wk_str_fromf("<class '%s'>", wk_type_qualname(t));
    return wk_str_fromf("<class '%s.%s'>", mod, wk_type_qualname(t));
}

static wk_value type_call(wk_value self, const wk_value *args, int nargs, wk_obj *kw) {
    wk_type *t = WK_TYPEOBJ(self);
    if (t == &wk_type_type && nargs == 1 && !kw) return wk_incref(wk_typev(wk_typeof(args[0])));
    if (!t->new) return wk_raise(wk_exc_TypeError, "cannot create '%s' instances", t->name);
    wk_value r = t->new(t, args, nargs, kw);
    if (WK_IS_NULL(r) || !wk_isinstance_t(r, t)) return r;
    wk_type *rt = wk_typeof(r);
    if (rt->init && rt->init(r, args, nargs, kw) < 0) {
        wk_decref(r);
        return WK_NULLV;
    }
    return r;
}

static wk_value type_new_slot(wk_type *meta, const wk_value *args, int nargs, wk_obj *kw) {
    (void)kw;
    if (meta == &wk_type_type && nargs == 1) return wk_incref(wk_typev(wk_typeof(args[0])));
    if (nargs != 3) return wk_raise(wk_exc_TypeError, "type() takes 1 or 3 arguments");
    if (!wk_is_str(args[0]))
        return wk_raise(wk_exc_TypeError, "type.__new__() argument 1 must be str, not %s", wk_typename(args[0]));
    if (!wk_is_tuple(args[1]))
        return wk_raise(wk_exc_TypeError, "type.__new__() argument 2 must be tuple, not %s", wk_typename(args[1]));
    if (!wk_is_dict(args[2]))
        return wk_raise(wk_exc_TypeError, "type.__new__() argument 3 must be dict, not %s", wk_typename(args[2]));
    wk_tuple *bases = WK_TUPLE(args[1].u.o);
    wk_type *base = NULL;
    for (int64_t i = 0; i < bases->len; i++) {
        if (!wk_is_type(bases->items[i]))
            return wk_raise(wk_exc_TypeError, "bases must be types");
        wk_type *b = WK_TYPEOBJ(bases->items[i]);
        if (base && b != &wk_type_object && base != &wk_type_object && b != base)
            return wk_raise(wk_exc_TypeError, "wick: multiple inheritance is not supported yet");
        if (!base || base == &wk_type_object) base = b;
    }
    wk_value mod = wk_dict_get_s(args[2].u.o, "__module__");
    wk_type *t = wk_type_new_class(wk_str_cstr(args[0]), base, args[2].u.o,
                                   wk_is_str(mod) ? wk_str_cstr(mod) : NULL);
    return t ? wk_typev(t) : WK_NULLV;
}

static int type_init(wk_value self, const wk_value *args, int nargs, wk_obj *kw) {
    (void)self; (void)args; (void)kw;
    if (nargs != 1 && nargs != 3) {
        wk_raise(wk_exc_TypeError, "type.__init__() takes 1 or 3 arguments");
        return -1;
    }
    return 0;
}

static wk_value type_getattr(wk_value self, wk_obj *name) {
    wk_type *t = WK_TYPEOBJ(self), *meta = wk_typeof(self);
    wk_value ma = wk_type_lookup(meta, name);
    wk_type *mt = WK_IS_NULL(ma) ? NULL : wk_typeof(ma);
    if (mt && mt->descr_get && mt->descr_set) return mt->descr_get(ma, self, meta);
    wk_value a = wk_type_lookup(t, name);
    if (!WK_IS_NULL(a)) {
        wk_type *at = wk_typeof(a);
        return at->descr_get ? at->descr_get(a, WK_NULLV, t) : wk_incref(a);
    }
    if (mt) return mt->descr_get ? mt->descr_get(ma, self, meta) : wk_incref(ma);
    return wk_raise(wk_exc_AttributeError, "type object '%s' has no attribute '%s'",
                    t->name, wk_sdata(name));
}

static int type_setattr(wk_value self, wk_obj *name, wk_value v) {
    wk_type *t = WK_TYPEOBJ(self);
    if (!(t->flags & WK_TPFLAG_HEAPTYPE)) {
        wk_raise(wk_exc_TypeError, "cannot set '%s' attribute of immutable type '%s'",
                 wk_sdata(name), t->name);
        return -1;
    }
    int r;
    if (WK_IS_NULL(v)) {
        wk_value old;
        r = wk_dict_lookup_str(t->dict, name, &old);
        if (r == 0)
            wk_raise(wk_exc_AttributeError, "type object '%s' has no attribute '%s'", t->name,
                     wk_sdata(name));
        r = r > 0 ? wk_dict_del(t->dict, wk_objv(name)) : -1;
    } else {
        r = wk_dict_set(t->dict, wk_objv(name), v);
    }
    wk_type_modified();
    if (r == 0 && WK_STR(name)->len > 4 && !strncmp(wk_sdata(name), "__", 2))
        wk_type_fixup_slot(t, name);
    return r;
}

static void type_dealloc(wk_obj *o) {
    wk_type *t = (wk_type *)o;
    wk_heaptype *ht = (wk_heaptype *)o;
    wk_type_modified();
    wk_obj_decref(t->dict);
    wk_obj_decref(t->mro);
    if (t->base && (t->base->flags & WK_TPFLAG_HEAPTYPE)) wk_obj_decref(&t->base->ob);
    wk_obj_decref(ht->name);
    wk_obj_decref(ht->qualname);
    wk_obj_decref(ht->modname);
    wk_obj_free(o);
}

/* ---------------------------------------------------------------- attributes of classes */

static wk_value type_get_name(wk_value self) {
    wk_type *t = WK_TYPEOBJ(self);
    if (t->flags & WK_TPFLAG_HEAPTYPE) return wk_incref(wk_objv(((wk_heaptype *)t)->name));
    return wk_str_from_c(t->name);
}

static wk_value type_get_qualname(wk_value self) {
    wk_type *t = WK_TYPEOBJ(self);
    if (t->flags & WK_TPFLAG_HEAPTYPE) return wk_incref(wk_objv(((wk_heaptype *)t)->qualname));
    return wk_str_from_c(t->name);
}

static wk_value type_dict_or(wk_type *t, const char *key, const char *dflt) {
    if (t->flags & WK_TPFLAG_HEAPTYPE) {
        wk_value v = wk_dict_get_s(t->dict, key);
        if (!WK_IS_NULL(v)) return wk_incref(v);
    }
    return dflt ? wk_str_from_c(dflt) : WK_NONEV;
}

static wk_value type_get_module(wk_value self) {
    wk_type *t = WK_TYPEOBJ(self);
    return type_dict_or(t, "__module__", t->module ? t->module : "builtins");
}

static wk_value type_get_doc(wk_value self) {
    wk_type *t = WK_TYPEOBJ(self);
    return type_dict_or(t, "__doc__", (t->flags & WK_TPFLAG_HEAPTYPE) ? NULL : t->doc);
}

static wk_value type_get_dict(wk_value self) { return wk_objv(wk_dict_copy(WK_TYPEOBJ(self)->dict)); }

static wk_value type_get_bases(wk_value self) {
    wk_type *t = WK_TYPEOBJ(self);
    if (!t->base) return wk_objv(wk_empty_tuple());
    return wk_objv(wk_tuple_pack(1, wk_typev(t->base)));
}

static wk_value type_get_base(wk_value self) {
    wk_type *t = WK_TYPEOBJ(self);
    return t->base ? wk_incref(wk_typev(t->base)) : WK_NONEV;
}

static wk_value type_get_mro(wk_value self) { return wk_incref(wk_objv(WK_TYPEOBJ(self)->mro)); }

static wk_value type_mro(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_none("mro", nargs - 1, kw)) return WK_NULLV;
    return wk_objv(wk_sequence_list(wk_objv(WK_TYPEOBJ(args[0])->mro)));
}

static wk_value type_subclasses(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!wk_args_none("__subclasses__", nargs - 1, kw)) return WK_NULLV;
    return wk_objv(wk_list_new(0));
}

static wk_value type_dir(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_none("__dir__", nargs - 1, kw)) return WK_NULLV;
    wk_type *t = WK_TYPEOBJ(args[0]);
    wk_obj *acc = wk_dict_new();
    if (!acc) return WK_NULLV;
    wk_tuple *m = WK_TUPLE(t->mro);
    for (int64_t i = 0; i < m->len; i++)
        if (wk_dict_update(acc, wk_objv(WK_TYPEOBJ(m->items[i])->dict)) < 0) {
            wk_obj_decref(acc);
            return WK_NULLV;
        }
    wk_obj *l = wk_sequence_list(wk_objv(acc));
    wk_obj_decref(acc);
    return wk_objv(l);
}

static const wk_getsetdef type_getsets[] = {
    { "__name__", type_get_name, NULL, NULL },
    { "__qualname__", type_get_qualname, NULL, NULL },
    { "__module__", type_get_module, NULL, NULL },
    { "__doc__", type_get_doc, NULL, NULL },
    { "__dict__", type_get_dict, NULL, NULL },
    { "__bases__", type_get_bases, NULL, NULL },
    { "__base__", type_get_base, NULL, NULL },
    { "__mro__", type_get_mro, NULL, NULL },
    { NULL, NULL, NULL, NULL }
};
static const wk_methoddef type_methods[] = {
    { "mro", type_mro, 0, "Return a type's method resolution order." },
    { "__subclasses__", type_subclasses, 0, "Return a list of immediate subclasses." },
    { "__dir__", type_dir, 0, "Specialized __dir__ implementation for types." },
    { NULL, NULL, 0, NULL }
};

wk_type wk_type_type = {
    .ob = { WK_IMMORTAL, &wk_type_type }, .name = "type", .basicsize = sizeof(wk_heaptype),
    .module = "builtins",
    .doc = "type(object) -> the object's type\ntype(name, bases, dict, **kwds) -> a new type",
    .dealloc = type_dealloc, .new = type_new_slot, .init = type_init, .repr = type_repr,
    .call = type_call, .getattr = type_getattr, .setattr = type_setattr,
};

bool wk_typeobj_init(void) {
    return wk_type_add_getsets(&wk_type_type, type_getsets) &&
           wk_type_add_methods(&wk_type_type, type_methods);
}

/* ---------------------------------------------------------------- user classes */

static void subtype_dealloc(wk_obj *o) {
    wk_type *t = o->type, *nb = t;
    while (nb->flags & WK_TPFLAG_HEAPTYPE) nb = nb->base;
    if (t->dictoffset != nb->dictoffset) {
        wk_obj **dp = wk_obj_dictptr(o);
        if (dp && *dp) {
            wk_obj *d = *dp;
            *dp = NULL;
            wk_obj_decref(d);
        }
    }
    if (nb->dealloc) nb->dealloc(o);
    else wk_obj_free(o);
}

static wk_value inst_get_dict(wk_value self) {
    wk_obj **dp = wk_obj_dictptr(self.u.o);
    if (!*dp && !(*dp = wk_dict_new())) return WK_NULLV;
    return wk_incref(wk_objv(*dp));
}

static int inst_set_dict(wk_value self, wk_value v) {
    if (!wk_is_dict(v)) {
        wk_raise(wk_exc_TypeError, "__dict__ must be set to a dictionary, not a '%s'", wk_typename(v));
        return -1;
    }
    wk_obj **dp = wk_obj_dictptr(self.u.o);
    wk_obj *old = *dp;
    wk_obj_incref(v.u.o);
    *dp = v.u.o;
    wk_obj_decref(old);
    return 0;
}

static const wk_getsetdef inst_dict_getset[] = {
    { "__dict__", inst_get_dict, inst_set_dict, NULL },
    { NULL, NULL, NULL, NULL }
};

/* Wraps ns[name] (a plain function) into staticmethod/classmethod, as CPython does for
 * __new__, __init_subclass__ and __class_getitem__. */
static bool wrap_implicit(wk_obj *ns, wk_dunder_id id, wk_type *wrapper) {
    wk_value f;
    int r = wk_dict_lookup_str(ns, wk_dunder(id), &f);
    if (r <= 0 || f.tag != WK_OBJ || f.u.o->type != &wk_type_function) return r >= 0;
    wk_value w = wk_call1(wk_typev(wrapper), f);
    if (WK_IS_NULL(w)) return false;
    r = wk_dict_set(ns, wk_objv(wk_dunder(id)), w);
    wk_decref(w);
    return r >= 0;
}

static bool setup_layout(wk_type *t, wk_type *base) {
    t->basicsize = base->basicsize;
    t->dictoffset = base->dictoffset;
    if (t->dictoffset) return true;
    if (base->basicsize == sizeof(wk_obj)) {
        t->dictoffset = (ptrdiff_t)t->basicsize;
        t->basicsize += sizeof(wk_obj *);
    } else {
        t->dictoffset = -(ptrdiff_t)sizeof(wk_obj *);
    }
    return wk_type_add_getsets(t, inst_dict_getset);
}

static bool set_names_and_cell(wk_type *t) {
    wk_value cell;
    int r = wk_dict_lookup_str(t->dict, wk_dunder(WK_DN_classcell), &cell);
    if (r < 0) return false;
    if (r > 0) {
        if (cell.tag == WK_OBJ && cell.u.o->type == &wk_type_cell)
            wk_assign(&((wk_cell *)cell.u.o)->value, wk_typev(t));
        if (wk_dict_del(t->dict, wk_objv(wk_dunder(WK_DN_classcell))) < 0) return false;
    }
    int64_t pos = 0;
    wk_value k, v;
    while (wk_dict_next(t->dict, &pos, &k, &v)) {
        if (WK_IS_NULL(wk_type_lookup(wk_typeof(v), wk_dunder(WK_DN_set_name)))) continue;
        wk_value a[2] = { wk_typev(t), k };
        wk_value res = wk_call_method(v, wk_dunder(WK_DN_set_name), a, 2, NULL);
        if (WK_IS_NULL(res)) return false;
        wk_decref(res);
    }
    return true;
}

static bool fixup_all(wk_type *t) {
    int64_t pos = 0;
    wk_value k, v;
    while (wk_dict_next(t->dict, &pos, &k, &v))
        if (wk_is_str(k) && WK_STR(k.u.o)->len > 4 && !strncmp(wk_str_cstr(k), "__", 2))
            wk_type_fixup_slot(t, k.u.o);
    wk_value eq, h;
    int has_eq = wk_dict_lookup_str(t->dict, wk_dunder(WK_DN_eq), &eq);
    int has_hash = wk_dict_lookup_str(t->dict, wk_dunder(WK_DN_hash), &h);
    if (has_eq > 0 && has_hash == 0) {
        t->hash = NULL;
        if (wk_dict_set(t->dict, wk_objv(wk_dunder(WK_DN_hash)), WK_NONEV) < 0) return false;
    }
    return true;
}

static bool call_init_subclass(wk_type *t) {
    wk_value f = wk_type_lookup(t->base, wk_dunder(WK_DN_init_subclass));
    if (WK_IS_NULL(f) || !wk_isinstance_t(f, &wk_type_classmethod)) return true;
    wk_value bound = wk_typeof(f)->descr_get(f, WK_NULLV, t);
    if (WK_IS_NULL(bound)) return false;
    wk_value r = wk_call0(bound);
    wk_decref(bound);
    wk_decref(r);
    return !WK_IS_NULL(r);
}

static wk_heaptype *alloc_class(const char *name, wk_type *base, wk_obj *ns, const char *module) {
    wk_heaptype *ht = (wk_heaptype *)wk_obj_alloc(&wk_type_type);
    if (!ht) return NULL;
    wk_type *t = &ht->t;
    t->flags = WK_TPFLAG_HEAPTYPE | WK_TPFLAG_BASETYPE | WK_TPFLAG_USERCLASS |
               (base->flags & WK_TPFLAG_EXCEPTION);
    t->base = base;
    if (base->flags & WK_TPFLAG_HEAPTYPE) wk_obj_incref(&base->ob);
    ht->name = wk_str_from_c(name).u.o;
    if (ht->name) t->name = wk_sdata(ht->name);
    t->dict = wk_dict_copy(ns);
    wk_value q = t->dict ? wk_dict_get_s(t->dict, "__qualname__") : WK_NULLV;
    ht->qualname = wk_is_str(q) ? wk_incref(q).u.o : (ht->name ? wk_incref(wk_objv(ht->name)).u.o : NULL);
    if (!WK_IS_NULL(q) && wk_dict_del(t->dict, wk_objv(wk_dunder(WK_DN_qualname))) < 0) wk_err_clear();
    ht->modname = wk_str_from_c(module ? module : "__main__").u.o;
    if (ht->modname) t->module = wk_sdata(ht->modname);
    if (!ht->name || !ht->qualname || !ht->modname || !t->dict) {
        wk_obj_decref(&ht->t.ob);
        return NULL;
    }
    return ht;
}

wk_type *wk_type_new_class(const char *name, wk_type *base, wk_obj *ns, const char *module) {
    if (!base) base = &wk_type_object;
    if (!(base->flags & WK_TPFLAG_BASETYPE)) {
        wk_raise(wk_exc_TypeError, "type '%s' is not an acceptable base type", base->name);
        return NULL;
    }
    wk_heaptype *ht = alloc_class(name, base, ns, module);
    if (!ht) return NULL;
    wk_type *t = &ht->t;
    wk_type_inherit_slots(t, base);
    t->dealloc = subtype_dealloc;
    bool ok = setup_layout(t, base) && wk_type_build_mro(t) &&
              wk_dict_default_steal(t->dict, WK_DN_module, wk_str_from_c(t->module)) &&
              wk_dict_default_steal(t->dict, WK_DN_doc, WK_NONEV) &&
              wrap_implicit(t->dict, WK_DN_new, &wk_type_staticmethod) &&
              wrap_implicit(t->dict, WK_DN_init_subclass, &wk_type_classmethod) &&
              wrap_implicit(t->dict, WK_DN_class_getitem, &wk_type_classmethod) &&
              fixup_all(t) && set_names_and_cell(t) && call_init_subclass(t);
    wk_type_modified();
    if (!ok) {
        wk_obj_decref(&t->ob);
        return NULL;
    }
    return t;
}
