/* ops_nn_loss.c — loss ops: nll_loss / cross_entropy (indices or probabilities, weights, ignore_index, label smoothing) and fused pointwise losses. */
#include "autograd_impl.h"
#include "ops_nn.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

bool wk_reduction_parse(const char *s, wk_reduction *out) {
    if (!strcmp(s, "none")) *out = WK_REDUCTION_NONE;
    else if (!strcmp(s, "mean")) *out = WK_REDUCTION_MEAN;
    else if (!strcmp(s, "sum")) *out = WK_REDUCTION_SUM;
    else return wk_rt_err(WK_ERR_VALUE, "%s is not a valid value for reduction", s);
    return true;
}

static wk_tensor *reduce(wk_tensor *t, wk_reduction red) {
    if (red == WK_REDUCTION_MEAN) return wk_op_mean(t, NULL, 0, false, WK_NO_DTYPE);
    if (red == WK_REDUCTION_SUM) return wk_op_sum(t, NULL, 0, false, WK_NO_DTYPE);
    return wk_tensor_incref(t);
}

/* ================================================================== nll_loss */
/* Layout: input (N, C, S) contiguous, target (N, S) int64 contiguous. */
typedef struct nll_geom { int64_t N, C, S; } nll_geom;

static bool nll_targets_ok(const int64_t *t, int64_t n, int64_t C, int64_t ignore) {
    for (int64_t i = 0; i < n; i++)
        if (t[i] != ignore && (t[i] < 0 || t[i] >= C))
            return wk_rt_err(WK_ERR_INDEX, "Target %lld is out of bounds.", (long long)t[i]);
    return true;
}

static double wt(const wk_tensor *w, int64_t c) { return w ? wk_nn_ld(wk_tensor_data(w), c, w->dtype == WK_DT_F64) : 1.0; }

/* One float32 (or float64) operation: the double result of +, -, *, / of two floats rounds
 * to the float result exactly, so kernels below compute in double and round after each op. */
static double rd(double v, bool f64) { return f64 ? v : (double)(float)v; }

/* PyTorch's cascade sum for the reduced nll: 8 levels of partial sums; level j + 1 takes
 * level j whenever the low (j + 1) * level_power bits of the sample index are zero. */
enum { NLL_LEVELS = 8 };
typedef struct nll_sums { double loss[NLL_LEVELS], weight[NLL_LEVELS]; int64_t ignored; int power; } nll_sums;

static void nll_sums_init(nll_sums *c, int64_t n) {
    memset(c, 0, sizeof *c);
    int ceil_log2 = 1;
    while (n > 2 && ((uint64_t)1 << ceil_log2) < (uint64_t)n) ceil_log2++;
    c->power = ceil_log2 / NLL_LEVELS > 4 ? ceil_log2 / NLL_LEVELS : 4;
}

static void nll_sums_add(nll_sums *c, int64_t i, double x, const double *w, bool f64) {
    c->loss[0] = rd(c->loss[0] - (w ? rd(x * *w, f64) : x), f64);
    if (w) c->weight[0] = rd(c->weight[0] + *w, f64);
    uint64_t mask = ((uint64_t)1 << c->power) - 1;
    for (int j = 0; j + 1 < NLL_LEVELS; j++) {
        if ((uint64_t)i & (mask << (j * c->power))) break;
        c->loss[j + 1] = rd(c->loss[j + 1] + c->loss[j], f64);
        c->weight[j + 1] = rd(c->weight[j + 1] + c->weight[j], f64);
        c->loss[j] = c->weight[j] = 0;
    }
}

/* std::accumulate of the levels from 0 */
static double nll_sums_total(const double *v, bool f64) {
    double r = 0;
    for (int j = 0; j < NLL_LEVELS; j++) r = rd(r + v[j], f64);
    return r;
}

static bool bw_nll(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_tensor *tg = wk_ag_saved(n, 0), *w = n->n_saved > 1 ? wk_ag_saved(n, 1) : NULL;
    if (!tg || (n->n_saved > 1 && !w)) return false;
    nll_geom ge = {n->iv[0], n->iv[1], n->iv[2]};
    wk_reduction red = (wk_reduction)n->iv[3];
    int64_t ignore = n->iv[4];
    wk_tensor *gx = wk_nn_grad_like(n, 0, true);
    wk_tensor *gd = gx ? wk_tensor_to_dtype(g[0], gx->dtype, false) : NULL;  /* read as gx's type */
    wk_tensor *go = gd ? wk_tensor_contiguous(gd) : NULL;
    wk_tensor_decref(gd);
    if (!go) { wk_tensor_decref(gx); return false; }
    bool f64 = gx->dtype == WK_DT_F64;
    const int64_t *t = wk_tensor_data(tg);
    void *px = wk_tensor_data(gx), *pg = wk_tensor_data(go);
    /* PyTorch: grad = -(go / total_weight) for 'mean', -go otherwise; then weight[c] * grad */
    double g0 = wk_nn_ld(pg, 0, f64);
    if (red == WK_REDUCTION_MEAN) g0 = rd(g0 / n->dv[0], f64);
    for (int64_t i = 0; i < ge.N; i++)
        for (int64_t s = 0; s < ge.S; s++) {
            int64_t c = t[i * ge.S + s];
            if (c == ignore) continue;
            double gv = red == WK_REDUCTION_NONE ? wk_nn_ld(pg, i * ge.S + s, f64) : g0;
            wk_nn_st(px, (i * ge.C + c) * ge.S + s, -(w ? rd(wt(w, c) * gv, f64) : gv), f64);
        }
    wk_tensor_decref(go);
    gin[0] = gx;
    return true;
}

static bool nll_checks(wk_tensor *x, wk_tensor *t, wk_tensor *w) {
    char a[256], b[256];
    /* PyTorch's order: shape checks (meta function) first, then the kernel's dtype checks. */
    if (x->ndim < 1) return wk_rt_err(WK_ERR_RUNTIME, "input tensor should be 1D or 2D");
    if (x->ndim <= 2 && t->ndim > 1) return wk_rt_err(WK_ERR_RUNTIME, "0D or 1D target tensor expected, multi-target not supported");
    int64_t n = x->ndim == 1 ? 1 : x->shape[0], tn = t->ndim == 0 ? 1 : t->shape[0];
    if (x->ndim == 1 ? t->ndim != 0 : tn != n)
        return wk_rt_err(WK_ERR_VALUE, "Expected input batch_size (%lld) to match target batch_size (%lld).", (long long)n, (long long)tn);
    if (x->ndim > 2) {
        bool ok = t->ndim == x->ndim - 1;
        for (int d = 0; ok && d < t->ndim; d++) ok = t->shape[d] == x->shape[d == 0 ? 0 : d + 1];
        int64_t want[WK_MAX_DIMS];
        want[0] = x->shape[0];
        for (int d = 2; d < x->ndim; d++) want[d - 1] = x->shape[d];
        wk_shape_str(a, sizeof a, x->ndim - 1, want);
        if (!ok) return wk_rt_err(WK_ERR_RUNTIME, "Expected target size %s, got %s", a, wk_nn_shape(b, sizeof b, t));
    }
    int64_t C = x->shape[x->ndim == 1 ? 0 : 1];
    if (w && wk_tensor_numel(w) != C)
        return wk_rt_err(WK_ERR_RUNTIME, "weight tensor should be defined either for all %lld classes or no classes but got weight tensor of shape: %s",
                         (long long)C, wk_nn_shape(a, sizeof a, w));
    if (t->dtype != WK_DT_I64)
        return wk_rt_err(WK_ERR_RUNTIME, "expected scalar type Long but found %s", wk_dtype_scalar_name(t->dtype));
    if (w && w->dtype != x->dtype)
        return wk_rt_err(WK_ERR_RUNTIME, "expected scalar type %s but found %s", wk_dtype_scalar_name(x->dtype), wk_dtype_scalar_name(w->dtype));
    wk_tensor *const ts[3] = {x, t, w};
    return wk_ops_same_device(3, ts) && wk_nn_check_float(x, "nll_loss_forward_reduce_cuda_kernel_2d_index");
}

/* Output of the kernel: (N, 1, S) when the caller views it back (3-D or >= 5-D input, no reduction). */
static wk_tensor *nll_out(wk_tensor *x, wk_reduction red, const nll_geom *ge, bool *view_back) {
    *view_back = false;
    if (red != WK_REDUCTION_NONE || x->ndim == 1) return wk_tensor_empty(0, NULL, x->dtype, WK_CPU);
    if (x->ndim == 2) return wk_tensor_empty(1, &ge->N, x->dtype, WK_CPU);
    if (x->ndim == 4) {
        int64_t sh[3] = {x->shape[0], x->shape[2], x->shape[3]};
        return wk_tensor_empty(3, sh, x->dtype, WK_CPU);
    }
    *view_back = true;
    int64_t sh[3] = {ge->N, 1, ge->S};
    return wk_tensor_empty(3, sh, x->dtype, WK_CPU);
}

/* Fills out (per sample, or the reduced value) as PyTorch's nll_loss_out_frame does;
 * returns the total weight. */
static double nll_forward(const nll_geom *ge, wk_tensor *tc, wk_tensor *xc, wk_tensor *wc, wk_reduction red,
                          int64_t ignore, wk_tensor *out) {
    bool f64 = xc->dtype == WK_DT_F64;
    const int64_t *t = wk_tensor_data(tc);
    const void *px = wk_tensor_data(xc);
    int64_t n = ge->N * ge->S;
    nll_sums c;
    nll_sums_init(&c, n);
    for (int64_t i = 0; i < n; i++) {
        int64_t k = t[i];
        if (k == ignore) {
            c.ignored++;
            if (red == WK_REDUCTION_NONE) wk_nn_st(wk_tensor_data(out), i, 0, f64);
            continue;
        }
        double x = wk_nn_ld(px, (i / ge->S * ge->C + k) * ge->S + i % ge->S, f64), w = wt(wc, k);
        if (red == WK_REDUCTION_NONE) wk_nn_st(wk_tensor_data(out), i, -x * w, f64);
        else nll_sums_add(&c, i, x, wc ? &w : NULL, f64);
    }
    double tw = wc ? nll_sums_total(c.weight, f64) : rd((double)(n - c.ignored), f64);
    double total = nll_sums_total(c.loss, f64);
    if (red != WK_REDUCTION_NONE) wk_nn_st(wk_tensor_data(out), 0, red == WK_REDUCTION_MEAN ? total / tw : total, f64);
    return tw;
}

wk_tensor *wk_op_nll_loss(wk_tensor *input, wk_tensor *target, wk_tensor *weight, wk_reduction red, int64_t ignore_index) {
    if (!nll_checks(input, target, weight)) return NULL;
    nll_geom ge = {input->ndim == 1 ? 1 : input->shape[0], input->shape[input->ndim == 1 ? 0 : 1], 1};
    for (int d = 2; d < input->ndim; d++) ge.S *= input->shape[d];
    wk_tensor *xc = wk_tensor_contiguous(input), *tc = wk_tensor_contiguous(target), *wc = weight ? wk_tensor_contiguous(weight) : NULL;
    bool view_back;
    wk_tensor *out = xc && tc && (!weight || wc) && nll_targets_ok(wk_tensor_data(tc), ge.N * ge.S, ge.C, ignore_index)
                         ? nll_out(input, red, &ge, &view_back) : NULL;
    double wsum = 0;
    if (out) wsum = nll_forward(&ge, tc, xc, wc, red, ignore_index, out);
    if (out && wk_ag_needs(1, &input)) {
        wk_node *n = wk_ag_node(input->ndim <= 2 ? "NllLossBackward0" : "NllLoss2DBackward0", bw_nll, 1, &input, 1);
        if (n) {
            n->iv[0] = ge.N; n->iv[1] = ge.C; n->iv[2] = ge.S; n->iv[3] = red; n->iv[4] = ignore_index;
            n->dv[0] = wsum;
            wk_ag_set_output(n, 0, out);
            wk_ag_save(n, tc);
            if (wc) wk_ag_save(n, wc);
            wk_node_decref(n);
        } else { wk_tensor_decref(out); out = NULL; }
    }
    wk_tensor_decref(xc); wk_tensor_decref(tc); wk_tensor_decref(wc);
    if (!out || !view_back) return out;
    wk_tensor *v = wk_op_view(out, target->ndim, target->shape);
    wk_tensor_decref(out);
    return v;
}

/* ================================================================== cross entropy */
/* Shape with 1 everywhere but the class dim (to broadcast the class weights). */
static wk_tensor *class_view(wk_tensor *w, const wk_tensor *x, int cdim) {
    int64_t sh[WK_MAX_DIMS];
    for (int d = 0; d < x->ndim; d++) sh[d] = d == cdim ? x->shape[d] : 1;
    return wk_op_view(w, x->ndim, sh);
}

/* smooth part: -(logp [* w]).sum(class_dim), zero at ignored targets, reduced like PyTorch. */
static wk_tensor *smooth_term(wk_scope *s, wk_tensor *lp, wk_tensor *t, wk_tensor *w, wk_reduction red, int64_t ignore, int cdim) {
    wk_tensor *prod = w ? x_bin(s, WK_OP_MUL, lp, x_own(s, class_view(w, lp, cdim))) : lp;
    int64_t dim = cdim;
    wk_tensor *sm = prod ? x_un(s, WK_UOP_NEG, x_own(s, wk_op_sum(prod, &dim, 1, false, WK_NO_DTYPE))) : NULL;
    wk_tensor *ign = x_bins(s, WK_OP_EQ, t, (double)ignore);
    wk_tensor *z = sm && ign ? x_own(s, wk_op_masked_fill(sm, ign, wk_vf(0))) : NULL;
    if (!z || red == WK_REDUCTION_NONE) return z;
    wk_tensor *tot = x_own(s, wk_op_sum(z, NULL, 0, false, WK_NO_DTYPE));
    if (red == WK_REDUCTION_SUM) return tot;
    wk_tensor *keep = x_un(s, WK_UOP_LOGICAL_NOT, ign);
    wk_tensor *den = NULL;
    if (w) {
        wk_tensor *sel = keep ? x_own(s, wk_op_masked_select(t, keep)) : NULL;
        wk_tensor *ws = sel ? x_own(s, wk_op_index_select(w, 0, sel)) : NULL;
        den = ws ? x_own(s, wk_op_sum(ws, NULL, 0, false, WK_NO_DTYPE)) : NULL;
    } else den = keep ? x_own(s, wk_op_sum(keep, NULL, 0, false, WK_NO_DTYPE)) : NULL;
    return x_bin(s, WK_OP_DIV, tot, den);
}

static wk_tensor *ce_indices(wk_tensor *x, wk_tensor *t, wk_tensor *w, wk_reduction red, int64_t ignore, double ls, int cdim) {
    wk_scope s = {0};
    wk_tensor *lp = x_own(&s, wk_op_log_softmax(x, cdim, WK_NO_DTYPE));
    wk_tensor *nll = lp ? x_own(&s, wk_op_nll_loss(lp, t, w, red, ignore)) : NULL;
    if (!nll || ls == 0) return x_ret(&s, nll);
    wk_tensor *sm = smooth_term(&s, lp, t, w, red, ignore, cdim);
    int64_t C = x->shape[cdim];
    wk_tensor *r = x_bin(&s, WK_OP_ADD, x_bins(&s, WK_OP_MUL, nll, 1 - ls), x_bins(&s, WK_OP_MUL, sm, ls / (double)C));
    return x_ret(&s, r);
}

static wk_tensor *ce_probs(wk_tensor *x, wk_tensor *t, wk_tensor *w, wk_reduction red, double ls, int cdim) {
    wk_scope s = {0};
    int64_t C = x->shape[cdim], dim = cdim;
    wk_tensor *lp = x_own(&s, wk_op_log_softmax(x, cdim, WK_NO_DTYPE));
    if (ls > 0) t = x_bins(&s, WK_OP_ADD, x_bins(&s, WK_OP_MUL, t, 1 - ls), ls / (double)C);
    wk_tensor *p = x_bin(&s, WK_OP_MUL, lp, t);
    if (w) p = x_bin(&s, WK_OP_MUL, p, x_own(&s, class_view(w, x, cdim)));
    wk_tensor *r = NULL;
    if (p && red == WK_REDUCTION_NONE) r = x_un(&s, WK_UOP_NEG, x_own(&s, wk_op_sum(p, &dim, 1, false, WK_NO_DTYPE)));
    else if (p) {
        wk_tensor *tot = x_un(&s, WK_UOP_NEG, x_own(&s, wk_op_sum(p, NULL, 0, false, WK_NO_DTYPE)));
        r = red == WK_REDUCTION_SUM ? tot : x_bins(&s, WK_OP_DIV, tot, (double)(wk_tensor_numel(x) / C));
    }
    return x_ret(&s, r);
}

wk_tensor *wk_op_cross_entropy(wk_tensor *input, wk_tensor *target, wk_tensor *weight, wk_reduction red,
                               int64_t ignore_index, double label_smoothing) {
    if (!(label_smoothing >= 0 && label_smoothing <= 1)) {
        wk_rt_err(WK_ERR_RUNTIME, "label_smoothing must be between 0.0 and 1.0. Got: %g", label_smoothing);
        return NULL;
    }
    if (input->ndim < 1) { wk_rt_err(WK_ERR_RUNTIME, "input tensor should be 1D or 2D"); return NULL; }
    int cdim = input->ndim == 1 ? 0 : 1;
    /* As PyTorch: a target with the input's shape holds class probabilities (and must be
     * floating point); anything else takes the class-index path, whose checks report a
     * float target as "expected scalar type Long". */
    if (wk_same_shape(input, target)) {
        if (!wk_dtype_is_float(target->dtype)) {
            wk_rt_err(WK_ERR_RUNTIME, "Expected floating point type for target with class probabilities, got %s",
                      wk_dtype_scalar_name(target->dtype));
            return NULL;
        }
        return ce_probs(input, target, weight, red, label_smoothing, cdim);
    }
    return ce_indices(input, target, weight, red, ignore_index, label_smoothing, cdim);
}

/* ================================================================== smooth_l1 / huber */
/* ATen's kernels (cpu_nn_loss.c) over the broadcast, contiguous operands. */
/* SmoothL1LossBackward0 / HuberLossBackward0: the input's gradient from (x, t), the target's
 * from (t, x) as derivatives.yaml swaps them. iv: kind, reduction; dv[0]: beta / delta. */
static bool bw_pwloss(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_tensor *v[2] = {wk_ag_saved(n, 0), wk_ag_saved(n, 1)};
    if (!v[0] || !v[1]) return false;
    int64_t N = wk_tensor_numel(v[0]);
    double norm = n->iv[1] == WK_REDUCTION_MEAN ? 1.0 / (double)N : 1.0;
    wk_tensor *gc = wk_tensor_to_dtype(g[0], v[0]->dtype, false), *go = gc ? wk_tensor_contiguous(gc) : NULL;
    wk_tensor_decref(gc);
    bool ok = go != NULL;
    for (int w = 0; ok && w < 2; w++) {
        if (!n->next[w].fn) continue;
        wk_tensor *r = wk_tensor_empty(v[0]->ndim, v[0]->shape, v[0]->dtype, WK_CPU);
        if (!(ok = r != NULL)) break;
        wk_cpu_nn_pwloss_backward((int)n->iv[0], n->dv[0], norm, wk_tensor_data(v[w]), wk_tensor_data(v[1 - w]), wk_tensor_data(go),
                    wk_tensor_numel(go) == N && N > 1, wk_tensor_data(r), N, v[0]->dtype == WK_DT_F64);
        gin[w] = r;
    }
    wk_tensor_decref(go);
    return ok;
}

/* t broadcast to shape and made contiguous in dtype dt. */
static wk_tensor *dense(wk_scope *s, wk_tensor *t, int nd, const int64_t *shape, wk_dtype dt) {
    wk_tensor *c = x_own(s, wk_tensor_to_dtype(t, dt, false));
    wk_tensor *e = c ? x_own(s, wk_tensor_expand(c, nd, shape)) : NULL;
    return e ? x_own(s, wk_tensor_contiguous(e)) : NULL;
}

static wk_tensor *pointwise_loss(int kind, double p, wk_reduction red, const char *name, wk_tensor *x, wk_tensor *t) {
    wk_tensor *const ins[2] = {x, t};
    if (!wk_ops_same_device(2, ins) || !wk_nn_check_float(x, name)) return NULL;
    int nd;
    int64_t shape[WK_MAX_DIMS];
    if (!wk_broadcast_shapes(x->ndim, x->shape, t->ndim, t->shape, &nd, shape)) return NULL;
    wk_scope s = {0};
    wk_tensor *v[2] = {dense(&s, x, nd, shape, x->dtype), dense(&s, t, nd, shape, x->dtype)};
    wk_tensor *loss = v[0] && v[1] ? x_own(&s, wk_tensor_empty(nd, shape, x->dtype, WK_CPU)) : NULL;
    if (!loss) return x_ret(&s, NULL);
    wk_cpu_nn_pwloss_forward(kind, p, wk_tensor_data(v[0]), wk_tensor_data(v[1]), wk_tensor_data(loss), wk_tensor_numel(loss),
               x->dtype == WK_DT_F64);
    bool was = wk_grad_enabled();
    wk_grad_set_enabled(false);
    wk_tensor *out = reduce(loss, red);
    wk_grad_set_enabled(was);
    if (out && wk_ag_needs(2, ins)) {
        wk_node *n = wk_ag_node(name, bw_pwloss, 2, ins, 1);
        if (n) {
            n->iv[0] = kind; n->iv[1] = red; n->dv[0] = p;
            wk_ag_set_output(n, 0, out);
            wk_ag_save(n, v[0]);
            wk_ag_save(n, v[1]);
            wk_node_decref(n);
        } else { wk_tensor_decref(out); out = NULL; }
    }
    x_free(&s);
    return out;
}

/* MseLossBackward0: PyTorch's mse_loss_backward, norm * (x - t) * grad in the input's dtype
 * (norm = 2/numel for a mean, else 2); the target's gradient is its negation (the same bits,
 * as t - x == -(x - t)). */
static bool bw_mse(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    wk_tensor *x = wk_ag_saved(n, 0), *t = wk_ag_saved(n, 1);
    if (!x || !t) return false;
    double norm = n->iv[0] == WK_REDUCTION_MEAN ? 2.0 / n->dv[0] : 2.0;  /* dv[0]: broadcast numel */
    wk_tensor *d = x_own(&s, wk_op_sub(wk_vt(x), wk_vt(t), wk_scalar_int(1)));
    wk_tensor *dn = d ? x_own(&s, wk_op_binary(WK_OP_MUL, wk_vf(norm), wk_vt(d))) : NULL;
    wk_tensor *gx = dn ? x_own(&s, wk_op_binary(WK_OP_MUL, wk_vt(dn), wk_vt(g[0]))) : NULL;
    wk_tensor *gt = gx && n->next[1].fn ? x_own(&s, wk_op_unary(WK_UOP_NEG, gx)) : NULL;
    if (!gx || (n->next[1].fn && !gt)) { x_free(&s); return false; }
    gin[0] = n->next[0].fn ? wk_tensor_incref(gx) : NULL;
    gin[1] = gt ? wk_tensor_incref(gt) : NULL;
    x_free(&s);
    return true;
}

/* mse_loss as PyTorch computes it: (x - t) * (x - t) elementwise, then the runtime's mean or
 * sum (PyTorch's summation order), so values and gradients carry PyTorch's bits. */
wk_tensor *wk_op_mse_loss(wk_tensor *input, wk_tensor *target, wk_reduction red) {
    wk_tensor *const ts[2] = {input, target};
    if (!wk_ops_same_device(2, ts) || !wk_nn_check_float(input, "mse_loss")) return NULL;
    bool was = wk_grad_enabled();
    wk_grad_set_enabled(false);
    wk_tensor *d = wk_op_sub(wk_vt(input), wk_vt(target), wk_scalar_int(1));
    wk_tensor *sq = d ? wk_op_binary(WK_OP_MUL, wk_vt(d), wk_vt(d)) : NULL;
    wk_tensor *out = sq ? reduce(sq, red) : NULL;
    wk_grad_set_enabled(was);
    double numel = d ? (double)wk_tensor_numel(d) : 0;
    wk_tensor_decref(d);
    wk_tensor_decref(sq);
    if (!out || !wk_ag_needs(2, ts)) return out;
    wk_node *n = wk_ag_node("MseLossBackward0", bw_mse, 2, ts, 1);
    if (!n) { wk_tensor_decref(out); return NULL; }
    n->iv[0] = red;
    n->dv[0] = numel;
    wk_ag_set_output(n, 0, out);
    wk_ag_save(n, input);
    wk_ag_save(n, target);
    wk_node_decref(n);
    return out;
}

wk_tensor *wk_op_l1_loss(wk_tensor *input, wk_tensor *target, wk_reduction red) {
    wk_tensor *d = wk_op_sub(wk_vt(input), wk_vt(target), wk_scalar_int(1));
    wk_tensor *a = d ? wk_op_unary(WK_UOP_ABS, d) : NULL;
    wk_tensor *r = a ? reduce(a, red) : NULL;
    wk_tensor_decref(d);
    wk_tensor_decref(a);
    return r;
}

wk_tensor *wk_op_smooth_l1_loss(wk_tensor *input, wk_tensor *target, wk_reduction red, double beta) {
    if (beta < 0) { wk_rt_err(WK_ERR_RUNTIME, "smooth_l1_loss does not support negative values for beta."); return NULL; }
    if (beta == 0) return wk_op_l1_loss(input, target, red);
    return pointwise_loss(WK_LOSS_SMOOTH_L1, beta, red, "SmoothL1LossBackward0", input, target);
}

wk_tensor *wk_op_huber_loss(wk_tensor *input, wk_tensor *target, wk_reduction red, double delta) {
    if (!(delta > 0)) { wk_rt_err(WK_ERR_RUNTIME, "huber_loss does not support non-positive values for delta."); return NULL; }
    return pointwise_loss(WK_LOSS_HUBER, delta, red, "HuberLossBackward0", input, target);
}

static bool same_size(const wk_tensor *x, const wk_tensor *t, bool logits) {
    char a[256], b[256];
    if (wk_same_shape(x, t)) return true;
    wk_nn_shape(a, sizeof a, t);
    wk_nn_shape(b, sizeof b, x);
    if (logits) return wk_rt_err(WK_ERR_VALUE, "Target size (torch.Size(%s)) must be the same as input size (torch.Size(%s))", a, b);
    return wk_rt_err(WK_ERR_VALUE, "Using a target size (torch.Size(%s)) that is different to the input size (torch.Size(%s)) is deprecated. Please ensure they have the same size.", a, b);
}

/* ================================================================== binary cross entropy */
/* PyTorch multiplies the loss (input's shape) by weight / pos_weight in place: a bigger
 * broadcast shape is the in-place error. */
static bool fits_input(const wk_tensor *x, const wk_tensor *o) {
    int nd;
    int64_t shape[WK_MAX_DIMS];
    if (!o) return true;
    if (!wk_broadcast_shapes(x->ndim, x->shape, o->ndim, o->shape, &nd, shape)) return false;
    if (nd == x->ndim && !memcmp(shape, x->shape, (size_t)nd * sizeof *shape)) return true;
    char a[256], b[256];
    wk_shape_str(a, sizeof a, x->ndim, x->shape);
    wk_shape_str(b, sizeof b, nd, shape);
    return wk_rt_err(WK_ERR_RUNTIME, "output with shape %s doesn't match the broadcast shape %s", a, b);
}

/* The shared tail of every BCE gradient: g * w, then / numel for a mean (PyTorch's div_). */
static wk_tensor *bce_grad_tail(wk_scope *s, wk_tensor *r, wk_tensor *w, wk_reduction red, double numel) {
    if (r && w) r = x_bin(s, WK_OP_MUL, r, w);
    if (r && red == WK_REDUCTION_MEAN) r = x_bins(s, WK_OP_DIV, r, numel);
    return r;
}

/* saved: x, t, weight (or none), pos_weight (or none); iv[0]: reduction. */
static bool bce_saved(wk_node *n, wk_tensor **v) {
    for (int i = 0; i < 4; i++) {
        v[i] = NULL;
        if ((i < 2 || n->saved[i].t) && !(v[i] = wk_ag_saved(n, i))) return false;
    }
    return true;
}

/* 1.13's log_sigmoid: min(x, 0) - log1p(exp(-|x|)), op by op. */
static wk_tensor *log_sigmoid(wk_scope *s, wk_tensor *x) {
    wk_val zero = wk_vf(0);
    wk_tensor *m = x ? x_own(s, wk_op_clamp(x, NULL, &zero)) : NULL;
    wk_tensor *l = x ? x_un(s, WK_UOP_LOG1P, x_un(s, WK_UOP_EXP, x_un(s, WK_UOP_NEG, x_un(s, WK_UOP_ABS, x)))) : NULL;
    return m && l ? x_bin(s, WK_OP_SUB, m, l) : NULL;
}

/* input.sigmoid() with ATen's bits: float64 as its vector kernel, (exp(-x) + 1).reciprocal()
 * (the runtime's float64 sigmoid rounds some elements differently). */
static wk_tensor *aten_sigmoid(wk_scope *s, wk_tensor *x) {
    if (x->dtype != WK_DT_F64) return x_un(s, WK_UOP_SIGMOID, x);
    return x_un(s, WK_UOP_RECIPROCAL, x_bins(s, WK_OP_ADD, x_un(s, WK_UOP_EXP, x_un(s, WK_UOP_NEG, x)), 1));
}

/* BinaryCrossEntropyWithLogitsBackward0 as 1.13's binary_cross_entropy_with_logits_backward
 * and _target_backward build it, op by op. */
static bool bw_bce_logits(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_tensor *v[4];
    if (!bce_saved(n, v)) return false;
    wk_tensor *x = v[0], *t = v[1], *w = v[2], *pw = v[3];
    wk_reduction red = (wk_reduction)n->iv[0];
    double numel = (double)wk_tensor_numel(x);
    wk_scope s = {0};
    wk_tensor *gx = NULL, *gt = NULL;
    if (n->next[0].fn) {
        wk_tensor *sg = aten_sigmoid(&s, x), *tp = pw ? x_bin(&s, WK_OP_MUL, pw, t) : NULL;
        wk_tensor *a = pw ? x_bin(&s, WK_OP_SUB, x_bins(&s, WK_OP_ADD, tp, 1), t) : NULL;
        wk_tensor *d = pw ? x_bin(&s, WK_OP_SUB, x_bin(&s, WK_OP_MUL, a, sg), tp) : x_bin(&s, WK_OP_SUB, sg, t);
        gx = bce_grad_tail(&s, d ? x_bin(&s, WK_OP_MUL, d, g[0]) : NULL, w, red, numel);
        if (!gx) return x_ret(&s, NULL), false;
    }
    if (n->next[1].fn) {
        wk_tensor *d;
        if (pw) {
            wk_tensor *lneg = log_sigmoid(&s, x_un(&s, WK_UOP_NEG, x)), *lpos = log_sigmoid(&s, x);
            d = lneg && lpos ? x_bin(&s, WK_OP_SUB, lneg, x_bin(&s, WK_OP_MUL, lpos, pw)) : NULL;
        } else d = x_un(&s, WK_UOP_NEG, x);
        gt = bce_grad_tail(&s, d ? x_bin(&s, WK_OP_MUL, d, g[0]) : NULL, w, red, numel);
        if (!gt) return x_ret(&s, NULL), false;
    }
    gin[0] = gx ? wk_tensor_incref(gx) : NULL;
    gin[1] = gt ? wk_tensor_incref(gt) : NULL;
    x_free(&s);
    return true;
}

/* 1.13's composite: max_val = (-x).clamp_min(0);
 * loss = (1 - t) * x + max_val + log(exp(-max_val) + exp(-x - max_val)), or with pos_weight
 * (1 - t) * x + ((pw - 1) * t + 1) * (log(...) + max_val); then * weight; then reduced. */
static wk_tensor *bce_logits_forward(wk_tensor *x, wk_tensor *t, wk_tensor *w, wk_tensor *pw, wk_reduction red) {
    wk_scope s = {0};
    wk_val zero = wk_vf(0);
    wk_tensor *nx = x_un(&s, WK_UOP_NEG, x);
    wk_tensor *mv = nx ? x_own(&s, wk_op_clamp(nx, &zero, NULL)) : NULL;
    wk_tensor *e1 = mv ? x_un(&s, WK_UOP_EXP, x_un(&s, WK_UOP_NEG, mv)) : NULL;
    wk_tensor *e2 = mv ? x_un(&s, WK_UOP_EXP, x_bin(&s, WK_OP_SUB, nx, mv)) : NULL;
    wk_tensor *lg = e1 && e2 ? x_un(&s, WK_UOP_LOG, x_bin(&s, WK_OP_ADD, e1, e2)) : NULL;
    wk_tensor *lin = x_bin(&s, WK_OP_MUL, x_sbin(&s, WK_OP_SUB, 1, t), x);
    wk_tensor *loss;
    if (pw) {
        wk_tensor *lw = x_bins(&s, WK_OP_ADD, x_bin(&s, WK_OP_MUL, x_bins(&s, WK_OP_SUB, pw, 1), t), 1);
        loss = lg && lin && lw ? x_bin(&s, WK_OP_ADD, lin, x_bin(&s, WK_OP_MUL, lw, x_bin(&s, WK_OP_ADD, lg, mv))) : NULL;
    } else
        loss = lg && lin ? x_bin(&s, WK_OP_ADD, x_bin(&s, WK_OP_ADD, lin, mv), lg) : NULL;
    if (loss && w) loss = x_bin(&s, WK_OP_MUL, loss, w);
    return x_ret(&s, loss ? x_own(&s, reduce(loss, red)) : NULL);
}

/* Records node `name` (inputs ins[0..1]; saves v: x, t, w, pw) over out; out is consumed on failure. */
static wk_tensor *bce_record(const char *name, wk_backward_fn fn, wk_tensor *out, wk_tensor *const *ins,
                             wk_tensor *const *v, wk_reduction red) {
    if (!out || !wk_ag_needs(2, ins)) return out;
    wk_node *n = wk_ag_node(name, fn, 2, ins, 1);
    if (!n) { wk_tensor_decref(out); return NULL; }
    n->iv[0] = red;
    wk_ag_set_output(n, 0, out);
    for (int i = 0; i < 4; i++) wk_ag_save(n, v[i]);
    wk_node_decref(n);
    return out;
}

/* BinaryCrossEntropyBackward0: the kernel above, then * weight, / numel; the target's
 * gradient is 1.13's (log(1 - x) - log(x)) * g (* weight, / numel). */
static bool bw_bce(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_tensor *v[4];
    if (!bce_saved(n, v)) return false;
    wk_tensor *x = v[0], *w = v[2];
    wk_reduction red = (wk_reduction)n->iv[0];
    double numel = (double)wk_tensor_numel(x);
    wk_scope s = {0};
    wk_tensor *gx = NULL, *gt = NULL;
    if (n->next[0].fn) {
        wk_tensor *gc = x_own(&s, wk_tensor_contiguous(g[0]));
        wk_tensor *r = gc ? x_own(&s, wk_tensor_empty(x->ndim, x->shape, x->dtype, WK_CPU)) : NULL;
        if (r) wk_cpu_nn_bce_backward(wk_tensor_data(gc), wk_tensor_numel(gc) > 1 || gc->ndim > 0, wk_tensor_data(x),
                               wk_tensor_data(v[1]), wk_tensor_data(r), wk_tensor_numel(x), x->dtype == WK_DT_F64);
        if (!(gx = bce_grad_tail(&s, r, w, red, numel))) return x_ret(&s, NULL), false;
    }
    if (n->next[1].fn) {
        wk_tensor *l1 = x_un(&s, WK_UOP_LOG, x_sbin(&s, WK_OP_SUB, 1, x)), *l0 = x_un(&s, WK_UOP_LOG, x);
        wk_tensor *d = x_bin(&s, WK_OP_MUL, x_bin(&s, WK_OP_SUB, l1, l0), g[0]);
        if (!(gt = bce_grad_tail(&s, d, w, red, numel))) return x_ret(&s, NULL), false;
    }
    gin[0] = gx ? wk_tensor_incref(gx) : NULL;
    gin[1] = gt ? wk_tensor_incref(gt) : NULL;
    x_free(&s);
    return true;
}

static wk_tensor *bce_forward(wk_tensor *x, wk_tensor *t, wk_tensor *w, wk_reduction red) {
    wk_scope s = {0};
    wk_tensor *xc = x_own(&s, wk_tensor_contiguous(x)), *tc = x_own(&s, wk_tensor_contiguous(t));
    wk_tensor *loss = xc && tc ? x_own(&s, wk_tensor_empty(x->ndim, x->shape, x->dtype, WK_CPU)) : NULL;
    if (loss && !wk_cpu_nn_bce_forward(wk_tensor_data(xc), wk_tensor_data(tc), wk_tensor_data(loss), wk_tensor_numel(x),
                            x->dtype == WK_DT_F64)) {
        wk_rt_err(WK_ERR_RUNTIME, "all elements of input should be between 0 and 1");
        loss = NULL;
    }
    if (loss && w) loss = x_bin(&s, WK_OP_MUL, loss, w);
    return x_ret(&s, loss ? x_own(&s, reduce(loss, red)) : NULL);
}

/* Common checks and the no-grad forward; contiguous x and t are what the node saves. */
static wk_tensor *bce_common(bool logits, wk_tensor *x, wk_tensor *t, wk_tensor *w, wk_tensor *pw, wk_reduction red) {
    wk_tensor *const ts[4] = {x, t, w, pw};
    const char *name = logits ? "binary_cross_entropy_with_logits" : "binary_cross_entropy";
    if (!wk_ops_same_device(4, ts) || !wk_nn_check_float(x, name) || !same_size(x, t, logits)) return NULL;
    if (!logits && t->dtype != x->dtype)
        return wk_rt_err(WK_ERR_RUNTIME, "Found dtype %s but expected %s", wk_dtype_scalar_name(t->dtype),
                         wk_dtype_scalar_name(x->dtype)), NULL;
    if (logits && t->dtype == WK_DT_BOOL)
        return wk_rt_err(WK_ERR_RUNTIME, "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead."), NULL;
    if (logits && !wk_dtype_is_float(t->dtype))  /* (1 - t).mul_(x) in t's type */
        return wk_rt_err(WK_ERR_RUNTIME, "result type %s can't be cast to the desired output type %s",
                         wk_dtype_scalar_name(wk_dtype_promote(x->dtype, t->dtype)), wk_dtype_scalar_name(t->dtype)), NULL;
    if (!fits_input(x, w) || !fits_input(x, pw)) return NULL;
    bool was = wk_grad_enabled();
    wk_grad_set_enabled(false);
    wk_tensor *out = logits ? bce_logits_forward(x, t, w, pw, red) : bce_forward(x, t, w, red);
    wk_grad_set_enabled(was);
    return out;
}

wk_tensor *wk_op_binary_cross_entropy(wk_tensor *input, wk_tensor *target, wk_tensor *weight, wk_reduction red) {
    wk_tensor *out = bce_common(false, input, target, weight, NULL, red);
    wk_tensor *xc = out ? wk_tensor_contiguous(input) : NULL, *tc = xc ? wk_tensor_contiguous(target) : NULL;
    wk_tensor *const v[4] = {xc, tc, weight, NULL}, *const ins[2] = {input, target};
    wk_tensor *r = tc ? bce_record("BinaryCrossEntropyBackward0", bw_bce, out, ins, v, red) : NULL;
    if (out && !tc) wk_tensor_decref(out);
    wk_tensor_decref(xc);
    wk_tensor_decref(tc);
    return r;
}

wk_tensor *wk_op_binary_cross_entropy_with_logits(wk_tensor *input, wk_tensor *target, wk_tensor *weight,
                                                  wk_tensor *pos_weight, wk_reduction red) {
    wk_tensor *out = bce_common(true, input, target, weight, pos_weight, red);
    wk_tensor *const v[4] = {input, target, weight, pos_weight};
    return bce_record("BinaryCrossEntropyWithLogitsBackward0", bw_bce_logits, out, v, v, red);
}
