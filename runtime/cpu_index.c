/* cpu_index.c — CPU gather/scatter family: index_select, gather, scatter(_add/_mul), index_add, masked ops, nonzero. */
#include "cpu_kernels.h"
#include "cpu_iter.h"
#include <stdlib.h>
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

/* One element moved; the common sizes are single moves rather than calls. */
static inline void copy_elem(char *dst, const char *src, size_t es) {
    if (es == 4) memcpy(dst, src, 4);
    else if (es == 8) memcpy(dst, src, 8);
    else memcpy(dst, src, es);
}

/* PyTorch's gather/scatter/index_add take no negative index (callers wrap them first). */
static inline bool check_index(ix_ctx *k, int64_t *v) {
    if (*v < 0 || *v >= k->dim_size) {
        if (!k->bad) { k->bad = true; k->bad_index = *v; }
        return false;
    }
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

/* Runs fn over the rows of the last dim of three operands of index's shape without the general
 * iterator (whose per-row cost dominates short rows): ops[pin] has stride 0 along dim (the index
 * picks the position there). Needs a contiguous index and operands of its ndim; false otherwise. */
static inline __attribute__((always_inline)) bool walk_rows(ix_ctx *k, const wk_tensor *const *ops, int pin,
                                                            const wk_tensor *index, wk_loop_fn fn) {
    int nd = index->ndim;
    if (nd == 0 || !wk_tensor_is_contiguous(index)) return false;
    for (int o = 0; o < 3; o++)
        if (ops[o]->ndim != nd) return false;
    int64_t numel = wk_tensor_numel(index), st[3][WK_MAX_DIMS], s[3], pos[WK_MAX_DIMS] = {0};
    if (numel == 0) return true;
    char *p[3];
    for (int o = 0; o < 3; o++) {
        int64_t es = (int64_t)wk_dtype_size(ops[o]->dtype);
        for (int d = 0; d < nd; d++) st[o][d] = o == pin && d == k->dim ? 0 : ops[o]->stride[d] * es;
        s[o] = st[o][nd - 1];
        p[o] = wk_tensor_data(ops[o]);
    }
    int64_t L = index->shape[nd - 1];
    for (int64_t r = numel / L; r > 0; r--) {
        fn(p, s, L, k);
        for (int d = nd - 2; d >= 0; d--) {
            bool wrap = ++pos[d] == index->shape[d];
            for (int o = 0; o < 3; o++) p[o] += wrap ? -st[o][d] * (pos[d] - 1) : st[o][d];
            if (!wrap) break;
            pos[d] = 0;
        }
    }
    return true;
}

/* ops: out, a(pinned), index; 4- and 8-byte elements moved as such */
#define GATHER_LOOP(T)                                                              \
    if (s0 == sizeof(T) && s1 == 0 && s2 == 8) { /* along the last dim, all contiguous */ \
        for (int64_t i = 0; i < n; i++) {                                           \
            int64_t v = ((const int64_t *)ix)[i];                                   \
            if ((uint64_t)v >= (uint64_t)size) { check_index(k, &v); continue; }    \
            memcpy(o + i * sizeof(T), a + v * dim_stride, sizeof(T));               \
        }                                                                           \
    } else                                                                          \
        for (int64_t i = 0; i < n; i++) {                                           \
            int64_t v = *(const int64_t *)(ix + i * s2);                            \
            if ((uint64_t)v >= (uint64_t)size) { check_index(k, &v); continue; }    \
            memcpy(o + i * s0, a + i * s1 + v * dim_stride, sizeof(T));             \
        }
static void gather_row(char **p, const int64_t *s, int64_t n, void *c) {
    ix_ctx *k = c;
    char *o = p[0];  /* locals: the stores may not alias them */
    const char *a = p[1], *ix = p[2];
    const int64_t s0 = s[0], s1 = s[1], s2 = s[2], size = k->dim_size, dim_stride = k->dim_stride;
    if (s[2] == 0) { /* constant index: the row is a strided copy from the picked position */
        int64_t v = *(const int64_t *)p[2];
        if (!check_index(k, &v)) return;
        const char *src = p[1] + v * k->dim_stride;
        for (int64_t i = 0; i < n; i++) copy_elem(p[0] + i * s[0], src + i * s[1], k->es);
        return;
    }
    if (k->es == 4) { GATHER_LOOP(uint32_t) return; }
    if (k->es == 8) { GATHER_LOOP(uint64_t) return; }
    for (int64_t i = 0; i < n; i++) {
        int64_t v = *(const int64_t *)(p[2] + i * s[2]);
        if (!check_index(k, &v)) continue;
        copy_elem(p[0] + i * s[0], p[1] + i * s[1] + v * k->dim_stride, k->es);
    }
}
#undef GATHER_LOOP

static bool gather_impl(wk_tensor *out, const wk_tensor *a, int dim, const wk_tensor *index, bool select_msg) {
    if (index->dtype != WK_DT_I64)
        return wk_rt_err(WK_ERR_RUNTIME, "gather(): Expected dtype int64 for index");
    ix_ctx k = {a->dtype, wk_dtype_size(a->dtype), a->ndim ? a->shape[dim] : 1,
                a->ndim ? a->stride[dim] * (int64_t)wk_dtype_size(a->dtype) : 0, dim,
                WK_SCATTER_SET, 1, select_msg, false, 0};
    const wk_tensor *direct[3] = {out, a, index};
    if (walk_rows(&k, direct, 1, index, gather_row)) return report(&k);
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

/* Elements (inner == 1) or rows of `inner` elements picked along dim of a contiguous a into a
 * contiguous out: a viewed as (outer, n, inner), out as (outer, k, inner). */
static bool index_select_rows(wk_tensor *out, const wk_tensor *a, int dim, const wk_tensor *index) {
    size_t es = wk_dtype_size(a->dtype);
    int64_t outer = 1, inner = 1, n = a->shape[dim], k = out->shape[dim];
    for (int d = 0; d < a->ndim; d++) {
        if (d < dim) outer *= a->shape[d];
        if (d > dim) inner *= a->shape[d];
    }
    const int64_t *ix = wk_tensor_data(index);
    int64_t is = index->ndim ? index->stride[0] : 0;
    for (int64_t j = 0; j < k; j++)  /* negative indices wrap here (the op layer rejects them first) */
        if (ix[j * is] < -n || ix[j * is] >= n) return wk_rt_err(WK_ERR_INDEX, "index out of range in self");
    const char *src = wk_tensor_data(a);
    char *dst = wk_tensor_data(out);
    size_t row = (size_t)inner * es;
    for (int64_t o = 0; o < outer; o++, src += (size_t)n * row) {
#define AT(j) (ix[(j) * is] < 0 ? ix[(j) * is] + n : ix[(j) * is])
        if (row == 4) {          /* constant sizes: single moves */
            for (int64_t j = 0; j < k; j++) memcpy(dst + j * 4, src + AT(j) * 4, 4);
        } else if (row == 8) {
            for (int64_t j = 0; j < k; j++) memcpy(dst + j * 8, src + AT(j) * 8, 8);
        } else {
            for (int64_t j = 0; j < k; j++) memcpy(dst + (size_t)j * row, src + (size_t)AT(j) * row, row);
        }
#undef AT
        dst += (size_t)k * row;
    }
    return true;
}

bool wk_cpu_index_select(wk_tensor *out, const wk_tensor *a, int dim, const wk_tensor *index) {
    if (a->ndim && wk_tensor_is_contiguous(a) && wk_tensor_is_contiguous(out) && index->dtype == WK_DT_I64 &&
        a->dtype == out->dtype)
        return index_select_rows(out, a, dim, index);
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
/* A row along which the index is constant (index_put_ of whole rows): one check, one strided copy. */
static void const_index_row(ix_ctx *k, char *dst, int64_t ds, const char *src, int64_t ss, int64_t n, int64_t v) {
    if (!check_index(k, &v)) return;
    dst += v * k->dim_stride;
    if (ds == (int64_t)k->es && ss == (int64_t)k->es) memmove(dst, src, (size_t)n * k->es);
    else for (int64_t i = 0; i < n; i++) copy_elem(dst + i * ds, src + i * ss, k->es);
}

/* dst += src on contiguous float32/float64 rows (vectorised: each element is one rounded add,
 * the bits of the double-computed sum with alpha 1). */
#define ADD_ROWS(NAME, T, ATTR) \
    ATTR static void NAME(T *restrict d, const T *restrict s, int64_t n) { for (int64_t i = 0; i < n; i++) d[i] += s[i]; }
ADD_ROWS(add_rows_f32_plain, float, )
ADD_ROWS(add_rows_f64_plain, double, )
ADD_ROWS(add_rows_f32_avx2, float, WK_AVX2_TARGET)
ADD_ROWS(add_rows_f64_avx2, double, WK_AVX2_TARGET)
#undef ADD_ROWS
static void add_rows_f32(float *d, const float *s, int64_t n) {
    (wk_cpu_has_avx2() ? add_rows_f32_avx2 : add_rows_f32_plain)(d, s, n);
}
static void add_rows_f64(double *d, const double *s, int64_t n) {
    (wk_cpu_has_avx2() ? add_rows_f64_avx2 : add_rows_f64_plain)(d, s, n);
}

/* dst += alpha * src along a row for float32/float64, computed in double as the general loop does. */
static bool const_index_add_row(ix_ctx *k, char *dst, int64_t ds, const char *src, int64_t ss, int64_t n, int64_t v) {
    if (k->dt != WK_DT_F32 && k->dt != WK_DT_F64) return false;
    if (!check_index(k, &v)) return true;
    dst += v * k->dim_stride;
    double al = k->alpha;
    bool contig = ds == (int64_t)k->es && ss == (int64_t)k->es && al == 1;
    if (contig && (src + n * ss <= dst || dst + n * ds <= src)) {
        if (k->dt == WK_DT_F32) add_rows_f32((float *)dst, (const float *)src, n);
        else add_rows_f64((double *)dst, (const double *)src, n);
    } else if (k->dt == WK_DT_F32)
        for (int64_t i = 0; i < n; i++) {
            float *d = (float *)(dst + i * ds);
            *d = (float)((double)*d + al * (double)*(const float *)(src + i * ss));
        }
    else
        for (int64_t i = 0; i < n; i++) {
            double *d = (double *)(dst + i * ds);
            *d = *d + al * *(const double *)(src + i * ss);
        }
    return true;
}

/* A row of float32/float64 adds (alpha 1: a float add has the double sum's bits) or of 4/8-byte
 * stores with a varying index, element by element in order as the general loop; false otherwise. */
#define SCATTER_LOOP(T, STMT)                                                   \
    for (int64_t i = 0; i < n; i++) {                                          \
        int64_t v = *(const int64_t *)(i1 + i * s1);                           \
        if ((uint64_t)v >= (uint64_t)size) { check_index(k, &v); continue; }   \
        T *dst = (T *)(o + i * s0 + v * dst_stride);                           \
        T val = *(const T *)(i2 + i * s2);                                     \
        STMT;                                                                  \
    }
static bool scatter_row_fast(ix_ctx *k, char **p, const int64_t *s, int64_t n) {
    char *o = p[0];
    const char *i1 = p[1], *i2 = p[2];
    const int64_t s0 = s[0], s1 = s[1], s2 = s[2], size = k->dim_size, dst_stride = k->dim_stride;
    if (k->reduce == WK_SCATTER_ADD) {
        if (k->alpha != 1) return false;
        if (k->dt == WK_DT_F32) { SCATTER_LOOP(float, *dst += val) return true; }
        if (k->dt == WK_DT_F64) { SCATTER_LOOP(double, *dst += val) return true; }
        return false;
    }
    if (k->es == 4) { SCATTER_LOOP(uint32_t, *dst = val) return true; }
    if (k->es == 8) { SCATTER_LOOP(uint64_t, *dst = val) return true; }
    return false;
}
#undef SCATTER_LOOP

static void scatter_row(char **p, const int64_t *s, int64_t n, void *c) {
    ix_ctx *k = c;
    if (s[1] == 0 && k->reduce == WK_SCATTER_SET) {
        const_index_row(k, p[0], s[0], p[2], s[2], n, *(const int64_t *)p[1]);
        return;
    }
    if (s[1] == 0 && k->reduce == WK_SCATTER_ADD && const_index_add_row(k, p[0], s[0], p[2], s[2], n, *(const int64_t *)p[1]))
        return;
    if (k->reduce != WK_SCATTER_MUL && scatter_row_fast(k, p, s, n)) return;
    for (int64_t i = 0; i < n; i++) {
        int64_t v = *(const int64_t *)(p[1] + i * s[1]);
        if (!check_index(k, &v)) continue;
        char *dst = p[0] + i * s[0] + v * k->dim_stride;
        const char *src = p[2] + i * s[2];
        if (k->reduce == WK_SCATTER_SET) { copy_elem(dst, src, k->es); continue; }
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
    const wk_tensor *direct[3] = {self, index, src};
    if (walk_rows(&k, direct, 0, index, scatter_row)) return report(&k);
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
    if (k->es == 4 && s[0] == 4 && s[1] == 1) { /* contiguous: a select per element, no branches */
        uint32_t v, *d = (uint32_t *)(void *)p[0];
        const uint8_t *m = (const uint8_t *)p[1];
        memcpy(&v, k->v, 4);
        for (int64_t i = 0; i < n; i++) d[i] = m[i] ? v : d[i];
        return;
    }
    for (int64_t i = 0; i < n; i++)
        if (*(const uint8_t *)(p[1] + i * s[1])) copy_elem(p[0] + i * s[0], (const char *)k->v, k->es);
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

/* nonzero: rows of a in logical order, each element tested by its dtype without branching; the
 * flat positions of the hits are stored first, then turned into coordinates. */
typedef struct {
    wk_dtype dt;
    int64_t flat, count;
    int64_t *hits; /* NULL: count only; else room for count + 1 */
} nz_ctx;

static inline bool nz_at(wk_dtype dt, const char *p) {
    switch (dt) {
    case WK_DT_BOOL: case WK_DT_U8: case WK_DT_I8: return *(const uint8_t *)p != 0;
    case WK_DT_F32: { float v; memcpy(&v, p, 4); return v != 0; }
    case WK_DT_I64: { int64_t v; memcpy(&v, p, 8); return v != 0; }
    default: return wk_dtype_is_float(dt) ? wk_dtype_load_f64(dt, p) != 0 : wk_dtype_load_i64(dt, p) != 0;
    }
}

static void nz_row(char **p, const int64_t *s, int64_t n, void *c) {
    nz_ctx *k = c;
    int64_t cnt = k->count;
    if (k->dt == WK_DT_BOOL && s[0] == 1 && !k->hits) {
        for (int64_t i = 0; i < n; i++) cnt += ((const uint8_t *)p[0])[i] != 0;
    } else if (!k->hits) {
        for (int64_t i = 0; i < n; i++) cnt += nz_at(k->dt, p[0] + i * s[0]);
    } else {
        for (int64_t i = 0; i < n; i++) {
            k->hits[cnt] = k->flat + i;
            cnt += nz_at(k->dt, p[0] + i * s[0]);
        }
    }
    k->count = cnt;
    k->flat += n;
}

static int64_t nonzero_pass(const wk_tensor *a, int64_t *hits) {
    nz_ctx k = {a->dtype, 0, 0, hits};
    const wk_tensor *ops[1] = {a};
    wk_cpu_foreach(1, ops, nz_row, &k, false);
    return k.count;
}

int64_t wk_cpu_count_nonzero(const wk_tensor *a) { return nonzero_pass(a, NULL); }

/* Ascending flat positions to coordinates: carried digit by digit, dividing only on overflow. */
static void flat_to_coords(const int64_t *flat, int64_t n, const wk_tensor *a, int64_t *o, int64_t s0, int64_t s1) {
    int nd = a->ndim;
    int64_t pos[WK_MAX_DIMS] = {0}, cur = 0;
    for (int64_t r = 0; r < n; r++) {
        pos[nd - 1] += flat[r] - cur;
        cur = flat[r];
        for (int d = nd - 1; d > 0 && pos[d] >= a->shape[d]; d--) {
            pos[d - 1] += pos[d] / a->shape[d];
            pos[d] %= a->shape[d];
        }
        for (int d = 0; d < nd; d++) o[r * s0 + d * s1] = pos[d];
    }
}

bool wk_cpu_nonzero(wk_tensor *out, const wk_tensor *a) {
    int64_t n = out->shape[0];
    if (n == 0 || a->ndim == 0) return true;
    int64_t *hits = malloc(sizeof(int64_t) * (size_t)(n + 1));
    if (!hits) return wk_rt_err(WK_ERR_OOM, "nonzero(): out of memory");
    nonzero_pass(a, hits);
    flat_to_coords(hits, n, a, wk_tensor_data(out), out->stride[0], out->stride[1]);
    free(hits);
    return true;
}
