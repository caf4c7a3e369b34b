/* type.c — the `object` and `type` types: default object slots, type readiness (MRO,
 * slot inheritance), attribute lookup with a method cache, and user classes. */
#include "objimpl.h"
#include "vm.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- object */

wk_value wk_object_repr(wk_value self) {
    wk_type *t = wk_typeof(self);
    const char *mod = t->module && strcmp(t->module, "builtins") ? t->module : NULL;
    void *addr = self.tag == WK_OBJ ? (void *)self.u.o : (void *)t;
    if (mod) return wk_str_fromf("<%s.%s object at %p>", mod, wk_type_qualname(t), addr);
    return wk_str_fromf("<%s object at %p>", wk_type_qualname(t), addr);
}

static wk_value object_str(wk_value self) { return wk_repr(self); }

wk_value wk_object_richcmp(wk_value a, wk_value b, wk_cmp_op op) {
    if (op == WK_EQ) return wk_is(a, b) ? WK_TRUEV : wk_notimplemented();
    if (op != WK_NE) return wk_notimplemented();
    wk_type *t = wk_typeof(a);
    if (!t->richcmp || t->richcmp == wk_object_richcmp)
        return wk_is(a, b) ? WK_FALSEV : wk_notimplemented();
    wk_value r = t->richcmp(a, b, WK_EQ);
    if (WK_IS_NULL(r) || wk_is_notimplemented(r)) return r;
    int tr = wk_truthy(r);
    wk_decref(r);
    return tr < 0 ? WK_NULLV : wk_bool(!tr);
}

bool wk_object_hash(wk_value self, int64_t *out) {
    uintptr_t p = self.tag == WK_OBJ ? (uintptr_t)self.u.o : (uintptr_t)0x5a17 + (uintptr_t)self.tag;
    int64_t h = (int64_t)((p >> 4) | (p << (8 * sizeof p - 4)));
    *out = h == -1 ? -2 : h;
    return true;
}

wk_value wk_object_format(wk_value self, wk_value spec) {
    if (!wk_is_str(spec))
        return wk_raise(wk_exc_TypeError, "format() argument 2 must be str, not %s", wk_typename(spec));
    if (WK_STR(spec.u.o)->len > 0)
        return wk_raise(wk_exc_TypeError, "unsupported format string passed to %s.__format__",
                        wk_typename(self));
    return wk_str(self);
}

static bool has_args(int nargs, wk_obj *kw) { return nargs > 0 || (kw && WK_TUPLE(kw)->len > 0); }

wk_value wk_object_new(wk_type *t, const wk_value *args, int nargs, wk_obj *kw) {
    if (has_args(nargs, kw)) {
        if (t->new != wk_object_new)
            return wk_raise(wk_exc_TypeError, "object.__new__() takes exactly one argument (the type to instantiate)");
        if (t->init == wk_object_init)
            return wk_raise(wk_exc_TypeError, "%s() takes no arguments", t->name);
    }
    (void)args;
    return wk_objv(wk_obj_alloc(t));
}

int wk_object_init(wk_value self, const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!has_args(nargs, kw)) return 0;
    wk_type *t = wk_typeof(self);
    if (t->init != wk_object_init)
        wk_raise(wk_exc_TypeError, "object.__init__() takes exactly one argument (the instance to initialize)");
    else if (t->new == wk_object_new)
        wk_raise(wk_exc_TypeError, "%s.__init__() takes exactly one argument (the instance to initialize)", t->name);
    else
        return 0;
    return -1;
}

void wk_object_dealloc(wk_obj *o) { wk_obj_free(o); }

static wk_value object_get_class(wk_value self) { return wk_incref(wk_typev(wk_typeof(self))); }

static bool add_keys(wk_obj *acc, wk_obj *d) {
    int64_t pos = 0;
    wk_value k, v;
    while (wk_dict_next(d, &pos, &k, &v))
        if (wk_dict_set(acc, k, WK_NONEV) < 0) return false;
    return true;
}

/* Names of a type's MRO dicts (plus an instance dict) as a list. */
static wk_value dir_of(wk_type *t, wk_obj *inst_dict) {
    wk_obj *acc = wk_dict_new();
    if (!acc) return WK_NULLV;
    bool ok = !inst_dict || add_keys(acc, inst_dict);
    wk_tuple *m = WK_TUPLE(t->mro);
    for (int64_t i = 0; ok && i < m->len; i++) ok = add_keys(acc, WK_TYPEOBJ(m->items[i])->dict);
    wk_obj *l = ok ? wk_sequence_list(wk_objv(acc)) : NULL;
    wk_obj_decref(acc);
    return wk_objv(l);
}

static wk_value object_dir(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_none("__dir__", nargs - 1, kw)) return WK_NULLV;
    wk_obj **dp = args[0].tag == WK_OBJ ? wk_obj_dictptr(args[0].u.o) : NULL;
    return dir_of(wk_typeof(args[0]), dp ? *dp : NULL);
}

static wk_value object_init_subclass(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!wk_args_none("__init_subclass__", nargs - 1, kw)) return WK_NULLV;
    return WK_NONEV;
}

static const wk_methoddef object_methods[] = {
    { "__dir__", object_dir, 0, "Default dir() implementation." },
    { "__init_subclass__", object_init_subclass, WK_METH_CLASS,
      "This method is called when a class is subclassed." },
    { NULL, NULL, 0, NULL }
};
static const wk_getsetdef object_getsets[] = {
    { "__class__", object_get_class, NULL, NULL },
    { NULL, NULL, NULL, NULL }
};

wk_type wk_type_object = {
    .ob = { WK_IMMORTAL, &wk_type_type }, .name = "object", .basicsize = sizeof(wk_obj),
    .flags = WK_TPFLAG_BASETYPE, .module = "builtins",
    .doc = "The base class of the class hierarchy.\n\nWhen called, it accepts no arguments "
           "and returns a new featureless\ninstance that has no instance attributes and "
           "cannot be given any.\n",
    .dealloc = wk_object_dealloc, .new = wk_object_new, .init = wk_object_init,
    .repr = wk_object_repr, .str = object_str, .format = wk_object_format,
    .richcmp = wk_object_richcmp, .hash = wk_object_hash,
};

/* ---------------------------------------------------------------- lookup and cache */

#define MCACHE_SIZE 4096
static struct mc_entry { wk_type *t; wk_obj *name; wk_value v; uint64_t ver; } mcache[MCACHE_SIZE];
uint64_t wk_type_epoch = 1;
#define mcache_ver wk_type_epoch

void wk_type_modified(void) { wk_type_epoch++; }

static wk_value lookup_uncached(wk_type *t, wk_obj *name) {
    wk_value out;
    if (t->mro) {
        wk_tuple *m = WK_TUPLE(t->mro);
        for (int64_t i = 0; i < m->len; i++) {
            wk_obj *d = WK_TYPEOBJ(m->items[i])->dict;
            if (d && wk_dict_lookup_str(d, name, &out) > 0) return out;
        }
        return WK_NULLV;
    }
    for (; t; t = t->base)
        if (t->dict && wk_dict_lookup_str(t->dict, name, &out) > 0) return out;
    return WK_NULLV;
}

wk_value wk_type_lookup(wk_type *t, wk_obj *name) {
    if (!WK_STR(name)->interned) {
        bool had = wk_err_occurred();
        wk_value r = lookup_uncached(t, name);
        if (!had && wk_err_occurred()) wk_err_clear();
        return r;
    }
    size_t h = (((uintptr_t)t >> 5) ^ ((uintptr_t)name >> 4) * 31u) & (MCACHE_SIZE - 1);
    struct mc_entry *e = &mcache[h];
    if (e->t == t && e->name == name && e->ver == mcache_ver) return e->v;
    wk_value r = lookup_uncached(t, name);
    e->t = t;
    e->name = name;
    e->v = r;
    e->ver = mcache_ver;
    return r;
}

/* ---------------------------------------------------------------- readiness */

void wk_type_inherit_slots(wk_type *t, wk_type *b) {
#define INH(f) if (!t->f) t->f = b->f
    INH(dealloc); INH(init); INH(repr); INH(str); INH(format); INH(getattr);
    INH(setattr); INH(descr_get); INH(descr_set); INH(call); INH(truth); INH(len);
    INH(getitem); INH(setitem); INH(contains); INH(iter); INH(next);
    INH(basicsize); INH(dictoffset);
#undef INH
    if (!t->richcmp && !t->hash) { t->richcmp = b->richcmp; t->hash = b->hash; }
    if (!t->new && (b != &wk_type_object || (t->flags & WK_TPFLAG_HEAPTYPE))) t->new = b->new;
    for (int i = 0; i < WK_NB_COUNT; i++) {
        if (!t->nb[i]) t->nb[i] = b->nb[i];
        if (!t->nb_inplace[i]) t->nb_inplace[i] = b->nb_inplace[i];
    }
    for (int i = 0; i < WK_UN_COUNT; i++)
        if (!t->un[i]) t->un[i] = b->un[i];
}

bool wk_type_build_mro(wk_type *t) {
    int64_t n = t->base ? WK_TUPLE(t->base->mro)->len : 0;
    wk_obj *m = wk_tuple_new(n + 1);
    if (!m) return false;
    wk_tuple_set_steal(m, 0, wk_incref(wk_typev(t)));
    for (int64_t i = 0; i < n; i++) wk_tuple_set_steal(m, i + 1, wk_incref(WK_TUPLE(t->base->mro)->items[i]));
    t->mro = m;
    return true;
}

static bool ensure_dict(wk_type *t) {
    if (!t->dict && !(t->dict = wk_dict_new())) return false;
    wk_type_modified();
    return true;
}

/* Sets dict[name] = v unless present; steals v. */
bool wk_dict_default_steal(wk_obj *d, wk_dunder_id id, wk_value v) {
    wk_value old;
    int r = WK_IS_NULL(v) ? -1 : wk_dict_lookup_str(d, wk_dunder(id), &old);
    if (r == 0) r = wk_dict_set(d, wk_objv(wk_dunder(id)), v);
    wk_decref(v);
    return r >= 0;
}

bool wk_type_ready(wk_type *t) {
    if (t->mro) return true;
    if (!t->ob.type) t->ob.type = &wk_type_type;
    if (!t->ob.refcnt) t->ob.refcnt = WK_IMMORTAL;
    if (t != &wk_type_object && !t->base) t->base = &wk_type_object;
    if (t->base && !t->base->mro && !wk_type_ready(t->base)) return false;
    if (!t->module) t->module = "builtins";
    if (!ensure_dict(t)) return false;
    if (t->base) wk_type_inherit_slots(t, t->base);
    if (!wk_type_build_mro(t)) return false;
    if (!(t->flags & WK_TPFLAG_HEAPTYPE)) {
        if (!wk_type_add_slot_wrappers(t)) return false;
        wk_value doc = t->doc ? wk_str_from_c(t->doc) : WK_NONEV;
        if (!wk_dict_default_steal(t->dict, WK_DN_doc, doc)) return false;
    }
    return true;
}

const char *wk_type_qualname(wk_type *t) {
    if (t->flags & WK_TPFLAG_HEAPTYPE) return wk_sdata(((wk_heaptype *)t)->qualname);
    return t->name;
}

bool wk_type_add_methods(wk_type *t, const wk_methoddef *defs) {
    if (!ensure_dict(t)) return false;
    for (; defs->name; defs++) {
        wk_value d = wk_method_descr_new(t, defs);
        if (WK_IS_NULL(d)) return false;
        int r = wk_dict_set(t->dict, wk_objv(wk_intern(defs->name)), d);
        wk_decref(d);
        if (r < 0) return false;
    }
    return true;
}

bool wk_type_add_getsets(wk_type *t, const wk_getsetdef *defs) {
    if (!ensure_dict(t)) return false;
    for (; defs->name; defs++) {
        wk_value d = wk_getset_descr_new(t, defs);
        if (WK_IS_NULL(d)) return false;
        int r = wk_dict_set(t->dict, wk_objv(wk_intern(defs->name)), d);
        wk_decref(d);
        if (r < 0) return false;
    }
    return true;
}

bool wk_type_init_core(void) {
    return wk_type_add_methods(&wk_type_object, object_methods) &&
           wk_type_add_getsets(&wk_type_object, object_getsets) && wk_typeobj_init() &&
           wk_type_ready(&wk_type_object) && wk_type_ready(&wk_type_type);
}
