// index.cu — gather/scatter family on the GPU: index_select, gather, scatter(_add/_mul), index_add, masked_select, nonzero.
#include "common.cuh"
#include <cub/device/device_scan.cuh>

// Layout of one tensor for N-d indexing (byte strides).
struct Lay { char *data; int ndim; int64_t shape[WK_MAX_DIMS], stride[WK_MAX_DIMS]; };

static Lay lay_of(const wk_tensor *t) {
    Lay l;
    memset(&l, 0, sizeof l);
    l.data = wkc_data(t);
    l.ndim = t->ndim;
    int64_t es = (int64_t)wkc_dtype_size(t->dtype);
    for (int d = 0; d < t->ndim; d++) { l.shape[d] = t->shape[d]; l.stride[d] = t->stride[d] * es; }
    return l;
}

// Multi-index of flat i over `shape` and the byte offsets in up to three layouts; `dim`'s
// coordinate is returned separately (the index replaces it in the indexed tensor).
__device__ __forceinline__ void unravel(const Lay &shape_of, int64_t i, int dim, const Lay *l, int nl, int64_t *off,
                                        int64_t *coord_dim) {
    for (int k = 0; k < nl; k++) off[k] = 0;
    for (int d = shape_of.ndim - 1; d >= 0; d--) {
        int64_t s = shape_of.shape[d], q = i / s, r = i - q * s;
        i = q;
        if (d == dim) *coord_dim = r;
        for (int k = 0; k < nl; k++) off[k] += (d == dim && k == 0) ? 0 : r * l[k].stride[d];
    }
}

__device__ int g_bad_index_flag;
__device__ long long g_bad_index_value;

__device__ __forceinline__ bool fix_index(int64_t *v, int64_t size) {
    if (*v < -size || *v >= size) {
        if (atomicExch(&g_bad_index_flag, 1) == 0) g_bad_index_value = *v;
        return false;
    }
    if (*v < 0) *v += size;
    return true;
}

static bool reset_flag(void) {
    int z = 0;
    return cudaMemcpyToSymbol(g_bad_index_flag, &z, sizeof z) == cudaSuccess;
}
static bool check_flag(bool select_msg, int dim, int64_t size) {
    int f = 0;
    long long v = 0;
    cudaError_t e = cudaMemcpyFromSymbol(&f, g_bad_index_flag, sizeof f);
    if (e != cudaSuccess) return wkc_cuda_fail(e);
    if (!f) return true;
    cudaMemcpyFromSymbol(&v, g_bad_index_value, sizeof v);
    if (select_msg) return wkc_err(WK_ERR_INDEX, "index out of range in self");
    return wkc_err(WK_ERR_RUNTIME, "index %lld is out of bounds for dimension %d with size %lld", v, dim, (long long)size);
}

template <typename W> __device__ __forceinline__ void copy_el(char *d, const char *s) { *(W *)d = *(const W *)s; }
__device__ __forceinline__ void copy_any(char *d, const char *s, int es) {
    switch (es) {
    case 1: copy_el<uint8_t>(d, s); break;
    case 2: copy_el<uint16_t>(d, s); break;
    case 4: copy_el<uint32_t>(d, s); break;
    default: copy_el<uint64_t>(d, s); break;
    }
}

// ------------------------------------------------------------------ gather / index_select
// l[0] = a (indexed at dim), l[1] = out, l[2] = index. For index_select the index is 1-D
// (its element is picked by the dim coordinate); for gather it has out's shape.
__global__ void k_gather(Lay a, Lay out, Lay index, int dim, bool select, int es, int64_t n) {
    Lay l[3] = {a, out, index};
    int64_t off[3], c = 0;
    WKC_FOR(i, n) {
        unravel(out, i, dim, l, 3, off, &c);
        int64_t ioff = select ? c * index.stride[0] : off[2];
        int64_t v = *(const int64_t *)(index.data + ioff);
        if (!fix_index(&v, a.shape[dim])) continue;
        copy_any(out.data + off[1], a.data + off[0] + v * a.stride[dim], es);
    }
}

static bool gather_impl(wk_tensor *out, const wk_tensor *a, int dim, const wk_tensor *index, bool select) {
    if (index->dtype != WK_DT_I64) return wkc_err(WK_ERR_RUNTIME, "gather(): Expected dtype int64 for index");
    int64_t n = wkc_numel(out);
    if (n == 0) return true;
    if (!reset_flag()) return wkc_cuda_fail(cudaGetLastError());
    Lay la = lay_of(a), lo = lay_of(out), li = lay_of(index);
    if (a->ndim == 0) { la.ndim = lo.ndim = 1; la.shape[0] = lo.shape[0] = 1; }
    k_gather<<<wkc_grid(n), WKC_BLOCK>>>(la, lo, li, dim, select, (int)wkc_dtype_size(a->dtype), n);
    if (!wkc_check_launch()) return false;
    return check_flag(select, dim, a->ndim ? a->shape[dim] : 1);
}

extern "C" bool wkc_index_select(wk_tensor *out, const wk_tensor *a, int dim, const wk_tensor *index) {
    return gather_impl(out, a, dim, index, true);
}
extern "C" bool wkc_gather(wk_tensor *out, const wk_tensor *a, int dim, const wk_tensor *index) {
    return gather_impl(out, a, dim, index, false);
}

// ------------------------------------------------------------------ scatter / index_add
// Iterates over index's shape (src is read at the same coordinates; a 0-dim src broadcasts).
// For index_add the index is 1-D and picked by the dim coordinate.
template <typename T>
__global__ void k_scatter(Lay self, Lay index, Lay src, Lay shape, int dim, int mode, double alpha, bool one_d, bool src_scalar,
                          int64_t n) {
    Lay l[3] = {self, src, index};
    int64_t off[3], c = 0;
    WKC_FOR(i, n) {
        unravel(shape, i, dim, l, 3, off, &c);
        int64_t soff = off[1];
        int64_t ioff = one_d ? c * index.stride[0] : off[2];
        if (src_scalar) soff = 0;
        int64_t v = *(const int64_t *)(index.data + ioff);
        if (!fix_index(&v, self.ndim ? self.shape[dim] : 1)) continue;
        T *dst = (T *)(self.data + off[0] + v * (self.ndim ? self.stride[dim] : 0));
        T x = *(const T *)(src.data + soff);
        typedef typename Tr<T>::C C;
        if (mode == WK_SCATTER_SET) { *dst = x; continue; }
        if (mode == WK_SCATTER_ADD) {
            C add = Tr<T>::ld(x);
            if constexpr (Tr<T>::is_float) add = add * (C)alpha;
            else add = add * (int64_t)alpha;
            wkc_atomic_apply(dst, [add](T cur) { return Tr<T>::st(Tr<T>::ld(cur) + add); });
        } else {
            C mul = Tr<T>::ld(x);
            wkc_atomic_apply(dst, [mul](T cur) { return Tr<T>::st(Tr<T>::ld(cur) * mul); });
        }
    }
}

static bool scatter_impl(wk_tensor *self, int dim, const wk_tensor *index, const wk_tensor *src, wk_scatter_reduce r,
                         double alpha, bool index_add) {
    if (index->dtype != WK_DT_I64) return wkc_err(WK_ERR_RUNTIME, "scatter(): Expected dtype int64 for index");
    if (src->dtype != self->dtype) return wkc_err(WK_ERR_RUNTIME, "scatter(): Expected self.dtype to be equal to src.dtype");
    const wk_tensor *shape_t = index_add ? src : index;
    int64_t n = wkc_numel(shape_t);
    if (n == 0) return true;
    if (!reset_flag()) return wkc_cuda_fail(cudaGetLastError());
    Lay ls = lay_of(self), li = lay_of(index), lsrc = lay_of(src), lsh = lay_of(shape_t);
    bool src_scalar = src->ndim != shape_t->ndim || wkc_numel(src) == 1;
    if (src_scalar && !wkc_on_device(src)) return wkc_err(WK_ERR_RUNTIME, "scatter(): src must be on the GPU");
    bool ok = true;
    WKC_DISPATCH(self->dtype, {
        k_scatter<T><<<wkc_grid(n), WKC_BLOCK>>>(ls, li, lsrc, lsh, dim, (int)r, alpha, index_add, src_scalar, n);
    });
    ok = wkc_check_launch();
    return ok && check_flag(index_add, dim, self->ndim ? self->shape[dim] : 1);
}

extern "C" bool wkc_scatter(wk_tensor *self, int dim, const wk_tensor *index, const wk_tensor *src, wk_scatter_reduce r) {
    return scatter_impl(self, dim, index, src, r, 1.0, false);
}
extern "C" bool wkc_index_add(wk_tensor *self, int dim, const wk_tensor *index, const wk_tensor *src, double alpha) {
    return scatter_impl(self, dim, index, src, WK_SCATTER_ADD, alpha, true);
}

// ------------------------------------------------------------------ masked_select / nonzero (flags, scan, write)
__device__ double load_any_ix(wk_dtype dt, const char *p) {
    double r = 0;
    WKC_DISPATCH(dt, { r = (double)Tr<T>::ld(*(const T *)p); });
    return r;
}

// flags[i] = element i (row-major over it.shape... of operand 1) is selected
__global__ void k_flags(wkc_iter it, int64_t *flags, wk_dtype dt, bool mask_is_bool) {
    int64_t off[2];
    WKC_FOR(i, it.numel) {
        wkc_offsets<2>(it, i, off);
        flags[i] = mask_is_bool ? (*(const uint8_t *)(it.data[1] + off[1]) != 0) : (load_any_ix(dt, it.data[1] + off[1]) != 0);
    }
}

// NULL (error set) on failure. cub takes the item count as int64_t (no 2^31 limit).
static int64_t *selected_positions(const wkc_iter *it, wk_dtype dt, bool is_bool, int64_t n) {
    int64_t *flags = (int64_t *)wkc_tmp_alloc((size_t)n * 8 * 2);
    if (!flags) return NULL;
    k_flags<<<wkc_grid(n), WKC_BLOCK>>>(*it, flags, dt, is_bool);
    size_t tb = 0;
    void *tmp = NULL;
    cudaError_t e = cudaGetLastError();
    if (e == cudaSuccess) e = cub::DeviceScan::InclusiveSum(NULL, tb, flags, flags + n, n);
    if (e == cudaSuccess && !(tmp = wkc_tmp_alloc(tb ? tb : 1))) { wkc_tmp_free(flags); return NULL; }
    if (e == cudaSuccess) e = cub::DeviceScan::InclusiveSum(tmp, tb, flags, flags + n, n);
    if (tmp) wkc_tmp_free(tmp);
    if (e != cudaSuccess) {
        wkc_tmp_free(flags);
        wkc_cuda_fail(e);
        return NULL;
    }
    return flags; /* flags[0..n): 0/1, flags[n..2n): inclusive prefix sums */
}

__global__ void k_msel(wkc_iter it, const int64_t *flags, const int64_t *pos, char *out, int64_t ostride, int es) {
    int64_t off[2];
    WKC_FOR(i, it.numel) {
        if (!flags[i]) continue;
        wkc_offsets<2>(it, i, off);
        copy_any(out + (pos[i] - 1) * ostride, it.data[0] + off[0], es);
    }
}

extern "C" bool wkc_masked_select(wk_tensor *out, const wk_tensor *a, const wk_tensor *mask) {
    wkc_iter it;
    const wk_tensor *ops[2] = {a, mask};
    if (!wkc_iter_build(&it, 2, ops)) return false;
    /* keep the logical order: rebuild without dim coalescing surprises (coalescing keeps row-major order) */
    int64_t n = it.numel;
    if (n == 0 || wkc_numel(out) == 0) return true;
    int64_t *flags = selected_positions(&it, mask->dtype, true, n);
    if (!flags) return false;
    int es = (int)wkc_dtype_size(a->dtype);
    k_msel<<<wkc_grid(n), WKC_BLOCK>>>(it, flags, flags + n, wkc_data(out), out->ndim ? out->stride[0] * es : 0, es);
    bool ok = wkc_check_launch();
    wkc_tmp_free(flags);
    return ok;
}

__global__ void k_nonzero(Lay a, const int64_t *flags, const int64_t *pos, int64_t *out, int64_t s0, int64_t s1, int64_t n) {
    WKC_FOR(i, n) {
        if (!flags[i]) continue;
        int64_t row = pos[i] - 1, r = i;
        for (int d = a.ndim - 1; d >= 0; d--) {
            int64_t q = r / a.shape[d];
            out[row * s0 + d * s1] = r - q * a.shape[d];
            r = q;
        }
    }
}

extern "C" bool wkc_nonzero(wk_tensor *out, const wk_tensor *a) {
    int64_t n = wkc_numel(a);
    if (n == 0 || wkc_numel(out) == 0) return true;
    /* flags over a in row-major order: iterate a against itself without coalescing reorder */
    wkc_iter it;
    const wk_tensor *ops[2] = {a, a};
    if (!wkc_iter_build(&it, 2, ops)) return false;
    int64_t *flags = selected_positions(&it, a->dtype, false, n);
    if (!flags) return false;
    Lay la = lay_of(a);
    k_nonzero<<<wkc_grid(n), WKC_BLOCK>>>(la, flags, flags + n, (int64_t *)wkc_data(out), out->stride[0],
                                          out->ndim > 1 ? out->stride[1] : 0, n);
    bool ok = wkc_check_launch();
    wkc_tmp_free(flags);
    return ok;
}
