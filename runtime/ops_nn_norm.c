/* ops_nn_norm.c — batch_norm (train/eval, running-stat update) and layer_norm ops with their fused derivatives. */
#include "autograd_impl.h"
#include "ops_nn.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

/* A (2, n) float64 tensor holding per-group statistics (row 0 mean, row 1 inverse std). */
static wk_tensor *stats_tensor(int64_t n, double **mean, double **invstd) {
    int64_t shape[2] = {2, n};
    wk_tensor *t = wk_tensor_empty(2, shape, WK_DT_F64, WK_CPU);
    if (t) { *mean = wk_tensor_data(t); *invstd = *mean + n; }
    return t;
}

/* Float64 array -> new tensor of meta m's shape and dtype. */
static wk_tensor *from_doubles(const wk_tmeta *m, const double *v) {
    wk_tensor *t = wk_tensor_empty(m->ndim, m->shape, m->dtype, m->device);
    for (int64_t i = 0; t && i < wk_tensor_numel(t); i++) wk_nn_st(wk_tensor_data(t), i, v[i], m->dtype == WK_DT_F64);
    return t;
}

static bool check_len(const wk_tensor *t, const char *what, int64_t C) {
    if (!t || wk_tensor_numel(t) == C) return true;
    return wk_rt_err(WK_ERR_RUNTIME, "%s should contain %lld elements not %lld", what, (long long)C, (long long)wk_tensor_numel(t));
}

static bool check_param(const wk_tensor *t, const wk_tensor *x) {
    if (!t) return true;
    if (t->dtype != x->dtype)
        return wk_rt_err(WK_ERR_RUNTIME, "expected scalar type %s but found %s", wk_dtype_scalar_name(x->dtype), wk_dtype_scalar_name(t->dtype));
    return wk_nn_check_float(t, "batch_norm");
}

/* Element i of a 1-D (possibly strided) tensor. */
static double *elem(wk_tensor *t, int64_t i, double *tmp) {
    *tmp = wk_dtype_load_f64(t->dtype, (char *)wk_tensor_data(t) + (size_t)(i * t->stride[0]) * wk_tensor_elsize(t));
    return tmp;
}

static void put(wk_tensor *t, int64_t i, double v) {
    wk_dtype_store_f64(t->dtype, (char *)wk_tensor_data(t) + (size_t)(i * t->stride[0]) * wk_tensor_elsize(t), v);
}

static void update_running(wk_tensor *rm, wk_tensor *rv, const double *mean, const double *var, int64_t C, int64_t M, double mom) {
    double tmp;
    for (int64_t c = 0; c < C; c++) {
        if (rm) put(rm, c, mom * mean[c] + (1 - mom) * *elem(rm, c, &tmp));
        if (rv) put(rv, c, mom * var[c] * (double)M / (double)(M - 1) + (1 - mom) * *elem(rv, c, &tmp));
    }
    if (rm) wk_tensor_bump_version(rm);
    if (rv) wk_tensor_bump_version(rv);
}

/* ------------------------------------------------------------------ batch norm */
static bool bw_bn(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_tensor *x = wk_ag_saved(n, 0), *w = n->n_saved > 2 ? wk_ag_saved(n, 2) : NULL, *st = wk_ag_saved(n, 1);
    if (!x || !st || (n->n_saved > 2 && !w)) return false;
    int64_t outer = n->iv[1], C = n->iv[2], inner = n->iv[3];
    const double *mean = wk_tensor_data(st), *invstd = mean + C;
    double *sums = NULL;
    wk_tensor *go = wk_tensor_contiguous(g[0]), *sum_t = NULL;
    if (go) {
        int64_t sh[1] = {2 * C};
        sum_t = wk_tensor_empty(1, sh, WK_DT_F64, WK_CPU);
        sums = sum_t ? wk_tensor_data(sum_t) : NULL;
    }
    gin[0] = sums && n->next[0].fn ? wk_nn_grad_like(n, 0, false) : NULL;
    bool ok = sums && (!n->next[0].fn || gin[0]);
    if (ok) {
        wk_cpu_nn_bn_backward(x->dtype, wk_tensor_data(x), wk_tensor_data(go), outer, C, inner, mean, invstd,
                              w ? wk_tensor_data(w) : NULL, n->iv[0], gin[0] ? wk_tensor_data(gin[0]) : NULL, sums, sums + C);
        if (n->next[1].fn) ok = (gin[1] = from_doubles(&n->in[1], sums + C)) != NULL;
        if (ok && n->next[2].fn) ok = (gin[2] = from_doubles(&n->in[2], sums)) != NULL;
    }
    wk_tensor_decref(go);
    wk_tensor_decref(sum_t);
    return ok;
}

static bool bn_checks(wk_tensor *x, wk_tensor *rm, wk_tensor *rv, wk_tensor *w, wk_tensor *b, bool training) {
    char s[256];
    if (x->ndim < 2) return wk_rt_err(WK_ERR_VALUE, "expected 2D or 3D input (got %dD input)", x->ndim);
    int64_t C = x->shape[1], M = wk_tensor_numel(x) / (C ? C : 1);
    if (training && M == 1) {
        wk_shape_str(s, sizeof s, x->ndim, x->shape);
        return wk_rt_err(WK_ERR_VALUE, "Expected more than 1 value per channel when training, got input size torch.Size(%s)", s);
    }
    if (!check_len(rm, "running_mean", C) || !check_len(rv, "running_var", C) || !check_len(w, "weight", C) ||
        !check_len(b, "bias", C))
        return false;
    wk_tensor *const ts[5] = {x, rm, rv, w, b};
    return wk_ops_same_device(5, ts) && wk_nn_check_float(x, "batch_norm") && check_param(w, x) && check_param(b, x);
}

wk_tensor *wk_op_batch_norm(wk_tensor *input, wk_tensor *running_mean, wk_tensor *running_var,
                            wk_tensor *weight, wk_tensor *bias, bool training, double momentum, double eps) {
    if (!bn_checks(input, running_mean, running_var, weight, bias, training)) return NULL;
    int64_t C = input->shape[1], outer = input->shape[0], inner = outer * C != 0 ? wk_tensor_numel(input) / (outer * C) : 0;
    bool batch_stats = training || !running_mean || !running_var;
    double *mean, *invstd, tmp;
    wk_tensor *st = stats_tensor(C, &mean, &invstd);
    wk_tensor *xc = st ? wk_tensor_contiguous(input) : NULL;
    wk_tensor *wc = weight ? wk_tensor_contiguous(weight) : NULL, *bc = bias ? wk_tensor_contiguous(bias) : NULL;
    wk_tensor *out = xc ? wk_tensor_empty(input->ndim, input->shape, input->dtype, WK_CPU) : NULL;
    if (out && batch_stats) {
        wk_cpu_nn_bn_stats(input->dtype, wk_tensor_data(xc), outer, C, inner, mean, invstd);
        if (training && (running_mean || running_var))
            update_running(running_mean, running_var, mean, invstd, C, outer * inner, momentum);
        for (int64_t c = 0; c < C; c++) invstd[c] = 1.0 / sqrt(invstd[c] + eps);
    } else if (out) {
        for (int64_t c = 0; c < C; c++) {
            mean[c] = *elem(running_mean, c, &tmp);
            invstd[c] = 1.0 / sqrt(*elem(running_var, c, &tmp) + eps);
        }
    }
    if (out)
        wk_cpu_nn_bn_apply(input->dtype, wk_tensor_data(xc), outer, C, inner, mean, invstd, wc ? wk_tensor_data(wc) : NULL,
                           bc ? wk_tensor_data(bc) : NULL, wk_tensor_data(out));
    wk_tensor *ins[3] = {input, weight, bias};
    if (out && wk_ag_needs(3, ins)) {
        wk_node *n = wk_ag_node("NativeBatchNormBackward0", bw_bn, 3, ins, 1);
        if (n) {
            n->iv[0] = batch_stats; n->iv[1] = outer; n->iv[2] = C; n->iv[3] = inner;
            wk_ag_set_output(n, 0, out);
            wk_ag_save(n, xc);
            wk_ag_save(n, st);
            if (wc) wk_ag_save(n, wc);
            wk_node_decref(n);
        } else { wk_tensor_decref(out); out = NULL; }
    }
    wk_tensor_decref(st); wk_tensor_decref(xc); wk_tensor_decref(wc); wk_tensor_decref(bc);
    return out;
}

/* ------------------------------------------------------------------ layer norm */
static bool bw_ln(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_tensor *x = wk_ag_saved(n, 0), *st = wk_ag_saved(n, 1), *w = n->n_saved > 2 ? wk_ag_saved(n, 2) : NULL;
    if (!x || !st || (n->n_saved > 2 && !w)) return false;
    int64_t rows = n->iv[0], cols = n->iv[1];
    const double *mean = wk_tensor_data(st), *rstd = mean + rows;
    wk_tensor *go = wk_tensor_contiguous(g[0]), *acc = NULL;
    if (go) {
        int64_t sh[1] = {2 * cols};
        acc = wk_tensor_zeros(1, sh, WK_DT_F64, WK_CPU);
    }
    gin[0] = acc && n->next[0].fn ? wk_nn_grad_like(n, 0, false) : NULL;
    bool ok = acc && (!n->next[0].fn || gin[0]);
    if (ok) {
        double *gw = wk_tensor_data(acc), *gb = gw + cols;
        wk_cpu_nn_ln_backward(x->dtype, wk_tensor_data(x), wk_tensor_data(go), rows, cols, mean, rstd,
                              w ? wk_tensor_data(w) : NULL, gin[0] ? wk_tensor_data(gin[0]) : NULL,
                              n->next[1].fn ? gw : NULL, n->next[2].fn ? gb : NULL);
        if (n->next[1].fn) ok = (gin[1] = from_doubles(&n->in[1], gw)) != NULL;
        if (ok && n->next[2].fn) ok = (gin[2] = from_doubles(&n->in[2], gb)) != NULL;
    }
    wk_tensor_decref(go);
    wk_tensor_decref(acc);
    return ok;
}

static bool ln_param_check(const wk_tensor *t, const char *what, int n, const int64_t *shape) {
    char a[256], b[256];
    if (!t) return true;
    wk_shape_str(b, sizeof b, n, shape);
    if (t->ndim != n || memcmp(t->shape, shape, sizeof(int64_t) * (size_t)n))
        return wk_rt_err(WK_ERR_RUNTIME, "Expected %s to be of same shape as normalized_shape, but got %s of shape %s and normalized_shape = %s",
                         what, what, wk_nn_shape(a, sizeof a, t), b);
    return true;
}

static bool ln_checks(wk_tensor *x, int n, const int64_t *shape, wk_tensor *w, wk_tensor *b) {
    char a[256], s[256];
    bool ok = n >= 1 && n <= x->ndim;
    for (int i = 0; ok && i < n; i++) ok = x->shape[x->ndim - n + i] == shape[i];
    if (n < 1) return wk_rt_err(WK_ERR_RUNTIME, "Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = []");
    if (!ok) {
        wk_shape_str(s, sizeof s, n, shape);
        char star[300];
        snprintf(star, sizeof star, "[*, %s", s + 1);
        return wk_rt_err(WK_ERR_RUNTIME, "Given normalized_shape=%s, expected input with shape %s, but got input of size%s", s, star,
                         wk_nn_shape(a, sizeof a, x));
    }
    wk_tensor *const ts[3] = {x, w, b};
    return ln_param_check(w, "weight", n, shape) && ln_param_check(b, "bias", n, shape) && wk_ops_same_device(3, ts) &&
           wk_nn_check_float(x, "LayerNormKernelImpl") && check_param(w, x) && check_param(b, x);
}

wk_tensor *wk_op_layer_norm(wk_tensor *input, int n, const int64_t *normalized_shape,
                            wk_tensor *weight, wk_tensor *bias, double eps) {
    if (!ln_checks(input, n, normalized_shape, weight, bias)) return NULL;
    int64_t cols = 1;
    for (int i = 0; i < n; i++) cols *= normalized_shape[i];
    int64_t rows = cols ? wk_tensor_numel(input) / cols : 0;
    double *mean, *rstd;
    wk_tensor *st = stats_tensor(rows, &mean, &rstd);
    wk_tensor *xc = st ? wk_tensor_contiguous(input) : NULL;
    wk_tensor *wc = weight ? wk_tensor_contiguous(weight) : NULL, *bc = bias ? wk_tensor_contiguous(bias) : NULL;
    wk_tensor *out = xc ? wk_tensor_empty(input->ndim, input->shape, input->dtype, WK_CPU) : NULL;
    if (out)
        wk_cpu_nn_ln_forward(input->dtype, wk_tensor_data(xc), rows, cols, eps, wc ? wk_tensor_data(wc) : NULL,
                             bc ? wk_tensor_data(bc) : NULL, wk_tensor_data(out), mean, rstd);
    wk_tensor *ins[3] = {input, weight, bias};
    if (out && wk_ag_needs(3, ins)) {
        wk_node *nd = wk_ag_node("NativeLayerNormBackward0", bw_ln, 3, ins, 1);
        if (nd) {
            nd->iv[0] = rows; nd->iv[1] = cols;
            wk_ag_set_output(nd, 0, out);
            wk_ag_save(nd, xc);
            wk_ag_save(nd, st);
            if (wc) wk_ag_save(nd, wc);
            wk_node_decref(nd);
        } else { wk_tensor_decref(out); out = NULL; }
    }
    wk_tensor_decref(st); wk_tensor_decref(xc); wk_tensor_decref(wc); wk_tensor_decref(bc);
    return out;
}
