/* cpu_softmax.c — float32 / float64 softmax and log_softmax (forward and backward) on the CPU, reproducing the rounding of PyTorch 1.13's AVX2 kernels. */
#include "cpu_softmax.h"
#include "cpu_vmath.h"
#include <math.h>

/* PyTorch's kernels work on 256-bit vectors (8 floats, 4 doubles): a row (last-dim kernels)
 * is reduced lane-wise over blocks of vectors (the tail block updates its first lanes
 * only), then the lanes fold; the exp and log of vectors are SLEEF's (wk_vm_exp[f],
 * wk_vm_log[f]). The kernels for another dim work on one vector of inner positions at a
 * time with SLEEF and on the inner remainder with libm's exp. GCC builds those kernels
 * with -mfma and contracts a * b + c into one fused multiply-add (vector and scalar code
 * alike); the backward passes do the same with fma. The bodies are in cpu_softmax_impl.h,
 * instantiated once per type here. */
#define T float
#define SM(name) name##_f32
#define LANES 8
#define FOLD_TREE 1
#define VEXP wk_vm_expf
#define VLOG wk_vm_logf
#define SEXP expf
#define FMA fmaf
#include "cpu_softmax_impl.h"
#undef T
#undef SM
#undef LANES
#undef FOLD_TREE
#undef VEXP
#undef VLOG
#undef SEXP
#undef FMA

#define T double
#define SM(name) name##_f64
#define LANES 4
#define FOLD_TREE 0
#define VEXP wk_vm_exp
#define VLOG wk_vm_log
#define SEXP exp
#define FMA fma
#include "cpu_softmax_impl.h"
