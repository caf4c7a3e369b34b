/* rt_util.h — helpers shared by the runtime C tests: shape/stride checks and tensor construction. */
#ifndef WK_RT_UTIL_H
#define WK_RT_UTIL_H
#include "../../runtime/backend.h"
#include "../unit/tap.h"
#include <stdarg.h>

/* Compares shape and strides with the listed values (ndim shape values, then ndim strides). */
static inline bool rt_layout_is(const wk_tensor *t, int ndim, ...) {
    if (!t) return false;
    va_list ap;
    va_start(ap, ndim);
    bool ok = t->ndim == ndim;
    for (int i = 0; i < ndim; i++) { long long v = va_arg(ap, long long); if (ok && t->shape[i] != v) ok = false; }
    for (int i = 0; i < ndim; i++) { long long v = va_arg(ap, long long); if (ok && t->stride[i] != v) ok = false; }
    va_end(ap);
    return ok;
}

static inline wk_tensor *rt_arange(int64_t n, wk_dtype dt) {
    return wk_tensor_arange(wk_scalar_int(0), wk_scalar_int(n), wk_scalar_int(1), dt, WK_CPU);
}

static inline wk_tensor *rt_view(wk_tensor *t, int ndim, ...) {
    int64_t sh[WK_MAX_DIMS];
    va_list ap;
    va_start(ap, ndim);
    for (int i = 0; i < ndim; i++) sh[i] = va_arg(ap, long long);
    va_end(ap);
    return wk_tensor_view(t, ndim, sh);
}

static inline double rt_at(const wk_tensor *t, int64_t flat) {
    return wk_scalar_to_f64(wk_tensor_get_flat(t, flat));
}

/* Fills with a deterministic pseudo-random pattern (values representable in every float dtype). */
static inline void rt_fill_pattern(wk_tensor *t, unsigned seed, bool allow_neg) {
    int64_t n = wk_tensor_numel(t), idx[WK_MAX_DIMS] = {0};
    unsigned s = seed * 2654435761u + 12345u;
    for (int64_t i = 0; i < n; i++) {
        s = s * 1103515245u + 12345u;
        int v = (int)((s >> 16) % 17) - (allow_neg ? 8 : 0);
        double x = wk_dtype_is_float(t->dtype) ? v / 4.0 : v;
        wk_dtype_store_f64(t->dtype, wk_tensor_ptr_at(t, idx), x);
        for (int d = t->ndim - 1; d >= 0; d--) { if (++idx[d] < t->shape[d]) break; idx[d] = 0; }
    }
}

#endif
