/* bind_nn.c — torch._C._nn: the fused nn ops of ops_nn.h for torch.nn.functional, one table row per op with a typed argument spec. */
#include <string.h>
#include "bind.h"
#include "ops_nn.h"
#include "nn_interp.h"

/* ================================================================ argument kinds
 * Each op lists its parameters as "name:kind" words ('|' before the optional ones, all
 * positional-or-keyword). Kinds:
 *   T tensor            t tensor or None (NULL)
 *   i int               o int or None (.given)
 *   d float             b bool
 *   p int or 1/2-sequence of ints -> pair      P same, or None/[] (.given false)
 *   c conv padding: 'same' / 'valid' / int / sequence -> .mode + pair
 *   s str               r reduction str -> .red
 *   S int sequence -> .n, .list  L sequence of tensors -> .n, .ts (borrowed)  */

#define NN_MAX_ARGS 12
#define NN_MAX_LIST 64

typedef struct nnarg {
    bool given;
    wk_tensor *t;
    int64_t i;
    double d;
    bool b;
    int64_t pair[2];
    wk_pad_mode mode;
    const char *s;
    wk_reduction red;
    int n;
    int64_t list[WK_MAX_DIMS];
    wk_tensor *ts[NN_MAX_LIST];
} nnarg;

typedef wk_value (*nnfn)(nnarg *a);

typedef struct nnop {
    const char *name;
    const char *params;     /* "input:T weight:T |bias:t" */
    nnfn fn;
} nnop;

/* Items of a tuple/list (or torch.Size), or NULL. */
static const wk_value *seq_items(wk_value v, int64_t *n) {
    static const wk_value none[1];
    if (!WK_IS_OBJ(v)) return NULL;
    if (wk_isinstance_t(v, &wk_type_tuple)) { *n = WK_TUPLE(v.u.o)->len; return *n ? WK_TUPLE(v.u.o)->items : none; }
    if (wk_isinstance_t(v, &wk_type_list)) { *n = WK_LIST(v.u.o)->len; return *n ? WK_LIST(v.u.o)->items : none; }
    return NULL;
}

static bool type_err(const char *f, const char *arg, int pos, const char *want, wk_value v) {
    wk_raise(wk_exc_TypeError, "%s(): argument '%s' (position %d) must be %s, not %s", f, arg, pos, want, wk_typename(v));
    return false;
}

static bool int_item(const char *f, const char *arg, int pos, wk_value v, int64_t *out) {
    if (WK_IS_INT(v) || WK_IS_BOOL(v)) { *out = v.u.i; return true; }
    return type_err(f, arg, pos, "tuple of ints", v);
}

/* Ints: one int or a sequence of at most cap. */
static bool int_seq(const char *f, const char *arg, int pos, wk_value v, int cap, int *n, int64_t *out) {
    if (WK_IS_INT(v) || WK_IS_BOOL(v)) { out[0] = v.u.i; *n = 1; return true; }
    int64_t len;
    const wk_value *it = seq_items(v, &len);
    if (!it) return type_err(f, arg, pos, "tuple of ints", v);
    if (len > cap) {
        wk_raise(wk_exc_RuntimeError, "%s(): argument '%s' has too many elements (%lld)", f, arg, (long long)len);
        return false;
    }
    for (int64_t k = 0; k < len; k++)
        if (!int_item(f, arg, pos, it[k], &out[k])) return false;
    *n = (int)len;
    return true;
}

static bool pair_arg(const char *f, const char *arg, int pos, wk_value v, nnarg *a) {
    int n;
    int64_t xs[2];
    if (!int_seq(f, arg, pos, v, 2, &n, xs)) return false;
    a->given = n > 0;
    a->pair[0] = n > 0 ? xs[0] : 0;
    a->pair[1] = n > 1 ? xs[1] : a->pair[0];
    return true;
}

static bool parse_one(const char *f, const char *arg, int pos, char kind, wk_value v, nnarg *a) {
    bool none = WK_IS_NULL(v) || WK_IS_NONE(v);
    a->given = !none;
    switch (kind) {
    case 't':
        if (none) { a->t = NULL; return true; }
        /* fallthrough */
    case 'T':
        return wk_bind_tensor_arg(f, arg, pos, v, &a->t);
    case 'o':
        if (none) return true;
        /* fallthrough */
    case 'i':
        if (!WK_IS_INT(v) && !WK_IS_BOOL(v)) return type_err(f, arg, pos, "int", v);
        a->i = v.u.i;
        return true;
    case 'd':
        if (WK_IS_INT(v) || WK_IS_BOOL(v) || WK_IS_FLOAT(v)) return wk_as_double(v, &a->d);
        return type_err(f, arg, pos, "float", v);
    case 'b':
        if (!WK_IS_BOOL(v) && !WK_IS_INT(v)) return type_err(f, arg, pos, "bool", v);
        a->b = v.u.i != 0;
        return true;
    case 'P':
        if (none) return true;
        /* fallthrough */
    case 'p':
        return pair_arg(f, arg, pos, v, a);
    case 'c':
        if (wk_is_str(v)) {
            const char *s = wk_str_cstr(v);
            if (!strcmp(s, "same")) a->mode = WK_PAD_SAME;
            else if (!strcmp(s, "valid")) a->mode = WK_PAD_VALID;
            else {
                wk_raise(wk_exc_RuntimeError, "Invalid padding string: '%s'", s);
                return false;
            }
            a->pair[0] = a->pair[1] = 0;
            return true;
        }
        a->mode = WK_PAD_EXPLICIT;
        return pair_arg(f, arg, pos, v, a);
    case 's':
    case 'r':
        if (!wk_is_str(v)) return type_err(f, arg, pos, "str", v);
        a->s = wk_str_cstr(v);
        if (kind == 'r' && !wk_reduction_parse(a->s, &a->red)) return wk_bind_rt_fail();
        return true;
    case 'S':
        if (WK_IS_INT(v) || WK_IS_BOOL(v)) return type_err(f, arg, pos, "tuple of ints", v);
        return int_seq(f, arg, pos, v, WK_MAX_DIMS, &a->n, a->list);
    case 'L': {
        int64_t len;
        const wk_value *it = seq_items(v, &len);
        if (!it) return type_err(f, arg, pos, "tuple of Tensors", v);
        if (len > NN_MAX_LIST) {
            wk_raise(wk_exc_RuntimeError, "%s(): too many tensors in '%s'", f, arg);
            return false;
        }
        for (int64_t k = 0; k < len; k++)
            if (!wk_bind_tensor_arg(f, arg, pos, it[k], &a->ts[k])) return false;
        a->n = (int)len;
        return true;
    }
    default:
        wk_raise(wk_exc_RuntimeError, "%s(): bad argument kind '%c'", f, kind);
        return false;
    }
}

/* ================================================================ ops */

#define A0 a[0].t
#define A1 a[1].t
#define OPT(k) (a[k].given ? a[k].t : NULL)

static wk_value wrap2(wk_tensor *x, wk_tensor *y) {
    wk_tensor *ts[2] = { x, y };
    return wk_bind_tuple_of(ts, 2);
}

/* convolution: input weight bias stride padding dilation groups */
static wk_value op_conv2d(nnarg *a) {
    return wk_bind_wrap(wk_op_conv2d(A0, A1, a[2].t, a[3].pair, a[4].mode, a[4].pair, a[5].pair, a[6].i));
}
static wk_value op_conv1d(nnarg *a) {
    return wk_bind_wrap(wk_op_conv1d(A0, A1, a[2].t, a[3].pair[0], a[4].mode, a[4].pair[0], a[5].pair[0], a[6].i));
}

/* pooling */
static wk_value op_max_pool2d(nnarg *a) {
    wk_tensor *idx = NULL;
    wk_tensor *out = wk_op_max_pool2d(A0, a[1].pair, a[2].given ? a[2].pair : NULL, a[3].pair, a[4].pair, a[5].b,
                                      a[6].b ? &idx : NULL);
    if (!out || !a[6].b) return wk_bind_wrap(out);
    return wrap2(out, idx);
}
static wk_value op_avg_pool2d(nnarg *a) {
    return wk_bind_wrap(wk_op_avg_pool2d(A0, a[1].pair, a[2].given ? a[2].pair : NULL, a[3].pair, a[4].b, a[5].b,
                                         a[6].given ? a[6].i : 0));
}
static wk_value op_adaptive_avg_pool2d(nnarg *a) {
    return wk_bind_wrap(wk_op_adaptive_avg_pool2d(A0, a[1].pair));
}

/* normalisation */
static wk_value op_batch_norm(nnarg *a) {
    return wk_bind_wrap(wk_op_batch_norm(A0, a[1].t, a[2].t, a[3].t, a[4].t, a[5].b, a[6].d, a[7].d));
}
static wk_value op_layer_norm(nnarg *a) {
    return wk_bind_wrap(wk_op_layer_norm(A0, a[1].n, a[1].list, a[2].t, a[3].t, a[4].d));
}

/* dropout, embedding, linear */
static wk_value op_dropout(nnarg *a) { return wk_bind_wrap(wk_op_dropout(A0, a[1].d, a[2].b)); }
static wk_value op_feature_dropout(nnarg *a) { return wk_bind_wrap(wk_op_feature_dropout(A0, a[1].d, a[2].b)); }
static wk_value op_embedding(nnarg *a) {
    return wk_bind_wrap(wk_op_embedding(A0, A1, a[2].given, a[2].i));
}
static wk_value op_linear(nnarg *a) { return wk_bind_wrap(wk_op_linear(A0, A1, a[2].t)); }

/* losses: input target ... reduction */
static wk_value op_nll_loss(nnarg *a) { return wk_bind_wrap(wk_op_nll_loss(A0, A1, a[2].t, a[3].red, a[4].i)); }
static wk_value op_cross_entropy(nnarg *a) {
    return wk_bind_wrap(wk_op_cross_entropy(A0, A1, a[2].t, a[3].red, a[4].i, a[5].d));
}
static wk_value op_mse_loss(nnarg *a) { return wk_bind_wrap(wk_op_mse_loss(A0, A1, a[2].red)); }
static wk_value op_l1_loss(nnarg *a) { return wk_bind_wrap(wk_op_l1_loss(A0, A1, a[2].red)); }
static wk_value op_smooth_l1_loss(nnarg *a) { return wk_bind_wrap(wk_op_smooth_l1_loss(A0, A1, a[2].red, a[3].d)); }
static wk_value op_huber_loss(nnarg *a) { return wk_bind_wrap(wk_op_huber_loss(A0, A1, a[2].red, a[3].d)); }
static wk_value op_bce(nnarg *a) { return wk_bind_wrap(wk_op_binary_cross_entropy(A0, A1, a[2].t, a[3].red)); }
static wk_value op_bce_logits(nnarg *a) {
    return wk_bind_wrap(wk_op_binary_cross_entropy_with_logits(A0, A1, a[2].t, a[3].t, a[4].red));
}

/* activations */
static wk_value op_gelu(nnarg *a) { return wk_bind_wrap(wk_op_gelu(A0, a[1].s)); }
static wk_value op_hardtanh(nnarg *a) { return wk_bind_wrap(wk_op_hardtanh(A0, a[1].d, a[2].d)); }
static wk_value op_softplus(nnarg *a) { return wk_bind_wrap(wk_op_softplus_nn(A0, a[1].d, a[2].d)); }
static wk_value op_elu(nnarg *a) { return wk_bind_wrap(wk_op_elu_nn(A0, a[1].d, a[2].d, a[3].d)); }
static wk_value op_celu(nnarg *a) { return wk_bind_wrap(wk_op_celu(A0, a[1].d)); }
static wk_value op_leaky_relu(nnarg *a) { return wk_bind_wrap(wk_op_leaky_relu(A0, a[1].d)); }
static wk_value op_hardsigmoid(nnarg *a) { return wk_bind_wrap(wk_op_hardsigmoid(A0)); }
static wk_value op_hardswish(nnarg *a) { return wk_bind_wrap(wk_op_hardswish(A0)); }
static wk_value op_mish(nnarg *a) { return wk_bind_wrap(wk_op_mish(A0)); }
static wk_value op_logsigmoid(nnarg *a) { return wk_bind_wrap(wk_op_logsigmoid(A0)); }
static wk_value op_hardshrink(nnarg *a) { return wk_bind_wrap(wk_op_hardshrink(A0, a[1].d)); }
static wk_value op_softshrink(nnarg *a) { return wk_bind_wrap(wk_op_softshrink(A0, a[1].d)); }

/* recurrent: whole sequences, (output, h_n[, c_n]) */
static wk_value op_lstm(nnarg *a) {
    wk_tensor *ts[3] = { NULL, NULL, NULL };
    if (!wk_op_lstm(A0, a[1].t, a[2].t, a[3].n, a[3].ts, a[4].b, a[5].i, a[6].d, a[7].b, a[8].b, a[9].b,
                    &ts[0], &ts[1], &ts[2]))
        return wk_bind_rt_raise();
    return wk_bind_tuple_of(ts, 3);
}
static wk_value op_gru(nnarg *a) {
    wk_tensor *out = NULL, *h = NULL;
    if (!wk_op_gru(A0, a[1].t, a[2].n, a[2].ts, a[3].b, a[4].i, a[5].d, a[6].b, a[7].b, a[8].b, &out, &h))
        return wk_bind_rt_raise();
    return wrap2(out, h);
}
static wk_value rnn_simple(nnarg *a, bool relu) {
    wk_tensor *out = NULL, *h = NULL;
    if (!wk_op_rnn(A0, a[1].t, a[2].n, a[2].ts, a[3].b, a[4].i, a[5].d, a[6].b, a[7].b, a[8].b, relu, &out, &h))
        return wk_bind_rt_raise();
    return wrap2(out, h);
}
static wk_value op_rnn_tanh(nnarg *a) { return rnn_simple(a, false); }
static wk_value op_rnn_relu(nnarg *a) { return rnn_simple(a, true); }
static wk_value op_lstm_cell(nnarg *a) {
    wk_tensor *h = NULL, *c = NULL;
    if (!wk_op_lstm_cell(A0, a[1].t, a[2].t, a[3].t, a[4].t, a[5].t, a[6].t, &h, &c)) return wk_bind_rt_raise();
    return wrap2(h, c);
}
static wk_value op_gru_cell(nnarg *a) {
    return wk_bind_wrap(wk_op_gru_cell(A0, a[1].t, a[2].t, a[3].t, a[4].t, a[5].t));
}
/* upsampling: output_size [] when scales (scale_h unused for 1-D input) give the size */
static wk_value op_upsample(nnarg *a) {
    bool one_d = A0->ndim == 3 && !a[4].b;
    double sc[2] = {a[2].d, a[3].d};
    int nscale = a[1].n ? 0 : one_d ? 1 : 2;
    return wk_bind_wrap(wk_op_upsample(A0, a[1].n, a[1].list, nscale, one_d ? sc + 1 : sc, a[4].b, a[5].b));
}
static wk_value op_adam_update(nnarg *a) {
    return wk_bool(wk_op_adam_update(A0, a[1].t, a[2].t, a[3].t, a[4].d, a[5].d, a[6].d, a[7].d, a[8].d));
}

static const nnop g_ops[] = {
    { "conv1d", "input:T weight:T bias:t stride:p padding:c dilation:p groups:i", op_conv1d },
    { "conv2d", "input:T weight:T bias:t stride:p padding:c dilation:p groups:i", op_conv2d },
    { "max_pool2d", "input:T kernel_size:p stride:P padding:p dilation:p ceil_mode:b return_indices:b", op_max_pool2d },
    { "avg_pool2d", "input:T kernel_size:p stride:P padding:p ceil_mode:b count_include_pad:b divisor_override:o",
      op_avg_pool2d },
    { "adaptive_avg_pool2d", "input:T output_size:p", op_adaptive_avg_pool2d },
    { "batch_norm", "input:T running_mean:t running_var:t weight:t bias:t training:b momentum:d eps:d", op_batch_norm },
    { "layer_norm", "input:T normalized_shape:S weight:t bias:t eps:d", op_layer_norm },
    { "dropout", "input:T p:d train:b", op_dropout },
    { "feature_dropout", "input:T p:d train:b", op_feature_dropout },
    { "embedding", "input:T weight:T padding_idx:o", op_embedding },
    { "linear", "input:T weight:T |bias:t", op_linear },
    { "nll_loss", "input:T target:T weight:t reduction:r ignore_index:i", op_nll_loss },
    { "cross_entropy", "input:T target:T weight:t reduction:r ignore_index:i label_smoothing:d", op_cross_entropy },
    { "mse_loss", "input:T target:T reduction:r", op_mse_loss },
    { "l1_loss", "input:T target:T reduction:r", op_l1_loss },
    { "smooth_l1_loss", "input:T target:T reduction:r beta:d", op_smooth_l1_loss },
    { "huber_loss", "input:T target:T reduction:r delta:d", op_huber_loss },
    { "binary_cross_entropy", "input:T target:T weight:t reduction:r", op_bce },
    { "binary_cross_entropy_with_logits", "input:T target:T weight:t pos_weight:t reduction:r", op_bce_logits },
    { "gelu", "input:T approximate:s", op_gelu },
    { "hardtanh", "input:T min_val:d max_val:d", op_hardtanh },
    { "softplus", "input:T beta:d threshold:d", op_softplus },
    { "elu", "input:T alpha:d scale:d input_scale:d", op_elu },
    { "celu", "input:T alpha:d", op_celu },
    { "leaky_relu", "input:T negative_slope:d", op_leaky_relu },
    { "hardsigmoid", "input:T", op_hardsigmoid },
    { "hardswish", "input:T", op_hardswish },
    { "mish", "input:T", op_mish },
    { "log_sigmoid", "input:T", op_logsigmoid },
    { "hardshrink", "input:T lambd:d", op_hardshrink },
    { "softshrink", "input:T lambd:d", op_softshrink },
    { "lstm", "input:T hx:t cx:t params:L has_biases:b num_layers:i dropout:d train:b bidirectional:b batch_first:b",
      op_lstm },
    { "gru", "input:T hx:t params:L has_biases:b num_layers:i dropout:d train:b bidirectional:b batch_first:b", op_gru },
    { "rnn_tanh", "input:T hx:t params:L has_biases:b num_layers:i dropout:d train:b bidirectional:b batch_first:b",
      op_rnn_tanh },
    { "rnn_relu", "input:T hx:t params:L has_biases:b num_layers:i dropout:d train:b bidirectional:b batch_first:b",
      op_rnn_relu },
    { "lstm_cell", "input:T hx:T cx:T w_ih:T w_hh:T b_ih:t b_hh:t", op_lstm_cell },
    { "gru_cell", "input:T hx:T w_ih:T w_hh:T b_ih:t b_hh:t", op_gru_cell },
    { "upsample", "input:T output_size:S scale_h:d scale_w:d bilinear:b align_corners:b", op_upsample },
    { "adam_update", "param:T grad:T exp_avg:T exp_avg_sq:T beta1:d beta2:d step_size:d bc2_sqrt:d eps:d",
      op_adam_update },
};
#define N_OPS ((int)(sizeof g_ops / sizeof g_ops[0]))

/* ================================================================ the callable objects */

/* A parsed parameter list: names for wk_args_parse and the kind of each. */
typedef struct nnsig {
    char spec[256];
    char names[NN_MAX_ARGS][40];
    char kinds[NN_MAX_ARGS];
    int n;
} nnsig;

typedef struct { wk_obj ob; const nnop *op; nnsig sig; } nnfnobj;

static bool sig_build(const char *params, nnsig *s) {
    size_t len = 0;
    s->n = 0;
    for (const char *p = params; *p;) {
        while (*p == ' ') p++;
        if (!*p) break;
        if (*p == '|') {
            s->spec[len++] = '|';
            p++;
            continue;
        }
        const char *colon = strchr(p, ':');
        if (!colon || s->n == NN_MAX_ARGS || (size_t)(colon - p) >= sizeof s->names[0]) return false;
        size_t nl = (size_t)(colon - p);
        if (len + nl + 2 >= sizeof s->spec) return false;
        memcpy(s->names[s->n], p, nl);
        s->names[s->n][nl] = 0;
        if (len && s->spec[len - 1] != '|') s->spec[len++] = ' ';
        memcpy(s->spec + len, p, nl);
        len += nl;
        s->kinds[s->n++] = colon[1];
        p = colon + 2;
    }
    s->spec[len] = 0;
    return true;
}

static wk_value nnfn_call(wk_value self, const wk_value *args, int nargs, wk_obj *kw) {
    nnfnobj *f = (nnfnobj *)self.u.o;
    const nnsig *s = &f->sig;
    wk_value v[NN_MAX_ARGS];
    if (!wk_args_parse(f->op->name, args, nargs, kw, s->spec, v)) return WK_NULLV;
    nnarg a[NN_MAX_ARGS];
    for (int k = 0; k < s->n; k++) {
        memset(&a[k], 0, offsetof(nnarg, list));
        if (!parse_one(f->op->name, s->names[k], k + 1, s->kinds[k], v[k], &a[k])) return WK_NULLV;
    }
    return f->op->fn(a);
}

static wk_value nnfn_repr(wk_value self) {
    return wk_str_fromf("<built-in function %s>", ((nnfnobj *)self.u.o)->op->name);
}

static wk_type g_nnfn_type = {
    .ob = { ((int64_t)1 << 60), &wk_type_type }, .name = "builtin_function_or_method", .base = &wk_type_object,
    .basicsize = sizeof(nnfnobj), .module = "torch._C._nn", .call = nnfn_call, .repr = nnfn_repr,
};

/* torch._C (a plain module holding _nn), both also in sys.modules. */
bool wk_bind_nn_module(wk_obj *torch) {
    if (!wk_type_ready(&g_nnfn_type)) return false;
    wk_obj *c = wk_module_new("torch._C"), *nn = c ? wk_module_new("torch._C._nn") : NULL;
    bool ok = nn != NULL;
    for (int k = 0; ok && k < N_OPS; k++) {
        nnfnobj *f = (nnfnobj *)wk_obj_alloc(&g_nnfn_type);
        if (!f) { ok = false; break; }
        f->op = &g_ops[k];
        if (!sig_build(g_ops[k].params, &f->sig)) {
            wk_raise(wk_exc_RuntimeError, "torch._C._nn: bad parameter list of %s", g_ops[k].name);
            ok = false;
        }
        ok = ok && wk_module_add(nn, g_ops[k].name, wk_objv(&f->ob));
        wk_obj_decref(&f->ob);
    }
    ok = ok && wk_module_add(c, "_nn", wk_objv(nn)) && wk_module_add(torch, "_C", wk_objv(c)) &&
         wk_dict_set_s(wk_vm_state.modules, "torch._C", wk_objv(c)) == 0 &&
         wk_dict_set_s(wk_vm_state.modules, "torch._C._nn", wk_objv(nn)) == 0;
    if (nn) wk_obj_decref(nn);
    if (c) wk_obj_decref(c);
    return ok;
}
