/* autograd.c — grad mode, per-tensor autograd metadata, graph nodes, saved values and hooks. */
#include "autograd_impl.h"
#include "ops.h"
#include "pool.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ grad mode */
static _Thread_local bool g_no_grad, g_inference;

bool wk_grad_enabled(void) { return !g_no_grad; }
void wk_grad_set_enabled(bool on) { g_no_grad = !on; }
bool wk_grad_inference_mode(void) { return g_inference; }
void wk_grad_set_inference_mode(bool on) { g_inference = on; }
bool wk_grad_recording(void) { return !g_no_grad && !g_inference; }

/* ------------------------------------------------------------------ node lifetime */
static uint64_t g_seq;

static void node_destroy(wk_node *n);

/* A node and its edge / metadata arrays are one pooled block (pool.h). */
static size_t node_size(int n_in, int n_out) {
    return sizeof(wk_node) + (size_t)n_in * (sizeof(wk_edge) + sizeof(wk_tmeta)) + (size_t)n_out * sizeof(wk_tmeta);
}

/* Nodes are freed from a work list so a long chain never recurses through the C stack. */
static _Thread_local wk_node **g_dead;
static _Thread_local size_t g_ndead, g_capdead;
static _Thread_local bool g_freeing;

wk_node *wk_node_incref(wk_node *n) {
    if (n) n->refcount++;
    return n;
}

void wk_node_decref(wk_node *n) {
    if (!n || --n->refcount > 0) return;
    if (g_ndead == g_capdead) {
        size_t cap = g_capdead ? g_capdead * 2 : 256;
        wk_node **p = realloc(g_dead, cap * sizeof *p);
        if (!p) { node_destroy(n); return; } /* out of memory: recurse instead */
        g_dead = p;
        g_capdead = cap;
    }
    g_dead[g_ndead++] = n;
    if (g_freeing) return;
    g_freeing = true;
    while (g_ndead) node_destroy(g_dead[--g_ndead]);
    g_freeing = false;
}

static void hooks_free(wk_hook *h) {
    while (h) {
        wk_hook *nx = h->next;
        if (h->free_ctx) h->free_ctx(h->ctx);
        free(h);
        h = nx;
    }
}

static void release_saved(wk_node *n) {
    for (int i = 0; i < n->n_saved; i++) {
        wk_tensor_decref(n->saved[i].t);
        n->saved[i].t = NULL;
    }
}

static void node_destroy(wk_node *n) {
    for (int i = 0; i < n->n_in; i++) wk_node_decref(n->next[i].fn);
    release_saved(n);
    for (int i = 0; i < n->n_saved; i++) wk_node_decref(n->saved[i].edge.fn);
    if (n->saved != n->saved_inline) free(n->saved);
    free(n->ext);
    hooks_free(n->hooks);
    if (n->retained)
        for (int i = 0; i < n->n_out; i++) {
            wk_ameta *m = n->retained[i] ? wk_ag_meta(n->retained[i]) : NULL;
            if (m) m->retains_grad = false;
        }
    free(n->retained);
    if (n->variable) {
        wk_ameta *m = wk_ag_meta(n->variable);
        if (m && m->accumulator == n) m->accumulator = NULL;
        wk_tensor_decref(n->variable);
    }
    wk_pool_free(n, node_size(n->n_in, n->n_out));
}

static wk_node *node_alloc(const char *name, wk_backward_fn bw, int n_in, int n_out) {
    wk_node *n = wk_pool_alloc(node_size(n_in, n_out), true);
    if (!n) { wk_rt_err(WK_ERR_OOM, "out of memory"); return NULL; }
    n->saved = n->saved_inline;
    n->name = name;
    n->backward = bw;
    n->n_in = n_in;
    n->n_out = n_out;
    n->next = (wk_edge *)(n + 1);
    n->in = (wk_tmeta *)(n->next + n_in);
    n->out = n->in + n_in;
    n->seq = ++g_seq;
    return n;
}

/* ------------------------------------------------------------------ tensor metadata */
static void tensor_release(wk_tensor *t) {
    if (t->grad) {
        wk_tensor *g = t->grad;
        t->grad = NULL;
        wk_tensor_decref(g);
    }
    wk_ameta *m = t->grad_fn;
    if (!m) return;
    t->grad_fn = NULL;
    if (m->grad_fn && m->grad_fn->retained && m->grad_fn->retained[m->output_nr] == t)
        m->grad_fn->retained[m->output_nr] = NULL;
    hooks_free(m->hooks);
    wk_node_decref(m->grad_fn);
    wk_tensor_decref(m->view_base);
    wk_pool_free(m, sizeof *m);
}

void wk_autograd_init(void) {
    static bool done;
    if (!done) { wk_tensor_set_autograd_release(tensor_release); done = true; }
}

wk_ameta *wk_ag_meta(const wk_tensor *t) { return t ? (wk_ameta *)t->grad_fn : NULL; }

wk_ameta *wk_ag_meta_get(wk_tensor *t) {
    wk_autograd_init();
    if (!t->grad_fn) {
        wk_ameta *m = wk_pool_alloc(sizeof *m, true);
        if (!m) { wk_rt_err(WK_ERR_OOM, "out of memory"); return NULL; }
        t->grad_fn = m;
    }
    return t->grad_fn;
}

bool wk_autograd_set_requires_grad(wk_tensor *t, bool on) {
    wk_ameta *m = wk_ag_meta(t);
    if (m && m->grad_fn) {
        if (on) return true;
        return wk_rt_err(WK_ERR_RUNTIME, "you can only change requires_grad flags of leaf variables. If "
                         "you want to use a computed variable in a subgraph that doesn't require "
                         "differentiation use var_no_grad = var.detach().");
    }
    if (on && !wk_dtype_is_float(t->dtype))
        return wk_rt_err(WK_ERR_RUNTIME, "Only Tensors of floating point and complex dtype can require gradients");
    t->requires_grad = on;
    return true;
}

bool wk_autograd_is_leaf(const wk_tensor *t) {
    wk_ameta *m = wk_ag_meta(t);
    return !m || !m->grad_fn;
}

wk_node *wk_autograd_grad_fn(const wk_tensor *t) {
    wk_ameta *m = wk_ag_meta(t);
    return m ? m->grad_fn : NULL;
}

int wk_autograd_output_nr(const wk_tensor *t) {
    wk_ameta *m = wk_ag_meta(t);
    return m ? m->output_nr : 0;
}

wk_tensor *wk_autograd_get_grad(const wk_tensor *t) { return t->grad; }

void wk_autograd_set_grad(wk_tensor *t, wk_tensor *g) {
    wk_autograd_init();
    wk_tensor *old = t->grad;
    t->grad = g ? wk_tensor_incref(g) : NULL;
    wk_tensor_decref(old);
}

bool wk_autograd_retain_grad(wk_tensor *t) {
    if (!t->requires_grad)
        return wk_rt_err(WK_ERR_RUNTIME, "can't retain_grad on Tensor that has requires_grad=False");
    wk_ameta *m = wk_ag_meta(t);
    if (!m || !m->grad_fn || m->retains_grad) return true;
    wk_node *n = m->grad_fn;
    if (!n->retained) {
        n->retained = calloc((size_t)n->n_out, sizeof *n->retained);
        if (!n->retained) return wk_rt_err(WK_ERR_OOM, "out of memory");
    }
    n->retained[m->output_nr] = t;
    m->retains_grad = true;
    return true;
}

bool wk_autograd_retains_grad(const wk_tensor *t) {
    wk_ameta *m = wk_ag_meta(t);
    return m && m->retains_grad;
}

bool wk_autograd_detach_(wk_tensor *t) {
    wk_ameta *m = wk_ag_meta(t);
    if (m && m->grad_fn) {
        if (m->retains_grad && m->grad_fn->retained) m->grad_fn->retained[m->output_nr] = NULL;
        m->retains_grad = false;
        wk_node *n = m->grad_fn;
        m->grad_fn = NULL;
        m->output_nr = 0;
        wk_node_decref(n);
    }
    t->requires_grad = false;
    return true;
}

int64_t wk_autograd_register_hook(wk_tensor *t, wk_grad_hook_fn fn, void *ctx, void (*free_ctx)(void *)) {
    if (!t->requires_grad) {
        wk_rt_err(WK_ERR_RUNTIME, "cannot register a hook on a tensor that doesn't require gradient");
        return 0;
    }
    wk_ameta *m = wk_ag_meta_get(t);
    if (!m) return 0;
    wk_hook *h = calloc(1, sizeof *h);
    if (!h) { wk_rt_err(WK_ERR_OOM, "out of memory"); return 0; }
    h->id = ++m->next_hook_id + (m->grad_fn ? (int64_t)m->grad_fn->seq << 20 : 0);
    h->fn = fn;
    h->ctx = ctx;
    h->free_ctx = free_ctx;
    h->output_nr = m->output_nr;
    wk_hook **list = m->grad_fn ? &m->grad_fn->hooks : &m->hooks;
    while (*list) list = &(*list)->next;  /* hooks run in registration order */
    *list = h;
    return h->id;
}

static bool unlink_hook(wk_hook **list, int64_t id) {
    for (; *list; list = &(*list)->next)
        if ((*list)->id == id) {
            wk_hook *h = *list;
            *list = h->next;
            h->next = NULL;
            hooks_free(h);
            return true;
        }
    return false;
}

bool wk_autograd_remove_hook(wk_tensor *t, int64_t handle) {
    wk_ameta *m = wk_ag_meta(t);
    if (!m) return false;
    return unlink_hook(&m->hooks, handle) || (m->grad_fn && unlink_hook(&m->grad_fn->hooks, handle));
}

/* ------------------------------------------------------------------ node introspection */
const char *wk_node_name(const wk_node *n) { return n->name; }
int wk_node_num_next(const wk_node *n) { return n->n_in; }

wk_node *wk_node_next(wk_node *n, int i, int *input_nr) {
    if (i < 0 || i >= n->n_in) return NULL;
    if (input_nr) *input_nr = n->next[i].input_nr;
    return n->next[i].fn;
}

wk_tensor *wk_node_variable(const wk_node *n) { return n->variable; }
int wk_node_num_saved(const wk_node *n) { return n->n_saved; }

wk_tensor *wk_node_saved(wk_node *n, int i) {
    if (i < 0 || i >= n->n_saved) { wk_rt_err(WK_ERR_INDEX, "saved value index out of range"); return NULL; }
    wk_tensor *t = wk_ag_saved(n, i);
    return t ? wk_tensor_incref(t) : NULL;
}

/* ------------------------------------------------------------------ recording helpers */
void wk_tmeta_of(wk_tmeta *m, const wk_tensor *t) {
    m->ndim = t->ndim;
    memcpy(m->shape, t->shape, sizeof(int64_t) * (size_t)t->ndim);
    m->dtype = t->dtype;
    m->device = wk_tensor_device(t);
}

wk_tensor *wk_tmeta_zeros(const wk_tmeta *m) {
    return wk_tensor_zeros(m->ndim, m->shape, m->dtype, m->device);
}

bool wk_ag_needs(int n, wk_tensor *const *ts) {
    if (!wk_grad_recording()) return false;
    for (int i = 0; i < n; i++)
        if (ts[i] && ts[i]->requires_grad) return true;
    return false;
}

static wk_node *accumulator(wk_tensor *t) {
    wk_ameta *m = wk_ag_meta_get(t);
    if (!m) return NULL;
    if (m->accumulator) return m->accumulator;
    wk_node *n = node_alloc("AccumulateGrad", NULL, 0, 1);
    if (!n) return NULL;
    n->seq = UINT64_MAX;  /* runs as soon as it is ready */
    n->variable = wk_tensor_incref(t);
    wk_tmeta_of(&n->out[0], t);
    m->accumulator = n;
    return n;  /* refcount 0: the caller's edge owns it */
}

static wk_edge grad_edge(wk_tensor *t);

/* ------------------------------------------------------------------ saved values with history */
/* While the engine runs with create_graph, saved values are handed out with their history: the
 * leaf itself, or a fresh alias carrying the saved grad_fn edge. The aliases live until the
 * engine calls wk_ag_unpacked_clear after the node (an alias of a node's own output would
 * otherwise keep that node alive through a cycle). */
static _Thread_local bool g_unpack_history;
static _Thread_local wk_tensor **g_unpacked;
static _Thread_local int g_nunpacked, g_capunpacked;

bool wk_ag_set_unpack_history(bool on) {
    bool was = g_unpack_history;
    g_unpack_history = on;
    return was;
}

void wk_ag_unpacked_clear(void) {
    while (g_nunpacked) wk_tensor_decref(g_unpacked[--g_nunpacked]);
}

static wk_tensor *unpack_history(wk_node *n, wk_saved *s) {
    wk_node *fn = s->self_out ? n : s->edge.fn;
    if (!fn) return s->t;
    if (fn->variable) return fn->variable;  /* a leaf: the AccumulateGrad's variable */
    if (g_nunpacked == g_capunpacked) {
        int cap = g_capunpacked ? 2 * g_capunpacked : 16;
        wk_tensor **p = realloc(g_unpacked, sizeof *p * (size_t)cap);
        if (!p) { wk_rt_err(WK_ERR_OOM, "out of memory"); return NULL; }
        g_unpacked = p;
        g_capunpacked = cap;
    }
    wk_tensor *a = wk_tensor_alias(s->t);
    wk_ameta *m = a ? wk_ag_meta_get(a) : NULL;
    if (!m) { wk_tensor_decref(a); return NULL; }
    m->grad_fn = wk_node_incref(fn);
    m->output_nr = s->edge.input_nr;
    a->requires_grad = true;
    g_unpacked[g_nunpacked++] = a;
    return a;
}

static wk_edge grad_edge(wk_tensor *t) {
    wk_edge e = {NULL, 0};
    if (!t || !t->requires_grad) return e;
    wk_ameta *m = wk_ag_meta(t);
    if (m && m->grad_fn) {
        e.fn = wk_node_incref(m->grad_fn);
        e.input_nr = m->output_nr;
    } else {
        e.fn = wk_node_incref(accumulator(t));
    }
    return e;
}

wk_node *wk_ag_edge_of(wk_tensor *t, int *nr) {
    wk_edge e = grad_edge(t);
    if (!e.fn && wk_rt_errkind() == WK_ERR_NONE) wk_rt_err(WK_ERR_RUNTIME, "tensor does not require grad");
    *nr = e.input_nr;
    return e.fn;
}

wk_node *wk_ag_node(const char *name, wk_backward_fn bw, int n_in, wk_tensor *const *ins, int n_out) {
    wk_node *n = node_alloc(name, bw, n_in, n_out);
    if (!n) return NULL;
    n->refcount = 1;
    for (int i = 0; i < n_in; i++) {
        if (!ins[i]) continue;
        n->next[i] = grad_edge(ins[i]);
        wk_tmeta_of(&n->in[i], ins[i]);
    }
    return n;
}

/* Room for one more saved slot (the inline array first, then the heap). */
static bool saved_grow(wk_node *n) {
    if (n->n_saved < WK_NODE_INLINE_SAVED) return true;
    bool inl = n->saved == n->saved_inline;
    wk_saved *s = realloc(inl ? NULL : n->saved, sizeof *s * (size_t)(n->n_saved + 1));
    if (!s) return wk_rt_err(WK_ERR_OOM, "out of memory");
    if (inl) memcpy(s, n->saved_inline, sizeof n->saved_inline);
    n->saved = s;
    return true;
}

int wk_ag_save(wk_node *n, wk_tensor *t) {
    if (!saved_grow(n)) return -1;
    wk_saved *s = &n->saved[n->n_saved];
    memset(s, 0, sizeof *s);
    if (t) {
        s->t = wk_tensor_alias(t);
        s->version = wk_tensor_version(t);
        wk_ameta *m = wk_ag_meta(t);
        if (m && m->grad_fn) { s->src_name = m->grad_fn->name; s->src_out = m->output_nr; }
        if (m && m->grad_fn == n) { s->self_out = true; s->edge.input_nr = m->output_nr; }
        else s->edge = grad_edge(t);
    }
    return n->n_saved++;
}

static const char *legacy_type(wk_dtype dt) {
    switch (dt) {
    case WK_DT_F32: return "FloatTensor";
    case WK_DT_F64: return "DoubleTensor";
    case WK_DT_F16: return "HalfTensor";
    case WK_DT_BF16: return "BFloat16Tensor";
    case WK_DT_I64: return "LongTensor";
    case WK_DT_I32: return "IntTensor";
    case WK_DT_I16: return "ShortTensor";
    case WK_DT_I8: return "CharTensor";
    case WK_DT_U8: return "ByteTensor";
    default: return "BoolTensor";
    }
}

wk_tensor *wk_ag_saved(wk_node *n, int i) {
    if (n->released) {
        wk_rt_err(WK_ERR_RUNTIME,
                  "Trying to backward through the graph a second time (or directly access saved "
                  "tensors after they have already been freed). Saved intermediate values of the "
                  "graph are freed when you call .backward() or autograd.grad(). Specify "
                  "retain_graph=True if you need to backward through the graph a second time or if "
                  "you need to access saved tensors after calling backward.");
        return NULL;
    }
    wk_saved *s = &n->saved[i];
    if (s->t && wk_tensor_version(s->t) != s->version) {
        char shape[256], which[160] = "";
        wk_shape_str(shape, sizeof shape, s->t->ndim, s->t->shape);
        if (s->src_name) snprintf(which, sizeof which, ", which is output %d of %s", s->src_out, s->src_name);
        wk_rt_err(WK_ERR_RUNTIME,
                  "one of the variables needed for gradient computation has been modified by an "
                  "inplace operation: [torch.%s%s %s]%s, is at version %llu; expected version %llu "
                  "instead. Hint: enable anomaly detection to find the operation that failed to "
                  "compute its gradient, with torch.autograd.set_detect_anomaly(True).",
                  wk_tensor_device(s->t).type == WK_DEV_CUDA ? "cuda." : "", legacy_type(s->t->dtype),
                  shape, which, (unsigned long long)wk_tensor_version(s->t), (unsigned long long)s->version);
        return NULL;
    }
    return s->t && g_unpack_history ? unpack_history(n, s) : s->t;
}

void wk_ag_set_output(wk_node *n, int nr, wk_tensor *out) {
    wk_ameta *m = wk_ag_meta_get(out);
    if (!m) return;
    wk_node *old = m->grad_fn;
    m->grad_fn = wk_node_incref(n);
    m->output_nr = nr;
    m->retains_grad = false;
    out->requires_grad = true;
    wk_tmeta_of(&n->out[nr], out);
    wk_node_decref(old);
}

/* Makes t output nr of n, keeping retain_grad() working across the change. */
void wk_ag_reset_history(wk_node *n, int nr, wk_tensor *t) {
    wk_ameta *m = wk_ag_meta(t);
    bool retained = m && m->retains_grad;
    if (retained && m->grad_fn->retained) m->grad_fn->retained[m->output_nr] = NULL;
    wk_ag_set_output(n, nr, t);
    if (retained) wk_autograd_retain_grad(t);
}

void wk_ag_rebase(wk_node *n, wk_tensor *self) {
    wk_tensor *base = wk_ag_view_base(self);
    if (base && wk_ag_copy_slices(n, base, self)) return;
    wk_ag_reset_history(n, 0, self);
}

/* ------------------------------------------------------------------ views */
wk_tensor *wk_ag_view_base(const wk_tensor *t) {
    wk_ameta *m = wk_ag_meta(t);
    return m ? m->view_base : NULL;
}

bool wk_ag_set_view(wk_tensor *out, wk_tensor *a) {
    wk_tensor *base = wk_ag_view_base(a);
    wk_ameta *m = wk_ag_meta_get(out);
    if (!m) return false;
    wk_tensor *old = m->view_base;
    m->view_base = wk_tensor_incref(base ? base : a);
    m->view_no_grad = !wk_grad_recording();
    wk_tensor_decref(old);
    return true;
}

bool wk_ag_check_inplace(wk_tensor *self) {
    if (!wk_grad_recording()) return true;
    if (self->requires_grad && wk_autograd_is_leaf(self))
        return wk_rt_err(WK_ERR_RUNTIME, "a leaf Variable that requires grad is being used in an in-place operation.");
    wk_ameta *m = wk_ag_meta(self);
    wk_tensor *base = m ? m->view_base : NULL;
    if (!base || !base->requires_grad) return true;
    if (m->view_no_grad)
        return wk_rt_err(WK_ERR_RUNTIME, "A view was created in no_grad mode and is being modified inplace with grad "
                         "mode enabled. Given that this use case is ambiguous and error-prone, it is forbidden. You "
                         "can clarify your code by moving both the view and the inplace either both inside the "
                         "no_grad block (if you don't want the inplace to be tracked) or both outside (if you want "
                         "the inplace to be tracked).");
    if (wk_autograd_is_leaf(base))
        return wk_rt_err(WK_ERR_RUNTIME, "a view of a leaf Variable that requires grad is being used in an in-place operation.");
    return true;
}
