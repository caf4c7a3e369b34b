/* tensor.c — storage lifetime, tensor creation, views and copies (device-independent parts). */
#include "tensor.h"
#include "cpu_vmath.h"
#include "backend.h"
#include "pool.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*g_autograd_release)(wk_tensor *t);

void wk_tensor_set_autograd_release(void (*fn)(wk_tensor *t)) { g_autograd_release = fn; }

/* ------------------------------------------------------------------ refcounting */

wk_tensor *wk_tensor_incref(wk_tensor *t) { if (t) t->refcount++; return t; }

void wk_storage_decref(wk_storage *s) {
    if (!s || --s->refcount > 0) return;
    if (s->release) s->release(s->release_ctx, s->data);
    else if (s->allocator && s->data) s->allocator->free(s->device.index, s->data, s->nbytes);
    wk_pool_free(s, sizeof *s);
}

void wk_tensor_decref(wk_tensor *t) {
    if (!t || --t->refcount > 0) return;
    if ((t->grad || t->grad_fn) && g_autograd_release) g_autograd_release(t);
    wk_storage_decref(t->storage);
    if (t->version && --t->version->refcount == 0) free(t->version);
    wk_pool_free(t, sizeof *t);
}

/* ------------------------------------------------------------------ properties */

int64_t wk_tensor_numel(const wk_tensor *t) {
    int64_t n = 1;
    for (int i = 0; i < t->ndim; i++) n *= t->shape[i];
    return n;
}

size_t wk_tensor_elsize(const wk_tensor *t) { return wk_dtype_size(t->dtype); }

void *wk_tensor_data(const wk_tensor *t) {
    return (char *)t->storage->data + t->offset * (int64_t)wk_dtype_size(t->dtype);
}

wk_device wk_tensor_device(const wk_tensor *t) { return t->storage->device; }

bool wk_tensor_is_contiguous(const wk_tensor *t) {
    int64_t expect = 1;
    for (int i = t->ndim - 1; i >= 0; i--) {
        if (t->shape[i] == 0) return true;
        if (t->shape[i] != 1 && t->stride[i] != expect) return false;
        expect *= t->shape[i];
    }
    return true;
}

/* Dims sorted by stride, outermost (largest stride) first, stable; size-1 dims (whose
 * stride means nothing) go outermost, as in PyTorch's non-overlapping-and-dense test. */
void wk_tensor_stride_order(const wk_tensor *t, int *perm) {
    int n = 0;
    for (int i = 0; i < t->ndim; i++)
        if (t->shape[i] == 1) perm[n++] = i;
    for (int i = 0; i < t->ndim; i++) {
        if (t->shape[i] == 1) continue;
        int j = n++;
        while (j > 0 && t->shape[perm[j - 1]] != 1 && t->stride[perm[j - 1]] < t->stride[i]) { perm[j] = perm[j - 1]; j--; }
        perm[j] = i;
    }
}

bool wk_tensor_is_dense(const wk_tensor *t) {
    int perm[WK_MAX_DIMS];
    wk_tensor_stride_order(t, perm);
    int64_t expect = 1;
    for (int i = t->ndim - 1; i >= 0; i--) {
        int d = perm[i];
        if (t->shape[d] == 0) return true;
        if (t->shape[d] == 1) continue;
        if (t->stride[d] != expect) return false;
        expect *= t->shape[d];
    }
    return true;
}

void wk_tensor_bump_version(wk_tensor *t) { if (t->version) t->version->value++; }
uint64_t wk_tensor_version(const wk_tensor *t) { return t->version ? t->version->value : 0; }

bool wk_wrap_dim(int64_t dim, int ndim, int *out) {
    int64_t n = ndim > 0 ? ndim : 1;
    *out = 0;
    if (dim < -n || dim >= n)
        return wk_rt_err(WK_ERR_INDEX,
                         "Dimension out of range (expected to be in range of [%lld, %lld], but got %lld)",
                         (long long)-n, (long long)(n - 1), (long long)dim);
    *out = (int)(dim < 0 ? dim + n : dim);
    return true;
}

bool wk_same_shape(const wk_tensor *a, const wk_tensor *b) {
    if (a->ndim != b->ndim) return false;
    for (int i = 0; i < a->ndim; i++)
        if (a->shape[i] != b->shape[i]) return false;
    return true;
}

void wk_shape_str(char *buf, size_t cap, int ndim, const int64_t *shape) {
    size_t len = 0;
    len += (size_t)snprintf(buf, cap, "[");
    for (int i = 0; i < ndim && len < cap; i++)
        len += (size_t)snprintf(buf + len, cap - len, "%s%lld", i ? ", " : "", (long long)shape[i]);
    if (len < cap) snprintf(buf + len, cap - len, "]");
}

/* ------------------------------------------------------------------ creation */

static wk_tensor *tensor_new(wk_storage *s, int ndim, const int64_t *shape, const int64_t *stride,
                             int64_t offset, wk_dtype dt, wk_version *ver) {
    if (ndim < 0 || ndim > WK_MAX_DIMS) {
        wk_rt_err(WK_ERR_RUNTIME, "tensors with more than %d dimensions are not supported", WK_MAX_DIMS);
        return NULL;
    }
    wk_tensor *t = wk_pool_alloc(sizeof *t, true);
    if (!t) { wk_rt_err(WK_ERR_OOM, "out of memory"); return NULL; }
    if (!ver) {
        ver = malloc(sizeof *ver); /* plain malloc: checkpoint loading swaps versions too */
        if (!ver) { wk_pool_free(t, sizeof *t); wk_rt_err(WK_ERR_OOM, "out of memory"); return NULL; }
        ver->refcount = 0;
        ver->value = 0;
    }
    ver->refcount++;
    s->refcount++;
    t->refcount = 1;
    t->storage = s;
    t->offset = offset;
    t->ndim = ndim;
    if (ndim) {
        memcpy(t->shape, shape, (size_t)ndim * sizeof *shape);
        memcpy(t->stride, stride, (size_t)ndim * sizeof *stride);
    }
    t->dtype = dt;
    t->version = ver;
    return t;
}

static wk_storage *storage_new(wk_device dev, size_t nbytes) {
    const wk_backend *b = wk_backend_get(dev);
    if (!b) return NULL;
    if (dev.type != WK_DEV_CPU && dev.index < 0) dev.index = 0;
    if (dev.type != WK_DEV_CPU && dev.index >= b->device_count()) {
        wk_rt_err(WK_ERR_RUNTIME, "CUDA error: invalid device ordinal");
        return NULL;
    }
    wk_storage *s = wk_pool_alloc(sizeof *s, true);
    if (!s) { wk_rt_err(WK_ERR_OOM, "out of memory"); return NULL; }
    s->refcount = 1;
    s->device = dev;
    s->allocator = b;
    s->nbytes = nbytes;
    s->data = b->alloc(dev.index, nbytes);
    if (!s->data) { wk_pool_free(s, sizeof *s); return NULL; }
    return s;
}

static void contiguous_strides(int ndim, const int64_t *shape, int64_t *stride) {
    uint64_t acc = 1; /* wraps (as PyTorch's do) only for zero-size tensors with huge dims */
    for (int i = ndim - 1; i >= 0; i--) {
        stride[i] = (int64_t)acc;
        acc *= shape[i] > 1 ? (uint64_t)shape[i] : 1;
    }
}

static bool check_shape(int ndim, const int64_t *shape) {
    if (ndim > WK_MAX_DIMS)
        return wk_rt_err(WK_ERR_RUNTIME, "tensors with more than %d dimensions are not supported", WK_MAX_DIMS);
    for (int i = 0; i < ndim; i++)
        if (shape[i] < 0) {
            char buf[256];
            wk_shape_str(buf, sizeof buf, ndim, shape);
            return wk_rt_err(WK_ERR_RUNTIME, "Trying to create tensor with negative dimension %lld: %s",
                             (long long)shape[i], buf);
        }
    return true;
}

wk_tensor *wk_tensor_empty_strided(int ndim, const int64_t *shape, const int64_t *stride,
                                   wk_dtype dt, wk_device dev) {
    if (!check_shape(ndim, shape)) return NULL;
    int64_t span = 1;
    uint64_t bytes_u;
    bool over = false;
    for (int i = 0; i < ndim; i++) {
        if (shape[i] == 0) { span = 0; over = false; break; }
        int64_t step;
        over |= __builtin_mul_overflow(shape[i] - 1, stride[i], &step) || __builtin_add_overflow(span, step, &span);
    }
    if (over || __builtin_mul_overflow((uint64_t)span, (uint64_t)wk_dtype_size(dt), &bytes_u)) {
        char sz[256], st[256];
        wk_shape_str(sz, sizeof sz, ndim, shape);
        wk_shape_str(st, sizeof st, ndim, stride);
        wk_rt_err(WK_ERR_RUNTIME, "Storage size calculation overflowed with sizes=%s and strides=%s", sz, st);
        return NULL;
    }
    double bytes = (double)bytes_u;
    if (bytes > 9.0e18) { wk_rt_err(WK_ERR_OOM, "out of memory: tensor too large"); return NULL; }
    wk_storage *s = storage_new(dev, (size_t)span * wk_dtype_size(dt));
    if (!s) return NULL;
    wk_tensor *t = tensor_new(s, ndim, shape, stride, 0, dt, NULL);
    wk_storage_decref(s);
    return t;
}

wk_tensor *wk_tensor_empty(int ndim, const int64_t *shape, wk_dtype dt, wk_device dev) {
    int64_t stride[WK_MAX_DIMS], numel = 1;
    uint64_t bytes;
    if (!check_shape(ndim, shape)) return NULL;
    bool over = false, zero = false;
    for (int i = 0; i < ndim; i++) {
        over |= __builtin_mul_overflow(numel, shape[i], &numel);
        zero |= shape[i] == 0;
    }
    if (zero) over = false, numel = 0;
    if (over || __builtin_mul_overflow((uint64_t)numel, (uint64_t)wk_dtype_size(dt), &bytes)) {
        char buf[256];
        wk_shape_str(buf, sizeof buf, ndim, shape);
        return wk_rt_err(WK_ERR_RUNTIME, "Storage size calculation overflowed with sizes=%s", buf), NULL;
    }
    contiguous_strides(ndim, shape, stride);
    return wk_tensor_empty_strided(ndim, shape, stride, dt, dev);
}

/* preserve_format: a non-overlapping dense t lends its strides as they are (size-1 dims
 * included), anything else gives a contiguous tensor. */
wk_tensor *wk_tensor_empty_like(const wk_tensor *t, wk_dtype dt) {
    if (!wk_tensor_is_dense(t)) return wk_tensor_empty(t->ndim, t->shape, dt, t->storage->device);
    return wk_tensor_empty_strided(t->ndim, t->shape, t->stride, dt, t->storage->device);
}

/* PyTorch's TensorIterator ordering test for output dims a (outer) and b (inner), both in
 * out's numbering: +1 when b should be outer. The first input whose broadcast strides
 * differ decides; equal strides put the larger dim outside. */
static int iter_should_swap(int n, const wk_tensor *const *ins, int ndim, const int64_t *shape, int a, int b) {
    for (int k = 0; k < n; k++) {
        const wk_tensor *t = ins[k];
        int off = ndim - t->ndim;
        if (a < off || b < off) continue;
        int64_t sa = t->shape[a - off] == 1 && shape[a] != 1 ? 0 : t->stride[a - off];
        int64_t sb = t->shape[b - off] == 1 && shape[b] != 1 ? 0 : t->stride[b - off];
        if (sa == 0 || sb == 0) continue;
        if (sb < sa) return -1;
        if (sb > sa) return 1;
        if (shape[b] > shape[a]) return 1;
    }
    return 0;
}

/* Output of an elementwise op over ins (broadcast to shape), laid out as PyTorch's
 * TensorIterator lays it out: contiguous when every input is; the inputs' strides when
 * they all share shape and a dense layout; otherwise dims ordered by the inputs' strides. */
/* The dims of a 4-D (5-D) tensor from innermost to outermost in channels-last order. */
static const int *channels_last_order(int ndim) {
    static const int o4[] = {1, 3, 2, 0}, o5[] = {1, 4, 3, 2, 0};
    return ndim == 4 ? o4 : ndim == 5 ? o5 : NULL;
}

/* c10's channels-last contiguity test: the non-size-1 dims, channels innermost, are packed. */
static bool is_channels_last_contiguous(const wk_tensor *t) {
    const int *o = channels_last_order(t->ndim);
    int64_t expect = 1;
    for (int i = 0; o && i < t->ndim; i++) {
        if (t->shape[o[i]] == 1) continue;
        if (t->stride[o[i]] != expect) return false;
        expect *= t->shape[o[i]];
    }
    return o != NULL;
}

wk_tensor *wk_tensor_empty_for(int n, const wk_tensor *const *ins, int ndim, const int64_t *shape, wk_dtype dt,
                               wk_device dev) {
    const wk_tensor *use[8];
    int m = 0;
    bool contiguous = true, same_shape = true;
    for (int k = 0; k < n; k++) {
        const wk_tensor *t = ins[k];
        same_shape = same_shape && t && t->ndim == ndim && !memcmp(t->shape, shape, sizeof(int64_t) * (size_t)ndim);
        if (!t || t->ndim == 0 || m == 8) continue;
        use[m++] = t;
        contiguous = contiguous && wk_tensor_is_contiguous(t);
    }
    if (ndim < 2 || m == 0) return wk_tensor_empty(ndim, shape, dt, dev);
    /* TensorIterator's fast set-up, for operands that all have the output's shape (a Python
     * scalar counts as a 0-dim operand): contiguous ones give a contiguous result, channels-last
     * ones a channels-last result, ones with the same dense strides lend them (size-1 dims
     * included) */
    if (same_shape && contiguous) return wk_tensor_empty(ndim, shape, dt, dev);
    bool cl = same_shape && channels_last_order(ndim);
    for (int k = 0; cl && k < m; k++) cl = is_channels_last_contiguous(use[k]);
    if (cl) {
        const int *o = channels_last_order(ndim);
        int64_t stride[WK_MAX_DIMS], acc = 1;
        for (int i = 0; i < ndim; i++) { stride[o[i]] = acc; acc *= shape[o[i]] > 1 ? shape[o[i]] : 1; }
        return wk_tensor_empty_strided(ndim, shape, stride, dt, dev);
    }
    bool same = same_shape && wk_tensor_is_dense(use[0]);
    for (int k = 1; same && k < m; k++) same = !memcmp(use[k]->stride, use[0]->stride, sizeof(int64_t) * (size_t)ndim);
    if (same) return wk_tensor_empty_strided(ndim, shape, use[0]->stride, dt, dev);
    int perm[WK_MAX_DIMS]; /* perm[0]: the innermost dim */
    for (int i = 0; i < ndim; i++) perm[i] = ndim - 1 - i;
    for (int i = 1; i < ndim; i++)
        for (int j = i - 1, cur = i; j >= 0; j--) {
            int c = iter_should_swap(m, use, ndim, shape, perm[cur], perm[j]);
            if (c < 0) break;
            if (c > 0) { int x = perm[j]; perm[j] = perm[cur]; perm[cur] = x; cur = j; }
        }
    int64_t stride[WK_MAX_DIMS], acc = 1;
    for (int i = 0; i < ndim; i++) {
        stride[perm[i]] = acc;
        acc *= shape[perm[i]] > 1 ? shape[perm[i]] : 1;
    }
    return wk_tensor_empty_strided(ndim, shape, stride, dt, dev);
}

wk_tensor *wk_tensor_full(int ndim, const int64_t *shape, wk_scalar v, wk_dtype dt, wk_device dev) {
    wk_tensor *t = wk_tensor_empty(ndim, shape, dt, dev);
    if (t && !wk_tensor_fill_(t, v)) { wk_tensor_decref(t); return NULL; }
    if (t) t->version->value = 0; /* a fresh tensor starts at version 0 */
    return t;
}

wk_tensor *wk_tensor_zeros(int ndim, const int64_t *shape, wk_dtype dt, wk_device dev) {
    return wk_tensor_full(ndim, shape, wk_scalar_int(0), dt, dev);
}

wk_tensor *wk_tensor_ones(int ndim, const int64_t *shape, wk_dtype dt, wk_device dev) {
    return wk_tensor_full(ndim, shape, wk_scalar_int(1), dt, dev);
}

wk_tensor *wk_tensor_scalar(wk_scalar v, wk_dtype dt, wk_device dev) {
    return wk_tensor_full(0, NULL, v, dt, dev);
}

/* Builds on the host, then moves to dev. */
static wk_tensor *finish_on(wk_tensor *host, wk_device dev) {
    if (!host || dev.type == WK_DEV_CPU) return host;
    wk_tensor *r = wk_tensor_to_device(host, dev);
    wk_tensor_decref(host);
    return r;
}

/* %g-like text of a bound as c10 prints it (inf, nan, -inf, 0, 2.5). */
static void fmt_bound(char *buf, size_t n, double v) {
    if (isnan(v)) snprintf(buf, n, "nan");
    else if (isinf(v)) snprintf(buf, n, v < 0 ? "-inf" : "inf");
    else snprintf(buf, n, "%g", v);
}

static bool scalar_finite(wk_scalar s) {
    return s.kind != WK_SCALAR_FLOAT || isfinite(s.v.f);
}

/* PyTorch's arange values. Its vectorised kernel builds each vector of the whole 16-float
 * (8-double) blocks from the vector's first value, (T)fma(step, idx, start) in double, as
 * fma(k, step, first) for lane k; the rest of the row is fma(step, idx, start) (its x86-64
 * build contracts these to fused multiply-adds). Integral dtypes count in int64 from the
 * truncated bounds. (This is one thread's view: PyTorch splits rows of 32768 or more
 * elements between its threads, each chunk with its own blocks.) The FMA clone inlines fma. */
WK_VM_CLONES static void arange_fill(char *p, int64_t n, wk_dtype dt, double a, double s, int64_t ia, int64_t is) {
    size_t es = wk_dtype_size(dt);
    if (dt == WK_DT_F32) {
        float *f = (float *)p;
        int64_t vend = n - n % 16;
        for (int64_t i = 0; i < vend; i += 8) {
            float base = (float)fma(s, (double)i, a);
            f[i] = base;
            for (int k = 1; k < 8; k++) f[i + k] = (float)fma((double)k, s, (double)base);
        }
        for (int64_t i = vend; i < n; i++) f[i] = (float)fma(s, (double)i, a);
    } else if (dt == WK_DT_F64) {
        double *d = (double *)p;
        int64_t vend = n - n % 8;
        for (int64_t i = 0; i < vend; i += 4) {
            double base = fma(s, (double)i, a);
            d[i] = base;
            for (int k = 1; k < 4; k++) d[i + k] = fma((double)k, s, base);
        }
        for (int64_t i = vend; i < n; i++) d[i] = fma(s, (double)i, a);
    } else if (wk_dtype_is_float(dt)) {
        for (int64_t i = 0; i < n; i++) wk_dtype_store_f64(dt, p + i * (int64_t)es, a + s * (double)i);
    } else if (dt == WK_DT_I64) {
        for (int64_t i = 0; i < n; i++) ((int64_t *)p)[i] = (int64_t)((uint64_t)ia + (uint64_t)is * (uint64_t)i);
    } else {
        for (int64_t i = 0; i < n; i++) wk_dtype_store_i64(dt, p + i * (int64_t)es, (int64_t)((uint64_t)ia + (uint64_t)is * (uint64_t)i));
    }
}

wk_tensor *wk_tensor_arange(wk_scalar start, wk_scalar end, wk_scalar step, wk_dtype dt, wk_device dev) {
    double a = wk_scalar_to_f64(start), b = wk_scalar_to_f64(end), s = wk_scalar_to_f64(step);
    if (!scalar_finite(start) || !scalar_finite(end)) {
        char sa[32], sb[32];   /* PyTorch prints the bounds: "unsupported range: 0 -> inf" */
        fmt_bound(sa, sizeof sa, a);
        fmt_bound(sb, sizeof sb, b);
        wk_rt_err(WK_ERR_RUNTIME, "unsupported range: %s -> %s", sa, sb);
        return NULL;
    }
    if (dt == WK_DT_BOOL) { wk_rt_err(WK_ERR_RUNTIME, "\"arange_cpu\" not implemented for 'Bool'"); return NULL; }
    /* integral dtypes take the bounds and step truncated to int64 (PyTorch's accumulate type) */
    bool integral = !wk_dtype_is_float(dt);
    int64_t ia = integral ? wk_scalar_to_i64(start) : 0, ib = integral ? wk_scalar_to_i64(end) : 0;
    int64_t is = integral ? wk_scalar_to_i64(step) : 0;
    if (integral ? is == 0 : s == 0) { wk_rt_err(WK_ERR_RUNTIME, "step must be nonzero"); return NULL; }
    if (integral ? (is > 0 && ib < ia) || (is < 0 && ib > ia) : (s > 0 && b < a) || (s < 0 && b > a)) {
        wk_rt_err(WK_ERR_RUNTIME, "upper bound and larger bound inconsistent with step sign");
        return NULL;
    }
    int64_t n = (int64_t)ceil(dt == WK_DT_I64 ? (double)(ib - ia) / (double)is : (b - a) / s);
    wk_tensor *t = wk_tensor_empty(1, &n, dt, WK_CPU);
    if (!t) return NULL;
    arange_fill(wk_tensor_data(t), n, dt, a, s, ia, is);
    return finish_on(t, dev);
}

/* PyTorch's float32/float64 linspace, in the tensor's precision: step = (end - start) /
 * (steps - 1); the vectors of the whole 16-float (8-double) blocks start from
 * fma(step, idx, start) below the halfway index, else fma(-step, steps - idx - 1, end), and
 * lane k is first + k*step, rounded twice (unlike arange's lanes: checked against PyTorch);
 * the rest of the row takes the two fused formulas per element. */
#define LINSPACE_LOOP(T, FMA, W)                                                           \
    {                                                                                      \
        T *o = (T *)p, fa = (T)a, fb = (T)b, st = (fb - fa) / (T)(steps - 1);             \
        int64_t half = steps / 2, vend = steps - steps % (2 * W);                          \
        for (int64_t i = 0; i < vend; i += W) {                                            \
            T first = i < half ? FMA(st, (T)i, fa) : FMA(-st, (T)(steps - i - 1), fb);       \
            o[i] = first;                                                                  \
            for (int k = 1; k < W; k++) o[i + k] = first + (T)k * st;                      \
        }                                                                                  \
        for (int64_t i = vend; i < steps; i++)                                             \
            o[i] = i < half ? FMA(st, (T)i, fa) : FMA(-st, (T)(steps - i - 1), fb);         \
    }
WK_VM_CLONES static void linspace_fill(char *p, int64_t steps, bool f32, double a, double b) {
    if (f32) LINSPACE_LOOP(float, fmaf, 8)
    else LINSPACE_LOOP(double, fma, 4)
}
#undef LINSPACE_LOOP

wk_tensor *wk_tensor_linspace(wk_scalar start, wk_scalar end, int64_t steps, wk_dtype dt, wk_device dev) {
    if (steps < 0) { wk_rt_err(WK_ERR_RUNTIME, "number of steps must be non-negative"); return NULL; }
    wk_tensor *t = wk_tensor_empty(1, &steps, dt, WK_CPU);
    if (!t) return NULL;
    char *p = wk_tensor_data(t);
    int64_t es = (int64_t)wk_dtype_size(dt), half = steps / 2;
    double a = wk_scalar_to_f64(start), b = wk_scalar_to_f64(end);
    if (steps == 1) wk_dtype_store_f64(dt, p, a);
    if (steps > 1 && (dt == WK_DT_F32 || dt == WK_DT_F64)) {
        linspace_fill(p, steps, dt == WK_DT_F32, a, b);
    } else if (steps > 1 && wk_dtype_is_float(dt)) {
        double st = (b - a) / (double)(steps - 1);
        for (int64_t i = 0; i < steps; i++)
            wk_dtype_store_f64(dt, p + i * es, i < half ? a + st * (double)i : b - st * (double)(steps - i - 1));
    } else if (steps > 1) { /* integral: float step, truncated values */
        float st = (float)(b - a) / (float)(steps - 1);
        for (int64_t i = 0; i < steps; i++)
            wk_dtype_store_i64(dt, p + i * es, wk_f64_to_i64(i < half ? a + st * (double)i : b - st * (double)(steps - i - 1)));
    }
    return finish_on(t, dev);
}

wk_tensor *wk_tensor_eye(int64_t n, int64_t m, wk_dtype dt, wk_device dev) {
    if (n < 0) { wk_rt_err(WK_ERR_RUNTIME, "n must be greater or equal to 0, got %lld", (long long)n); return NULL; }
    if (m < 0) m = n;
    int64_t shape[2] = {n, m};
    wk_tensor *t = wk_tensor_zeros(2, shape, dt, WK_CPU);
    if (!t) return NULL;
    char *p = wk_tensor_data(t);
    int64_t es = (int64_t)wk_dtype_size(dt);
    for (int64_t i = 0; i < n && i < m; i++) wk_dtype_store_i64(dt, p + (i * m + i) * es, 1);
    return finish_on(t, dev);
}

wk_tensor *wk_tensor_from_data(int ndim, const int64_t *shape, wk_dtype dt, const void *data) {
    wk_tensor *t = wk_tensor_empty(ndim, shape, dt, WK_CPU);
    if (t && t->storage->nbytes) memcpy(t->storage->data, data, t->storage->nbytes);
    return t;
}

wk_tensor *wk_tensor_from_blob(int ndim, const int64_t *shape, const int64_t *stride, wk_dtype dt,
                               void *data, void (*release)(void *, void *), void *ctx) {
    int64_t cs[WK_MAX_DIMS];
    if (!check_shape(ndim, shape)) return NULL;
    if (!stride) { contiguous_strides(ndim, shape, cs); stride = cs; }
    wk_storage *s = wk_pool_alloc(sizeof *s, true);
    if (!s) { wk_rt_err(WK_ERR_OOM, "out of memory"); return NULL; }
    int64_t span = 1;
    for (int i = 0; i < ndim; i++) span = shape[i] ? span + (shape[i] - 1) * stride[i] : 0;
    s->refcount = 1;
    s->device = WK_CPU;
    s->data = data;
    s->nbytes = (size_t)span * wk_dtype_size(dt);
    s->release = release ? release : NULL;
    s->release_ctx = ctx;
    s->allocator = NULL; /* never freed by us unless release is given */
    wk_tensor *t = tensor_new(s, ndim, shape, stride, 0, dt, NULL);
    wk_storage_decref(s);
    return t;
}

/* ------------------------------------------------------------------ views */

wk_tensor *wk_tensor_as_strided(const wk_tensor *t, int ndim, const int64_t *shape,
                                const int64_t *stride, int64_t offset) {
    wk_tensor *r = tensor_new(t->storage, ndim, shape, stride, offset, t->dtype, t->version);
    return r;
}

wk_tensor *wk_tensor_alias(const wk_tensor *t) {
    return wk_tensor_as_strided(t, t->ndim, t->shape, t->stride, t->offset);
}

bool wk_infer_shape(int ndim, const int64_t *shape, int64_t numel, int64_t *out) {
    int infer = -1;
    int64_t prod = 1;
    for (int i = 0; i < ndim; i++) {
        out[i] = shape[i];
        if (shape[i] == -1) {
            if (infer >= 0) return wk_rt_err(WK_ERR_RUNTIME, "only one dimension can be inferred");
            infer = i;
        } else if (shape[i] < 0) {
            return wk_rt_err(WK_ERR_RUNTIME, "invalid shape dimension %lld", (long long)shape[i]);
        } else {
            if (__builtin_mul_overflow(prod, shape[i], &prod)) prod = -1; /* never valid */
        }
    }
    bool ok = infer >= 0 ? (prod > 0 && numel % prod == 0) : prod == numel;
    if (infer >= 0 && prod == 0 && numel == 0) ok = false; /* ambiguous -1 with zero-size dims */
    if (!ok) {
        char buf[256];
        wk_shape_str(buf, sizeof buf, ndim, shape);
        if (infer >= 0 && prod == 0 && numel == 0)
            return wk_rt_err(WK_ERR_RUNTIME, "cannot reshape tensor of 0 elements into shape %s because the unspecified dimension size -1 can be any value and is ambiguous", buf);
        return wk_rt_err(WK_ERR_RUNTIME, "shape '%s' is invalid for input of size %lld", buf, (long long)numel);
    }
    if (infer >= 0) out[infer] = numel / prod;
    return true;
}

bool wk_compute_view_strides(int ondim, const int64_t *oshape, const int64_t *ostride, int ndim,
                             const int64_t *shape, int64_t *out) {
    static const int64_t one = 1;
    int64_t numel = 1;
    for (int i = 0; i < ondim; i++) numel *= oshape[i];
    if (numel == 0) {
        contiguous_strides(ndim, shape, out);
        return true;
    }
    if (ondim == 0) { ondim = 1; oshape = &one; ostride = &one; }
    /* Old dims are grouped into runs that are contiguous among themselves; the new dims must
     * tile each run exactly, taking strides from the run's innermost stride. */
    int vd = ndim - 1;
    int64_t base = ostride[ondim - 1], run = 1, vrun = 1;
    for (int d = ondim - 1; d >= 0; d--) {
        run *= oshape[d];
        bool run_ends = d == 0 || (oshape[d - 1] != 1 && ostride[d - 1] != run * base);
        if (!run_ends) continue;
        while (vd >= 0 && (vrun < run || shape[vd] == 1)) {
            out[vd] = vrun * base;
            vrun *= shape[vd];
            vd--;
        }
        if (vrun != run) return false;
        if (d > 0) { base = ostride[d - 1]; run = 1; vrun = 1; }
    }
    return vd == -1;
}

static const char *VIEW_ERR = "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.";

wk_tensor *wk_tensor_view(const wk_tensor *t, int ndim, const int64_t *shape) {
    int64_t sh[WK_MAX_DIMS], st[WK_MAX_DIMS];
    if (ndim > WK_MAX_DIMS) { check_shape(ndim, shape); return NULL; }
    if (!wk_infer_shape(ndim, shape, wk_tensor_numel(t), sh)) return NULL;
    if (!wk_compute_view_strides(t->ndim, t->shape, t->stride, ndim, sh, st)) {
        wk_rt_err(WK_ERR_RUNTIME, "%s", VIEW_ERR);
        return NULL;
    }
    return wk_tensor_as_strided(t, ndim, sh, st, t->offset);
}

wk_tensor *wk_tensor_reshape(const wk_tensor *t, int ndim, const int64_t *shape) {
    int64_t sh[WK_MAX_DIMS], st[WK_MAX_DIMS];
    if (ndim > WK_MAX_DIMS) { check_shape(ndim, shape); return NULL; }
    if (!wk_infer_shape(ndim, shape, wk_tensor_numel(t), sh)) return NULL;
    if (wk_compute_view_strides(t->ndim, t->shape, t->stride, ndim, sh, st))
        return wk_tensor_as_strided(t, ndim, sh, st, t->offset);
    wk_tensor *c = wk_tensor_empty(t->ndim, t->shape, t->dtype, t->storage->device);
    if (!c || !wk_tensor_copy_(c, t)) { wk_tensor_decref(c); return NULL; }
    contiguous_strides(ndim, sh, st);
    wk_tensor *r = wk_tensor_as_strided(c, ndim, sh, st, 0);
    wk_tensor_decref(c);
    return r;
}

wk_tensor *wk_tensor_permute(const wk_tensor *t, const int64_t *dims) {
    int64_t sh[WK_MAX_DIMS], st[WK_MAX_DIMS];
    bool seen[WK_MAX_DIMS] = {false};
    for (int i = 0; i < t->ndim; i++) {
        int d;
        if (!wk_wrap_dim(dims[i], t->ndim, &d)) return NULL;
        if (seen[d]) { wk_rt_err(WK_ERR_RUNTIME, "permute(): duplicate dims are not allowed."); return NULL; }
        seen[d] = true;
        sh[i] = t->shape[d];
        st[i] = t->stride[d];
    }
    return wk_tensor_as_strided(t, t->ndim, sh, st, t->offset);
}

wk_tensor *wk_tensor_transpose(const wk_tensor *t, int64_t d0, int64_t d1) {
    int a, b;
    if (!wk_wrap_dim(d0, t->ndim, &a) || !wk_wrap_dim(d1, t->ndim, &b)) return NULL;
    wk_tensor *r = wk_tensor_alias(t);
    if (!r || t->ndim == 0) return r;
    r->shape[a] = t->shape[b]; r->shape[b] = t->shape[a];
    r->stride[a] = t->stride[b]; r->stride[b] = t->stride[a];
    return r;
}

wk_tensor *wk_tensor_t(const wk_tensor *t) {
    if (t->ndim > 2) {
        wk_rt_err(WK_ERR_RUNTIME, "t() expects a tensor with <= 2 dimensions, but self is %dD", t->ndim);
        return NULL;
    }
    return t->ndim < 2 ? wk_tensor_alias(t) : wk_tensor_transpose(t, 0, 1);
}

static wk_tensor *drop_dims(const wk_tensor *t, uint32_t mask) {
    int64_t sh[WK_MAX_DIMS], st[WK_MAX_DIMS];
    int n = 0;
    for (int i = 0; i < t->ndim; i++)
        if (!(mask >> i & 1)) { sh[n] = t->shape[i]; st[n] = t->stride[i]; n++; }
    return wk_tensor_as_strided(t, n, sh, st, t->offset);
}

wk_tensor *wk_tensor_squeeze(const wk_tensor *t) {
    uint32_t mask = 0;
    for (int i = 0; i < t->ndim; i++)
        if (t->shape[i] == 1) mask |= 1u << i;
    return drop_dims(t, mask);
}

wk_tensor *wk_tensor_squeeze_dim(const wk_tensor *t, int64_t dim) {
    int d;
    if (!wk_wrap_dim(dim, t->ndim, &d)) return NULL;
    if (t->ndim == 0 || t->shape[d] != 1) return wk_tensor_alias(t);
    return drop_dims(t, 1u << d);
}

wk_tensor *wk_tensor_unsqueeze(const wk_tensor *t, int64_t dim) {
    int d;
    if (!wk_wrap_dim(dim, t->ndim + 1, &d)) return NULL;
    if (t->ndim >= WK_MAX_DIMS) { check_shape(WK_MAX_DIMS + 1, t->shape); return NULL; }
    int64_t sh[WK_MAX_DIMS], st[WK_MAX_DIMS];
    for (int i = 0, j = 0; i <= t->ndim; i++) {
        if (i == d) {
            sh[i] = 1;
            st[i] = d < t->ndim ? t->shape[d] * t->stride[d] : 1;
        } else {
            sh[i] = t->shape[j]; st[i] = t->stride[j]; j++;
        }
    }
    return wk_tensor_as_strided(t, t->ndim + 1, sh, st, t->offset);
}

wk_tensor *wk_tensor_expand(const wk_tensor *t, int ndim, const int64_t *shape) {
    char tb[256], sb[256];
    if (ndim < t->ndim) {
        wk_shape_str(tb, sizeof tb, ndim, shape);
        wk_shape_str(sb, sizeof sb, t->ndim, t->shape);
        wk_rt_err(WK_ERR_RUNTIME, "expand(torch.%sTensor{%s}, size=%s): the number of sizes provided (%d) must be greater or equal to the number of dimensions in the tensor (%d)",
                  wk_dtype_scalar_name(t->dtype), sb, tb, ndim, t->ndim);
        return NULL;
    }
    if (ndim > WK_MAX_DIMS) { check_shape(ndim, shape); return NULL; }
    int64_t sh[WK_MAX_DIMS], st[WK_MAX_DIMS];
    int lead = ndim - t->ndim;
    for (int i = ndim - 1; i >= 0; i--) {
        int j = i - lead;
        int64_t want = shape[i];
        if (j < 0) {
            if (want < 0) {
                wk_rt_err(WK_ERR_RUNTIME, "The expanded size of the tensor (%lld) isn't allowed in a leading, non-existing dimension %d",
                          (long long)want, i);
                return NULL;
            }
            sh[i] = want; st[i] = 0;
            continue;
        }
        if (want == -1) want = t->shape[j];
        if (t->shape[j] == want) { sh[i] = want; st[i] = t->stride[j]; continue; }
        if (t->shape[j] == 1 && want >= 0) { sh[i] = want; st[i] = 0; continue; }
        wk_shape_str(tb, sizeof tb, ndim, shape);
        wk_shape_str(sb, sizeof sb, t->ndim, t->shape);
        wk_rt_err(WK_ERR_RUNTIME,
                  "The expanded size of the tensor (%lld) must match the existing size (%lld) at non-singleton dimension %d.  Target sizes: %s.  Tensor sizes: %s",
                  (long long)want, (long long)t->shape[j], i, tb, sb);
        return NULL;
    }
    return wk_tensor_as_strided(t, ndim, sh, st, t->offset);
}

wk_tensor *wk_tensor_narrow(const wk_tensor *t, int64_t dim, int64_t start, int64_t length) {
    int d;
    if (t->ndim == 0) { wk_rt_err(WK_ERR_RUNTIME, "narrow() cannot be applied to a 0-dim tensor."); return NULL; }
    if (!wk_wrap_dim(dim, t->ndim, &d)) return NULL;
    int64_t size = t->shape[d];
    if (start < -size || start > size) {
        wk_rt_err(WK_ERR_INDEX, "Dimension out of range (expected to be in range of [%lld, %lld], but got %lld)",
                  (long long)-size, (long long)(size - 1), (long long)start);
        return NULL;
    }
    if (start < 0) start += size;
    if (length < 0 || start > size - length) {
        wk_rt_err(WK_ERR_RUNTIME, "start (%lld) + length (%lld) exceeds dimension size (%lld).",
                  (long long)start, (long long)length, (long long)size);
        return NULL;
    }
    wk_tensor *r = wk_tensor_alias(t);
    if (!r) return NULL;
    r->offset += start * t->stride[d];
    r->shape[d] = length;
    return r;
}

wk_tensor *wk_tensor_select(const wk_tensor *t, int64_t dim, int64_t index) {
    int d;
    if (t->ndim == 0) {
        wk_rt_err(WK_ERR_INDEX, "select() cannot be applied to a 0-dim tensor.");
        return NULL;
    }
    if (!wk_wrap_dim(dim, t->ndim, &d)) return NULL;
    int64_t size = t->shape[d];
    if (index < -size || index >= size) {
        wk_rt_err(WK_ERR_INDEX, "index %lld is out of bounds for dimension %d with size %lld",
                  (long long)index, d, (long long)size);
        return NULL;
    }
    if (index < 0) index += size;
    wk_tensor *r = drop_dims(t, 1u << d);
    if (r) r->offset = t->offset + index * t->stride[d];
    return r;
}

wk_tensor *wk_tensor_slice(const wk_tensor *t, int64_t dim, bool has_start, int64_t start,
                           bool has_stop, int64_t stop, int64_t step) {
    int d;
    if (t->ndim == 0) { wk_rt_err(WK_ERR_INDEX, "slice() cannot be applied to a 0-dim tensor."); return NULL; }
    if (!wk_wrap_dim(dim, t->ndim, &d)) return NULL;
    if (step <= 0) {
        wk_rt_err(WK_ERR_VALUE, step == 0 ? "slice step cannot be zero" : "step must be greater than zero");
        return NULL;
    }
    int64_t n = t->shape[d];
    if (!has_start) start = 0;
    if (!has_stop) stop = n;
    if (start < 0) start += n;
    if (stop < 0) stop += n;
    if (start < 0) start = 0;
    if (start > n) start = n;
    if (stop < start) stop = start;
    if (stop > n) stop = n;
    wk_tensor *r = wk_tensor_alias(t);
    if (!r) return NULL;
    r->offset += start * t->stride[d];
    r->shape[d] = (stop - start) / step + ((stop - start) % step != 0);
    /* overflows only when the new dim has one element (huge step); wraps like PyTorch's */
    r->stride[d] = (int64_t)((uint64_t)t->stride[d] * (uint64_t)step);
    return r;
}

wk_tensor *wk_tensor_flatten(const wk_tensor *t, int64_t start_dim, int64_t end_dim) {
    int s, e;
    if (!wk_wrap_dim(start_dim, t->ndim, &s) || !wk_wrap_dim(end_dim, t->ndim, &e)) return NULL;
    if (s > e) {
        wk_rt_err(WK_ERR_RUNTIME, "flatten() has invalid args: start_dim cannot come after end_dim");
        return NULL;
    }
    if (t->ndim == 0) {
        int64_t one = 1;
        return wk_tensor_reshape(t, 1, &one);
    }
    if (s == e) return wk_tensor_alias(t);
    int64_t sh[WK_MAX_DIMS];
    int n = 0;
    for (int i = 0; i < s; i++) sh[n++] = t->shape[i];
    int64_t prod = 1;
    for (int i = s; i <= e; i++) prod *= t->shape[i];
    sh[n++] = prod;
    for (int i = e + 1; i < t->ndim; i++) sh[n++] = t->shape[i];
    return wk_tensor_reshape(t, n, sh);
}

wk_tensor *wk_tensor_unflatten(const wk_tensor *t, int64_t dim, int n, const int64_t *sizes) {
    int d;
    if (!wk_wrap_dim(dim, t->ndim, &d)) return NULL;
    if (n == 0) { wk_rt_err(WK_ERR_RUNTIME, "unflatten: sizes must be non-empty"); return NULL; }
    if (t->ndim - 1 + n > WK_MAX_DIMS) { check_shape(WK_MAX_DIMS + 1, t->shape); return NULL; }
    int64_t inner[WK_MAX_DIMS], sh[WK_MAX_DIMS];
    if (!wk_infer_shape(n, sizes, t->shape[d], inner)) {
        char buf[256];
        wk_shape_str(buf, sizeof buf, n, sizes);
        wk_rt_err(WK_ERR_RUNTIME, "unflatten: Provided sizes %s don't multiply up to the size of dim %d (%lld) in the input tensor",
                  buf, d, (long long)t->shape[d]);
        return NULL;
    }
    int k = 0;
    for (int i = 0; i < d; i++) sh[k++] = t->shape[i];
    for (int i = 0; i < n; i++) sh[k++] = inner[i];
    for (int i = d + 1; i < t->ndim; i++) sh[k++] = t->shape[i];
    return wk_tensor_view(t, k, sh);
}

wk_tensor *wk_tensor_diagonal(const wk_tensor *t, int64_t offset, int64_t dim1, int64_t dim2) {
    int a, b;
    if (!wk_wrap_dim(dim1, t->ndim, &a) || !wk_wrap_dim(dim2, t->ndim, &b)) return NULL;
    if (a == b) { wk_rt_err(WK_ERR_RUNTIME, "diagonal dimensions cannot be identical %lld, %lld", (long long)dim1, (long long)dim2); return NULL; }
    int64_t len, off = t->offset;
    if (offset >= 0) len = t->shape[a] < t->shape[b] - offset ? t->shape[a] : t->shape[b] - offset;
    else len = t->shape[a] + offset < t->shape[b] ? t->shape[a] + offset : t->shape[b];
    if (len <= 0) len = 0;   /* the offset (maybe huge) is only applied inside the tensor */
    else off += offset >= 0 ? offset * t->stride[b] : -offset * t->stride[a];
    int64_t sh[WK_MAX_DIMS], st[WK_MAX_DIMS];
    int n = 0;
    for (int i = 0; i < t->ndim; i++)
        if (i != a && i != b) { sh[n] = t->shape[i]; st[n] = t->stride[i]; n++; }
    sh[n] = len;
    st[n] = t->stride[a] + t->stride[b];
    return wk_tensor_as_strided(t, n + 1, sh, st, off);
}

wk_tensor *wk_tensor_unfold(const wk_tensor *t, int64_t dim, int64_t size, int64_t step) {
    int d = 0;
    if (t->ndim > 0 && !wk_wrap_dim(dim, t->ndim, &d)) return NULL;
    int64_t dsize = t->ndim ? t->shape[d] : 1, dstride = t->ndim ? t->stride[d] : 1;
    if (size > dsize) {
        wk_rt_err(WK_ERR_RUNTIME, "maximum size for tensor at dimension %d is %lld but size is %lld", d, (long long)dsize, (long long)size);
        return NULL;
    }
    if (step <= 0) { wk_rt_err(WK_ERR_RUNTIME, "step is %lld but must be > 0", (long long)step); return NULL; }
    int64_t sh[WK_MAX_DIMS], st[WK_MAX_DIMS];
    int n = t->ndim ? t->ndim : 0;
    for (int i = 0; i < n; i++) { sh[i] = t->shape[i]; st[i] = t->stride[i]; }
    if (t->ndim) { sh[d] = (dsize - size) / step + 1; st[d] = step * dstride; }
    sh[n] = size;
    st[n] = dstride;
    return wk_tensor_as_strided(t, n + 1, sh, st, t->offset);
}

/* ------------------------------------------------------------------ broadcasting */

bool wk_broadcast_shapes(int na, const int64_t *a, int nb, const int64_t *b, int *nout, int64_t *out) {
    int n = na > nb ? na : nb;
    if (n > WK_MAX_DIMS) return check_shape(n, a);
    int64_t res[WK_MAX_DIMS];
    for (int i = n - 1; i >= 0; i--) {
        int ia = i - (n - na), ib = i - (n - nb);
        int64_t sa = ia >= 0 ? a[ia] : 1, sb = ib >= 0 ? b[ib] : 1;
        if (sa == sb || sb == 1) res[i] = sa;
        else if (sa == 1) res[i] = sb;
        else
            return wk_rt_err(WK_ERR_RUNTIME,
                             "The size of tensor a (%lld) must match the size of tensor b (%lld) at non-singleton dimension %d",
                             (long long)sa, (long long)sb, i);
    }
    memcpy(out, res, (size_t)n * sizeof *res);
    *nout = n;
    return true;
}

/* ------------------------------------------------------------------ copies */

static bool ranges_overlap(const wk_tensor *a, const wk_tensor *b) {
    if (a->storage != b->storage) return false;
    int64_t es = (int64_t)wk_dtype_size(a->dtype), eb = (int64_t)wk_dtype_size(b->dtype);
    int64_t alo = a->offset * es, ahi = alo + es, blo = b->offset * eb, bhi = blo + eb;
    for (int i = 0; i < a->ndim; i++) if (a->shape[i] > 1) ahi += (a->shape[i] - 1) * a->stride[i] * es;
    for (int i = 0; i < b->ndim; i++) if (b->shape[i] > 1) bhi += (b->shape[i] - 1) * b->stride[i] * eb;
    if (wk_tensor_numel(a) == 0 || wk_tensor_numel(b) == 0) return false;
    return alo < bhi && blo < ahi;
}

bool wk_tensor_copy_(wk_tensor *dst, const wk_tensor *src) {
    wk_tensor *s = wk_tensor_expand(src, dst->ndim, dst->shape);
    if (!s) return false;
    if (wk_tensor_numel(dst) == 0) { wk_tensor_decref(s); return true; }
    if (ranges_overlap(dst, s) && !(dst->offset == s->offset && dst->dtype == s->dtype &&
                                    !memcmp(dst->stride, s->stride, sizeof(int64_t) * (size_t)dst->ndim))) {
        wk_tensor *c = wk_tensor_clone(s);
        wk_tensor_decref(s);
        if (!c) return false;
        s = c;
    }
    wk_device dd = dst->storage->device, sd = s->storage->device;
    const wk_backend *b = wk_backend_get(dd.type != WK_DEV_CPU ? dd : sd);
    bool ok = b && b->copy(dst, s);
    wk_tensor_decref(s);
    if (ok) wk_tensor_bump_version(dst);
    return ok;
}

wk_tensor *wk_tensor_clone(const wk_tensor *t) {
    wk_tensor *r = wk_tensor_empty_like(t, t->dtype);
    if (r && !wk_tensor_copy_(r, t)) { wk_tensor_decref(r); return NULL; }
    if (r) r->version->value = 0;
    return r;
}

wk_tensor *wk_tensor_contiguous(const wk_tensor *t) {
    if (wk_tensor_is_contiguous(t)) return wk_tensor_incref((wk_tensor *)t);
    wk_tensor *r = wk_tensor_empty(t->ndim, t->shape, t->dtype, t->storage->device);
    if (r && !wk_tensor_copy_(r, t)) { wk_tensor_decref(r); return NULL; }
    if (r) r->version->value = 0;
    return r;
}

wk_tensor *wk_tensor_to_dtype(const wk_tensor *t, wk_dtype dt, bool copy) {
    if (t->dtype == dt && !copy) return wk_tensor_incref((wk_tensor *)t);
    wk_tensor *r = wk_tensor_empty_like(t, dt);
    if (r && !wk_tensor_copy_(r, t)) { wk_tensor_decref(r); return NULL; }
    if (r) r->version->value = 0;
    return r;
}

wk_tensor *wk_tensor_to_device(const wk_tensor *t, wk_device dev) {
    if (dev.type != WK_DEV_CPU && dev.index < 0) dev.index = 0;
    if (wk_device_eq(dev, t->storage->device)) return wk_tensor_incref((wk_tensor *)t);
    if (!wk_backend_get(dev)) return NULL;
    wk_tensor *r = wk_tensor_empty(t->ndim, t->shape, t->dtype, dev);
    if (r && !wk_tensor_copy_(r, t)) { wk_tensor_decref(r); return NULL; }
    if (r) r->version->value = 0;
    return r;
}

/* c10's checked conversion of a fill value into a narrower integer dtype (uint8 also takes
 * -255..-1, which wrap like two's complement). */
bool wk_tensor_value_fits(wk_dtype dt, wk_scalar v) {
    static const struct { wk_dtype dt; double lo, hi; const char *name; } lim[] = {
        { WK_DT_U8, -255, 255, "uint8_t" }, { WK_DT_I8, -128, 127, "int8_t" },
        { WK_DT_I16, INT16_MIN, INT16_MAX, "int16_t" }, { WK_DT_I32, INT32_MIN, INT32_MAX, "int" },
    };
    if (v.kind == WK_SCALAR_BOOL) return true;
    double x = v.kind == WK_SCALAR_FLOAT ? wk_scalar_to_f64(v) : (double)wk_scalar_to_i64(v);
    for (size_t i = 0; i < sizeof lim / sizeof lim[0]; i++)
        if (lim[i].dt == dt && (x < lim[i].lo || x > lim[i].hi)) {
            wk_rt_err(WK_ERR_RUNTIME, "value cannot be converted to type %s without overflow", lim[i].name);
            return false;
        }
    return true;
}

bool wk_tensor_fill_(wk_tensor *t, wk_scalar v) {
    if (!wk_tensor_value_fits(t->dtype, v)) return false;
    const wk_backend *b = wk_backend_get(t->storage->device);
    if (!b || !b->fill(t, v)) return false;
    wk_tensor_bump_version(t);
    return true;
}

void *wk_tensor_ptr_at(const wk_tensor *t, const int64_t *idx) {
    int64_t off = t->offset;
    for (int i = 0; i < t->ndim; i++) off += idx[i] * t->stride[i];
    return (char *)t->storage->data + off * (int64_t)wk_dtype_size(t->dtype);
}

wk_scalar wk_tensor_get_flat(const wk_tensor *t, int64_t i) {
    int64_t idx[WK_MAX_DIMS];
    for (int d = t->ndim - 1; d >= 0; d--) {
        idx[d] = t->shape[d] ? i % t->shape[d] : 0;
        i = t->shape[d] ? i / t->shape[d] : 0;
    }
    return wk_dtype_load_scalar(t->dtype, wk_tensor_ptr_at(t, idx));
}
