/* cpu_index.c — CPU gather/scatter family: index_select, gather, scatter(_add/_mul), index_add, masked ops, nonzero. */
#include "cpu_kernels.h"
#include "cpu_iter.h"
#include <string.h>

typedef struct {
    wk_dtype dt;
    size_t es;
    int64_t dim_size, dim_stride; /* of the indexed tensor; stride in bytes */
    int dim;
    wk_scatter_reduce reduce;
    double alpha;
    bool select_msg;  /* index_select wording for out-of-range */
    bool bad;
    int64_t bad_index;
} ix_ctx;

static bool check_index(ix_ctx *k, int64_t *v) {
    if (*v < -k->dim_size || *v >= k->dim_size) {
        if (!k->bad) { k->bad = true; k->bad_index = *v; }
        return false;
    }
    if (*v < 0) *v += k->dim_size;
    return true;
}

static bool report(const ix_ctx *k) {
    if (!k->bad) return true;
    if (k->select_msg) return wk_rt_err(WK_ERR_INDEX, "index out of range in self");
    return wk_rt_err(WK_ERR_RUNTIME, "index %lld is out of bounds for dimension %d with size %lld",
                     (long long)k->bad_index, k->dim, (long long)k->dim_size);
}

/* View of t over `shape` with t's strides and stride 0 at dim (the index picks the position). */
static wk_tensor *pinned_view(const wk_tensor *t, int ndim, const int64_t *shape, int dim) {
    int64_t st[WK_MAX_DIMS];
    for (int d = 0; d < ndim; d++) st[d] = d == dim ? 0 : (t->ndim ? t->stride[d] : 0);
    return wk_tensor_as_strided(t, ndim, shape, st, t->offset);
}

/* ops: out, a(pinned), index */
static void gather_row(char **p, const int64_t *s, int64_t n, void *c) {
    ix_ctx *k = c;
    for (int64_t i = 0; i < n; i++) {
        int64_t v = *(const int64_t *)(p[2] + i * s[2]);
        if (!check_index(k, &v)) continue;
        memcpy(p[0] + i * s[0], p[1] + i * s[1] + v * k->dim_stride, k->es);
    }
}

static bool gather_impl(wk_tensor *out, const wk_tensor *a, int dim, const wk_tensor *index, bool select_msg) {
    if (index->dtype != WK_DT_I64)
        return wk_rt_err(WK_ERR_RUNTIME, "gather(): Expected dtype int64 for index");
    ix_ctx k = {a->dtype, wk_dtype_size(a->dtype), a->ndim ? a->shape[dim] : 1,
                a->ndim ? a->stride[dim] * (int64_t)wk_dtype_size(a->dtype) : 0, dim,
                WK_SCATTER_SET, 1, select_msg, false, 0};
    wk_tensor *ap = pinned_view(a, out->ndim, out->shape, dim);
    if (!ap) return false;
    const wk_tensor *ops[3] = {out, ap, index};
    wk_iter it;
    wk_iter_init(&it, 3, ops, true);
    wk_iter_run(&it, gather_row, &k, true);
    wk_tensor_decref(ap);
    return report(&k);
}

bool wk_cpu_gather(wk_tensor *out, const wk_tensor *a, int dim, const wk_tensor *index) {
    return gather_impl(out, a, dim, index, false);
}

bool wk_cpu_index_select(wk_tensor *out, const wk_tensor *a, int dim, const wk_tensor *index) {
    /* the 1-D index laid along dim and broadcast over the other dims */
    int64_t st[WK_MAX_DIMS];
    for (int d = 0; d < out->ndim; d++) st[d] = d == dim ? (index->ndim ? index->stride[0] : 0) : 0;
    wk_tensor *ix = wk_tensor_as_strided(index, out->ndim, out->shape, st, index->offset);
    if (!ix) return false;
    bool ok = gather_impl(out, a, dim, ix, true);
    wk_tensor_decref(ix);
    return ok;
}

/* ops: self(pinned), index, src */
static void scatter_row(char **p, const int64_t *s, int64_t n, void *c) {
    ix_ctx *k = c;
    for (int64_t i = 0; i < n; i++) {
        int64_t v = *(const int64_t *)(p[1] + i * s[1]);
        if (!check_index(k, &v)) continue;
        char *dst = p[0] + i * s[0] + v * k->dim_stride;
        const char *src = p[2] + i * s[2];
        if (k->reduce == WK_SCATTER_SET) { memcpy(dst, src, k->es); continue; }
        if (wk_dtype_is_float(k->dt)) {
            double a = wk_dtype_load_f64(k->dt, dst), b = wk_dtype_load_f64(k->dt, src);
            wk_dtype_store_f64(k->dt, dst, k->reduce == WK_SCATTER_ADD ? a + k->alpha * b : a * b);
        } else {
            int64_t a = wk_dtype_load_i64(k->dt, dst), b = wk_dtype_load_i64(k->dt, src);
            uint64_t r = k->reduce == WK_SCATTER_ADD ? (uint64_t)a + (uint64_t)((int64_t)k->alpha) * (uint64_t)b
                                                     : (uint64_t)a * (uint64_t)b;
            wk_dtype_store_i64(k->dt, dst, (int64_t)r);
        }
    }
}

static bool scatter_impl(wk_tensor *self, int dim, const wk_tensor *index, const wk_tensor *src,
                         wk_scatter_reduce reduce, double alpha, bool select_msg) {
    if (index->dtype != WK_DT_I64)
        return wk_rt_err(WK_ERR_RUNTIME, "scatter(): Expected dtype int64 for index");
    if (src->dtype != self->dtype)
        return wk_rt_err(WK_ERR_RUNTIME, "scatter(): Expected self.dtype to be equal to src.dtype");
    ix_ctx k = {self->dtype, wk_dtype_size(self->dtype), self->ndim ? self->shape[dim] : 1,
                self->ndim ? self->stride[dim] * (int64_t)wk_dtype_size(self->dtype) : 0, dim,
                reduce, alpha, select_msg, false, 0};
    wk_tensor *sp = pinned_view(self, index->ndim, index->shape, dim);
    wk_tensor *sv = wk_tensor_as_strided(src, index->ndim, index->shape, src->stride, src->offset);
    if (!sp || !sv) { wk_tensor_decref(sp); wk_tensor_decref(sv); return false; }
    if (src->ndim != index->ndim) /* a scalar source arrives as a 0-dim tensor: broadcast it */
        for (int d = 0; d < sv->ndim; d++) sv->stride[d] = 0;
    const wk_tensor *ops[3] = {sp, index, sv};
    wk_cpu_foreach(3, ops, scatter_row, &k, false); /* serial, in order: duplicates resolve like PyTorch's CPU loop */
    wk_tensor_decref(sp);
    wk_tensor_decref(sv);
    return report(&k);
}

bool wk_cpu_scatter(wk_tensor *self, int dim, const wk_tensor *index, const wk_tensor *src, wk_scatter_reduce r) {
    return scatter_impl(self, dim, index, src, r, 1.0, false);
}

bool wk_cpu_index_add(wk_tensor *self, int dim, const wk_tensor *index, const wk_tensor *src, double alpha) {
    int64_t st[WK_MAX_DIMS];
    for (int d = 0; d < src->ndim; d++) st[d] = d == dim ? (index->ndim ? index->stride[0] : 0) : 0;
    wk_tensor *ix = wk_tensor_as_strided(index, src->ndim, src->shape, st, index->offset);
    if (!ix) return false;
    bool ok = scatter_impl(self, dim, ix, src, WK_SCATTER_ADD, alpha, true);
    wk_tensor_decref(ix);
    return ok;
}

typedef struct { size_t es; unsigned char v[8]; } mf_ctx;

static void mfill_row(char **p, const int64_t *s, int64_t n, void *c) {
    mf_ctx *k = c;
    for (int64_t i = 0; i < n; i++)
        if (*(const uint8_t *)(p[1] + i * s[1])) memcpy(p[0] + i * s[0], k->v, k->es);
}

bool wk_cpu_masked_fill(wk_tensor *self, const wk_tensor *mask, wk_scalar v) {
    mf_ctx k;
    k.es = wk_dtype_size(self->dtype);
    wk_dtype_store_scalar(self->dtype, k.v, v);
    const wk_tensor *ops[2] = {self, mask};
    wk_iter it;
    wk_iter_init(&it, 2, ops, true);
    wk_iter_run(&it, mfill_row, &k, true);
    return true;
}

typedef struct { size_t es; char *dst; int64_t dstride, n; } msel_ctx;

static void msel_row(char **p, const int64_t *s, int64_t n, void *c) {
    msel_ctx *k = c;
    for (int64_t i = 0; i < n; i++)
        if (*(const uint8_t *)(p[1] + i * s[1])) {
            memcpy(k->dst + k->n * k->dstride, p[0] + i * s[0], k->es);
            k->n++;
        }
}

bool wk_cpu_masked_select(wk_tensor *out, const wk_tensor *a, const wk_tensor *mask) {
    size_t es = wk_dtype_size(a->dtype);
    msel_ctx k = {es, wk_tensor_data(out), out->ndim ? out->stride[0] * (int64_t)es : 0, 0};
    const wk_tensor *ops[2] = {a, mask};
    wk_cpu_foreach(2, ops, msel_row, &k, false);
    return true;
}

bool wk_cpu_nonzero(wk_tensor *out, const wk_tensor *a) {
    int64_t n = wk_tensor_numel(a), idx[WK_MAX_DIMS] = {0}, row = 0;
    int64_t *o = wk_tensor_data(out);
    for (int64_t i = 0; i < n; i++) {
        const char *p = wk_tensor_ptr_at(a, idx);
        bool nz = wk_dtype_is_float(a->dtype) ? wk_dtype_load_f64(a->dtype, p) != 0 : wk_dtype_load_i64(a->dtype, p) != 0;
        if (nz) {
            for (int d = 0; d < a->ndim; d++) o[row * out->stride[0] + d * out->stride[1]] = idx[d];
            row++;
        }
        for (int d = a->ndim - 1; d >= 0; d--) { if (++idx[d] < a->shape[d]) break; idx[d] = 0; }
    }
    return true;
}
