/* copy.c — host side of copies (H2D, D2H, D2D with dtype conversion and staging), fill and masked_fill. */
#include "plugin.h"
#include <cuda_runtime_api.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ scalar encoding */

static uint16_t f32_to_f16(float f) {
    uint32_t x;
    memcpy(&x, &f, 4);
    uint32_t sign = (x >> 16) & 0x8000, exp = (x >> 23) & 0xff, man = x & 0x7fffff;
    if (exp == 0xff) return (uint16_t)(sign | 0x7c00 | (man ? 0x200 : 0));
    int e = (int)exp - 127 + 15;
    if (e >= 31) return (uint16_t)(sign | 0x7c00);
    if (e <= 0) {
        if (e < -10) return (uint16_t)sign;
        man |= 0x800000;
        int shift = 14 - e;
        uint32_t h = man >> shift, rem = man & ((1u << shift) - 1), half = 1u << (shift - 1);
        if (rem > half || (rem == half && (h & 1))) h++;
        return (uint16_t)(sign | h);
    }
    uint32_t h = ((uint32_t)e << 10) | (man >> 13), rem = man & 0x1fff;
    if (rem > 0x1000 || (rem == 0x1000 && (h & 1))) h++;
    return (uint16_t)(sign | h);
}

static uint16_t f32_to_bf16(float f) {
    uint32_t x;
    memcpy(&x, &f, 4);
    if ((x & 0x7fffffff) > 0x7f800000) return (uint16_t)((x >> 16) | 0x40);
    x += 0x7fff + ((x >> 16) & 1);
    return (uint16_t)(x >> 16);
}

uint64_t wkc_scalar_bits(wk_dtype dt, wk_scalar v) {
    double d = v.kind == WK_SCALAR_FLOAT ? v.v.f : v.kind == WK_SCALAR_INT ? (double)v.v.i : (double)v.v.b;
    int64_t i = v.kind == WK_SCALAR_FLOAT ? (isnan(d) || fabs(d) >= 9.2e18 ? INT64_MIN : (int64_t)d)
                : v.kind == WK_SCALAR_INT ? v.v.i : (int64_t)v.v.b;
    uint64_t bits = 0;
    switch (dt) {
    case WK_DT_BOOL: bits = v.kind == WK_SCALAR_FLOAT ? d != 0 : i != 0; break;
    case WK_DT_U8: case WK_DT_I8: bits = (uint8_t)i; break;
    case WK_DT_I16: bits = (uint16_t)i; break;
    case WK_DT_I32: bits = (uint32_t)i; break;
    case WK_DT_I64: bits = (uint64_t)i; break;
    case WK_DT_F16: bits = f32_to_f16((float)d); break;
    case WK_DT_BF16: bits = f32_to_bf16((float)d); break;
    case WK_DT_F32: { float f = (float)d; uint32_t u; memcpy(&u, &f, 4); bits = u; break; }
    case WK_DT_F64: memcpy(&bits, &d, 8); break;
    default: break;
    }
    return bits;
}

/* ------------------------------------------------------------------ fill */

bool wkc_fill(wk_tensor *dst, wk_scalar v) {
    wkc_iter it;
    const wk_tensor *ops[1] = {dst};
    if (!wkc_iter_build(&it, 1, ops)) return false;
    return wkc_launch_fill(&it, wkc_dtype_size(dst->dtype), wkc_scalar_bits(dst->dtype, v));
}

bool wkc_masked_fill(wk_tensor *self, const wk_tensor *mask, wk_scalar v) {
    wkc_iter it;
    const wk_tensor *ops[2] = {self, mask};
    if (!wkc_iter_build(&it, 2, ops)) return false;
    return wkc_launch_masked_fill(&it, wkc_dtype_size(self->dtype), wkc_scalar_bits(self->dtype, v));
}

/* ------------------------------------------------------------------ copies */

/* Element span [lo, hi] (in elements, relative to the data pointer) that a view touches. */
static void span(const wk_tensor *t, int64_t *lo, int64_t *hi) {
    *lo = *hi = 0;
    for (int d = 0; d < t->ndim; d++) {
        if (t->shape[d] == 0) { *lo = *hi = 0; return; }
        int64_t ext = (t->shape[d] - 1) * t->stride[d];
        if (ext < 0) *lo += ext;
        else *hi += ext;
    }
}

/* A shallow descriptor of t with its data moved to base (+ -lo elements). */
static wk_tensor rebased(const wk_tensor *t, wk_storage *st, void *base, int64_t lo, int dev) {
    wk_tensor r = *t;
    memset(st, 0, sizeof *st);
    st->data = base;
    st->device.type = WK_DEV_CUDA;
    st->device.index = (int8_t)dev;
    r.storage = st;
    r.offset = -lo;
    return r;
}

static bool cast_d2d(const wk_tensor *dst, const wk_tensor *src) {
    wkc_iter it;
    const wk_tensor *ops[2] = {dst, src};
    if (!wkc_iter_build(&it, 2, ops)) return false;
    return wkc_launch_cast(&it, dst->dtype, src->dtype);
}

static bool memcpy_checked(void *d, const void *s, size_t n, enum cudaMemcpyKind k) {
    if (!n) return true;
    cudaError_t e = cudaMemcpy(d, s, n, k);
    return e == cudaSuccess ? true : wkc_cuda_fail(e);
}

static bool same_layout(const wk_tensor *a, const wk_tensor *b) {
    return a->dtype == b->dtype && wkc_is_contiguous(a) && wkc_is_contiguous(b);
}

/* host -> device: upload the span src touches, then convert/scatter on the device. */
static bool copy_h2d(wk_tensor *dst, const wk_tensor *src) {
    size_t es = wkc_dtype_size(src->dtype);
    if (same_layout(dst, src)) return memcpy_checked(wkc_data(dst), wkc_data(src), (size_t)wkc_numel(src) * es, cudaMemcpyHostToDevice);
    int64_t lo, hi;
    span(src, &lo, &hi);
    size_t n = (size_t)(hi - lo + 1) * es;
    void *tmp = wkc_tmp_alloc(n);
    if (!tmp) return false;
    bool ok = memcpy_checked(tmp, wkc_data(src) + lo * (int64_t)es, n, cudaMemcpyHostToDevice);
    if (ok) {
        wk_storage st;
        wk_tensor s2 = rebased(src, &st, tmp, lo, dst->storage->device.index);
        ok = cast_d2d(dst, &s2);
    }
    wkc_tmp_free(tmp);
    return ok;
}

/* Writes a contiguous host buffer into a strided host view, element by element (same dtype). */
static void host_scatter(const wk_tensor *dst, const char *buf) {
    size_t es = wkc_dtype_size(dst->dtype);
    int64_t n = wkc_numel(dst), idx[WK_MAX_DIMS] = {0};
    char *base = wkc_data(dst);
    for (int64_t i = 0; i < n; i++) {
        int64_t off = 0;
        for (int d = 0; d < dst->ndim; d++) off += idx[d] * dst->stride[d];
        memcpy(base + off * (int64_t)es, buf + (size_t)i * es, es);
        for (int d = dst->ndim - 1; d >= 0; d--) { if (++idx[d] < dst->shape[d]) break; idx[d] = 0; }
    }
}

/* device -> host: convert into a contiguous device temporary of dst's dtype, download, scatter. */
static bool copy_d2h(wk_tensor *dst, const wk_tensor *src) {
    size_t es = wkc_dtype_size(dst->dtype);
    int64_t n = wkc_numel(dst);
    if (same_layout(dst, src)) return memcpy_checked(wkc_data(dst), wkc_data(src), (size_t)n * es, cudaMemcpyDeviceToHost);
    void *tmp = wkc_tmp_alloc((size_t)n * es);
    if (!tmp) return false;
    wk_tensor t = *dst;
    wk_storage st;
    t = rebased(dst, &st, tmp, 0, src->storage->device.index);
    int64_t acc = 1;
    for (int d = t.ndim - 1; d >= 0; d--) { t.stride[d] = acc; acc *= t.shape[d]; }
    bool ok = cast_d2d(&t, src);
    if (ok && wkc_is_contiguous(dst)) ok = memcpy_checked(wkc_data(dst), tmp, (size_t)n * es, cudaMemcpyDeviceToHost);
    else if (ok) {
        char *h = malloc((size_t)n * es);
        if (!h) ok = wkc_err(WK_ERR_OOM, "out of memory");
        else {
            ok = memcpy_checked(h, tmp, (size_t)n * es, cudaMemcpyDeviceToHost);
            if (ok) host_scatter(dst, h);
            free(h);
        }
    }
    wkc_tmp_free(tmp);
    return ok;
}

bool wkc_copy(wk_tensor *dst, const wk_tensor *src) {
    if (wkc_numel(dst) == 0) return true;
    bool dd = wkc_on_device(dst), sd = wkc_on_device(src);
    if (dd && sd) {
        if (dst->storage->device.index != src->storage->device.index && same_layout(dst, src)) {
            cudaError_t e = cudaMemcpyPeer(wkc_data(dst), dst->storage->device.index, wkc_data(src),
                                           src->storage->device.index, (size_t)wkc_numel(dst) * wkc_dtype_size(dst->dtype));
            return e == cudaSuccess ? true : wkc_cuda_fail(e);
        }
        if (same_layout(dst, src))
            return memcpy_checked(wkc_data(dst), wkc_data(src), (size_t)wkc_numel(dst) * wkc_dtype_size(dst->dtype),
                                  cudaMemcpyDeviceToDevice);
        return cast_d2d(dst, src);
    }
    if (dd) return copy_h2d(dst, src);
    if (sd) return copy_d2h(dst, src);
    return wkc_err(WK_ERR_RUNTIME, "cuda backend asked to copy host memory to host memory");
}
