/* ops_nn.h — fused neural-network ops (torch.nn.functional): convolution, pooling, normalisation, dropout, embedding, losses, activations, LSTM/GRU. */
#ifndef WK_OPS_NN_H
#define WK_OPS_NN_H
#include "autograd.h"
#include "ops.h"

/* Conventions are those of ops.h: new references (NULL + pending error), arguments never stolen,
 * autograd recorded with PyTorch's grad_fn names. Optional tensors (bias, weight, running stats)
 * are NULL when not given. Kernels run on CPU tensors of float32/float64. */

/* ------------------------------------------------------------------ convolution */
typedef enum wk_pad_mode { WK_PAD_EXPLICIT, WK_PAD_SAME, WK_PAD_VALID } wk_pad_mode;

/* F.conv2d. input (N, C, H, W) or unbatched (C, H, W); weight (O, C/groups, kh, kw); bias (O) or
 * NULL. stride/padding/dilation are (h, w) pairs; padding is used with WK_PAD_EXPLICIT only.
 * -> ConvolutionBackward0 (SqueezeBackward1 for unbatched input, like PyTorch). */
wk_tensor *wk_op_conv2d(wk_tensor *input, wk_tensor *weight, wk_tensor *bias, const int64_t stride[2],
                        wk_pad_mode mode, const int64_t padding[2], const int64_t dilation[2], int64_t groups);
/* F.conv1d: input (N, C, L) or (C, L); weight (O, C/groups, k). */
wk_tensor *wk_op_conv1d(wk_tensor *input, wk_tensor *weight, wk_tensor *bias, int64_t stride,
                        wk_pad_mode mode, int64_t padding, int64_t dilation, int64_t groups);

/* ------------------------------------------------------------------ pooling */
/* F.max_pool2d: kernel/stride/padding/dilation are (h, w); stride NULL = kernel. *indices (when
 * not NULL) receives the int64 flat positions within each input plane (return_indices=True).
 * -> MaxPool2DWithIndicesBackward0. */
wk_tensor *wk_op_max_pool2d(wk_tensor *input, const int64_t kernel[2], const int64_t *stride,
                            const int64_t padding[2], const int64_t dilation[2], bool ceil_mode,
                            wk_tensor **indices);
/* F.avg_pool2d (divisor_override <= 0: none). -> AvgPool2DBackward0. */
wk_tensor *wk_op_avg_pool2d(wk_tensor *input, const int64_t kernel[2], const int64_t *stride,
                            const int64_t padding[2], bool ceil_mode, bool count_include_pad,
                            int64_t divisor_override);
/* F.adaptive_avg_pool2d; an output size <= 0 keeps the input size (None). (1, 1) is a mean over
 * the last two dims (MeanBackward1), else AdaptiveAvgPool2DBackward0. */
wk_tensor *wk_op_adaptive_avg_pool2d(wk_tensor *input, const int64_t output_size[2]);

/* ------------------------------------------------------------------ normalisation */
/* F.batch_norm: input (N, C, *). In training (or without running stats) batch statistics are
 * used and running_mean/var (when given) are updated in place with momentum, the variance
 * unbiased. -> NativeBatchNormBackward0. */
wk_tensor *wk_op_batch_norm(wk_tensor *input, wk_tensor *running_mean, wk_tensor *running_var,
                            wk_tensor *weight, wk_tensor *bias, bool training, double momentum, double eps);
/* F.layer_norm over the last n dims (normalized_shape). -> NativeLayerNormBackward0. */
wk_tensor *wk_op_layer_norm(wk_tensor *input, int n, const int64_t *normalized_shape,
                            wk_tensor *weight, wk_tensor *bias, double eps);

/* ------------------------------------------------------------------ dropout, embedding, linear */
/* F.dropout: bernoulli(1-p) mask from the default CPU generator in PyTorch's order, scaled by
 * 1/(1-p); x itself when !train or p == 0. -> MulBackward0 (as PyTorch on CPU).
 * ValueError "dropout probability has to be between 0 and 1, but got 1.5". */
wk_tensor *wk_op_dropout(wk_tensor *input, double p, bool train);
/* F.dropout2d / feature dropout: one mask value per (N, C) channel. */
wk_tensor *wk_op_feature_dropout(wk_tensor *input, double p, bool train);
/* F.embedding: int64/int32 indices of any shape -> (*indices.shape, D). padding_idx (negative
 * counts from the end) is used when has_padding; that row gets no gradient. -> EmbeddingBackward0. */
wk_tensor *wk_op_embedding(wk_tensor *indices, wk_tensor *weight, bool has_padding, int64_t padding_idx);
/* F.linear: addmm for 2-D input with bias (AddmmBackward0), mm without (MmBackward0), else
 * matmul (+ bias). */
wk_tensor *wk_op_linear(wk_tensor *input, wk_tensor *weight, wk_tensor *bias);

/* ------------------------------------------------------------------ losses */
typedef enum wk_reduction { WK_REDUCTION_NONE, WK_REDUCTION_MEAN, WK_REDUCTION_SUM } wk_reduction;
/* "none" / "mean" / "sum" (ValueError "'foo' is not a valid value for reduction"). */
bool wk_reduction_parse(const char *s, wk_reduction *out);

/* F.nll_loss: input (N, C), (C) or (N, C, d1, ...); int64 target. -> NllLossBackward0
 * (NllLoss2DBackward0 for >= 3-D input). */
wk_tensor *wk_op_nll_loss(wk_tensor *input, wk_tensor *target, wk_tensor *weight, wk_reduction red,
                          int64_t ignore_index);
/* F.cross_entropy: class-index target (int64) or class probabilities (float, input's shape). */
wk_tensor *wk_op_cross_entropy(wk_tensor *input, wk_tensor *target, wk_tensor *weight, wk_reduction red,
                               int64_t ignore_index, double label_smoothing);
wk_tensor *wk_op_mse_loss(wk_tensor *input, wk_tensor *target, wk_reduction red);       /* MseLossBackward0 */
wk_tensor *wk_op_l1_loss(wk_tensor *input, wk_tensor *target, wk_reduction red);        /* composite, as PyTorch */
wk_tensor *wk_op_smooth_l1_loss(wk_tensor *input, wk_tensor *target, wk_reduction red, double beta);
wk_tensor *wk_op_huber_loss(wk_tensor *input, wk_tensor *target, wk_reduction red, double delta);
wk_tensor *wk_op_binary_cross_entropy(wk_tensor *input, wk_tensor *target, wk_tensor *weight, wk_reduction red);
wk_tensor *wk_op_binary_cross_entropy_with_logits(wk_tensor *input, wk_tensor *target, wk_tensor *weight,
                                                  wk_tensor *pos_weight, wk_reduction red);

/* ------------------------------------------------------------------ activations */
/* approximate: "none" or "tanh". -> GeluBackward0. */
wk_tensor *wk_op_gelu(wk_tensor *a, const char *approximate);
wk_tensor *wk_op_hardtanh(wk_tensor *a, double min_val, double max_val);    /* HardtanhBackward0 (relu6 too) */
wk_tensor *wk_op_softplus_nn(wk_tensor *a, double beta, double threshold);  /* SoftplusBackward0 */
wk_tensor *wk_op_elu_nn(wk_tensor *a, double alpha, double scale, double input_scale); /* EluBackward0 (selu) */
wk_tensor *wk_op_celu(wk_tensor *a, double alpha);                          /* CeluBackward0 */
wk_tensor *wk_op_hardsigmoid(wk_tensor *a);
wk_tensor *wk_op_hardswish(wk_tensor *a);
wk_tensor *wk_op_mish(wk_tensor *a);
wk_tensor *wk_op_logsigmoid(wk_tensor *a);
wk_tensor *wk_op_hardshrink(wk_tensor *a, double lambd);
wk_tensor *wk_op_softshrink(wk_tensor *a, double lambd);
/* silu, leaky_relu, relu, sigmoid, tanh: see ops.h (wk_op_unary, wk_op_leaky_relu). */

/* ------------------------------------------------------------------ recurrent */
/* One LSTM step (gate rows i, f, g, o; biases may be NULL): *h, *c receive new references. */
bool wk_op_lstm_cell(wk_tensor *input, wk_tensor *hx, wk_tensor *cx, wk_tensor *w_ih, wk_tensor *w_hh,
                     wk_tensor *b_ih, wk_tensor *b_hh, wk_tensor **h, wk_tensor **c);
/* One GRU step (gate rows r, z, n). */
wk_tensor *wk_op_gru_cell(wk_tensor *input, wk_tensor *hx, wk_tensor *w_ih, wk_tensor *w_hh,
                          wk_tensor *b_ih, wk_tensor *b_hh);
/* torch.lstm / torch.gru over a whole sequence. params: per layer, per direction (forward then
 * reverse) w_ih, w_hh[, b_ih, b_hh] — 2 or 4 tensors each (has_biases). input (T, B, I), or
 * (B, T, I) with batch_first, or unbatched (T, I). hx/cx: (layers*dirs, B, H) (or (layers*dirs, H)
 * unbatched); NULL = zeros. Dropout (train only) applies to the outputs of all but the last layer.
 * *output (T, B, dirs*H), *h_n, *c_n receive new references (c_n only for LSTM). */
bool wk_op_lstm(wk_tensor *input, wk_tensor *hx, wk_tensor *cx, int n_params, wk_tensor *const *params,
                bool has_biases, int64_t num_layers, double dropout, bool train, bool bidirectional,
                bool batch_first, wk_tensor **output, wk_tensor **h_n, wk_tensor **c_n);
bool wk_op_gru(wk_tensor *input, wk_tensor *hx, int n_params, wk_tensor *const *params, bool has_biases,
               int64_t num_layers, double dropout, bool train, bool bidirectional, bool batch_first,
               wk_tensor **output, wk_tensor **h_n);
/* torch.rnn_tanh / torch.rnn_relu (relu true): as wk_op_gru with one gate. */
bool wk_op_rnn(wk_tensor *input, wk_tensor *hx, int n_params, wk_tensor *const *params, bool has_biases,
               int64_t num_layers, double dropout, bool train, bool bidirectional, bool batch_first, bool relu,
               wk_tensor **output, wk_tensor **h_n);

/* ------------------------------------------------------------------ optimizers (cpu_optim.c) */
/* torch.optim.Adam's update of one parameter (no amsgrad) in one pass, in place, rounding each
 * step like the separate float ops: exp_avg = exp_avg*beta1 + (1-beta1)*grad, exp_avg_sq likewise
 * with grad^2, param += -step_size * exp_avg / (sqrt(exp_avg_sq) / bc2_sqrt + eps). Returns false
 * (nothing changed, no error) unless all four are contiguous CPU float32/float64 tensors of one
 * dtype and shape; the caller then runs the op-by-op update. */
bool wk_op_adam_update(wk_tensor *param, wk_tensor *grad, wk_tensor *exp_avg, wk_tensor *exp_avg_sq, double beta1,
                       double beta2, double step_size, double bc2_sqrt, double eps);

/* ================================================================== CPU kernels (internal)
 * Called by the ops above on contiguous float32/float64 data; belong in the backend vtable
 * (conv, pooling, normalisation entries) once it grows them. */
/* Element access specialised by a constant `f64` flag (kernels are written once, instantiated for
 * float and double by always-inlined bodies). */
#define WK_NN_AI static inline __attribute__((always_inline))
WK_NN_AI double wk_nn_ld(const void *p, int64_t i, bool f64) {
    return f64 ? ((const double *)p)[i] : (double)((const float *)p)[i];
}
WK_NN_AI void wk_nn_st(void *p, int64_t i, double v, bool f64) {
    if (f64) ((double *)p)[i] = v;
    else ((float *)p)[i] = (float)v;
}

typedef struct wk_conv_geom {
    int64_t n, c, h, w;                 /* input */
    int64_t o, oh, ow;                  /* output */
    int64_t kh, kw, sh, sw, ph, pw, dh, dw; /* ph/pw: top/left padding */
    int64_t groups;
} wk_conv_geom;
bool wk_cpu_nn_conv2d(wk_dtype dt, const wk_conv_geom *g, const void *x, const void *w, const void *b, void *out);
/* gx/gw/gb may be NULL; they are overwritten. */
bool wk_cpu_nn_conv2d_backward(wk_dtype dt, const wk_conv_geom *g, const void *x, const void *w,
                               const void *gout, void *gx, void *gw, void *gb);

typedef struct wk_pool_geom {
    int64_t planes, h, w, oh, ow;
    int64_t kh, kw, sh, sw, ph, pw, dh, dw;
    bool count_include_pad;
    int64_t divisor;                    /* > 0: divisor_override */
} wk_pool_geom;
void wk_cpu_nn_max_pool2d(wk_dtype dt, const wk_pool_geom *g, const void *x, void *out, int64_t *idx);
void wk_cpu_nn_max_pool2d_backward(wk_dtype dt, const wk_pool_geom *g, const void *gout, const int64_t *idx, void *gx);
void wk_cpu_nn_avg_pool2d(wk_dtype dt, const wk_pool_geom *g, const void *x, void *out);
void wk_cpu_nn_avg_pool2d_backward(wk_dtype dt, const wk_pool_geom *g, const void *gout, void *gx);
void wk_cpu_nn_adaptive_avg_pool2d(wk_dtype dt, const wk_pool_geom *g, const void *x, void *out);
void wk_cpu_nn_adaptive_avg_pool2d_backward(wk_dtype dt, const wk_pool_geom *g, const void *gout, void *gx);

/* Normalisation over x viewed as (outer, C, inner) for batch norm (statistics per C) and as
 * (rows, cols) for layer norm (statistics per row). mean/invstd are double arrays. */
void wk_cpu_nn_bn_stats(wk_dtype dt, const void *x, int64_t outer, int64_t C, int64_t inner, double *mean, double *var);
void wk_cpu_nn_bn_apply(wk_dtype dt, const void *x, int64_t outer, int64_t C, int64_t inner, const double *mean,
                        const double *invstd, const void *w, const void *b, void *y);
/* gx (may be NULL) for batch statistics (train) or fixed ones; sum_g / sum_gx (per C) are outputs. */
void wk_cpu_nn_bn_backward(wk_dtype dt, const void *x, const void *g, int64_t outer, int64_t C, int64_t inner,
                           const double *mean, const double *invstd, const void *w, bool train, void *gx,
                           double *sum_g, double *sum_gxhat);
/* embedding backward (cpu_nn_embed.c): gw[ix[i]] += g[i] in order, rows of D, skipping pad. */
void wk_cpu_nn_embedding_backward(const int64_t *ix, int64_t m, int64_t pad, const void *g, int64_t D, void *gw, bool f64);
/* Elementwise losses (cpu_nn_loss.c), contiguous operands of the input's dtype. kind: WK_LOSS_*;
 * p: beta / delta; norm: 1/numel for a mean; gs: g has n elements (else one). bce_forward
 * returns false when an input is outside [0, 1]. */
enum { WK_LOSS_SMOOTH_L1, WK_LOSS_HUBER };
void wk_cpu_nn_pwloss_forward(int kind, double p, const void *x, const void *t, void *out, int64_t n, bool f64);
void wk_cpu_nn_pwloss_backward(int kind, double p, double norm, const void *x, const void *t, const void *g, bool gs,
                               void *out, int64_t n, bool f64);
bool wk_cpu_nn_bce_forward(const void *x, const void *t, void *out, int64_t n, bool f64);
void wk_cpu_nn_bce_backward(const void *g, bool gs, const void *x, const void *t, void *out, int64_t n, bool f64);
void wk_cpu_nn_ln_forward(wk_dtype dt, const void *x, int64_t rows, int64_t cols, double eps, const void *w,
                          const void *b, void *y, double *mean, double *rstd);
void wk_cpu_nn_ln_backward(wk_dtype dt, const void *x, const void *g, int64_t rows, int64_t cols,
                           const double *mean, const double *rstd, const void *w, void *gx, double *gw, double *gb);

/* ------------------------------------------------------------------ helpers shared by the ops_nn files */
/* CPU float32/float64 check: `"<kernel>" not implemented for 'Long'` / NotImplementedError off CPU. */
bool wk_nn_check_float(const wk_tensor *t, const char *kernel);
/* Contiguous tensor of in-meta i's shape and dtype, zeroed or not (new reference). */
wk_tensor *wk_nn_grad_like(wk_node *n, int i, bool zero);
/* Human-readable list "[2, 3]" into buf. */
const char *wk_nn_shape(char *buf, size_t cap, const wk_tensor *t);

#endif
