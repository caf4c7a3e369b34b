/* cpu_softmax.h — float32 / float64 softmax / log_softmax forward and backward on the CPU in the operation order of PyTorch's AVX2 kernels. */
#ifndef WK_CPU_SOFTMAX_H
#define WK_CPU_SOFTMAX_H
#include <stdbool.h>
#include <stdint.h>

/* Contiguous data seen as (outer, dim, inner); the softmax runs along dim. lastdim says the
 * softmax dim is the tensor's last one (PyTorch picks its row kernel by that, not by
 * inner == 1). log: log_softmax instead of softmax. */
typedef struct wk_softmax_geom { int64_t outer, dim, inner; bool lastdim, log; } wk_softmax_geom;

void wk_cpu_softmax_f32(const wk_softmax_geom *g, float *out, const float *in);
void wk_cpu_softmax_f64(const wk_softmax_geom *g, double *out, const double *in);
/* gi from the upstream gradient go and the forward's output y. */
void wk_cpu_softmax_backward_f32(const wk_softmax_geom *g, float *gi, const float *go, const float *y);
void wk_cpu_softmax_backward_f64(const wk_softmax_geom *g, double *gi, const double *go, const double *y);

#endif
