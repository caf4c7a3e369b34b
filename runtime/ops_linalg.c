/* ops_linalg.c — mm/bmm/mv/dot/outer/addmm, matmul's broadcasting cases, einsum, triu/tril, with derivatives. */
#include "autograd_impl.h"
#include "ops.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ================================================================== raw batched GEMM */

static const char *ctype(wk_dtype dt) {
    switch (dt) {
    case WK_DT_F32: return "float";
    case WK_DT_F64: return "double";
    case WK_DT_F16: return "c10::Half";
    case WK_DT_BF16: return "c10::BFloat16";
    case WK_DT_I64: return "long int";
    case WK_DT_I32: return "int";
    case WK_DT_I16: return "short int";
    case WK_DT_I8: return "signed char";
    case WK_DT_U8: return "unsigned char";
    default: return "bool";
    }
}

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

/* (B, m, k) @ (B, k, n) -> (B, m, n), no history. */
static wk_tensor *bmm_raw(wk_tensor *a, wk_tensor *b) {
    const wk_backend *be = wk_backend_get(wk_tensor_device(a));
    if (!be) return NULL;
    int64_t B = a->shape[0], m = a->shape[1], k = a->shape[2], n = b->shape[2];
    int64_t shape[3] = {B, m, n};
    wk_tensor *ac = wk_tensor_contiguous(a), *bc = wk_tensor_contiguous(b);
    wk_tensor *out = ac && bc ? wk_tensor_empty(3, shape, a->dtype, wk_tensor_device(a)) : NULL;
    size_t es = wk_dtype_size(a->dtype);
    bool ok = out != NULL;
    if (ok && k == 0) ok = wk_tensor_fill_(out, wk_scalar_int(0));
    for (int64_t i = 0; ok && k > 0 && i < B && m > 0 && n > 0; i++)
        ok = be->gemm(a->dtype, false, false, m, n, k, 1.0, (char *)wk_tensor_data(ac) + (size_t)(i * m * k) * es, k,
                      (char *)wk_tensor_data(bc) + (size_t)(i * k * n) * es, n, 0.0,
                      (char *)wk_tensor_data(out) + (size_t)(i * m * n) * es, n);
    wk_tensor_decref(ac);
    wk_tensor_decref(bc);
    if (!ok) { wk_tensor_decref(out); return NULL; }
    out->version->value = 0;
    return out;
}

static wk_tensor *mm_raw(wk_tensor *a, wk_tensor *b) {
    wk_tensor *a3 = wk_tensor_unsqueeze(a, 0), *b3 = wk_tensor_unsqueeze(b, 0);
    wk_tensor *r = a3 && b3 ? bmm_raw(a3, b3) : NULL, *o = r ? wk_tensor_squeeze_dim(r, 0) : NULL;
    wk_tensor_decref(a3); wk_tensor_decref(b3); wk_tensor_decref(r);
    return o;
}

/* ================================================================== derivatives */

static bool bw_mm(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    wk_tensor *a = wk_ag_saved(n, 0), *b = wk_ag_saved(n, 1), *r[2] = {NULL, NULL};
    bool batched = n->iv[0];
    int d0 = batched ? 1 : 0, d1 = batched ? 2 : 1;
    if (n->next[0].fn) r[0] = b ? x_own(&s, (batched ? wk_op_bmm : wk_op_mm)(g[0], x_own(&s, wk_op_transpose(b, d0, d1)))) : NULL;
    if (n->next[1].fn) r[1] = a ? x_own(&s, (batched ? wk_op_bmm : wk_op_mm)(x_own(&s, wk_op_transpose(a, d0, d1)), g[0])) : NULL;
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

wk_tensor *wk_op_mm(wk_tensor *a, wk_tensor *b) {
    if (a->ndim != 2) { wk_rt_err(WK_ERR_RUNTIME, "self must be a matrix"); return NULL; }
    if (b->ndim != 2) { wk_rt_err(WK_ERR_RUNTIME, "mat2 must be a matrix"); return NULL; }
    if (!same_device_mm(a, b, "mm") || !same_dtype(a, b)) return NULL;
    if (a->shape[1] != b->shape[0]) {
        wk_rt_err(WK_ERR_RUNTIME, "mat1 and mat2 shapes cannot be multiplied (%lldx%lld and %lldx%lld)", (long long)a->shape[0],
                  (long long)a->shape[1], (long long)b->shape[0], (long long)b->shape[1]);
        return NULL;
    }
    return rec2(mm_raw(a, b), a, b, "MmBackward0", bw_mm, 0);
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
    return rec2(bmm_raw(a, b), a, b, "BmmBackward0", bw_mm, 1);
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
    wk_tensor *v2 = wk_tensor_unsqueeze(v, 1), *r = v2 ? mm_raw(a, v2) : NULL, *o = r ? wk_tensor_squeeze_dim(r, 1) : NULL;
    wk_tensor_decref(v2);
    wk_tensor_decref(r);
    return rec2(o, a, v, "MvBackward0", bw_mv, 0);
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
    wk_tensor *a2 = wk_tensor_unsqueeze(a, 0), *b2 = wk_tensor_unsqueeze(b, 1);
    wk_tensor *r = a2 && b2 ? mm_raw(a2, b2) : NULL, *o = r ? wk_tensor_reshape(r, 0, NULL) : NULL;
    wk_tensor_decref(a2); wk_tensor_decref(b2); wk_tensor_decref(r);
    return rec2(o, a, b, "DotBackward0", bw_dot, 0);
}

wk_tensor *wk_op_outer(wk_tensor *a, wk_tensor *b) {
    if (a->ndim != 1 || b->ndim != 1) {
        wk_rt_err(WK_ERR_RUNTIME, "outer: Expected 1-D argument self, but got %d-D", a->ndim != 1 ? a->ndim : b->ndim);
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
    if (n->next[1].fn) r[1] = m2 ? x_bins(&s, WK_OP_MUL, x_own(&s, wk_op_mm(g[0], x_own(&s, wk_op_t(m2)))), alpha) : NULL;
    if (n->next[2].fn) r[2] = m1 ? x_bins(&s, WK_OP_MUL, x_own(&s, wk_op_mm(x_own(&s, wk_op_t(m1)), g[0])), alpha) : NULL;
    for (int i = 0; i < 3; i++) gin[i] = r[i] ? wk_tensor_incref(r[i]) : NULL;
    x_free(&s);
    for (int i = 0; i < 3; i++) if (n->next[i].fn && !gin[i]) return false;
    return true;
}

wk_tensor *wk_op_addmm(wk_tensor *self, wk_tensor *m1, wk_tensor *m2, wk_scalar beta, wk_scalar alpha) {
    bool was = wk_grad_enabled();
    wk_grad_set_enabled(false);
    wk_tensor *p = wk_op_mm(m1, m2), *r = NULL;
    if (p) {
        wk_tensor *ps = wk_op_binary(WK_OP_MUL, wk_vt(p), wk_vs(alpha));
        wk_tensor *ss = ps ? wk_op_binary(WK_OP_MUL, wk_vt(self), wk_vs(beta)) : NULL;
        r = ss ? wk_op_add(wk_vt(ss), wk_vt(ps), wk_scalar_int(1)) : NULL;
        wk_tensor_decref(ps);
        wk_tensor_decref(ss);
    }
    wk_tensor_decref(p);
    wk_grad_set_enabled(was);
    wk_tensor *ins[3] = {self, m1, m2};
    if (!r || !wk_ag_needs(3, ins)) return r;
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
    if (da >= 3 && db <= 2) {  /* fold a's batch into rows */
        int64_t k = a->shape[da - 1], rows[2] = {wk_tensor_numel(a) / (k ? k : 1), k};
        if (k == 0) rows[0] = 1;
        for (int d = 0; d < da - 1 && k == 0; d++) rows[0] *= a->shape[d];
        wk_tensor *af = wk_op_reshape(a, 2, rows);
        wk_tensor *bb = db == 1 ? wk_op_unsqueeze(b, 1) : wk_tensor_incref(b);
        wk_tensor *r = af && bb ? wk_op_mm(af, bb) : NULL;
        int64_t os[WK_MAX_DIMS];
        int on = da - 1;
        memcpy(os, a->shape, sizeof(int64_t) * (size_t)(da - 1));
        if (db == 2) os[on++] = b->shape[1];
        wk_tensor *o = r ? wk_op_reshape(r, on, os) : NULL;
        rename_node(o, "UnsafeViewBackward0");
        wk_tensor_decref(af); wk_tensor_decref(bb); wk_tensor_decref(r);
        return o;
    }
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
    wk_tensor *out = md ? wk_op_where(md, wk_vt(a), wk_vi(0)) : NULL;
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
