/* ops_reduce.c — reductions over dim lists, arg-reductions, scans, softmax, sort/topk, and their derivatives. */
#include "autograd_impl.h"
#include "ops.h"
#include "cpu_softmax.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ================================================================== shared plumbing */

static int kept_shape(const wk_tensor *a, uint32_t mask, bool keepdim, int64_t *kept, int64_t *dropped) {
    int n = 0;
    for (int d = 0; d < a->ndim; d++) {
        bool red = mask >> d & 1;
        kept[d] = red ? 1 : a->shape[d];
        if (!red || keepdim) dropped[n++] = red ? 1 : a->shape[d];
    }
    return n;
}

/* g (reduced shape, keepdim or not) expanded back to the input's shape. */
static wk_tensor *expand_back(wk_scope *s, wk_tensor *g, const wk_tmeta *in, uint32_t mask, bool keepdim) {
    wk_tensor *k = g;
    if (!keepdim && in->ndim != g->ndim) k = x_own(s, wk_ops_unsqueeze_mask(g, in->ndim, mask));
    return x_expand(s, k, in->ndim, in->shape);
}

static void record(wk_tensor *out, const char *name, wk_backward_fn bw, wk_tensor *a, uint32_t mask,
                   bool keepdim, double param, bool save_in, bool save_out) {
    if (!wk_ag_needs(1, &a) || !wk_dtype_is_float(out->dtype)) return;
    wk_node *n = wk_ag_node(name, bw, 1, &a, 1);
    if (!n) return;
    n->iv[0] = mask;
    n->iv[1] = keepdim;
    n->dv[0] = param;
    wk_ag_set_output(n, 0, out);
    wk_ag_save(n, save_in ? a : NULL);
    wk_ag_save(n, save_out ? out : NULL);
    wk_node_decref(n);
}

/* out = reduce(a) with kept dims; reshaped unless keepdim. */
static wk_tensor *reduce_raw(wk_reduce_op op, wk_tensor *a, uint32_t mask, bool keepdim, wk_dtype odt, double param) {
    const wk_backend *be = wk_backend_get(wk_tensor_device(a));
    if (!be) return NULL;
    int64_t kept[WK_MAX_DIMS], dropped[WK_MAX_DIMS];
    int nd = kept_shape(a, mask, keepdim, kept, dropped);
    wk_tensor *out = wk_tensor_empty(a->ndim, kept, odt, wk_tensor_device(a));
    if (out && !be->reduce(op, out, a, mask, param)) { wk_tensor_decref(out); return NULL; }
    if (!out || keepdim) return out;
    wk_tensor *r = wk_tensor_view(out, nd, dropped);
    wk_tensor_decref(out);
    return r;
}

static bool mask_of(wk_tensor *a, const int64_t *dims, int ndims, uint32_t *mask) {
    return wk_ops_dim_mask(dims, ndims, a->ndim, mask);
}

static int64_t count_reduced(const wk_tmeta *in, uint32_t mask) {
    int64_t n = 1;
    for (int d = 0; d < in->ndim; d++) if (mask >> d & 1) n *= in->shape[d];
    return n;
}

#define MASK ((uint32_t)n->iv[0])
#define KEEP ((bool)n->iv[1])

/* ================================================================== sum / mean */

static bool bw_sum(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    gin[0] = x_ret(&s, expand_back(&s, g[0], &n->in[0], MASK, KEEP));
    return gin[0] != NULL;
}

static bool bw_mean(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    double cnt = (double)count_reduced(&n->in[0], MASK);
    gin[0] = x_ret(&s, x_bins(&s, WK_OP_DIV, expand_back(&s, g[0], &n->in[0], MASK, KEEP), cnt));
    return gin[0] != NULL;
}

wk_tensor *wk_op_sum(wk_tensor *a, const int64_t *dims, int ndims, bool keepdim, int dtype) {
    uint32_t mask;
    if (!mask_of(a, dims, ndims, &mask)) return NULL;
    wk_dtype odt = dtype != WK_NO_DTYPE ? (wk_dtype)dtype : wk_dtype_is_float(a->dtype) ? a->dtype : WK_DT_I64;
    wk_tensor *out = reduce_raw(WK_RED_SUM, a, mask, keepdim, odt, 0);
    if (out) record(out, ndims ? "SumBackward1" : "SumBackward0", bw_sum, a, mask, keepdim, 0, false, false);
    return out;
}

wk_tensor *wk_op_mean(wk_tensor *a, const int64_t *dims, int ndims, bool keepdim, int dtype) {
    uint32_t mask;
    if (!mask_of(a, dims, ndims, &mask)) return NULL;
    wk_dtype odt = dtype != WK_NO_DTYPE ? (wk_dtype)dtype : a->dtype;
    if (!wk_dtype_is_float(odt)) {
        wk_rt_err(WK_ERR_RUNTIME, "mean(): could not infer output dtype. %s dtype must be either a floating "
                  "point or complex dtype. Got: %s", dtype != WK_NO_DTYPE ? "Optional" : "Input", wk_dtype_scalar_name(odt));
        return NULL;
    }
    wk_tensor *out = reduce_raw(WK_RED_MEAN, a, mask, keepdim, odt, 0);
    if (out) record(out, ndims ? "MeanBackward1" : "MeanBackward0", bw_mean, a, mask, keepdim, 0, false, false);
    return out;
}

/* ================================================================== var / std */

static bool bw_var(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    wk_tensor *x = wk_ag_saved(n, 0);
    if (!x) return false;
    bool is_std = !strcmp(n->name, "StdBackward0");
    double dof = (double)count_reduced(&n->in[0], MASK) - n->dv[0];
    wk_tensor *mean = x_sum_dims(&s, x, MASK, true);
    mean = x_bins(&s, WK_OP_DIV, mean, (double)count_reduced(&n->in[0], MASK));
    wk_tensor *c = x_bin(&s, WK_OP_SUB, x, mean);
    wk_tensor *ge = expand_back(&s, g[0], &n->in[0], MASK, KEEP);
    wk_tensor *r;
    if (is_std) {
        wk_tensor *sd = expand_back(&s, wk_ag_saved(n, 1), &n->in[0], MASK, KEEP);
        r = x_bin(&s, WK_OP_DIV, x_bin(&s, WK_OP_MUL, ge, c), x_bins(&s, WK_OP_MUL, sd, dof));
    } else {
        r = x_bins(&s, WK_OP_MUL, x_bin(&s, WK_OP_MUL, ge, c), 2.0 / dof);
    }
    gin[0] = x_ret(&s, r);
    return gin[0] != NULL;
}

static wk_tensor *var_std(wk_tensor *a, const int64_t *dims, int ndims, double correction, bool keepdim, bool sd) {
    if (!wk_dtype_is_float(a->dtype)) {
        wk_rt_err(WK_ERR_RUNTIME, "std and var only support floating point and complex dtypes");
        return NULL;
    }
    uint32_t mask;
    if (!mask_of(a, dims, ndims, &mask)) return NULL;
    wk_tensor *out = reduce_raw(sd ? WK_RED_STD : WK_RED_VAR, a, mask, keepdim, a->dtype, correction);
    if (out) record(out, sd ? "StdBackward0" : "VarBackward0", bw_var, a, mask, keepdim, correction, true, sd);
    return out;
}

wk_tensor *wk_op_var(wk_tensor *a, const int64_t *dims, int ndims, double correction, bool keepdim) {
    return var_std(a, dims, ndims, correction, keepdim, false);
}
wk_tensor *wk_op_std(wk_tensor *a, const int64_t *dims, int ndims, double correction, bool keepdim) {
    return var_std(a, dims, ndims, correction, keepdim, true);
}

/* ================================================================== norm / logsumexp / prod */

static bool bw_norm(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    wk_tensor *x = wk_ag_saved(n, 0), *nr = wk_ag_saved(n, 1);
    if (!x || !nr) return false;
    double p = n->dv[0];
    wk_tensor *ge = expand_back(&s, g[0], &n->in[0], MASK, KEEP), *ne = expand_back(&s, nr, &n->in[0], MASK, KEEP);
    wk_tensor *r;
    if (p == 0) r = x_bins(&s, WK_OP_MUL, ge, 0);
    else if (p == 1) r = x_bin(&s, WK_OP_MUL, ge, x_un(&s, WK_UOP_SIGN, x));
    else if (isinf(p)) {
        wk_tensor *hit = x_bin(&s, WK_OP_EQ, x_un(&s, WK_UOP_ABS, x), ne);
        wk_tensor *hitf = x_own(&s, hit ? wk_op_to_dtype(hit, x->dtype, false) : NULL);
        wk_tensor *cnt = expand_back(&s, x_sum_dims(&s, hitf, MASK, true), &n->in[0], MASK, true);
        r = x_bin(&s, WK_OP_DIV, x_bin(&s, WK_OP_MUL, x_bin(&s, WK_OP_MUL, ge, x_un(&s, WK_UOP_SIGN, x)), hitf), cnt);
    } else {  /* g * x * |x|^(p-2) / norm^(p-1), 0 where norm == 0 */
        wk_tensor *num = p == 2 ? x : x_bin(&s, WK_OP_MUL, x, x_bins(&s, WK_OP_POW, x_un(&s, WK_UOP_ABS, x), p - 2));
        wk_tensor *den = p == 2 ? ne : x_bins(&s, WK_OP_POW, ne, p - 1);
        wk_tensor *q = x_bin(&s, WK_OP_DIV, x_bin(&s, WK_OP_MUL, ge, num), den);
        r = x_where(&s, x_bins(&s, WK_OP_EQ, ne, 0), x_bins(&s, WK_OP_MUL, ge, 0), q);
    }
    gin[0] = x_ret(&s, r);
    return gin[0] != NULL;
}

wk_tensor *wk_op_norm(wk_tensor *a, double p, const int64_t *dims, int ndims, bool keepdim) {
    if (!wk_dtype_is_float(a->dtype)) {
        wk_rt_err(WK_ERR_RUNTIME, "linalg.vector_norm: Expected a floating point or complex tensor as input. Got %s",
                  wk_dtype_scalar_name(a->dtype));
        return NULL;
    }
    uint32_t mask;
    if (!mask_of(a, dims, ndims, &mask)) return NULL;
    wk_tensor *out = reduce_raw(WK_RED_NORM, a, mask, keepdim, a->dtype, p);
    if (out) record(out, "LinalgVectorNormBackward0", bw_norm, a, mask, keepdim, p, true, true);
    return out;
}

static bool bw_lse(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    wk_tensor *x = wk_ag_saved(n, 0), *r = wk_ag_saved(n, 1);
    if (!x || !r) return false;
    wk_tensor *re = expand_back(&s, r, &n->in[0], MASK, KEEP), *ge = expand_back(&s, g[0], &n->in[0], MASK, KEEP);
    gin[0] = x_ret(&s, x_bin(&s, WK_OP_MUL, ge, x_un(&s, WK_UOP_EXP, x_bin(&s, WK_OP_SUB, x, re))));
    return gin[0] != NULL;
}

/* float32/float64 logsumexp as PyTorch composes it: m = amax(x) (keepdim) with the infinite
 * entries set to 0, then log(sum(exp(x - m))) + m, each step rounded in x's dtype. */
static wk_tensor *lse_composite(wk_tensor *x, uint32_t mask, bool keepdim) {
    wk_scope s = {0};
    bool was = wk_grad_enabled();
    wk_grad_set_enabled(false);
    wk_tensor *m = x_own(&s, reduce_raw(WK_RED_MAX, x, mask, true, x->dtype, 0));
    m = x_wheres(&s, x_bins(&s, WK_OP_NE, x_un(&s, WK_UOP_ABS, m), INFINITY), m, 0);
    wk_tensor *sum = x_sum_dims(&s, x_un(&s, WK_UOP_EXP, x_bin(&s, WK_OP_SUB, x, m)), mask, keepdim);
    wk_tensor *ms = m && sum ? x_own(&s, wk_tensor_reshape(m, sum->ndim, sum->shape)) : NULL;
    wk_tensor *r = x_bin(&s, WK_OP_ADD, x_un(&s, WK_UOP_LOG, sum), ms);
    wk_grad_set_enabled(was);
    return x_ret(&s, r && wk_rt_errkind() == WK_ERR_NONE ? r : NULL);
}

wk_tensor *wk_op_logsumexp(wk_tensor *a, const int64_t *dims, int ndims, bool keepdim) {
    uint32_t mask;
    if (!mask_of(a, dims, ndims, &mask)) return NULL;
    wk_dtype odt = wk_dtype_is_float(a->dtype) ? a->dtype : wk_dtype_default_float();
    wk_tensor *x = wk_tensor_to_dtype(a, odt, false);
    bool compose = x && (odt == WK_DT_F32 || odt == WK_DT_F64) && wk_tensor_numel(x) > 0;
    wk_tensor *out = !x ? NULL : compose ? lse_composite(x, mask, keepdim) : reduce_raw(WK_RED_LOGSUMEXP, x, mask, keepdim, odt, 0);
    wk_tensor_decref(x);
    if (out) record(out, "LogsumexpBackward0", bw_lse, a, mask, keepdim, 0, true, true);
    return out;
}

static bool bw_prod(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    wk_tensor *x = wk_ag_saved(n, 0), *r = wk_ag_saved(n, 1);
    if (!x || !r) return false;
    /* prod / x where x != 0; with zeros: the product of the others, computed by exclusion */
    wk_tensor *re = expand_back(&s, r, &n->in[0], MASK, KEEP), *ge = expand_back(&s, g[0], &n->in[0], MASK, KEEP);
    wk_tensor *zero = x_bins(&s, WK_OP_EQ, x, 0);
    wk_tensor *safe = x_where(&s, zero, x_bins(&s, WK_OP_ADD, x_bins(&s, WK_OP_MUL, x, 0), 1), x);
    wk_tensor *others = x_bin(&s, WK_OP_DIV, re, safe);
    /* where x == 0: product of the non-zero others if it is the only zero, else 0 */
    wk_tensor *pnz = x_own(&s, wk_op_prod(safe, n->iv[2] ? &n->iv[3] : NULL, true, WK_NO_DTYPE));
    if (!n->iv[2] && pnz) {
        wk_tensor *v = x_own(&s, wk_tensor_reshape(pnz, 0, NULL));
        pnz = v;
    }
    wk_tensor *zf = x_own(&s, zero ? wk_op_to_dtype(zero, x->dtype, false) : NULL);
    wk_tensor *nz = x_sum_dims(&s, zf, MASK, true);
    wk_tensor *only = x_bins(&s, WK_OP_EQ, expand_back(&s, nz, &n->in[0], MASK, true), 1);
    wk_tensor *alt = x_where(&s, only, x_expand(&s, pnz, n->in[0].ndim, n->in[0].shape), x_bins(&s, WK_OP_MUL, x, 0));
    wk_tensor *full = x_where(&s, zero, alt, others);
    gin[0] = x_ret(&s, x_bin(&s, WK_OP_MUL, ge, full));
    return gin[0] != NULL;
}

wk_tensor *wk_op_prod(wk_tensor *a, const int64_t *dim, bool keepdim, int dtype) {
    uint32_t mask;
    if (!mask_of(a, dim, dim ? 1 : 0, &mask)) return NULL;
    wk_dtype odt = dtype != WK_NO_DTYPE ? (wk_dtype)dtype : wk_dtype_is_float(a->dtype) ? a->dtype : WK_DT_I64;
    wk_tensor *out = reduce_raw(WK_RED_PROD, a, mask, dim ? keepdim : false, odt, 0);
    if (!out || !wk_ag_needs(1, &a) || !wk_dtype_is_float(odt)) return out;
    wk_node *n = wk_ag_node(dim ? "ProdBackward1" : "ProdBackward0", bw_prod, 1, &a, 1);
    if (!n) { wk_tensor_decref(out); return NULL; }
    n->iv[0] = mask;
    n->iv[1] = dim ? keepdim : false;
    n->iv[2] = dim != NULL;
    n->iv[3] = dim ? *dim : 0;
    wk_ag_set_output(n, 0, out);
    wk_ag_save(n, a);
    wk_ag_save(n, out);
    wk_node_decref(n);
    return out;
}

/* ================================================================== all / any / amax / amin / max / min */

static wk_tensor *logical_red(wk_reduce_op op, wk_tensor *a, const int64_t *dims, int ndims, bool keepdim) {
    uint32_t mask;
    if (!mask_of(a, dims, ndims, &mask)) return NULL;
    return reduce_raw(op, a, mask, keepdim, a->dtype == WK_DT_U8 ? WK_DT_U8 : WK_DT_BOOL, 0);
}

wk_tensor *wk_op_all(wk_tensor *a, const int64_t *dims, int ndims, bool keepdim) { return logical_red(WK_RED_ALL, a, dims, ndims, keepdim); }
wk_tensor *wk_op_any(wk_tensor *a, const int64_t *dims, int ndims, bool keepdim) { return logical_red(WK_RED_ANY, a, dims, ndims, keepdim); }

/* Gradient split evenly between the tied extremes. */
static bool bw_amax(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    wk_tensor *x = wk_ag_saved(n, 0), *r = wk_ag_saved(n, 1);
    if (!x || !r) return false;
    wk_tensor *hit = x_bin(&s, WK_OP_EQ, x, expand_back(&s, r, &n->in[0], MASK, KEEP));
    wk_tensor *hf = x_own(&s, hit ? wk_op_to_dtype(hit, x->dtype, false) : NULL);
    wk_tensor *cnt = expand_back(&s, x_sum_dims(&s, hf, MASK, true), &n->in[0], MASK, true);
    wk_tensor *ge = expand_back(&s, g[0], &n->in[0], MASK, KEEP);
    gin[0] = x_ret(&s, x_bin(&s, WK_OP_DIV, x_bin(&s, WK_OP_MUL, ge, hf), cnt));
    return gin[0] != NULL;
}

static wk_tensor *extreme(wk_tensor *a, const int64_t *dims, int ndims, bool keepdim, bool mx, const char *name, bool whole) {
    uint32_t mask;
    if (!mask_of(a, dims, ndims, &mask)) return NULL;
    if (wk_tensor_numel(a) == 0) {
        const char *op = whole ? (mx ? "max" : "min") : (mx ? "amax" : "amin");
        if (whole || ndims == 0) {
            wk_rt_err(WK_ERR_RUNTIME, "%s(): Expected reduction dim to be specified for input.numel() == 0. Specify the "
                      "reduction dim with the 'dim' argument.", op);
            return NULL;
        }
        for (int d = 0; d < a->ndim; d++)  /* an empty result is fine; reducing over an empty dim is not */
            if ((mask >> d & 1) && a->shape[d] == 0) {
                wk_rt_err(WK_ERR_INDEX, "%s(): Expected reduction dim %d to have non-zero size.", op, d);
                return NULL;
            }
    }
    wk_tensor *out = reduce_raw(mx ? WK_RED_MAX : WK_RED_MIN, a, mask, keepdim, a->dtype, 0);
    if (out) record(out, name, bw_amax, a, mask, keepdim, 0, true, true);
    return out;
}

wk_tensor *wk_op_amax(wk_tensor *a, const int64_t *dims, int ndims, bool keepdim) { return extreme(a, dims, ndims, keepdim, true, "AmaxBackward0", false); }
wk_tensor *wk_op_amin(wk_tensor *a, const int64_t *dims, int ndims, bool keepdim) { return extreme(a, dims, ndims, keepdim, false, "AminBackward0", false); }
wk_tensor *wk_op_max(wk_tensor *a) { return extreme(a, NULL, 0, false, true, "MaxBackward1", true); }
wk_tensor *wk_op_min(wk_tensor *a) { return extreme(a, NULL, 0, false, false, "MinBackward1", true); }

/* values/indices along one dim: gradient scattered to the chosen positions. */
static bool bw_select_idx(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    wk_tensor *idx = wk_ag_saved(n, 0);
    if (!idx) return false;
    int dim = (int)n->iv[0];
    bool keep = n->iv[1];
    wk_tensor *gv = g[0], *ix = idx;
    if (!keep && n->in[0].ndim > 0) {
        gv = x_own(&s, wk_tensor_unsqueeze(g[0], dim));
        ix = x_own(&s, wk_tensor_unsqueeze(idx, dim));
    }
    wk_tensor *z = x_zeros(&s, &n->in[0]);
    wk_tensor *r = z && gv && ix ? x_own(&s, wk_op_scatter(z, dim, ix, wk_vt(gv), WK_SCATTER_ADD)) : NULL;
    gin[0] = x_ret(&s, r);
    return gin[0] != NULL;
}

static void record_indexed(wk_tensor *vals, wk_tensor *idx, wk_tensor *a, const char *name, int dim, bool keep) {
    if (!wk_ag_needs(1, &a) || !wk_dtype_is_float(vals->dtype)) return;
    wk_node *n = wk_ag_node(name, bw_select_idx, 1, &a, 1);
    if (!n) return;
    n->iv[0] = dim;
    n->iv[1] = keep;
    wk_ag_set_output(n, 0, vals);
    wk_ag_save(n, idx);
    wk_node_decref(n);
}

void wk_op_record_indexed(wk_tensor *vals, wk_tensor *idx, wk_tensor *a, const char *name, int dim, bool keepdim) {
    record_indexed(vals, idx, a, name, dim, keepdim);
}

void wk_op_record_pick(wk_tensor *out, wk_tensor *a, const char *name) {
    uint32_t mask;
    if (mask_of(a, NULL, 0, &mask)) record(out, name, bw_amax, a, mask, false, 0, true, true);
}

static bool arg_dim(wk_argreduce_op op, wk_tensor *a, int64_t dim, bool keepdim, wk_tensor **values, wk_tensor **indices,
                    const char *opname) {
    int d;
    if (!wk_wrap_dim(dim, a->ndim ? a->ndim : 1, &d)) return false;
    if (a->ndim && a->shape[d] == 0)
        return wk_rt_err(WK_ERR_INDEX, "%s(): Expected reduction dim %d to have non-zero size.", opname, d);
    const wk_backend *be = wk_backend_get(wk_tensor_device(a));
    if (!be) return false;
    int64_t kept[WK_MAX_DIMS], dropped[WK_MAX_DIMS];
    uint32_t mask = a->ndim ? 1u << d : 0;
    int nd = kept_shape(a, mask, keepdim, kept, dropped);
    wk_tensor *v = values ? wk_tensor_empty(a->ndim, kept, a->dtype, wk_tensor_device(a)) : NULL;
    wk_tensor *ix = wk_tensor_empty(a->ndim, kept, WK_DT_I64, wk_tensor_device(a));
    bool ok = ix && (!values || v) && be->arg_reduce(op, v, ix, a, d);
    if (ok && !keepdim) {
        wk_tensor *t = wk_tensor_view(ix, nd, dropped);
        wk_tensor_decref(ix);
        ix = t;
        if (v) { t = wk_tensor_view(v, nd, dropped); wk_tensor_decref(v); v = t; }
        ok = ix && (!values || v);
    }
    if (!ok) { wk_tensor_decref(v); wk_tensor_decref(ix); return false; }
    *indices = ix;
    if (values) {
        *values = v;
        record_indexed(v, ix, a, op == WK_ARG_MAX ? "MaxBackward0" : "MinBackward0", d, keepdim);
    }
    return true;
}

bool wk_op_max_dim(wk_tensor *a, int64_t dim, bool keepdim, wk_tensor **values, wk_tensor **indices) {
    return arg_dim(WK_ARG_MAX, a, dim, keepdim, values, indices, "max");
}
bool wk_op_min_dim(wk_tensor *a, int64_t dim, bool keepdim, wk_tensor **values, wk_tensor **indices) {
    return arg_dim(WK_ARG_MIN, a, dim, keepdim, values, indices, "min");
}

static wk_tensor *argext(wk_argreduce_op op, wk_tensor *a, const int64_t *dim, bool keepdim) {
    const char *name = op == WK_ARG_MAX ? "argmax" : "argmin";
    wk_tensor *ix = NULL;
    if (dim) return arg_dim(op, a, *dim, keepdim, NULL, &ix, name) ? ix : NULL;
    if (wk_tensor_numel(a) == 0) {
        wk_rt_err(WK_ERR_INDEX, "%s(): Expected reduction dim to be specified for input.numel() == 0.", name);
        return NULL;
    }
    int64_t flat[1] = {-1};
    wk_tensor *f = wk_tensor_reshape(a, 1, flat);
    bool ok = f && arg_dim(op, f, 0, false, NULL, &ix, name);
    wk_tensor_decref(f);
    if (!ok) return NULL;
    if (keepdim) {
        int64_t ones[WK_MAX_DIMS];
        for (int d = 0; d < a->ndim; d++) ones[d] = 1;
        wk_tensor *r = wk_tensor_reshape(ix, a->ndim, ones);
        wk_tensor_decref(ix);
        return r;
    }
    return ix;
}

wk_tensor *wk_op_argmax(wk_tensor *a, const int64_t *dim, bool keepdim) { return argext(WK_ARG_MAX, a, dim, keepdim); }
wk_tensor *wk_op_argmin(wk_tensor *a, const int64_t *dim, bool keepdim) { return argext(WK_ARG_MIN, a, dim, keepdim); }

/* ================================================================== scans and softmax */

static wk_tensor *scan_raw(wk_scan_op op, wk_tensor *a, int dim, wk_dtype odt) {
    const wk_backend *be = wk_backend_get(wk_tensor_device(a));
    if (!be) return NULL;
    wk_tensor *out = wk_tensor_empty(a->ndim, a->shape, odt, wk_tensor_device(a));
    if (out && !be->scan(op, out, NULL, a, dim)) { wk_tensor_decref(out); return NULL; }
    return out;
}

/* sum_{j >= i} g_j along dim = total - cumsum + g */
static wk_tensor *rev_cumsum(wk_scope *s, wk_tensor *g, int dim) {
    if (!g) return NULL;
    wk_tensor *cs = x_own(s, scan_raw(WK_SCAN_CUMSUM, g, dim, g->dtype));
    wk_tensor *tot = x_sum_dims(s, g, g->ndim ? 1u << dim : 0, true);
    return x_bin(s, WK_OP_ADD, x_bin(s, WK_OP_SUB, tot, cs), g);
}

/* Float32 / float64 softmax and log_softmax on the CPU go through PyTorch's own kernels
 * (cpu_softmax.c). */
static bool softmax_cpu(wk_scan_op op, const wk_tensor *a, int dim, wk_softmax_geom *ge) {
    if ((op != WK_SCAN_SOFTMAX && op != WK_SCAN_LOG_SOFTMAX) || (a->dtype != WK_DT_F32 && a->dtype != WK_DT_F64) ||
        wk_tensor_device(a).type != WK_DEV_CPU)
        return false;
    *ge = (wk_softmax_geom){1, 1, 1, dim == a->ndim - 1 || a->ndim == 0, op == WK_SCAN_LOG_SOFTMAX};
    for (int d = 0; d < a->ndim; d++) {
        if (d < dim) ge->outer *= a->shape[d];
        else if (d == dim) ge->dim = a->shape[d];
        else ge->inner *= a->shape[d];
    }
    return true;
}

static wk_tensor *softmax_cpu_fw(const wk_softmax_geom *ge, wk_tensor *x) {
    wk_tensor *c = wk_tensor_contiguous(x);
    wk_tensor *out = c ? wk_tensor_empty(x->ndim, x->shape, x->dtype, wk_tensor_device(x)) : NULL;
    if (out && x->dtype == WK_DT_F32) wk_cpu_softmax_f32(ge, wk_tensor_data(out), wk_tensor_data(c));
    else if (out) wk_cpu_softmax_f64(ge, wk_tensor_data(out), wk_tensor_data(c));
    wk_tensor_decref(c);
    return out;
}

static wk_tensor *softmax_cpu_bw(const wk_softmax_geom *ge, wk_tensor *g, wk_tensor *y) {
    wk_tensor *gd = wk_tensor_to_dtype(g, y->dtype, false);  /* PyTorch casts the incoming grad */
    wk_tensor *gc = gd ? wk_tensor_contiguous(gd) : NULL, *yc = wk_tensor_contiguous(y);
    wk_tensor_decref(gd);
    wk_tensor *gi = gc && yc ? wk_tensor_empty(y->ndim, y->shape, y->dtype, wk_tensor_device(y)) : NULL;
    if (gi && y->dtype == WK_DT_F32) wk_cpu_softmax_backward_f32(ge, wk_tensor_data(gi), wk_tensor_data(gc), wk_tensor_data(yc));
    else if (gi) wk_cpu_softmax_backward_f64(ge, wk_tensor_data(gi), wk_tensor_data(gc), wk_tensor_data(yc));
    wk_tensor_decref(gc);
    wk_tensor_decref(yc);
    return gi;
}

static bool bw_scan(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    int dim = (int)n->iv[0];
    wk_scan_op op = (wk_scan_op)n->iv[1];
    wk_tensor *r = NULL, *y = op != WK_SCAN_CUMSUM ? wk_ag_saved(n, 1) : NULL;
    wk_softmax_geom ge;
    /* create_graph=True needs the composite (differentiable) formulas below */
    if (y && g[0] && wk_dtype_is_float(g[0]->dtype) && !wk_grad_recording() && softmax_cpu(op, y, dim, &ge)) {
        gin[0] = softmax_cpu_bw(&ge, g[0], y);
        return gin[0] != NULL;
    }
    uint32_t m = n->in[0].ndim ? 1u << dim : 0;
    switch (op) {
    case WK_SCAN_CUMSUM: r = rev_cumsum(&s, g[0], dim); break;
    case WK_SCAN_CUMPROD: r = x_bin(&s, WK_OP_DIV, rev_cumsum(&s, x_bin(&s, WK_OP_MUL, g[0], y), dim), wk_ag_saved(n, 0)); break;
    case WK_SCAN_SOFTMAX:
        r = x_bin(&s, WK_OP_MUL, y, x_bin(&s, WK_OP_SUB, g[0], x_sum_dims(&s, x_bin(&s, WK_OP_MUL, g[0], y), m, true)));
        break;
    case WK_SCAN_LOG_SOFTMAX:
        r = x_bin(&s, WK_OP_SUB, g[0], x_bin(&s, WK_OP_MUL, x_un(&s, WK_UOP_EXP, y), x_sum_dims(&s, g[0], m, true)));
        break;
    default: break;
    }
    gin[0] = x_ret(&s, r);
    return gin[0] != NULL;
}

static wk_tensor *scan_op(wk_scan_op op, wk_tensor *a, int64_t dim, int dtype, const char *gname, bool float_only) {
    int d;
    if (!wk_wrap_dim(dim, a->ndim ? a->ndim : 1, &d)) return NULL;
    wk_dtype odt = dtype != WK_NO_DTYPE ? (wk_dtype)dtype : a->dtype;
    if (dtype == WK_NO_DTYPE && !float_only && !wk_dtype_is_float(odt)) odt = WK_DT_I64;
    if (float_only && !wk_dtype_is_float(odt)) {
        wk_rt_err(WK_ERR_RUNTIME, "\"%s\" not implemented for '%s'",
                  op == WK_SCAN_SOFTMAX ? "softmax_lastdim_kernel_impl" : "log_softmax_lastdim_kernel_impl",
                  wk_dtype_scalar_name(odt));
        return NULL;
    }
    wk_tensor *x = wk_tensor_to_dtype(a, odt, false);
    wk_softmax_geom ge;
    wk_tensor *out = !x ? NULL : softmax_cpu(op, x, d, &ge) ? softmax_cpu_fw(&ge, x) : scan_raw(op, x, d, odt);
    wk_tensor_decref(x);
    if (!out || !wk_ag_needs(1, &a) || !wk_dtype_is_float(odt)) return out;
    wk_node *n = wk_ag_node(gname, bw_scan, 1, &a, 1);
    if (!n) { wk_tensor_decref(out); return NULL; }
    n->iv[0] = d;
    n->iv[1] = op;
    wk_ag_set_output(n, 0, out);
    wk_ag_save(n, op == WK_SCAN_CUMPROD ? a : NULL);
    wk_ag_save(n, op != WK_SCAN_CUMSUM ? out : NULL);
    wk_node_decref(n);
    return out;
}

wk_tensor *wk_op_cumsum(wk_tensor *a, int64_t dim, int dtype) { return scan_op(WK_SCAN_CUMSUM, a, dim, dtype, "CumsumBackward0", false); }
wk_tensor *wk_op_cumprod(wk_tensor *a, int64_t dim, int dtype) { return scan_op(WK_SCAN_CUMPROD, a, dim, dtype, "CumprodBackward0", false); }
wk_tensor *wk_op_softmax(wk_tensor *a, int64_t dim, int dtype) { return scan_op(WK_SCAN_SOFTMAX, a, dim, dtype, "SoftmaxBackward0", true); }
wk_tensor *wk_op_log_softmax(wk_tensor *a, int64_t dim, int dtype) { return scan_op(WK_SCAN_LOG_SOFTMAX, a, dim, dtype, "LogSoftmaxBackward0", true); }

/* sort, argsort, topk and unique: ops_select.c (kernel: cpu_sort.c) */

