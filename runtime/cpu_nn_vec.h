/* cpu_nn_vec.h — internal: 4-lane float/int32/double vectors (GCC/Clang vector extensions, native SSE2/NEON width) for the nn CPU kernels. */
#ifndef WK_CPU_NN_VEC_H
#define WK_CPU_NN_VEC_H
#include <stdint.h>
#include <string.h>

typedef float wk_v4f __attribute__((vector_size(16)));
typedef int32_t wk_v4i __attribute__((vector_size(16)));
typedef double wk_v2d __attribute__((vector_size(16)));

static inline wk_v4f wk_v4f_load(const float *p) {
    wk_v4f v;
    memcpy(&v, p, sizeof v);
    return v;
}
static inline void wk_v4f_store(float *p, wk_v4f v) { memcpy(p, &v, sizeof v); }
static inline wk_v4f wk_v4f_splat(float x) { return (wk_v4f){x, x, x, x}; }
/* Lanes of a where mask m is set (all ones), else lanes of b. */
static inline wk_v4f wk_v4f_select(wk_v4i m, wk_v4f a, wk_v4f b) {
    return (wk_v4f)((m & (wk_v4i)a) | (~m & (wk_v4i)b));
}
static inline wk_v4i wk_v4i_select(wk_v4i m, wk_v4i a, wk_v4i b) { return (m & a) | (~m & b); }

/* Even / odd lanes of the 8 floats at p (p[0], p[2], ... / p[1], p[3], ...). */
#if defined(__has_builtin)
#if __has_builtin(__builtin_shufflevector)
#define WK_HAVE_SHUFFLE 1
#endif
#endif
#ifdef WK_HAVE_SHUFFLE
static inline void wk_v4f_deinterleave(const float *p, wk_v4f *even, wk_v4f *odd) {
    wk_v4f a = wk_v4f_load(p), b = wk_v4f_load(p + 4);
    *even = __builtin_shufflevector(a, b, 0, 2, 4, 6);
    *odd = __builtin_shufflevector(a, b, 1, 3, 5, 7);
}
#else
static inline void wk_v4f_deinterleave(const float *p, wk_v4f *even, wk_v4f *odd) {
    *even = (wk_v4f){p[0], p[2], p[4], p[6]};
    *odd = (wk_v4f){p[1], p[3], p[5], p[7]};
}
#endif

#endif
