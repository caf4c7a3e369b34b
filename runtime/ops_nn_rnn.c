/* ops_nn_rnn.c — LSTM/GRU: fused pointwise cell nodes on top of addmm projections, cell ops and multi-layer (bi)directional sequence drivers. */
#include "autograd_impl.h"
#include "ops_nn.h"
#include <stdlib.h>
#include <string.h>
#include <math.h>

static double sg(double x) { return 1 / (1 + exp(-x)); }

/* ================================================================== fused pointwise cells */
/* LSTM: gi, gh (B, 4H) gate pre-activations (rows i, f, g, o), c (B, H) -> h, c'.
 * Saved buffer (B, 5H): activated i, f, g, o and tanh(c'). */
static void lstm_fwd(bool f64, int64_t B, int64_t H, const void *gi, const void *gh, const void *c, void *h_out,
                     void *c_out, void *buf) {
    for (int64_t b = 0; b < B; b++)
        for (int64_t j = 0; j < H; j++) {
            int64_t gbase = b * 4 * H + j, sb = b * 5 * H + j, e = b * H + j;
            double a[4];
            for (int q = 0; q < 4; q++) a[q] = wk_nn_ld(gi, gbase + q * H, f64) + wk_nn_ld(gh, gbase + q * H, f64);
            double i = sg(a[0]), f = sg(a[1]), g = tanh(a[2]), o = sg(a[3]);
            double cn = f * wk_nn_ld(c, e, f64) + i * g, tc = tanh(cn);
            wk_nn_st(c_out, e, cn, f64);
            wk_nn_st(h_out, e, o * tc, f64);
            double acts[5] = {i, f, g, o, tc};
            for (int q = 0; q < 5; q++) wk_nn_st(buf, sb + q * H, acts[q], f64);
        }
}

static void lstm_bwd(bool f64, int64_t B, int64_t H, const void *buf, const void *c, const void *gh_, const void *gc_,
                     void *dgates, void *dc) {
    for (int64_t b = 0; b < B; b++)
        for (int64_t j = 0; j < H; j++) {
            int64_t sb = b * 5 * H + j, e = b * H + j, gbase = b * 4 * H + j;
            double i = wk_nn_ld(buf, sb, f64), f = wk_nn_ld(buf, sb + H, f64), g = wk_nn_ld(buf, sb + 2 * H, f64);
            double o = wk_nn_ld(buf, sb + 3 * H, f64), tc = wk_nn_ld(buf, sb + 4 * H, f64);
            double dh = wk_nn_ld(gh_, e, f64), dct = wk_nn_ld(gc_, e, f64) + dh * o * (1 - tc * tc);
            double d[4] = {dct * g * i * (1 - i), dct * wk_nn_ld(c, e, f64) * f * (1 - f), dct * i * (1 - g * g),
                           dh * tc * o * (1 - o)};
            for (int q = 0; q < 4; q++) wk_nn_st(dgates, gbase + q * H, d[q], f64);
            if (dc) wk_nn_st(dc, e, dct * f, f64);
        }
}

/* GRU: gi, gh (B, 3H) (rows r, z, n; gh includes b_hh), h (B, H) -> h'. Saved buffer (B, 4H): r, z, n, gh_n. */
static void gru_fwd(bool f64, int64_t B, int64_t H, const void *gi, const void *gh, const void *h, void *h_out, void *buf) {
    for (int64_t b = 0; b < B; b++)
        for (int64_t j = 0; j < H; j++) {
            int64_t g3 = b * 3 * H + j, sb = b * 4 * H + j, e = b * H + j;
            double r = sg(wk_nn_ld(gi, g3, f64) + wk_nn_ld(gh, g3, f64));
            double z = sg(wk_nn_ld(gi, g3 + H, f64) + wk_nn_ld(gh, g3 + H, f64));
            double hn = wk_nn_ld(gh, g3 + 2 * H, f64), nn = tanh(wk_nn_ld(gi, g3 + 2 * H, f64) + r * hn);
            wk_nn_st(h_out, e, (1 - z) * nn + z * wk_nn_ld(h, e, f64), f64);
            double s[4] = {r, z, nn, hn};
            for (int q = 0; q < 4; q++) wk_nn_st(buf, sb + q * H, s[q], f64);
        }
}

static void gru_bwd(bool f64, int64_t B, int64_t H, const void *buf, const void *h, const void *gout, void *dgi,
                    void *dgh, void *dh) {
    for (int64_t b = 0; b < B; b++)
        for (int64_t j = 0; j < H; j++) {
            int64_t g3 = b * 3 * H + j, sb = b * 4 * H + j, e = b * H + j;
            double r = wk_nn_ld(buf, sb, f64), z = wk_nn_ld(buf, sb + H, f64), nn = wk_nn_ld(buf, sb + 2 * H, f64);
            double hn = wk_nn_ld(buf, sb + 3 * H, f64), go = wk_nn_ld(gout, e, f64), hp = wk_nn_ld(h, e, f64);
            double dn = go * (1 - z) * (1 - nn * nn), dz = go * (hp - nn) * z * (1 - z), dr = dn * hn * r * (1 - r);
            double gi3[3] = {dr, dz, dn}, gh3[3] = {dr, dz, dn * r};
            for (int q = 0; q < 3; q++) {
                wk_nn_st(dgi, g3 + q * H, gi3[q], f64);
                wk_nn_st(dgh, g3 + q * H, gh3[q], f64);
            }
            if (dh) wk_nn_st(dh, e, go * z, f64);
        }
}

/* ------------------------------------------------------------------ nodes */
static void *dp(wk_tensor *t) { return t ? wk_tensor_data(t) : NULL; }

static bool bw_lstm_cell(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_tensor *buf = wk_ag_saved(n, 0), *c = wk_ag_saved(n, 1);
    if (!buf || !c) return false;
    wk_tensor *gh = wk_tensor_contiguous(g[0]), *gc = wk_tensor_contiguous(g[1]);
    int64_t B = n->iv[0], H = n->iv[1], sh[2] = {B, 4 * H};
    wk_tensor *dg = gh && gc ? wk_tensor_empty(2, sh, buf->dtype, WK_CPU) : NULL;
    wk_tensor *dc = dg && n->next[2].fn ? wk_nn_grad_like(n, 2, false) : NULL;
    bool ok = dg && (!n->next[2].fn || dc);
    if (ok) lstm_bwd(buf->dtype == WK_DT_F64, B, H, dp(buf), dp(c), dp(gh), dp(gc), dp(dg), dp(dc));
    wk_tensor_decref(gh); wk_tensor_decref(gc);
    if (!ok) { wk_tensor_decref(dg); wk_tensor_decref(dc); return false; }
    gin[0] = n->next[0].fn ? wk_tensor_incref(dg) : NULL;
    gin[1] = n->next[1].fn ? wk_tensor_incref(dg) : NULL;
    gin[2] = dc;
    wk_tensor_decref(dg);
    return true;
}

static bool bw_gru_cell(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_tensor *buf = wk_ag_saved(n, 0), *h = wk_ag_saved(n, 1);
    if (!buf || !h) return false;
    wk_tensor *go = wk_tensor_contiguous(g[0]);
    int64_t B = n->iv[0], H = n->iv[1], sh[2] = {B, 3 * H};
    wk_tensor *di = go ? wk_tensor_empty(2, sh, buf->dtype, WK_CPU) : NULL, *dh2 = di ? wk_tensor_empty(2, sh, buf->dtype, WK_CPU) : NULL;
    wk_tensor *dh = dh2 && n->next[2].fn ? wk_nn_grad_like(n, 2, false) : NULL;
    bool ok = dh2 && (!n->next[2].fn || dh);
    if (ok) gru_bwd(buf->dtype == WK_DT_F64, B, H, dp(buf), dp(h), dp(go), dp(di), dp(dh2), dp(dh));
    wk_tensor_decref(go);
    if (!ok) { wk_tensor_decref(di); wk_tensor_decref(dh2); wk_tensor_decref(dh); return false; }
    gin[0] = di;
    gin[1] = dh2;
    gin[2] = dh;
    return true;
}

/* Runs a fused cell: ins = {gi, gh, state}; outs[0..n_out). */
static bool fused_cell(bool lstm, wk_tensor *gi, wk_tensor *gh, wk_tensor *st, wk_tensor **outs) {
    int64_t B = st->shape[0], H = st->shape[1], bs[2] = {B, (lstm ? 5 : 4) * H};
    wk_tensor *ins[3] = {wk_tensor_contiguous(gi), wk_tensor_contiguous(gh), wk_tensor_contiguous(st)};
    wk_tensor *buf = wk_tensor_empty(2, bs, st->dtype, WK_CPU);
    int n_out = lstm ? 2 : 1;
    for (int i = 0; i < n_out; i++) outs[i] = wk_tensor_empty(2, st->shape, st->dtype, WK_CPU);
    bool ok = ins[0] && ins[1] && ins[2] && buf && outs[0] && (!lstm || outs[1]);
    bool f64 = st->dtype == WK_DT_F64;
    if (ok && lstm) lstm_fwd(f64, B, H, dp(ins[0]), dp(ins[1]), dp(ins[2]), dp(outs[0]), dp(outs[1]), dp(buf));
    else if (ok) gru_fwd(f64, B, H, dp(ins[0]), dp(ins[1]), dp(ins[2]), dp(outs[0]), dp(buf));
    wk_tensor *orig[3] = {gi, gh, st};
    if (ok && wk_ag_needs(3, orig)) {
        wk_node *n = wk_ag_node(lstm ? "ThnnFusedLstmCellBackward0" : "ThnnFusedGruCellBackward0",
                                lstm ? bw_lstm_cell : bw_gru_cell, 3, orig, n_out);
        if ((ok = n != NULL)) {
            n->iv[0] = B; n->iv[1] = H;
            for (int i = 0; i < n_out; i++) wk_ag_set_output(n, i, outs[i]);
            wk_ag_save(n, buf);
            wk_ag_save(n, ins[2]);
            wk_node_decref(n);
        }
    }
    for (int i = 0; i < 3; i++) wk_tensor_decref(ins[i]);
    wk_tensor_decref(buf);
    if (!ok)
        for (int i = 0; i < n_out; i++) { wk_tensor_decref(outs[i]); outs[i] = NULL; }
    return ok;
}

static bool cell_checks(wk_tensor *x, wk_tensor *h, wk_tensor *w_ih, wk_tensor *w_hh, int gates) {
    wk_tensor *const ts[4] = {x, h, w_ih, w_hh};
    if (!wk_ops_same_device(4, ts) || !wk_nn_check_float(h, gates == 4 ? "lstm_cell" : "gru_cell")) return false;
    if (x->ndim != 2 || h->ndim != 2 || x->shape[0] != h->shape[0])
        return wk_rt_err(WK_ERR_RUNTIME, "Expected input and hidden state to be 2-D with the same batch size");
    if (w_hh->ndim != 2 || w_hh->shape[0] != gates * h->shape[1] || w_hh->shape[1] != h->shape[1])
        return wk_rt_err(WK_ERR_RUNTIME, "hidden0 has inconsistent hidden_size: got %lld, expected %lld",
                         (long long)h->shape[1], (long long)(w_hh->ndim == 2 ? w_hh->shape[1] : -1));
    if (w_ih->ndim != 2 || w_ih->shape[0] != w_hh->shape[0] || w_ih->shape[1] != x->shape[1])
        return wk_rt_err(WK_ERR_RUNTIME, "input has inconsistent input_size: got %lld expected %lld", (long long)x->shape[1],
                         (long long)(w_ih->ndim == 2 ? w_ih->shape[1] : -1));
    return true;
}

/* gh = h @ w_hh^T (+ b_hh): the recurrent projection. */
static wk_tensor *hproj(wk_tensor *h, wk_tensor *w_hh_t, wk_tensor *b_hh) {
    return b_hh ? wk_op_addmm(b_hh, h, w_hh_t, wk_scalar_int(1), wk_scalar_int(1)) : wk_op_mm(h, w_hh_t);
}

bool wk_op_lstm_cell(wk_tensor *input, wk_tensor *hx, wk_tensor *cx, wk_tensor *w_ih, wk_tensor *w_hh,
                     wk_tensor *b_ih, wk_tensor *b_hh, wk_tensor **h, wk_tensor **c) {
    if (!cell_checks(input, hx, w_ih, w_hh, 4)) return false;
    if (!wk_same_shape(hx, cx)) return wk_rt_err(WK_ERR_RUNTIME, "hx and cx must have the same shape");
    wk_tensor *wt = wk_op_t(w_hh), *gi = wk_op_linear(input, w_ih, b_ih), *gh = wt ? hproj(hx, wt, b_hh) : NULL;
    wk_tensor *outs[2] = {NULL, NULL};
    bool ok = gi && gh && fused_cell(true, gi, gh, cx, outs);
    wk_tensor_decref(wt); wk_tensor_decref(gi); wk_tensor_decref(gh);
    *h = outs[0];
    *c = outs[1];
    return ok;
}

wk_tensor *wk_op_gru_cell(wk_tensor *input, wk_tensor *hx, wk_tensor *w_ih, wk_tensor *w_hh,
                          wk_tensor *b_ih, wk_tensor *b_hh) {
    if (!cell_checks(input, hx, w_ih, w_hh, 3)) return NULL;
    wk_tensor *wt = wk_op_t(w_hh), *gi = wk_op_linear(input, w_ih, b_ih), *gh = wt ? hproj(hx, wt, b_hh) : NULL;
    wk_tensor *out = NULL;
    if (gi && gh) fused_cell(false, gi, gh, hx, &out);
    wk_tensor_decref(wt); wk_tensor_decref(gi); wk_tensor_decref(gh);
    return out;
}

/* ================================================================== sequence drivers */
typedef struct rnn_cfg {
    bool lstm, biases, train;
    int64_t layers, dirs;
    double dropout;
} rnn_cfg;

/* One direction of one layer over x (T, B, In): *out (T, B, H), final *hT (and *cT). */
static bool run_dir(const rnn_cfg *cfg, wk_tensor *x, wk_tensor *const *p, wk_tensor *h0, wk_tensor *c0, bool rev,
                    wk_tensor **out, wk_tensor **hT, wk_tensor **cT) {
    int64_t T = x->shape[0], B = x->shape[1], flat[2] = {T * B, x->shape[2]};
    wk_tensor *x2 = wk_op_reshape(x, 2, flat);
    wk_tensor *gi2 = x2 ? wk_op_linear(x2, p[0], cfg->biases ? p[2] : NULL) : NULL;
    int64_t sh3[3] = {T, B, gi2 ? gi2->shape[1] : 0};
    wk_tensor *gi_all = gi2 ? wk_op_view(gi2, 3, sh3) : NULL, *wt = wk_op_t(p[1]);
    wk_tensor_decref(x2);
    wk_tensor_decref(gi2);
    wk_tensor **steps = calloc((size_t)(T ? T : 1), sizeof *steps);
    wk_tensor *h = wk_tensor_incref(h0), *c = c0 ? wk_tensor_incref(c0) : NULL;
    bool ok = gi_all && wt && steps;
    for (int64_t k = 0; ok && k < T; k++) {
        int64_t t = rev ? T - 1 - k : k;
        wk_tensor *gi = wk_op_select(gi_all, 0, t), *gh = hproj(h, wt, cfg->biases ? p[3] : NULL), *o[2] = {NULL, NULL};
        ok = gi && gh && fused_cell(cfg->lstm, gi, gh, cfg->lstm ? c : h, o);
        wk_tensor_decref(gi); wk_tensor_decref(gh);
        if (!ok) break;
        wk_tensor_decref(h);
        h = o[0];
        if (cfg->lstm) { wk_tensor_decref(c); c = o[1]; }
        steps[t] = wk_tensor_incref(h);
    }
    *out = ok ? wk_op_stack((int)T, steps, 0) : NULL;
    for (int64_t t = 0; steps && t < T; t++) wk_tensor_decref(steps[t]);
    free(steps);
    wk_tensor_decref(gi_all);
    wk_tensor_decref(wt);
    ok = ok && *out;
    *hT = ok ? h : NULL;
    if (!ok) wk_tensor_decref(h);
    if (cT) *cT = ok ? c : NULL;
    if ((!ok || !cT) && c) wk_tensor_decref(c);
    return ok;
}

/* Initial state slice k of hx (L*D, B, H), or zeros. */
static wk_tensor *state0(wk_tensor *hx, int64_t k, const wk_tensor *x, int64_t H) {
    if (hx) return wk_op_select(hx, 0, k);
    int64_t sh[2] = {x->shape[1], H};
    return wk_tensor_zeros(2, sh, x->dtype, wk_tensor_device(x));
}

static bool rnn_checks(const rnn_cfg *cfg, wk_tensor *x, wk_tensor *hx, int n_params, wk_tensor *const *params) {
    int64_t per = cfg->biases ? 4 : 2;
    if (n_params != cfg->layers * cfg->dirs * per)
        return wk_rt_err(WK_ERR_RUNTIME, "%s: expected %lld parameter tensors, got %d", cfg->lstm ? "lstm" : "gru",
                         (long long)(cfg->layers * cfg->dirs * per), n_params);
    if (x->ndim != 3) return wk_rt_err(WK_ERR_RUNTIME, "input must have 3 dimensions, got %d", x->ndim);
    if (hx && (hx->ndim != 3 || hx->shape[0] != cfg->layers * cfg->dirs || hx->shape[1] != x->shape[1]))
        return wk_rt_err(WK_ERR_RUNTIME, "Expected hidden size (%lld, %lld, %lld), got %s", (long long)(cfg->layers * cfg->dirs),
                         (long long)x->shape[1], (long long)params[1]->shape[1], "a different shape");
    return true;
}

/* The whole stack on x (T, B, I); *hn and *cn (LSTM) are stacked over layers*dirs. */
static bool run_stack(const rnn_cfg *cfg, wk_tensor *x, wk_tensor *hx, wk_tensor *cx, wk_tensor *const *params,
                      wk_tensor **output, wk_tensor **hn, wk_tensor **cn) {
    int64_t per = cfg->biases ? 4 : 2, H = params[1]->shape[1], LD = cfg->layers * cfg->dirs;
    wk_tensor **hs = calloc((size_t)LD, sizeof *hs), **cs = calloc((size_t)LD, sizeof *cs);
    wk_tensor *layer_in = wk_tensor_incref(x);
    bool ok = hs && cs;
    for (int64_t l = 0; ok && l < cfg->layers; l++) {
        wk_tensor *outs[2] = {NULL, NULL};
        for (int64_t d = 0; ok && d < cfg->dirs; d++) {
            int64_t k = l * cfg->dirs + d;
            wk_tensor *h0 = state0(hx, k, x, H), *c0 = cfg->lstm ? state0(cx, k, x, H) : NULL;
            ok = h0 && (!cfg->lstm || c0) &&
                 run_dir(cfg, layer_in, params + k * per, h0, c0, d == 1, &outs[d], &hs[k], cfg->lstm ? &cs[k] : NULL);
            wk_tensor_decref(h0);
            wk_tensor_decref(c0);
        }
        wk_tensor *lo = !ok ? NULL : cfg->dirs == 2 ? wk_op_cat(2, outs, 2) : wk_tensor_incref(outs[0]);
        wk_tensor_decref(outs[0]);
        wk_tensor_decref(outs[1]);
        if (lo && cfg->dropout > 0 && cfg->train && l + 1 < cfg->layers) {
            wk_tensor *dr = wk_op_dropout(lo, cfg->dropout, true);
            wk_tensor_decref(lo);
            lo = dr;
        }
        wk_tensor_decref(layer_in);
        layer_in = lo;
        ok = ok && lo;
    }
    *output = ok ? layer_in : NULL;
    if (!ok) wk_tensor_decref(layer_in);
    *hn = ok ? wk_op_stack((int)LD, hs, 0) : NULL;
    if (cn) *cn = ok ? wk_op_stack((int)LD, cs, 0) : NULL;
    for (int64_t k = 0; hs && cs && k < LD; k++) { wk_tensor_decref(hs[k]); wk_tensor_decref(cs[k]); }
    free(hs);
    free(cs);
    ok = ok && *hn && (!cn || *cn);
    if (!ok) {
        wk_tensor_decref(*output); *output = NULL;
        wk_tensor_decref(*hn); *hn = NULL;
        if (cn) { wk_tensor_decref(*cn); *cn = NULL; }
    }
    return ok;
}

/* Layout adapters: batch_first and unbatched inputs around run_stack. */
static bool rnn_entry(const rnn_cfg *cfg, wk_tensor *input, wk_tensor *hx, wk_tensor *cx, int n_params,
                      wk_tensor *const *params, bool batch_first, wk_tensor **output, wk_tensor **hn, wk_tensor **cn) {
    bool unbatched = input->ndim == 2;
    wk_tensor *x = unbatched ? wk_op_unsqueeze(input, 1) : batch_first ? wk_op_transpose(input, 0, 1) : wk_tensor_incref(input);
    wk_tensor *h = hx && unbatched ? wk_op_unsqueeze(hx, 1) : (hx ? wk_tensor_incref(hx) : NULL);
    wk_tensor *c = cx && unbatched ? wk_op_unsqueeze(cx, 1) : (cx ? wk_tensor_incref(cx) : NULL);
    wk_tensor *o = NULL, *hs = NULL, *cs = NULL;
    bool ok = x && (!hx || h) && (!cx || c) && rnn_checks(cfg, x, h, n_params, params) &&
              run_stack(cfg, x, h, c, params, &o, &hs, cn ? &cs : NULL);
    wk_tensor_decref(x); wk_tensor_decref(h); wk_tensor_decref(c);
    if (!ok) return false;
    if (unbatched || batch_first) {
        wk_tensor *o2 = unbatched ? wk_op_squeeze_dim(o, 1) : wk_op_transpose(o, 0, 1);
        wk_tensor_decref(o);
        o = o2;
    }
    if (unbatched) {
        wk_tensor *h2 = wk_op_squeeze_dim(hs, 1), *c2 = cs ? wk_op_squeeze_dim(cs, 1) : NULL;
        wk_tensor_decref(hs); wk_tensor_decref(cs);
        hs = h2;
        cs = c2;
    }
    *output = o;
    *hn = hs;
    if (cn) *cn = cs;
    return o && hs && (!cn || cs);
}

bool wk_op_lstm(wk_tensor *input, wk_tensor *hx, wk_tensor *cx, int n_params, wk_tensor *const *params,
                bool has_biases, int64_t num_layers, double dropout, bool train, bool bidirectional,
                bool batch_first, wk_tensor **output, wk_tensor **h_n, wk_tensor **c_n) {
    rnn_cfg cfg = {true, has_biases, train, num_layers, bidirectional ? 2 : 1, dropout};
    return rnn_entry(&cfg, input, hx, cx, n_params, params, batch_first, output, h_n, c_n);
}

bool wk_op_gru(wk_tensor *input, wk_tensor *hx, int n_params, wk_tensor *const *params, bool has_biases,
               int64_t num_layers, double dropout, bool train, bool bidirectional, bool batch_first,
               wk_tensor **output, wk_tensor **h_n) {
    rnn_cfg cfg = {false, has_biases, train, num_layers, bidirectional ? 2 : 1, dropout};
    return rnn_entry(&cfg, input, hx, NULL, n_params, params, batch_first, output, h_n, NULL);
}
