/* cpu_nn_embed.c — CPU kernel of embedding's backward: PyTorch's embedding_dense_backward, each gradient row added to its weight row in index order. */
#include "ops_nn.h"

#define EMB_BWD(T) do {                                                                       \
        T *w = gw; const T *g = gp;                                                           \
        for (int64_t i = 0; i < m; i++) {                                                     \
            if (ix[i] == pad) continue;                                                       \
            T *wr = w + ix[i] * D; const T *gr = g + i * D;                                   \
            for (int64_t j = 0; j < D; j++) wr[j] += gr[j];                                   \
        }                                                                                     \
    } while (0)
void wk_cpu_nn_embedding_backward(const int64_t *ix, int64_t m, int64_t pad, const void *gp, int64_t D, void *gw, bool f64) {
    if (f64) EMB_BWD(double); else EMB_BWD(float);
}
