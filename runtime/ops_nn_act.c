/* ops_nn_act.c — table-driven fused activations (gelu-tanh, hardtanh, softplus, elu/celu, hard*, mish, logsigmoid, shrinks), dropout, embedding and linear. */
#include "autograd_impl.h"
#include "ops_nn.h"
#include "rng.h"
#include "cpu_kernels.h"
#include "cpu_vmath.h"
#include <math.h>
#include <string.h>

/* ================================================================== activations */
enum { A_GELU_TANH, A_HARDTANH, A_SOFTPLUS, A_ELU, A_CELU, A_HARDSIGMOID, A_HARDSWISH, A_MISH, A_LOGSIGMOID,
       A_HARDSHRINK, A_SOFTSHRINK, A_COUNT };

#define GELU_K 0.7978845608028654 /* sqrt(2/pi) */

static double sigm(double x) { return 1 / (1 + exp(-x)); }
static double softplus1(double x) { return x > 20 ? x : log1p(exp(x)); }

/* y = f(x; p) (softplus and log_sigmoid have their own loops below) */
static double act_f(int k, double x, const double *p) {
    switch (k) {
    case A_GELU_TANH: return 0.5 * x * (1 + tanh(GELU_K * (x + 0.044715 * x * x * x)));
    case A_HARDTANH: return x < p[0] ? p[0] : x > p[1] ? p[1] : x;
    case A_ELU: return x > 0 ? p[1] * x : p[1] * p[0] * expm1(x * p[2]);
    case A_CELU: return x > 0 ? x : p[0] * expm1(x / p[0]);
    case A_HARDSIGMOID: return x <= -3 ? 0 : x >= 3 ? 1 : x / 6 + 0.5;
    case A_HARDSWISH: return x <= -3 ? 0 : x >= 3 ? x : x * (x + 3) / 6;
    case A_MISH: return x * tanh(softplus1(x));
    case A_HARDSHRINK: return x >= -p[0] && x <= p[0] ? 0 : x;
    default: return x > p[0] ? x - p[0] : x < -p[0] ? x + p[0] : 0;
    }
}

/* dy/dx */
static double act_df(int k, double x, const double *p) {
    switch (k) {
    case A_GELU_TANH: {
        double t = tanh(GELU_K * (x + 0.044715 * x * x * x));
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_K * (1 + 3 * 0.044715 * x * x);
    }
    case A_HARDTANH: return x > p[0] && x < p[1] ? 1 : 0;
    case A_ELU: return x > 0 ? p[1] : p[1] * p[0] * p[2] * exp(x * p[2]);
    case A_CELU: return x > 0 ? 1 : exp(x / p[0]);
    case A_HARDSIGMOID: return x > -3 && x < 3 ? 1.0 / 6 : 0;
    case A_HARDSWISH: return x < -3 ? 0 : x <= 3 ? x / 3 + 0.5 : 1;
    case A_MISH: {
        double t = tanh(softplus1(x));
        return t + x * sigm(x) * (1 - t * t);
    }
    case A_HARDSHRINK: return x >= -p[0] && x <= p[0] ? 0 : 1;
    default: return x > p[0] || x < -p[0] ? 1 : 0;
    }
}

static const char *const g_act_names[A_COUNT] = {
    "GeluBackward0", "HardtanhBackward0", "SoftplusBackward0", "EluBackward0", "CeluBackward0",
    "HardsigmoidBackward0", "HardswishBackward0", "MishBackward0", "LogSigmoidBackward0",
    "HardshrinkBackward0", "SoftshrinkBackward0"};

/* o[i] = f(a[i]) for SLEEF's exp and log1p: the vector routine's whole vectors, then the scalar one
 * (same bits); o may be a. */
#define VMAP(NAME, T, VN, V1) \
    static void NAME(T *o, const T *a, int64_t n) { for (int64_t i = VN(o, a, n); i < n; i++) o[i] = V1(a[i]); }
VMAP(map_expf, float, wk_vm_expf_n, wk_vm_expf)
VMAP(map_log1pf, float, wk_vm_log1pf_n, wk_vm_log1pf)
VMAP(map_exp, double, wk_vm_exp_n, wk_vm_exp)
VMAP(map_log1p, double, wk_vm_log1p_n, wk_vm_log1p)

/* softplus in the input's dtype as PyTorch's kernels: forward (g NULL) x*beta > threshold ? x :
 * log1p(exp(x*beta)) / beta, backward z = exp(x*beta), x*beta > threshold ? g : g*z / (z+1); the
 * SIMD blocks of a dense row (16 floats, 8 doubles) with SLEEF's exp/log1p, the rest with libm. */
#define SOFTPLUS_LOOP(NAME, T, VSP, MEXP, MLOG1P, EXP, LOG1P, BLOCK)                              \
    static void NAME(T *o, const T *x, const T *g, int64_t n, const double *p, bool simd) {       \
        const T beta = (T)p[0], thr = (T)p[1];                                                     \
        int64_t vend = simd ? n - n % (BLOCK) : 0, k = VSP(o, x, g, vend, beta, thr), i;           \
        for (i = k; i < vend; i++) o[i] = x[i] * beta;                                             \
        MEXP(o + k, o + k, vend - k);                                                              \
        if (!g) MLOG1P(o + k, o + k, vend - k);                                                    \
        for (i = k; i < n; i++) {                                                                  \
            T z = x[i] * beta, e = i < vend ? o[i] : g ? EXP(z) : LOG1P(EXP(z));                   \
            if (g) o[i] = z > thr ? g[i] : g[i] * e / (e + 1);                                     \
            else o[i] = z > thr ? x[i] : e / beta;                                                 \
        }                                                                                          \
    }
static int64_t no_vec_softplus(double *o, const double *x, const double *g, int64_t n, double beta, double thr) {
    (void)o; (void)x; (void)g; (void)n; (void)beta; (void)thr;
    return 0;
}
SOFTPLUS_LOOP(softplus_f32, float, wk_vm_softplusf_n, map_expf, map_log1pf, expf, log1pf, WK_VM_VEC_BLOCK)
SOFTPLUS_LOOP(softplus_f64, double, no_vec_softplus, map_exp, map_log1p, exp, log1p, WK_VM_VEC_BLOCK / 2)

/* log_sigmoid as PyTorch's kernel (all vectorised, the tail by partial loads): buffer
 * b = exp(-|x|), y = min(x, 0) - log1p(b) (NaN x gives NaN; min(-0, 0) is +0 there, the same y);
 * backward from x, b and g: (m - (2m - 1) * b/(1+b)) * g with m = (x < 0). Written without
 * branches (random signs would mispredict). */
#define LOGSIG_LOOPS(FWD, BWD, T, FABS, MEXP, MLOG1P, VFWD, VBWD)                                 \
    static void FWD(T *o, T *b, const T *x, int64_t n) {                                          \
        int64_t k = VFWD(o, b, x, n);                                                              \
        o += k, b += k, x += k, n -= k;                                                            \
        for (int64_t i = 0; i < n; i++) b[i] = -FABS(x[i]);                                        \
        MEXP(b, b, n);                                                                             \
        MLOG1P(o, b, n);                                                                           \
        for (int64_t i = 0; i < n; i++) o[i] = (0 < x[i] ? 0 : x[i]) - o[i];                       \
    }                                                                                              \
    static void BWD(T *o, const T *x, const T *b, const T *g, int64_t n) {                        \
        for (int64_t i = VBWD(o, x, b, g, n); i < n; i++) {                                        \
            T m = (T)(x[i] < 0), q = b[i] / (1 + b[i]);                                            \
            o[i] = (m - (2 * m - 1) * q) * g[i];                                                   \
        }                                                                                          \
    }
LOGSIG_LOOPS(logsig_f32, logsig_bw_f32, float, fabsf, map_expf, map_log1pf, wk_vm_logsigmoidf_n, wk_vm_logsigmoidf_bw_n)
LOGSIG_LOOPS(logsig_f64, logsig_bw_f64, double, fabs, map_exp, map_log1p, wk_vm_logsigmoid_n, wk_vm_logsigmoid_bw_n)

/* out[i] = f(x[i]) (deriv false) or g[i] * f'(x[i]) (deriv true); all contiguous, same dtype. dense:
 * the caller's input had no gaps (PyTorch's kernels vectorise only then). */
static void act_loop(int k, const double *p, const wk_tensor *x, const wk_tensor *g, wk_tensor *out, bool deriv,
                     bool dense) {
    bool f64 = x->dtype == WK_DT_F64;
    const void *px = wk_tensor_data(x), *pg = g ? wk_tensor_data(g) : NULL;
    void *po = wk_tensor_data(out);
    if (k == A_GELU_TANH && !deriv && x->dtype == WK_DT_F32) {  /* PyTorch's float32 kernel, bit for bit */
        wk_cpu_gelu_tanh_f32(po, px, wk_tensor_numel(x), dense);
        return;
    }
    if (k == A_SOFTPLUS) {
        if (f64) softplus_f64(po, px, pg, wk_tensor_numel(x), p, dense);
        else softplus_f32(po, px, pg, wk_tensor_numel(x), p, dense);
        return;
    }
    for (int64_t i = 0, n = wk_tensor_numel(x); i < n; i++) {
        double v = wk_nn_ld(px, i, f64);
        wk_nn_st(po, i, deriv ? wk_nn_ld(pg, i, f64) * act_df(k, v, p) : act_f(k, v, p), f64);
    }
}

static bool bw_act(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_tensor *x = wk_ag_saved(n, 0);
    if (!x) return false;
    if (n->iv[0] == A_GELU_TANH) {  /* PyTorch's formula in one fused pass (x saved in its own layout) */
        bool done = false;
        gin[0] = wk_cpu_act_grad(WK_ABW_GELU_TANH, g[0], x, 0, &done);
        if (done) return gin[0] != NULL;
    }
    wk_tensor *buf = n->iv[0] == A_LOGSIGMOID ? wk_ag_saved(n, 1) : NULL;
    if (n->iv[0] == A_LOGSIGMOID && !buf) return false;
    wk_tensor *go = wk_tensor_contiguous(g[0]), *xc = go ? wk_tensor_contiguous(x) : NULL;
    wk_tensor *r = xc ? wk_tensor_empty(x->ndim, x->shape, x->dtype, WK_CPU) : NULL;
    if (r && buf) {
        const void *pb = wk_tensor_data(buf), *px = wk_tensor_data(xc), *pg = wk_tensor_data(go);
        if (x->dtype == WK_DT_F64) logsig_bw_f64(wk_tensor_data(r), px, pb, pg, wk_tensor_numel(x));
        else logsig_bw_f32(wk_tensor_data(r), px, pb, pg, wk_tensor_numel(x));
    } else if (r) {
        act_loop((int)n->iv[0], n->dv, xc, go, r, true, n->iv[1] != 0);
    }
    wk_tensor_decref(go);
    wk_tensor_decref(xc);
    gin[0] = r;
    return r != NULL;
}

static wk_tensor *activation(int k, wk_tensor *a, double p0, double p1, double p2) {
    const double p[3] = {p0, p1, p2};
    if (!wk_nn_check_float(a, g_act_names[k])) return NULL;
    wk_tensor *x = wk_tensor_contiguous(a);
    wk_tensor *out = x ? wk_tensor_empty(a->ndim, a->shape, a->dtype, WK_CPU) : NULL;
    wk_tensor *buf = out && k == A_LOGSIGMOID ? wk_tensor_empty(a->ndim, a->shape, a->dtype, WK_CPU) : NULL;
    if (buf && a->dtype == WK_DT_F64) logsig_f64(wk_tensor_data(out), wk_tensor_data(buf), wk_tensor_data(x), wk_tensor_numel(a));
    else if (buf) logsig_f32(wk_tensor_data(out), wk_tensor_data(buf), wk_tensor_data(x), wk_tensor_numel(a));
    else if (out && k == A_LOGSIGMOID) { wk_tensor_decref(out); out = NULL; }
    else if (out) act_loop(k, p, x, NULL, out, false, wk_tensor_is_dense(a));
    if (out && wk_ag_needs(1, &a)) {
        wk_node *n = wk_ag_node(g_act_names[k], bw_act, 1, &a, 1);
        if (n) {
            n->iv[0] = k;
            n->iv[1] = wk_tensor_is_dense(a);
            memcpy(n->dv, p, sizeof p);
            wk_ag_set_output(n, 0, out);
            wk_ag_save(n, k == A_GELU_TANH ? a : x);
            if (buf) wk_ag_save(n, buf);
            wk_node_decref(n);
        } else { wk_tensor_decref(out); out = NULL; }
    }
    wk_tensor_decref(buf);
    wk_tensor_decref(x);
    return out;
}

wk_tensor *wk_op_gelu(wk_tensor *a, const char *approximate) {
    if (!approximate || !strcmp(approximate, "none")) return wk_op_unary(WK_UOP_GELU, a);
    if (!strcmp(approximate, "tanh")) return activation(A_GELU_TANH, a, 0, 0, 0);
    wk_rt_err(WK_ERR_RUNTIME, "approximate argument must be either none or tanh.");
    return NULL;
}

wk_tensor *wk_op_hardtanh(wk_tensor *a, double min_val, double max_val) {
    if (min_val > max_val) { wk_rt_err(WK_ERR_VALUE, "min_val cannot be greater than max_val"); return NULL; }
    return activation(A_HARDTANH, a, min_val, max_val, 0);
}
wk_tensor *wk_op_softplus_nn(wk_tensor *a, double beta, double threshold) { return activation(A_SOFTPLUS, a, beta, threshold, 0); }
wk_tensor *wk_op_elu_nn(wk_tensor *a, double alpha, double scale, double input_scale) { return activation(A_ELU, a, alpha, scale, input_scale); }
wk_tensor *wk_op_celu(wk_tensor *a, double alpha) {
    if (alpha == 0) { wk_rt_err(WK_ERR_RUNTIME, "ZeroDivisionError"); return NULL; }
    return activation(A_CELU, a, alpha, 0, 0);
}
wk_tensor *wk_op_hardsigmoid(wk_tensor *a) { return activation(A_HARDSIGMOID, a, 0, 0, 0); }
wk_tensor *wk_op_hardswish(wk_tensor *a) { return activation(A_HARDSWISH, a, 0, 0, 0); }
wk_tensor *wk_op_mish(wk_tensor *a) { return activation(A_MISH, a, 0, 0, 0); }
wk_tensor *wk_op_logsigmoid(wk_tensor *a) { return activation(A_LOGSIGMOID, a, 0, 0, 0); }
wk_tensor *wk_op_hardshrink(wk_tensor *a, double lambd) { return activation(A_HARDSHRINK, a, lambd, 0, 0); }
wk_tensor *wk_op_softshrink(wk_tensor *a, double lambd) {
    if (lambd < 0) { wk_rt_err(WK_ERR_RUNTIME, "lambda must be greater or equal to 0, but found to be %g.", lambd); return NULL; }
    return activation(A_SOFTSHRINK, a, lambd, 0, 0);
}

/* ================================================================== dropout */
/* x * mask, mask of shape mshape: bernoulli(1-p) (uniform64 draws in memory order) scaled by
 * 1/(1-p) computed in x's dtype, as PyTorch's CPU dropout. */
static wk_tensor *masked_dropout(wk_tensor *x, double p, bool train, int nd, const int64_t *mshape) {
    if (!(p >= 0 && p <= 1)) { wk_rt_err(WK_ERR_VALUE, "dropout probability has to be between 0 and 1, but got %g", p); return NULL; }
    if (!train || p == 0 || wk_tensor_numel(x) == 0) return wk_tensor_incref(x);
    if (!wk_nn_check_float(x, "bernoulli_")) return NULL;
    wk_tensor *noise = wk_tensor_zeros(p == 1 ? 0 : nd, mshape, x->dtype, WK_CPU);
    if (!noise) return NULL;
    if (p < 1) {
        bool f64 = x->dtype == WK_DT_F64;
        double scale = f64 ? 1.0 / (1.0 - p) : (double)(1.0f / (float)(1.0 - p));
        if (!wk_rng_bernoulli_(noise, 1.0 - p, NULL)) { wk_tensor_decref(noise); return NULL; }
        void *pn = wk_tensor_data(noise);
        for (int64_t i = 0, n = wk_tensor_numel(noise); i < n; i++) wk_nn_st(pn, i, wk_nn_ld(pn, i, f64) * scale, f64);
    }
    wk_tensor *out = wk_op_binary(WK_OP_MUL, wk_vt(x), wk_vt(noise));
    wk_tensor_decref(noise);
    return out;
}

wk_tensor *wk_op_dropout(wk_tensor *input, double p, bool train) {
    return masked_dropout(input, p, train, input->ndim, input->shape);
}

wk_tensor *wk_op_feature_dropout(wk_tensor *input, double p, bool train) {
    int64_t shape[WK_MAX_DIMS];
    for (int d = 0; d < input->ndim; d++) shape[d] = d < 2 ? input->shape[d] : 1;
    return masked_dropout(input, p, train, input->ndim, shape);
}

/* ================================================================== embedding */
static bool bw_embedding(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_tensor *idx = wk_ag_saved(n, 0);
    if (!idx) return false;
    wk_tensor *go = wk_tensor_contiguous(g[0]), *gw = go ? wk_nn_grad_like(n, 0, true) : NULL;
    if (gw) {
        wk_cpu_nn_embedding_backward(wk_tensor_data(idx), wk_tensor_numel(idx), n->iv[0], wk_tensor_data(go),
                                     n->in[0].shape[1], wk_tensor_data(gw), gw->dtype == WK_DT_F64);
    }
    wk_tensor_decref(go);
    gin[0] = gw;
    return gw != NULL;
}

static bool embedding_checks(wk_tensor *indices, wk_tensor *weight, bool has_padding, int64_t padding_idx, int64_t *pad) {
    if (indices->dtype != WK_DT_I64 && indices->dtype != WK_DT_I32) {
        static const char *legacy[WK_NDTYPES] = {"Bool", "Byte", "Char", "Short", "Int", "Long", "Half", "BFloat16", "Float", "Double"};
        return wk_rt_err(WK_ERR_RUNTIME, "Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.%sTensor instead (while checking arguments for embedding)",
                         legacy[indices->dtype]);
    }
    if (weight->ndim != 2) return wk_rt_err(WK_ERR_RUNTIME, "'weight' must be 2-D");
    int64_t V = weight->shape[0];
    *pad = -1;
    if (has_padding) {
        if (padding_idx >= V) return wk_rt_err(WK_ERR_ASSERTION, "Padding_idx must be within num_embeddings");
        if (padding_idx < -V) return wk_rt_err(WK_ERR_ASSERTION, "Padding_idx must be within num_embeddings");
        *pad = padding_idx < 0 ? padding_idx + V : padding_idx;
    }
    wk_tensor *const ts[2] = {indices, weight};
    return wk_ops_same_device(2, ts) && wk_nn_check_float(weight, "embedding");
}

wk_tensor *wk_op_embedding(wk_tensor *indices, wk_tensor *weight, bool has_padding, int64_t padding_idx) {
    int64_t pad;
    if (!embedding_checks(indices, weight, has_padding, padding_idx, &pad)) return NULL;
    int64_t V = weight->shape[0], D = weight->shape[1], shape[WK_MAX_DIMS + 1];
    if (indices->ndim >= WK_MAX_DIMS) { wk_rt_err(WK_ERR_RUNTIME, "too many dimensions"); return NULL; }
    wk_tensor *ix = wk_tensor_to_dtype(indices, WK_DT_I64, false), *ixc = ix ? wk_tensor_contiguous(ix) : NULL;
    wk_tensor_decref(ix);
    wk_tensor *wc = ixc ? wk_tensor_contiguous(weight) : NULL;
    memcpy(shape, indices->shape, sizeof(int64_t) * (size_t)indices->ndim);
    shape[indices->ndim] = D;
    wk_tensor *out = wc ? wk_tensor_empty(indices->ndim + 1, shape, weight->dtype, WK_CPU) : NULL;
    size_t row = (size_t)D * wk_tensor_elsize(weight);
    const int64_t *p = ixc ? wk_tensor_data(ixc) : NULL;
    for (int64_t i = 0, m = wk_tensor_numel(indices); out && i < m; i++) {
        if (p[i] < 0 || p[i] >= V) {
            wk_rt_err(WK_ERR_INDEX, "index out of range in self");
            wk_tensor_decref(out);
            out = NULL;
            break;
        }
        memcpy((char *)wk_tensor_data(out) + (size_t)i * row, (char *)wk_tensor_data(wc) + (size_t)p[i] * row, row);
    }
    if (out && wk_ag_needs(1, &weight)) {
        wk_node *n = wk_ag_node("EmbeddingBackward0", bw_embedding, 1, &weight, 1);
        if (n) {
            n->iv[0] = pad;
            wk_ag_set_output(n, 0, out);
            wk_ag_save(n, ixc);
            wk_node_decref(n);
        } else { wk_tensor_decref(out); out = NULL; }
    }
    wk_tensor_decref(ixc);
    wk_tensor_decref(wc);
    return out;
}

/* ================================================================== linear */
static const char *dname(wk_dtype dt) { return wk_dtype_scalar_name(dt); }

wk_tensor *wk_op_linear(wk_tensor *input, wk_tensor *weight, wk_tensor *bias) {
    if (input->dtype != weight->dtype && wk_dtype_is_float(input->dtype)) {
        wk_rt_err(WK_ERR_RUNTIME, "mat1 and mat2 must have the same dtype, but got %s and %s", dname(input->dtype), dname(weight->dtype));
        return NULL;
    }
    wk_tensor *wt = wk_op_t(weight);
    if (!wt) return NULL;
    wk_tensor *out = NULL;
    if (input->ndim == 2) {
        out = bias ? wk_op_addmm(bias, input, wt, wk_scalar_int(1), wk_scalar_int(1)) : wk_op_mm(input, wt);
    } else if (input->ndim == 3 && bias && wk_tensor_is_contiguous(input)) {
        int64_t flat[2] = {input->shape[0] * input->shape[1], input->shape[2]};
        wk_tensor *x2 = wk_op_view(input, 2, flat);
        wk_tensor *o2 = x2 ? wk_op_addmm(bias, x2, wt, wk_scalar_int(1), wk_scalar_int(1)) : NULL;
        int64_t shape[3] = {input->shape[0], input->shape[1], o2 ? o2->shape[1] : 0};
        out = o2 ? wk_op_view(o2, 3, shape) : NULL;
        wk_tensor_decref(x2);
        wk_tensor_decref(o2);
    } else {
        wk_tensor *m = wk_op_matmul(input, wt);
        out = m && bias ? wk_op_add(wk_vt(m), wk_vt(bias), wk_scalar_int(1)) : (m ? wk_tensor_incref(m) : NULL);
        wk_tensor_decref(m);
    }
    wk_tensor_decref(wt);
    return out;
}
