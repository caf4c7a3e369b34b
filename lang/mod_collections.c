/* mod_collections.c — the _collections helper module: OrderedDict's keys/values/items as native methods returning odict_* views. */
#include "containers.h"
#include "objimpl.h"
#include <stdio.h>
#include "init.h"

/* An odict view wraps the dict's own view (dict_keys, ...), so iteration, membership,
 * set operations and comparisons are the dict's; only the type name differs. */
typedef struct { wk_obj ob; wk_value view; } odview;
#define ODV(v) (((odview *)(v).u.o)->view)

static wk_type odict_keys_type, odict_values_type, odict_items_type;

static bool is_odview(wk_value v) {
    if (v.tag != WK_OBJ) return false;
    wk_type *t = v.u.o->type;
    return t == &odict_keys_type || t == &odict_values_type || t == &odict_items_type;
}

static wk_value unwrap(wk_value v) { return is_odview(v) ? ODV(v) : v; }

static void odview_dealloc(wk_obj *o) {
    wk_decref(((odview *)o)->view);
    wk_obj_free(o);
}

static int64_t odview_len(wk_value self) { return wk_len(ODV(self)); }
static wk_value odview_iter(wk_value self) { return wk_iter(ODV(self)); }
static int odview_contains(wk_value self, wk_value x) { return wk_contains(ODV(self), x); }

/* odict_keys(['a', 'b']): the dict view's repr with its type name replaced. */
static wk_value odview_repr(wk_value self) {
    int r = wk_repr_enter(self.u.o);
    if (r) return r < 0 ? WK_NULLV : wk_str_from_c("...");
    wk_value l = wk_list_from_iter(ODV(self));
    wk_value body = WK_IS_NULL(l) ? WK_NULLV : wk_repr(l);
    wk_value res = WK_IS_NULL(body) ? WK_NULLV
                                    : wk_str_fromf("%s(%s)", self.u.o->type->name, wk_str_cstr(body));
    wk_decref(body);
    wk_decref(l);
    wk_repr_leave(self.u.o);
    return res;
}

static wk_value odview_richcmp(wk_value a, wk_value b, wk_cmp_op op) {
    return wk_richcmp(unwrap(a), unwrap(b), op);
}

#define ODV_BINOP(fname, OP) \
    static wk_value fname(wk_value a, wk_value b) { return wk_binop(OP, unwrap(a), unwrap(b)); }
ODV_BINOP(odview_or, WK_NB_OR)
ODV_BINOP(odview_and, WK_NB_AND)
ODV_BINOP(odview_xor, WK_NB_XOR)
ODV_BINOP(odview_sub, WK_NB_SUB)

static wk_value m_reversed(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_noargs("__reversed__", nargs - 1, kw)) return WK_NULLV;
    return wk_call_method_s(ODV(args[0]), "__reversed__", NULL, 0);
}

static wk_value m_isdisjoint(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_o("isdisjoint", nargs - 1, kw)) return WK_NULLV;
    return wk_call_method_s(ODV(args[0]), "isdisjoint", &args[1], 1);
}

static const wk_methoddef odview_methods[] = {
    { "isdisjoint", m_isdisjoint, 0, "Return True if the view and the given iterable have a null intersection." },
    { "__reversed__", m_reversed, 0, "Return a reverse iterator over the view." },
    { NULL, NULL, 0, NULL }
};

#define ODVIEW_TYPE(nm) .ob = { 1, &wk_type_type }, .name = nm, .base = &wk_type_object, \
    .basicsize = sizeof(odview), .module = "builtins", .dealloc = odview_dealloc, \
    .repr = odview_repr, .len = odview_len, .iter = odview_iter, .contains = odview_contains, \
    .richcmp = odview_richcmp, .hash = wk_hash_unhashable
#define ODVIEW_SETOPS .nb = { [WK_NB_OR] = odview_or, [WK_NB_AND] = odview_and, \
    [WK_NB_XOR] = odview_xor, [WK_NB_SUB] = odview_sub }
static wk_type odict_keys_type = { ODVIEW_TYPE("odict_keys"), ODVIEW_SETOPS };
static wk_type odict_items_type = { ODVIEW_TYPE("odict_items"), ODVIEW_SETOPS };
static wk_type odict_values_type = { ODVIEW_TYPE("odict_values") };

/* The three kinds of view: their type, the dict method that makes the inner view and
 * that method's descriptor (dict.keys, ...), looked up once by the module's init. */
typedef struct { wk_type *type; const char *meth; wk_value dict_meth; } viewkind;
static viewkind kinds[3] = {
    { &odict_keys_type, "keys", { 0 } },
    { &odict_values_type, "values", { 0 } },
    { &odict_items_type, "items", { 0 } },
};

/* od.keys() and friends: dict.keys(od) wrapped into an odict view. */
static wk_value make_view(viewkind *k, const wk_value *args, int nargs, wk_obj *kw) {
    if (nargs != 1 || kw) {
        char fname[64];
        snprintf(fname, sizeof fname, "%s.%s", wk_typename(args[0]), k->meth);
        if (!wk_check_noargs(fname, nargs - 1, kw)) return WK_NULLV;
    }
    wk_value view = wk_call1(k->dict_meth, args[0]);
    if (WK_IS_NULL(view)) return view;
    odview *v = (odview *)wk_obj_alloc(k->type);
    if (!v) { wk_decref(view); return WK_NULLV; }
    v->view = view;
    return wk_objv(&v->ob);
}

static wk_value m_keys(const wk_value *a, int n, wk_obj *kw) { return make_view(&kinds[0], a, n, kw); }
static wk_value m_values(const wk_value *a, int n, wk_obj *kw) { return make_view(&kinds[1], a, n, kw); }
static wk_value m_items(const wk_value *a, int n, wk_obj *kw) { return make_view(&kinds[2], a, n, kw); }

static const wk_methoddef od_methods[] = {
    { "keys", m_keys, 0, "D.keys() -> a set-like object providing a view on D's keys" },
    { "values", m_values, 0, "D.values() -> an object providing a view on D's values" },
    { "items", m_items, 0, "D.items() -> a set-like object providing a view on D's items" },
    { NULL, NULL, 0, NULL }
};

/* _install_views(cls): sets cls.keys/values/items to the native methods above. */
static wk_value f_install_views(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_o("_install_views", nargs, kw)) return WK_NULLV;
    if (!wk_is_type(args[0]) || !wk_type_is_subtype(WK_TYPEOBJ(args[0]), &wk_type_dict))
        return wk_raise(wk_exc_TypeError, "_install_views() needs a dict subclass");
    for (const wk_methoddef *d = od_methods; d->name; d++) {
        /* the class owns the descriptor, which borrows the class (classes live to exit) */
        wk_value descr = wk_method_descr_new(WK_TYPEOBJ(args[0]), d);
        if (WK_IS_NULL(descr)) return descr;
        int r = wk_setattr_s(args[0], d->name, descr);
        wk_decref(descr);
        if (r < 0) return WK_NULLV;
    }
    return WK_NONEV;
}

static const wk_methoddef funcs[] = {
    { "_install_views", f_install_views, 0, "Give a dict subclass keys/values/items returning odict views." },
    { NULL, NULL, 0, NULL }
};

wk_obj *wk_mod_collections_init(void) {
    for (int i = 0; i < 3; i++) {
        wk_type *t = kinds[i].type;
        if (!t->mro && (!wk_type_ready(t) || !wk_type_add_methods(t, odview_methods + (t == &odict_values_type))))
            return NULL;
        if (WK_IS_NULL(kinds[i].dict_meth) &&
            WK_IS_NULL(kinds[i].dict_meth = wk_getattr_s(wk_typev(&wk_type_dict), kinds[i].meth)))
            return NULL;
    }
    wk_obj *m = wk_module_new("_collections");
    if (!m) return NULL;
    bool ok = wk_module_add_funcs(m, funcs);
    for (int i = 0; ok && i < 3; i++) ok = wk_module_add(m, kinds[i].type->name, wk_typev(kinds[i].type));
    if (!ok) { wk_obj_decref(m); return NULL; }
    return m;
}
