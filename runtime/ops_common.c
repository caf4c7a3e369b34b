/* ops_common.c — helpers shared by the op files: device checks, dim lists, broadcast reduction, expression scopes. */
#include "autograd_impl.h"
#include "ops.h"
#include <stdio.h>
#include <string.h>

bool wk_ops_same_device(int n, wk_tensor *const *ts) {
    const wk_tensor *first = NULL;
    for (int i = 0; i < n; i++) {
        if (!ts[i]) continue;
        if (!first) { first = ts[i]; continue; }
        wk_device a = wk_tensor_device(first), b = wk_tensor_device(ts[i]);
        if (wk_device_eq(a, b)) continue;
        char da[32], db[32];
        wk_device_str(a, da, sizeof da);
        wk_device_str(b, db, sizeof db);
        return wk_rt_err(WK_ERR_RUNTIME, "Expected all tensors to be on the same device, but found at least "
                         "two devices, %s and %s!", da, db);
    }
    return true;
}

bool wk_ops_dim_mask(const int64_t *dims, int ndims, int ndim, uint32_t *mask) {
    *mask = 0;
    if (!dims || ndims == 0) {
        *mask = ndim >= 32 ? 0xffffffffu : (1u << ndim) - 1;
        return true;
    }
    for (int i = 0; i < ndims; i++) {
        int d;
        if (!wk_wrap_dim(dims[i], ndim ? ndim : 1, &d)) return false;
        if (ndim == 0) continue;
        if (*mask >> d & 1) return wk_rt_err(WK_ERR_RUNTIME, "dim %d appears multiple times in the list of dims", d);
        *mask |= 1u << d;
    }
    return true;
}

wk_tensor *wk_ops_unsqueeze_mask(wk_tensor *g, int ndim, uint32_t mask) {
    int64_t shape[WK_MAX_DIMS];
    int k = 0;
    for (int d = 0; d < ndim; d++) shape[d] = (mask >> d & 1) ? 1 : g->shape[k++];
    return wk_op_reshape(g, ndim, shape);
}

wk_tensor *wk_ops_scalar_like(wk_scalar s, wk_dtype dt, wk_device dev) {
    return wk_tensor_scalar(s, dt, dev);
}

wk_tensor *wk_ops_sum_to(wk_tensor *g, int ndim, const int64_t *shape) {
    int lead = g->ndim - ndim;
    if (lead < 0) return NULL;
    int64_t dims[WK_MAX_DIMS];
    int nd = 0;
    for (int d = 0; d < g->ndim; d++) {
        if (d < lead) { dims[nd++] = d; continue; }
        int64_t want = shape[d - lead];
        if (want == g->shape[d]) continue;
        if (want != 1) return NULL;
        dims[nd++] = d;
    }
    if (nd == 0) return wk_op_reshape(g, ndim, shape);
    wk_tensor *s = wk_op_sum(g, dims, nd, true, WK_NO_DTYPE);
    if (!s) return NULL;
    wk_tensor *r = wk_op_reshape(s, ndim, shape);
    wk_tensor_decref(s);
    return r;
}

/* ------------------------------------------------------------------ expression scopes */
wk_tensor *x_own(wk_scope *s, wk_tensor *t) {
    if (!t) return NULL;
    if (s->n == WK_SCOPE_MAX) { wk_tensor_decref(t); wk_rt_err(WK_ERR_RUNTIME, "expression scope full"); return NULL; }
    s->t[s->n++] = t;
    return t;
}

void x_free(wk_scope *s) {
    for (int i = 0; i < s->n; i++) wk_tensor_decref(s->t[i]);
    s->n = 0;
}

wk_tensor *x_ret(wk_scope *s, wk_tensor *t) {
    if (t) wk_tensor_incref(t);
    x_free(s);
    return t;
}

wk_tensor *x_bin(wk_scope *s, int op, wk_tensor *a, wk_tensor *b) {
    return a && b ? x_own(s, wk_op_binary((wk_binop)op, wk_vt(a), wk_vt(b))) : NULL;
}

wk_tensor *x_bins(wk_scope *s, int op, wk_tensor *a, double b) {
    return a ? x_own(s, wk_op_binary((wk_binop)op, wk_vt(a), wk_vf(b))) : NULL;
}

wk_tensor *x_sbin(wk_scope *s, int op, double a, wk_tensor *b) {
    return b ? x_own(s, wk_op_binary((wk_binop)op, wk_vf(a), wk_vt(b))) : NULL;
}

wk_tensor *x_un(wk_scope *s, int op, wk_tensor *a) {
    return a ? x_own(s, wk_op_unary((wk_unary_op)op, a)) : NULL;
}

wk_tensor *x_where(wk_scope *s, wk_tensor *c, wk_tensor *a, wk_tensor *b) {
    return c && a && b ? x_own(s, wk_op_where(c, wk_vt(a), wk_vt(b))) : NULL;
}

wk_tensor *x_wheres(wk_scope *s, wk_tensor *c, wk_tensor *a, double b) {
    return c && a ? x_own(s, wk_op_where(c, wk_vt(a), wk_vf(b))) : NULL;
}

wk_tensor *x_sum_dims(wk_scope *s, wk_tensor *a, uint32_t mask, bool keepdim) {
    if (!a) return NULL;
    int64_t dims[WK_MAX_DIMS];
    int n = 0;
    for (int d = 0; d < a->ndim; d++) if (mask >> d & 1) dims[n++] = d;
    if (n == 0) return a;
    return x_own(s, wk_op_sum(a, dims, n, keepdim, WK_NO_DTYPE));
}

wk_tensor *x_expand(wk_scope *s, wk_tensor *a, int ndim, const int64_t *shape) {
    return a ? x_own(s, wk_op_expand(a, ndim, shape)) : NULL;
}

wk_tensor *x_zeros(wk_scope *s, const wk_tmeta *m) { return x_own(s, wk_tmeta_zeros(m)); }
