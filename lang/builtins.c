/* builtins.c — the builtins module's functions about objects and iteration (len, repr,
 * isinstance, getattr, iter, next, dir, sorted...) and wk_builtins_init, which registers
 * them, the numeric and I/O builtins and the built-in type names. */
#include "containers.h"
#include "init.h"
#include "vm.h"
#include <string.h>

#define ONE_ARG(name) if (!wk_check_o(name, nargs, kw)) return WK_NULLV

static wk_value b_len(const wk_value *args, int nargs, wk_obj *kw) {
    ONE_ARG("len");
    int64_t n = wk_len(args[0]);
    return n < 0 ? WK_NULLV : wk_int(n);
}

static wk_value b_repr(const wk_value *args, int nargs, wk_obj *kw) { ONE_ARG("repr"); return wk_repr(args[0]); }
static wk_value b_ascii(const wk_value *args, int nargs, wk_obj *kw) { ONE_ARG("ascii"); return wk_ascii(args[0]); }
static wk_value b_callable(const wk_value *args, int nargs, wk_obj *kw) { ONE_ARG("callable"); return wk_bool(wk_callable(args[0])); }

static wk_value b_hash(const wk_value *args, int nargs, wk_obj *kw) {
    ONE_ARG("hash");
    int64_t h;
    return wk_hash(args[0], &h) ? wk_int(h) : WK_NULLV;
}

static wk_value b_id(const wk_value *args, int nargs, wk_obj *kw) {
    ONE_ARG("id");
    wk_value v = args[0];
    if (v.tag == WK_OBJ) return wk_int((int64_t)(uintptr_t)v.u.o);
    /* unboxed values: equal values share an id, never an object's (odd) address */
    return wk_int((int64_t)((((uint64_t)v.u.i * 8 + (uint64_t)v.tag) << 1 | 1) & INT64_MAX));
}

static wk_value b_iter(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_args("iter", nargs, kw, 1, 2)) return WK_NULLV;
    if (nargs == 1) return wk_iter(args[0]);
    if (!wk_callable(args[0])) return wk_raise(wk_exc_TypeError, "iter(v, w): v must be callable");
    return wk_calliter_new(args[0], args[1]);
}

static wk_value b_next(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_args("next", nargs, kw, 1, 2)) return WK_NULLV;
    if (!wk_typeof(args[0])->next)
        return wk_raise(wk_exc_TypeError, "'%s' object is not an iterator", wk_typename(args[0]));
    if (nargs == 1 && wk_typeof(args[0]) == &wk_type_generator)
        return wk_call_method_s(args[0], "__next__", NULL, 0);   /* keeps StopIteration.value */
    wk_value v = wk_next(args[0]);
    if (!WK_IS_NULL(v) || wk_err_occurred()) return v;
    if (nargs == 2) return wk_incref(args[1]);
    wk_obj *e = wk_exc_new(wk_exc_StopIteration, NULL, 0);
    if (e) wk_err_restore(e);
    return WK_NULLV;
}

static bool is_type(wk_value v) { return v.tag == WK_OBJ && wk_isinstance_t(v, &wk_type_type); }

/* A non-class spec whose type defines __instancecheck__ / __subclasscheck__ (typing's
 * aliases): the hook decides. -1 with no exception pending: bad spec. */
static int class_match_hook(wk_value obj, wk_value spec, bool sub) {
    wk_value hook = wk_type_lookup(wk_typeof(spec), wk_intern(sub ? "__subclasscheck__" : "__instancecheck__"));
    if (WK_IS_NULL(hook)) return -1;
    wk_value r = wk_call_method_s(spec, sub ? "__subclasscheck__" : "__instancecheck__", &obj, 1);
    if (WK_IS_NULL(r)) return -2;
    int t = wk_truthy(r);
    wk_decref(r);
    return t < 0 ? -2 : t;
}

/* isinstance/issubclass against a class or a (nested) tuple of classes: -1 bad spec,
 * -2 error raised by a hook. */
static int class_match(wk_value obj, wk_value spec, bool sub) {
    if (is_type(spec)) {
        wk_type *t = (wk_type *)spec.u.o;
        return sub ? wk_type_is_subtype((wk_type *)obj.u.o, t) : wk_isinstance_t(obj, t);
    }
    if (!wk_is_tuple(spec)) return class_match_hook(obj, spec, sub);
    for (int64_t i = 0; i < WK_TUPLE(spec.u.o)->len; i++) {
        int r = class_match(obj, WK_TUPLE(spec.u.o)->items[i], sub);
        if (r) return r;
    }
    return 0;
}

static wk_value b_isinstance(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_args("isinstance", nargs, kw, 2, 2)) return WK_NULLV;
    int r = class_match(args[0], args[1], false);
    if (r == -2) return WK_NULLV;
    if (r < 0) return wk_raise(wk_exc_TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union");
    return wk_bool(r);
}

static wk_value b_issubclass(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_args("issubclass", nargs, kw, 2, 2)) return WK_NULLV;
    if (!is_type(args[0])) return wk_raise(wk_exc_TypeError, "issubclass() arg 1 must be a class");
    int r = class_match(args[0], args[1], true);
    if (r == -2) return WK_NULLV;
    if (r < 0) return wk_raise(wk_exc_TypeError, "issubclass() arg 2 must be a class, a tuple of classes, or a union");
    return wk_bool(r);
}

static bool attr_name(wk_value v) {
    if (wk_is_str(v)) return true;
    wk_raise(wk_exc_TypeError, "attribute name must be string, not '%s'", wk_typename(v));
    return false;
}

static wk_value b_getattr(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_args("getattr", nargs, kw, 2, 3) || !attr_name(args[1])) return WK_NULLV;
    if (nargs == 2) return wk_getattr(args[0], args[1].u.o);
    wk_value v = wk_getattr_opt(args[0], args[1].u.o);
    if (WK_IS_NULL(v) && !wk_err_occurred()) return wk_incref(args[2]);
    return v;
}

static wk_value b_setattr(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_args("setattr", nargs, kw, 3, 3) || !attr_name(args[1])) return WK_NULLV;
    return wk_setattr(args[0], args[1].u.o, args[2]) < 0 ? WK_NULLV : WK_NONEV;
}

static wk_value b_delattr(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_args("delattr", nargs, kw, 2, 2) || !attr_name(args[1])) return WK_NULLV;
    return wk_setattr(args[0], args[1].u.o, WK_NULLV) < 0 ? WK_NULLV : WK_NONEV;
}

static wk_value b_hasattr(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_args("hasattr", nargs, kw, 2, 2) || !attr_name(args[1])) return WK_NULLV;
    int r = wk_hasattr(args[0], args[1].u.o);
    return r < 0 ? WK_NULLV : wk_bool(r);
}

/* Calls another builtin by name (locals() for vars()/dir() without arguments). */
static wk_value call_builtin(const char *name) {
    wk_value f = wk_vm_state.builtins ? wk_dict_get_s(wk_vm_state.builtins, name) : WK_NULLV;
    if (WK_IS_NULL(f)) return wk_raise(wk_exc_NameError, "name '%s' is not defined", name);
    return wk_call0(f);
}

static wk_value b_vars(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_args("vars", nargs, kw, 0, 1)) return WK_NULLV;
    if (nargs == 0) return call_builtin("locals");
    wk_value d = wk_getattr_opt(args[0], wk_intern("__dict__"));
    if (WK_IS_NULL(d) && !wk_err_occurred())
        return wk_raise(wk_exc_TypeError, "vars() argument must have __dict__ attribute");
    return d;
}

static int add_keys(wk_obj *set, wk_obj *dict) {
    int64_t pos = 0;
    wk_value k;
    if (!dict || !wk_is_dict_like(wk_objv(dict))) return 0;
    while (wk_dict_next(dict, &pos, &k, NULL))
        if (wk_set_add(set, k) < 0) return -1;
    return 0;
}

static int add_type_names(wk_obj *set, wk_type *t) {
    wk_obj *mro = t->mro;
    if (!mro) return add_keys(set, t->dict);
    for (int64_t i = 0; i < WK_TUPLE(mro)->len; i++)
        if (add_keys(set, ((wk_type *)WK_TUPLE(mro)->items[i].u.o)->dict) < 0) return -1;
    return 0;
}

/* object.__dir__: instance __dict__ plus the attributes of the class and its bases. */
static wk_value default_dir(wk_value o) {
    wk_obj *set = wk_set_new(&wk_type_set);
    if (!set) return WK_NULLV;
    int r = 0;
    if (o.tag == WK_OBJ && o.u.o->type == &wk_type_module) r = add_keys(set, wk_module_dict(o.u.o));
    else if (is_type(o)) r = add_type_names(set, (wk_type *)o.u.o);
    else {
        wk_obj **dp = o.tag == WK_OBJ ? wk_obj_dictptr(o.u.o) : NULL;
        if (dp) r = add_keys(set, *dp);
        if (r == 0) r = add_type_names(set, wk_typeof(o));
    }
    wk_value l = r < 0 ? WK_NULLV : wk_list_from_iter(wk_objv(set));
    wk_obj_decref(set);
    return l;
}

/* True when type(o) overrides object.__dir__ (types and modules use the default). */
static bool has_own_dir(wk_value o) {
    if (is_type(o)) return false;
    wk_obj *name = wk_intern("__dir__");
    wk_value m = wk_type_lookup(wk_typeof(o), name);
    return !WK_IS_NULL(m) && !wk_is(m, wk_type_lookup(&wk_type_object, name)) &&
           !(wk_typeof(o) == &wk_type_module);
}

static wk_value b_dir(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_args("dir", nargs, kw, 0, 1)) return WK_NULLV;
    wk_value names;
    if (nargs == 0) {
        wk_value loc = call_builtin("locals");
        names = WK_IS_NULL(loc) ? loc : wk_list_from_iter(loc);
        wk_decref(loc);
    } else if (has_own_dir(args[0])) {
        wk_value r = wk_call_method_s(args[0], "__dir__", NULL, 0);
        names = WK_IS_NULL(r) ? r : wk_list_from_iter(r);
        wk_decref(r);
    } else names = default_dir(args[0]);
    if (!WK_IS_NULL(names) && !wk_list_sort(names.u.o, WK_NULLV, false)) wk_clear(&names);
    return names;
}

/* any()/all(): stops at the first item whose truth equals `stop_on`. */
static wk_value any_all(wk_value iterable, bool stop_on) {
    wk_value it = wk_iter(iterable);
    if (WK_IS_NULL(it)) return it;
    for (wk_value x; !WK_IS_NULL(x = wk_next(it));) {
        int t = wk_truthy(x);
        wk_decref(x);
        if (t < 0 || t == stop_on) {
            wk_decref(it);
            return t < 0 ? WK_NULLV : wk_bool(stop_on);
        }
    }
    wk_decref(it);
    return wk_err_occurred() ? WK_NULLV : wk_bool(!stop_on);
}

static wk_value b_any(const wk_value *args, int nargs, wk_obj *kw) { ONE_ARG("any"); return any_all(args[0], true); }
static wk_value b_all(const wk_value *args, int nargs, wk_obj *kw) { ONE_ARG("all"); return any_all(args[0], false); }

static wk_value b_sorted(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value opt[2];
    if (nargs != 1) return wk_raise(wk_exc_TypeError, "sorted expected 1 argument, got %d", nargs);
    if (!wk_args_parse("sorted", args + 1, 0, kw, "$key reverse", opt)) return WK_NULLV;
    int rev = WK_IS_NULL(opt[1]) ? 0 : wk_truthy(opt[1]);
    if (rev < 0) return WK_NULLV;
    wk_value l = wk_list_from_iter(args[0]);
    if (!WK_IS_NULL(l) && !wk_list_sort(l.u.o, opt[0], rev)) wk_clear(&l);
    return l;
}

static const wk_methoddef core_funcs[] = {
    { "len", b_len, 0, "Return the number of items in a container." },
    { "repr", b_repr, 0, "Return the canonical string representation of the object.\n\nFor many object types, including most builtins, eval(repr(obj)) == obj." },
    { "ascii", b_ascii, 0, "Return an ASCII-only representation of an object." },
    { "callable", b_callable, 0, "Return whether the object is callable (i.e., some kind of function)." },
    { "hash", b_hash, 0, "Return the hash value for the given object." },
    { "id", b_id, 0, "Return the identity of an object." },
    { "iter", b_iter, 0, "iter(iterable) -> iterator\niter(callable, sentinel) -> iterator\n\nGet an iterator from an object." },
    { "next", b_next, 0, "next(iterator[, default])\n\nReturn the next item from the iterator." },
    { "isinstance", b_isinstance, 0, "Return whether an object is an instance of a class or of a subclass thereof." },
    { "issubclass", b_issubclass, 0, "Return whether 'cls' is derived from another class or is the same class." },
    { "getattr", b_getattr, 0, "getattr(object, name[, default]) -> value\n\nGet a named attribute from an object." },
    { "setattr", b_setattr, 0, "Sets the named attribute on the given object to the specified value." },
    { "delattr", b_delattr, 0, "Deletes the named attribute from the given object." },
    { "hasattr", b_hasattr, 0, "Return whether the object has an attribute with the given name." },
    { "vars", b_vars, 0, "vars([object]) -> dictionary\n\nWithout arguments, equivalent to locals().\nWith an argument, equivalent to object.__dict__." },
    { "dir", b_dir, 0, "dir([object]) -> list of strings" },
    { "any", b_any, 0, "Return True if bool(x) is True for any x in the iterable." },
    { "all", b_all, 0, "Return True if bool(x) is True for all values x in the iterable." },
    { "sorted", b_sorted, 0, "Return a new list containing all items from the iterable in ascending order." },
    { NULL, NULL, 0, NULL }
};

static bool add_funcs(wk_obj *d, const wk_methoddef *defs) {
    wk_obj *modname = wk_intern("builtins");
    for (; defs->name; defs++) {
        wk_value f = wk_cfunction_new(defs->name, defs->fn, defs->doc);
        if (WK_IS_NULL(f)) return false;
        wk_cfunction *cf = (wk_cfunction *)f.u.o;
        if (!cf->module_name) { wk_obj_incref(modname); cf->module_name = modname; }
        int r = wk_dict_set_s(d, defs->name, f);
        wk_decref(f);
        if (r < 0) return false;
    }
    return true;
}

bool wk_builtins_init(wk_obj *d) {
    static const struct { const char *name; wk_type *t; } types[] = {
        { "object", &wk_type_object }, { "type", &wk_type_type }, { "int", &wk_type_int },
        { "float", &wk_type_float }, { "bool", &wk_type_bool }, { "str", &wk_type_str },
        { "bytes", &wk_type_bytes }, { "list", &wk_type_list }, { "tuple", &wk_type_tuple },
        { "dict", &wk_type_dict }, { "set", &wk_type_set }, { "frozenset", &wk_type_frozenset },
        { "range", &wk_type_range }, { "slice", &wk_type_slice },
        { "enumerate", &wk_type_enumerate }, { "zip", &wk_type_zip }, { "map", &wk_type_map },
        { "filter", &wk_type_filter }, { "reversed", &wk_type_reversed },
        { "property", &wk_type_property }, { "staticmethod", &wk_type_staticmethod },
        { "classmethod", &wk_type_classmethod }, { "super", &wk_type_super },
    };
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (wk_dict_set_s(d, types[i].name, wk_objv(&types[i].t->ob)) < 0) return false;
    return add_funcs(d, core_funcs) && add_funcs(d, wk_builtins_num) &&
           add_funcs(d, wk_builtins_io) && wk_dict_set_s(d, "__debug__", WK_TRUEV) == 0;
}
