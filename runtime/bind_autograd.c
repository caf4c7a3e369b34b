/* bind_autograd.c — the autograd surface: requires_grad/grad/grad_fn, backward, hooks, grad_fn node objects, grad-mode context managers, torch.autograd. */
#include <string.h>
#include "bind.h"

#define SELF(args) wk_bind_t((args)[0])
#define PARSE(name, spec, out) wk_args_parse(name, args + 1, nargs - 1, kw, spec, out)
#define GIVEN(v) (!WK_IS_NULL(v) && !WK_IS_NONE(v))
#define IMMORTAL ((int64_t)1 << 60)

void wk_bind_grad_suffix(const wk_tensor *t, char *buf, size_t cap) {
    wk_node *n = t->grad_fn ? wk_autograd_grad_fn(t) : NULL;
    if (n) snprintf(buf, cap, "grad_fn=<%s>", wk_node_name(n));
    else if (t->requires_grad) snprintf(buf, cap, "requires_grad=True");
    else buf[0] = 0;
}

/* ================================================================ grad_fn node objects */

typedef struct { wk_obj ob; wk_obj *dict; wk_node *n; } nodeobj;
static wk_obj *g_node_classes;   /* name -> class (subclass of the native node type) */

static void node_dealloc(wk_obj *o) {
    nodeobj *n = (nodeobj *)o;
    wk_obj_decref(n->dict);
    wk_node_decref(n->n);
    wk_obj_free(o);
}

static wk_type *node_class(const char *name) {
    if (!g_node_classes && !(g_node_classes = wk_dict_new())) return NULL;
    wk_value c = wk_dict_get_s(g_node_classes, name);
    if (!WK_IS_NULL(c)) return (wk_type *)c.u.o;
    wk_obj *ns = wk_dict_new();
    wk_type *t = ns ? wk_type_new_class(name, &wk_torch_node_type, ns, "torch.autograd.graph") : NULL;
    wk_obj_decref(ns);
    if (!t) return NULL;
    int r = wk_dict_set_s(g_node_classes, name, wk_objv(&t->ob));
    wk_obj_decref(&t->ob);
    return r < 0 ? NULL : t;
}

static wk_value wrap_node(wk_node *n) {
    if (!n) return WK_NONEV;
    wk_type *t = node_class(wk_node_name(n));
    nodeobj *o = t ? (nodeobj *)wk_obj_alloc(t) : NULL;
    if (!o) return WK_NULLV;
    o->n = wk_node_incref(n);
    return wk_objv(&o->ob);
}

#define NODE(v) (((nodeobj *)(v).u.o)->n)

static wk_value node_repr(wk_value self) {
    return wk_str_fromf("<%s object at %p>", wk_node_name(NODE(self)), (void *)self.u.o);
}

static wk_value node_name(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_none("name", nargs - 1, kw)) return WK_NULLV;
    return wk_str_from_c(wk_node_name(NODE(args[0])));
}

static wk_value node_next_functions(wk_value self) {
    wk_node *n = NODE(self);
    int k = wk_node_num_next(n);
    wk_obj *tup = wk_tuple_new(k);
    for (int i = 0; tup && i < k; i++) {
        int nr = 0;
        wk_node *nx = wk_node_next(n, i, &nr);
        wk_value w = wrap_node(nx);
        wk_obj *pair = WK_IS_NULL(w) ? NULL : wk_tuple_pack(2, w, wk_int(nr));
        wk_decref(w);
        if (!pair) { wk_obj_decref(tup); return WK_NULLV; }
        wk_tuple_set_steal(tup, i, wk_objv(pair));
    }
    return wk_objv(tup);
}

static wk_value node_variable(wk_value self) {
    wk_tensor *v = wk_node_variable(NODE(self));
    if (!v) return wk_raise(wk_exc_AttributeError, "'%s' object has no attribute 'variable'", wk_node_name(NODE(self)));
    return wk_bind_wrap(wk_tensor_incref(v));
}

static const wk_methoddef node_methods[] = { { "name", node_name, 0, NULL }, { NULL, NULL, 0, NULL } };
static const wk_getsetdef node_getsets[] = {
    { "next_functions", node_next_functions, NULL, NULL },
    { "variable", node_variable, NULL, NULL },
    { NULL, NULL, NULL, NULL }
};

wk_type wk_torch_node_type = {
    .ob = { IMMORTAL, &wk_type_type }, .name = "Node", .base = &wk_type_object, .flags = WK_TPFLAG_BASETYPE,
    .basicsize = sizeof(nodeobj), .dictoffset = offsetof(nodeobj, dict), .module = "torch.autograd.graph",
    .dealloc = node_dealloc, .repr = node_repr,
};

/* ================================================================ tensor attributes */

static wk_value g_requires_grad(wk_value self) { return wk_bool(wk_bind_t(self)->requires_grad); }
static int s_requires_grad(wk_value self, wk_value v) {
    bool on;
    if (!WK_IS_BOOL(v)) { wk_raise(wk_exc_TypeError, "requires_grad must be a bool"); return -1; }
    on = v.u.i != 0;
    if (!wk_autograd_set_requires_grad(wk_bind_t(self), on)) { wk_bind_rt_raise(); return -1; }
    return 0;
}
static wk_value g_is_leaf(wk_value self) { return wk_bool(wk_autograd_is_leaf(wk_bind_t(self))); }
static wk_value g_grad_fn(wk_value self) { return wrap_node(wk_autograd_grad_fn(wk_bind_t(self))); }
static wk_value g_grad(wk_value self) {
    wk_tensor *g = wk_autograd_get_grad(wk_bind_t(self));
    return g ? wk_bind_wrap(wk_tensor_incref(g)) : WK_NONEV;
}
static int s_grad(wk_value self, wk_value v) {
    wk_tensor *t = wk_bind_t(self);
    if (WK_IS_NULL(v) || WK_IS_NONE(v)) { wk_autograd_set_grad(t, NULL); return 0; }
    if (!wk_bind_is_tensor(v)) {
        wk_raise(wk_exc_TypeError, "assigned grad expected to be a Tensor or None but got grad of type %s", wk_typename(v));
        return -1;
    }
    wk_tensor *g = wk_bind_t(v);
    if (g->dtype != t->dtype) { wk_raise(wk_exc_RuntimeError, "assigned grad has data of a different type"); return -1; }
    if (!wk_same_shape(g, t)) { wk_raise(wk_exc_RuntimeError, "assigned grad has data of a different size"); return -1; }
    wk_autograd_set_grad(t, g);
    return 0;
}
static wk_value g_retains_grad(wk_value self) { return wk_bool(wk_autograd_retains_grad(wk_bind_t(self))); }
static wk_value g_version(wk_value self) { return wk_int((int64_t)wk_tensor_version(wk_bind_t(self))); }
static wk_value g_output_nr(wk_value self) { return wk_int(wk_autograd_output_nr(wk_bind_t(self))); }

const wk_getsetdef wk_bind_autograd_getsets[] = {
    { "requires_grad", g_requires_grad, s_requires_grad, NULL },
    { "is_leaf", g_is_leaf, NULL, NULL },
    { "grad_fn", g_grad_fn, NULL, NULL },
    { "grad", g_grad, s_grad, NULL },
    { "retains_grad", g_retains_grad, NULL, NULL },
    { "_version", g_version, NULL, NULL },
    { "output_nr", g_output_nr, NULL, NULL },
    { NULL, NULL, NULL, NULL }
};

/* ================================================================ tensor methods */

static wk_value m_requires_grad_(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    bool on;
    if (!PARSE("requires_grad_", "|requires_grad", a) || !wk_bind_bool_arg(a[0], true, &on)) return WK_NULLV;
    if (!wk_autograd_set_requires_grad(SELF(args), on)) return wk_bind_rt_raise();
    return wk_incref(args[0]);
}

static wk_value m_retain_grad(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_none("retain_grad", nargs - 1, kw)) return WK_NULLV;
    if (!wk_autograd_retain_grad(SELF(args))) return wk_bind_rt_raise();
    return WK_NONEV;
}

static wk_value m_detach_(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_none("detach_", nargs - 1, kw)) return WK_NULLV;
    if (!wk_autograd_detach_(SELF(args))) return wk_bind_rt_raise();
    return wk_incref(args[0]);
}

/* Tensors of a tensor-or-sequence argument (borrowed pointers; *n entries). */
static bool tensors_of(const char *f, wk_value v, wk_tensor **out, int cap, int *n, bool allow_none) {
    if (wk_bind_is_tensor(v)) { out[0] = wk_bind_t(v); *n = 1; return true; }
    wk_obj *tup = wk_sequence_tuple(v);
    if (!tup) return false;
    int64_t len = WK_TUPLE(tup)->len;
    bool ok = len <= cap;
    if (!ok) wk_raise(wk_exc_RuntimeError, "%s: too many tensors", f);
    for (int64_t i = 0; ok && i < len; i++) {
        wk_value x = WK_TUPLE(tup)->items[i];
        if (wk_bind_is_tensor(x)) out[i] = wk_bind_t(x);
        else if (allow_none && WK_IS_NONE(x)) out[i] = NULL;
        else {
            wk_raise(wk_exc_TypeError, "%s: expected a Tensor, got %s", f, wk_typename(x));
            ok = false;
        }
    }
    wk_obj_decref(tup);   /* the tensors stay alive through the caller's sequence */
    *n = (int)len;
    return ok;
}

#define MAXT 256

static bool backward_common(const char *f, int n, wk_tensor **roots, wk_value grads_v, wk_value retain_v, wk_value create_v) {
    wk_tensor *grads[MAXT] = { NULL };
    int ng = 0;
    bool create, retain;
    if (GIVEN(grads_v) && !tensors_of(f, grads_v, grads, MAXT, &ng, true)) return false;
    if (ng && ng != n) {
        wk_raise(wk_exc_RuntimeError, "got %d tensors and %d gradients", n, ng);
        return false;
    }
    if (!wk_bind_bool_arg(create_v, false, &create) || !wk_bind_bool_arg(retain_v, create, &retain)) return false;
    if (!wk_autograd_backward(n, roots, grads, retain, create)) return wk_bind_rt_fail();
    return true;
}

static wk_value m_backward(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[4];
    if (!PARSE("backward", "|gradient retain_graph create_graph inputs", a)) return WK_NULLV;
    if (GIVEN(a[3])) return wk_raise(wk_exc_NotImplementedError, "backward(inputs=...) is not supported in wick yet");
    wk_tensor *root = SELF(args);
    if (GIVEN(a[0]) && !wk_bind_is_tensor(a[0]))
        return wk_raise(wk_exc_TypeError, "backward(): argument 'gradient' must be Tensor, not %s", wk_typename(a[0]));
    if (!backward_common("backward", 1, &root, a[0], a[1], a[2])) return WK_NULLV;
    return WK_NONEV;
}

/* ---- register_hook */

typedef struct { wk_obj ob; wk_tensor *t; int64_t id; } handleobj;

static void handle_dealloc(wk_obj *o) {
    wk_tensor_decref(((handleobj *)o)->t);
    wk_obj_free(o);
}

static wk_value handle_remove(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_none("remove", nargs - 1, kw)) return WK_NULLV;
    handleobj *h = (handleobj *)args[0].u.o;
    if (h->t) wk_autograd_remove_hook(h->t, h->id);
    wk_tensor_decref(h->t);
    h->t = NULL;
    return WK_NONEV;
}

static const wk_methoddef handle_methods[] = { { "remove", handle_remove, 0, NULL }, { NULL, NULL, 0, NULL } };

static wk_type g_handle_type = {
    .ob = { IMMORTAL, &wk_type_type }, .name = "RemovableHandle", .base = &wk_type_object,
    .basicsize = sizeof(handleobj), .module = "torch.utils.hooks", .dealloc = handle_dealloc,
};

static bool hook_call(void *ctx, wk_tensor *grad, wk_tensor **replace) {
    wk_value fn = wk_objv((wk_obj *)ctx);
    wk_value g = wk_bind_wrap(wk_tensor_incref(grad));
    if (WK_IS_NULL(g)) return false;
    wk_value r = wk_call1(fn, g);
    wk_decref(g);
    if (WK_IS_NULL(r)) return false;
    if (wk_bind_is_tensor(r)) *replace = wk_tensor_incref(wk_bind_t(r));
    else if (!WK_IS_NONE(r)) {
        wk_decref(r);
        wk_raise(wk_exc_TypeError, "hook must return a Tensor or None");
        return false;
    }
    wk_decref(r);
    return true;
}

static void hook_free(void *ctx) { wk_obj_decref((wk_obj *)ctx); }

static wk_value m_register_hook(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!PARSE("register_hook", "hook", a)) return WK_NULLV;
    if (!wk_callable(a[0]) || !WK_IS_OBJ(a[0])) return wk_raise(wk_exc_TypeError, "hook must be callable");
    wk_tensor *t = SELF(args);
    if (!t->requires_grad)
        return wk_raise(wk_exc_RuntimeError, "cannot register a hook on a tensor that doesn't require gradient");
    wk_obj_incref(a[0].u.o);
    int64_t id = wk_autograd_register_hook(t, hook_call, a[0].u.o, hook_free);
    if (!id) return wk_bind_rt_raise();
    handleobj *h = (handleobj *)wk_obj_alloc(&g_handle_type);
    if (!h) return WK_NULLV;
    h->t = wk_tensor_incref(t);
    h->id = id;
    return wk_objv(&h->ob);
}

const wk_methoddef wk_bind_autograd_methods[] = {
    { "requires_grad_", m_requires_grad_, 0, NULL }, { "retain_grad", m_retain_grad, 0, NULL },
    { "detach_", m_detach_, 0, NULL }, { "backward", m_backward, 0, NULL },
    { "register_hook", m_register_hook, 0, NULL },
    { NULL, NULL, 0, NULL }
};

/* ================================================================ torch.autograd functions */

static wk_value f_backward(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[6];
    wk_tensor *roots[MAXT];
    int n;
    if (!wk_args_parse("backward", args, nargs, kw, "tensors|grad_tensors retain_graph create_graph grad_variables inputs", a) ||
        !tensors_of("backward", a[0], roots, MAXT, &n, false))
        return WK_NULLV;
    if (!backward_common("backward", n, roots, a[1], a[2], a[3])) return WK_NULLV;
    return WK_NONEV;
}

static wk_value f_grad(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[8];
    wk_tensor *outs[MAXT], *ins[MAXT], *gos[MAXT] = { NULL }, *res[MAXT] = { NULL };
    int no, ni, ng = 0;
    bool create, retain, unused;
    if (!wk_args_parse("grad", args, nargs, kw,
                       "outputs inputs|grad_outputs retain_graph create_graph only_inputs allow_unused is_grads_batched", a) ||
        !tensors_of("grad", a[0], outs, MAXT, &no, false) || !tensors_of("grad", a[1], ins, MAXT, &ni, false) ||
        (GIVEN(a[2]) && !tensors_of("grad", a[2], gos, MAXT, &ng, true)) || !wk_bind_bool_arg(a[4], false, &create) ||
        !wk_bind_bool_arg(a[3], create, &retain) || !wk_bind_bool_arg(a[6], false, &unused))
        return WK_NULLV;
    if (ng && ng != no) return wk_raise(wk_exc_RuntimeError, "grad requires one grad_output per output");
    if (!wk_autograd_grad(no, outs, gos, ni, ins, retain, create, unused, res)) return wk_bind_rt_raise();
    wk_obj *tup = wk_tuple_new(ni);
    for (int i = 0; i < ni; i++) {
        wk_value w = res[i] ? wk_bind_wrap(res[i]) : WK_NONEV;
        if (tup && !WK_IS_NULL(w)) wk_tuple_set_steal(tup, i, w);
        else { wk_decref(w); wk_obj_decref(tup); tup = NULL; }
    }
    return wk_objv(tup);
}

/* ================================================================ grad modes */

typedef enum { GM_NO_GRAD, GM_ENABLE_GRAD, GM_INFERENCE, GM_SET_ENABLED, GM_COUNT } gmkind;
static const char *const g_gm_names[] = { "no_grad", "enable_grad", "inference_mode", "set_grad_enabled" };
static wk_type g_gm_types[GM_COUNT];

typedef struct {
    wk_obj ob;
    gmkind kind;
    bool mode;                  /* the flag this object sets */
    int depth;                  /* saved states (re-entrant use) */
    bool prev_grad[16], prev_inf[16];
} gmobj;

typedef struct { wk_obj ob; wk_value func; wk_obj *mode; } gmwrap;

static gmkind gm_kind(wk_type *t) { return (gmkind)(t - g_gm_types); }

static void gm_push(gmobj *g) {
    if (g->depth < 16) { g->prev_grad[g->depth] = wk_grad_enabled(); g->prev_inf[g->depth] = wk_grad_inference_mode(); }
    g->depth++;
    switch (g->kind) {
    case GM_NO_GRAD: wk_grad_set_enabled(false); break;
    case GM_ENABLE_GRAD: wk_grad_set_enabled(true); break;
    case GM_SET_ENABLED: wk_grad_set_enabled(g->mode); break;
    default: wk_grad_set_inference_mode(g->mode); break;
    }
}

static void gm_pop(gmobj *g) {
    if (g->depth <= 0) return;
    g->depth--;
    if (g->depth < 16) { wk_grad_set_enabled(g->prev_grad[g->depth]); wk_grad_set_inference_mode(g->prev_inf[g->depth]); }
}

static wk_value gmwrap_make(wk_value func, gmobj *mode);

static wk_value gm_new(wk_type *t, const wk_value *args, int nargs, wk_obj *kw) {
    gmkind k = gm_kind(t);
    wk_value a[1] = { WK_NULLV };
    const char *spec = k == GM_INFERENCE ? "|mode" : k == GM_SET_ENABLED ? "mode" : "|orig_func";
    if (!wk_args_parse(g_gm_names[k], args, nargs, kw, spec, a)) return WK_NULLV;
    gmobj *g = (gmobj *)wk_obj_alloc(t);
    if (!g) return WK_NULLV;
    g->kind = k;
    g->mode = true;
    if ((k == GM_INFERENCE || k == GM_SET_ENABLED) && GIVEN(a[0]) && !wk_bind_bool_arg(a[0], true, &g->mode)) {
        wk_obj_decref(&g->ob);
        return WK_NULLV;
    }
    if (k == GM_SET_ENABLED) gm_push(g);   /* takes effect at once; __exit__ restores */
    if (k < GM_INFERENCE && GIVEN(a[0]) && wk_callable(a[0])) {   /* @torch.no_grad without () */
        wk_value w = gmwrap_make(a[0], g);
        wk_obj_decref(&g->ob);
        return w;
    }
    return wk_objv(&g->ob);
}

static wk_value gm_enter(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_none("__enter__", nargs - 1, kw)) return WK_NULLV;
    gmobj *g = (gmobj *)args[0].u.o;
    if (g->kind != GM_SET_ENABLED) gm_push(g);
    return WK_NONEV;
}

static wk_value gm_exit(const wk_value *args, int nargs, wk_obj *kw) {
    (void)nargs; (void)kw;
    gm_pop((gmobj *)args[0].u.o);
    return WK_FALSEV;
}

static wk_value gm_clone(const wk_value *args, int nargs, wk_obj *kw) {
    (void)nargs; (void)kw;
    gmobj *g = (gmobj *)args[0].u.o;
    gmobj *c = (gmobj *)wk_obj_alloc(g->ob.type);
    if (!c) return WK_NULLV;
    c->kind = g->kind;
    c->mode = g->mode;
    return wk_objv(&c->ob);
}

static wk_value gm_call(wk_value self, const wk_value *args, int nargs, wk_obj *kw) {
    if (nargs != 1 || kw || !wk_callable(args[0]))
        return wk_raise(wk_exc_TypeError, "%s object is not callable with these arguments", g_gm_names[((gmobj *)self.u.o)->kind]);
    gmobj *g = (gmobj *)self.u.o;
    if (g->kind == GM_SET_ENABLED) gm_pop(g);   /* used as a decorator: undo the immediate effect */
    return gmwrap_make(args[0], g);
}

static const wk_methoddef gm_methods[] = {
    { "__enter__", gm_enter, 0, NULL }, { "__exit__", gm_exit, 0, NULL }, { "clone", gm_clone, 0, NULL },
    { NULL, NULL, 0, NULL }
};

/* The decorated function: enters a fresh copy of the mode around each call. */
static void gmwrap_dealloc(wk_obj *o) {
    gmwrap *w = (gmwrap *)o;
    wk_decref(w->func);
    wk_obj_decref(w->mode);
    wk_obj_free(o);
}

static wk_value gmwrap_call(wk_value self, const wk_value *args, int nargs, wk_obj *kw) {
    gmwrap *w = (gmwrap *)self.u.o;
    gmobj *g = (gmobj *)w->mode;
    gmobj tmp = *g;
    tmp.depth = 0;
    gm_push(&tmp);
    wk_value r = wk_call(w->func, args, nargs, kw);
    gm_pop(&tmp);
    return r;
}

static wk_value gmwrap_get(wk_value descr, wk_value obj, wk_type *owner) {
    (void)owner;
    if (WK_IS_NULL(obj) || WK_IS_NONE(obj)) return wk_incref(descr);
    return wk_method_new(descr, obj);
}

static wk_value gmwrap_getattr(wk_value self, wk_obj *name) {
    gmwrap *w = (gmwrap *)self.u.o;
    const char *n = wk_str_cstr(wk_objv(name));
    if (!strcmp(n, "__name__") || !strcmp(n, "__qualname__") || !strcmp(n, "__doc__") || !strcmp(n, "__wrapped__"))
        return !strcmp(n, "__wrapped__") ? wk_incref(w->func) : wk_getattr(w->func, name);
    return wk_generic_getattr(self, name);
}

static wk_type g_gmwrap_type = {
    .ob = { IMMORTAL, &wk_type_type }, .name = "function", .base = &wk_type_object, .basicsize = sizeof(gmwrap),
    .module = "torch.autograd.grad_mode", .dealloc = gmwrap_dealloc, .call = gmwrap_call,
    .descr_get = gmwrap_get, .getattr = gmwrap_getattr,
};

static wk_value gmwrap_make(wk_value func, gmobj *mode) {
    gmwrap *w = (gmwrap *)wk_obj_alloc(&g_gmwrap_type);
    if (!w) return WK_NULLV;
    w->func = wk_incref(func);
    wk_obj_incref(&mode->ob);
    w->mode = &mode->ob;
    return wk_objv(&w->ob);
}

static wk_value f_is_grad_enabled(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!wk_args_none("is_grad_enabled", nargs, kw)) return WK_NULLV;
    return wk_bool(wk_grad_enabled());
}

static wk_value f_is_inference_mode_enabled(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!wk_args_none("is_inference_mode_enabled", nargs, kw)) return WK_NULLV;
    return wk_bool(wk_grad_inference_mode());
}

static const wk_methoddef torch_grad_funcs[] = {
    { "is_grad_enabled", f_is_grad_enabled, 0, NULL },
    { "is_inference_mode_enabled", f_is_inference_mode_enabled, 0, NULL },
    { NULL, NULL, 0, NULL }
};

static const wk_methoddef autograd_funcs[] = {
    { "backward", f_backward, 0, NULL }, { "grad", f_grad, 0, NULL }, { NULL, NULL, 0, NULL }
};

/* Types ready + torch.no_grad & co, torch.autograd (+ sys.modules entry). */
bool wk_bind_autograd_module(wk_obj *torch) {
    wk_autograd_init();
    if (!wk_type_ready(&wk_torch_node_type) || !wk_type_add_methods(&wk_torch_node_type, node_methods) ||
        !wk_type_add_getsets(&wk_torch_node_type, node_getsets) || !wk_type_ready(&g_handle_type) ||
        !wk_type_add_methods(&g_handle_type, handle_methods) || !wk_type_ready(&g_gmwrap_type))
        return false;
    wk_obj *ag = wk_module_new("torch.autograd");
    bool ok = ag && wk_module_add_funcs(ag, autograd_funcs) && wk_module_add_funcs(torch, torch_grad_funcs);
    for (int i = 0; ok && i < GM_COUNT; i++) {
        g_gm_types[i] = (wk_type){
            .ob = { IMMORTAL, &wk_type_type }, .name = g_gm_names[i], .base = &wk_type_object,
            .basicsize = sizeof(gmobj), .module = "torch.autograd.grad_mode", .new = gm_new, .call = gm_call,
        };
        ok = wk_type_ready(&g_gm_types[i]) && wk_type_add_methods(&g_gm_types[i], gm_methods) &&
             wk_module_add(torch, g_gm_names[i], wk_objv(&g_gm_types[i].ob)) &&
             wk_module_add(ag, g_gm_names[i], wk_objv(&g_gm_types[i].ob));
    }
    ok = ok && wk_module_add(torch, "autograd", wk_objv(ag)) &&
         wk_dict_set_s(wk_vm_state.modules, "torch.autograd", wk_objv(ag)) == 0;
    wk_obj_decref(ag);
    return ok;
}
