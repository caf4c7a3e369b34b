/* ops_index.c — index_select/gather/scatter/index_add/masked_select, advanced indexing (index, index_put_), einsum, with derivatives. */
#include "autograd_impl.h"
#include "ops.h"
#include "cpu_kernels.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const wk_backend *be_of(wk_tensor *t) { return wk_backend_get(wk_tensor_device(t)); }

/* ================================================================== index_select / gather */

static bool bw_index_select(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_tensor *ix = wk_ag_saved(n, 0), *z = ix ? wk_tmeta_zeros(&n->in[0]) : NULL;
    if (!z) return false;
    bool gather = n->iv[1];
    bool ok = gather ? be_of(z)->scatter(z, (int)n->iv[0], ix, g[0], WK_SCATTER_ADD)
                     : be_of(z)->index_add(z, (int)n->iv[0], ix, g[0], 1.0);
    if (!ok) { wk_tensor_decref(z); return false; }
    gin[0] = z;
    return true;
}

static wk_tensor *rec_index(wk_tensor *out, wk_tensor *a, wk_tensor *ix, const char *name, int dim, bool gather) {
    if (!out || !wk_ag_needs(1, &a) || !wk_dtype_is_float(out->dtype)) return out;
    wk_node *n = wk_ag_node(name, bw_index_select, 1, &a, 1);
    if (!n) { wk_tensor_decref(out); return NULL; }
    n->iv[0] = dim;
    n->iv[1] = gather;
    wk_ag_set_output(n, 0, out);
    wk_ag_save(n, ix);
    wk_node_decref(n);
    return out;
}

/* Any negative entry in a CPU int32/int64 index of at most one dim. */
static bool has_negative(const wk_tensor *index) {
    int64_t n = wk_tensor_numel(index), st = index->ndim ? index->stride[0] : 0;
    const char *base = wk_tensor_data(index);
    bool neg = false;
    if (index->dtype == WK_DT_I64)
        for (int64_t i = 0; i < n; i++) neg |= ((const int64_t *)base)[i * st] < 0;
    else
        for (int64_t i = 0; i < n; i++) neg |= ((const int32_t *)base)[i * st] < 0;
    return neg;
}

wk_tensor *wk_op_index_select(wk_tensor *a, int64_t dim, wk_tensor *index) {
    int d;
    if (!wk_wrap_dim(dim, a->ndim ? a->ndim : 1, &d)) return NULL;
    if (index->ndim > 1) { wk_rt_err(WK_ERR_INDEX, "index_select(): Index is supposed to be a vector"); return NULL; }
    if (index->dtype != WK_DT_I64 && index->dtype != WK_DT_I32) {
        wk_rt_err(WK_ERR_RUNTIME, "index_select(): Expected dtype int32 or int64 for index");
        return NULL;
    }
    wk_tensor *ops[2] = {a, index};
    if (!wk_ops_same_device(2, ops)) return NULL;
    if (wk_tensor_device(index).type == WK_DEV_CPU && has_negative(index)) {
        /* PyTorch's index_select does not wrap negative indices */
        wk_rt_err(WK_ERR_INDEX, "index out of range in self");
        return NULL;
    }
    wk_tensor *ix = wk_tensor_to_dtype(index, WK_DT_I64, false);
    int64_t shape[WK_MAX_DIMS];
    memcpy(shape, a->shape, sizeof shape);
    if (a->ndim) shape[d] = wk_tensor_numel(index);
    wk_tensor *out = ix ? wk_tensor_empty(a->ndim, shape, a->dtype, wk_tensor_device(a)) : NULL;
    if (out && !be_of(a)->index_select(out, a, d, ix)) { wk_tensor_decref(out); out = NULL; }
    out = rec_index(out, a, ix, "IndexSelectBackward0", d, false);
    wk_tensor_decref(ix);
    return out;
}

wk_tensor *wk_op_gather(wk_tensor *a, int64_t dim, wk_tensor *index) {
    int d;
    if (!wk_wrap_dim(dim, a->ndim ? a->ndim : 1, &d)) return NULL;
    if (index->dtype != WK_DT_I64) { wk_rt_err(WK_ERR_RUNTIME, "gather(): Expected dtype int64 for index"); return NULL; }
    if (index->ndim != a->ndim && !(a->ndim == 0 && index->ndim <= 1)) {
        wk_rt_err(WK_ERR_RUNTIME, "Index tensor must have the same number of dimensions as input tensor");
        return NULL;
    }
    for (int k = 0; k < a->ndim; k++)
        if (k != d && index->shape[k] > a->shape[k]) {
            char is[256], ss[256];
            wk_shape_str(is, sizeof is, index->ndim, index->shape);
            wk_shape_str(ss, sizeof ss, a->ndim, a->shape);
            wk_rt_err(WK_ERR_RUNTIME, "Size does not match at dimension %d expected index %s to be smaller than self %s apart from dimension %d",
                      k, is, ss, d);
            return NULL;
        }
    wk_tensor *out = wk_tensor_empty(index->ndim, index->shape, a->dtype, wk_tensor_device(a));
    if (out && !be_of(a)->gather(out, a, d, index)) { wk_tensor_decref(out); out = NULL; }
    return rec_index(out, a, index, "GatherBackward0", d, true);
}

/* ================================================================== scatter / index_add */

static bool bw_scatter(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_tensor *ix = wk_ag_saved(n, 0);
    if (!ix) return false;
    int d = (int)n->iv[0];
    bool add = n->iv[1], idx_add = n->iv[2];
    if (n->next[0].fn) {
        if (add) gin[0] = wk_tensor_incref(g[0]);
        else {  /* overwritten positions get no gradient */
            wk_tensor *c = wk_tensor_clone(g[0]), *z = c ? wk_tensor_scalar(wk_scalar_int(0), c->dtype, wk_tensor_device(c)) : NULL;
            bool ok = z && be_of(c)->scatter(c, d, ix, z, WK_SCATTER_SET);
            wk_tensor_decref(z);
            if (!ok) { wk_tensor_decref(c); return false; }
            gin[0] = c;
        }
    }
    if (n->next[1].fn) {
        gin[1] = idx_add ? wk_op_index_select(g[0], d, ix) : wk_op_gather(g[0], d, ix);
        if (gin[1] && idx_add && n->dv[0] != 1) {
            wk_tensor *t = wk_op_binary(WK_OP_MUL, wk_vt(gin[1]), wk_vf(n->dv[0]));
            wk_tensor_decref(gin[1]);
            gin[1] = t;
        }
        if (!gin[1]) return false;
    }
    return true;
}

/* scatter's shape rule: index no larger than self apart from dim, nor than a tensor source. */
static bool scatter_shapes_ok(const wk_tensor *a, int d, const wk_tensor *index, const wk_tensor *src) {
    if (!a->ndim) return true;
    if (src && src->ndim != index->ndim)
        return wk_rt_err(WK_ERR_RUNTIME, "Index tensor must have the same number of dimensions as src tensor");
    bool bad = false;
    for (int k = 0; k < index->ndim; k++)
        bad |= (k != d && index->shape[k] > a->shape[k]) || (src && index->shape[k] > src->shape[k]);
    if (!bad) return true;
    char is[256], ss[256], rs[256];
    wk_shape_str(is, sizeof is, index->ndim, index->shape);
    wk_shape_str(ss, sizeof ss, a->ndim, a->shape);
    if (!src) return wk_rt_err(WK_ERR_RUNTIME, "Expected index %s to be smaller than self %s apart from dimension %d", is, ss, d);
    wk_shape_str(rs, sizeof rs, src->ndim, src->shape);
    return wk_rt_err(WK_ERR_RUNTIME, "Expected index %s to be smaller than self %s apart from dimension %d and to be smaller size than src %s",
                     is, ss, d, rs);
}

/* index_add's source: its slices (without dim) broadcast to self's as PyTorch's slice-wise add;
 * returns the source expanded to self's shape with the index count at dim, or NULL. */
static wk_tensor *index_add_source(const wk_tensor *a, int d, wk_tensor *s) {
    if (!a->ndim) return wk_tensor_incref(s);
    int64_t sl[WK_MAX_DIMS], tl[WK_MAX_DIMS], b[WK_MAX_DIMS];
    int ns = 0, nt = 0, nb = 0;
    for (int k = 0; k < a->ndim; k++)
        if (k != d) sl[ns++] = a->shape[k];
    for (int k = 0; k < s->ndim; k++)
        if (k != d) tl[nt++] = s->shape[k];
    if (!wk_broadcast_shapes(ns, sl, nt, tl, &nb, b)) return NULL;
    if (nb != ns || memcmp(b, sl, sizeof(int64_t) * (size_t)ns) != 0) {
        char x[256], y[256];
        wk_shape_str(x, sizeof x, ns, sl);
        wk_shape_str(y, sizeof y, nb, b);
        wk_rt_err(WK_ERR_RUNTIME, "output with shape %s doesn't match the broadcast shape %s", x, y);
        return NULL;
    }
    if (s->ndim != a->ndim) {
        wk_rt_err(WK_ERR_NOTIMPL, "index_add_(): a source of another number of dimensions than self is not supported in wick");
        return NULL;
    }
    int64_t target[WK_MAX_DIMS];
    memcpy(target, a->shape, sizeof(int64_t) * (size_t)a->ndim);
    target[d] = s->shape[d];
    return wk_tensor_expand(s, a->ndim, target);
}

/* out = a.clone() with the scatter applied, or a itself when inplace (a dense tensor sharing no
 * memory with index or src); records ScatterBackward0 / ScatterAddBackward0 / IndexAddBackward0. */
static wk_tensor *scatter_impl(wk_tensor *a, int64_t dim, wk_tensor *index, wk_val src, wk_scatter_reduce reduce,
                               bool idx_add, double alpha, bool inplace) {
    int d;
    if (!wk_wrap_dim(dim, a->ndim ? a->ndim : 1, &d)) return NULL;
    if (index->dtype != WK_DT_I64) {
        if (idx_add && index->dtype != WK_DT_I32)
            wk_rt_err(WK_ERR_RUNTIME, "index_add_(): Expected dtype int32/int64 for index but got: %s",
                      wk_dtype_scalar_name(index->dtype));
        else if (idx_add)
            wk_rt_err(WK_ERR_RUNTIME, "index_add_(): int32 indices are not supported in wick (use int64)");
        else
            wk_rt_err(WK_ERR_RUNTIME, "scatter(): Expected dtype int64 for index");
        return NULL;
    }
    if (!idx_add && index->ndim != a->ndim && a->ndim) {
        wk_rt_err(WK_ERR_RUNTIME, "Index tensor must have the same number of dimensions as self tensor");
        return NULL;
    }
    wk_tensor *s = src.t ? wk_tensor_to_dtype(src.t, a->dtype, false) : wk_tensor_scalar(src.s, a->dtype, wk_tensor_device(a));
    if (s && src.t && src.t->dtype != a->dtype) {
        wk_tensor_decref(s);
        wk_rt_err(WK_ERR_RUNTIME, "%s(): Expected self.dtype to be equal to src.dtype", idx_add ? "index_add_" : "scatter");
        return NULL;
    }
    if (s && idx_add && (d < s->ndim ? s->shape[d] : 1) != wk_tensor_numel(index)) {
        wk_rt_err(WK_ERR_INDEX, "index_add_(): Number of indices (%lld) should be equal to source.size(dim): (%lld), for dim: %d",
                  (long long)wk_tensor_numel(index), (long long)(d < s->ndim ? s->shape[d] : 1), d);
        wk_tensor_decref(s);
        return NULL;
    }
    if (s && !idx_add && !scatter_shapes_ok(a, d, index, src.t)) { wk_tensor_decref(s); return NULL; }
    if (s && idx_add) {
        wk_tensor *e = index_add_source(a, d, s);
        wk_tensor_decref(s);
        if (!e) return NULL;
        s = e;
    }
    wk_tensor *out = !s ? NULL : inplace ? wk_tensor_incref(a) : wk_tensor_clone(a);
    bool ok = out && (idx_add ? be_of(a)->index_add(out, d, index, s, alpha) : be_of(a)->scatter(out, d, index, s, reduce));
    wk_tensor_decref(s);
    if (!ok) { wk_tensor_decref(out); return NULL; }
    if (inplace) wk_tensor_bump_version(out);
    else out->version->value = 0;
    wk_tensor *ins[2] = {a, src.t};
    if (!wk_ag_needs(2, ins) || !wk_dtype_is_float(out->dtype)) return out;
    if (reduce == WK_SCATTER_MUL) { wk_tensor_decref(out); wk_rt_err(WK_ERR_NOTIMPL, "scatter(reduce='multiply') is not differentiable here"); return NULL; }
    const char *name = idx_add ? "IndexAddBackward0" : reduce == WK_SCATTER_ADD ? "ScatterAddBackward0" : "ScatterBackward0";
    wk_node *n = wk_ag_node(name, bw_scatter, 2, ins, 1);
    if (!n) { wk_tensor_decref(out); return NULL; }
    n->iv[0] = d;
    n->iv[1] = reduce == WK_SCATTER_ADD;
    n->iv[2] = idx_add;
    n->dv[0] = alpha;
    wk_ag_save(n, index);
    if (inplace) wk_ag_rebase(n, out);
    else wk_ag_set_output(n, 0, out);
    wk_node_decref(n);
    return out;
}

wk_tensor *wk_op_scatter(wk_tensor *a, int64_t dim, wk_tensor *index, wk_val src, wk_scatter_reduce reduce) {
    return scatter_impl(a, dim, index, src, reduce, false, 1, false);
}

wk_tensor *wk_op_index_add(wk_tensor *a, int64_t dim, wk_tensor *index, wk_tensor *src, wk_scalar alpha) {
    return scatter_impl(a, dim, index, wk_vt(src), WK_SCATTER_ADD, true, wk_scalar_to_f64(alpha), false);
}

/* Whether an in-place scatter may write into self directly: self dense (no element twice) on the
 * CPU and sharing no storage with the index or the source, else the out-of-place copy-back path. */
static bool scatter_in_place_ok(const wk_tensor *self, const wk_tensor *index, const wk_tensor *src) {
    return wk_tensor_device(self).type == WK_DEV_CPU && wk_tensor_is_dense(self) &&
           index->storage != self->storage && (!src || src->storage != self->storage);
}

/* In-place form: compute out of place, copy back, move history onto self. */
static bool put_back(wk_tensor *self, wk_tensor *r) {
    if (!r) return false;
    bool ok = wk_tensor_copy_(self, r);
    wk_node *n = wk_autograd_grad_fn(r);
    if (ok && n) wk_ag_rebase(n, self);
    wk_tensor_decref(r);
    return ok;
}

bool wk_op_scatter_(wk_tensor *self, int64_t dim, wk_tensor *index, wk_val src, wk_scatter_reduce reduce) {
    if (!wk_ag_check_inplace(self)) return false;
    if (scatter_in_place_ok(self, index, src.t)) {
        wk_tensor *r = scatter_impl(self, dim, index, src, reduce, false, 1, true);
        wk_tensor_decref(r);
        return r != NULL;
    }
    return put_back(self, wk_op_scatter(self, dim, index, src, reduce));
}

bool wk_op_index_add_(wk_tensor *self, int64_t dim, wk_tensor *index, wk_tensor *src, wk_scalar alpha) {
    if (!wk_ag_check_inplace(self)) return false;
    if (scatter_in_place_ok(self, index, src)) {
        wk_tensor *r = scatter_impl(self, dim, index, wk_vt(src), WK_SCATTER_ADD, true, wk_scalar_to_f64(alpha), true);
        wk_tensor_decref(r);
        return r != NULL;
    }
    return put_back(self, wk_op_index_add(self, dim, index, src, alpha));
}

/* ================================================================== masks */

wk_tensor *wk_op_nonzero(wk_tensor *a) {
    if (wk_tensor_device(a).type == WK_DEV_CPU) {
        int64_t shape[2] = {wk_cpu_count_nonzero(a), a->ndim};
        wk_tensor *out = wk_tensor_empty(2, shape, WK_DT_I64, WK_CPU);
        if (out && !wk_cpu_nonzero(out, a)) { wk_tensor_decref(out); out = NULL; }
        return out;
    }
    wk_tensor *b = wk_op_binary(WK_OP_NE, wk_vt(a), wk_vi(0));
    if (!b) return NULL;
    wk_tensor *s = wk_op_sum(b, NULL, 0, false, WK_NO_DTYPE);
    int64_t nnz = s ? wk_scalar_to_i64(wk_tensor_get_flat(s, 0)) : 0;
    wk_tensor_decref(s);
    int64_t shape[2] = {nnz, a->ndim};
    wk_tensor *out = wk_tensor_empty(2, shape, WK_DT_I64, wk_tensor_device(a));
    if (out && !be_of(a)->nonzero(out, a)) { wk_tensor_decref(out); out = NULL; }
    wk_tensor_decref(b);
    return out;
}

/* take(index): elements of the flattened tensor at index (negative wrap), shaped like index. */
wk_tensor *wk_op_take(wk_tensor *a, wk_tensor *index) {
    if (index->dtype != WK_DT_I64) {
        wk_rt_err(WK_ERR_RUNTIME, "take(): Expected a long tensor for index, but got %s", wk_dtype_scalar_name(index->dtype));
        return NULL;
    }
    int64_t numel = wk_tensor_numel(a);
    if (wk_tensor_device(index).type == WK_DEV_CPU)
        for (int64_t i = 0; i < wk_tensor_numel(index); i++) {
            int64_t v = wk_scalar_to_i64(wk_tensor_get_flat(index, i));
            if (v < -numel || v >= numel) {
                wk_rt_err(WK_ERR_INDEX, "out of range: tried to access index %lld on a tensor of %lld elements.",
                          (long long)v, (long long)numel);
                return NULL;
            }
        }
    wk_tensor *flat = wk_op_reshape(a, 1, &numel);
    wk_tensor *r = flat ? wk_op_index(flat, 1, &index) : NULL;
    wk_tensor_decref(flat);
    wk_node *n = r ? wk_autograd_grad_fn(r) : NULL;
    if (n) n->name = "TakeBackward0";
    return r;
}

wk_tensor *wk_op_masked_select(wk_tensor *a, wk_tensor *mask) {
    if (mask->dtype != WK_DT_BOOL) {
        wk_rt_err(WK_ERR_RUNTIME, "masked_select: expected BoolTensor for mask");
        return NULL;
    }
    wk_tensor *idx[1] = {mask};
    int64_t sh[WK_MAX_DIMS];
    int nd;
    if (!wk_broadcast_shapes(mask->ndim, mask->shape, a->ndim, a->shape, &nd, sh)) return NULL;
    wk_tensor *ae = wk_op_expand(a, nd, sh), *me = wk_tensor_expand(mask, nd, sh);
    wk_tensor *r = ae && me ? wk_op_index(ae, 1, idx[0] == mask ? &me : idx) : NULL;
    wk_tensor_decref(ae);
    wk_tensor_decref(me);
    wk_node *n = r ? wk_autograd_grad_fn(r) : NULL;
    if (n) n->name = "MaskedSelectBackward0";
    return r;
}

/* ================================================================== advanced indexing */

/* Turns indices (with bool masks) into one int64 tensor (or NULL) per dim of a. */
static bool expand_indices(wk_tensor *a, int n, wk_tensor *const *indices, wk_tensor **per_dim) {
    int d = 0;
    for (int i = 0; i < n; i++) {
        wk_tensor *ix = indices[i];
        if (!ix) { d++; continue; }
        if (ix->dtype == WK_DT_BOOL || ix->dtype == WK_DT_U8) {
            if (d + ix->ndim > a->ndim) return wk_rt_err(WK_ERR_INDEX, "too many indices for tensor of dimension %d", a->ndim);
            for (int k = 0; k < ix->ndim; k++)
                if (ix->shape[k] != a->shape[d + k]) {
                    char ms[256], as[256];
                    wk_shape_str(ms, sizeof ms, ix->ndim, ix->shape);
                    wk_shape_str(as, sizeof as, a->ndim, a->shape);
                    return wk_rt_err(WK_ERR_INDEX, "The shape of the mask %s at index %d does not match the shape of the indexed tensor %s at index %d",
                                     ms, k, as, d + k);
                }
            wk_tensor *nz = wk_op_nonzero(ix);
            if (!nz) return false;
            for (int k = 0; k < ix->ndim; k++) {
                wk_tensor *col = wk_tensor_select(nz, 1, k);
                per_dim[d + k] = col ? wk_tensor_contiguous(col) : NULL;
                wk_tensor_decref(col);
                if (!per_dim[d + k]) { wk_tensor_decref(nz); return false; }
            }
            wk_tensor_decref(nz);
            d += ix->ndim;
            continue;
        }
        if (ix->dtype != WK_DT_I64 && ix->dtype != WK_DT_I32 && ix->dtype != WK_DT_I16 && ix->dtype != WK_DT_I8)
            return wk_rt_err(WK_ERR_INDEX, "tensors used as indices must be long, int, byte or bool tensors");
        if (d >= a->ndim) return wk_rt_err(WK_ERR_INDEX, "too many indices for tensor of dimension %d", a->ndim);
        if (!(per_dim[d] = wk_tensor_to_dtype(ix, WK_DT_I64, false))) return false;
        d++;
    }
    return true;
}

typedef struct {
    int nd;                   /* dims of a */
    int nidx, nrest;          /* indexed dims, remaining dims */
    int64_t perm[WK_MAX_DIMS];/* indexed dims first */
    int64_t ishape[WK_MAX_DIMS]; int ind; /* broadcast index shape */
    bool adjacent;            /* result keeps the index dims in place */
    int first;                /* position of the first indexed dim */
    wk_tensor *lin;           /* flat int64 index into the product of the indexed dims */
} plan;

static bool indices_on_cpu(wk_tensor **per_dim, const plan *p) {
    for (int i = 0; i < p->nidx; i++)
        if (wk_tensor_device(per_dim[p->perm[i]]).type != WK_DEV_CPU) return false;
    return p->nidx > 0;
}

/* The flat index over the indexed dims in one pass on the CPU: each index tensor broadcast to
 * p->ishape, checked and wrapped; the first bad element (row-major, then index order) is the
 * one reported, as PyTorch's index kernel reports it. */
static wk_tensor *lin_cpu(wk_tensor *a, wk_tensor **per_dim, const plan *p) {
    int64_t n = 1, st[WK_MAX_DIMS][WK_MAX_DIMS], pos[WK_MAX_DIMS] = {0}, off[WK_MAX_DIMS] = {0};
    const int64_t *base[WK_MAX_DIMS];
    for (int k = 0; k < p->ind; k++) n *= p->ishape[k];
    for (int i = 0; i < p->nidx; i++) {
        wk_tensor *ix = per_dim[p->perm[i]];
        base[i] = wk_tensor_data(ix);
        for (int k = 0; k < p->ind; k++) {   /* broadcast: right-aligned, size-1 dims step 0 */
            int q = k - (p->ind - ix->ndim);
            st[i][k] = q < 0 || ix->shape[q] == 1 ? 0 : ix->stride[q];
        }
    }
    wk_tensor *out = wk_tensor_empty(1, &n, WK_DT_I64, WK_CPU);
    if (!out) return NULL;
    int64_t *o = wk_tensor_data(out);
    for (int64_t e = 0; e < n; e++) {
        int64_t lin = 0;
        for (int i = 0; i < p->nidx; i++) {
            int64_t size = a->shape[p->perm[i]], v = base[i][off[i]];
            if (v < -size || v >= size) {
                wk_tensor_decref(out);
                wk_rt_err(WK_ERR_INDEX, "index %lld is out of bounds for dimension %d with size %lld",
                          (long long)v, i, (long long)size);   /* PyTorch counts index tensors */
                return NULL;
            }
            lin = lin * size + (v < 0 ? v + size : v);
        }
        o[e] = lin;
        for (int k = p->ind - 1; k >= 0; k--) {  /* next position: advance the offsets */
            for (int i = 0; i < p->nidx; i++) off[i] += st[i][k];
            if (++pos[k] < p->ishape[k]) break;
            for (int i = 0; i < p->nidx; i++) off[i] -= st[i][k] * pos[k];
            pos[k] = 0;
        }
    }
    return out;
}

/* Builds the flat index with bounds checks. */
static bool make_plan(wk_tensor *a, wk_tensor **per_dim, plan *p) {
    memset(p, 0, sizeof *p);
    p->nd = a->ndim;
    p->first = -1;
    int last = -1;
    bool gap = false;
    for (int d = 0; d < a->ndim; d++) {
        if (!per_dim[d]) continue;
        if (p->first < 0) p->first = d;
        else if (last != d - 1) gap = true;
        last = d;
        p->perm[p->nidx++] = d;
    }
    p->adjacent = !gap;
    for (int d = 0; d < a->ndim; d++) if (!per_dim[d]) p->perm[p->nidx + p->nrest++] = d;
    p->ind = 0;
    for (int i = 0; i < p->nidx; i++) {
        wk_tensor *ix = per_dim[p->perm[i]];
        int64_t tmp[WK_MAX_DIMS];
        int tn;
        if (!wk_broadcast_shapes(p->ind, p->ishape, ix->ndim, ix->shape, &tn, tmp)) {
            wk_rt_errclear();
            char buf[512] = "";
            size_t len = 0;
            for (int j = 0; j < p->nidx; j++) {
                char s[128];
                wk_shape_str(s, sizeof s, per_dim[p->perm[j]]->ndim, per_dim[p->perm[j]]->shape);
                len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", j ? ", " : "", s);
                if (len >= sizeof buf) break;
            }
            return wk_rt_err(WK_ERR_INDEX, "shape mismatch: indexing tensors could not be broadcast together with shapes %s", buf);
        }
        p->ind = tn;
        memcpy(p->ishape, tmp, sizeof(int64_t) * (size_t)tn);
    }
    if (indices_on_cpu(per_dim, p)) return (p->lin = lin_cpu(a, per_dim, p)) != NULL;
    bool was = wk_grad_enabled();
    wk_grad_set_enabled(false);
    wk_tensor *lin = NULL;
    bool ok = true;
    for (int i = 0; i < p->nidx && ok; i++) {
        int d = (int)p->perm[i];
        wk_tensor *ix = per_dim[d];
        int64_t size = a->shape[d];
        if (wk_tensor_numel(ix)) {
            wk_tensor *mx = wk_op_amax(ix, NULL, 0, false), *mn = wk_op_amin(ix, NULL, 0, false);
            int64_t hi = mx ? wk_scalar_to_i64(wk_tensor_get_flat(mx, 0)) : 0, lo = mn ? wk_scalar_to_i64(wk_tensor_get_flat(mn, 0)) : 0;
            wk_tensor_decref(mx);
            wk_tensor_decref(mn);
            if (hi >= size || lo < -size) {
                ok = wk_rt_err(WK_ERR_INDEX, "index %lld is out of bounds for dimension %d with size %lld",
                               (long long)(hi >= size ? hi : lo), i, (long long)size);   /* PyTorch counts index tensors */
                break;
            }
        }
        wk_tensor *neg = wk_op_binary(WK_OP_LT, wk_vt(ix), wk_vi(0));
        wk_tensor *wr = neg ? wk_op_binary(WK_OP_ADD, wk_vt(ix), wk_vi(size)) : NULL;
        wk_tensor *w = wr ? wk_op_where(neg, wk_vt(wr), wk_vt(ix)) : NULL;
        wk_tensor_decref(neg);
        wk_tensor_decref(wr);
        if (!w) { ok = false; break; }
        if (!lin) lin = w;
        else {
            wk_tensor *m = wk_op_binary(WK_OP_MUL, wk_vt(lin), wk_vi(size));
            wk_tensor *s = m ? wk_op_add(wk_vt(m), wk_vt(w), wk_scalar_int(1)) : NULL;
            wk_tensor_decref(m); wk_tensor_decref(lin); wk_tensor_decref(w);
            lin = s;
            if (!lin) ok = false;
        }
    }
    if (ok && lin) {
        wk_tensor *e = wk_tensor_expand(lin, p->ind, p->ishape), *c = e ? wk_tensor_contiguous(e) : NULL;
        int64_t flat[1] = {-1};
        p->lin = c ? wk_tensor_reshape(c, 1, flat) : NULL;
        wk_tensor_decref(e); wk_tensor_decref(c);
        ok = p->lin != NULL;
    }
    wk_tensor_decref(lin);
    wk_grad_set_enabled(was);
    return ok;
}

/* a permuted (indexed dims first) and folded to (prod(indexed), rest...). */
static wk_tensor *fold(wk_tensor *a, const plan *p, bool need_view) {
    wk_tensor *pa = wk_op_permute(a, p->perm);
    if (!pa) return NULL;
    int64_t shape[WK_MAX_DIMS], prod = 1;
    for (int i = 0; i < p->nidx; i++) prod *= a->shape[p->perm[i]];
    shape[0] = prod;
    for (int i = 0; i < p->nrest; i++) shape[1 + i] = a->shape[p->perm[p->nidx + i]];
    wk_tensor *r = need_view ? wk_tensor_view(pa, 1 + p->nrest, shape) : wk_op_reshape(pa, 1 + p->nrest, shape);
    wk_tensor_decref(pa);
    return r;
}

wk_tensor *wk_op_index(wk_tensor *a, int n, wk_tensor *const *indices) {
    if (a->ndim == 0 && n > 0 && indices[0] && indices[0]->dtype != WK_DT_BOOL) {
        wk_rt_err(WK_ERR_INDEX, "too many indices for tensor of dimension 0");
        return NULL;
    }
    wk_tensor *per_dim[WK_MAX_DIMS] = {0};
    plan p;
    bool ok = expand_indices(a, n, indices, per_dim) && make_plan(a, per_dim, &p);
    for (int d = 0; d < WK_MAX_DIMS; d++) wk_tensor_decref(per_dim[d]);
    if (!ok) return NULL;
    if (!p.lin) return wk_tensor_alias(a);
    if (p.nidx == 1 && p.ind == 1) {  /* one 1-D index: index_select along its dim, no permuted copy */
        wk_tensor *r = wk_op_index_select(a, p.perm[0], p.lin);
        wk_tensor_decref(p.lin);
        wk_node *nd = r ? wk_autograd_grad_fn(r) : NULL;
        if (nd) nd->name = "IndexBackward0";
        return r;
    }
    wk_tensor *f = fold(a, &p, false);
    wk_tensor *sel = f ? wk_op_index_select(f, 0, p.lin) : NULL;
    wk_tensor_decref(f);
    wk_tensor_decref(p.lin);
    if (!sel) return NULL;
    int64_t shape[WK_MAX_DIMS];
    int k = 0;
    for (int i = 0; i < p.ind; i++) shape[k++] = p.ishape[i];
    for (int i = 0; i < p.nrest; i++) shape[k++] = a->shape[p.perm[p.nidx + i]];
    wk_tensor *r = wk_op_reshape(sel, k, shape);
    wk_tensor_decref(sel);
    if (r && p.adjacent && p.first > 0) {  /* move the index dims back to where the indexed dims were */
        int64_t perm[WK_MAX_DIMS];
        int q = 0;
        for (int i = 0; i < p.first; i++) perm[q++] = p.ind + i;
        for (int i = 0; i < p.ind; i++) perm[q++] = i;
        for (int i = p.first; i < p.nrest; i++) perm[q++] = p.ind + i;
        wk_tensor *t = wk_op_permute(r, perm);
        wk_tensor_decref(r);
        r = t;
        if (r && wk_tensor_is_contiguous(a)) {  /* PyTorch's result is laid out like its input */
            t = wk_op_contiguous(r);
            wk_tensor_decref(r);
            r = t;
        }
    }
    wk_node *nd = r ? wk_autograd_grad_fn(r) : NULL;
    if (nd) nd->name = "IndexBackward0";
    return r;
}

static bool bw_index_put(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    int ni = (int)n->iv[0];
    bool acc = n->iv[1];
    wk_tensor *idx[WK_MAX_DIMS];
    for (int i = 0; i < ni; i++) idx[i] = n->saved[i].t ? wk_ag_saved(n, i) : NULL;
    if (n->released) return wk_ag_saved(n, 0) != NULL;
    if (n->next[0].fn) {
        if (acc) gin[0] = wk_tensor_incref(g[0]);
        else {
            wk_tensor *c = wk_tensor_clone(g[0]);
            if (!c || !wk_op_index_put_(c, ni, idx, wk_vi(0), false)) { wk_tensor_decref(c); return false; }
            gin[0] = c;
        }
    }
    if (n->next[1].fn && !(gin[1] = wk_op_index(g[0], ni, idx))) return false;
    return true;
}

bool wk_op_index_put_(wk_tensor *self, int n, wk_tensor *const *indices, wk_val values, bool accumulate) {
    if (!wk_ag_check_inplace(self)) return false;
    wk_tensor *per_dim[WK_MAX_DIMS] = {0};
    plan p;
    bool ok = expand_indices(self, n, indices, per_dim) && make_plan(self, per_dim, &p);
    for (int d = 0; d < WK_MAX_DIMS; d++) wk_tensor_decref(per_dim[d]);
    if (!ok) return false;
    if (!p.lin) {  /* no tensor index: plain fill/copy */
        if (values.t) return wk_op_copy_(self, values.t);
        return wk_op_fill_(self, values);
    }
    wk_tensor *ins[2] = {self, values.t};
    bool rec = wk_ag_needs(2, ins);
    bool was = wk_grad_enabled();
    wk_grad_set_enabled(false);
    /* target: self folded as a view when possible, else a contiguous working copy */
    wk_tensor *f = fold(self, &p, true), *work = NULL;
    if (!f) {
        wk_rt_errclear();
        work = wk_tensor_contiguous(self);
        f = work ? fold(work, &p, true) : NULL;
    }
    int64_t rshape[WK_MAX_DIMS];
    int k = 0;
    rshape[k++] = wk_tensor_numel(p.lin);
    for (int i = 0; i < p.nrest; i++) rshape[k++] = self->shape[p.perm[p.nidx + i]];
    /* values broadcast to the indexing result layout, then to the folded layout */
    int64_t res[WK_MAX_DIMS];
    int rn = 0;
    for (int i = 0; i < p.ind; i++) res[rn++] = p.ishape[i];
    for (int i = 0; i < p.nrest; i++) res[rn++] = self->shape[p.perm[p.nidx + i]];
    wk_tensor *v = values.t ? wk_tensor_to_dtype(values.t, self->dtype, false) : wk_tensor_scalar(values.s, self->dtype, wk_tensor_device(self));
    wk_tensor *ve = NULL;
    if (v) {
        int64_t vs[WK_MAX_DIMS];
        int vn = v->ndim;
        memcpy(vs, v->shape, sizeof vs);
        if (p.adjacent && p.first > 0 && vn > 0) {
            /* values are given in the result layout (index dims in place): move them first */
            int64_t full[WK_MAX_DIMS];
            int fn = 0;
            for (int i = 0; i < p.first; i++) full[fn++] = self->shape[i];
            for (int i = 0; i < p.ind; i++) full[fn++] = p.ishape[i];
            for (int i = p.first; i < p.nrest; i++) full[fn++] = self->shape[p.perm[p.nidx + i]];
            wk_tensor *vx = wk_tensor_expand(v, fn, full);
            int64_t perm[WK_MAX_DIMS];
            int q = 0;
            for (int i = 0; i < p.ind; i++) perm[q++] = p.first + i;
            for (int i = 0; i < p.first; i++) perm[q++] = i;
            for (int i = p.first + p.ind; i < fn; i++) perm[q++] = i;
            ve = vx ? wk_tensor_permute(vx, perm) : NULL;
            wk_tensor_decref(vx);
        } else ve = wk_tensor_expand(v, rn, res);
        if (!ve) {
            char a[256], b[256];
            wk_shape_str(a, sizeof a, vn, vs);
            wk_shape_str(b, sizeof b, rn, res);
            wk_rt_err(WK_ERR_RUNTIME, "shape mismatch: value tensor of shape %s cannot be broadcast to indexing result of shape %s", a, b);
        }
    }
    wk_tensor *vr = ve ? wk_tensor_reshape(ve, k, rshape) : NULL;
    ok = f && vr;
    if (ok && accumulate) ok = be_of(self)->index_add(f, 0, p.lin, vr, 1.0);
    else if (ok) {
        int64_t st[WK_MAX_DIMS] = {0};
        st[0] = 1;
        wk_tensor *ix = wk_tensor_as_strided(p.lin, k, rshape, st, p.lin->offset);
        ok = ix && be_of(self)->scatter(f, 0, ix, vr, WK_SCATTER_SET);
        wk_tensor_decref(ix);
    }
    if (ok && work) ok = wk_tensor_copy_(self, work);
    else if (ok) wk_tensor_bump_version(self);
    wk_tensor_decref(f); wk_tensor_decref(work); wk_tensor_decref(v); wk_tensor_decref(ve); wk_tensor_decref(vr);
    wk_tensor_decref(p.lin);
    wk_grad_set_enabled(was);
    if (!ok || !rec) return ok;
    wk_node *nd = wk_ag_node("IndexPutBackward0", bw_index_put, 2, ins, 1);
    if (!nd) return false;
    nd->iv[0] = n;
    nd->iv[1] = accumulate;
    for (int i = 0; i < n; i++) wk_ag_save(nd, indices[i]);
    wk_ag_rebase(nd, self);
    wk_node_decref(nd);
    return true;
}

/* ================================================================== einsum */
/* Operands are aligned to one label order (diagonals taken for repeated labels), multiplied
 * pairwise with broadcasting and summed over labels no longer needed. */

#define EIN_MAXL 52

static int label_id(char c) {
    if (c >= 'a' && c <= 'z') return c - 'a';
    if (c >= 'A' && c <= 'Z') return 26 + c - 'A';
    return -1;
}

typedef struct {
    int n;            /* labels, -2 = ellipsis position */
    int lab[WK_MAX_DIMS + 1];
} ein_term;

static bool ein_parse_term(const char *eq, const char **ps, ein_term *t) {
    const char *s = *ps;
    t->n = 0;
    while (*s && *s != ',' && *s != '-') {
        if (*s == ' ') { s++; continue; }
        if (*s == '.') {
            if (strncmp(s, "...", 3)) return wk_rt_err(WK_ERR_RUNTIME, "einsum(): found '.' for operand that is not part of any ellipsis");
            if (t->n > WK_MAX_DIMS) return wk_rt_err(WK_ERR_RUNTIME, "einsum(): too many subscripts");
            t->lab[t->n++] = -2;
            s += 3;
            continue;
        }
        int id = label_id(*s);
        if (id < 0) return wk_rt_err(WK_ERR_RUNTIME, "einsum(): invalid subscript given at index %d in the equation string, subscripts must be in [a-zA-Z]", (int)(s - eq));
        if (t->n > WK_MAX_DIMS) return wk_rt_err(WK_ERR_RUNTIME, "einsum(): too many subscripts");
        t->lab[t->n++] = id;
        s++;
    }
    *ps = s;
    return true;
}

wk_tensor *wk_op_einsum(const char *eq, int nops, wk_tensor *const *ops) {
    ein_term in[16], out;
    int nt = 0;
    const char *s = eq;
    bool explicit_out = false;
    while (true) {
        if (nt == 16) { wk_rt_err(WK_ERR_RUNTIME, "einsum(): too many operands"); return NULL; }
        if (!ein_parse_term(eq, &s, &in[nt++])) return NULL;
        if (*s == ',') { s++; continue; }
        if (*s == '-') {
            if (s[1] != '>') { wk_rt_err(WK_ERR_RUNTIME, "einsum(): invalid '-' in equation"); return NULL; }
            s += 2;
            explicit_out = true;
            if (!ein_parse_term(eq, &s, &out)) return NULL;
        }
        break;
    }
    if (nt > nops) { wk_rt_err(WK_ERR_RUNTIME, "einsum(): fewer operands were provided than specified in the equation"); return NULL; }
    if (nt < nops) { wk_rt_err(WK_ERR_RUNTIME, "einsum(): more operands were provided than specified in the equation"); return NULL; }
    /* ellipsis width */
    int ell = 0;
    int64_t size[EIN_MAXL];
    int count[EIN_MAXL] = {0};
    bool seen[EIN_MAXL] = {0};
    for (int i = 0; i < nt; i++) {
        bool has_ell = false;
        for (int j = 0; j < in[i].n; j++) has_ell |= in[i].lab[j] == -2;
        int named = in[i].n - has_ell;
        if (!has_ell && named != ops[i]->ndim) {
            wk_rt_err(WK_ERR_RUNTIME, "einsum(): the number of subscripts in the equation (%d) does not match the number of dimensions (%d) for operand %d and no ellipsis was given",
                      named, ops[i]->ndim, i);
            return NULL;
        }
        if (has_ell) {
            if (named > ops[i]->ndim) {
                wk_rt_err(WK_ERR_RUNTIME, "einsum(): the number of subscripts in the equation (%d) is more than the number of dimensions (%d) for operand %d",
                          named, ops[i]->ndim, i);
                return NULL;
            }
            if (ops[i]->ndim - named > ell) ell = ops[i]->ndim - named;
        }
    }
    /* full label space: ellipsis dims get ids EIN_MAXL-... encoded as 100+k */
    wk_tensor *al[16] = {0};
    bool ok = true;
    int64_t esize[WK_MAX_DIMS];
    for (int k = 0; k < ell; k++) esize[k] = 1;
    for (int i = 0; i < nt && ok; i++) {
        /* dims of operand i, as label ids (ellipsis dims as 100 + k, right-aligned) */
        int ids[WK_MAX_DIMS], nd = 0;
        bool has_ell = false;
        for (int j = 0; j < in[i].n; j++) has_ell |= in[i].lab[j] == -2;
        int ew = has_ell ? ops[i]->ndim - (in[i].n - 1) : 0;
        for (int j = 0; j < in[i].n; j++) {
            if (in[i].lab[j] == -2) { for (int k = 0; k < ew; k++) ids[nd++] = 100 + ell - ew + k; }
            else ids[nd++] = in[i].lab[j];
        }
        for (int d = 0; d < nd && ok; d++) {
            int64_t sz = ops[i]->shape[d];
            for (int e = 0; e < d && ok; e++)
                if (ids[e] == ids[d] && ids[d] < 100 && ops[i]->shape[e] != sz)
                    ok = wk_rt_err(WK_ERR_RUNTIME, "einsum(): subscript %c is repeated for operand %d but the sizes don't match, %lld != %lld",
                                   ids[d] < 26 ? 'a' + ids[d] : 'A' + ids[d] - 26, i, (long long)sz, (long long)ops[i]->shape[e]);
            if (!ok) break;
            if (ids[d] >= 100) {
                int k = ids[d] - 100;
                if (esize[k] == 1) esize[k] = sz;
                else if (sz != 1 && sz != esize[k]) ok = wk_rt_err(WK_ERR_RUNTIME, "einsum(): operands do not broadcast with remapped shapes (original->remapped)");
                continue;
            }
            int L = ids[d];
            if (!seen[L]) { seen[L] = true; size[L] = sz; }
            else if (size[L] != sz) {
                if (size[L] == 1) size[L] = sz;
                else if (sz != 1) ok = wk_rt_err(WK_ERR_RUNTIME, "einsum(): subscript %c has size %lld for operand %d which does not broadcast with previously seen size %lld",
                                                 L < 26 ? 'a' + L : 'A' + L - 26, (long long)sz, i, (long long)size[L]);
            }
            count[L]++;
        }
        /* take diagonals for repeated labels, then permute to (ellipsis..., labels a..Z) with size-1 gaps */
        wk_tensor *t = wk_tensor_incref(ops[i]);
        for (int d = 0; d < nd && ok && t; d++)
            for (int e = d + 1; e < nd; e++)
                if (ids[e] == ids[d] && ids[d] < 100) {
                    wk_tensor *dg = wk_op_diagonal(t, 0, d, e);
                    wk_tensor_decref(t);
                    t = dg;
                    /* diagonal moves the merged dim to the end */
                    int lab = ids[d];
                    for (int q = e; q < nd - 1; q++) ids[q] = ids[q + 1];
                    nd--;
                    for (int q = d; q < nd - 1; q++) ids[q] = ids[q + 1];
                    ids[nd - 1] = lab;
                    d = -1;
                    break;
                }
        if (!t) { ok = false; break; }
        int64_t perm[WK_MAX_DIMS];
        int np = 0;
        for (int k = 0; k < ell; k++) {
            int found = -1;
            for (int d = 0; d < nd; d++) if (ids[d] == 100 + k) found = d;
            if (found >= 0) perm[np++] = found;
        }
        for (int L = 0; L < EIN_MAXL; L++)
            for (int d = 0; d < nd; d++) if (ids[d] == L) perm[np++] = d;
        wk_tensor *pt = wk_op_permute(t, perm);
        wk_tensor_decref(t);
        if (!pt) { ok = false; break; }
        /* the permuted tensor already has the label dims in order; view into the full space */
        int64_t full[EIN_MAXL + WK_MAX_DIMS];
        int q = 0, src = 0;
        for (int k = 0; k < ell; k++) {
            bool has = false;
            for (int d = 0; d < nd; d++) if (ids[d] == 100 + k) has = true;
            full[q++] = has ? pt->shape[src++] : 1;
        }
        for (int L = 0; L < EIN_MAXL; L++) {
            bool has = false;
            for (int d = 0; d < nd; d++) if (ids[d] == L) has = true;
            full[q++] = has ? pt->shape[src++] : 1;
        }
        /* too many dims for a tensor: compact to the labels in use */
        int64_t compact[WK_MAX_DIMS];
        int nc = 0;
        for (int k = 0; k < ell; k++) compact[nc++] = full[k];
        for (int L = 0; L < EIN_MAXL; L++) {
            bool used = false;
            for (int j = 0; j < nt; j++) for (int d = 0; d < in[j].n; d++) if (in[j].lab[d] == L) used = true;
            if (used) { if (nc >= WK_MAX_DIMS) { ok = wk_rt_err(WK_ERR_RUNTIME, "einsum(): too many dimensions"); break; } compact[nc++] = full[ell + L]; }
        }
        al[i] = ok ? wk_op_reshape(pt, nc, compact) : NULL;
        wk_tensor_decref(pt);
        if (!al[i]) ok = false;
    }
    /* positions of labels in the compact space */
    int pos[EIN_MAXL], npos = ell;
    for (int L = 0; L < EIN_MAXL; L++) {
        bool used = false;
        for (int j = 0; j < nt; j++) for (int d = 0; d < in[j].n; d++) if (in[j].lab[d] == L) used = true;
        pos[L] = used ? npos++ : -1;
    }
    /* output labels */
    int olab[WK_MAX_DIMS + 1], on = 0;
    bool out_ell = !explicit_out;
    if (explicit_out) {
        for (int j = 0; j < out.n && ok; j++) {
            if (out.lab[j] == -2) { out_ell = true; olab[on++] = -2; continue; }
            for (int e = 0; e < j && ok; e++)
                if (out.lab[e] == out.lab[j]) {
                    int L = out.lab[j];
                    ok = wk_rt_err(WK_ERR_RUNTIME, "einsum(): output subscript %c appears more than once in the output", L < 26 ? 'a' + L : 'A' + L - 26);
                }
            if (ok && pos[out.lab[j]] < 0) {
                int L = out.lab[j];
                ok = wk_rt_err(WK_ERR_RUNTIME, "einsum(): output subscript %c does not appear in the equation for any input operand", L < 26 ? 'a' + L : 'A' + L - 26);
            }
            olab[on++] = out.lab[j];
        }
    } else {
        olab[on++] = -2;
        for (int L = 0; L < EIN_MAXL; L++) if (pos[L] >= 0 && count[L] == 1) olab[on++] = L;
    }
    (void)out_ell;
    wk_tensor *acc = NULL;
    for (int i = 0; i < nt && ok; i++) {
        if (!acc) { acc = wk_tensor_incref(al[i]); continue; }
        wk_tensor *m = wk_op_binary(WK_OP_MUL, wk_vt(acc), wk_vt(al[i]));
        wk_tensor_decref(acc);
        acc = m;
        if (!acc) ok = false;
    }
    for (int i = 0; i < nt; i++) wk_tensor_decref(al[i]);
    if (!ok) { wk_tensor_decref(acc); return NULL; }
    /* sum labels not in the output, keepdim, then permute to output order and squeeze */
    int64_t sdims[WK_MAX_DIMS];
    int nsd = 0;
    bool keep_ell = false;
    for (int j = 0; j < on; j++) if (olab[j] == -2) keep_ell = true;
    if (!keep_ell) for (int k = 0; k < ell; k++) sdims[nsd++] = k;
    for (int L = 0; L < EIN_MAXL; L++) {
        if (pos[L] < 0) continue;
        bool in_out = false;
        for (int j = 0; j < on; j++) if (olab[j] == L) in_out = true;
        if (!in_out) sdims[nsd++] = pos[L];
    }
    wk_tensor *r = acc;
    if (nsd) { r = wk_op_sum(acc, sdims, nsd, true, WK_NO_DTYPE); wk_tensor_decref(acc); }
    if (!r) return NULL;
    int64_t perm[WK_MAX_DIMS], oshape[WK_MAX_DIMS];
    int np = 0, nos = 0;
    bool used[WK_MAX_DIMS] = {0};
    for (int j = 0; j < on; j++) {
        if (olab[j] == -2) { for (int k = 0; k < ell; k++) { perm[np++] = k; used[k] = true; oshape[nos++] = r->shape[k]; } }
        else { perm[np++] = pos[olab[j]]; used[pos[olab[j]]] = true; oshape[nos++] = r->shape[pos[olab[j]]]; }
    }
    for (int d = 0; d < r->ndim; d++) if (!used[d]) perm[np++] = d;
    wk_tensor *pr = wk_op_permute(r, perm);
    wk_tensor_decref(r);
    wk_tensor *o = pr ? wk_op_reshape(pr, nos, oshape) : NULL;
    wk_tensor_decref(pr);
    return o;
}
