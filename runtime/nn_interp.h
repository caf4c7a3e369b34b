/* nn_interp.h — F.interpolate's upsampling ops (nearest 1-D/2-D, bilinear 2-D): op entry and CPU kernels. */
#ifndef WK_NN_INTERP_H
#define WK_NN_INTERP_H
#include "ops.h"

/* Geometry of one upsampling: planes of ih x iw (1-D input: ih = oh = 1) resized to oh x ow.
 * sh/sw: the user's scale factors (<= 0: none, the ratio of sizes is used). */
typedef struct wk_interp_geom {
    int64_t planes, ih, iw, oh, ow;
    double sh, sw;
    bool bilinear, align_corners;
} wk_interp_geom;

/* torch._C._nn.upsample_nearest1d/2d and upsample_bilinear2d (the .vec overloads): out_size
 * (n = spatial dims, or 0 when scales give the size) or scales (n entries; <= 0 none). */
wk_tensor *wk_op_upsample(wk_tensor *input, int nsize, const int64_t *out_size, int nscale, const double *scales,
                          bool bilinear, bool align_corners);

/* Contiguous float32/float64 kernels; backward overwrites gx. False: out of memory (nothing raised). */
bool wk_cpu_nn_upsample(wk_dtype dt, const wk_interp_geom *g, const void *x, void *out);
bool wk_cpu_nn_upsample_backward(wk_dtype dt, const wk_interp_geom *g, const void *gout, void *gx);
#endif
