/* autograd_engine.c — iterative backward: graph discovery, dependency counts, a ready heap by sequence number, accumulation and capture. */
#include "autograd_impl.h"
#include "ops.h"
#include "pool.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    wk_node *node;
    int nr;
    int slot;  /* index into results */
} target;

typedef struct {
    wk_node **nodes;      /* post-order (inputs before users) */
    int64_t n, cap;
    int64_t *deps;
    bool *needed;
    wk_tensor ***bufs;    /* per node: n_out gradient buffers */
    wk_node **heap;
    int64_t nheap;
    target *targets;
    int ntargets;
    wk_tensor **results;
    bool accumulate;      /* backward(): run AccumulateGrad; grad(): capture */
    bool retain;
    bool create;          /* create_graph: derivative formulas record history */
} engine;

static uint64_t g_epoch;

/* Engine scratch arrays come from the pool (pool.h): small graphs never reach malloc. */
static void *scratch(size_t count, size_t size) {
    void *p = wk_pool_alloc(count * size, true);
    if (!p) wk_rt_err(WK_ERR_OOM, "out of memory");
    return p;
}

static void scratch_free(void *p, size_t count, size_t size) { wk_pool_free(p, count * size); }

/* Grows *p (count elements of size) to cap elements. */
static bool scratch_grow(void **p, size_t count, size_t cap, size_t size) {
    void *q = scratch(cap, size);
    if (!q) return false;
    if (*p) memcpy(q, *p, count * size);
    scratch_free(*p, count, size);
    *p = q;
    return true;
}

static bool push_node(engine *e, wk_node *n) {
    if (e->n == e->cap) {
        int64_t cap = e->cap ? e->cap * 2 : 64;
        if (!scratch_grow((void **)&e->nodes, (size_t)e->cap, (size_t)cap, sizeof *e->nodes)) return false;
        e->cap = cap;
    }
    n->topo = e->n;
    e->nodes[e->n++] = n;
    return true;
}

/* Iterative DFS from the roots; nodes are numbered in post-order. */
static bool discover(engine *e, int nroots, wk_node *const *roots, uint64_t epoch) {
    typedef struct { wk_node *n; int child; } frame;
    size_t cap = 32, sp = 0;
    frame *st = scratch(cap, sizeof *st);
    if (!st) return false;
    bool ok = true;
    for (int r = 0; r < nroots && ok; r++) {
        if (!roots[r] || roots[r]->epoch == epoch) continue;
        roots[r]->epoch = epoch;
        st[sp++] = (frame){roots[r], 0};
        while (sp && ok) {
            frame *f = &st[sp - 1];
            if (f->child == f->n->n_in) {
                ok = push_node(e, f->n);
                sp--;
                continue;
            }
            wk_node *c = f->n->next[f->child++].fn;
            if (!c || c->epoch == epoch) continue;
            c->epoch = epoch;
            if (sp == cap) {
                if (!scratch_grow((void **)&st, cap, cap * 2, sizeof *st)) { ok = false; break; }
                cap *= 2;
            }
            st[sp++] = (frame){c, 0};
        }
    }
    scratch_free(st, cap, sizeof *st);
    return ok;
}

/* ------------------------------------------------------------------ ready heap (max seq first) */
static void heap_push(engine *e, wk_node *n) {
    int64_t i = e->nheap++;
    e->heap[i] = n;
    while (i > 0) {
        int64_t p = (i - 1) / 2;
        if (e->heap[p]->seq >= e->heap[i]->seq) break;
        wk_node *t = e->heap[p]; e->heap[p] = e->heap[i]; e->heap[i] = t;
        i = p;
    }
}

static wk_node *heap_pop(engine *e) {
    wk_node *top = e->heap[0];
    e->heap[0] = e->heap[--e->nheap];
    for (int64_t i = 0;;) {
        int64_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < e->nheap && e->heap[l]->seq > e->heap[m]->seq) m = l;
        if (r < e->nheap && e->heap[r]->seq > e->heap[m]->seq) m = r;
        if (m == i) break;
        wk_node *t = e->heap[m]; e->heap[m] = e->heap[i]; e->heap[i] = t;
        i = m;
    }
    return top;
}

/* ------------------------------------------------------------------ gradient plumbing */
/* buf += g (out of place, so tensors handed out elsewhere are never modified). */
static bool buf_add(wk_tensor **buf, wk_tensor *g) {
    if (!*buf) { *buf = wk_tensor_incref(g); return true; }
    wk_tensor *s = wk_op_add(wk_vt(*buf), wk_vt(g), wk_scalar_int(1));
    if (!s) return false;
    wk_tensor_decref(*buf);
    *buf = s;
    return true;
}

/* Brings a gradient to the recorded input shape and dtype. */
static wk_tensor *fit_grad(wk_node *n, int j, wk_tensor *g) {
    const wk_tmeta *m = &n->in[j];
    wk_tensor *r = wk_tensor_incref(g);
    if (r->ndim != m->ndim || memcmp(r->shape, m->shape, sizeof(int64_t) * (size_t)m->ndim)) {
        wk_tensor *s = wk_ops_sum_to(r, m->ndim, m->shape);
        wk_tensor_decref(r);
        if (!s) {
            char a[256], b[256];
            wk_shape_str(a, sizeof a, g->ndim, g->shape);
            wk_shape_str(b, sizeof b, m->ndim, m->shape);
            wk_rt_err(WK_ERR_RUNTIME, "Function %s returned an invalid gradient at index %d - got %s but "
                      "expected shape compatible with %s", n->name, j, a, b);
            return NULL;
        }
        r = s;
    }
    if (r->dtype != m->dtype) {
        wk_tensor *c = wk_op_to_dtype(r, m->dtype, false);
        wk_tensor_decref(r);
        r = c;
    }
    return r;
}

/* Tensor hooks, then retain_grad, for the gradients of n's outputs. */
static bool run_hooks(wk_node *n, wk_tensor **gout) {
    wk_hook *list = n->variable ? (wk_ag_meta(n->variable) ? wk_ag_meta(n->variable)->hooks : NULL) : n->hooks;
    for (wk_hook *h = list; h; h = h->next) {
        int i = n->variable ? 0 : h->output_nr;
        if (!gout[i]) continue;
        wk_tensor *rep = NULL;
        if (!h->fn(h->ctx, gout[i], &rep)) {
            if (wk_rt_errkind() == WK_ERR_NONE) wk_rt_err(WK_ERR_RUNTIME, "hook failed");
            return false;
        }
        if (rep) { wk_tensor_decref(gout[i]); gout[i] = rep; }
    }
    if (n->retained)
        for (int i = 0; i < n->n_out; i++) {
            wk_tensor *t = n->retained[i];
            if (!t || !gout[i]) continue;
            wk_tensor *ng = t->grad ? wk_op_add(wk_vt(t->grad), wk_vt(gout[i]), wk_scalar_int(1))
                                    : wk_tensor_clone(gout[i]);
            if (!ng) return false;
            wk_autograd_set_grad(t, ng);
            wk_tensor_decref(ng);
        }
    return true;
}

/* AccumulateGrad: .grad = g (stolen when nobody else holds it) or .grad += g; with create_graph
 * .grad = g or .grad + g, keeping their history. */
/* PyTorch's layout contract for a leaf's gradient: a dense variable's gradient has its
 * strides (dims of size 1 aside); any other variable's gradient is contiguous. */
static bool obeys_layout(const wk_tensor *var, const wk_tensor *g) {
    if (!wk_tensor_is_dense(var)) return wk_tensor_is_contiguous(g);
    for (int d = 0; d < g->ndim; d++)
        if (g->shape[d] != 1 && g->stride[d] != var->stride[d]) return false;
    return true;
}

/* True when nothing but g (and, for a view, its otherwise unreferenced base) can reach g's
 * memory, so g can become the .grad without a copy. */
static bool exclusively_owned(const wk_tensor *g) {
    if (g->refcount != 1) return false;
    if (g->storage->refcount == 1) return true;
    const wk_tensor *base = wk_ag_view_base(g);
    return base && base->refcount == 1 && base->storage == g->storage && g->storage->refcount == 2;
}

/* The first gradient of var: g itself when PyTorch's AccumulateGrad would steal it, else a
 * copy laid out as var (its strides when dense, contiguous otherwise). */
static wk_tensor *first_grad(wk_tensor *var, wk_tensor *g) {
    if (obeys_layout(var, g) && exclusively_owned(g)) return wk_tensor_incref(g);
    wk_device dev = wk_tensor_device(g);
    wk_tensor *c = wk_tensor_is_dense(var) ? wk_tensor_empty_strided(var->ndim, var->shape, var->stride, g->dtype, dev)
                                           : wk_tensor_empty(g->ndim, g->shape, g->dtype, dev);
    if (c && !wk_tensor_copy_(c, g)) { wk_tensor_decref(c); return NULL; }
    if (c) c->version->value = 0;
    return c;
}

static bool accumulate(wk_tensor *var, wk_tensor *g, bool create) {
    if (create) {
        wk_tensor *ng = var->grad ? wk_op_add(wk_vt(var->grad), wk_vt(g), wk_scalar_int(1)) : wk_tensor_incref(g);
        if (!ng) return false;
        wk_autograd_set_grad(var, ng);
        wk_tensor_decref(ng);
        return true;
    }
    if (var->grad) return wk_op_binary_(WK_OP_ADD, var->grad, wk_vt(g));
    wk_tensor *ng = first_grad(var, g);
    if (!ng) return false;
    wk_autograd_set_grad(var, ng);
    wk_tensor_decref(ng);
    return true;
}

static bool capture(engine *e, wk_node *n, wk_tensor **gout) {
    for (int t = 0; t < e->ntargets; t++) {
        target *tg = &e->targets[t];
        if (tg->node != n || !gout[tg->nr] || e->results[tg->slot]) continue;
        e->results[tg->slot] = wk_tensor_incref(gout[tg->nr]);
    }
    return true;
}

static bool is_target(engine *e, wk_node *n) {
    for (int t = 0; t < e->ntargets; t++)
        if (e->targets[t].node == n) return true;
    return false;
}

static bool run_node(engine *e, wk_node *n) {
    wk_tensor **gout = e->bufs[n->topo];
    bool any = false, ok = true;
    for (int i = 0; i < n->n_out; i++) any |= gout[i] != NULL;
    wk_tensor *gin_small[8] = {0}, **gin = gin_small;
    if (n->n_in > 8 && !(gin = calloc((size_t)n->n_in, sizeof *gin))) return wk_rt_err(WK_ERR_OOM, "out of memory");
    if (any) {
        for (int i = 0; i < n->n_out && ok; i++)
            if (!gout[i] && !(gout[i] = wk_tmeta_zeros(&n->out[i]))) ok = false;
        ok = ok && run_hooks(n, gout);
        if (ok && e->ntargets) ok = capture(e, n, gout);
        if (ok && n->variable && e->accumulate) ok = accumulate(n->variable, gout[0], e->create);
        bool children_needed = false;
        for (int j = 0; j < n->n_in; j++)
            if (n->next[j].fn && e->needed[n->next[j].fn->topo]) children_needed = true;
        if (ok && n->backward && children_needed) ok = n->backward(n, gout, gin);
        if (e->create) wk_ag_unpacked_clear();
    }
    for (int j = 0; j < n->n_in && ok; j++) {
        wk_node *c = n->next[j].fn;
        if (!c || !e->needed[c->topo]) continue;
        if (gin[j]) {
            wk_tensor *g = fit_grad(n, j, gin[j]);
            ok = g && buf_add(&e->bufs[c->topo][n->next[j].input_nr], g);
            wk_tensor_decref(g);
        }
        if (--e->deps[c->topo] == 0) heap_push(e, c);
    }
    for (int j = 0; j < n->n_in; j++) wk_tensor_decref(gin[j]);
    if (gin != gin_small) free(gin);
    for (int i = 0; i < n->n_out; i++) { wk_tensor_decref(gout[i]); gout[i] = NULL; }
    if (!e->retain && n->n_saved) {
        n->released = true;
        for (int i = 0; i < n->n_saved; i++) { wk_tensor_decref(n->saved[i].t); n->saved[i].t = NULL; }
    }
    return ok;
}

static bool engine_prepare(engine *e, int nroots, wk_node *const *roots) {
    uint64_t epoch = ++g_epoch;
    if (!discover(e, nroots, roots, epoch)) return false;
    size_t cnt = (size_t)e->n + 1;
    if (!(e->deps = scratch(cnt, sizeof *e->deps)) || !(e->needed = scratch(cnt, sizeof *e->needed)) ||
        !(e->bufs = scratch(cnt, sizeof *e->bufs)) || !(e->heap = scratch(cnt, sizeof *e->heap)))
        return false;
    for (int64_t i = 0; i < e->n; i++) {
        wk_node *n = e->nodes[i];
        if (!(e->bufs[i] = scratch((size_t)n->n_out, sizeof(wk_tensor *)))) return false;
        /* post-order: children already decided */
        bool need = e->accumulate || is_target(e, n);
        for (int j = 0; j < n->n_in && !need; j++)
            if (n->next[j].fn && e->needed[n->next[j].fn->topo]) need = true;
        e->needed[i] = need;
    }
    for (int64_t i = 0; i < e->n; i++) {
        wk_node *n = e->nodes[i];
        if (!e->needed[i]) continue;
        for (int j = 0; j < n->n_in; j++)
            if (n->next[j].fn && e->needed[n->next[j].fn->topo]) e->deps[n->next[j].fn->topo]++;
    }
    return true;
}

static void engine_free(engine *e) {
    for (int64_t i = 0; i < e->n && e->bufs; i++) {
        if (!e->bufs[i]) continue;
        for (int k = 0; k < e->nodes[i]->n_out; k++) wk_tensor_decref(e->bufs[i][k]);
        scratch_free(e->bufs[i], (size_t)e->nodes[i]->n_out, sizeof(wk_tensor *));
    }
    size_t cnt = (size_t)e->n + 1;
    scratch_free(e->bufs, cnt, sizeof *e->bufs);
    scratch_free(e->deps, cnt, sizeof *e->deps);
    scratch_free(e->needed, cnt, sizeof *e->needed);
    scratch_free(e->heap, cnt, sizeof *e->heap);
    scratch_free(e->nodes, (size_t)e->cap, sizeof *e->nodes);
}

/* Checks the roots and builds their initial gradients (new refs in rg). */
static bool root_grads(int n, wk_tensor *const *roots, wk_tensor *const *grads, wk_tensor **rg, wk_node **rn, int *rnr) {
    for (int i = 0; i < n; i++) {
        wk_tensor *r = roots[i];
        if (!r->requires_grad)
            return wk_rt_err(WK_ERR_RUNTIME, "element %d of tensors does not require grad and does not have a grad_fn", i);
        if (!(rn[i] = wk_ag_edge_of(r, &rnr[i]))) return false;
        if (grads && grads[i]) {
            wk_tensor *g = grads[i];
            if (!wk_same_shape(g, r)) {
                char a[256], b[256];
                wk_shape_str(a, sizeof a, g->ndim, g->shape);
                wk_shape_str(b, sizeof b, r->ndim, r->shape);
                return wk_rt_err(WK_ERR_RUNTIME, "Mismatch in shape: grad_output[%d] has a shape of torch.Size(%s) "
                                 "and output[%d] has a shape of torch.Size(%s).", i, a, i, b);
            }
            /* as PyTorch's validate_outputs: the gradient takes the output's dtype */
            rg[i] = g->dtype == r->dtype ? wk_tensor_incref(g) : wk_op_to_dtype(g, r->dtype, false);
            if (!rg[i]) return false;
        } else {
            if (wk_tensor_numel(r) != 1) return wk_rt_err(WK_ERR_RUNTIME, "grad can be implicitly created only for scalar outputs");
            if (!(rg[i] = wk_tensor_ones(r->ndim, r->shape, r->dtype, wk_tensor_device(r)))) return false;
        }
    }
    return true;
}

static bool run_engine(engine *e, int n, wk_tensor *const *roots, wk_tensor *const *grads) {
    wk_autograd_init();
    size_t cnt = (size_t)n + 1;
    wk_tensor **rg = scratch(cnt, sizeof *rg);
    wk_node **rn = scratch(cnt, sizeof *rn);
    int *rnr = scratch(cnt, sizeof *rnr);
    bool ok = rg && rn && rnr;
    ok = ok && root_grads(n, roots, grads, rg, rn, rnr);
    ok = ok && engine_prepare(e, n, rn);
    bool was = wk_grad_enabled(), was_unpack = wk_ag_set_unpack_history(e->create);
    wk_grad_set_enabled(e->create);
    for (int i = 0; i < n && ok; i++) ok = buf_add(&e->bufs[rn[i]->topo][rnr[i]], rg[i]);
    for (int64_t i = 0; i < e->n && ok; i++)
        if (e->needed[i] && e->deps[i] == 0) heap_push(e, e->nodes[i]);
    while (ok && e->nheap) ok = run_node(e, heap_pop(e));
    wk_grad_set_enabled(was);
    wk_ag_set_unpack_history(was_unpack);
    engine_free(e);
    for (int i = 0; i < n && rg && rn; i++) { wk_tensor_decref(rg[i]); wk_node_decref(rn[i]); }
    scratch_free(rg, cnt, sizeof *rg);
    scratch_free(rn, cnt, sizeof *rn);
    scratch_free(rnr, cnt, sizeof *rnr);
    return ok;
}

bool wk_autograd_backward(int n_roots, wk_tensor *const *roots, wk_tensor *const *grads,
                          bool retain_graph, bool create_graph) {
    engine e = {0};
    e.accumulate = true;
    e.create = create_graph;
    e.retain = retain_graph || create_graph;
    return run_engine(&e, n_roots, roots, grads);
}

bool wk_autograd_grad(int n_out, wk_tensor *const *outputs, wk_tensor *const *grad_outputs,
                      int n_in, wk_tensor *const *inputs, bool retain_graph, bool create_graph,
                      bool allow_unused, wk_tensor **results) {
    for (int i = 0; i < n_in; i++) results[i] = NULL;
    engine e = {0};
    e.create = create_graph;
    e.retain = retain_graph || create_graph;
    e.results = results;
    e.targets = calloc((size_t)n_in + 1, sizeof *e.targets);
    if (!e.targets) return wk_rt_err(WK_ERR_OOM, "out of memory");
    bool ok = true;
    wk_node **held = calloc((size_t)n_in + 1, sizeof *held);
    for (int i = 0; i < n_in && ok; i++) {
        if (!inputs[i]->requires_grad) { ok = wk_rt_err(WK_ERR_RUNTIME, "One of the differentiated Tensors does not require grad"); break; }
        int nr = 0;
        if (!(held[i] = wk_ag_edge_of(inputs[i], &nr))) { ok = false; break; }
        e.targets[e.ntargets++] = (target){held[i], nr, i};
    }
    ok = ok && run_engine(&e, n_out, outputs, grad_outputs);
    for (int i = 0; i < n_in; i++) wk_node_decref(held[i]);
    free(held);
    free(e.targets);
    for (int i = 0; i < n_in && ok; i++)
        if (!results[i] && !allow_unused)
            ok = wk_rt_err(WK_ERR_RUNTIME, "One of the differentiated Tensors appears to not have been used in the "
                           "graph. Set allow_unused=True if this is the desired behavior.");
    if (!ok)
        for (int i = 0; i < n_in; i++) { wk_tensor_decref(results[i]); results[i] = NULL; }
    return ok;
}
