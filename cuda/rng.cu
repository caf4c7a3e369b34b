// rng.cu — random fills with Philox4x32-10 (philox.h, curand's generator) driven exactly as PyTorch's CUDA generator (grid, offsets, transforms).
#include "common.cuh"
#include "philox.h"
#include <cub/device/device_radix_sort.cuh>

// ------------------------------------------------------------------ draws (one curand4 round each)
struct DrawU4 { __device__ wkc_f32x4 operator()(wkc_philox_state *s) const { return wkc_draw_uniform4(s); } };
struct DrawU2D { __device__ wkc_f64x2 operator()(wkc_philox_state *s) const { return wkc_draw_uniform2_f64(s); } };
struct DrawN4 { __device__ wkc_f32x4 operator()(wkc_philox_state *s) const { return wkc_draw_normal4(s); } };
struct DrawN2D { __device__ wkc_f64x2 operator()(wkc_philox_state *s) const { return wkc_draw_normal2_f64(s); } };
struct DrawR4 { __device__ wkc_u32x4 operator()(wkc_philox_state *s) const { return wkc_draw_bits4(s); } };
struct DrawR2 { __device__ wkc_u64x2 operator()(wkc_philox_state *s) const { return wkc_draw_bits2_u64(s); } };

// PyTorch's distribution_elementwise_grid_stride_kernel: thread t is Philox subsequence t at
// the generator's offset and draws round after round; value k of a round goes to
// li + k*stride (wkc_rng_index). tests/cuda/test_philox.c replays this loop on the CPU.
template <typename T, int UNROLL, typename Draw, typename Xf>
__global__ void k_dist(T *out, int64_t numel, uint64_t seed, uint64_t offset, Draw draw, Xf xf) {
    int64_t idx = (int64_t)blockIdx.x * blockDim.x + threadIdx.x;
    wkc_philox_state state;
    wkc_philox_init(&state, seed, (uint64_t)idx, offset);
    int64_t stride = (int64_t)blockDim.x * gridDim.x;
    int64_t rounded = ((numel - 1) / (stride * UNROLL) + 1) * stride * UNROLL;
    for (int64_t li = idx; li < rounded; li += stride * UNROLL) {
        auto r = draw(&state);
#pragma unroll
        for (int k = 0; k < UNROLL; k++) {
            int64_t j = li + stride * k;
            if (j < numel) out[j] = xf(r.v[k], j);
        }
        __syncthreads();
    }
}

// PyTorch's calc_execution_policy (wkc_rng_grid): block 256, grid capped at SMs * (threads per SM / 256).
template <typename T, int UNROLL, typename Draw, typename Xf>
static bool launch_dist(T *out, int64_t numel, Draw draw, Xf xf) {
    if (numel == 0) return true;
    int dev = wkc_current_device();
    int64_t grid = wkc_rng_grid(numel, wkc_sm_count(dev), wkc_max_threads_per_sm(dev));
    wkc_philox st = wkc_philox_next(dev, wkc_rng_increment(numel, grid, UNROLL));
    k_dist<T, UNROLL><<<(unsigned)grid, WKC_RNG_BLOCK>>>(out, numel, st.seed, st.offset, draw, xf);
    return wkc_check_launch();
}

// ------------------------------------------------------------------ destination handling
// A dense tensor is filled in memory order (as TensorIterator does); anything else goes
// through a contiguous temporary and a strided copy.
typedef bool (*fill_fn)(void *dst, int64_t n, void *ctx);

static bool with_dense(wk_tensor *t, bool (*fill)(char *base, int64_t n, const void *ctx), const void *ctx) {
    int64_t n = wkc_numel(t);
    if (n == 0) return true;
    size_t es = wkc_dtype_size(t->dtype);
    if (wkc_is_dense(t)) {
        int64_t lo = 0;
        for (int d = 0; d < t->ndim; d++) if (t->stride[d] < 0) lo += (t->shape[d] - 1) * t->stride[d];
        return fill(wkc_data(t) + lo * (int64_t)es, n, ctx);
    }
    char *tmp = (char *)wkc_tmp_alloc((size_t)n * es);
    if (!tmp) return false;
    bool ok = fill(tmp, n, ctx);
    if (ok) {
        wk_tensor src = *t;
        wk_storage st = *t->storage;
        st.data = tmp;
        src.storage = &st;
        src.offset = 0;
        int64_t acc = 1;
        for (int d = src.ndim - 1; d >= 0; d--) { src.stride[d] = acc; acc *= src.shape[d]; }
        wkc_iter it;
        const wk_tensor *ops[2] = {t, &src};
        ok = wkc_iter_build(&it, 2, ops) && wkc_launch_cast(&it, t->dtype, t->dtype);
    }
    wkc_tmp_free(tmp);
    return ok;
}

// ------------------------------------------------------------------ uniform_
struct UniformCtx { wk_dtype dt; double from, to; };
__device__ __forceinline__ float uniform_scale(float r, float range, float from) { return wkc_uniform_scale_f32(r, range, from); }
__device__ __forceinline__ double uniform_scale(double r, double range, double from) { return wkc_uniform_scale_f64(r, range, from); }
template <typename T> struct UniformXf {
    typedef typename Tr<T>::C C;
    C range, from;
    T lo, hi;
    __device__ T operator()(C r, int64_t) const {
        T v = Tr<T>::st(uniform_scale(r, range, from));
        return Tr<T>::ld(v) == Tr<T>::ld(hi) ? lo : v; // (0, 1] -> [0, 1)
    }
};
static bool uniform_fill(char *base, int64_t n, const void *vctx) {
    const UniformCtx *c = (const UniformCtx *)vctx;
    bool ok = false;
    switch (c->dt) {
    case WK_DT_F64: {
        UniformXf<double> xf = {c->to - c->from, c->from, c->from, c->to};
        ok = launch_dist<double, 2>((double *)base, n, DrawU2D(), xf);
        break;
    }
#define UNI_F(DT, T)                                                                                    \
    case DT: {                                                                                          \
        T lo = Tr<T>::st((float)c->from), hi = Tr<T>::st((float)c->to);                               \
        UniformXf<T> xf = {Tr<T>::ld(Tr<T>::st(Tr<T>::ld(hi) - Tr<T>::ld(lo))), Tr<T>::ld(lo), lo, hi}; \
        ok = launch_dist<T, 4>((T *)base, n, DrawU4(), xf);                                             \
        break;                                                                                          \
    }
        UNI_F(WK_DT_F32, float)
        UNI_F(WK_DT_F16, __half)
        UNI_F(WK_DT_BF16, __nv_bfloat16)
    default: return wkc_not_impl("uniform", c->dt);
    }
    return ok;
}
extern "C" bool wkc_uniform_(wk_tensor *t, double from, double to, struct wk_generator *g) {
    (void)g;
    UniformCtx c = {t->dtype, from, to};
    return with_dense(t, uniform_fill, &c);
}

// ------------------------------------------------------------------ normal_
struct NormalCtx { wk_dtype dt; double mean, std; };
__device__ __forceinline__ float normal_scale(float r, float std, float mean) { return wkc_normal_scale_f32(r, std, mean); }
__device__ __forceinline__ double normal_scale(double r, double std, double mean) { return wkc_normal_scale_f64(r, std, mean); }
template <typename T> struct NormalXf {
    typedef typename Tr<T>::C C;
    C mean, std;
    __device__ T operator()(C r, int64_t) const { return Tr<T>::st(normal_scale(r, std, mean)); }
};
static bool normal_fill(char *base, int64_t n, const void *vctx) {
    const NormalCtx *c = (const NormalCtx *)vctx;
    switch (c->dt) {
    case WK_DT_F64: { NormalXf<double> xf = {c->mean, c->std}; return launch_dist<double, 2>((double *)base, n, DrawN2D(), xf); }
    case WK_DT_F32: { NormalXf<float> xf = {(float)c->mean, (float)c->std}; return launch_dist<float, 4>((float *)base, n, DrawN4(), xf); }
    case WK_DT_F16: { NormalXf<__half> xf = {(float)c->mean, (float)c->std}; return launch_dist<__half, 4>((__half *)base, n, DrawN4(), xf); }
    case WK_DT_BF16: {
        NormalXf<__nv_bfloat16> xf = {(float)c->mean, (float)c->std};
        return launch_dist<__nv_bfloat16, 4>((__nv_bfloat16 *)base, n, DrawN4(), xf);
    }
    default: return wkc_not_impl("normal", c->dt);
    }
}
extern "C" bool wkc_normal_(wk_tensor *t, double mean, double std, struct wk_generator *g) {
    (void)g;
    NormalCtx c = {t->dtype, mean, std};
    return with_dense(t, normal_fill, &c);
}

// ------------------------------------------------------------------ random_(low, high)
struct RandomCtx { wk_dtype dt; int64_t low; uint64_t range; };
template <typename T, typename V> struct RandomXf {
    uint64_t range;
    int64_t base;
    __device__ T operator()(V r, int64_t) const {
        int64_t v = (int64_t)((uint64_t)r % range + (uint64_t)base);
        if constexpr (Tr<T>::is_float) return Tr<T>::st((typename Tr<T>::C)v);
        else return Tr<T>::st(v);
    }
};
static bool random_fill(char *base, int64_t n, const void *vctx) {
    const RandomCtx *c = (const RandomCtx *)vctx;
    bool ok = false;
    // PyTorch takes 64-bit draws only for these dtypes (an int32 range of exactly 2^32 stays 32-bit)
    bool wide = c->dt == WK_DT_I64 || c->dt == WK_DT_F64 || c->dt == WK_DT_F32 || c->dt == WK_DT_BF16;
    WKC_DISPATCH(c->dt, {
        if (wide && c->range >= (1ull << 32)) {
            RandomXf<T, unsigned long long> xf = {c->range, c->low};
            ok = launch_dist<T, 2>((T *)base, n, DrawR2(), xf);
        } else {
            RandomXf<T, unsigned int> xf = {c->range, c->low};
            ok = launch_dist<T, 4>((T *)base, n, DrawR4(), xf);
        }
    });
    return ok;
}
extern "C" bool wkc_random_(wk_tensor *t, int64_t low, int64_t high, struct wk_generator *g) {
    (void)g;
    if (high <= low) return wkc_err(WK_ERR_RUNTIME, "random_ expects 'from' to be less than 'to', but got from=%lld >= to=%lld",
                                    (long long)low, (long long)high);
    RandomCtx c = {t->dtype, low, (uint64_t)high - (uint64_t)low};
    return with_dense(t, random_fill, &c);
}

// ------------------------------------------------------------------ bernoulli_(p)
struct BernCtx { wk_dtype dt; double p; };
// PyTorch's transformation::bernoulli<accscalar_t>(rand, p): p is cast to the draw's type
// (float, double for float64) before the comparison.
template <typename T, typename A> struct BernXf {
    A p;
    __device__ T operator()(A r, int64_t) const { return Tr<T>::st((typename Tr<T>::C)wkc_bernoulli_test(r, p)); }
};
static bool bern_fill(char *base, int64_t n, const void *vctx) {
    const BernCtx *c = (const BernCtx *)vctx;
    bool ok = false;
    WKC_DISPATCH(c->dt, {
        if (c->dt == WK_DT_F64) { BernXf<T, double> xf = {c->p}; ok = launch_dist<T, 2>((T *)base, n, DrawU2D(), xf); }
        else { BernXf<T, float> xf = {(float)c->p}; ok = launch_dist<T, 4>((T *)base, n, DrawU4(), xf); }
    });
    return ok;
}
extern "C" bool wkc_bernoulli_(wk_tensor *t, double p, struct wk_generator *g) {
    (void)g;
    BernCtx c = {t->dtype, p};
    return with_dense(t, bern_fill, &c);
}

// bernoulli_(p tensor): uniform floats into a temporary, then t = (u < p) elementwise.
__device__ double load_any(wk_dtype dt, const char *p) {
    double r = 0;
    WKC_DISPATCH(dt, { r = (double)Tr<T>::ld(*(const T *)p); });
    return r;
}
template <typename T> __global__ void k_bern_t(wkc_iter it, wk_dtype pdt) {
    int64_t off[3];
    WKC_FOR(i, it.numel) {
        wkc_offsets<3>(it, i, off);
        float u = *(const float *)(it.data[1] + off[1]);
        *(T *)(it.data[0] + off[0]) = Tr<T>::st((typename Tr<T>::C)((double)u < load_any(pdt, it.data[2] + off[2])));
    }
}
extern "C" bool wkc_bernoulli_tensor_(wk_tensor *t, const wk_tensor *p, struct wk_generator *g) {
    (void)g;
    int64_t n = wkc_numel(t);
    if (n == 0) return true;
    float *u = (float *)wkc_tmp_alloc((size_t)n * 4);
    if (!u) return false;
    UniformCtx c = {WK_DT_F32, 0.0, 1.0};
    bool ok = uniform_fill((char *)u, n, &c);
    if (ok) {
        wk_tensor ut = *t;
        wk_storage st = *t->storage;
        st.data = u;
        ut.storage = &st;
        ut.offset = 0;
        ut.dtype = WK_DT_F32;
        int64_t acc = 1;
        for (int d = ut.ndim - 1; d >= 0; d--) { ut.stride[d] = acc; acc *= ut.shape[d]; }
        wkc_iter it;
        const wk_tensor *ops[3] = {t, &ut, p};
        ok = wkc_iter_build(&it, 3, ops);
        if (ok) {
            WKC_DISPATCH(t->dtype, { k_bern_t<T><<<wkc_grid(n), WKC_BLOCK>>>(it, p->dtype); });
            ok = wkc_check_launch();
        }
    }
    wkc_tmp_free(u);
    return ok;
}

// ------------------------------------------------------------------ randperm: sort random keys
// (the order differs from PyTorch's randperm on CUDA, which also shuffles equal keys).
struct KeyXf { __device__ unsigned long long operator()(unsigned long long r, int64_t) const { return r; } };
__global__ void k_iota(int64_t *v, int64_t n) { WKC_FOR(i, n) v[i] = i; }

extern "C" bool wkc_randperm(wk_tensor *out, struct wk_generator *g) {
    (void)g;
    int64_t n = wkc_numel(out);
    if (n == 0) return true;
    size_t bytes = (size_t)n * 8;
    unsigned long long *keys = (unsigned long long *)wkc_tmp_alloc(bytes * 2);
    int64_t *vals = (int64_t *)wkc_tmp_alloc(bytes * 2);
    bool ok = keys && vals && launch_dist<unsigned long long, 2>(keys, n, DrawR2(), KeyXf());
    if (ok) {
        k_iota<<<wkc_grid(n), WKC_BLOCK>>>(vals, n);
        size_t tmp_bytes = 0;
        cub::DoubleBuffer<unsigned long long> kb(keys, keys + n);
        cub::DoubleBuffer<int64_t> vb(vals, vals + n);
        cudaError_t e = cudaGetLastError();
        if (e == cudaSuccess) e = cub::DeviceRadixSort::SortPairs(NULL, tmp_bytes, kb, vb, n);
        void *tmp = e == cudaSuccess ? wkc_tmp_alloc(tmp_bytes ? tmp_bytes : 1) : NULL;
        if (tmp) e = cub::DeviceRadixSort::SortPairs(tmp, tmp_bytes, kb, vb, n);
        ok = e == cudaSuccess ? tmp != NULL : wkc_cuda_fail(e); /* a failed alloc has set its error */
        if (tmp) wkc_tmp_free(tmp);
        if (ok) {
            wk_tensor src = *out;
            wk_storage st = *out->storage;
            st.data = vb.Current();
            src.storage = &st;
            src.offset = 0;
            src.dtype = WK_DT_I64;
            src.stride[0] = 1;
            wkc_iter it;
            const wk_tensor *ops[2] = {out, &src};
            ok = wkc_iter_build(&it, 2, ops) && wkc_launch_cast(&it, out->dtype, WK_DT_I64);
        }
    }
    if (keys) wkc_tmp_free(keys);
    if (vals) wkc_tmp_free(vals);
    return ok && wkc_check_launch();
}
