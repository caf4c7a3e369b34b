/* genericalias.c — PEP 585/604 type expressions: list[int] (types.GenericAlias), int | None (types.UnionType), __class_getitem__ on the built-in containers and | on classes. */
#include <string.h>
#include "containers.h"
#include "objimpl.h"
#include "init.h"

typedef struct { wk_obj ob; wk_value origin; wk_obj *args; } galias;   /* args: a tuple */
typedef struct { wk_obj ob; wk_obj *args; } uniontype;                 /* args: a tuple */
#define GA(v) ((galias *)(v).u.o)
#define UT(v) ((uniontype *)(v).u.o)

static wk_type galias_type, union_type;

static bool is_galias(wk_value v) { return v.tag == WK_OBJ && v.u.o->type == &galias_type; }
static bool is_union(wk_value v) { return v.tag == WK_OBJ && v.u.o->type == &union_type; }

/* An argument as CPython's ga_repr / union_repr show it: '...', builtins classes by
 * their qualified name, other classes as module.qualname, anything else by repr. */
static bool arg_repr_to(wk_sbuf *sb, wk_value v, bool none_word) {
    if (v.tag == WK_OBJ && v.u.o->type == &wk_type_ellipsis) { wk_sbuf_adds(sb, "..."); return true; }
    if (none_word && wk_is_type(v) && WK_TYPEOBJ(v) == &wk_type_none) { wk_sbuf_adds(sb, "None"); return true; }
    if (!wk_is_type(v) || is_galias(v)) return wk_repr_to(sb, v);
    wk_value qn = wk_getattr_s(v, "__qualname__");
    if (WK_IS_NULL(qn)) return false;
    wk_value mod = wk_getattr_opt(v, wk_intern("__module__"));
    if (wk_is_str(mod) && strcmp(wk_str_cstr(mod), "builtins") != 0) {
        wk_str_to(sb, mod);
        wk_sbuf_addc(sb, '.');
    }
    bool ok = wk_str_to(sb, qn);
    wk_decref(qn);
    wk_decref(mod);
    return ok && !wk_err_occurred();
}

static wk_value args_joined(wk_value head, wk_obj *args, const char *sep, bool none_word, bool brackets) {
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    bool ok = WK_IS_NULL(head) || arg_repr_to(&sb, head, false);
    if (brackets) wk_sbuf_addc(&sb, '[');
    if (brackets && WK_TUPLE(args)->len == 0) wk_sbuf_adds(&sb, "()");
    for (int64_t i = 0; ok && i < WK_TUPLE(args)->len; i++) {
        if (i) wk_sbuf_adds(&sb, sep);
        ok = arg_repr_to(&sb, WK_TUPLE(args)->items[i], none_word);
    }
    if (brackets) wk_sbuf_addc(&sb, ']');
    if (!ok) { wk_sbuf_free(&sb); return WK_NULLV; }
    return wk_str_from_sbuf(&sb);
}

/* ---------------------------------------------------------------- GenericAlias */

static wk_value galias_new_raw(wk_value origin, wk_value item) {
    wk_obj *args;
    if (wk_is_tuple(item)) { args = item.u.o; wk_obj_incref(args); }
    else if (!(args = wk_tuple_pack(1, item))) return WK_NULLV;
    galias *g = (galias *)wk_obj_alloc(&galias_type);
    if (!g) { wk_obj_decref(args); return WK_NULLV; }
    g->origin = wk_incref(origin);
    g->args = args;
    return wk_objv(&g->ob);
}

static void galias_dealloc(wk_obj *o) {
    wk_decref(((galias *)o)->origin);
    wk_obj_decref(((galias *)o)->args);
    wk_obj_free(o);
}

static wk_value galias_repr(wk_value self) {
    return args_joined(GA(self)->origin, GA(self)->args, ", ", false, true);
}

/* list[int](...) makes a list. */
static wk_value galias_call(wk_value self, const wk_value *args, int nargs, wk_obj *kwnames) {
    return wk_call(GA(self)->origin, args, nargs, kwnames);
}

static wk_value galias_richcmp(wk_value a, wk_value b, wk_cmp_op op) {
    if (!is_galias(b) || (op != WK_EQ && op != WK_NE)) return wk_notimplemented();
    int r = wk_eq(GA(a)->origin, GA(b)->origin);
    if (r > 0) r = wk_eq(wk_objv(GA(a)->args), wk_objv(GA(b)->args));
    if (r < 0) return WK_NULLV;
    return wk_bool(op == WK_EQ ? r : !r);
}

static bool galias_hash(wk_value self, int64_t *out) {
    int64_t h1, h2;
    if (!wk_hash(GA(self)->origin, &h1) || !wk_hash(wk_objv(GA(self)->args), &h2)) return false;
    *out = h1 ^ h2;
    if (*out == -1) *out = -2;
    return true;
}

/* Attributes the alias does not have come from its origin (list[int].append). */
static wk_value galias_getattr(wk_value self, wk_obj *name) {
    wk_value v = wk_generic_getattr(self, name);
    if (!WK_IS_NULL(v) || !wk_err_matches(wk_exc_AttributeError)) return v;
    const char *s = wk_str_cstr(wk_objv(name));
    if (s[0] == '_' && s[1] == '_') return v;
    wk_err_clear();
    return wk_getattr(GA(self)->origin, name);
}

static wk_value ga_get_origin(wk_value self) { return wk_incref(GA(self)->origin); }
static wk_value ga_get_args(wk_value self) { wk_obj_incref(GA(self)->args); return wk_objv(GA(self)->args); }
static wk_value ga_get_params(wk_value self) { (void)self; return wk_objv(wk_empty_tuple()); }

static const wk_getsetdef galias_getsets[] = {
    { "__origin__", ga_get_origin, NULL, NULL },
    { "__args__", ga_get_args, NULL, NULL },
    { "__parameters__", ga_get_params, NULL, NULL },
    { NULL, NULL, NULL, NULL }
};

static wk_value ga_instancecheck(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args; (void)nargs; (void)kw;
    return wk_raise(wk_exc_TypeError, "isinstance() argument 2 cannot be a parameterized generic");
}
static wk_value ga_subclasscheck(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args; (void)nargs; (void)kw;
    return wk_raise(wk_exc_TypeError, "issubclass() argument 2 cannot be a parameterized generic");
}

/* class L(list[int]) derives from list. */
static wk_value ga_mro_entries(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_o("__mro_entries__", nargs - 1, kw)) return WK_NULLV;
    return wk_objv(wk_tuple_pack(1, GA(args[0])->origin));
}

static const wk_methoddef galias_methods[] = {
    { "__mro_entries__", ga_mro_entries, 0, NULL },
    { "__instancecheck__", ga_instancecheck, 0, NULL },
    { "__subclasscheck__", ga_subclasscheck, 0, NULL },
    { NULL, NULL, 0, NULL }
};

/* cls.__class_getitem__(item): list[int] */
static wk_value class_getitem(const wk_value *args, int nargs, wk_obj *kw) {
    if (nargs != 2 || kw) return wk_raise(wk_exc_TypeError, "__class_getitem__() takes exactly one argument");
    return galias_new_raw(args[0], args[1]);
}

static const wk_methoddef cgi_methods[] = {
    { "__class_getitem__", class_getitem, WK_METH_CLASS, "See PEP 585" },
    { NULL, NULL, 0, NULL }
};

/* ---------------------------------------------------------------- UnionType */

/* Operands | accepts: None, classes, GenericAlias, UnionType. */
static bool union_operand(wk_value v) {
    return WK_IS_NONE(v) || wk_is_type(v) || is_galias(v) || is_union(v);
}

/* Appends v (or v's members when it is a union) to l unless already there. */
static bool union_add(wk_obj *l, wk_value v) {
    if (is_union(v)) {
        for (int64_t i = 0; i < WK_TUPLE(UT(v)->args)->len; i++)
            if (!union_add(l, WK_TUPLE(UT(v)->args)->items[i])) return false;
        return true;
    }
    if (WK_IS_NONE(v)) v = wk_typev(&wk_type_none);
    for (int64_t i = 0; i < WK_LIST(l)->len; i++) {
        int r = wk_eq(WK_LIST(l)->items[i], v);
        if (r) return r > 0;
    }
    return wk_list_append(l, v);
}

static wk_value union_or(wk_value a, wk_value b) {
    if (!union_operand(a) || !union_operand(b)) return wk_notimplemented();
    wk_obj *l = wk_list_new(0);
    if (!l) return WK_NULLV;
    if (!union_add(l, a) || !union_add(l, b)) { wk_obj_decref(l); return WK_NULLV; }
    if (WK_LIST(l)->len == 1) {
        wk_value only = wk_incref(WK_LIST(l)->items[0]);
        wk_obj_decref(l);
        return only;
    }
    wk_obj *t = wk_tuple_from_array(WK_LIST(l)->items, WK_LIST(l)->len);
    wk_obj_decref(l);
    if (!t) return WK_NULLV;
    uniontype *u = (uniontype *)wk_obj_alloc(&union_type);
    if (!u) { wk_obj_decref(t); return WK_NULLV; }
    u->args = t;
    return wk_objv(&u->ob);
}

static void union_dealloc(wk_obj *o) {
    wk_obj_decref(((uniontype *)o)->args);
    wk_obj_free(o);
}

static wk_value union_repr(wk_value self) {
    return args_joined(WK_NULLV, UT(self)->args, " | ", true, false);
}

/* Unions are equal when they hold the same members in any order. */
static wk_value union_richcmp(wk_value a, wk_value b, wk_cmp_op op) {
    if (!is_union(b) || (op != WK_EQ && op != WK_NE)) return wk_notimplemented();
    wk_obj *sa = wk_set_new(&wk_type_frozenset), *sb = wk_set_new(&wk_type_frozenset);
    bool ok = sa && sb;
    for (int64_t i = 0; ok && i < WK_TUPLE(UT(a)->args)->len; i++) ok = wk_set_add(sa, WK_TUPLE(UT(a)->args)->items[i]) == 0;
    for (int64_t i = 0; ok && i < WK_TUPLE(UT(b)->args)->len; i++) ok = wk_set_add(sb, WK_TUPLE(UT(b)->args)->items[i]) == 0;
    int r = ok ? wk_eq(wk_objv(sa), wk_objv(sb)) : -1;
    wk_obj_decref(sa);
    wk_obj_decref(sb);
    if (r < 0) return WK_NULLV;
    return wk_bool(op == WK_EQ ? r : !r);
}

static bool union_hash(wk_value self, int64_t *out) {
    int64_t h = 0x5f3759df;
    for (int64_t i = 0; i < WK_TUPLE(UT(self)->args)->len; i++) {
        int64_t hi;
        if (!wk_hash(WK_TUPLE(UT(self)->args)->items[i], &hi)) return false;
        h ^= hi;
    }
    *out = h == -1 ? -2 : h;
    return true;
}

static wk_value ut_get_args(wk_value self) { wk_obj_incref(UT(self)->args); return wk_objv(UT(self)->args); }

static const wk_getsetdef union_getsets[] = {
    { "__args__", ut_get_args, NULL, NULL },
    { "__parameters__", ga_get_params, NULL, NULL },
    { NULL, NULL, NULL, NULL }
};

/* isinstance(x, int | str): any member matches; members must be classes. */
static wk_value union_check(const wk_value *args, int nargs, bool sub) {
    if (nargs != 2) return wk_raise(wk_exc_TypeError, "expected 1 argument");
    wk_obj *members = UT(args[0])->args;
    for (int64_t i = 0; i < WK_TUPLE(members)->len; i++) {
        wk_value m = WK_TUPLE(members)->items[i];
        if (!wk_is_type(m) || is_galias(m))
            return wk_raise(wk_exc_TypeError, "%s() argument 2 cannot contain a parameterized generic",
                            sub ? "issubclass" : "isinstance");
        bool hit = sub ? (wk_is_type(args[1]) && wk_type_is_subtype(WK_TYPEOBJ(args[1]), WK_TYPEOBJ(m)))
                       : wk_isinstance_t(args[1], WK_TYPEOBJ(m));
        if (hit) return WK_TRUEV;
    }
    return WK_FALSEV;
}
static wk_value ut_instancecheck(const wk_value *a, int n, wk_obj *kw) { (void)kw; return union_check(a, n, false); }
static wk_value ut_subclasscheck(const wk_value *a, int n, wk_obj *kw) { (void)kw; return union_check(a, n, true); }

static const wk_methoddef union_methods[] = {
    { "__instancecheck__", ut_instancecheck, 0, NULL },
    { "__subclasscheck__", ut_subclasscheck, 0, NULL },
    { NULL, NULL, 0, NULL }
};

/* ---------------------------------------------------------------- types and start-up */

static wk_type galias_type = {
    .ob = { 1, &wk_type_type }, .name = "GenericAlias", .base = &wk_type_object,
    .basicsize = sizeof(galias), .module = "types", .dealloc = galias_dealloc,
    .repr = galias_repr, .call = galias_call, .richcmp = galias_richcmp, .hash = galias_hash,
    .getattr = galias_getattr, .nb = { [WK_NB_OR] = union_or },
    .doc = "Represent a PEP 585 generic type\n\nE.g. for t = list[int], t.__origin__ is list and t.__args__ is (int,).",
};

static wk_type union_type = {
    .ob = { 1, &wk_type_type }, .name = "UnionType", .base = &wk_type_object,
    .basicsize = sizeof(uniontype), .module = "types", .dealloc = union_dealloc,
    .repr = union_repr, .richcmp = union_richcmp, .hash = union_hash,
    .nb = { [WK_NB_OR] = union_or },
    .doc = "Represent a PEP 604 union type\n\nE.g. for int | str",
};

bool wk_genericalias_init(void) {
    static wk_type *const subscriptable[] = {
        &wk_type_list, &wk_type_dict, &wk_type_tuple, &wk_type_set, &wk_type_frozenset, NULL
    };
    if (!wk_type_ready(&galias_type) || !wk_type_add_getsets(&galias_type, galias_getsets)
        || !wk_type_add_methods(&galias_type, galias_methods))
        return false;
    if (!wk_type_ready(&union_type) || !wk_type_add_getsets(&union_type, union_getsets)
        || !wk_type_add_methods(&union_type, union_methods))
        return false;
    for (int i = 0; subscriptable[i]; i++)
        if (!wk_type_add_methods(subscriptable[i], cgi_methods)) return false;
    wk_type_type.nb[WK_NB_OR] = union_or;
    return true;
}
