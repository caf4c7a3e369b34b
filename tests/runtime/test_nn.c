/* test_nn.c — nn ops: forward values and gradients against PyTorch (data/nn_cases.txt, see gen_nn.py), float64 finite-difference checks of every case, grad_fn names and error messages. */
#include "../../runtime/ops_nn.h"
#include "../../runtime/rng.h"
#include "rt_util.h"
#include <math.h>

#define DATA_FILE "tests/runtime/data/nn_cases.txt"
#define MAXREC 24

/* ------------------------------------------------------------------ case file */
typedef struct rec { char kind, name[32]; wk_tensor *t; } rec;
typedef struct tcase { char op[40], name[48]; double p[16]; int np, nr; rec r[MAXREC]; } tcase;

static wk_tensor *parse_tensor(char **save) {
    char *dt = strtok_r(NULL, " ", save), *nd = strtok_r(NULL, " ", save);
    if (!dt || !nd) return NULL;
    int n = atoi(nd);
    int64_t shape[WK_MAX_DIMS], numel = 1;
    for (int i = 0; i < n; i++) { shape[i] = atoll(strtok_r(NULL, " ", save)); numel *= shape[i]; }
    wk_tensor *t = wk_tensor_empty(n, shape, *dt == 'l' ? WK_DT_I64 : WK_DT_F32, WK_CPU);
    for (int64_t i = 0; i < numel; i++) {
        char *v = strtok_r(NULL, " ", save);
        if (*dt == 'l') ((int64_t *)wk_tensor_data(t))[i] = atoll(v);
        else ((float *)wk_tensor_data(t))[i] = strtof(v, NULL);
    }
    return t;
}

static int load_cases(tcase **out) {
    FILE *f = fopen(DATA_FILE, "r");
    if (!f) return -1;
    static char line[1 << 16];
    int n = 0, cap = 0;
    tcase *cs = NULL;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        char *save, *tok = strtok_r(line, " ", &save);
        if (!tok || *tok == '#') continue;
        if (!strcmp(tok, "case")) {
            if (n == cap) cs = realloc(cs, sizeof *cs * (size_t)(cap = cap ? cap * 2 : 64));
            tcase *c = memset(&cs[n++], 0, sizeof *cs);
            snprintf(c->op, sizeof c->op, "%s", strtok_r(NULL, " ", &save));
            snprintf(c->name, sizeof c->name, "%s", strtok_r(NULL, " ", &save));
            for (char *p; (p = strtok_r(NULL, " ", &save)) && c->np < 16;) c->p[c->np++] = atof(p);
            continue;
        }
        tcase *c = &cs[n - 1];
        rec *r = &c->r[c->nr++];
        r->kind = *tok;
        snprintf(r->name, sizeof r->name, "%s", strtok_r(NULL, " ", &save));
        r->t = parse_tensor(&save);
    }
    fclose(f);
    *out = cs;
    return n;
}

static wk_tensor *find(const tcase *c, const char *name) {
    for (int i = 0; i < c->nr; i++) if (!strcmp(c->r[i].name, name)) return c->r[i].t;
    return NULL;
}

/* ------------------------------------------------------------------ dispatch: op(inputs in file order, params) */
typedef struct callres { wk_tensor *out[3]; } callres;
static const double *P;
#define PI(i) ((int64_t)P[i])

static wk_tensor *opt(wk_tensor **in, int n, int i) { return i < n ? in[i] : NULL; }

static bool call_rnn(const tcase *c, wk_tensor **in, int n, callres *r) {
    bool lstm = !strcmp(c->op, "lstm");
    int first = lstm ? 3 : 2;
    if (lstm) return wk_op_lstm(in[0], in[1], in[2], n - first, in + first, PI(3), PI(0), 0, false, PI(1), PI(2), &r->out[0], &r->out[1], &r->out[2]);
    return wk_op_gru(in[0], in[1], n - first, in + first, PI(3), PI(0), 0, false, PI(1), PI(2), &r->out[0], &r->out[1]);
}

static wk_tensor *call_act(const char *name, wk_tensor *x) {
    if (!strcmp(name, "gelu_tanh")) return wk_op_gelu(x, "tanh");
    if (!strcmp(name, "gelu")) return wk_op_gelu(x, "none");
    if (!strcmp(name, "silu")) return wk_op_unary(WK_UOP_SILU, x);
    if (!strcmp(name, "hardtanh") || !strcmp(name, "relu6")) return wk_op_hardtanh(x, P[0], P[1]);
    if (!strcmp(name, "softplus")) return wk_op_softplus_nn(x, P[0], P[1]);
    if (!strcmp(name, "elu") || !strcmp(name, "selu")) return wk_op_elu_nn(x, P[0], P[1], P[2]);
    if (!strcmp(name, "celu")) return wk_op_celu(x, P[0]);
    if (!strcmp(name, "hardsigmoid")) return wk_op_hardsigmoid(x);
    if (!strcmp(name, "hardswish")) return wk_op_hardswish(x);
    if (!strcmp(name, "mish")) return wk_op_mish(x);
    if (!strcmp(name, "logsigmoid")) return wk_op_logsigmoid(x);
    if (!strcmp(name, "hardshrink")) return wk_op_hardshrink(x, P[0]);
    if (!strcmp(name, "softshrink")) return wk_op_softshrink(x, P[0]);
    if (!strcmp(name, "leaky_relu")) return wk_op_leaky_relu(x, P[0]);
    return NULL;
}

static wk_tensor *call_loss(const char *op, wk_tensor **in, int n) {
    wk_reduction red = (wk_reduction)PI(0);
    if (!strcmp(op, "nll_loss")) return wk_op_nll_loss(in[0], in[1], opt(in, n, 2), red, PI(1));
    if (!strcmp(op, "cross_entropy")) return wk_op_cross_entropy(in[0], in[1], opt(in, n, 2), red, PI(1), P[2]);
    if (!strcmp(op, "mse_loss")) return wk_op_mse_loss(in[0], in[1], red);
    if (!strcmp(op, "l1_loss")) return wk_op_l1_loss(in[0], in[1], red);
    if (!strcmp(op, "smooth_l1_loss")) return wk_op_smooth_l1_loss(in[0], in[1], red, P[1]);
    if (!strcmp(op, "huber_loss")) return wk_op_huber_loss(in[0], in[1], red, P[1]);
    if (!strcmp(op, "binary_cross_entropy")) return wk_op_binary_cross_entropy(in[0], in[1], opt(in, n, 2), red);
    if (!strcmp(op, "binary_cross_entropy_with_logits"))
        return wk_op_binary_cross_entropy_with_logits(in[0], in[1], opt(in, n, 2), opt(in, n, 3), red);
    return NULL;
}

static bool call(const tcase *c, wk_tensor **in, int n, callres *r) {
    memset(r, 0, sizeof *r);
    P = c->p;
    const char *op = c->op;
    wk_tensor **o = r->out;
    if (!strcmp(op, "conv2d")) {
        int64_t s[2] = {PI(0), PI(1)}, pd[2] = {PI(2), PI(3)}, d[2] = {PI(4), PI(5)};
        o[0] = wk_op_conv2d(in[0], in[1], opt(in, n, 2), s, (wk_pad_mode)PI(7), pd, d, PI(6));
    } else if (!strcmp(op, "conv1d")) {
        o[0] = wk_op_conv1d(in[0], in[1], opt(in, n, 2), PI(0), (wk_pad_mode)PI(4), PI(1), PI(2), PI(3));
    } else if (!strcmp(op, "max_pool2d")) {
        int64_t k[2] = {PI(0), PI(1)}, s[2] = {PI(2), PI(3)}, pd[2] = {PI(4), PI(5)}, d[2] = {PI(6), PI(7)};
        o[0] = wk_op_max_pool2d(in[0], k, s, pd, d, PI(8), &o[1]);
    } else if (!strcmp(op, "avg_pool2d")) {
        int64_t k[2] = {PI(0), PI(1)}, s[2] = {PI(2), PI(3)}, pd[2] = {PI(4), PI(5)};
        o[0] = wk_op_avg_pool2d(in[0], k, s, pd, PI(6), PI(7), PI(8));
    } else if (!strcmp(op, "adaptive_avg_pool2d")) {
        int64_t sz[2] = {PI(0), PI(1)};
        o[0] = wk_op_adaptive_avg_pool2d(in[0], sz);
    } else if (!strcmp(op, "batch_norm")) {
        bool aff = PI(3), st = PI(4);
        o[0] = wk_op_batch_norm(in[0], st ? in[n - 2] : NULL, st ? in[n - 1] : NULL, aff ? in[1] : NULL, aff ? in[2] : NULL,
                                PI(0), P[1], P[2]);
    } else if (!strcmp(op, "layer_norm")) {
        int k = (int)PI(1);
        o[0] = wk_op_layer_norm(in[0], k, in[0]->shape + in[0]->ndim - k, opt(in, n, 1), opt(in, n, 2), P[0]);
    } else if (!strcmp(op, "embedding")) {
        o[0] = wk_op_embedding(in[1], in[0], PI(0), PI(1));
    } else if (!strcmp(op, "linear")) {
        o[0] = wk_op_linear(in[0], in[1], opt(in, n, 2));
    } else if (!strcmp(op, "dropout")) {
        wk_rng_seed(wk_rng_default(), (uint64_t)PI(0));
        o[0] = PI(2) ? wk_op_feature_dropout(in[0], P[1], true) : wk_op_dropout(in[0], P[1], true);
    } else if (!strcmp(op, "act")) {
        o[0] = call_act(c->name, in[0]);
    } else if (!strcmp(op, "lstm") || !strcmp(op, "gru")) {
        return call_rnn(c, in, n, r);
    } else if (!strcmp(op, "lstm_cell")) {
        return wk_op_lstm_cell(in[0], in[1], in[2], in[3], in[4], in[5], in[6], &o[0], &o[1]);
    } else if (!strcmp(op, "gru_cell")) {
        o[0] = wk_op_gru_cell(in[0], in[1], in[2], in[3], in[4], in[5]);
    } else {
        o[0] = call_loss(op, in, n);
    }
    return o[0] != NULL;
}

static void callres_free(callres *r) { for (int i = 0; i < 3; i++) wk_tensor_decref(r->out[i]); }

/* ------------------------------------------------------------------ comparisons */
static bool close_to(wk_tensor *got, wk_tensor *want, double tol, char *why, size_t cap) {
    if (!got) { snprintf(why, cap, "missing"); return false; }
    if (!wk_same_shape(got, want)) { snprintf(why, cap, "shape %d-d vs %d-d", got->ndim, want->ndim); return false; }
    for (int64_t i = 0; i < wk_tensor_numel(want); i++) {
        double a = rt_at(got, i), b = rt_at(want, i);
        if (!(fabs(a - b) <= tol * (1 + fabs(b)))) { snprintf(why, cap, "[%lld] %.8g vs %.8g", (long long)i, a, b); return false; }
    }
    return true;
}

/* Inputs of case c in dtype dt (constants keep integer dtypes); differentiable ones require grad. */
static int make_inputs(const tcase *c, wk_dtype dt, wk_tensor **in, wk_tensor **diff, int *ndiff) {
    int n = 0;
    *ndiff = 0;
    for (int i = 0; i < c->nr; i++) {
        const rec *r = &c->r[i];
        if (r->kind == 'o') continue;
        wk_tensor *t = r->t->dtype == WK_DT_I64 ? wk_tensor_clone(r->t) : wk_tensor_to_dtype(r->t, dt, true);
        if (r->kind == 'i') { wk_autograd_set_requires_grad(t, true); diff[(*ndiff)++] = t; }
        in[n++] = t;
    }
    return n;
}

static void check_forward(const tcase *c) {
    wk_tensor *in[MAXREC], *diff[MAXREC];
    int nd, n = make_inputs(c, WK_DT_F32, in, diff, &nd);
    callres r;
    bool ok = call(c, in, n, &r);
    char why[160] = "";
    static const char *outs[3] = {"out", "out2", "out3"};
    for (int j = 0; ok && j < 3; j++) {
        wk_tensor *want = find(c, outs[j]);
        if (want) ok = close_to(r.out[j], want, 2e-4, why, sizeof why);
    }
    /* inputs modified in place (running stats) */
    for (int i = 0, k = 0; ok && i < c->nr; i++) {
        if (c->r[i].kind == 'o') continue;
        char an[48];
        snprintf(an, sizeof an, "after_%s", c->r[i].name);
        wk_tensor *want = find(c, an);
        if (want) ok = close_to(in[k], want, 2e-4, why, sizeof why);
        k++;
    }
    /* PyTorch's gradients for the fed output gradient */
    wk_tensor *go = find(c, "go");
    if (ok && go) {
        wk_tensor *g[MAXREC] = {0};
        ok = wk_autograd_grad(1, &r.out[0], &go, nd, diff, false, false, true, g);
        if (!ok) snprintf(why, sizeof why, "backward: %s", wk_rt_errmsg());
        for (int i = 0, k = 0; ok && i < c->nr; i++) {
            if (c->r[i].kind != 'i') continue;
            char gn[48];
            snprintf(gn, sizeof gn, "g_%s", c->r[i].name);
            wk_tensor *want = find(c, gn);
            if (want) ok = close_to(g[k], want, 5e-4, why, sizeof why);
            if (!ok) snprintf(why + strlen(why), sizeof why - strlen(why), " (%s)", gn);
            k++;
        }
        for (int i = 0; i < nd; i++) wk_tensor_decref(g[i]);
    }
    if (!r.out[0]) snprintf(why, sizeof why, "%s", wk_rt_errmsg());
    tap_ok(ok, "%s %s matches PyTorch%s%s", c->op, c->name, ok ? "" : ": ", ok ? "" : why);
    callres_free(&r);
    for (int i = 0; i < n; i++) wk_tensor_decref(in[i]);
}

/* ------------------------------------------------------------------ float64 finite differences */
static uint64_t g_rs = 0x9e3779b97f4a7c15ull;
static double urand(void) { g_rs ^= g_rs << 13; g_rs ^= g_rs >> 7; g_rs ^= g_rs << 17; return (double)(g_rs >> 11) / 9007199254740992.0; }

/* sum over outputs j of sum(out_j * W_j) for fixed random W_j (kept in ws). */
static wk_tensor *fd_loss(const tcase *c, wk_tensor **in, int n, wk_tensor **ws) {
    callres r;
    if (!call(c, in, n, &r)) { callres_free(&r); return NULL; }
    wk_tensor *total = NULL;
    for (int j = 0; j < 3; j++) {
        if (!r.out[j] || !wk_dtype_is_float(r.out[j]->dtype)) continue;
        if (!ws[j]) {
            ws[j] = wk_tensor_empty(r.out[j]->ndim, r.out[j]->shape, WK_DT_F64, WK_CPU);
            for (int64_t i = 0; i < wk_tensor_numel(ws[j]); i++) ((double *)wk_tensor_data(ws[j]))[i] = 2 * urand() - 1;
        }
        wk_tensor *m = wk_op_binary(WK_OP_MUL, wk_vt(r.out[j]), wk_vt(ws[j]));
        wk_tensor *s = wk_op_sum(m, NULL, 0, false, WK_NO_DTYPE);
        wk_tensor *t = total ? wk_op_add(wk_vt(total), wk_vt(s), wk_scalar_int(1)) : wk_tensor_incref(s);
        wk_tensor_decref(m); wk_tensor_decref(s); wk_tensor_decref(total);
        total = t;
    }
    callres_free(&r);
    return total;
}

/* Elements whose gradient PyTorch defines as zero although the function depends on them. */
static bool fd_exempt(const tcase *c, const wk_tensor *t, int64_t j) {
    return !strcmp(c->op, "embedding") && c->p[0] != 0 && j / t->shape[1] == (int64_t)c->p[1];
}

static void check_gradients(const tcase *c) {
    wk_tensor *in[MAXREC], *diff[MAXREC], *ws[3] = {0}, *g[MAXREC] = {0};
    int nd, n = make_inputs(c, WK_DT_F64, in, diff, &nd);
    wk_tensor *l = fd_loss(c, in, n, ws);
    bool ok = l && wk_autograd_grad(1, &l, NULL, nd, diff, false, false, true, g);
    wk_tensor_decref(l);
    double worst = 0;
    wk_grad_set_enabled(false);
    for (int i = 0; ok && i < nd; i++)
        for (int64_t j = 0; ok && j < wk_tensor_numel(diff[i]); j++) {
            double *p = (double *)wk_tensor_data(diff[i]) + j, x = *p, eps = 1e-6;
            *p = x + eps;
            wk_tensor *lp = fd_loss(c, in, n, ws);
            *p = x - eps;
            wk_tensor *lm = fd_loss(c, in, n, ws);
            *p = x;
            ok = lp && lm;
            double num = ok && !fd_exempt(c, diff[i], j) ? (rt_at(lp, 0) - rt_at(lm, 0)) / (2 * eps) : 0, ana = g[i] ? rt_at(g[i], j) : 0;
            double err = fabs(num - ana) / (1 + fabs(num));
            if (err > worst) worst = err;
            wk_tensor_decref(lp); wk_tensor_decref(lm);
        }
    wk_grad_set_enabled(true);
    tap_ok(ok && worst < 1e-6, "gradcheck f64 %s %s (max rel err %.2g)%s%s", c->op, c->name, worst, ok ? "" : ": ", ok ? "" : wk_rt_errmsg());
    for (int i = 0; i < nd; i++) wk_tensor_decref(g[i]);
    for (int i = 0; i < 3; i++) wk_tensor_decref(ws[i]);
    for (int i = 0; i < n; i++) wk_tensor_decref(in[i]);
}

/* ------------------------------------------------------------------ names and errors */
static wk_tensor *leaf(int nd, const int64_t *shape, wk_dtype dt) {
    wk_tensor *t = wk_tensor_ones(nd, shape, dt, WK_CPU);
    if (wk_dtype_is_float(dt)) wk_autograd_set_requires_grad(t, true);
    return t;
}
#define SH(...) (int)(sizeof((int64_t[]){__VA_ARGS__}) / sizeof(int64_t)), (int64_t[]){__VA_ARGS__}

static void name_is(wk_tensor *t, const char *want, const char *what) {
    const char *got = t && wk_autograd_grad_fn(t) ? wk_node_name(wk_autograd_grad_fn(t)) : "None";
    tap_ok(!strcmp(got, want), "grad_fn of %s is %s (got %s%s%s)", what, want, got, t ? "" : ": ", t ? "" : wk_rt_errmsg());
    wk_tensor_decref(t);
}

static void err_is(wk_tensor *t, wk_errkind kind, const char *msg, const char *what) {
    bool ok = !t && wk_rt_errkind() == kind && !strcmp(wk_rt_errmsg(), msg);
    tap_ok(ok, "%s raises %s", what, msg);
    if (!ok) tap_diag("got %s: %s", wk_rt_errname(wk_rt_errkind()), wk_rt_errmsg());
    wk_tensor_decref(t);
    wk_rt_errclear();
}

static void test_names_and_errors(void) {
    wk_tensor *x4 = leaf(SH(2, 3, 8, 8), WK_DT_F32), *w = leaf(SH(8, 3, 3, 3), WK_DT_F32), *x2 = leaf(SH(4, 5), WK_DT_F32);
    int64_t one[2] = {1, 1}, zero[2] = {0, 0}, two[2] = {2, 2}, three[2] = {3, 3};
    name_is(wk_op_conv2d(x4, w, NULL, one, WK_PAD_EXPLICIT, one, one, 1), "ConvolutionBackward0", "conv2d");
    wk_tensor *x3 = wk_op_select(x4, 0, 0);
    name_is(wk_op_conv2d(x3, w, NULL, one, WK_PAD_EXPLICIT, one, one, 1), "SqueezeBackward1", "unbatched conv2d");
    name_is(wk_op_max_pool2d(x4, two, NULL, zero, one, false, NULL), "MaxPool2DWithIndicesBackward0", "max_pool2d");
    name_is(wk_op_avg_pool2d(x4, two, NULL, zero, false, true, 0), "AvgPool2DBackward0", "avg_pool2d");
    name_is(wk_op_adaptive_avg_pool2d(x4, two), "AdaptiveAvgPool2DBackward0", "adaptive_avg_pool2d");
    name_is(wk_op_adaptive_avg_pool2d(x4, one), "MeanBackward1", "adaptive_avg_pool2d to 1x1");
    name_is(wk_op_batch_norm(x4, NULL, NULL, NULL, NULL, true, 0.1, 1e-5), "NativeBatchNormBackward0", "batch_norm");
    name_is(wk_op_layer_norm(x2, SH(5), NULL, NULL, 1e-5), "NativeLayerNormBackward0", "layer_norm");
    name_is(wk_op_dropout(x2, 0.5, true), "MulBackward0", "dropout (CPU)");
    name_is(wk_op_dropout(x2, 0.5, false), "None", "dropout in eval on a leaf");
    wk_tensor *wl = leaf(SH(3, 5), WK_DT_F32), *bl = leaf(SH(3), WK_DT_F32);
    name_is(wk_op_linear(x2, wl, bl), "AddmmBackward0", "linear 2-D");
    name_is(wk_op_linear(x2, wl, NULL), "MmBackward0", "linear without bias");
    wk_tensor *tg = wk_tensor_zeros(SH(4), WK_DT_I64, WK_CPU);
    name_is(wk_op_cross_entropy(x2, tg, NULL, WK_REDUCTION_MEAN, -100, 0), "NllLossBackward0", "cross_entropy");
    name_is(wk_op_cross_entropy(x2, tg, NULL, WK_REDUCTION_MEAN, -100, 0.1), "AddBackward0", "cross_entropy smoothed");
    name_is(wk_op_mse_loss(x2, x2, WK_REDUCTION_MEAN), "MseLossBackward0", "mse_loss");
    name_is(wk_op_l1_loss(x2, x2, WK_REDUCTION_MEAN), "MeanBackward0", "l1_loss");
    name_is(wk_op_gelu(x2, "tanh"), "GeluBackward0", "gelu tanh");
    name_is(wk_op_hardtanh(x2, 0, 6), "HardtanhBackward0", "relu6");
    wk_tensor *emb = leaf(SH(6, 3), WK_DT_F32);
    name_is(wk_op_embedding(tg, emb, false, 0), "EmbeddingBackward0", "embedding");

    wk_tensor *bad = leaf(SH(3, 8), WK_DT_F32), *x1 = leaf(SH(1, 1, 8, 8), WK_DT_F32);
    err_is(wk_op_conv2d(bad, w, NULL, one, WK_PAD_EXPLICIT, zero, one, 1), WK_ERR_RUNTIME,
           "Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [3, 8]", "conv2d on 2-D input");
    err_is(wk_op_conv2d(x1, w, NULL, one, WK_PAD_EXPLICIT, zero, one, 1), WK_ERR_RUNTIME,
           "Given groups=1, weight of size [8, 3, 3, 3], expected input[1, 1, 8, 8] to have 3 channels, but got 1 channels instead",
           "conv2d channel mismatch");
    err_is(wk_op_conv2d(x4, w, NULL, two, WK_PAD_SAME, zero, one, 1), WK_ERR_RUNTIME,
           "padding='same' is not supported for strided convolutions", "strided same conv");
    err_is(wk_op_conv2d(x4, w, NULL, one, WK_PAD_EXPLICIT, zero, one, 2), WK_ERR_RUNTIME,
           "Given groups=2, weight of size [8, 3, 3, 3], expected input[2, 3, 8, 8] to have 6 channels, but got 3 channels instead",
           "conv2d groups mismatch");
    wk_tensor *wbig = leaf(SH(4, 3, 9, 3), WK_DT_F32);
    err_is(wk_op_conv2d(x4, wbig, NULL, one, WK_PAD_EXPLICIT, zero, one, 1), WK_ERR_RUNTIME,
           "Calculated padded input size per channel: (8 x 8). Kernel size: (9 x 3). Kernel size can't be greater than actual input size",
           "conv2d kernel too big");
    err_is(wk_op_max_pool2d(x4, three, NULL, two, one, false, NULL), WK_ERR_RUNTIME,
           "pad should be at most half of kernel size, but got pad=2 and kernel_size=3", "max_pool2d padding");
    int64_t nine[2] = {9, 9};
    err_is(wk_op_avg_pool2d(x4, nine, NULL, zero, false, true, 0), WK_ERR_RUNTIME,
           "Given input size: (3x8x8). Calculated output size: (3x0x0). Output size is too small", "avg_pool2d too small");
    wk_tensor *x13 = leaf(SH(1, 3), WK_DT_F32);
    err_is(wk_op_batch_norm(x13, NULL, NULL, NULL, NULL, true, 0.1, 1e-5), WK_ERR_VALUE,
           "Expected more than 1 value per channel when training, got input size torch.Size([1, 3])", "batch_norm on one value");
    err_is(wk_op_layer_norm(x4, SH(5), NULL, NULL, 1e-5), WK_ERR_RUNTIME,
           "Given normalized_shape=[5], expected input with shape [*, 5], but got input of size[2, 3, 8, 8]", "layer_norm shape");
    wk_tensor *fi = wk_tensor_zeros(SH(2), WK_DT_F32, WK_CPU), *big = wk_tensor_full(SH(2), wk_scalar_int(7), WK_DT_I64, WK_CPU);
    err_is(wk_op_embedding(fi, emb, false, 0), WK_ERR_RUNTIME,
           "Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.FloatTensor instead (while checking arguments for embedding)",
           "embedding float indices");
    err_is(wk_op_embedding(big, emb, false, 0), WK_ERR_INDEX, "index out of range in self", "embedding out of range");
    /* PyTorch checks the batch size before the target dtype */
    wk_tensor *f4 = wk_tensor_zeros(SH(4), WK_DT_F32, WK_CPU);
    err_is(wk_op_nll_loss(x2, f4, NULL, WK_REDUCTION_MEAN, -100), WK_ERR_RUNTIME, "expected scalar type Long but found Float",
           "nll_loss float target");
    err_is(wk_op_nll_loss(x2, fi, NULL, WK_REDUCTION_MEAN, -100), WK_ERR_VALUE,
           "Expected input batch_size (4) to match target batch_size (2).", "nll_loss float target, wrong batch");
    wk_tensor_decref(f4);
    wk_tensor *t7 = wk_tensor_full(SH(4), wk_scalar_int(7), WK_DT_I64, WK_CPU), *t2 = wk_tensor_zeros(SH(2), WK_DT_I64, WK_CPU);
    err_is(wk_op_cross_entropy(x2, t7, NULL, WK_REDUCTION_MEAN, -100, 0), WK_ERR_INDEX, "Target 7 is out of bounds.", "cross_entropy target 7");
    err_is(wk_op_cross_entropy(x2, t2, NULL, WK_REDUCTION_MEAN, -100, 0), WK_ERR_VALUE,
           "Expected input batch_size (4) to match target batch_size (2).", "cross_entropy batch mismatch");
    err_is(wk_op_linear(x13, wl, bl), WK_ERR_RUNTIME, "mat1 and mat2 shapes cannot be multiplied (1x3 and 5x3)", "linear shape mismatch");
    err_is(wk_op_dropout(x2, 1.5, true), WK_ERR_VALUE, "dropout probability has to be between 0 and 1, but got 1.5", "dropout p=1.5");
    wk_tensor *xs = wk_tensor_full(SH(2), wk_scalar_float(1.5), WK_DT_F32, WK_CPU);
    err_is(wk_op_binary_cross_entropy(xs, xs, NULL, WK_REDUCTION_MEAN), WK_ERR_RUNTIME, "all elements of input should be between 0 and 1",
           "bce out of range");
    wk_tensor *objs[] = {x4, w, x2, x3, wl, bl, tg, emb, bad, x1, wbig, x13, fi, big, t7, t2, xs};
    for (size_t i = 0; i < sizeof objs / sizeof *objs; i++) wk_tensor_decref(objs[i]);
}

static void test_dropout_vector(void) {
    /* torch-compat.md 2.8: manual_seed(123); nn.Dropout(0.5)(torch.ones(6,6)) */
    static const char *rows = "220220000202222202022002020202022220";
    wk_tensor *x = wk_tensor_ones(SH(6, 6), WK_DT_F32, WK_CPU);
    wk_rng_seed(wk_rng_default(), 123);
    wk_tensor *y = wk_op_dropout(x, 0.5, true);
    bool ok = y != NULL;
    for (int i = 0; ok && i < 36; i++) ok = rt_at(y, i) == rows[i] - '0';
    tap_ok(ok, "dropout mask of torch-compat 2.8 test vector");
    wk_tensor_decref(x);
    wk_tensor_decref(y);
}

int main(void) {
    tcase *cs;
    int n = load_cases(&cs);
    if (n <= 0) { tap_ok(false, "cannot read %s", DATA_FILE); return tap_done_testing(); }
    for (int i = 0; i < n; i++) check_forward(&cs[i]);
    for (int i = 0; i < n; i++) check_gradients(&cs[i]);
    test_names_and_errors();
    test_dropout_vector();
    for (int i = 0; i < n; i++)
        for (int j = 0; j < cs[i].nr; j++) wk_tensor_decref(cs[i].r[j].t);
    free(cs);
    return tap_done_testing();
}
