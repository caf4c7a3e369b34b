/* ops_linalg.c — mm/bmm/mv/dot/outer/addmm (BLAS called as PyTorch calls it: same flags, no copies of transposed operands), matmul's folding and broadcasting cases, triu/tril, with derivatives. */
#include "autograd_impl.h"
#include "ops.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ================================================================== argument checks */

static const char *ctype(wk_dtype dt) { return wk_dtype_ctype_name(dt); }

static bool same_dtype(const wk_tensor *a, const wk_tensor *b) {
    if (a->dtype == b->dtype) return true;
    return wk_rt_err(WK_ERR_RUNTIME, "expected m1 and m2 to have the same dtype, but got: %s != %s", ctype(a->dtype), ctype(b->dtype));
}

static bool same_device_mm(const wk_tensor *a, const wk_tensor *b, const char *fn) {
    wk_device da = wk_tensor_device(a), db = wk_tensor_device(b);
    if (wk_device_eq(da, db)) return true;
    char sa[32], sb[32];
    wk_device_str(da, sa, sizeof sa);
    wk_device_str(db, sb, sizeof sb);
    return wk_rt_err(WK_ERR_RUNTIME, "Expected all tensors to be on the same device, but got mat2 is on %s, different "
                     "from other tensors on %s (when checking argument in method wrapper_%s_%s)", sb, sa,
                     da.type == WK_DEV_CUDA ? "CUDA" : "CPU", fn);
}

/* ================================================================== PyTorch's BLAS calls */
/* Every product is computed as at::native calls BLAS for it (addmm_impl_cpu_, addmv, dot), so
 * that it rounds the same: an operand that is row- or column-major with a valid leading
 * dimension is passed in place with the matching transposition flag (no copy); anything else is
 * copied contiguous first. */

typedef struct { char *p; int64_t sz[2], st[2]; } mat; /* one strided matrix */

static int64_t max1(int64_t v) { return v > 1 ? v : 1; }
static bool is_f32_f64(wk_dtype dt) { return dt == WK_DT_F32 || dt == WK_DT_F64; }

/* The i-th matrix of a 3-D tensor (or the 2-D tensor itself). */
static mat mat_of(const wk_tensor *t, int64_t i) {
    int d = t->ndim;
    size_t off = d == 3 ? (size_t)(i * t->stride[0]) * wk_tensor_elsize(t) : 0;
    mat x = {(char *)wk_tensor_data(t) + off, {t->shape[d - 2], t->shape[d - 1]}, {t->stride[d - 2], t->stride[d - 1]}};
    return x;
}

/* Whether BLAS reads t's matrices in place (row- or column-major, leading dim large enough). */
static bool blas_layout(const wk_tensor *t) {
    mat x = mat_of(t, 0);
    return (x.st[1] == 1 && x.st[0] >= max1(x.sz[1])) || (x.st[0] == 1 && x.st[1] >= max1(x.sz[0]));
}

/* A fresh row-major copy of t (new reference). */
static wk_tensor *dense_copy(wk_tensor *t) {
    wk_tensor *c = wk_tensor_empty(t->ndim, t->shape, t->dtype, wk_tensor_device(t));
    if (c && !wk_tensor_copy_(c, t)) { wk_tensor_decref(c); return NULL; }
    return c;
}

/* t itself when BLAS reads it in place, else a contiguous copy (new reference). */
static wk_tensor *blas_operand(wk_tensor *t) { return blas_layout(t) ? wk_tensor_incref(t) : dense_copy(t); }

/* One operand of the column-major GEMM whose rows are x's dim dr: untransposed when x is
 * column-major in that sense (checked first, as at::native does), else transposed. */
static void blas_arg(const mat *x, int dr, bool *trans, int64_t *ld) {
    int dc = 1 - dr;
    *trans = !(x->st[dr] == 1 && x->st[dc] >= max1(x->sz[dr]));
    *ld = x->st[*trans ? dr : dc];
}

/* c (M x N) = alpha * a (M x K) @ b (K x N) + beta * c, K > 0, as addmm_impl_cpu_ calls the
 * column-major BLAS: a row-major c is computed as c^T = b^T a^T (a column of c: as is). Our
 * backend GEMM is row-major, so the column-major call is passed with its operands swapped. */
static bool blas_mm(const wk_backend *be, wk_dtype dt, const mat *c, const mat *a, const mat *b, double alpha,
                    double beta) {
    bool tc = !(c->st[0] == 1 && (c->sz[1] == 1 || c->st[1] >= max1(c->sz[0])));
    const mat *m1 = tc ? b : a, *m2 = tc ? a : b;
    int dr = tc ? 1 : 0;
    int64_t m = c->sz[dr], n = c->sz[1 - dr], k = a->sz[1], lda, ldb, ldc = c->st[1 - dr];
    bool ta, tb;
    blas_arg(m1, dr, &ta, &lda);
    blas_arg(m2, dr, &tb, &ldb);
    if (n == 1) ldc = m; /* cpublas's normalize_last_dims */
    if (ta ? m == 1 : k == 1) lda = ta ? k : m;
    if (tb ? k == 1 : n == 1) ldb = tb ? n : k;
    return be->gemm(dt, tb, ta, n, m, k, alpha, m2->p, ldb, m1->p, lda, beta, c->p, ldc);
}

/* out (M, N) or (B, M, N), contiguous, = alpha * a @ b + beta * out for 2-D or 3-D operands of
 * one dtype; bmm's small products use PyTorch's loop (bmm_out_or_baddbmm_: M*N*K < 400). */
static bool products(wk_tensor *out, wk_tensor *a, wk_tensor *b, double alpha, double beta) {
    const wk_backend *be = wk_backend_get(wk_tensor_device(a));
    if (!be) return false;
    int d = a->ndim;
    int64_t B = d == 3 ? a->shape[0] : 1, m = a->shape[d - 2], k = a->shape[d - 1], n = b->shape[d - 1];
    if (B == 0 || m == 0 || n == 0) return true;
    if (k == 0) return beta != 0 || wk_tensor_fill_(out, wk_scalar_int(0));
    if (d == 3 && be->bmm_small && is_f32_f64(a->dtype) && k * m * n < 400) return be->bmm_small(out, a, b);
    wk_tensor *ac = blas_operand(a), *bc = ac ? blas_operand(b) : NULL;
    bool ok = bc != NULL;
    for (int64_t i = 0; ok && i < B; i++) {
        mat ma = mat_of(ac, i), mb = mat_of(bc, i), mc = mat_of(out, i);
        ok = blas_mm(be, a->dtype, &mc, &ma, &mb, alpha, beta);
    }
    wk_tensor_decref(ac);
    wk_tensor_decref(bc);
    return ok;
}

/* a @ b for 2-D (mm) or 3-D (bmm) operands, no history. */
static wk_tensor *product_raw(wk_tensor *a, wk_tensor *b) {
    int d = a->ndim;
    int64_t shape[3] = {a->shape[0], a->shape[d - 2], b->shape[d - 1]};
    wk_tensor *out = wk_tensor_empty(d, d == 3 ? shape : shape + 1, a->dtype, wk_tensor_device(a));
    if (out && !products(out, a, b, 1.0, 0.0)) { wk_tensor_decref(out); return NULL; }
    if (out) out->version->value = 0;
    return out;
}

/* The vector's BLAS increment, or 0 when it needs a contiguous copy. */
static int64_t vec_inc(const wk_tensor *v) { return v->shape[0] <= 1 ? 1 : v->stride[0] > 0 ? v->stride[0] : 0; }

/* a (m, k) @ v (k), no history: addmv_impl_cpu_'s gemv on a column- or row-major matrix in
 * place, else on a contiguous copy. Backends without gemv: one GEMM. */
static wk_tensor *mv_raw(wk_tensor *a, wk_tensor *v) {
    const wk_backend *be = wk_backend_get(wk_tensor_device(a));
    if (!be) return NULL;
    int64_t m = a->shape[0], k = a->shape[1];
    if (!be->gemv || !is_f32_f64(a->dtype) || k == 0) {
        wk_tensor *v2 = wk_tensor_unsqueeze(v, 1), *r = v2 ? product_raw(a, v2) : NULL;
        wk_tensor *o = r ? wk_tensor_squeeze_dim(r, 1) : NULL;
        wk_tensor_decref(v2);
        wk_tensor_decref(r);
        return o;
    }
    wk_tensor *out = wk_tensor_empty(1, &m, a->dtype, wk_tensor_device(a));
    wk_tensor *vc = vec_inc(v) ? wk_tensor_incref(v) : dense_copy(v);
    mat x = mat_of(a, 0);
    bool col = x.st[0] == 1 && (k == 1 || x.st[1] >= max1(m));
    bool row = !col && x.st[1] == 1 && (m == 1 || x.st[0] >= max1(k));
    wk_tensor *ac = col || row ? wk_tensor_incref(a) : dense_copy(a);
    bool ok = out && vc && ac;
    if (ok && m > 0) {
        x = mat_of(ac, 0);
        /* column-major gemv('n', m, k) is the row-major transposed gemv over (k, m); at::native's
         * gemv sets lda = rows when there is one column */
        int64_t lda = col ? (k == 1 ? m : x.st[1]) : (m == 1 ? k : x.st[0]);
        ok = be->gemv(a->dtype, col, col ? k : m, col ? m : k, 1.0, x.p, lda, wk_tensor_data(vc), vec_inc(vc), 0.0,
                      wk_tensor_data(out), 1);
    }
    wk_tensor_decref(vc);
    wk_tensor_decref(ac);
    if (!ok) { wk_tensor_decref(out); return NULL; }
    out->version->value = 0;
    return out;
}

/* a (n) . b (n), no history: BLAS dot (at::native's dot_impl); backends without dot: a GEMM. */
static wk_tensor *dot_raw(wk_tensor *a, wk_tensor *b) {
    const wk_backend *be = wk_backend_get(wk_tensor_device(a));
    if (!be) return NULL;
    if (!be->dot || !is_f32_f64(a->dtype)) {
        wk_tensor *a2 = wk_tensor_unsqueeze(a, 0), *b2 = wk_tensor_unsqueeze(b, 1);
        wk_tensor *r = a2 && b2 ? product_raw(a2, b2) : NULL, *o = r ? wk_tensor_reshape(r, 0, NULL) : NULL;
        wk_tensor_decref(a2); wk_tensor_decref(b2); wk_tensor_decref(r);
        return o;
    }
    wk_tensor *out = wk_tensor_empty(0, NULL, a->dtype, wk_tensor_device(a));
    int64_t n = a->shape[0];
    bool ok = out && be->dot(a->dtype, n, wk_tensor_data(a), n > 1 ? a->stride[0] : 1, wk_tensor_data(b),
                             n > 1 ? b->stride[0] : 1, wk_tensor_data(out));
    if (!ok) { wk_tensor_decref(out); return NULL; }
    out->version->value = 0;
    return out;
}

/* ================================================================== derivatives */

static wk_tensor *x_t(wk_scope *s, wk_tensor *a) { return a ? x_own(s, wk_op_t(a)) : NULL; }
static wk_tensor *x_mm(wk_scope *s, wk_tensor *a, wk_tensor *b) { return a && b ? x_own(s, wk_op_mm(a, b)) : NULL; }

/* at::native's mm_mat1_backward (first) / mm_mat2_backward: the gradient of the factor self of
 * a 2-D product, given the other factor; a column-major self gets a column-major gradient
 * (a transposed product). Times alpha unless 1. */
static wk_tensor *mm_factor_grad(wk_scope *s, wk_tensor *g, wk_tensor *other, const wk_tensor *self, bool first,
                                 double alpha) {
    bool col = self->stride[0] == 1 && self->stride[1] == self->shape[0];
    wk_tensor *r;
    if (first) r = col ? x_t(s, x_mm(s, other, x_t(s, g))) : x_mm(s, g, x_t(s, other));
    else r = col ? x_t(s, x_mm(s, x_t(s, g), other)) : x_mm(s, x_t(s, other), g);
    return alpha == 1 || !r ? r : x_bins(s, WK_OP_MUL, r, alpha);
}

static bool bw_mm(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    wk_tensor *a = wk_ag_saved(n, 0), *b = wk_ag_saved(n, 1), *r[2] = {NULL, NULL};
    if (a && b && n->iv[0]) { /* bmm: grad @ mat2^T, mat1^T @ grad */
        wk_tensor *bt = n->next[0].fn ? x_own(&s, wk_op_transpose(b, 1, 2)) : NULL;
        wk_tensor *at = n->next[1].fn ? x_own(&s, wk_op_transpose(a, 1, 2)) : NULL;
        if (bt) r[0] = x_own(&s, wk_op_bmm(g[0], bt));
        if (at) r[1] = x_own(&s, wk_op_bmm(at, g[0]));
    } else if (a && b) {
        if (n->next[0].fn) r[0] = mm_factor_grad(&s, g[0], b, a, true, 1.0);
        if (n->next[1].fn) r[1] = mm_factor_grad(&s, g[0], a, b, false, 1.0);
    }
    for (int i = 0; i < 2; i++) gin[i] = r[i] ? wk_tensor_incref(r[i]) : NULL;
    x_free(&s);
    return (!n->next[0].fn || gin[0]) && (!n->next[1].fn || gin[1]);
}

static wk_tensor *rec2(wk_tensor *out, wk_tensor *a, wk_tensor *b, const char *name, wk_backward_fn bw, int64_t flag) {
    wk_tensor *ins[2] = {a, b};
    if (!out || !wk_ag_needs(2, ins) || !wk_dtype_is_float(out->dtype)) return out;
    wk_node *n = wk_ag_node(name, bw, 2, ins, 1);
    if (!n) { wk_tensor_decref(out); return NULL; }
    n->iv[0] = flag;
    wk_ag_set_output(n, 0, out);
    wk_ag_save(n, a);
    wk_ag_save(n, b);
    wk_node_decref(n);
    return out;
}

/* ================================================================== public products */

static bool mm_check(wk_tensor *a, wk_tensor *b) {
    if (a->ndim != 2) { wk_rt_err(WK_ERR_RUNTIME, "self must be a matrix"); return false; }
    if (b->ndim != 2) { wk_rt_err(WK_ERR_RUNTIME, "mat2 must be a matrix"); return false; }
    if (!same_device_mm(a, b, "mm") || !same_dtype(a, b)) return false;
    if (a->shape[1] != b->shape[0]) {
        wk_rt_err(WK_ERR_RUNTIME, "mat1 and mat2 shapes cannot be multiplied (%lldx%lld and %lldx%lld)", (long long)a->shape[0],
                  (long long)a->shape[1], (long long)b->shape[0], (long long)b->shape[1]);
        return false;
    }
    return true;
}

wk_tensor *wk_op_mm(wk_tensor *a, wk_tensor *b) {
    return mm_check(a, b) ? rec2(product_raw(a, b), a, b, "MmBackward0", bw_mm, 0) : NULL;
}

wk_tensor *wk_op_bmm(wk_tensor *a, wk_tensor *b) {
    if (a->ndim != 3) { wk_rt_err(WK_ERR_RUNTIME, "batch1 must be a 3D tensor"); return NULL; }
    if (b->ndim != 3) { wk_rt_err(WK_ERR_RUNTIME, "batch2 must be a 3D tensor"); return NULL; }
    if (!same_device_mm(a, b, "bmm") || !same_dtype(a, b)) return NULL;
    if (b->shape[0] != a->shape[0] || b->shape[1] != a->shape[2]) {
        wk_rt_err(WK_ERR_RUNTIME, "Expected size for first two dimensions of batch2 tensor to be: [%lld, %lld] but got: [%lld, %lld].",
                  (long long)a->shape[0], (long long)a->shape[2], (long long)b->shape[0], (long long)b->shape[1]);
        return NULL;
    }
    return rec2(product_raw(a, b), a, b, "BmmBackward0", bw_mm, 1);
}

static bool bw_mv(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_tensor *a = wk_ag_saved(n, 0), *v = wk_ag_saved(n, 1);
    if (!a || !v) return false;
    if (n->next[0].fn && !(gin[0] = wk_op_outer(g[0], v))) return false;
    if (n->next[1].fn) {
        wk_tensor *at = wk_op_t(a);
        gin[1] = at ? wk_op_mv(at, g[0]) : NULL;
        wk_tensor_decref(at);
        if (!gin[1]) return false;
    }
    return true;
}

wk_tensor *wk_op_mv(wk_tensor *a, wk_tensor *v) {
    if (a->ndim != 2 || v->ndim != 1) {
        wk_rt_err(WK_ERR_RUNTIME, "vector + matrix @ vector expected, got %d, %d, %d", 1, a->ndim, v->ndim);
        return NULL;
    }
    if (!same_device_mm(a, v, "mv") || !same_dtype(a, v)) return NULL;
    if (a->shape[1] != v->shape[0]) {
        wk_rt_err(WK_ERR_RUNTIME, "size mismatch, got input (%lld), mat (%lldx%lld), vec (%lld)", (long long)a->shape[0],
                  (long long)a->shape[0], (long long)a->shape[1], (long long)v->shape[0]);
        return NULL;
    }
    return rec2(mv_raw(a, v), a, v, "MvBackward0", bw_mv, 0);
}

static bool bw_dot(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_tensor *a = wk_ag_saved(n, 0), *b = wk_ag_saved(n, 1);
    if (!a || !b) return false;
    if (n->next[0].fn && !(gin[0] = wk_op_binary(WK_OP_MUL, wk_vt(b), wk_vt(g[0])))) return false;
    if (n->next[1].fn && !(gin[1] = wk_op_binary(WK_OP_MUL, wk_vt(a), wk_vt(g[0])))) return false;
    return true;
}

wk_tensor *wk_op_dot(wk_tensor *a, wk_tensor *b) {
    if (a->ndim != 1 || b->ndim != 1) {
        wk_rt_err(WK_ERR_RUNTIME, "1D tensors expected, but got %dD and %dD tensors", a->ndim, b->ndim);
        return NULL;
    }
    if (a->dtype != b->dtype) {
        wk_rt_err(WK_ERR_RUNTIME, "dot : expected both vectors to have same dtype, but found %s and %s",
                  wk_dtype_scalar_name(a->dtype), wk_dtype_scalar_name(b->dtype));
        return NULL;
    }
    if (!same_device_mm(a, b, "dot")) return NULL;
    if (a->shape[0] != b->shape[0]) {
        wk_rt_err(WK_ERR_RUNTIME, "inconsistent tensor size, expected tensor [%lld] and src [%lld] to have the same number "
                  "of elements, but got %lld and %lld elements respectively", (long long)a->shape[0], (long long)b->shape[0],
                  (long long)a->shape[0], (long long)b->shape[0]);
        return NULL;
    }
    return rec2(dot_raw(a, b), a, b, "DotBackward0", bw_dot, 0);
}

wk_tensor *wk_op_outer(wk_tensor *a, wk_tensor *b) {
    if (a->ndim != 1 || b->ndim != 1) {
        wk_rt_err(WK_ERR_RUNTIME, "outer: Expected 1-D argument %s, but got %d-D", a->ndim != 1 ? "self" : "vec2",
                  a->ndim != 1 ? a->ndim : b->ndim);
        return NULL;
    }
    wk_tensor *a2 = wk_op_unsqueeze(a, 1);
    wk_tensor *r = a2 ? wk_op_binary(WK_OP_MUL, wk_vt(a2), wk_vt(b)) : NULL;
    wk_tensor_decref(a2);
    return r;
}

static bool bw_addmm(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    wk_tensor *m1 = wk_ag_saved(n, 1), *m2 = wk_ag_saved(n, 2), *r[3] = {NULL, NULL, NULL};
    double beta = n->dv[0], alpha = n->dv[1];
    if (n->next[0].fn) r[0] = beta == 1 ? g[0] : x_bins(&s, WK_OP_MUL, g[0], beta);
    if (n->next[1].fn && m1 && m2) r[1] = mm_factor_grad(&s, g[0], m2, m1, true, alpha);
    if (n->next[2].fn && m1 && m2) r[2] = mm_factor_grad(&s, g[0], m1, m2, false, alpha);
    for (int i = 0; i < 3; i++) gin[i] = r[i] ? wk_tensor_incref(r[i]) : NULL;
    x_free(&s);
    for (int i = 0; i < 3; i++) if (n->next[i].fn && !gin[i]) return false;
    return true;
}

/* addmm_out_cpu: out = self (expanded) unless beta == 0, then one BLAS call with alpha and beta
 * (an empty inner dimension leaves beta * self); no history. */
static wk_tensor *addmm_raw(wk_tensor *self, wk_tensor *m1, wk_tensor *m2, wk_scalar beta_s, wk_scalar alpha_s) {
    double beta = wk_scalar_to_f64(beta_s), alpha = wk_scalar_to_f64(alpha_s);
    int64_t shape[2] = {m1->shape[0], m2->shape[1]};
    wk_tensor *out = wk_tensor_empty(2, shape, m1->dtype, wk_tensor_device(m1));
    wk_tensor *se = out ? wk_tensor_expand(self, 2, shape) : NULL;
    bool ok = se && (beta == 0 || wk_tensor_copy_(out, se));
    wk_tensor_decref(se);
    ok = ok && products(out, m1, m2, alpha, beta);
    if (ok && m1->shape[1] == 0 && beta != 0 && beta != 1) {
        wk_tensor *scaled = wk_op_binary(WK_OP_MUL, wk_vt(out), wk_vs(beta_s));
        wk_tensor_decref(out);
        return scaled;
    }
    if (!ok) { wk_tensor_decref(out); return NULL; }
    out->version->value = 0;
    return out;
}

wk_tensor *wk_op_addmm(wk_tensor *self, wk_tensor *m1, wk_tensor *m2, wk_scalar beta, wk_scalar alpha) {
    if (self->dtype != m2->dtype) { wk_rt_err(WK_ERR_RUNTIME, "self and mat2 must have the same dtype"); return NULL; }
    if (!mm_check(m1, m2)) return NULL;
    wk_tensor *r = addmm_raw(self, m1, m2, beta, alpha);
    wk_tensor *ins[3] = {self, m1, m2};
    if (!r || !wk_ag_needs(3, ins) || !wk_dtype_is_float(r->dtype)) return r;
    wk_node *n = wk_ag_node("AddmmBackward0", bw_addmm, 3, ins, 1);
    if (!n) { wk_tensor_decref(r); return NULL; }
    n->dv[0] = wk_scalar_to_f64(beta);
    n->dv[1] = wk_scalar_to_f64(alpha);
    wk_ag_set_output(n, 0, r);
    wk_ag_save(n, NULL);
    wk_ag_save(n, m1);
    wk_ag_save(n, m2);
    wk_node_decref(n);
    return r;
}

/* ================================================================== matmul */

static void rename_node(wk_tensor *t, const char *name) {
    wk_node *n = t ? wk_autograd_grad_fn(t) : NULL;
    if (n) n->name = name;
}

/* at::native's should_fold: a >= 3-D t times a 1-D or 2-D operand folds t's batch into rows of
 * one mm/mv, except a 3-D t whose matrices are transposed behind a batch-major stride (bmm). */
static bool should_fold(const wk_tensor *t, int dother) {
    if (t->ndim < 3 || dother > 2) return false;
    return !(t->ndim == 3 && dother == 2 && t->stride[2] != 1 && t->stride[0] == t->shape[1] * t->shape[2]);
}

/* The folded product: t1 (..., k) reshaped to (rows, k) times t2; for a 1-D/2-D a times a
 * batched b it is b^T @ a^T, transposed back (a contiguous copy: CloneBackward0). */
static wk_tensor *matmul_folded(wk_tensor *a, wk_tensor *b) {
    bool tr = b->ndim > a->ndim;
    wk_tensor *t1 = tr ? wk_op_transpose(b, b->ndim - 2, b->ndim - 1) : wk_tensor_incref(a);
    wk_tensor *t2 = !tr ? wk_tensor_incref(b) : a->ndim == 2 ? wk_op_t(a) : wk_tensor_incref(a);
    wk_tensor *o = NULL;
    if (t1 && t2) {
        int64_t os[WK_MAX_DIMS], rows = 1, fl[2];
        int on = t1->ndim - 1;
        for (int d = 0; d < on; d++) rows *= (os[d] = t1->shape[d]);
        fl[0] = rows;
        fl[1] = t1->shape[on];
        if (t2->ndim == 2) os[on++] = t2->shape[1];
        wk_tensor *t1f = wk_op_reshape(t1, 2, fl);
        wk_tensor *r = t1f ? (t2->ndim == 2 ? wk_op_mm(t1f, t2) : wk_op_mv(t1f, t2)) : NULL;
        o = r ? wk_op_reshape(r, on, os) : NULL;
        rename_node(o, "UnsafeViewBackward0");
        wk_tensor_decref(t1f);
        wk_tensor_decref(r);
    }
    if (o && tr && t2->ndim == 2) {
        wk_tensor *ot = wk_op_transpose(o, o->ndim - 2, o->ndim - 1);
        wk_tensor_decref(o);
        o = ot ? wk_op_contiguous(ot) : NULL;
        wk_tensor_decref(ot);
    }
    wk_tensor_decref(t1);
    wk_tensor_decref(t2);
    return o;
}

wk_tensor *wk_op_matmul(wk_tensor *a, wk_tensor *b) {
    int da = a->ndim, db = b->ndim;
    if (da == 0 || db == 0) {
        wk_rt_err(WK_ERR_RUNTIME, "both arguments to matmul need to be at least 1D, but they are %dD and %dD", da, db);
        return NULL;
    }
    if (da == 1 && db == 1) return wk_op_dot(a, b);
    if (da == 2 && db == 1) return wk_op_mv(a, b);
    if (da == 2 && db == 2) return wk_op_mm(a, b);
    if (da == 1 && db == 2) {
        wk_tensor *a2 = wk_op_unsqueeze(a, 0), *r = a2 ? wk_op_mm(a2, b) : NULL, *o = r ? wk_op_squeeze_dim(r, 0) : NULL;
        wk_tensor_decref(a2); wk_tensor_decref(r);
        return o;
    }
    if (should_fold(a, db) || should_fold(b, da)) return matmul_folded(a, b);
    /* general batched case with broadcasting of the batch dims */
    wk_tensor *a2 = da == 1 ? wk_op_unsqueeze(a, 0) : wk_tensor_incref(a);
    wk_tensor *b2 = db == 1 ? wk_op_unsqueeze(b, 1) : wk_tensor_incref(b);
    if (!a2 || !b2) { wk_tensor_decref(a2); wk_tensor_decref(b2); return NULL; }
    int64_t m = a2->shape[a2->ndim - 2], k = a2->shape[a2->ndim - 1], k2 = b2->shape[b2->ndim - 2], n = b2->shape[b2->ndim - 1];
    int nb;
    int64_t batch[WK_MAX_DIMS];
    if (!wk_broadcast_shapes(a2->ndim - 2, a2->shape, b2->ndim - 2, b2->shape, &nb, batch)) {
        wk_tensor_decref(a2); wk_tensor_decref(b2);
        return NULL;
    }
    int64_t B = 1;
    for (int i = 0; i < nb; i++) B *= batch[i];
    int64_t ea[WK_MAX_DIMS], eb[WK_MAX_DIMS], s3a[3] = {B, m, k}, s3b[3] = {B, k2, n}, os[WK_MAX_DIMS];
    memcpy(ea, batch, sizeof(int64_t) * (size_t)nb);
    memcpy(eb, batch, sizeof(int64_t) * (size_t)nb);
    ea[nb] = m; ea[nb + 1] = k; eb[nb] = k2; eb[nb + 1] = n;
    wk_tensor *ax = wk_op_expand(a2, nb + 2, ea), *bx = wk_op_expand(b2, nb + 2, eb);
    wk_tensor *a3 = ax ? wk_op_reshape(ax, 3, s3a) : NULL, *b3 = bx ? wk_op_reshape(bx, 3, s3b) : NULL;
    wk_tensor *r = a3 && b3 ? wk_op_bmm(a3, b3) : NULL;
    int on = 0;
    for (int i = 0; i < nb; i++) os[on++] = batch[i];
    if (da > 1) os[on++] = m;
    if (db > 1) os[on++] = n;
    wk_tensor *o = r ? wk_op_reshape(r, on, os) : NULL;
    rename_node(o, "UnsafeViewBackward0");
    wk_tensor_decref(a2); wk_tensor_decref(b2); wk_tensor_decref(ax); wk_tensor_decref(bx);
    wk_tensor_decref(a3); wk_tensor_decref(b3); wk_tensor_decref(r);
    return o;
}

/* ================================================================== triu / tril */

static wk_tensor *tri_raw(wk_tensor *a, int64_t diag, bool upper) {
    if (a->ndim < 2) {
        wk_rt_err(WK_ERR_RUNTIME, "%s: input tensor must have at least 2 dimensions", upper ? "triu" : "tril");
        return NULL;
    }
    int64_t r = a->shape[a->ndim - 2], c = a->shape[a->ndim - 1], shp[2] = {r, c};
    uint8_t *m = malloc((size_t)(r * c > 0 ? r * c : 1));
    if (!m) { wk_rt_err(WK_ERR_OOM, "out of memory"); return NULL; }
    for (int64_t i = 0; i < r; i++)
        for (int64_t j = 0; j < c; j++) m[i * c + j] = upper ? j - i >= diag : j - i <= diag;
    wk_tensor *mh = wk_tensor_from_data(2, shp, WK_DT_BOOL, m);
    free(m);
    wk_tensor *md = mh ? wk_tensor_to_device(mh, wk_tensor_device(a)) : NULL;
    wk_tensor_decref(mh);
    bool was = wk_grad_enabled();
    wk_grad_set_enabled(false);
    wk_scalar zero = a->dtype == WK_DT_BOOL ? wk_scalar_bool(false) : wk_scalar_int(0);  /* keeps a's dtype */
    wk_tensor *out = md ? wk_op_where(md, wk_vt(a), wk_vs(zero)) : NULL;
    wk_grad_set_enabled(was);
    wk_tensor_decref(md);
    return out;
}

static bool bw_tri(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    gin[0] = tri_raw(g[0], n->iv[0], n->iv[1]);
    return gin[0] != NULL;
}

static wk_tensor *tri(wk_tensor *a, int64_t diag, bool upper) {
    wk_tensor *out = tri_raw(a, diag, upper);
    if (!out || !wk_ag_needs(1, &a)) return out;
    wk_node *n = wk_ag_node(upper ? "TriuBackward0" : "TrilBackward0", bw_tri, 1, &a, 1);
    if (!n) { wk_tensor_decref(out); return NULL; }
    n->iv[0] = diag;
    n->iv[1] = upper;
    wk_ag_set_output(n, 0, out);
    wk_node_decref(n);
    return out;
}

wk_tensor *wk_op_triu(wk_tensor *a, int64_t diagonal) { return tri(a, diagonal, true); }
wk_tensor *wk_op_tril(wk_tensor *a, int64_t diagonal) { return tri(a, diagonal, false); }
