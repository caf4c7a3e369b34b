/* cpu_softmax.c — float32 / float64 softmax and log_softmax (forward and backward) on the CPU, reproducing the rounding of PyTorch 1.13's AVX2 kernels. */
#include "cpu_softmax.h"
#include "cpu_vmath.h"
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

/* PyTorch's kernels work on 256-bit vectors (8 floats, 4 doubles): a row (last-dim kernels)
 * is reduced lane-wise over blocks of vectors (the tail block updates its first lanes
 * only), then the lanes fold; the exp and log of vectors are SLEEF's (wk_vm_exp[f],
 * wk_vm_log[f]). The kernels for another dim work on one vector of inner positions at a
 * time with SLEEF and on the inner remainder with libm's exp. GCC builds those kernels
 * with -mfma and contracts a * b + c into one fused multiply-add (vector and scalar code
 * alike); the backward passes do the same with fma. Where the CPU has AVX2 and FMA, the
 * float32 last-dim rows run their whole vectors through cpu_vmath_avx2.c (the same bits
 * as the scalar emulation). The bodies are in cpu_softmax_impl.h, instantiated once per
 * type here. */
#define T float
#define SM(name) name##_f32
#define LANES 8
#define FOLD_TREE 1
#define VEXP wk_vm_expf
#define VLOG wk_vm_logf
#define SEXP expf
#define FMA fmaf
#define VREDUCE wk_vm_reduce8_f32
#define VEXP_N wk_vm_expf_sub_n
#define VSUB2_N wk_vm_sub2_n
#define VSCALE_N wk_vm_scale_n
#include "cpu_softmax_impl.h"
#undef T
#undef SM
#undef LANES
#undef FOLD_TREE
#undef VEXP
#undef VLOG
#undef SEXP
#undef FMA
#undef VREDUCE
#undef VEXP_N
#undef VSUB2_N
#undef VSCALE_N

/* no SIMD double routines: the scalar loops do every element */
static inline int64_t no_vreduce_f64(int kind, double *acc, const double *v, int64_t n, double mx) {
    (void)kind; (void)acc; (void)v; (void)n; (void)mx;
    return 0;
}
static inline int64_t no_vexp_n_f64(double *out, const double *in, int64_t n, double mx, double *acc) {
    (void)out; (void)in; (void)n; (void)mx; (void)acc;
    return 0;
}
static inline int64_t no_vsub2_n_f64(double *out, const double *in, int64_t n, double a, double b) {
    (void)out; (void)in; (void)n; (void)a; (void)b;
    return 0;
}
static inline int64_t no_vscale_n_f64(double *out, const double *in, int64_t n, double mul) {
    (void)out; (void)in; (void)n; (void)mul;
    return 0;
}
#define T double
#define SM(name) name##_f64
#define LANES 4
#define FOLD_TREE 0
#define VEXP wk_vm_exp
#define VLOG wk_vm_log
#define SEXP exp
#define FMA fma
#define VREDUCE no_vreduce_f64
#define VEXP_N no_vexp_n_f64
#define VSUB2_N no_vsub2_n_f64
#define VSCALE_N no_vscale_n_f64
#include "cpu_softmax_impl.h"
