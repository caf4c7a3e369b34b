/* ops_shape.c — differentiable views and reshapes, copies and conversions, cat/stack/split/chunk/unbind. */
#include "autograd_impl.h"
#include "ops.h"
#include "cpu_kernels.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ================================================================== views */

typedef enum { V_RESHAPE, V_PERMUTE, V_TRANSPOSE, V_EXPAND, V_NARROW, V_SELECT, V_SLICE, V_DIAGONAL, V_UNFOLD, V_AS_STRIDED } vkind;

/* Gradient of unfold(d, size, step): windows may overlap, so each window's gradient is
 * added into its slice of a zero tensor shaped like the input. */
static wk_tensor *unfold_backward(wk_scope *s, const wk_tmeta *in, wk_tensor *g, int d, int64_t size, int64_t step) {
    wk_tensor *z = x_zeros(s, in);
    int64_t perm[WK_MAX_DIMS];   /* the window dim (last) goes back to position d */
    for (int i = 0, j = 0; i < in->ndim; i++) perm[i] = i == d ? in->ndim - 1 : j++;
    for (int64_t w = 0; z && w < g->shape[d]; w++) {
        wk_tensor *zv = wk_tensor_narrow(z, d, w * step, size), *gw = wk_tensor_select(g, d, w);
        wk_tensor *gp = gw ? wk_tensor_permute(gw, perm) : NULL;
        wk_tensor *sum = zv && gp ? wk_op_binary(WK_OP_ADD, wk_vt(zv), wk_vt(gp)) : NULL;
        bool ok = sum && wk_tensor_copy_(zv, sum);
        wk_tensor_decref(zv); wk_tensor_decref(gw); wk_tensor_decref(gp); wk_tensor_decref(sum);
        if (!ok) return NULL;
    }
    return z;
}

/* as_strided of a contiguous input, geometry in ext = {nd, size[nd], stride[nd], offset from the
 * input's first element}: each output element's gradient is added at its position in the input
 * (overlapping outputs accumulate). */
static wk_tensor *as_strided_backward(wk_scope *s, const wk_tmeta *in, wk_tensor *g, const int64_t *geo) {
    int nd = (int)geo[0];
    const int64_t *size = geo + 1, *stride = geo + 1 + nd;
    int64_t n = wk_tensor_numel(g), flat = -1, idx[WK_MAX_DIMS] = {0};
    wk_tensor *pos = x_own(s, wk_tensor_empty(1, &n, WK_DT_I64, WK_CPU));
    if (!pos) return NULL;
    int64_t *pv = wk_tensor_data(pos), at = geo[1 + 2 * nd];
    for (int64_t i = 0; i < n; i++) {
        pv[i] = at;
        for (int d = nd - 1; d >= 0; d--) {   /* next row-major index */
            at += stride[d];
            if (++idx[d] < size[d]) break;
            at -= stride[d] * size[d];
            idx[d] = 0;
        }
    }
    wk_tensor *z = x_zeros(s, in), *zf = z ? x_own(s, wk_tensor_reshape(z, 1, &flat)) : NULL;
    wk_tensor *gf = zf ? x_own(s, wk_op_reshape(g, 1, &flat)) : NULL;
    wk_tensor *r = gf ? x_own(s, wk_op_index_add(zf, 0, pos, gf, wk_scalar_int(1))) : NULL;
    return r ? x_own(s, wk_op_reshape(r, in->ndim, in->shape)) : NULL;
}

/* Re-applies an embedding view (narrow/select/slice/diagonal) recorded in n->iv to t. */
static wk_tensor *reapply(const wk_node *n, wk_tensor *t) {
    const int64_t *p = n->iv + 1;
    switch ((vkind)n->iv[0]) {
    case V_NARROW: return wk_tensor_narrow(t, p[0], p[1], p[2]);
    case V_SELECT: return wk_tensor_select(t, p[0], p[1]);
    case V_SLICE: return wk_tensor_slice(t, p[0], true, p[1], true, p[2], p[3]);
    case V_DIAGONAL: return wk_tensor_diagonal(t, p[0], p[1], p[2]);
    default: return NULL;
    }
}

static bool bw_view(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    const wk_tmeta *in = &n->in[0];
    wk_tensor *r = NULL;
    switch ((vkind)n->iv[0]) {
    case V_RESHAPE: r = x_own(&s, wk_op_reshape(g[0], in->ndim, in->shape)); break;
    case V_PERMUTE: {
        int64_t inv[WK_MAX_DIMS];
        for (int d = 0; d < in->ndim; d++) inv[n->iv[1 + d]] = d;
        r = x_own(&s, wk_op_permute(g[0], inv));
        break;
    }
    case V_TRANSPOSE: r = x_own(&s, wk_op_transpose(g[0], n->iv[1], n->iv[2])); break;
    case V_EXPAND: r = g[0]; break;  /* the engine sums it back to the input shape */
    case V_UNFOLD: r = unfold_backward(&s, in, g[0], (int)n->iv[1], n->iv[2], n->iv[3]); break;
    case V_AS_STRIDED: r = as_strided_backward(&s, in, g[0], n->ext); break;
    default: {
        wk_tensor *z = x_zeros(&s, in), *v = z ? x_own(&s, reapply(n, z)) : NULL;
        r = v && wk_tensor_copy_(v, g[0]) ? z : NULL;
        break;
    }
    }
    gin[0] = x_ret(&s, r);
    return gin[0] != NULL;
}

/* Records out = view(a) with parameters p (np of them). */
static wk_tensor *view_rec(wk_tensor *out, wk_tensor *a, const char *name, vkind k, int np, const int64_t *p) {
    if (!out) return NULL;
    if (out->storage == a->storage && !wk_ag_set_view(out, a)) { wk_tensor_decref(out); return NULL; }
    if (!wk_ag_needs(1, &a)) return out;
    wk_node *n = wk_ag_node(name, bw_view, 1, &a, 1);
    if (!n) { wk_tensor_decref(out); return NULL; }
    n->iv[0] = k;
    for (int i = 0; i < np; i++) n->iv[1 + i] = p[i];
    wk_ag_set_output(n, 0, out);
    wk_node_decref(n);
    return out;
}

/* The caller has checked size/stride/offset against a's storage. Autograd only for a contiguous
 * CPU input whose elements contain the view (else NotImplementedError). */
wk_tensor *wk_op_as_strided(wk_tensor *a, int nd, const int64_t *size, const int64_t *stride, int64_t offset) {
    wk_tensor *out = wk_tensor_as_strided(a, nd, size, stride, offset);
    if (out && !wk_ag_set_view(out, a)) { wk_tensor_decref(out); return NULL; }
    if (!out || !wk_ag_needs(1, &a)) return out;
    int64_t last = offset, numel = wk_tensor_numel(out);
    for (int d = 0; d < nd; d++) last += (size[d] - 1) * stride[d];
    bool ok = wk_tensor_is_contiguous(a) && wk_tensor_device(a).type == WK_DEV_CPU &&
              (numel == 0 || (offset >= a->offset && last < a->offset + wk_tensor_numel(a)));
    int64_t *geo = ok ? malloc(sizeof(int64_t) * (size_t)(2 * nd + 2)) : NULL;
    wk_node *n = geo ? wk_ag_node("AsStridedBackward0", bw_view, 1, &a, 1) : NULL;
    if (!n) {
        free(geo);
        wk_tensor_decref(out);
        if (!ok) wk_rt_err(WK_ERR_NOTIMPL, "as_strided() with autograd is only supported in wick for contiguous CPU inputs that contain the view");
        return NULL;
    }
    geo[0] = nd;
    for (int d = 0; d < nd; d++) geo[1 + d] = size[d], geo[1 + nd + d] = stride[d];
    geo[1 + 2 * nd] = offset - a->offset;
    n->iv[0] = V_AS_STRIDED;
    n->ext = geo;
    n->n_ext = 2 * nd + 2;
    wk_ag_set_output(n, 0, out);
    wk_node_decref(n);
    return out;
}

wk_tensor *wk_op_view(wk_tensor *a, int ndim, const int64_t *shape) {
    return view_rec(wk_tensor_view(a, ndim, shape), a, "ViewBackward0", V_RESHAPE, 0, NULL);
}

wk_tensor *wk_op_reshape(wk_tensor *a, int ndim, const int64_t *shape) {
    int64_t sh[WK_MAX_DIMS], st[WK_MAX_DIMS];
    if (ndim > WK_MAX_DIMS || !wk_infer_shape(ndim, shape, wk_tensor_numel(a), sh)) {
        if (ndim > WK_MAX_DIMS) wk_rt_err(WK_ERR_RUNTIME, "too many dimensions");
        return NULL;
    }
    bool viewable = wk_compute_view_strides(a->ndim, a->shape, a->stride, ndim, sh, st);
    return view_rec(wk_tensor_reshape(a, ndim, shape), a, viewable ? "ViewBackward0" : "UnsafeViewBackward0", V_RESHAPE, 0, NULL);
}

wk_tensor *wk_op_permute(wk_tensor *a, const int64_t *dims) {
    int64_t p[WK_MAX_DIMS];
    wk_tensor *out = wk_tensor_permute(a, dims);
    if (!out) return NULL;
    for (int d = 0; d < a->ndim; d++) { int w; wk_wrap_dim(dims[d], a->ndim, &w); p[d] = w; }
    return view_rec(out, a, "PermuteBackward0", V_PERMUTE, a->ndim, p);
}

wk_tensor *wk_op_transpose(wk_tensor *a, int64_t d0, int64_t d1) {
    int64_t p[2] = {d0, d1};
    return view_rec(wk_tensor_transpose(a, d0, d1), a, "TransposeBackward0", V_TRANSPOSE, 2, p);
}

wk_tensor *wk_op_t(wk_tensor *a) {
    int64_t p[2] = {0, a->ndim == 2 ? 1 : 0};
    return view_rec(wk_tensor_t(a), a, "TBackward0", V_TRANSPOSE, 2, p);
}

wk_tensor *wk_op_squeeze(wk_tensor *a) { return view_rec(wk_tensor_squeeze(a), a, "SqueezeBackward0", V_RESHAPE, 0, NULL); }
wk_tensor *wk_op_squeeze_dim(wk_tensor *a, int64_t dim) { return view_rec(wk_tensor_squeeze_dim(a, dim), a, "SqueezeBackward1", V_RESHAPE, 0, NULL); }
wk_tensor *wk_op_unsqueeze(wk_tensor *a, int64_t dim) { return view_rec(wk_tensor_unsqueeze(a, dim), a, "UnsqueezeBackward0", V_RESHAPE, 0, NULL); }
wk_tensor *wk_op_expand(wk_tensor *a, int ndim, const int64_t *shape) { return view_rec(wk_tensor_expand(a, ndim, shape), a, "ExpandBackward0", V_EXPAND, 0, NULL); }
wk_tensor *wk_op_broadcast_to(wk_tensor *a, int ndim, const int64_t *shape) { return wk_op_expand(a, ndim, shape); }

wk_tensor *wk_op_flatten(wk_tensor *a, int64_t start_dim, int64_t end_dim) {
    wk_tensor *v = wk_tensor_flatten(a, start_dim, end_dim);
    if (!v) return NULL;
    bool alias = v->storage == a->storage;
    return view_rec(v, a, alias ? "ViewBackward0" : "UnsafeViewBackward0", V_RESHAPE, 0, NULL);
}

wk_tensor *wk_op_unflatten(wk_tensor *a, int64_t dim, int n, const int64_t *sizes) {
    return view_rec(wk_tensor_unflatten(a, dim, n, sizes), a, "ViewBackward0", V_RESHAPE, 0, NULL);
}

wk_tensor *wk_op_narrow(wk_tensor *a, int64_t dim, int64_t start, int64_t length) {
    wk_tensor *out = wk_tensor_narrow(a, dim, start, length);
    if (!out) return NULL;
    int d;
    wk_wrap_dim(dim, a->ndim, &d);
    if (start < 0) start += a->shape[d];
    int64_t p[3] = {d, start, length};
    return view_rec(out, a, "SliceBackward0", V_NARROW, 3, p);
}

wk_tensor *wk_op_select(wk_tensor *a, int64_t dim, int64_t index) {
    wk_tensor *out = wk_tensor_select(a, dim, index);
    if (!out) return NULL;
    int d;
    wk_wrap_dim(dim, a->ndim, &d);
    int64_t p[2] = {d, index < 0 ? index + a->shape[d] : index};
    return view_rec(out, a, "SelectBackward0", V_SELECT, 2, p);
}

wk_tensor *wk_op_slice(wk_tensor *a, int64_t dim, bool has_start, int64_t start, bool has_stop, int64_t stop, int64_t step) {
    wk_tensor *out = wk_tensor_slice(a, dim, has_start, start, has_stop, stop, step);
    if (!out) return NULL;
    int d;
    wk_wrap_dim(dim, a->ndim, &d);
    /* resolved start/stop from the result: start = offset delta / stride */
    int64_t st = a->stride[d] ? (out->offset - a->offset) / a->stride[d] : 0;
    int64_t p[4] = {d, st, st + out->shape[d] * step, step};
    if (p[2] > a->shape[d]) p[2] = a->shape[d];
    return view_rec(out, a, "SliceBackward0", V_SLICE, 4, p);
}

wk_tensor *wk_op_unfold(wk_tensor *a, int64_t dim, int64_t size, int64_t step) {
    wk_tensor *out = wk_tensor_unfold(a, dim, size, step);
    if (!out || a->ndim == 0) return view_rec(out, a, "UnfoldBackward0", V_RESHAPE, 0, NULL);
    int d;
    wk_wrap_dim(dim, a->ndim, &d);
    int64_t p[3] = {d, size, step};
    return view_rec(out, a, "UnfoldBackward0", V_UNFOLD, 3, p);
}

/* A copy with the listed dims reversed: one index_select per dim, named FlipBackward0. */
wk_tensor *wk_op_flip(wk_tensor *a, int n, const int64_t *dims) {
    if (a->ndim == 0 || n == 0) return wk_op_clone(a);
    wk_tensor *r = wk_tensor_incref(a);
    for (int i = 0; i < n && r; i++) {
        int d;
        if (!wk_wrap_dim(dims[i], a->ndim, &d)) { wk_tensor_decref(r); return NULL; }
        for (int j = 0; j < i; j++) {
            int e;
            if (wk_wrap_dim(dims[j], a->ndim, &e) && e == d) {
                wk_tensor_decref(r);
                wk_rt_err(WK_ERR_RUNTIME, "dim %d appears multiple times in the list of dims", d);
                return NULL;
            }
        }
        int64_t len = a->shape[d];
        wk_tensor *rev = wk_tensor_arange(wk_scalar_int(len - 1), wk_scalar_int(-1), wk_scalar_int(-1), WK_DT_I64,
                                          wk_tensor_device(a));
        wk_tensor *next = rev ? wk_op_index_select(r, d, rev) : NULL;
        wk_tensor_decref(rev);
        wk_tensor_decref(r);
        r = next;
    }
    wk_node *node = r ? wk_autograd_grad_fn(r) : NULL;
    if (node) node->name = "FlipBackward0";
    return r;
}

wk_tensor *wk_op_diagonal(wk_tensor *a, int64_t offset, int64_t d1, int64_t d2) {
    int64_t p[3] = {offset, d1, d2};
    return view_rec(wk_tensor_diagonal(a, offset, d1, d2), a, "DiagonalBackward0", V_DIAGONAL, 3, p);
}

wk_tensor *wk_op_detach(wk_tensor *a) { return wk_tensor_alias(a); }

/* ================================================================== copies and conversions */

static bool bw_identity(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    if (!wk_device_eq(n->in[0].device, wk_tensor_device(g[0]))) return (gin[0] = wk_tensor_to_device(g[0], n->in[0].device)) != NULL;
    gin[0] = wk_tensor_incref(g[0]);  /* dtype is converted back by the engine */
    return true;
}

static wk_tensor *copy_rec(wk_tensor *out, wk_tensor *a, const char *name) {
    if (!out || out == a || !wk_ag_needs(1, &a) || !wk_dtype_is_float(out->dtype)) return out;
    wk_node *n = wk_ag_node(name, bw_identity, 1, &a, 1);
    if (!n) { wk_tensor_decref(out); return NULL; }
    wk_ag_set_output(n, 0, out);
    wk_node_decref(n);
    return out;
}

wk_tensor *wk_op_clone(wk_tensor *a) { return copy_rec(wk_tensor_clone(a), a, "CloneBackward0"); }

wk_tensor *wk_op_contiguous(wk_tensor *a) {
    if (wk_tensor_is_contiguous(a)) return wk_tensor_incref(a);
    return copy_rec(wk_tensor_contiguous(a), a, "CloneBackward0");
}

wk_tensor *wk_op_to_dtype(wk_tensor *a, wk_dtype dt, bool copy) {
    if (a->dtype == dt && !copy) return wk_tensor_incref(a);
    return copy_rec(wk_tensor_to_dtype(a, dt, true), a, "ToCopyBackward0");
}

wk_tensor *wk_op_to_device(wk_tensor *a, wk_device dev, bool copy) {
    if (wk_device_eq(wk_tensor_device(a), dev) && !copy) return wk_tensor_incref(a);
    wk_tensor *r = wk_device_eq(wk_tensor_device(a), dev) ? wk_tensor_clone(a) : wk_tensor_to_device(a, dev);
    return copy_rec(r, a, "ToCopyBackward0");
}

static bool bw_repeat(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    int nr = (int)n->iv[0];
    const wk_tmeta *in = &n->in[0];
    int64_t sh[2 * WK_MAX_DIMS];
    uint32_t mask = 0;
    for (int i = 0; i < nr; i++) {
        int64_t size = i < nr - in->ndim ? 1 : in->shape[i - (nr - in->ndim)];
        sh[2 * i] = n->iv[1 + i];
        sh[2 * i + 1] = size;
        mask |= 1u << (2 * i);
    }
    wk_tensor *r = nr * 2 <= WK_MAX_DIMS ? x_own(&s, wk_tensor_reshape(g[0], 2 * nr, sh)) : NULL;
    r = x_sum_dims(&s, r, mask, false);
    r = r ? x_own(&s, wk_tensor_reshape(r, in->ndim, in->shape)) : NULL;
    gin[0] = x_ret(&s, r);
    return gin[0] != NULL;
}

wk_tensor *wk_op_repeat(wk_tensor *a, int n, const int64_t *repeats) {
    if (n < a->ndim) {
        wk_rt_err(WK_ERR_RUNTIME, "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor");
        return NULL;
    }
    if (2 * n > WK_MAX_DIMS) { wk_rt_err(WK_ERR_RUNTIME, "repeat: too many dimensions"); return NULL; }
    int64_t vs[2 * WK_MAX_DIMS], es[2 * WK_MAX_DIMS], os[WK_MAX_DIMS];
    for (int i = 0; i < n; i++) {
        int64_t size = i < n - a->ndim ? 1 : a->shape[i - (n - a->ndim)];
        vs[2 * i] = 1; vs[2 * i + 1] = size;
        es[2 * i] = repeats[i]; es[2 * i + 1] = size;
        os[i] = (int64_t)((uint64_t)repeats[i] * (uint64_t)size); /* wraps like PyTorch's */
    }
    for (int i = 0; i < n; i++)
        if (os[i] < 0 || repeats[i] < 0) {
            char buf[256];
            wk_shape_str(buf, sizeof buf, n, os);
            wk_rt_err(WK_ERR_RUNTIME, "Trying to create tensor with negative dimension %lld: %s", (long long)os[i], buf);
            return NULL;
        }
    wk_tensor *v = wk_tensor_reshape(a, 2 * n, vs), *e = v ? wk_tensor_expand(v, 2 * n, es) : NULL;
    wk_tensor *c = e ? wk_tensor_contiguous(e) : NULL, *out = c ? wk_tensor_reshape(c, n, os) : NULL;
    if (c == e && c) { wk_tensor *cl = wk_tensor_clone(c); wk_tensor_decref(out); out = cl ? wk_tensor_reshape(cl, n, os) : NULL; wk_tensor_decref(cl); }
    wk_tensor_decref(v); wk_tensor_decref(e); wk_tensor_decref(c);
    if (!out || !wk_ag_needs(1, &a)) return out;
    wk_node *nd = wk_ag_node("RepeatBackward0", bw_repeat, 1, &a, 1);
    if (!nd) { wk_tensor_decref(out); return NULL; }
    nd->iv[0] = n;
    for (int i = 0; i < n; i++) nd->iv[1 + i] = repeats[i];
    wk_ag_set_output(nd, 0, out);
    wk_node_decref(nd);
    return out;
}

/* ================================================================== cat / stack */

static bool bw_cat(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    int dim = (int)n->iv[0];
    int64_t off = 0;
    for (int i = 0; i < n->n_in; i++) {
        int64_t len = n->ext[i];
        if (n->next[i].fn) {
            wk_tensor *v = n->iv[1] ? wk_tensor_select(g[0], dim, i) : wk_tensor_narrow(g[0], dim, off, len);
            if (!v) return false;
            gin[i] = v;
        }
        off += len;
    }
    return true;
}

static wk_tensor *cat_raw(int n, wk_tensor *const *ts, int64_t dim, int *dout) {
    if (n == 0) { wk_rt_err(WK_ERR_RUNTIME, "torch.cat(): expected a non-empty list of Tensors"); return NULL; }
    if (!wk_ops_same_device(n, ts)) return NULL;
    const wk_tensor *ref = NULL;
    wk_result_type rt;
    wk_result_type_init(&rt);
    for (int i = 0; i < n; i++) {
        wk_result_type_tensor(&rt, ts[i]->dtype, 1);
        if (!(ts[i]->ndim == 1 && ts[i]->shape[0] == 0) && !ref) ref = ts[i];  /* legacy: [0] tensors are skipped */
    }
    if (!ref) ref = ts[0];
    if (ref->ndim == 0) { wk_rt_err(WK_ERR_RUNTIME, "zero-dimensional tensor (at position 0) cannot be concatenated"); return NULL; }
    int d;
    if (!wk_wrap_dim(dim, ref->ndim, &d)) return NULL;
    int64_t shape[WK_MAX_DIMS];
    memcpy(shape, ref->shape, sizeof shape);
    shape[d] = 0;
    for (int i = 0; i < n; i++) {
        const wk_tensor *t = ts[i];
        if (t->ndim == 1 && t->shape[0] == 0 && ref->ndim != 1) continue;
        if (t->ndim == 0) { wk_rt_err(WK_ERR_RUNTIME, "zero-dimensional tensor (at position %d) cannot be concatenated", i); return NULL; }
        if (t->ndim != ref->ndim) { wk_rt_err(WK_ERR_RUNTIME, "Tensors must have same number of dimensions: got %d and %d", ref->ndim, t->ndim); return NULL; }
        for (int k = 0; k < t->ndim; k++)
            if (k != d && t->shape[k] != ref->shape[k]) {
                wk_rt_err(WK_ERR_RUNTIME, "Sizes of tensors must match except in dimension %d. Expected size %lld but got size %lld for tensor number %d in the list.",
                          d, (long long)ref->shape[k], (long long)t->shape[k], i);
                return NULL;
            }
        shape[d] += t->shape[d];
    }
    wk_tensor *out = wk_tensor_empty(ref->ndim, shape, wk_result_type_get(&rt), wk_tensor_device(ref));
    int64_t off = 0;
    for (int i = 0; out && i < n; i++) {
        if (ts[i]->ndim != ref->ndim) continue;
        wk_tensor *v = wk_tensor_narrow(out, d, off, ts[i]->shape[d]);
        bool ok = v && wk_tensor_copy_(v, ts[i]);
        wk_tensor_decref(v);
        if (!ok) { wk_tensor_decref(out); return NULL; }
        off += ts[i]->shape[d];
    }
    if (out) out->version->value = 0;
    *dout = d;
    return out;
}

static wk_tensor *cat_rec(wk_tensor *out, int n, wk_tensor *const *ts, int d, bool stack) {
    if (!out || !wk_ag_needs(n, ts) || !wk_dtype_is_float(out->dtype)) return out;
    wk_node *nd = wk_ag_node(stack ? "StackBackward0" : "CatBackward0", bw_cat, n, ts, 1);
    if (!nd || !(nd->ext = calloc((size_t)n, sizeof(int64_t)))) { wk_node_decref(nd); wk_tensor_decref(out); return NULL; }
    nd->iv[0] = d;
    nd->iv[1] = stack;
    for (int i = 0; i < n; i++) nd->ext[i] = stack ? 1 : (ts[i]->ndim == out->ndim ? ts[i]->shape[d] : 0);
    nd->n_ext = n;
    wk_ag_set_output(nd, 0, out);
    wk_node_decref(nd);
    return out;
}

wk_tensor *wk_op_cat(int n, wk_tensor *const *ts, int64_t dim) {
    int d = 0;
    wk_tensor *out = cat_raw(n, ts, dim, &d);
    return cat_rec(out, n, ts, d, false);
}

wk_tensor *wk_op_stack(int n, wk_tensor *const *ts, int64_t dim) {
    if (n == 0) { wk_rt_err(WK_ERR_RUNTIME, "stack expects a non-empty TensorList"); return NULL; }
    for (int i = 1; i < n; i++)
        if (!wk_same_shape(ts[i], ts[0])) {
            char a[256], b[256];
            wk_shape_str(a, sizeof a, ts[0]->ndim, ts[0]->shape);
            wk_shape_str(b, sizeof b, ts[i]->ndim, ts[i]->shape);
            wk_rt_err(WK_ERR_RUNTIME, "stack expects each tensor to be equal size, but got %s at entry 0 and %s at entry %d", a, b, i);
            return NULL;
        }
    int d;
    if (!wk_wrap_dim(dim, ts[0]->ndim + 1, &d)) return NULL;
    wk_tensor **us = calloc((size_t)n, sizeof *us);
    if (!us) { wk_rt_err(WK_ERR_OOM, "out of memory"); return NULL; }
    bool ok = true;
    for (int i = 0; i < n && ok; i++) ok = (us[i] = wk_tensor_unsqueeze(ts[i], d)) != NULL;
    int dd = d;
    wk_tensor *out = ok ? cat_raw(n, us, d, &dd) : NULL;
    for (int i = 0; i < n; i++) wk_tensor_decref(us[i]);
    free(us);
    return cat_rec(out, n, ts, d, true);
}

/* ================================================================== split family */

static bool bw_split(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    if (n->iv[1]) {  /* unbind */
        gin[0] = wk_op_stack(n->n_out, g, n->iv[0]);
        return gin[0] != NULL;
    }
    gin[0] = wk_op_cat(n->n_out, g, n->iv[0]);
    return gin[0] != NULL;
}

void wk_op_list_free(int n, wk_tensor **list) {
    if (!list) return;
    for (int i = 0; i < n; i++) wk_tensor_decref(list[i]);
    free(list);
}

/* Pieces of a along d with the given sizes (views), recorded as one multi-output node. */
static wk_tensor **pieces(wk_tensor *a, int d, int n, const int64_t *sizes, bool unbind, const char *name, int *n_out) {
    wk_tensor **out = calloc((size_t)(n ? n : 1), sizeof *out);
    if (!out) { wk_rt_err(WK_ERR_OOM, "out of memory"); return NULL; }
    int64_t off = 0;
    for (int i = 0; i < n; i++) {
        out[i] = unbind ? wk_tensor_select(a, d, i) : wk_tensor_narrow(a, d, off, sizes[i]);
        if (!out[i]) { wk_op_list_free(i, out); return NULL; }
        off += unbind ? 1 : sizes[i];
    }
    if (n && wk_ag_needs(1, &a)) {
        wk_node *nd = wk_ag_node(name, bw_split, 1, &a, n);
        if (!nd) { wk_op_list_free(n, out); return NULL; }
        nd->iv[0] = d;
        nd->iv[1] = unbind;
        for (int i = 0; i < n; i++) wk_ag_set_output(nd, i, out[i]);
        wk_node_decref(nd);
    }
    *n_out = n;
    return out;
}

wk_tensor **wk_op_split_sizes(wk_tensor *a, int n, const int64_t *sizes, int64_t dim, int *n_out) {
    int d;
    if (!wk_wrap_dim(dim, a->ndim, &d)) return NULL;
    int64_t sum = 0;
    for (int i = 0; i < n; i++) sum += sizes[i];
    if (sum != a->shape[d]) {
        char buf[512] = "[";
        size_t len = 1;
        for (int i = 0; i < n && len < sizeof buf - 32; i++)
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%lld", i ? ", " : "", (long long)sizes[i]);
        snprintf(buf + len, sizeof buf - len, "]");
        wk_rt_err(WK_ERR_RUNTIME, "split_with_sizes expects split_sizes to sum exactly to %lld (input tensor's size at "
                  "dimension %d), but got split_sizes=%s", (long long)a->shape[d], d, buf);
        return NULL;
    }
    return pieces(a, d, n, sizes, false, "SplitWithSizesBackward0", n_out);
}

wk_tensor **wk_op_split(wk_tensor *a, int64_t split_size, int64_t dim, int *n_out) {
    int d;
    if (!wk_wrap_dim(dim, a->ndim, &d)) return NULL;
    int64_t len = a->shape[d];
    if (split_size == 0 && len != 0) {
        wk_rt_err(WK_ERR_RUNTIME, "split_size can only be 0 if dimension size is 0, but got dimension size of %lld", (long long)len);
        return NULL;
    }
    if (split_size < 0) { wk_rt_err(WK_ERR_RUNTIME, "split expects split_size be non-negative, but got split_size=%lld", (long long)split_size); return NULL; }
    int n = split_size ? (int)(len / split_size + (len % split_size != 0)) : 1;
    if (n == 0) n = 1;
    int64_t *sizes = malloc(sizeof(int64_t) * (size_t)n);
    if (!sizes) { wk_rt_err(WK_ERR_OOM, "out of memory"); return NULL; }
    for (int i = 0; i < n; i++) sizes[i] = split_size ? (len - i * split_size < split_size ? len - i * split_size : split_size) : 0;
    wk_tensor **r = pieces(a, d, n, sizes, false, "SplitBackward0", n_out);
    free(sizes);
    return r;
}

wk_tensor **wk_op_chunk(wk_tensor *a, int64_t chunks, int64_t dim, int *n_out) {
    if (chunks <= 0) { wk_rt_err(WK_ERR_RUNTIME, "chunk expects `chunks` to be greater than 0, got: %lld", (long long)chunks); return NULL; }
    int d;
    if (!wk_wrap_dim(dim, a->ndim, &d)) return NULL;
    int64_t len = a->shape[d], size = len / chunks + (len % chunks != 0);
    if (size == 0) {  /* empty dim: chunks empty pieces */
        if (chunks > INT32_MAX) { wk_rt_err(WK_ERR_RUNTIME, "std::bad_alloc"); return NULL; }  /* PyTorch's text */
        int64_t *z = calloc((size_t)chunks, sizeof *z);
        wk_tensor **r = z ? pieces(a, d, (int)chunks, z, false, "SplitBackward0", n_out) : NULL;
        free(z);
        return r;
    }
    return wk_op_split(a, size, d, n_out);
}

wk_tensor **wk_op_unbind(wk_tensor *a, int64_t dim, int *n_out) {
    int d;
    if (!wk_wrap_dim(dim, a->ndim, &d)) return NULL;
    return pieces(a, d, (int)a->shape[d], NULL, true, "UnbindBackward0", n_out);
}

/* ================================================================== comparisons of whole tensors */

bool wk_op_equal(wk_tensor *a, wk_tensor *b, bool *out) {
    *out = false;
    if (!wk_same_shape(a, b)) return true;
    if (a->dtype == b->dtype && wk_tensor_device(a).type == WK_DEV_CPU && wk_tensor_device(b).type == WK_DEV_CPU) {
        *out = wk_cpu_equal(a, b);
        return true;
    }
    bool was = wk_grad_enabled();
    wk_grad_set_enabled(false);
    wk_tensor *e = wk_op_binary(WK_OP_EQ, wk_vt(a), wk_vt(b)), *all = e ? wk_op_all(e, NULL, 0, false) : NULL;
    wk_grad_set_enabled(was);
    if (all) *out = wk_scalar_to_i64(wk_tensor_get_flat(all, 0)) != 0;
    bool ok = all != NULL;
    wk_tensor_decref(e);
    wk_tensor_decref(all);
    return ok;
}

/* Same-shape float32/float64 CPU tensors take the fused kernel (cpu_equal.c). */
static bool close_fast(const wk_tensor *a, const wk_tensor *b) {
    return a->dtype == b->dtype && (a->dtype == WK_DT_F32 || a->dtype == WK_DT_F64) && wk_same_shape(a, b) &&
           wk_tensor_device(a).type == WK_DEV_CPU && wk_tensor_device(b).type == WK_DEV_CPU;
}

/* PyTorch's isclose: a == b, or (equal_nan) both nan, or |a - b| finite and <= atol + |rtol * b|. */
wk_tensor *wk_op_isclose(wk_tensor *a, wk_tensor *b, double rtol, double atol, bool equal_nan) {
    if (a->dtype != b->dtype) {
        wk_rt_err(WK_ERR_RUNTIME, "%s did not match %s", wk_dtype_scalar_name(a->dtype), wk_dtype_scalar_name(b->dtype));
        return NULL;
    }
    if (rtol < 0 || atol < 0) {
        wk_rt_err(WK_ERR_RUNTIME, "%s must be greater than or equal to zero, but got %g", rtol < 0 ? "rtol" : "atol",
                  rtol < 0 ? rtol : atol);
        return NULL;
    }
    if (close_fast(a, b)) {
        wk_tensor *r = wk_tensor_empty(a->ndim, a->shape, WK_DT_BOOL, WK_CPU);
        if (r) wk_cpu_isclose(r, a, b, rtol, atol, equal_nan);
        return r;
    }
    bool was = wk_grad_enabled();
    wk_grad_set_enabled(false);
    wk_scope s = {0};
    wk_tensor *close = x_bin(&s, WK_OP_EQ, a, b);
    if (equal_nan && wk_dtype_is_float(a->dtype))
        close = x_bin(&s, WK_OP_LOGICAL_OR, close, x_bin(&s, WK_OP_LOGICAL_AND, x_un(&s, WK_UOP_ISNAN, a), x_un(&s, WK_UOP_ISNAN, b)));
    if (rtol != 0 || atol != 0) {
        wk_tensor *fa = a->dtype == WK_DT_BOOL ? x_own(&s, wk_op_to_dtype(a, wk_dtype_default_float(), false)) : a;
        wk_tensor *fb = b->dtype == WK_DT_BOOL ? x_own(&s, wk_op_to_dtype(b, wk_dtype_default_float(), false)) : b;
        wk_tensor *allowed = x_bins(&s, WK_OP_ADD, x_un(&s, WK_UOP_ABS, x_bins(&s, WK_OP_MUL, fb, rtol)), atol);
        wk_tensor *err = x_un(&s, WK_UOP_ABS, x_bin(&s, WK_OP_SUB, fa, fb));
        wk_tensor *ok = x_bin(&s, WK_OP_LOGICAL_AND, x_un(&s, WK_UOP_ISFINITE, err), x_bin(&s, WK_OP_LE, err, allowed));
        close = x_bin(&s, WK_OP_LOGICAL_OR, close, ok);
    }
    wk_tensor *r = close && wk_rt_errkind() == WK_ERR_NONE ? wk_tensor_incref(close) : NULL;
    x_free(&s);
    wk_grad_set_enabled(was);
    return r;
}

bool wk_op_allclose(wk_tensor *a, wk_tensor *b, double rtol, double atol, bool equal_nan, bool *out) {
    if (close_fast(a, b) && rtol >= 0 && atol >= 0) {
        *out = wk_cpu_isclose(NULL, a, b, rtol, atol, equal_nan);
        return true;
    }
    wk_tensor *close = wk_op_isclose(a, b, rtol, atol, equal_nan);
    wk_tensor *all = close ? wk_op_all(close, NULL, 0, false) : NULL;
    if (all) *out = wk_scalar_to_i64(wk_tensor_get_flat(all, 0)) != 0;
    wk_tensor_decref(close);
    wk_tensor_decref(all);
    return all != NULL;
}
