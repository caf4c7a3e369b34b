/* descr.c — native functions and descriptors: builtin_function_or_method, method and
 * getset descriptors, property, staticmethod, classmethod, super, NotImplemented and
 * Ellipsis. */
#include "objimpl.h"
#include "vm.h"
#include "frame.h"
#include "containers.h"
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- builtin functions */

wk_value wk_cfunction_new(const char *name, wk_cfn fn, const char *doc) {
    wk_cfunction *f = (wk_cfunction *)wk_obj_alloc(&wk_type_cfunction);
    if (!f) return WK_NULLV;
    f->name = name;
    f->doc = doc;
    f->fn = fn;
    f->self = WK_NULLV;
    return wk_objv(&f->ob);
}

static wk_value bind_cfunction(const char *name, const char *doc, wk_cfn fn, wk_value self) {
    wk_value f = wk_cfunction_new(name, fn, doc);
    if (!WK_IS_NULL(f)) ((wk_cfunction *)f.u.o)->self = wk_incref(self);
    return f;
}

static void cfunc_dealloc(wk_obj *o) {
    wk_cfunction *f = (wk_cfunction *)o;
    wk_decref(f->self);
    wk_obj_decref(f->module_name);
    wk_obj_free(o);
}

static bool cfunc_is_method(wk_cfunction *f) {
    return !WK_IS_NULL(f->self) && !(f->self.tag == WK_OBJ && f->self.u.o->type == &wk_type_module);
}

static wk_value cfunc_repr(wk_value v) {
    wk_cfunction *f = (wk_cfunction *)v.u.o;
    if (!cfunc_is_method(f)) return wk_str_fromf("<built-in function %s>", f->name);
    if (f->self.tag != WK_OBJ)
        return wk_str_fromf("<built-in method %s of %s object>", f->name, wk_typename(f->self));
    return wk_str_fromf("<built-in method %s of %s object at %p>", f->name,
                        wk_typename(f->self), (void *)f->self.u.o);
}

static wk_value cfunc_call(wk_value fv, const wk_value *args, int nargs, wk_obj *kw) {
    wk_cfunction *f = (wk_cfunction *)fv.u.o;
    if (WK_IS_NULL(f->self)) return f->fn(args, nargs, kw);
    int total = nargs + (kw ? (int)WK_TUPLE(kw)->len : 0);
    wk_value buf[10], *a = buf;
    if (total + 1 > 10 && !(a = malloc(sizeof(wk_value) * (size_t)(total + 1)))) return wk_raise_nomem();
    a[0] = f->self;
    if (total) memcpy(a + 1, args, sizeof(wk_value) * (size_t)total);
    wk_value r = f->fn(a, nargs + 1, kw);
    if (a != buf) free(a);
    return r;
}

static wk_value cstr_or_none(const char *s) { return s ? wk_str_from_c(s) : WK_NONEV; }
static wk_value cfunc_name(wk_value v) { return wk_str_from_c(((wk_cfunction *)v.u.o)->name); }
static wk_value cfunc_doc(wk_value v) { return cstr_or_none(((wk_cfunction *)v.u.o)->doc); }
static wk_value cfunc_qualname(wk_value v) {
    wk_cfunction *f = (wk_cfunction *)v.u.o;
    if (!cfunc_is_method(f)) return wk_str_from_c(f->name);
    wk_type *t = wk_is_type(f->self) ? WK_TYPEOBJ(f->self) : wk_typeof(f->self);
    return wk_str_fromf("%s.%s", wk_type_qualname(t), f->name);
}
static wk_value cfunc_self(wk_value v) {
    wk_cfunction *f = (wk_cfunction *)v.u.o;
    return WK_IS_NULL(f->self) ? WK_NONEV : wk_incref(f->self);
}
static wk_value cfunc_module(wk_value v) {
    wk_cfunction *f = (wk_cfunction *)v.u.o;
    return f->module_name ? wk_incref(wk_objv(f->module_name)) : WK_NONEV;
}
static const wk_getsetdef cfunc_getsets[] = {
    { "__name__", cfunc_name, NULL, NULL }, { "__qualname__", cfunc_qualname, NULL, NULL },
    { "__doc__", cfunc_doc, NULL, NULL }, { "__self__", cfunc_self, NULL, NULL },
    { "__module__", cfunc_module, NULL, NULL }, { NULL, NULL, NULL, NULL }
};

wk_type wk_type_cfunction = {
    .ob = { WK_IMMORTAL, &wk_type_type }, .name = "builtin_function_or_method",
    .basicsize = sizeof(wk_cfunction), .dealloc = cfunc_dealloc, .repr = cfunc_repr,
    .call = cfunc_call,
};

/* ---------------------------------------------------------------- method descriptors */

typedef struct { wk_obj ob; wk_type *type; const wk_methoddef *def; } methdescr;

wk_value wk_method_descr_new(wk_type *t, const wk_methoddef *def) {
    if (def->flags & WK_METH_STATIC) {
        wk_value f = wk_cfunction_new(def->name, def->fn, def->doc);
        if (WK_IS_NULL(f)) return f;
        wk_value sm = wk_call1(wk_typev(&wk_type_staticmethod), f);
        wk_decref(f);
        return sm;
    }
    wk_type *dt = (def->flags & WK_METH_CLASS) ? &wk_type_classmethod_descr : &wk_type_method_descr;
    methdescr *d = (methdescr *)wk_obj_alloc(dt);
    if (!d) return WK_NULLV;
    d->type = t;
    d->def = def;
    return wk_objv(&d->ob);
}

static wk_value methdescr_repr(wk_value v) {
    methdescr *d = (methdescr *)v.u.o;
    return wk_str_fromf("<method '%s' of '%s' objects>", d->def->name, d->type->name);
}

static wk_value methdescr_get(wk_value descr, wk_value obj, wk_type *owner) {
    methdescr *d = (methdescr *)descr.u.o;
    (void)owner;
    if (WK_IS_NULL(obj)) return wk_incref(descr);
    if (!wk_isinstance_t(obj, d->type))
        return wk_raise(wk_exc_TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                        d->def->name, d->type->name, wk_typename(obj));
    return bind_cfunction(d->def->name, d->def->doc, d->def->fn, obj);
}

static wk_value methdescr_call(wk_value descr, const wk_value *args, int nargs, wk_obj *kw) {
    methdescr *d = (methdescr *)descr.u.o;
    if (nargs < 1)
        return wk_raise(wk_exc_TypeError, "unbound method %s.%s() needs an argument",
                        d->type->name, d->def->name);
    if (!wk_isinstance_t(args[0], d->type))
        return wk_raise(wk_exc_TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                        d->def->name, d->type->name, wk_typename(args[0]));
    return d->def->fn(args, nargs, kw);
}

static wk_value classdescr_get(wk_value descr, wk_value obj, wk_type *owner) {
    methdescr *d = (methdescr *)descr.u.o;
    if (!owner) owner = wk_typeof(obj);
    return bind_cfunction(d->def->name, d->def->doc, d->def->fn, wk_typev(owner));
}

static wk_value classdescr_call(wk_value descr, const wk_value *args, int nargs, wk_obj *kw) {
    methdescr *d = (methdescr *)descr.u.o;
    if (nargs < 1 || !wk_is_type(args[0]) || !wk_type_is_subtype(WK_TYPEOBJ(args[0]), d->type))
        return wk_raise(wk_exc_TypeError, "descriptor '%s' for type '%s' needs a subtype of '%s'",
                        d->def->name, d->type->name, d->type->name);
    return d->def->fn(args, nargs, kw);
}

static wk_value methdescr_name(wk_value v) { return wk_str_from_c(((methdescr *)v.u.o)->def->name); }
static wk_value methdescr_doc(wk_value v) { return cstr_or_none(((methdescr *)v.u.o)->def->doc); }
static wk_value methdescr_qualname(wk_value v) {
    methdescr *d = (methdescr *)v.u.o;
    return wk_str_fromf("%s.%s", d->type->name, d->def->name);
}
static wk_value methdescr_objclass(wk_value v) { return wk_incref(wk_typev(((methdescr *)v.u.o)->type)); }
static const wk_getsetdef methdescr_getsets[] = {
    { "__name__", methdescr_name, NULL, NULL }, { "__qualname__", methdescr_qualname, NULL, NULL },
    { "__doc__", methdescr_doc, NULL, NULL }, { "__objclass__", methdescr_objclass, NULL, NULL },
    { NULL, NULL, NULL, NULL }
};

wk_type wk_type_method_descr = {
    .ob = { WK_IMMORTAL, &wk_type_type }, .name = "method_descriptor",
    .basicsize = sizeof(methdescr), .repr = methdescr_repr, .descr_get = methdescr_get,
    .call = methdescr_call,
};
wk_type wk_type_classmethod_descr = {
    .ob = { WK_IMMORTAL, &wk_type_type }, .name = "classmethod_descriptor",
    .basicsize = sizeof(methdescr), .repr = methdescr_repr, .descr_get = classdescr_get,
    .call = classdescr_call,
};

/* ---------------------------------------------------------------- getset descriptors */

typedef struct { wk_obj ob; wk_type *type; const wk_getsetdef *def; } getsetdescr;

wk_value wk_getset_descr_new(wk_type *t, const wk_getsetdef *def) {
    getsetdescr *d = (getsetdescr *)wk_obj_alloc(&wk_type_getset_descr);
    if (!d) return WK_NULLV;
    d->type = t;
    d->def = def;
    return wk_objv(&d->ob);
}

static bool getset_check(getsetdescr *d, wk_value obj) {
    if (wk_isinstance_t(obj, d->type)) return true;
    wk_raise(wk_exc_TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
             d->def->name, d->type->name, wk_typename(obj));
    return false;
}

static wk_value getset_get(wk_value descr, wk_value obj, wk_type *owner) {
    getsetdescr *d = (getsetdescr *)descr.u.o;
    (void)owner;
    if (WK_IS_NULL(obj)) return wk_incref(descr);
    if (!getset_check(d, obj)) return WK_NULLV;
    return d->def->get(obj);
}

static int getset_set(wk_value descr, wk_value obj, wk_value v) {
    getsetdescr *d = (getsetdescr *)descr.u.o;
    if (!getset_check(d, obj)) return -1;
    if (!d->def->set) {
        wk_raise(wk_exc_AttributeError, "attribute '%s' of '%s' objects is not writable",
                 d->def->name, d->type->name);
        return -1;
    }
    return d->def->set(obj, v);
}

static wk_value getset_repr(wk_value v) {
    getsetdescr *d = (getsetdescr *)v.u.o;
    return wk_str_fromf("<attribute '%s' of '%s' objects>", d->def->name, d->type->name);
}

wk_type wk_type_getset_descr = {
    .ob = { WK_IMMORTAL, &wk_type_type }, .name = "getset_descriptor",
    .basicsize = sizeof(getsetdescr), .repr = getset_repr, .descr_get = getset_get,
    .descr_set = getset_set,
};

/* ---------------------------------------------------------------- property */

typedef struct {
    wk_obj ob;
    wk_value fget, fset, fdel, doc, name;
    bool getter_doc;
} property;

static void property_dealloc(wk_obj *o) {
    property *p = (property *)o;
    wk_decref(p->fget); wk_decref(p->fset); wk_decref(p->fdel);
    wk_decref(p->doc); wk_decref(p->name);
    wk_obj_free(o);
}

static wk_value opt(wk_value v) { return WK_IS_NONE(v) ? WK_NULLV : v; }

static int property_init(wk_value self, const wk_value *args, int nargs, wk_obj *kw) {
    property *p = (property *)self.u.o;
    wk_value a[4];
    if (!wk_args_parse("property", args, nargs, kw, "|fget fset fdel doc", a)) return -1;
    wk_assign(&p->fget, opt(a[0]));
    wk_assign(&p->fset, opt(a[1]));
    wk_assign(&p->fdel, opt(a[2]));
    wk_assign(&p->doc, opt(a[3]));
    p->getter_doc = false;
    if (WK_IS_NULL(p->doc) && !WK_IS_NULL(p->fget)) {
        wk_value d = wk_getattr_opt(p->fget, wk_dunder(WK_DN_doc));
        if (WK_IS_NULL(d) && wk_err_occurred()) return -1;
        p->doc = WK_IS_NONE(d) ? WK_NULLV : d;
        p->getter_doc = !WK_IS_NULL(p->doc);
    }
    return 0;
}

static const char *prop_name(property *p) {
    return wk_is_str(p->name) ? wk_str_cstr(p->name) : NULL;
}

static wk_value prop_err(property *p, wk_value obj, const char *what) {
    const char *n = prop_name(p);
    if (n)
        return wk_raise(wk_exc_AttributeError, "property '%s' of '%s' object has no %s", n,
                        wk_typename(obj), what);
    return wk_raise(wk_exc_AttributeError, "property of '%s' object has no %s", wk_typename(obj), what);
}

static wk_value property_get(wk_value self, wk_value obj, wk_type *owner) {
    property *p = (property *)self.u.o;
    (void)owner;
    if (WK_IS_NULL(obj)) return wk_incref(self);
    if (WK_IS_NULL(p->fget)) return prop_err(p, obj, "getter");
    return wk_call1(p->fget, obj);
}

static int property_set(wk_value self, wk_value obj, wk_value v) {
    property *p = (property *)self.u.o;
    wk_value f = WK_IS_NULL(v) ? p->fdel : p->fset, r;
    if (WK_IS_NULL(f)) {
        prop_err(p, obj, WK_IS_NULL(v) ? "deleter" : "setter");
        return -1;
    }
    r = WK_IS_NULL(v) ? wk_call1(f, obj) : wk_call2(f, obj, v);
    if (WK_IS_NULL(r)) return -1;
    wk_decref(r);
    return 0;
}

/* prop.getter/setter/deleter(f): a copy with one function replaced. */
static wk_value property_copy(wk_value self, int which, wk_value f) {
    property *p = (property *)self.u.o;
    wk_value a[4] = { p->fget, p->fset, p->fdel, p->getter_doc ? WK_NONEV : p->doc };
    for (int i = 0; i < 4; i++) if (WK_IS_NULL(a[i])) a[i] = WK_NONEV;
    a[which] = f;
    if (which == 0 && p->getter_doc) a[3] = WK_NONEV;
    wk_value r = wk_call(wk_typev(wk_typeof(self)), a, 4, NULL);
    if (!WK_IS_NULL(r) && wk_isinstance_t(r, &wk_type_property))
        wk_assign(&((property *)r.u.o)->name, p->name);
    return r;
}

static wk_value prop_getter(const wk_value *a, int n, wk_obj *kw) {
    return wk_check_o("getter", n - 1, kw) ? property_copy(a[0], 0, a[1]) : WK_NULLV;
}
static wk_value prop_setter(const wk_value *a, int n, wk_obj *kw) {
    return wk_check_o("setter", n - 1, kw) ? property_copy(a[0], 1, a[1]) : WK_NULLV;
}
static wk_value prop_deleter(const wk_value *a, int n, wk_obj *kw) {
    return wk_check_o("deleter", n - 1, kw) ? property_copy(a[0], 2, a[1]) : WK_NULLV;
}
static wk_value prop_set_name(const wk_value *a, int n, wk_obj *kw) {
    wk_value out[2];
    if (!wk_args_parse("__set_name__", a + 1, n - 1, kw, "owner name /", out)) return WK_NULLV;
    wk_assign(&((property *)a[0].u.o)->name, out[1]);
    return WK_NONEV;
}
static const wk_methoddef property_methods[] = {
    { "getter", prop_getter, 0, "Descriptor to obtain a copy of the property with a different getter." },
    { "setter", prop_setter, 0, "Descriptor to obtain a copy of the property with a different setter." },
    { "deleter", prop_deleter, 0, "Descriptor to obtain a copy of the property with a different deleter." },
    { "__set_name__", prop_set_name, 0, "Method to set name of a property." },
    { NULL, NULL, 0, NULL }
};

static wk_value none_if_null(wk_value v) { return WK_IS_NULL(v) ? WK_NONEV : wk_incref(v); }
static wk_value prop_fget(wk_value s) { return none_if_null(((property *)s.u.o)->fget); }
static wk_value prop_fset(wk_value s) { return none_if_null(((property *)s.u.o)->fset); }
static wk_value prop_fdel(wk_value s) { return none_if_null(((property *)s.u.o)->fdel); }
static wk_value prop_doc(wk_value s) { return none_if_null(((property *)s.u.o)->doc); }
static int prop_set_doc(wk_value s, wk_value v) { wk_assign(&((property *)s.u.o)->doc, v); return 0; }
static const wk_getsetdef property_getsets[] = {
    { "fget", prop_fget, NULL, NULL }, { "fset", prop_fset, NULL, NULL },
    { "fdel", prop_fdel, NULL, NULL }, { "__doc__", prop_doc, prop_set_doc, NULL },
    { NULL, NULL, NULL, NULL }
};

wk_type wk_type_property = {
    .ob = { WK_IMMORTAL, &wk_type_type }, .name = "property", .basicsize = sizeof(property),
    .flags = WK_TPFLAG_BASETYPE, .doc = "Property attribute.",
    .dealloc = property_dealloc, .new = wk_object_new, .init = property_init,
    .descr_get = property_get, .descr_set = property_set,
};

/* ---------------------------------------------------------------- staticmethod, classmethod */

typedef struct { wk_obj ob; wk_value func; } funcwrap;

static void funcwrap_dealloc(wk_obj *o) {
    wk_decref(((funcwrap *)o)->func);
    wk_obj_free(o);
}

static int funcwrap_init(wk_value self, const wk_value *args, int nargs, wk_obj *kw) {
    wk_value f;
    if (!wk_args_parse(wk_typename(self), args, nargs, kw, "function /", &f)) return -1;
    wk_assign(&((funcwrap *)self.u.o)->func, f);
    return 0;
}

static wk_value funcwrap_repr(wk_value self) {
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_printf(&sb, "<%s(", wk_typename(self));
    if (!wk_repr_to(&sb, ((funcwrap *)self.u.o)->func)) { wk_sbuf_free(&sb); return WK_NULLV; }
    wk_sbuf_adds(&sb, ")>");
    return wk_str_from_sbuf(&sb);
}

wk_value wk_staticmethod_func(wk_value sm) { return ((funcwrap *)sm.u.o)->func; }

static wk_value static_get(wk_value self, wk_value obj, wk_type *owner) {
    (void)obj; (void)owner;
    return wk_incref(((funcwrap *)self.u.o)->func);
}

static wk_value static_call(wk_value self, const wk_value *args, int nargs, wk_obj *kw) {
    return wk_call(((funcwrap *)self.u.o)->func, args, nargs, kw);
}

static wk_value class_get(wk_value self, wk_value obj, wk_type *owner) {
    if (!owner) owner = wk_typeof(obj);
    return wk_method_new(((funcwrap *)self.u.o)->func, wk_typev(owner));
}

static wk_value funcwrap_func(wk_value s) { return wk_incref(((funcwrap *)s.u.o)->func); }
static const wk_getsetdef funcwrap_getsets[] = {
    { "__func__", funcwrap_func, NULL, NULL }, { "__wrapped__", funcwrap_func, NULL, NULL },
    { NULL, NULL, NULL, NULL }
};

wk_type wk_type_staticmethod = {
    .ob = { WK_IMMORTAL, &wk_type_type }, .name = "staticmethod", .basicsize = sizeof(funcwrap),
    .flags = WK_TPFLAG_BASETYPE, .doc = "Convert a function to be a static method.",
    .dealloc = funcwrap_dealloc, .new = wk_object_new, .init = funcwrap_init,
    .repr = funcwrap_repr, .descr_get = static_get, .call = static_call,
};
wk_type wk_type_classmethod = {
    .ob = { WK_IMMORTAL, &wk_type_type }, .name = "classmethod", .basicsize = sizeof(funcwrap),
    .flags = WK_TPFLAG_BASETYPE, .doc = "Convert a function to be a class method.",
    .dealloc = funcwrap_dealloc, .new = wk_object_new, .init = funcwrap_init,
    .repr = funcwrap_repr, .descr_get = class_get,
};

/* ---------------------------------------------------------------- super */

typedef struct { wk_obj ob; wk_type *type; wk_value obj; wk_type *obj_type; } superobj;

static void super_dealloc(wk_obj *o) {
    superobj *s = (superobj *)o;
    wk_decref(s->obj);
    if (s->type) wk_obj_decref(&s->type->ob);
    if (s->obj_type) wk_obj_decref(&s->obj_type->ob);
    wk_obj_free(o);
}

static wk_type *super_check(wk_type *type, wk_value obj) {
    if (wk_is_type(obj) && wk_type_is_subtype(WK_TYPEOBJ(obj), type)) return WK_TYPEOBJ(obj);
    if (wk_isinstance_t(obj, type)) return wk_typeof(obj);
    wk_raise(wk_exc_TypeError, "super(type, obj): obj must be an instance or subtype of type");
    return NULL;
}

static int super_init(wk_value self, const wk_value *args, int nargs, wk_obj *kw) {
    superobj *s = (superobj *)self.u.o;
    wk_value a[2] = { WK_NULLV, WK_NULLV };
    wk_type *type;
    if (!wk_args_parse("super", args, nargs, kw, "|type obj /", a)) return -1;
    if (nargs == 0) {
        if (!wk_frame_super_args(&a[1], &type)) return -1;
    } else if (!wk_is_type(a[0])) {
        wk_raise(wk_exc_TypeError, "super() argument 1 must be a type, not %s", wk_typename(a[0]));
        return -1;
    } else {
        type = WK_TYPEOBJ(a[0]);
    }
    wk_type *ot = NULL;
    if (!WK_IS_NULL(a[1]) && !WK_IS_NONE(a[1]) && !(ot = super_check(type, a[1]))) return -1;
    wk_obj_incref(&type->ob);
    if (ot) wk_obj_incref(&ot->ob);
    if (s->type) wk_obj_decref(&s->type->ob);
    if (s->obj_type) wk_obj_decref(&s->obj_type->ob);
    s->type = type;
    s->obj_type = ot;
    wk_assign(&s->obj, ot ? a[1] : WK_NULLV);
    return 0;
}

static wk_value super_getattr(wk_value self, wk_obj *name) {
    superobj *s = (superobj *)self.u.o;
    if (!s->obj_type || wk_str_equal(name, wk_dunder(WK_DN_class))) return wk_generic_getattr(self, name);
    wk_tuple *m = WK_TUPLE(s->obj_type->mro);
    int64_t i = 0;
    while (i < m->len && m->items[i].u.o != &s->type->ob) i++;
    for (i++; i < m->len; i++) {
        wk_value r;
        if (wk_dict_lookup_str(WK_TYPEOBJ(m->items[i])->dict, name, &r) <= 0) continue;
        wk_type *rt = wk_typeof(r);
        if (!rt->descr_get) return wk_incref(r);
        bool cls = s->obj.tag == WK_OBJ && s->obj.u.o == &s->obj_type->ob;
        return rt->descr_get(r, cls ? WK_NULLV : s->obj, s->obj_type);
    }
    return wk_generic_getattr(self, name);
}

static wk_value super_repr(wk_value self) {
    superobj *s = (superobj *)self.u.o;
    const char *tn = s->type ? wk_type_qualname(s->type) : "NULL";
    if (s->obj_type) return wk_str_fromf("<super: <class '%s'>, <%s object>>", tn, wk_type_qualname(s->obj_type));
    return wk_str_fromf("<super: <class '%s'>, NULL>", tn);
}

wk_type wk_type_super = {
    .ob = { WK_IMMORTAL, &wk_type_type }, .name = "super", .basicsize = sizeof(superobj),
    .flags = WK_TPFLAG_BASETYPE,
    .doc = "super() -> same as super(__class__, <first argument>)\n"
           "super(type) -> unbound super object\n"
           "super(type, obj) -> bound super object; requires isinstance(obj, type)\n"
           "super(type, type2) -> bound super object; requires issubclass(type2, type)",
    .dealloc = super_dealloc, .new = wk_object_new, .init = super_init, .repr = super_repr,
    .getattr = super_getattr,
};

/* ---------------------------------------------------------------- singletons */

static wk_obj notimpl_obj = { WK_IMMORTAL, &wk_type_notimplemented };
static wk_obj ellipsis_obj = { WK_IMMORTAL, &wk_type_ellipsis };

wk_value wk_notimplemented(void) { return wk_incref(wk_objv(&notimpl_obj)); }
wk_value wk_ellipsis(void) { return wk_incref(wk_objv(&ellipsis_obj)); }
bool wk_is_notimplemented(wk_value v) { return v.tag == WK_OBJ && v.u.o == &notimpl_obj; }

static wk_value notimpl_repr(wk_value v) { (void)v; return wk_str_from_c("NotImplemented"); }
static wk_value ellipsis_repr(wk_value v) { (void)v; return wk_str_from_c("Ellipsis"); }
static wk_value singleton_new(wk_type *t, const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (nargs || kw) return wk_raise(wk_exc_TypeError, "%s takes no arguments", t->name);
    return t == &wk_type_ellipsis ? wk_ellipsis() : wk_notimplemented();
}

wk_type wk_type_notimplemented = {
    .ob = { WK_IMMORTAL, &wk_type_type }, .name = "NotImplementedType",
    .basicsize = sizeof(wk_obj), .new = singleton_new, .repr = notimpl_repr,
};
wk_type wk_type_ellipsis = {
    .ob = { WK_IMMORTAL, &wk_type_type }, .name = "ellipsis",
    .basicsize = sizeof(wk_obj), .new = singleton_new, .repr = ellipsis_repr,
};

bool wk_descr_types_init(void) {
    static wk_type *const types[] = {
        &wk_type_cfunction, &wk_type_method_descr, &wk_type_classmethod_descr,
        &wk_type_getset_descr, &wk_type_property, &wk_type_staticmethod,
        &wk_type_classmethod, &wk_type_super, &wk_type_notimplemented, &wk_type_ellipsis,
    };
    if (!wk_type_add_getsets(&wk_type_cfunction, cfunc_getsets) ||
        !wk_type_add_getsets(&wk_type_method_descr, methdescr_getsets) ||
        !wk_type_add_getsets(&wk_type_classmethod_descr, methdescr_getsets) ||
        !wk_type_add_methods(&wk_type_property, property_methods) ||
        !wk_type_add_getsets(&wk_type_property, property_getsets) ||
        !wk_type_add_getsets(&wk_type_staticmethod, funcwrap_getsets) ||
        !wk_type_add_getsets(&wk_type_classmethod, funcwrap_getsets) ||
        !wk_slot_wrapper_types_init())
        return false;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (!wk_type_ready(types[i])) return false;
    return wk_type_ready(&wk_type_slot_wrapper) && wk_type_ready(&wk_type_method_wrapper);
}
