/* ops_nn_pool.c — max_pool2d / avg_pool2d / adaptive_avg_pool2d ops: output-size rules, checks and derivatives. */
#include "autograd_impl.h"
#include "ops_nn.h"
#include <string.h>

_Static_assert(sizeof(wk_pool_geom) <= sizeof(((wk_node *)0)->iv), "pool geometry must fit the node");

enum { P_MAX, P_AVG, P_ADAPTIVE };

static int64_t div_floor(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

/* PyTorch's pooling_output_shape. */
static int64_t out_size(int64_t in, int64_t k, int64_t p, int64_t s, int64_t d, bool ceil_mode) {
    int64_t o = div_floor(in + 2 * p - d * (k - 1) - 1 + (ceil_mode ? s - 1 : 0), s) + 1;
    if (ceil_mode && (o - 1) * s >= in + p) o--;
    return o;
}

static bool check_input(const wk_tensor *x) {
    if ((x->ndim != 3 && x->ndim != 4) || wk_tensor_numel(x) == 0)
        return wk_rt_err(WK_ERR_RUNTIME, "non-empty 3D or 4D (batch mode) tensor expected for input");
    return true;
}

/* Fills g for a fixed-window pool; checks as PyTorch's pool2d_shape_check. */
static bool fixed_geom(wk_pool_geom *g, const wk_tensor *x, const int64_t k[2], const int64_t *stride,
                       const int64_t pad[2], const int64_t dil[2], bool ceil_mode) {
    memset(g, 0, sizeof *g);
    int64_t s[2] = {stride ? stride[0] : k[0], stride ? stride[1] : k[1]};
    if (k[0] <= 0 || k[1] <= 0)
        return wk_rt_err(WK_ERR_RUNTIME, "kernel size should be greater than zero, but got kH: %lld kW: %lld", (long long)k[0], (long long)k[1]);
    if (s[0] == 0 || s[1] == 0) return wk_rt_err(WK_ERR_RUNTIME, "stride should not be zero");
    if (s[0] < 0 || s[1] < 0)
        return wk_rt_err(WK_ERR_RUNTIME, "stride should be greater than zero, but got dH: %lld dW: %lld", (long long)s[0], (long long)s[1]);
    if (dil[0] <= 0 || dil[1] <= 0)
        return wk_rt_err(WK_ERR_RUNTIME, "dilation should be greater than zero, but got dilationH: %lld dilationW: %lld",
                         (long long)dil[0], (long long)dil[1]);
    if (!check_input(x)) return false;
    for (int i = 0; i < 2; i++)
        if (pad[i] < 0 || pad[i] > k[i] / 2)
            return wk_rt_err(WK_ERR_RUNTIME, "pad should be at most half of kernel size, but got pad=%lld and kernel_size=%lld",
                             (long long)pad[i], (long long)k[i]);
    int64_t C = x->shape[x->ndim - 3];
    g->h = x->shape[x->ndim - 2];
    g->w = x->shape[x->ndim - 1];
    g->planes = wk_tensor_numel(x) / (g->h * g->w);
    g->kh = k[0]; g->kw = k[1]; g->sh = s[0]; g->sw = s[1];
    g->ph = pad[0]; g->pw = pad[1]; g->dh = dil[0]; g->dw = dil[1];
    g->oh = out_size(g->h, k[0], pad[0], s[0], dil[0], ceil_mode);
    g->ow = out_size(g->w, k[1], pad[1], s[1], dil[1], ceil_mode);
    if (g->oh < 1 || g->ow < 1)
        return wk_rt_err(WK_ERR_RUNTIME, "Given input size: (%lldx%lldx%lld). Calculated output size: (%lldx%lldx%lld). Output size is too small",
                         (long long)C, (long long)g->h, (long long)g->w, (long long)C, (long long)g->oh, (long long)g->ow);
    return true;
}

static wk_tensor *pooled_like(const wk_tensor *x, const wk_pool_geom *g, wk_dtype dt) {
    int64_t shape[4];
    memcpy(shape, x->shape, sizeof(int64_t) * (size_t)x->ndim);
    shape[x->ndim - 2] = g->oh;
    shape[x->ndim - 1] = g->ow;
    return wk_tensor_empty(x->ndim, shape, dt, WK_CPU);
}

/* ------------------------------------------------------------------ backward (one function, kind in iv) */
static bool bw_pool(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_pool_geom geom;
    memcpy(&geom, n->iv, sizeof geom);
    int kind = (int)n->dv[0];
    wk_tensor *idx = kind == P_MAX ? wk_ag_saved(n, 0) : NULL;
    if (kind == P_MAX && !idx) return false;
    wk_tensor *go = wk_tensor_contiguous(g[0]);
    wk_tensor *gx = go ? wk_nn_grad_like(n, 0, false) : NULL;
    if (gx) {
        wk_dtype dt = gx->dtype;
        void *pg = wk_tensor_data(go), *px = wk_tensor_data(gx);
        if (kind == P_MAX) wk_cpu_nn_max_pool2d_backward(dt, &geom, pg, wk_tensor_data(idx), px);
        else if (kind == P_AVG) wk_cpu_nn_avg_pool2d_backward(dt, &geom, pg, px);
        else wk_cpu_nn_adaptive_avg_pool2d_backward(dt, &geom, pg, px);
    }
    wk_tensor_decref(go);
    gin[0] = gx;
    return gx != NULL;
}

static wk_tensor *record(wk_tensor *out, wk_tensor *x, const wk_pool_geom *g, int kind, wk_tensor *idx) {
    static const char *names[] = {"MaxPool2DWithIndicesBackward0", "AvgPool2DBackward0", "AdaptiveAvgPool2DBackward0"};
    if (!out || !wk_ag_needs(1, &x)) return out;
    wk_node *n = wk_ag_node(names[kind], bw_pool, 1, &x, 1);
    if (!n) { wk_tensor_decref(out); return NULL; }
    memcpy(n->iv, g, sizeof *g);
    n->dv[0] = kind;
    wk_ag_set_output(n, 0, out);
    if (idx) wk_ag_save(n, idx);
    wk_node_decref(n);
    return out;
}

/* Runs kernel kind on x (checked) into a new output; indices for max. */
static wk_tensor *pool_run(wk_tensor *x, const wk_pool_geom *g, int kind, wk_tensor **indices) {
    if (!wk_nn_check_float(x, kind == P_MAX ? "max_pool2d" : kind == P_AVG ? "avg_pool2d" : "adaptive_avg_pool2d_cpu"))
        return NULL;
    wk_tensor *xc = wk_tensor_contiguous(x);
    wk_tensor *out = xc ? pooled_like(x, g, x->dtype) : NULL;
    wk_tensor *idx = out && kind == P_MAX ? pooled_like(x, g, WK_DT_I64) : NULL;
    if (!out || (kind == P_MAX && !idx)) {
        wk_tensor_decref(xc); wk_tensor_decref(out);
        return NULL;
    }
    void *px = wk_tensor_data(xc), *po = wk_tensor_data(out);
    if (kind == P_MAX) wk_cpu_nn_max_pool2d(x->dtype, g, px, po, wk_tensor_data(idx));
    else if (kind == P_AVG) wk_cpu_nn_avg_pool2d(x->dtype, g, px, po);
    else wk_cpu_nn_adaptive_avg_pool2d(x->dtype, g, px, po);
    wk_tensor_decref(xc);
    out = record(out, x, g, kind, idx);
    if (indices && out) *indices = idx;
    else wk_tensor_decref(idx);
    return out;
}

wk_tensor *wk_op_max_pool2d(wk_tensor *input, const int64_t kernel[2], const int64_t *stride,
                            const int64_t padding[2], const int64_t dilation[2], bool ceil_mode,
                            wk_tensor **indices) {
    wk_pool_geom g;
    if (!fixed_geom(&g, input, kernel, stride, padding, dilation, ceil_mode)) return NULL;
    return pool_run(input, &g, P_MAX, indices);
}

wk_tensor *wk_op_avg_pool2d(wk_tensor *input, const int64_t kernel[2], const int64_t *stride,
                            const int64_t padding[2], bool ceil_mode, bool count_include_pad,
                            int64_t divisor_override) {
    static const int64_t one[2] = {1, 1};
    wk_pool_geom g;
    if (!fixed_geom(&g, input, kernel, stride, padding, one, ceil_mode)) return NULL;
    g.count_include_pad = count_include_pad;
    g.divisor = divisor_override > 0 ? divisor_override : 0;
    return pool_run(input, &g, P_AVG, NULL);
}

wk_tensor *wk_op_adaptive_avg_pool2d(wk_tensor *input, const int64_t output_size[2]) {
    char s[256];
    if ((input->ndim != 3 && input->ndim != 4)) {
        wk_rt_err(WK_ERR_RUNTIME, "adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got %s", wk_nn_shape(s, sizeof s, input));
        return NULL;
    }
    for (int d = input->ndim - 3; d < input->ndim; d++)
        if (input->shape[d] == 0) {
            wk_rt_err(WK_ERR_RUNTIME, "adaptive_avg_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes %s with dimension %d being empty",
                      wk_nn_shape(s, sizeof s, input), d);
            return NULL;
        }
    wk_pool_geom g = {0};
    g.h = input->shape[input->ndim - 2];
    g.w = input->shape[input->ndim - 1];
    g.oh = output_size[0] > 0 ? output_size[0] : g.h;
    g.ow = output_size[1] > 0 ? output_size[1] : g.w;
    g.planes = wk_tensor_numel(input) / (g.h * g.w);
    if (g.oh == 1 && g.ow == 1) {
        static const int64_t last2[2] = {-1, -2};
        return wk_op_mean(input, last2, 2, true, WK_NO_DTYPE);
    }
    return pool_run(input, &g, P_ADAPTIVE, NULL);
}
