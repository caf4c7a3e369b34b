/* test_grad.c — gradient checks of every differentiable op against central differences in float64, plus autograd engine rules. */
#include "../../runtime/autograd.h"
#include "../../runtime/ops.h"
#include "../unit/tap.h"
#include <math.h>
#include <string.h>

/* ------------------------------------------------------------------ helpers */
static uint64_t g_state = 88172645463325252ull;
static double urand(void) {
    g_state ^= g_state << 13; g_state ^= g_state >> 7; g_state ^= g_state << 17;
    return (double)(g_state >> 11) / 9007199254740992.0;
}

static void idx_of(const wk_tensor *t, int64_t flat, int64_t *idx) {
    for (int d = t->ndim - 1; d >= 0; d--) { idx[d] = flat % t->shape[d]; flat /= t->shape[d]; }
}
static double get(const wk_tensor *t, int64_t i) { return wk_scalar_to_f64(wk_tensor_get_flat(t, i)); }
static void set(wk_tensor *t, int64_t i, double v) {
    int64_t idx[WK_MAX_DIMS];
    idx_of(t, i, idx);
    wk_dtype_store_f64(t->dtype, wk_tensor_ptr_at(t, idx), v);
}

/* Random float64 leaf in [lo, hi); transposed (non-contiguous) when asked and ndim >= 2. */
static wk_tensor *rnd(int nd, const int64_t *shape, double lo, double hi, bool noncontig) {
    int64_t sh[WK_MAX_DIMS];
    memcpy(sh, shape, sizeof(int64_t) * (size_t)nd);
    bool tr = noncontig && nd >= 2;
    if (tr) { int64_t t = sh[nd - 1]; sh[nd - 1] = sh[nd - 2]; sh[nd - 2] = t; }
    wk_tensor *t = wk_tensor_empty(nd, sh, WK_DT_F64, WK_CPU);
    for (int64_t i = 0; i < wk_tensor_numel(t); i++) set(t, i, lo + (hi - lo) * urand());
    if (tr) { wk_tensor *v = wk_tensor_transpose(t, nd - 2, nd - 1); wk_tensor_decref(t); t = v; }
    wk_autograd_set_requires_grad(t, true);
    return t;
}
#define SH(...) (int)(sizeof((int64_t[]){__VA_ARGS__}) / sizeof(int64_t)), (int64_t[]){__VA_ARGS__}

typedef wk_tensor *(*fn_t)(wk_tensor **in);

/* loss = sum(f(in) * w) for fixed random weights w */
static wk_tensor *g_w;
static wk_tensor *loss_of(fn_t f, wk_tensor **in) {
    wk_tensor *o = f(in);
    if (!o) return NULL;
    if (!g_w || !wk_same_shape(g_w, o)) {
        wk_tensor_decref(g_w);
        g_w = wk_tensor_empty(o->ndim, o->shape, WK_DT_F64, WK_CPU);
        for (int64_t i = 0; i < wk_tensor_numel(g_w); i++) set(g_w, i, urand() * 2 - 1);
    }
    wk_tensor *of = wk_op_to_dtype(o, WK_DT_F64, false);
    wk_tensor *m = wk_op_binary(WK_OP_MUL, wk_vt(of), wk_vt(g_w));
    wk_tensor *l = wk_op_sum(m, NULL, 0, false, WK_NO_DTYPE);
    wk_tensor_decref(o); wk_tensor_decref(of); wk_tensor_decref(m);
    return l;
}

static bool gradcheck(const char *name, fn_t f, int n, wk_tensor **in) {
    wk_tensor_decref(g_w);
    g_w = NULL;
    wk_tensor *l = loss_of(f, in);
    if (!l) { tap_ok(false, "%s: forward failed: %s", name, wk_rt_errmsg()); return false; }
    wk_tensor *res[8] = {0};
    if (!wk_autograd_grad(1, &l, NULL, n, in, false, false, true, res)) {
        tap_ok(false, "%s: backward failed: %s", name, wk_rt_errmsg());
        wk_tensor_decref(l);
        return false;
    }
    wk_tensor_decref(l);
    double worst = 0;
    wk_grad_set_enabled(false);
    for (int i = 0; i < n; i++) {
        for (int64_t j = 0; j < wk_tensor_numel(in[i]); j++) {
            double x = get(in[i], j), eps = 1e-6;
            set(in[i], j, x + eps);
            wk_tensor *lp = loss_of(f, in);
            set(in[i], j, x - eps);
            wk_tensor *lm = loss_of(f, in);
            set(in[i], j, x);
            double num = (get(lp, 0) - get(lm, 0)) / (2 * eps);
            double ana = res[i] ? get(res[i], j) : 0;
            double err = fabs(num - ana) / (1 + fabs(num));
            if (err > worst) worst = err;
            wk_tensor_decref(lp); wk_tensor_decref(lm);
        }
    }
    wk_grad_set_enabled(true);
    for (int i = 0; i < n; i++) wk_tensor_decref(res[i]);
    return tap_ok(worst < 1e-5, "gradcheck %s (max rel err %.2g)", name, worst);
}

static void check(const char *name, fn_t f, int n, wk_tensor **in) {
    gradcheck(name, f, n, in);
    for (int i = 0; i < n; i++) wk_tensor_decref(in[i]);
}

/* ------------------------------------------------------------------ op wrappers */
#define UN(NAME, OP) static wk_tensor *f_##NAME(wk_tensor **x) { return wk_op_unary(OP, x[0]); }
UN(neg, WK_UOP_NEG) UN(abs, WK_UOP_ABS) UN(square, WK_UOP_SQUARE) UN(recip, WK_UOP_RECIPROCAL)
UN(exp, WK_UOP_EXP) UN(exp2, WK_UOP_EXP2) UN(expm1, WK_UOP_EXPM1) UN(log, WK_UOP_LOG) UN(log2, WK_UOP_LOG2)
UN(log10, WK_UOP_LOG10) UN(log1p, WK_UOP_LOG1P) UN(sqrt, WK_UOP_SQRT) UN(rsqrt, WK_UOP_RSQRT)
UN(sin, WK_UOP_SIN) UN(cos, WK_UOP_COS) UN(tan, WK_UOP_TAN) UN(asin, WK_UOP_ASIN) UN(acos, WK_UOP_ACOS)
UN(atan, WK_UOP_ATAN) UN(sinh, WK_UOP_SINH) UN(cosh, WK_UOP_COSH) UN(tanh, WK_UOP_TANH)
UN(sigmoid, WK_UOP_SIGMOID) UN(relu, WK_UOP_RELU) UN(erf, WK_UOP_ERF) UN(gelu, WK_UOP_GELU)
UN(silu, WK_UOP_SILU) UN(softplus, WK_UOP_SOFTPLUS) UN(frac, WK_UOP_FRAC) UN(floor, WK_UOP_FLOOR)

#define BIN(NAME, OP) static wk_tensor *f_##NAME(wk_tensor **x) { return wk_op_binary(OP, wk_vt(x[0]), wk_vt(x[1])); }
BIN(add, WK_OP_ADD) BIN(sub, WK_OP_SUB) BIN(mul, WK_OP_MUL) BIN(div, WK_OP_DIV) BIN(pow, WK_OP_POW)
BIN(maximum, WK_OP_MAXIMUM) BIN(minimum, WK_OP_MINIMUM) BIN(atan2, WK_OP_ATAN2) BIN(rem, WK_OP_REMAINDER)
BIN(fmod, WK_OP_FMOD)

static wk_tensor *f_add_alpha(wk_tensor **x) { return wk_op_sub(wk_vt(x[0]), wk_vt(x[1]), wk_scalar_float(2.5)); }
static wk_tensor *f_rsub(wk_tensor **x) { return wk_op_sub(wk_vf(1.5), wk_vt(x[0]), wk_scalar_int(1)); }
static wk_tensor *f_rdiv(wk_tensor **x) { return wk_op_div(wk_vf(2), wk_vt(x[0]), NULL); }
static wk_tensor *f_pows(wk_tensor **x) { return wk_op_binary(WK_OP_POW, wk_vt(x[0]), wk_vf(3)); }
static wk_tensor *f_rpow(wk_tensor **x) { return wk_op_binary(WK_OP_POW, wk_vf(2), wk_vt(x[0])); }
static wk_tensor *f_muls(wk_tensor **x) { return wk_op_binary(WK_OP_MUL, wk_vt(x[0]), wk_vf(-3)); }
static wk_tensor *f_clamp(wk_tensor **x) { wk_val lo = wk_vf(-0.3), hi = wk_vf(0.4); return wk_op_clamp(x[0], &lo, &hi); }
static wk_tensor *f_clampt(wk_tensor **x) { wk_val lo = wk_vt(x[1]); return wk_op_clamp(x[0], &lo, NULL); }
static wk_tensor *f_leaky(wk_tensor **x) { return wk_op_leaky_relu(x[0], 0.1); }
static wk_tensor *f_elu(wk_tensor **x) { return wk_op_elu(x[0], 1.3); }
static wk_tensor *f_where(wk_tensor **x) {
    wk_tensor *c = wk_op_binary(WK_OP_GT, wk_vt(x[0]), wk_vf(0));
    wk_tensor *r = wk_op_where(c, wk_vt(x[0]), wk_vt(x[1]));
    wk_tensor_decref(c);
    return r;
}
static wk_tensor *f_lerp(wk_tensor **x) { return wk_op_lerp(x[0], x[1], wk_vt(x[2])); }
static wk_tensor *f_lerps(wk_tensor **x) { return wk_op_lerp(x[0], x[1], wk_vf(0.3)); }
static wk_tensor *f_mfill(wk_tensor **x) {
    wk_tensor *c = wk_op_binary(WK_OP_GT, wk_vt(x[0]), wk_vf(0));
    wk_tensor *r = wk_op_masked_fill(x[0], c, wk_vf(2));
    wk_tensor_decref(c);
    return r;
}
static wk_tensor *f_inplace(wk_tensor **x) {
    wk_tensor *c = wk_op_binary(WK_OP_MUL, wk_vt(x[0]), wk_vf(1));
    wk_op_binary_(WK_OP_MUL, c, wk_vt(x[1]));
    wk_op_add_(c, wk_vt(x[1]), wk_scalar_float(0.5));
    wk_op_unary_(WK_UOP_TANH, c);
    return c;
}
/* linear algebra */
static wk_tensor *f_mm(wk_tensor **x) { return wk_op_mm(x[0], x[1]); }
static wk_tensor *f_bmm(wk_tensor **x) { return wk_op_bmm(x[0], x[1]); }
static wk_tensor *f_mv(wk_tensor **x) { return wk_op_mv(x[0], x[1]); }
static wk_tensor *f_dot(wk_tensor **x) { return wk_op_dot(x[0], x[1]); }
static wk_tensor *f_outer(wk_tensor **x) { return wk_op_outer(x[0], x[1]); }
static wk_tensor *f_matmul(wk_tensor **x) { return wk_op_matmul(x[0], x[1]); }
static wk_tensor *f_addmm(wk_tensor **x) { return wk_op_addmm(x[0], x[1], x[2], wk_scalar_float(0.5), wk_scalar_int(2)); }
static wk_tensor *f_einsum(wk_tensor **x) { return wk_op_einsum("bij,bjk->bik", 2, x); }
static wk_tensor *f_einsum2(wk_tensor **x) { return wk_op_einsum("...ii,j->...ij", 2, x); }
static wk_tensor *f_triu(wk_tensor **x) { return wk_op_triu(x[0], 1); }
static wk_tensor *f_tril(wk_tensor **x) { return wk_op_tril(x[0], -1); }
/* reductions */
static const int64_t D1[1] = {1}, D02[2] = {0, 2};
static wk_tensor *f_sum(wk_tensor **x) { return wk_op_sum(x[0], NULL, 0, false, WK_NO_DTYPE); }
static wk_tensor *f_sumd(wk_tensor **x) { return wk_op_sum(x[0], D02, 2, false, WK_NO_DTYPE); }
static wk_tensor *f_mean(wk_tensor **x) { return wk_op_mean(x[0], D1, 1, true, WK_NO_DTYPE); }
static wk_tensor *f_var(wk_tensor **x) { return wk_op_var(x[0], D1, 1, 1, false); }
static wk_tensor *f_std(wk_tensor **x) { return wk_op_std(x[0], NULL, 0, 0, false); }
static wk_tensor *f_prod(wk_tensor **x) { return wk_op_prod(x[0], D1, false, WK_NO_DTYPE); }
static wk_tensor *f_prodall(wk_tensor **x) { return wk_op_prod(x[0], NULL, false, WK_NO_DTYPE); }
static wk_tensor *f_norm(wk_tensor **x) { return wk_op_norm(x[0], 2, D1, 1, false); }
static wk_tensor *f_norm3(wk_tensor **x) { return wk_op_norm(x[0], 3, NULL, 0, false); }
static wk_tensor *f_lse(wk_tensor **x) { return wk_op_logsumexp(x[0], D1, 1, false); }
static wk_tensor *f_amax(wk_tensor **x) { return wk_op_amax(x[0], D1, 1, false); }
static wk_tensor *f_max(wk_tensor **x) { return wk_op_max(x[0]); }
static wk_tensor *f_maxd(wk_tensor **x) { wk_tensor *v, *i; if (!wk_op_max_dim(x[0], 1, false, &v, &i)) return NULL; wk_tensor_decref(i); return v; }
static wk_tensor *f_mind(wk_tensor **x) { wk_tensor *v, *i; if (!wk_op_min_dim(x[0], 0, true, &v, &i)) return NULL; wk_tensor_decref(i); return v; }
static wk_tensor *f_cumsum(wk_tensor **x) { return wk_op_cumsum(x[0], 1, WK_NO_DTYPE); }
static wk_tensor *f_cumprod(wk_tensor **x) { return wk_op_cumprod(x[0], 0, WK_NO_DTYPE); }
static wk_tensor *f_softmax(wk_tensor **x) { return wk_op_softmax(x[0], 1, WK_NO_DTYPE); }
static wk_tensor *f_lsoftmax(wk_tensor **x) { return wk_op_log_softmax(x[0], 0, WK_NO_DTYPE); }
static wk_tensor *f_topk(wk_tensor **x) { wk_tensor *v, *i; if (!wk_op_topk(x[0], 2, 1, true, true, &v, &i)) return NULL; wk_tensor_decref(i); return v; }
static wk_tensor *f_sort(wk_tensor **x) { wk_tensor *v, *i; if (!wk_op_sort(x[0], 0, true, false, &v, &i)) return NULL; wk_tensor_decref(i); return v; }
/* shapes */
static wk_tensor *f_view(wk_tensor **x) { wk_tensor *c = wk_op_contiguous(x[0]); wk_tensor *r = wk_op_view(c, SH(-1, 2)); wk_tensor_decref(c); return r; }
static wk_tensor *f_reshape(wk_tensor **x) { return wk_op_reshape(x[0], SH(2, -1)); }
static wk_tensor *f_permute(wk_tensor **x) { return wk_op_permute(x[0], (int64_t[]){2, 0, 1}); }
static wk_tensor *f_transpose(wk_tensor **x) { return wk_op_transpose(x[0], 0, 1); }
static wk_tensor *f_expand(wk_tensor **x) { return wk_op_expand(x[0], SH(2, 3, 4)); }
static wk_tensor *f_narrow(wk_tensor **x) { return wk_op_narrow(x[0], 1, 1, 2); }
static wk_tensor *f_select(wk_tensor **x) { return wk_op_select(x[0], 0, -1); }
static wk_tensor *f_slice(wk_tensor **x) { return wk_op_slice(x[0], 1, true, 0, false, 0, 2); }
static wk_tensor *f_diag(wk_tensor **x) { return wk_op_diagonal(x[0], 0, 0, 1); }
static wk_tensor *f_repeat(wk_tensor **x) { return wk_op_repeat(x[0], 3, (int64_t[]){2, 1, 3}); }
static wk_tensor *f_flatten(wk_tensor **x) { return wk_op_flatten(x[0], 0, -1); }
static wk_tensor *f_squeeze(wk_tensor **x) { wk_tensor *u = wk_op_unsqueeze(x[0], 1); wk_tensor *r = wk_op_squeeze(u); wk_tensor_decref(u); return r; }
static wk_tensor *f_clone(wk_tensor **x) { return wk_op_clone(x[0]); }
static wk_tensor *f_todt(wk_tensor **x) { return wk_op_to_dtype(x[0], WK_DT_F64, true); }
static wk_tensor *f_cat(wk_tensor **x) { return wk_op_cat(2, x, 1); }
static wk_tensor *f_stack(wk_tensor **x) { return wk_op_stack(2, x, 1); }
static wk_tensor *f_split(wk_tensor **x) {
    int n;
    wk_tensor **p = wk_op_split(x[0], 2, 1, &n);
    if (!p) return NULL;
    wk_tensor *r = wk_op_binary(WK_OP_MUL, wk_vt(p[0]), wk_vt(p[1]));
    wk_op_list_free(n, p);
    return r;
}
static wk_tensor *f_unbind(wk_tensor **x) {
    int n;
    wk_tensor **p = wk_op_unbind(x[0], 0, &n);
    if (!p) return NULL;
    wk_tensor *r = wk_op_binary(WK_OP_MUL, wk_vt(p[0]), wk_vt(p[2]));
    wk_op_list_free(n, p);
    return r;
}
/* indexing */
static wk_tensor *g_ix;
static wk_tensor *f_isel(wk_tensor **x) { return wk_op_index_select(x[0], 1, g_ix); }
static wk_tensor *f_gather(wk_tensor **x) { return wk_op_gather(x[0], 1, g_ix); }
static wk_tensor *f_scatter(wk_tensor **x) { return wk_op_scatter(x[0], 1, g_ix, wk_vt(x[1]), WK_SCATTER_SET); }
static wk_tensor *f_scatter_add(wk_tensor **x) { return wk_op_scatter(x[0], 1, g_ix, wk_vt(x[1]), WK_SCATTER_ADD); }
static wk_tensor *f_index_add(wk_tensor **x) { return wk_op_index_add(x[0], 1, g_ix, x[1], wk_scalar_int(2)); }
static wk_tensor *f_index(wk_tensor **x) { wk_tensor *ix[2] = {NULL, g_ix}; return wk_op_index(x[0], 2, ix); }
static wk_tensor *f_index_mask(wk_tensor **x) {
    wk_tensor *m = wk_op_binary(WK_OP_GT, wk_vt(x[0]), wk_vf(0));
    wk_tensor *r = wk_op_index(x[0], 1, &m);
    wk_tensor_decref(m);
    return r;
}
static wk_tensor *f_index_put(wk_tensor **x) {
    wk_tensor *c = wk_op_binary(WK_OP_MUL, wk_vt(x[0]), wk_vf(1));
    wk_tensor *ix[1] = {g_ix};
    wk_op_index_put_(c, 1, ix, wk_vt(x[1]), true);
    return c;
}

static wk_tensor *ix_tensor(int n, const int64_t *v) {
    int64_t shape[1] = {n};
    return wk_tensor_from_data(1, shape, WK_DT_I64, v);
}

static void gradchecks(void) {
    struct { const char *n; fn_t f; double lo, hi; } un[] = {
        {"neg", f_neg, -2, 2}, {"abs", f_abs, 0.1, 2}, {"square", f_square, -2, 2}, {"reciprocal", f_recip, 0.5, 2},
        {"exp", f_exp, -1, 1}, {"exp2", f_exp2, -1, 1}, {"expm1", f_expm1, -1, 1}, {"log", f_log, 0.5, 2},
        {"log2", f_log2, 0.5, 2}, {"log10", f_log10, 0.5, 2}, {"log1p", f_log1p, 0, 2}, {"sqrt", f_sqrt, 0.5, 2},
        {"rsqrt", f_rsqrt, 0.5, 2}, {"sin", f_sin, -2, 2}, {"cos", f_cos, -2, 2}, {"tan", f_tan, -1, 1},
        {"asin", f_asin, -0.8, 0.8}, {"acos", f_acos, -0.8, 0.8}, {"atan", f_atan, -2, 2}, {"sinh", f_sinh, -1, 1},
        {"cosh", f_cosh, -1, 1}, {"tanh", f_tanh, -2, 2}, {"sigmoid", f_sigmoid, -2, 2}, {"relu", f_relu, 0.1, 1},
        {"erf", f_erf, -1, 1}, {"gelu", f_gelu, -2, 2}, {"silu", f_silu, -2, 2}, {"softplus", f_softplus, -2, 2},
        {"frac", f_frac, 0.1, 0.9}, {"floor", f_floor, 0.1, 0.9}, {"leaky_relu", f_leaky, 0.1, 1},
        {"elu", f_elu, -2, -0.1}, {"clamp", f_clamp, -1, 1}, {"pow scalar", f_pows, -2, 2}, {"rpow", f_rpow, -2, 2},
        {"mul scalar", f_muls, -2, 2}, {"rsub", f_rsub, -2, 2}, {"rdiv", f_rdiv, 0.5, 2}, {"masked_fill", f_mfill, -1, 1},
    };
    for (size_t i = 0; i < sizeof un / sizeof un[0]; i++) {
        wk_tensor *x[1] = {rnd(SH(3, 4), un[i].lo, un[i].hi, i % 2)};
        check(un[i].n, un[i].f, 1, x);
    }
    struct { const char *n; fn_t f; double lo, hi; } bin[] = {
        {"add", f_add, -2, 2}, {"sub", f_sub, -2, 2}, {"sub alpha", f_add_alpha, -2, 2}, {"mul", f_mul, -2, 2}, {"div", f_div, 0.5, 2},
        {"pow", f_pow, 0.5, 2}, {"maximum", f_maximum, -2, 2}, {"minimum", f_minimum, -2, 2}, {"atan2", f_atan2, 0.5, 2},
        {"remainder", f_rem, 0.5, 2}, {"fmod", f_fmod, 0.5, 2}, {"where", f_where, -2, 2}, {"clamp tensor", f_clampt, -1, 1},
        {"lerp scalar", f_lerps, -1, 1}, {"in-place chain", f_inplace, -1, 1},
    };
    for (size_t i = 0; i < sizeof bin / sizeof bin[0]; i++) {  /* broadcasting (2,1,4) with (3,4) */
        wk_tensor *x[2] = {rnd(SH(2, 1, 4), bin[i].lo, bin[i].hi, false), rnd(SH(3, 4), bin[i].lo, bin[i].hi, true)};
        if (f_inplace == bin[i].f) { wk_tensor_decref(x[0]); x[0] = rnd(SH(3, 4), -1, 1, false); }
        check(bin[i].n, bin[i].f, 2, x);
    }
    { wk_tensor *x[3] = {rnd(SH(3, 4), -1, 1, 0), rnd(SH(4), -1, 1, 0), rnd(SH(3, 1), 0, 1, 0)}; check("lerp tensor", f_lerp, 3, x); }
    { wk_tensor *x[2] = {rnd(SH(3, 4), -1, 1, 1), rnd(SH(4, 5), -1, 1, 1)}; check("mm", f_mm, 2, x); }
    { wk_tensor *x[2] = {rnd(SH(2, 3, 4), -1, 1, 1), rnd(SH(2, 4, 2), -1, 1, 0)}; check("bmm", f_bmm, 2, x); }
    { wk_tensor *x[2] = {rnd(SH(3, 4), -1, 1, 1), rnd(SH(4), -1, 1, 0)}; check("mv", f_mv, 2, x); }
    { wk_tensor *x[2] = {rnd(SH(4), -1, 1, 0), rnd(SH(4), -1, 1, 0)}; check("dot", f_dot, 2, x); }
    { wk_tensor *x[2] = {rnd(SH(3), -1, 1, 0), rnd(SH(4), -1, 1, 0)}; check("outer", f_outer, 2, x); }
    { wk_tensor *x[2] = {rnd(SH(4), -1, 1, 0), rnd(SH(4, 3), -1, 1, 0)}; check("matmul 1-D @ 2-D", f_matmul, 2, x); }
    { wk_tensor *x[2] = {rnd(SH(2, 3, 4), -1, 1, 0), rnd(SH(4), -1, 1, 0)}; check("matmul 3-D @ 1-D", f_matmul, 2, x); }
    { wk_tensor *x[2] = {rnd(SH(2, 3, 4), -1, 1, 1), rnd(SH(4, 2), -1, 1, 0)}; check("matmul 3-D @ 2-D", f_matmul, 2, x); }
    { wk_tensor *x[2] = {rnd(SH(2, 1, 3, 4), -1, 1, 0), rnd(SH(3, 4, 2), -1, 1, 1)}; check("matmul batched broadcast", f_matmul, 2, x); }
    { wk_tensor *x[2] = {rnd(SH(4), -1, 1, 0), rnd(SH(2, 4, 3), -1, 1, 0)}; check("matmul 1-D @ 3-D", f_matmul, 2, x); }
    { wk_tensor *x[3] = {rnd(SH(5), -1, 1, 0), rnd(SH(3, 4), -1, 1, 0), rnd(SH(4, 5), -1, 1, 1)}; check("addmm", f_addmm, 3, x); }
    { wk_tensor *x[2] = {rnd(SH(2, 3, 4), -1, 1, 0), rnd(SH(2, 4, 2), -1, 1, 0)}; check("einsum bmm", f_einsum, 2, x); }
    { wk_tensor *x[2] = {rnd(SH(2, 3, 3), -1, 1, 0), rnd(SH(4), -1, 1, 0)}; check("einsum diag ellipsis", f_einsum2, 2, x); }
    { wk_tensor *x[1] = {rnd(SH(3, 4), -1, 1, 1)}; check("triu", f_triu, 1, x); }
    { wk_tensor *x[1] = {rnd(SH(2, 3, 4), -1, 1, 0)}; check("tril", f_tril, 1, x); }
    struct { const char *n; fn_t f; double lo, hi; } red[] = {
        {"sum", f_sum, -1, 1}, {"sum dims", f_sumd, -1, 1}, {"mean keepdim", f_mean, -1, 1}, {"var", f_var, -1, 1},
        {"std", f_std, -1, 1}, {"prod dim", f_prod, 0.5, 1.5}, {"prod all", f_prodall, 0.5, 1.5}, {"norm", f_norm, -1, 1},
        {"norm p=3", f_norm3, 0.2, 1}, {"logsumexp", f_lse, -1, 1}, {"amax", f_amax, -1, 1}, {"max", f_max, -1, 1},
        {"max dim", f_maxd, -1, 1}, {"min dim", f_mind, -1, 1}, {"cumsum", f_cumsum, -1, 1}, {"cumprod", f_cumprod, 0.5, 1.5},
        {"softmax", f_softmax, -1, 1}, {"log_softmax", f_lsoftmax, -1, 1}, {"topk", f_topk, -1, 1}, {"sort", f_sort, -1, 1},
        {"reshape", f_reshape, -1, 1}, {"permute", f_permute, -1, 1}, {"transpose", f_transpose, -1, 1},
        {"narrow", f_narrow, -1, 1}, {"select", f_select, -1, 1}, {"slice", f_slice, -1, 1}, {"diagonal", f_diag, -1, 1},
        {"repeat", f_repeat, -1, 1}, {"flatten", f_flatten, -1, 1}, {"squeeze", f_squeeze, -1, 1}, {"clone", f_clone, -1, 1},
        {"to dtype", f_todt, -1, 1}, {"split", f_split, -1, 1}, {"unbind", f_unbind, -1, 1}, {"view", f_view, -1, 1},
    };
    for (size_t i = 0; i < sizeof red / sizeof red[0]; i++) {
        wk_tensor *x[1] = {rnd(SH(3, 4, 2), red[i].lo, red[i].hi, i % 2)};
        check(red[i].n, red[i].f, 1, x);
    }
    { wk_tensor *x[1] = {rnd(SH(3, 4), -1, 1, 0)}; check("expand", f_expand, 1, x); }
    { wk_tensor *x[2] = {rnd(SH(3, 2), -1, 1, 0), rnd(SH(3, 4), -1, 1, 1)}; check("cat", f_cat, 2, x); }
    { wk_tensor *x[2] = {rnd(SH(3, 4), -1, 1, 0), rnd(SH(3, 4), -1, 1, 1)}; check("stack", f_stack, 2, x); }
    int64_t iv[3] = {2, 0, 2};
    g_ix = ix_tensor(3, iv);
    { wk_tensor *x[1] = {rnd(SH(3, 4), -1, 1, 1)}; check("index_select", f_isel, 1, x); }
    { wk_tensor *x[2] = {rnd(SH(3, 4), -1, 1, 0), rnd(SH(3, 3), -1, 1, 0)}; check("index_add", f_index_add, 2, x); }
    { wk_tensor *x[1] = {rnd(SH(3, 4), -1, 1, 0)}; check("index (advanced)", f_index, 1, x); }
    { wk_tensor *x[1] = {rnd(SH(3, 4), -1, 1, 0)}; check("index (mask)", f_index_mask, 1, x); }
    { wk_tensor *x[2] = {rnd(SH(4, 2), -1, 1, 0), rnd(SH(2), -1, 1, 0)}; check("index_put accumulate", f_index_put, 2, x); }
    wk_tensor_decref(g_ix);
    int64_t gv[6] = {0, 2, 1, 3, 3, 0};
    int64_t gs[2] = {3, 2};
    g_ix = wk_tensor_from_data(2, gs, WK_DT_I64, gv);
    { wk_tensor *x[1] = {rnd(SH(3, 4), -1, 1, 0)}; check("gather", f_gather, 1, x); }
    { wk_tensor *x[2] = {rnd(SH(3, 4), -1, 1, 0), rnd(SH(3, 2), -1, 1, 0)}; check("scatter", f_scatter, 2, x); }
    { wk_tensor *x[2] = {rnd(SH(3, 4), -1, 1, 0), rnd(SH(3, 2), -1, 1, 0)}; check("scatter_add", f_scatter_add, 2, x); }
    wk_tensor_decref(g_ix);
    wk_tensor_decref(g_w);
    g_w = NULL;
}

/* ------------------------------------------------------------------ engine rules */
static bool err_is(const char *want, const char *what) {
    bool ok = tap_is_str(wk_rt_errmsg(), want, "%s", what);
    wk_rt_errclear();
    return ok;
}

static void engine_tests(void) {
    wk_tensor *x = rnd(SH(3), 0, 1, false);
    /* names and next_functions */
    wk_tensor *y = wk_op_binary(WK_OP_MUL, wk_vt(x), wk_vf(2));
    wk_tensor *z = wk_op_sum(y, NULL, 0, false, WK_NO_DTYPE);
    tap_is_str(wk_node_name(wk_autograd_grad_fn(y)), "MulBackward0", "grad_fn name");
    int nr = -1;
    wk_node *nx = wk_node_next(wk_autograd_grad_fn(y), 0, &nr);
    tap_ok(nx && !strcmp(wk_node_name(nx), "AccumulateGrad") && wk_node_variable(nx) == x && nr == 0, "next_functions -> AccumulateGrad");
    tap_ok(wk_node_num_next(wk_autograd_grad_fn(y)) == 2 && !wk_node_next(wk_autograd_grad_fn(y), 1, NULL), "scalar operand edge is None");
    /* backward accumulates; default frees saved values */
    tap_ok(wk_autograd_backward(1, &z, NULL, true, false), "backward retain_graph");
    tap_ok(wk_autograd_backward(1, &z, NULL, false, false), "second backward");
    tap_ok(x->grad && get(x->grad, 1) == 4, "gradient accumulated across calls (%g)", x->grad ? get(x->grad, 1) : -1);
    wk_tensor_decref(y); wk_tensor_decref(z);
    /* backward twice through a saved value */
    y = wk_op_unary(WK_UOP_EXP, x);
    z = wk_op_sum(y, NULL, 0, false, WK_NO_DTYPE);
    tap_ok(wk_autograd_backward(1, &z, NULL, false, false), "first backward");
    tap_ok(!wk_autograd_backward(1, &z, NULL, false, false), "second backward fails");
    err_is("Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.", "second-backward message");
    wk_tensor_decref(z);
    /* version counter */
    z = wk_op_sum(y, NULL, 0, false, WK_NO_DTYPE);
    wk_tensor_decref(z);
    wk_tensor *e = wk_op_unary(WK_UOP_EXP, x);
    tap_ok(wk_op_add_(e, wk_vi(1), wk_scalar_int(1)), "in-place on non-leaf");
    z = wk_op_sum(e, NULL, 0, false, WK_NO_DTYPE);
    tap_ok(!wk_autograd_backward(1, &z, NULL, false, false), "modified saved value fails");
    err_is("one of the variables needed for gradient computation has been modified by an inplace operation: [torch.DoubleTensor [3]], which is output 0 of ExpBackward0, is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).", "version counter message");
    wk_tensor_decref(z); wk_tensor_decref(e); wk_tensor_decref(y);
    /* leaf in-place */
    tap_ok(!wk_op_add_(x, wk_vi(1), wk_scalar_int(1)), "in-place on leaf fails");
    err_is("a leaf Variable that requires grad is being used in an in-place operation.", "leaf in-place message");
    wk_grad_set_enabled(false);
    tap_ok(wk_op_add_(x, wk_vi(0), wk_scalar_int(1)), "in-place on leaf under no_grad");
    wk_grad_set_enabled(true);
    /* non-scalar, no grad */
    y = wk_op_binary(WK_OP_MUL, wk_vt(x), wk_vt(x));
    tap_ok(!wk_autograd_backward(1, &y, NULL, false, false), "non-scalar backward fails");
    err_is("grad can be implicitly created only for scalar outputs", "implicit grad message");
    wk_tensor_decref(y);
    wk_tensor *c = wk_tensor_ones(SH(2), WK_DT_F32, WK_CPU);
    tap_ok(!wk_autograd_backward(1, &c, NULL, false, false), "backward on constant fails");
    err_is("element 0 of tensors does not require grad and does not have a grad_fn", "no grad_fn message");
    wk_tensor *li = wk_tensor_ones(SH(2), WK_DT_I64, WK_CPU);
    tap_ok(!wk_autograd_set_requires_grad(li, true), "int requires_grad fails");
    err_is("Only Tensors of floating point and complex dtype can require gradients", "int requires_grad message");
    wk_tensor_decref(li); wk_tensor_decref(c);
    /* no_grad */
    wk_grad_set_enabled(false);
    y = wk_op_binary(WK_OP_MUL, wk_vt(x), wk_vt(x));
    tap_ok(!y->requires_grad && !wk_autograd_grad_fn(y), "no_grad records nothing");
    wk_tensor_decref(y);
    wk_grad_set_enabled(true);
    /* retain_grad and hooks */
    y = wk_op_binary(WK_OP_MUL, wk_vt(x), wk_vf(3));
    wk_autograd_retain_grad(y);
    z = wk_op_sum(y, NULL, 0, false, WK_NO_DTYPE);
    wk_autograd_set_grad(x, NULL);
    tap_ok(wk_autograd_backward(1, &z, NULL, false, false) && y->grad && get(y->grad, 0) == 1 && get(x->grad, 0) == 3, "retain_grad");
    wk_tensor_decref(y); wk_tensor_decref(z);
    wk_tensor_decref(x);
}

static bool double_hook(void *ctx, wk_tensor *g, wk_tensor **rep) {
    (*(int *)ctx)++;
    *rep = wk_op_binary(WK_OP_MUL, wk_vt(g), wk_vf(2));
    return *rep != NULL;
}

static void hook_tests(void) {
    wk_tensor *x = rnd(SH(2), 0, 1, false);
    int calls = 0;
    tap_ok(wk_autograd_register_hook(x, double_hook, &calls, NULL) > 0, "register leaf hook");
    wk_tensor *y = wk_op_binary(WK_OP_MUL, wk_vt(x), wk_vf(5));
    wk_autograd_register_hook(y, double_hook, &calls, NULL);
    wk_tensor *z = wk_op_sum(y, NULL, 0, false, WK_NO_DTYPE);
    tap_ok(wk_autograd_backward(1, &z, NULL, false, false), "backward with hooks");
    tap_ok(calls == 2 && get(x->grad, 0) == 20, "hooks replace the gradient (%d calls, grad %g)", calls, get(x->grad, 0));
    wk_tensor_decref(z); wk_tensor_decref(y); wk_tensor_decref(x);
}

static void chain_and_memory(void) {
    wk_memstats m0, m1;
    wk_tensor *x = rnd(SH(4), 0, 1, false);
    wk_cpu_memory_stats(&m0);
    wk_tensor *h = wk_tensor_incref(x);
    for (int i = 0; i < 100000; i++) {
        wk_tensor *n = wk_op_binary(WK_OP_MUL, wk_vt(h), wk_vf(1.0));
        wk_tensor_decref(h);
        h = n;
    }
    wk_tensor *z = wk_op_sum(h, NULL, 0, false, WK_NO_DTYPE);
    wk_tensor_decref(h);
    tap_ok(wk_autograd_backward(1, &z, NULL, false, false), "100000-op chain backward");
    tap_ok(x->grad && get(x->grad, 0) == 1, "chain gradient");
    wk_tensor_decref(z);
    wk_autograd_set_grad(x, NULL);
    wk_cpu_memory_stats(&m1);
    tap_ok(m1.allocated == m0.allocated, "chain graph freed (%lld -> %lld bytes)", (long long)m0.allocated, (long long)m1.allocated);
    /* saved values released right after backward */
    wk_tensor *w = rnd(SH(64, 64), -1, 1, false);
    wk_cpu_memory_stats(&m0);
    wk_tensor *a = wk_op_unary(WK_UOP_TANH, w), *b = wk_op_mm(a, w), *s = wk_op_unary(WK_UOP_SIGMOID, b);
    wk_tensor *l = wk_op_sum(s, NULL, 0, false, WK_NO_DTYPE);
    wk_tensor_decref(a); wk_tensor_decref(b); wk_tensor_decref(s);
    tap_ok(wk_autograd_backward(1, &l, NULL, false, false), "backward of a small network");
    wk_autograd_set_grad(w, NULL);
    wk_cpu_memory_stats(&m1);
    int64_t loss_bytes = 8;
    tap_ok(m1.allocated - loss_bytes <= m0.allocated, "saved values freed after backward (%lld -> %lld bytes)", (long long)m0.allocated, (long long)m1.allocated);
    wk_tensor_decref(l);
    wk_tensor_decref(w);
    wk_tensor_decref(x);
}

/* In-place ops on views: CopySlices on the base, AsStridedBackward0 on the view, and the
 * view-of-a-leaf error. */
static void view_inplace_tests(void) {
    wk_tensor *x = rnd(SH(4), -1, 1, false);
    wk_autograd_set_requires_grad(x, true);
    wk_tensor *y = wk_op_binary(WK_OP_MUL, wk_vt(x), wk_vf(2));
    wk_tensor *v = wk_op_slice(y, 0, true, 1, true, 3, 1);
    tap_ok(v && wk_op_binary_(WK_OP_MUL, v, wk_vf(3)), "mul_ on a view of a non-leaf");
    tap_ok(!strcmp(wk_node_name(wk_autograd_grad_fn(y)), "CopySlices") &&
           !strcmp(wk_node_name(wk_autograd_grad_fn(v)), "AsStridedBackward0"), "CopySlices / AsStridedBackward0 names");
    wk_tensor *l = wk_op_sum(y, NULL, 0, false, WK_NO_DTYPE);
    tap_ok(l && wk_autograd_backward(1, &l, NULL, false, false), "backward through CopySlices");
    tap_ok(x->grad && get(x->grad, 0) == 2 && get(x->grad, 1) == 6 && get(x->grad, 2) == 6 && get(x->grad, 3) == 2,
           "gradient through an in-place op on a view");
    wk_tensor_decref(l); wk_tensor_decref(v); wk_tensor_decref(y);
    wk_tensor *xv = wk_op_select(x, 0, 1);
    bool ok = xv && !wk_op_binary_(WK_OP_MUL, xv, wk_vf(2));
    tap_ok(ok && strstr(wk_rt_errmsg(), "a view of a leaf Variable that requires grad is being used in an in-place operation."),
           "in-place on a view of a leaf: PyTorch's error");
    wk_rt_errclear();
    wk_tensor_decref(xv);
    /* z (no grad) gets history when a grad-requiring value is copied into its view */
    wk_autograd_set_grad(x, NULL);
    int64_t sh[1] = {6};
    wk_tensor *z = wk_tensor_zeros(1, sh, WK_DT_F64, WK_CPU), *zv = wk_op_narrow(z, 0, 2, 4);
    tap_ok(zv && wk_op_copy_(zv, x) && z->requires_grad, "copy_ into a view gives the base history");
    wk_tensor *w = wk_op_binary(WK_OP_MUL, wk_vt(z), wk_vt(z));
    l = w ? wk_op_sum(w, NULL, 0, false, WK_NO_DTYPE) : NULL;
    tap_ok(l && wk_autograd_backward(1, &l, NULL, false, false) && x->grad && get(x->grad, 3) == 2 * get(x, 3),
           "gradient of the copied values");
    wk_tensor_decref(l); wk_tensor_decref(w); wk_tensor_decref(zv); wk_tensor_decref(z);
    wk_tensor_decref(x);
}

/* create_graph=True: the gradient has history and can be differentiated again. */
static void double_backward_tests(void) {
    wk_tensor *x = rnd(SH(3), -1, 1, false);
    wk_autograd_set_requires_grad(x, true);
    wk_tensor *c = wk_op_binary(WK_OP_POW, wk_vt(x), wk_vf(3));
    wk_tensor *y = c ? wk_op_sum(c, NULL, 0, false, WK_NO_DTYPE) : NULL, *g = NULL;
    tap_ok(y && wk_autograd_grad(1, &y, NULL, 1, &x, false, true, false, &g) && g && g->requires_grad,
           "autograd.grad(create_graph=True) returns a gradient with history");
    wk_tensor *gs = g ? wk_op_sum(g, NULL, 0, false, WK_NO_DTYPE) : NULL;
    tap_ok(gs && wk_autograd_backward(1, &gs, NULL, false, false), "backward of the gradient");
    bool ok = x->grad != NULL;
    for (int i = 0; ok && i < 3; i++) ok = fabs(get(x->grad, i) - 6 * get(x, i)) < 1e-12;
    tap_ok(ok, "second derivative of sum(x**3) is 6x");
    wk_tensor_decref(gs); wk_tensor_decref(g); wk_tensor_decref(y); wk_tensor_decref(c);
    wk_autograd_set_grad(x, NULL);
    wk_tensor *a = rnd(SH(3, 3), -1, 1, false);
    wk_tensor *x2 = wk_op_unsqueeze(x, 1), *p = x2 ? wk_op_mm(a, x2) : NULL;
    wk_tensor *t = p ? wk_op_unary(WK_UOP_TANH, p) : NULL, *ts = t ? wk_op_sum(t, NULL, 0, false, WK_NO_DTYPE) : NULL;
    g = NULL;
    tap_ok(ts && wk_autograd_grad(1, &ts, NULL, 1, &x, false, true, false, &g), "grad of sum(tanh(A @ x))");
    wk_tensor *g2 = g ? wk_op_binary(WK_OP_MUL, wk_vt(g), wk_vt(g)) : NULL;
    wk_tensor *pen = g2 ? wk_op_sum(g2, NULL, 0, false, WK_NO_DTYPE) : NULL;
    tap_ok(pen && wk_autograd_backward(1, &pen, NULL, false, false) && x->grad, "gradient penalty backward (mm, tanh, sum)");
    wk_tensor_decref(pen); wk_tensor_decref(g2); wk_tensor_decref(g); wk_tensor_decref(ts); wk_tensor_decref(t);
    wk_tensor_decref(p); wk_tensor_decref(x2); wk_tensor_decref(a); wk_tensor_decref(x);
}

int main(void) {
    gradchecks();
    engine_tests();
    hook_tests();
    chain_and_memory();
    view_inplace_tests();
    double_backward_tests();
    return tap_done_testing();
}
