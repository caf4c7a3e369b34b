// common.cuh — device-side helpers for the plugin's kernels: dtype traits, casts, strided offsets, launch shapes, dispatch.
#ifndef WK_CUDA_COMMON_CUH
#define WK_CUDA_COMMON_CUH
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_runtime.h>
#include <math.h>
#include <stdint.h>
#include <type_traits>
#include "plugin.h"

// bool is stored as one byte; a distinct type keeps it apart from uint8 in templates.
struct wbool { uint8_t v; };

// Tr<T>: compute type C, load (storage -> C) and store (C -> storage).
template <typename T> struct Tr;
#define WKC_INT_TRAIT(T)                                                        \
    template <> struct Tr<T> {                                                  \
        typedef int64_t C;                                                      \
        static constexpr bool is_float = false;                                 \
        static __host__ __device__ __forceinline__ C ld(T x) { return (C)x; }            \
        static __host__ __device__ __forceinline__ T st(C c) { return (T)c; }            \
    };
WKC_INT_TRAIT(uint8_t)
WKC_INT_TRAIT(int8_t)
WKC_INT_TRAIT(int16_t)
WKC_INT_TRAIT(int32_t)
WKC_INT_TRAIT(int64_t)
template <> struct Tr<wbool> {
    typedef int64_t C;
    static constexpr bool is_float = false;
    static __host__ __device__ __forceinline__ C ld(wbool x) { return x.v != 0; }
    static __host__ __device__ __forceinline__ wbool st(C c) { wbool b; b.v = c != 0; return b; }
};
template <> struct Tr<float> {
    typedef float C;
    static constexpr bool is_float = true;
    static __host__ __device__ __forceinline__ C ld(float x) { return x; }
    static __host__ __device__ __forceinline__ float st(C c) { return c; }
};
template <> struct Tr<double> {
    typedef double C;
    static constexpr bool is_float = true;
    static __host__ __device__ __forceinline__ C ld(double x) { return x; }
    static __host__ __device__ __forceinline__ double st(C c) { return c; }
};
template <> struct Tr<__half> {
    typedef float C;
    static constexpr bool is_float = true;
    static __host__ __device__ __forceinline__ C ld(__half x) { return __half2float(x); }
    static __host__ __device__ __forceinline__ __half st(C c) { return __float2half_rn(c); }
};
template <> struct Tr<__nv_bfloat16> {
    typedef float C;
    static constexpr bool is_float = true;
    static __host__ __device__ __forceinline__ C ld(__nv_bfloat16 x) { return __bfloat162float(x); }
    static __host__ __device__ __forceinline__ __nv_bfloat16 st(C c) { return __float2bfloat16_rn(c); }
};

// Element conversion as PyTorch's static_cast: float -> int through int64 truncation then
// wrap, int -> float in one rounding, anything -> bool is != 0, double -> half via float.
template <typename D, typename S> __device__ __forceinline__ D wkc_cast(S x) {
    typedef typename Tr<S>::C SC;
    typedef typename Tr<D>::C DC;
    SC c = Tr<S>::ld(x);
    if constexpr (std::is_same<D, wbool>::value) {
        wbool b; b.v = c != 0; return b;
    } else if constexpr (Tr<D>::is_float) {
        return Tr<D>::st((DC)c);
    } else if constexpr (Tr<S>::is_float) {
        return (D)(int64_t)c;
    } else {
        return (D)c;
    }
}

// Byte offsets of element i (row-major over it.shape) for the first N operands.
template <int N> __device__ __forceinline__ void wkc_offsets(const wkc_iter &it, int64_t i, int64_t *off) {
#pragma unroll
    for (int k = 0; k < N; k++) off[k] = 0;
    for (int d = it.ndim - 1; d >= 0; d--) {
        int64_t s = it.shape[d], q = i / s, r = i - q * s;
        i = q;
#pragma unroll
        for (int k = 0; k < N; k++) off[k] += r * it.stride[k][d];
    }
}

#define WKC_BLOCK 256
static inline unsigned wkc_grid(int64_t n, int per_thread = 1) {
    int64_t b = (n + (int64_t)WKC_BLOCK * per_thread - 1) / ((int64_t)WKC_BLOCK * per_thread);
    if (b < 1) b = 1;
    if (b > 65535LL * 32) b = 65535LL * 32; // grid-stride loops cover the rest
    return (unsigned)b;
}

// Grid-stride loop over [0, n).
#define WKC_FOR(i, n)                                                                            \
    for (int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; i < (n);                    \
         i += (int64_t)blockDim.x * gridDim.x)

// Runs BODY with T bound to the storage type of dt (all ten dtypes).
#define WKC_DISPATCH(dt, ...)                                                                   \
    switch (dt) {                                                                                \
    case WK_DT_BOOL: { typedef wbool T; __VA_ARGS__; } break;                                           \
    case WK_DT_U8: { typedef uint8_t T; __VA_ARGS__; } break;                                           \
    case WK_DT_I8: { typedef int8_t T; __VA_ARGS__; } break;                                            \
    case WK_DT_I16: { typedef int16_t T; __VA_ARGS__; } break;                                          \
    case WK_DT_I32: { typedef int32_t T; __VA_ARGS__; } break;                                          \
    case WK_DT_I64: { typedef int64_t T; __VA_ARGS__; } break;                                          \
    case WK_DT_F16: { typedef __half T; __VA_ARGS__; } break;                                           \
    case WK_DT_BF16: { typedef __nv_bfloat16 T; __VA_ARGS__; } break;                                   \
    case WK_DT_F32: { typedef float T; __VA_ARGS__; } break;                                            \
    case WK_DT_F64: { typedef double T; __VA_ARGS__; } break;                                           \
    default: break;                                                                              \
    }

// Same with a second type name (for two-dtype kernels such as casts).
#define WKC_DISPATCH2(dt, U, ...)                                                               \
    switch (dt) {                                                                                \
    case WK_DT_BOOL: { typedef wbool U; __VA_ARGS__; } break;                                           \
    case WK_DT_U8: { typedef uint8_t U; __VA_ARGS__; } break;                                           \
    case WK_DT_I8: { typedef int8_t U; __VA_ARGS__; } break;                                            \
    case WK_DT_I16: { typedef int16_t U; __VA_ARGS__; } break;                                          \
    case WK_DT_I32: { typedef int32_t U; __VA_ARGS__; } break;                                          \
    case WK_DT_I64: { typedef int64_t U; __VA_ARGS__; } break;                                          \
    case WK_DT_F16: { typedef __half U; __VA_ARGS__; } break;                                           \
    case WK_DT_BF16: { typedef __nv_bfloat16 U; __VA_ARGS__; } break;                                   \
    case WK_DT_F32: { typedef float U; __VA_ARGS__; } break;                                            \
    case WK_DT_F64: { typedef double U; __VA_ARGS__; } break;                                           \
    default: break;                                                                              \
    }

// Atomic read-modify-write of any 1/2/4/8-byte element through a CAS on its aligned word.
template <typename T, typename F> __device__ void wkc_atomic_apply(T *addr, F f) {
    if constexpr (sizeof(T) == 8) {
        unsigned long long *w = (unsigned long long *)addr, old = *w, assumed;
        do {
            assumed = old;
            T cur; memcpy(&cur, &assumed, 8);
            T nv = f(cur);
            unsigned long long nb; memcpy(&nb, &nv, 8);
            old = atomicCAS(w, assumed, nb);
        } while (assumed != old);
    } else {
        uintptr_t a = (uintptr_t)addr;
        unsigned *w = (unsigned *)(a & ~(uintptr_t)3);
        unsigned shift = (unsigned)(a & 3) * 8, old = *w, assumed;
        unsigned mask = sizeof(T) == 4 ? 0xffffffffu : ((1u << (8 * sizeof(T))) - 1) << shift;
        do {
            assumed = old;
            unsigned bits = (assumed & mask) >> shift;
            T cur; memcpy(&cur, &bits, sizeof(T));
            T nv = f(cur);
            unsigned nb = 0; memcpy(&nb, &nv, sizeof(T));
            old = atomicCAS(w, assumed, (assumed & ~mask) | ((nb << shift) & mask));
        } while (assumed != old);
    }
}

#endif
