// reduce.cu — reductions (one block per output, split across blocks when outputs are few), arg-reductions and scans.
#include "common.cuh"

// ------------------------------------------------------------------ geometry
// Outputs are indexed over the kept dims (row-major); each output reduces R inputs over the reduced dims.
struct RedGeom {
    char *a, *out, *idx;
    int nkeep, nred;
    int64_t kshape[WK_MAX_DIMS], kstride_a[WK_MAX_DIMS], kstride_o[WK_MAX_DIMS], kstride_i[WK_MAX_DIMS];
    int64_t rshape[WK_MAX_DIMS], rstride[WK_MAX_DIMS];
    int64_t nout, R;
};

// Merges neighbouring entries of a dim list whose strides (every list of `strides`) form one
// run, and drops entries of size 1. Offsets of each flat index are unchanged (the outer
// stride is the inner stride times the inner size), so is the order of the elements; a
// contiguous reduction ends with one entry and in_offset needs no division.
static int coalesce(int n, int64_t *shape, int64_t *const *strides, int ns) {
    int m = 0;
    for (int i = 0; i < n; i++) {
        if (shape[i] == 1) continue;
        bool merge = m > 0;
        for (int k = 0; k < ns && merge; k++) merge = strides[k][m - 1] == strides[k][i] * shape[i];
        if (merge) {
            shape[m - 1] *= shape[i];
            for (int k = 0; k < ns; k++) strides[k][m - 1] = strides[k][i];
            continue;
        }
        shape[m] = shape[i];
        for (int k = 0; k < ns; k++) strides[k][m] = strides[k][i];
        m++;
    }
    return m;
}

static void geom_init(RedGeom *g, const wk_tensor *a, const wk_tensor *out, const wk_tensor *idx, uint32_t dims) {
    memset(g, 0, sizeof *g);
    size_t ea = wkc_dtype_size(a->dtype), eo = out ? wkc_dtype_size(out->dtype) : 0;
    g->a = wkc_data(a);
    g->out = out ? wkc_data(out) : NULL;
    g->idx = idx ? wkc_data(idx) : NULL;
    g->nout = 1;
    g->R = 1;
    for (int d = 0; d < a->ndim; d++) {
        if (dims >> d & 1) {
            g->rshape[g->nred] = a->shape[d];
            g->rstride[g->nred++] = a->stride[d] * (int64_t)ea;
            g->R *= a->shape[d];
        } else {
            g->kshape[g->nkeep] = a->shape[d];
            g->kstride_a[g->nkeep] = a->stride[d] * (int64_t)ea;
            g->kstride_o[g->nkeep] = out ? out->stride[d] * (int64_t)eo : 0;
            g->kstride_i[g->nkeep++] = idx ? idx->stride[d] * 8 : 0;
            g->nout *= a->shape[d];
        }
    }
    int64_t *rs[1] = {g->rstride}, *ks[3] = {g->kstride_a, g->kstride_o, g->kstride_i};
    g->nred = coalesce(g->nred, g->rshape, rs, 1);
    g->nkeep = coalesce(g->nkeep, g->kshape, ks, 3);
}

__device__ __forceinline__ void out_offsets(const RedGeom &g, int64_t o, int64_t *ao, int64_t *oo, int64_t *io) {
    *ao = *oo = *io = 0;
    for (int d = g.nkeep - 1; d >= 0; d--) {
        int64_t q = o / g.kshape[d], r = o - q * g.kshape[d];
        o = q;
        *ao += r * g.kstride_a[d];
        *oo += r * g.kstride_o[d];
        *io += r * g.kstride_i[d];
    }
}

__device__ __forceinline__ int64_t in_offset(const RedGeom &g, int64_t r) {
    if (g.nred == 1) return r * g.rstride[0]; // r < R = rshape[0]: no division
    int64_t off = 0;
    for (int d = g.nred - 1; d >= 0; d--) {
        int64_t q = r / g.rshape[d], m = r - q * g.rshape[d];
        r = q;
        off += m * g.rstride[d];
    }
    return off;
}

// ------------------------------------------------------------------ reduction state
// v: sum/prod/max/min/all/any/mean (Welford mean for var/std, running max for logsumexp),
// w: Welford M2 / logsumexp scaled sum, n: counts.
template <typename A> struct RS { A v, w; int64_t n; };

template <typename A> __device__ RS<A> rs_init(int op, double p) {
    RS<A> s = {0, 0, 0};
    switch (op) {
    case WK_RED_PROD: case WK_RED_ALL: s.v = 1; break;
    case WK_RED_MAX: if constexpr (std::is_floating_point<A>::value) s.v = (A)-INFINITY; else s.v = (A)INT64_MIN; break;
    case WK_RED_MIN: if constexpr (std::is_floating_point<A>::value) s.v = (A)INFINITY; else s.v = (A)INT64_MAX; break;
    case WK_RED_LOGSUMEXP: if constexpr (std::is_floating_point<A>::value) s.v = (A)-INFINITY; break;
    case WK_RED_NORM:
        if constexpr (std::is_floating_point<A>::value) { if (isinf(p) && p < 0) s.v = (A)INFINITY; }
        break;
    default: break;
    }
    return s;
}

template <typename A> __device__ __forceinline__ A amax(A x, A y) { return x != x ? x : y != y ? y : x > y ? x : y; }
template <typename A> __device__ __forceinline__ A amin(A x, A y) { return x != x ? x : y != y ? y : x < y ? x : y; }

template <typename A> __device__ void rs_push(int op, double p, RS<A> &s, A x) {
    switch (op) {
    case WK_RED_SUM: case WK_RED_MEAN: s.v += x; break;
    case WK_RED_NANSUM: if (x == x) s.v += x; break;
    case WK_RED_PROD: s.v *= x; break;
    case WK_RED_MAX: s.v = amax(s.v, x); break;
    case WK_RED_MIN: s.v = amin(s.v, x); break;
    case WK_RED_ALL: s.v = s.v && x != 0; break;
    case WK_RED_ANY: s.v = s.v || x != 0; break;
    case WK_RED_COUNT_NONZERO: s.n += x != 0; break;
    case WK_RED_VAR: case WK_RED_STD: {
        s.n++;
        A d = x - s.v;
        s.v += d / (A)s.n;
        s.w += d * (x - s.v);
        break;
    }
    case WK_RED_LOGSUMEXP:
        if (x != x || s.v != s.v) { s.v = x != x ? x : s.v; break; }
        if (x > s.v) { s.w = s.w * (A)exp((double)(s.v - x)) + 1; s.v = x; }
        else if (x != (A)-INFINITY) s.w += (A)exp((double)(x - s.v));
        break;
    case WK_RED_NORM: {
        A ax = x < 0 ? -x : x;
        if (isinf(p)) s.v = p > 0 ? amax(s.v, ax) : amin(s.v, ax);
        else if (p == 0) s.v += ax != 0;
        else if (p == 1) s.v += ax;
        else if (p == 2) s.v += ax * ax;
        else s.v += (A)pow((double)ax, p);
        break;
    }
    default: break;
    }
}

template <typename A> __device__ RS<A> rs_merge(int op, double p, RS<A> a, RS<A> b) {
    switch (op) {
    case WK_RED_COUNT_NONZERO: a.n += b.n; return a;
    case WK_RED_VAR: case WK_RED_STD: {
        if (b.n == 0) return a;
        if (a.n == 0) return b;
        int64_t n = a.n + b.n;
        A d = b.v - a.v;
        a.v += d * (A)b.n / (A)n;
        a.w += b.w + d * d * (A)a.n * (A)b.n / (A)n;
        a.n = n;
        return a;
    }
    case WK_RED_LOGSUMEXP: {
        if (a.v != a.v || b.v != b.v) { a.v = a.v != a.v ? a.v : b.v; return a; }
        A m = a.v > b.v ? a.v : b.v;
        if (m == (A)-INFINITY) return a;
        a.w = a.w * (A)exp((double)(a.v - m)) + b.w * (A)exp((double)(b.v - m));
        a.v = m;
        return a;
    }
    case WK_RED_NORM:
        if (isinf(p)) a.v = p > 0 ? amax(a.v, b.v) : amin(a.v, b.v);
        else a.v += b.v;
        return a;
    default: rs_push(op, p, a, b.v); return a;
    }
}

template <typename A> __device__ double rs_final(int op, double p, const RS<A> &s, int64_t R) {
    switch (op) {
    case WK_RED_MEAN: return (double)s.v / (double)R;
    case WK_RED_COUNT_NONZERO: return (double)s.n;
    case WK_RED_VAR: case WK_RED_STD: {
        double den = (double)s.n - p;
        double v = (double)s.w / (den > 0 ? den : 0);
        return op == WK_RED_STD ? sqrt(v) : v;
    }
    case WK_RED_LOGSUMEXP: return s.v != s.v || s.v == (A)-INFINITY || isinf((double)s.v) ? (double)s.v : (double)s.v + log((double)s.w);
    case WK_RED_NORM:
        if (isinf(p) || p == 0 || p == 1) return (double)s.v;
        if (p == 2) return sqrt((double)s.v);
        return pow((double)s.v, 1.0 / p);
    default: return (double)s.v;
    }
}

template <typename O> __device__ __forceinline__ void store_d(char *p, double v) { *(O *)p = Tr<O>::st((typename Tr<O>::C)v); }
template <typename O> __device__ __forceinline__ void store_i(char *p, int64_t v) {
    if constexpr (Tr<O>::is_float) *(O *)p = Tr<O>::st((typename Tr<O>::C)v);
    else *(O *)p = Tr<O>::st(v);
}

// Integer results (sums of ints, all/any/count) are stored from int64, the rest from double.
template <typename A> __device__ void store_result(wk_dtype odt, char *p, int op, double param, const RS<A> &s, int64_t R) {
    bool as_int = !std::is_floating_point<A>::value &&
                  (op == WK_RED_SUM || op == WK_RED_NANSUM || op == WK_RED_PROD || op == WK_RED_MAX || op == WK_RED_MIN);
    if (op == WK_RED_ALL || op == WK_RED_ANY) as_int = true;
    if (op == WK_RED_COUNT_NONZERO) { WKC_DISPATCH2(odt, O, store_i<O>(p, s.n)); return; }
    if (as_int) { WKC_DISPATCH2(odt, O, store_i<O>(p, (int64_t)s.v)); return; }
    double v = rs_final(op, param, s, R);
    WKC_DISPATCH2(odt, O, store_d<O>(p, v));
}

template <typename A> __device__ RS<A> block_merge(int op, double p, RS<A> s) {
    __shared__ RS<A> sh[WKC_BLOCK];
    sh[threadIdx.x] = s;
    __syncthreads();
    for (int w = blockDim.x / 2; w > 0; w >>= 1) {
        if ((int)threadIdx.x < w) sh[threadIdx.x] = rs_merge(op, p, sh[threadIdx.x], sh[threadIdx.x + w]);
        __syncthreads();
    }
    return sh[0];
}

// grid.x: outputs, grid.y: splits of R. With splits, partial states go to `parts`.
template <typename T, typename A>
__global__ void k_reduce(RedGeom g, int op, double param, wk_dtype odt, int nsplit, RS<A> *parts) {
    for (int64_t o = blockIdx.x; o < g.nout; o += gridDim.x) {
        int64_t ao, oo, io;
        out_offsets(g, o, &ao, &oo, &io);
        int64_t chunk = (g.R + nsplit - 1) / nsplit, lo = chunk * blockIdx.y, hi = min(g.R, lo + chunk);
        RS<A> s = rs_init<A>(op, param);
        for (int64_t r = lo + threadIdx.x; r < hi; r += blockDim.x) {
            T x = *(const T *)(g.a + ao + in_offset(g, r));
            rs_push(op, param, s, (A)Tr<T>::ld(x));
        }
        s = block_merge(op, param, s);
        if (threadIdx.x == 0) {
            if (nsplit > 1) parts[o * nsplit + blockIdx.y] = s;
            else store_result(odt, g.out + oo, op, param, s, g.R);
        }
        __syncthreads();
    }
}

template <typename A> __global__ void k_reduce_finish(RedGeom g, int op, double param, wk_dtype odt, int nsplit, const RS<A> *parts) {
    WKC_FOR(o, g.nout) {
        int64_t ao, oo, io;
        out_offsets(g, o, &ao, &oo, &io);
        RS<A> s = parts[o * nsplit];
        for (int k = 1; k < nsplit; k++) s = rs_merge(op, param, s, parts[o * nsplit + k]);
        store_result(odt, g.out + oo, op, param, s, g.R);
    }
}

template <typename T, typename A> static bool reduce_as(const RedGeom &g, int op, double param, wk_dtype odt) {
    int dev = wkc_current_device();
    int64_t target = (int64_t)wkc_sm_count(dev) * 4;
    int nsplit = 1;
    if (g.nout < target && g.R >= 8192) {
        int64_t want = (target + g.nout - 1) / g.nout, by_size = g.R / 4096;
        nsplit = (int)(want < by_size ? want : by_size);
        if (nsplit > 1024) nsplit = 1024;
        if (nsplit < 1) nsplit = 1;
    }
    RS<A> *parts = NULL;
    if (nsplit > 1 && !(parts = (RS<A> *)wkc_tmp_alloc((size_t)g.nout * nsplit * sizeof(RS<A>)))) return false;
    dim3 grid((unsigned)(g.nout < 65535 * 32 ? g.nout : 65535 * 32), (unsigned)nsplit);
    k_reduce<T, A><<<grid, WKC_BLOCK>>>(g, op, param, odt, nsplit, parts);
    bool ok = wkc_check_launch();
    if (ok && nsplit > 1) {
        k_reduce_finish<A><<<wkc_grid(g.nout), WKC_BLOCK>>>(g, op, param, odt, nsplit, parts);
        ok = wkc_check_launch();
    }
    if (parts) wkc_tmp_free(parts);
    return ok;
}

extern "C" bool wkc_reduce(wk_reduce_op op, wk_tensor *out, const wk_tensor *a, uint32_t dims, double param) {
    if ((unsigned)op >= WK_RED_COUNT) return wkc_err(WK_ERR_RUNTIME, "unknown reduction");
    if (!wkc_on_device(out) || !wkc_on_device(a)) return wkc_err(WK_ERR_RUNTIME, "reduce: tensors must be on the GPU");
    RedGeom g;
    geom_init(&g, a, out, NULL, dims);
    if (g.nout == 0) return true;
    bool fl = wkc_is_float(a->dtype), ok = false;
    bool float_only = op == WK_RED_MEAN || op == WK_RED_VAR || op == WK_RED_STD || op == WK_RED_NORM || op == WK_RED_LOGSUMEXP;
    if (!fl && float_only) return wkc_not_impl("reduce", a->dtype);
    WKC_DISPATCH(a->dtype, {
        if constexpr (Tr<T>::is_float) ok = reduce_as<T, double>(g, op, param, out->dtype);
        else ok = reduce_as<T, int64_t>(g, op, param, out->dtype);
    });
    return ok;
}

// ------------------------------------------------------------------ argmax / argmin along one dim
template <typename A> struct AS { A v; int64_t i; };
template <typename A> __device__ __forceinline__ AS<A> arg_merge(bool mx, AS<A> a, AS<A> b) {
    if (b.i < 0) return a;
    if (a.i < 0) return b;
    bool an = a.v != a.v, bn = b.v != b.v;
    if (an || bn) return an && (!bn || a.i < b.i) ? a : b;
    if (a.v == b.v) return a.i < b.i ? a : b;
    return (mx ? a.v > b.v : a.v < b.v) ? a : b;
}

template <typename T> __global__ void k_arg(RedGeom g, bool mx, bool has_vals, int64_t vs) {
    typedef typename Tr<T>::C C;
    __shared__ AS<C> sh[WKC_BLOCK];
    for (int64_t o = blockIdx.x; o < g.nout; o += gridDim.x) {
        int64_t ao, oo, io;
        out_offsets(g, o, &ao, &oo, &io);
        AS<C> s = {0, -1};
        for (int64_t r = threadIdx.x; r < g.R; r += blockDim.x) {
            AS<C> x = {Tr<T>::ld(*(const T *)(g.a + ao + in_offset(g, r))), r};
            s = arg_merge(mx, s, x);
        }
        sh[threadIdx.x] = s;
        __syncthreads();
        for (int w = blockDim.x / 2; w > 0; w >>= 1) {
            if ((int)threadIdx.x < w) sh[threadIdx.x] = arg_merge(mx, sh[threadIdx.x], sh[threadIdx.x + w]);
            __syncthreads();
        }
        if (threadIdx.x == 0) {
            *(int64_t *)(g.idx + io) = sh[0].i < 0 ? 0 : sh[0].i;
            if (has_vals) *(T *)(g.out + oo * vs) = Tr<T>::st(sh[0].v);
        }
        __syncthreads();
    }
}

extern "C" bool wkc_arg_reduce(wk_argreduce_op op, wk_tensor *values, wk_tensor *indices, const wk_tensor *a, int dim) {
    if (values && values->dtype != a->dtype) return wkc_err(WK_ERR_RUNTIME, "arg_reduce: values dtype mismatch");
    RedGeom g;
    geom_init(&g, a, values, indices, a->ndim ? 1u << dim : 0);
    if (values) { /* geom_init scaled out strides by the value size already */ }
    if (g.nout == 0) return true;
    WKC_DISPATCH(a->dtype, {
        k_arg<T><<<(unsigned)(g.nout < 65535 * 32 ? g.nout : 65535 * 32), WKC_BLOCK>>>(g, op == WK_ARG_MAX, values != NULL, 1);
    });
    return wkc_check_launch();
}

// ------------------------------------------------------------------ scans: one thread per line
template <typename T> __global__ void k_scan(RedGeom g, int op, int64_t len, int64_t sa, int64_t so, int64_t si,
                                             wk_dtype odt) {
    typedef typename Tr<T>::C C;
    WKC_FOR(o, g.nout) {
        int64_t ao, oo, io;
        out_offsets(g, o, &ao, &oo, &io);
        const char *a = g.a + ao;
        char *out = g.out + oo;
        if (op == WK_SCAN_SOFTMAX || op == WK_SCAN_LOG_SOFTMAX) {
            double m = -INFINITY, sum = 0;
            for (int64_t i = 0; i < len; i++) { double x = (double)Tr<T>::ld(*(const T *)(a + i * sa)); if (x > m || x != x) m = x; }
            for (int64_t i = 0; i < len; i++) sum += exp((double)Tr<T>::ld(*(const T *)(a + i * sa)) - m);
            double ls = log(sum);
            for (int64_t i = 0; i < len; i++) {
                double x = (double)Tr<T>::ld(*(const T *)(a + i * sa));
                double r = op == WK_SCAN_SOFTMAX ? exp(x - m) / sum : x - m - ls;
                WKC_DISPATCH2(odt, O, store_d<O>(out + i * so, r));
            }
            continue;
        }
        C acc = op == WK_SCAN_CUMPROD ? (C)1 : (C)0;
        double m = -INFINITY, lsum = 0;
        int64_t bi = 0;
        for (int64_t i = 0; i < len; i++) {
            C x = Tr<T>::ld(*(const T *)(a + i * sa));
            switch (op) {
            case WK_SCAN_CUMSUM: acc = i ? acc + x : x; break;
            case WK_SCAN_CUMPROD: acc = i ? acc * x : x; break;
            case WK_SCAN_CUMMAX: case WK_SCAN_CUMMIN: {
                bool mx = op == WK_SCAN_CUMMAX;
                if (i == 0 || x != x || (acc == acc && (mx ? x >= acc : x <= acc))) { acc = x; bi = i; }
                *(int64_t *)(g.idx + io + i * si) = bi;
                break;
            }
            case WK_SCAN_LOGCUMSUMEXP: {
                double v = (double)x;
                if (v != v || m != m) { m = NAN; acc = (C)m; break; }
                if (v > m) { lsum = lsum * exp(m - v) + 1; m = v; }
                else if (v != -INFINITY) lsum += exp(v - m);
                acc = (C)(m == -INFINITY ? m : m + log(lsum));
                break;
            }
            default: break;
            }
            if constexpr (Tr<T>::is_float) { WKC_DISPATCH2(odt, O, store_d<O>(out + i * so, (double)acc)); }
            else { WKC_DISPATCH2(odt, O, store_i<O>(out + i * so, (int64_t)acc)); }
        }
    }
}

extern "C" bool wkc_scan(wk_scan_op op, wk_tensor *out, wk_tensor *indices, const wk_tensor *a, int dim) {
    if ((op == WK_SCAN_CUMMAX || op == WK_SCAN_CUMMIN) && !indices) return wkc_err(WK_ERR_RUNTIME, "cummax needs indices");
    bool fl = wkc_is_float(a->dtype);
    if (!fl && (op == WK_SCAN_LOGCUMSUMEXP || op == WK_SCAN_SOFTMAX || op == WK_SCAN_LOG_SOFTMAX))
        return wkc_not_impl("scan", a->dtype);
    RedGeom g;
    geom_init(&g, a, out, indices, a->ndim ? 1u << dim : 0);
    if (g.nout == 0 || g.R == 0) return true;
    int64_t sa = a->ndim ? a->stride[dim] * (int64_t)wkc_dtype_size(a->dtype) : 0;
    int64_t so = out->ndim ? out->stride[dim] * (int64_t)wkc_dtype_size(out->dtype) : 0;
    int64_t si = indices && indices->ndim ? indices->stride[dim] * 8 : 0;
    WKC_DISPATCH(a->dtype, { k_scan<T><<<wkc_grid(g.nout), WKC_BLOCK>>>(g, (int)op, g.R, sa, so, si, out->dtype); });
    return wkc_check_launch();
}
