/* ops_nn_conv.c — conv1d/conv2d ops: PyTorch's argument checks and messages, 'same'/'valid' padding, ConvolutionBackward0. */
#include "autograd_impl.h"
#include "ops_nn.h"
#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------------ helpers shared by ops_nn*.c */
bool wk_nn_check_float(const wk_tensor *t, const char *kernel) {
    if (wk_tensor_device(t).type != WK_DEV_CPU)
        return wk_rt_err(WK_ERR_NOTIMPL, "%s: only CPU tensors are supported by wick's nn kernels yet", kernel);
    if (t->dtype != WK_DT_F32 && t->dtype != WK_DT_F64)
        return wk_rt_err(WK_ERR_RUNTIME, "\"%s\" not implemented for '%s'", kernel, wk_dtype_scalar_name(t->dtype));
    return true;
}

wk_tensor *wk_nn_grad_like(wk_node *n, int i, bool zero) {
    const wk_tmeta *m = &n->in[i];
    return zero ? wk_tensor_zeros(m->ndim, m->shape, m->dtype, m->device)
                : wk_tensor_empty(m->ndim, m->shape, m->dtype, m->device);
}

const char *wk_nn_shape(char *buf, size_t cap, const wk_tensor *t) {
    wk_shape_str(buf, cap, t->ndim, t->shape);
    return buf;
}

/* ------------------------------------------------------------------ argument checking */
typedef struct conv_args {
    int nsp;                  /* spatial dims: 1 or 2 */
    int64_t stride[2], lo[2], hi[2], dil[2], groups;
    wk_pad_mode mode;
} conv_args;

/* "(8 x 8)" style list of nsp values. */
static const char *tuple(char *buf, size_t cap, int nsp, const int64_t *v) {
    if (nsp == 1) snprintf(buf, cap, "%lld", (long long)v[0]);
    else snprintf(buf, cap, "%lld x %lld", (long long)v[0], (long long)v[1]);
    return buf;
}

static bool check_params(const conv_args *a) {
    for (int i = 0; i < a->nsp; i++) {
        if (a->stride[i] <= 0) return wk_rt_err(WK_ERR_RUNTIME, "non-positive stride is not supported");
        if (a->lo[i] < 0) return wk_rt_err(WK_ERR_RUNTIME, "negative padding is not supported");
        if (a->dil[i] <= 0) return wk_rt_err(WK_ERR_RUNTIME, "dilation should be greater than zero");
    }
    if (a->groups <= 0) return wk_rt_err(WK_ERR_RUNTIME, "non-positive groups is not supported");
    if (a->mode == WK_PAD_SAME)
        for (int i = 0; i < a->nsp; i++)
            if (a->stride[i] != 1) return wk_rt_err(WK_ERR_RUNTIME, "padding='same' is not supported for strided convolutions");
    return true;
}

static bool check_shapes(const wk_tensor *x, const wk_tensor *w, const wk_tensor *b, const conv_args *a) {
    char s1[256], s2[256];
    if (w->ndim != a->nsp + 2) {
        if (a->nsp == 1) return wk_rt_err(WK_ERR_RUNTIME, "expected stride to be a single integer value or a list of %d values to match the convolution dimensions, but got stride=[%lld]", w->ndim - 2, (long long)a->stride[0]);
        return wk_rt_err(WK_ERR_RUNTIME, "expected stride to be a single integer value or a list of %d values to match the convolution dimensions, but got stride=[%lld, %lld]",
                         w->ndim - 2, (long long)a->stride[0], (long long)a->stride[1]);
    }
    if (w->shape[0] % a->groups)
        return wk_rt_err(WK_ERR_RUNTIME, "Given groups=%lld, expected weight to be divisible by %lld at dimension 0, but got weight of size [%s] instead",
                         (long long)a->groups, (long long)a->groups, wk_nn_shape(s1, sizeof s1, w));
    if (x->shape[1] != w->shape[1] * a->groups)
        return wk_rt_err(WK_ERR_RUNTIME, "Given groups=%lld, weight of size %s, expected input%s to have %lld channels, but got %lld channels instead",
                         (long long)a->groups, wk_nn_shape(s1, sizeof s1, w), wk_nn_shape(s2, sizeof s2, x),
                         (long long)(w->shape[1] * a->groups), (long long)x->shape[1]);
    if (b && (b->ndim != 1 || b->shape[0] != w->shape[0]))
        return wk_rt_err(WK_ERR_RUNTIME, "Given weight of size %s, expected bias to be 1-dimensional with %lld elements, but got bias of size %s instead",
                         wk_nn_shape(s1, sizeof s1, w), (long long)w->shape[0], wk_nn_shape(s2, sizeof s2, b));
    int64_t padded[2], ks[2];
    bool small = false;
    for (int i = 0; i < a->nsp; i++) {
        padded[i] = x->shape[2 + i] + a->lo[i] + a->hi[i];
        ks[i] = a->dil[i] * (w->shape[2 + i] - 1) + 1;
        if (padded[i] < ks[i]) small = true;
    }
    if (small)
        return wk_rt_err(WK_ERR_RUNTIME, "Calculated padded input size per channel: (%s). Kernel size: (%s). Kernel size can't be greater than actual input size",
                         tuple(s1, sizeof s1, a->nsp, padded), tuple(s2, sizeof s2, a->nsp, ks));
    return true;
}

static const char *cname(wk_dtype dt) { return dt == WK_DT_F32 ? "float" : dt == WK_DT_F64 ? "double" : wk_dtype_short(dt); }

static bool check_types(const wk_tensor *x, const wk_tensor *w, const wk_tensor *b) {
    wk_tensor *const ts[3] = {(wk_tensor *)x, (wk_tensor *)w, (wk_tensor *)b};
    if (!wk_ops_same_device(3, ts)) return false;
    if (x->dtype != w->dtype)
        return wk_rt_err(WK_ERR_RUNTIME, "expected scalar type %s but found %s", wk_dtype_scalar_name(x->dtype),
                         wk_dtype_scalar_name(w->dtype));
    if (b && b->dtype != x->dtype)
        return wk_rt_err(WK_ERR_RUNTIME, "Input type (%s) and bias type (%s) should be the same", cname(x->dtype),
                         cname(b->dtype));
    return wk_nn_check_float(x, "slow_conv2d_cpu");
}

/* Fills padding from the mode (same: total d*(k-1), the extra one at the end). */
static void resolve_padding(conv_args *a, const wk_tensor *w) {
    for (int i = 0; i < a->nsp; i++) {
        if (a->mode == WK_PAD_VALID) a->lo[i] = 0;
        if (a->mode == WK_PAD_SAME && w->ndim == a->nsp + 2) {
            int64_t total = a->dil[i] * (w->shape[2 + i] - 1);
            a->lo[i] = total / 2;
            a->hi[i] = total - a->lo[i];
        } else a->hi[i] = a->lo[i];
    }
}

static void make_geom(wk_conv_geom *g, const wk_tensor *x, const wk_tensor *w, const conv_args *a) {
    int s = a->nsp == 1 ? 1 : 0;  /* conv1d: a height-1 2-D convolution */
    memset(g, 0, sizeof *g);
    g->n = x->shape[0]; g->c = x->shape[1]; g->o = w->shape[0]; g->groups = a->groups;
    g->h = s ? 1 : x->shape[2];
    g->w = x->shape[3 - s];
    g->kh = s ? 1 : w->shape[2];
    g->kw = w->shape[3 - s];
    g->sh = s ? 1 : a->stride[0]; g->sw = a->stride[1 - s];
    g->dh = s ? 1 : a->dil[0]; g->dw = a->dil[1 - s];
    g->ph = s ? 0 : a->lo[0]; g->pw = a->lo[1 - s];
    int64_t hh = s ? 0 : a->hi[0], hw = a->hi[1 - s];
    g->oh = (g->h + g->ph + hh - g->dh * (g->kh - 1) - 1) / g->sh + 1;
    g->ow = (g->w + g->pw + hw - g->dw * (g->kw - 1) - 1) / g->sw + 1;
}

/* ------------------------------------------------------------------ op and derivative */
_Static_assert(sizeof(wk_conv_geom) <= sizeof(((wk_node *)0)->iv), "conv geometry must fit the node");

static bool bw_conv(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_conv_geom geom;
    memcpy(&geom, n->iv, sizeof geom);
    wk_tensor *x = wk_ag_saved(n, 0), *w = wk_ag_saved(n, 1);
    if (!x || !w) return false;
    wk_tensor *go = wk_tensor_contiguous(g[0]);
    for (int i = 0; i < 3; i++) gin[i] = n->next[i].fn ? wk_nn_grad_like(n, i, false) : NULL;
    bool ok = go && (!n->next[0].fn || gin[0]) && (!n->next[1].fn || gin[1]) && (!n->next[2].fn || gin[2]);
    if (ok)
        ok = wk_cpu_nn_conv2d_backward(x->dtype, &geom, wk_tensor_data(x), wk_tensor_data(w), wk_tensor_data(go),
                                       gin[0] ? wk_tensor_data(gin[0]) : NULL, gin[1] ? wk_tensor_data(gin[1]) : NULL,
                                       gin[2] ? wk_tensor_data(gin[2]) : NULL);
    wk_tensor_decref(go);
    if (ok) return true;
    for (int i = 0; i < 3; i++) { wk_tensor_decref(gin[i]); gin[i] = NULL; }
    return false;
}

/* input (N, C, *sp), weight (O, C/g, *k): both batched and checked. */
static wk_tensor *conv_batched(wk_tensor *x, wk_tensor *w, wk_tensor *b, conv_args *a) {
    resolve_padding(a, w);
    if (!check_params(a) || !check_shapes(x, w, b, a) || !check_types(x, w, b)) return NULL;
    wk_conv_geom geom;
    make_geom(&geom, x, w, a);
    int64_t shape[4] = {geom.n, geom.o, geom.oh, geom.ow};
    if (a->nsp == 1) shape[2] = geom.ow;
    wk_tensor *xc = wk_tensor_contiguous(x), *wc = wk_tensor_contiguous(w), *bc = b ? wk_tensor_contiguous(b) : NULL;
    wk_tensor *out = xc && wc && (!b || bc) ? wk_tensor_empty(a->nsp + 2, shape, x->dtype, WK_CPU) : NULL;
    if (out && !wk_cpu_nn_conv2d(x->dtype, &geom, wk_tensor_data(xc), wk_tensor_data(wc), bc ? wk_tensor_data(bc) : NULL,
                                 wk_tensor_data(out))) {
        wk_tensor_decref(out);
        out = NULL;
    }
    wk_tensor_decref(bc);
    wk_tensor *ins[3] = {x, w, b};
    if (out && wk_ag_needs(3, ins)) {
        wk_node *n = wk_ag_node("ConvolutionBackward0", bw_conv, 3, ins, 1);
        if (n) {
            memcpy(n->iv, &geom, sizeof geom);
            wk_ag_set_output(n, 0, out);
            wk_ag_save(n, xc);
            wk_ag_save(n, wc);
            wk_node_decref(n);
        } else { wk_tensor_decref(out); out = NULL; }
    }
    wk_tensor_decref(xc);
    wk_tensor_decref(wc);
    return out;
}

static wk_tensor *conv_entry(wk_tensor *x, wk_tensor *w, wk_tensor *b, conv_args *a) {
    char s[256];
    if (x->ndim != a->nsp + 1 && x->ndim != a->nsp + 2) {
        wk_rt_err(WK_ERR_RUNTIME, "Expected %dD (unbatched) or %dD (batched) input to conv%dd, but got input of size: %s",
                  a->nsp + 1, a->nsp + 2, a->nsp, wk_nn_shape(s, sizeof s, x));
        return NULL;
    }
    if (x->ndim == a->nsp + 2) return conv_batched(x, w, b, a);
    wk_tensor *xb = wk_op_unsqueeze(x, 0);
    wk_tensor *ob = xb ? conv_batched(xb, w, b, a) : NULL;
    wk_tensor *o = ob ? wk_op_squeeze_dim(ob, 0) : NULL;
    wk_tensor_decref(xb);
    wk_tensor_decref(ob);
    return o;
}

wk_tensor *wk_op_conv2d(wk_tensor *input, wk_tensor *weight, wk_tensor *bias, const int64_t stride[2],
                        wk_pad_mode mode, const int64_t padding[2], const int64_t dilation[2], int64_t groups) {
    conv_args a = {.nsp = 2, .groups = groups, .mode = mode};
    for (int i = 0; i < 2; i++) {
        a.stride[i] = stride[i];
        a.lo[i] = mode == WK_PAD_EXPLICIT ? padding[i] : 0;
        a.dil[i] = dilation[i];
    }
    return conv_entry(input, weight, bias, &a);
}

wk_tensor *wk_op_conv1d(wk_tensor *input, wk_tensor *weight, wk_tensor *bias, int64_t stride,
                        wk_pad_mode mode, int64_t padding, int64_t dilation, int64_t groups) {
    conv_args a = {.nsp = 1, .groups = groups, .mode = mode};
    a.stride[0] = stride;
    a.lo[0] = mode == WK_PAD_EXPLICIT ? padding : 0;
    a.dil[0] = dilation;
    return conv_entry(input, weight, bias, &a);
}
