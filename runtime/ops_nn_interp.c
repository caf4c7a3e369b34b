/* ops_nn_interp.c — upsample_nearest1d/2d and upsample_bilinear2d ops: output sizes, PyTorch's checks, autograd. */
#include <string.h>
#include "autograd_impl.h"
#include "ops_nn.h"
#include "nn_interp.h"

static const char *node_name(const wk_interp_geom *g, int nsp) {
    if (g->bilinear) return "UpsampleBilinear2DBackward1";
    return nsp == 1 ? "UpsampleNearest1DBackward1" : "UpsampleNearest2DBackward1";
}

static void geom_store(wk_node *n, const wk_interp_geom *g, int nsp) {
    n->iv[0] = g->planes; n->iv[1] = g->ih; n->iv[2] = g->iw; n->iv[3] = g->oh; n->iv[4] = g->ow;
    n->iv[5] = g->bilinear; n->iv[6] = g->align_corners; n->iv[7] = nsp;
    n->dv[0] = g->sh; n->dv[1] = g->sw;
}

static void geom_load(const wk_node *n, wk_interp_geom *g) {
    g->planes = n->iv[0]; g->ih = n->iv[1]; g->iw = n->iv[2]; g->oh = n->iv[3]; g->ow = n->iv[4];
    g->bilinear = n->iv[5]; g->align_corners = n->iv[6];
    g->sh = n->dv[0]; g->sw = n->dv[1];
}

static bool bw_upsample(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_interp_geom geom;
    geom_load(n, &geom);
    wk_tensor *go = wk_tensor_contiguous(g[0]);
    wk_tensor *gx = go ? wk_nn_grad_like(n, 0, false) : NULL;
    bool ok = gx && wk_cpu_nn_upsample_backward(gx->dtype, &geom, wk_tensor_data(go), wk_tensor_data(gx));
    if (gx && !ok) { wk_rt_err(WK_ERR_OOM, "out of memory"); wk_tensor_decref(gx); gx = NULL; }
    wk_tensor_decref(go);
    gin[0] = gx;
    return gx != NULL;
}

/* Output sizes from out_size or scales as PyTorch's upsample::compute_output_size. */
static bool out_sizes(const wk_tensor *x, int nsp, int nsize, const int64_t *size, int nscale, const double *scales,
                      int64_t *out) {
    if ((nsize > 0) == (nscale > 0)) return wk_rt_err(WK_ERR_RUNTIME, "Must specify exactly one of output_size and scale_factors");
    if (nsize > 0 && nsize != nsp)
        return wk_rt_err(WK_ERR_RUNTIME, "It is expected output_size equals to %d, but got size %d", nsp, nsize);
    if (nscale > 0 && nscale != nsp)
        return wk_rt_err(WK_ERR_RUNTIME, "It is expected scale_factors equals to %d, but got size %d", nsp, nscale);
    for (int i = 0; i < nsp; i++)
        out[i] = nsize > 0 ? size[i] : (int64_t)((double)x->shape[x->ndim - nsp + i] * scales[i]);
    return true;
}

static bool check_sizes(const wk_tensor *x, int nsp, const int64_t *o) {
    char s[256];
    if (x->ndim != nsp + 2)
        return wk_rt_err(WK_ERR_RUNTIME, "It is expected input_size equals to %d, but got size %d", nsp + 2, x->ndim);
    const int64_t *in = x->shape + 2;
    bool bad = in[0] <= 0 || o[0] <= 0 || (nsp == 2 && (in[1] <= 0 || o[1] <= 0));
    if (bad && nsp == 1)
        return wk_rt_err(WK_ERR_RUNTIME, "Input and output sizes should be greater than 0, but got input (W: %lld) and output (W: %lld)",
                         (long long)in[0], (long long)o[0]);
    if (bad)
        return wk_rt_err(WK_ERR_RUNTIME, "Input and output sizes should be greater than 0, but got input (H: %lld, W: %lld) output (H: %lld, W: %lld)",
                         (long long)in[0], (long long)in[1], (long long)o[0], (long long)o[1]);
    if (x->shape[1] == 0)
        return wk_rt_err(WK_ERR_RUNTIME, "Non-empty %dD data tensor expected but got a tensor with sizes %s", nsp + 2,
                         wk_nn_shape(s, sizeof s, x));
    return true;
}

wk_tensor *wk_op_upsample(wk_tensor *x, int nsize, const int64_t *out_size, int nscale, const double *scales,
                          bool bilinear, bool align_corners) {
    int nsp = x->ndim == 3 && !bilinear ? 1 : 2;
    int64_t o[2];
    if (!out_sizes(x, nsp, nsize, out_size, nscale, scales, o) || !check_sizes(x, nsp, o)) return NULL;
    if (!wk_nn_check_float(x, bilinear ? "compute_indices_weights_linear" : "compute_indices_weights_nearest")) return NULL;
    wk_interp_geom g = {0};
    g.bilinear = bilinear;
    g.align_corners = align_corners;
    g.ih = nsp == 2 ? x->shape[2] : 1;
    g.iw = x->shape[x->ndim - 1];
    g.oh = nsp == 2 ? o[0] : 1;
    g.ow = o[nsp - 1];
    g.planes = x->shape[0] * x->shape[1];
    g.sh = nscale > 0 && nsp == 2 ? scales[0] : 0;
    g.sw = nscale > 0 ? scales[nsp - 1] : 0;
    int64_t shape[4] = {x->shape[0], x->shape[1], o[0], o[1]};
    wk_tensor *xc = wk_tensor_contiguous(x);
    wk_tensor *out = xc ? wk_tensor_empty(x->ndim, shape, x->dtype, WK_CPU) : NULL;
    if (out && !wk_cpu_nn_upsample(x->dtype, &g, wk_tensor_data(xc), wk_tensor_data(out))) {
        wk_rt_err(WK_ERR_OOM, "out of memory");
        wk_tensor_decref(out);
        out = NULL;
    }
    wk_tensor_decref(xc);
    if (!out || !wk_ag_needs(1, &x)) return out;
    wk_node *n = wk_ag_node(node_name(&g, nsp), bw_upsample, 1, &x, 1);
    if (!n) { wk_tensor_decref(out); return NULL; }
    geom_store(n, &g, nsp);
    wk_ag_set_output(n, 0, out);
    wk_node_decref(n);
    return out;
}
