/* cpu_softmax_impl.h — softmax / log_softmax kernel bodies for one float type, included by cpu_softmax.c with T, SM(name), LANES, FOLD_TREE, VEXP, VLOG, SEXP, FMA, VREDUCE, VEXP_N, VSUB2_N and VSCALE_N defined. */
typedef T (*SM(red_fn))(T, T);
static WK_VM_INLINE T SM(add)(T a, T b) { return a + b; }
/* _mm256_max_p[sd] (the second operand when equal or unordered) with NaN propagated. */
static WK_VM_INLINE T SM(vmax)(T a, T b) { return isnan(a) || isnan(b) ? NAN : a > b ? a : b; }

/* vec_reduce_all: a full vector folds as a tree (halves, then quarters, ... as the
 * 128-, 64- and 32-bit shuffles do); fewer lanes (a row shorter than a vector) fold one
 * after the other. */
static WK_VM_INLINE T SM(fold)(SM(red_fn) op, T *acc, int64_t n) {
    if (n < LANES || !FOLD_TREE) {
        T r = acc[0];
        for (int64_t l = 1; l < n; l++) r = op(r, acc[l]);
        return r;
    }
    for (int w = LANES / 2; w >= 1; w /= 2)
        for (int l = 0; l < w; l++) acc[l] = op(acc[l], acc[l + w]);
    return acc[0];
}

/* vec::reduce_all over v[0..n) (n >= 1) going on from lanes acc that hold the whole
 * vectors of v[0..d) folded (d == 0: nothing yet); the tail block updates its first lanes
 * only. exp_map: vec::map_reduce_all of exp(v - mx). */
static WK_VM_INLINE T SM(vec_reduce_from)(SM(red_fn) op, T *acc, const T *v, int64_t d, int64_t n, T mx,
                                          bool exp_map) {
    int64_t first = n < LANES ? n : LANES;
    if (d == 0) {
        for (int64_t l = 0; l < first; l++) acc[l] = exp_map ? VEXP(v[l] - mx) : v[l];
        d = first;
    }
    for (; d < n; d += LANES) {
        int64_t m = n - d < LANES ? n - d : LANES;
        for (int64_t l = 0; l < m; l++) acc[l] = op(acc[l], exp_map ? VEXP(v[d + l] - mx) : v[d + l]);
    }
    return SM(fold)(op, acc, first);
}

/* vec::reduce_all: VREDUCE does the whole vectors with SIMD code where it can. */
static WK_VM_INLINE T SM(vec_reduce)(SM(red_fn) op, const T *v, int64_t n, T mx, bool exp_map) {
    T acc[LANES] = {0};
    int kind = exp_map ? WK_VM_RED_SUMEXP : op == SM(vmax) ? WK_VM_RED_MAX : WK_VM_RED_SUM;
    return SM(vec_reduce_from)(op, acc, v, VREDUCE(kind, acc, v, n, mx), n, mx, exp_map);
}

/* vec::map2_reduce_all(x * y, +) */
static WK_VM_INLINE T SM(vec_dot)(const T *x, const T *y, int64_t n) {
    T acc[LANES] = {0};
    int64_t first = n < LANES ? n : LANES;
    for (int64_t l = 0; l < first; l++) acc[l] = x[l] * y[l];
    for (int64_t d = first; d < n; d += LANES) {
        int64_t m = n - d < LANES ? n - d : LANES;
        for (int64_t l = 0; l < m; l++) acc[l] = FMA(x[d + l], y[d + l], acc[l]);
    }
    return SM(fold)(SM(add), acc, first);
}

/* The V*_N calls do the whole vectors with SIMD code where they can and return how many
 * elements they did (out is a new tensor, never in). */
static WK_VM_INLINE void SM(lastdim_row)(const wk_softmax_geom *g, T *out, const T *in) {
    int64_t n = g->dim;
    T mx = SM(vec_reduce)(SM(vmax), in, n, 0, false);
    if (g->log) {
        T ls = VLOG(SM(vec_reduce)(SM(add), in, n, mx, true));
        for (int64_t i = VSUB2_N(out, in, n, mx, ls); i < n; i++) out[i] = in[i] - mx - ls;
        return;
    }
    T acc[LANES] = {0};
    int64_t k = VEXP_N(out, in, n, mx, acc);  /* acc: the lanes of the sum of out[0..k) */
    for (int64_t i = k; i < n; i++) out[i] = VEXP(in[i] - mx);
    T r = 1 / SM(vec_reduce_from)(SM(add), acc, out, k, n, 0, false);
    for (int64_t i = VSCALE_N(out, out, n, r); i < n; i++) out[i] = out[i] * r;
}

/* One position of the inner dims (stride inner along dim); vec: in the vector-wide part. */
static WK_VM_INLINE void SM(strided_row)(const wk_softmax_geom *g, T *out, const T *in, bool vec) {
    int64_t n = g->dim, st = g->inner;
    T mx = g->log ? -INFINITY : in[0], sum = 0;
    for (int64_t d = g->log ? 0 : 1; d < n; d++) {
        T x = in[d * st];
        if (g->log) mx = x > mx ? x : mx;          /* blendv on x > max (both parts) */
        else mx = vec ? SM(vmax)(mx, x) : (mx < x ? x : mx);  /* vec::maximum / std::max */
    }
    for (int64_t d = 0; d < n; d++) {
        T e = vec ? VEXP(in[d * st] - mx) : SEXP(in[d * st] - mx);
        if (!g->log) out[d * st] = e;
        sum = sum + e;
    }
    if (g->log) {
        T ls = VLOG(sum);
        for (int64_t d = 0; d < n; d++) out[d * st] = in[d * st] - mx - ls;
    } else
        for (int64_t d = 0; d < n; d++) out[d * st] = out[d * st] / sum;
}

/* strided_row's operations for all inner positions of one outer slice at once, walking the
 * slice row by row (contiguous inner runs; the exps of the vector-wide part through VEXP_N).
 * w: 3 * inner scratch elements. */
static WK_VM_INLINE void SM(strided_block)(const wk_softmax_geom *g, T *out, const T *in, T *w) {
    int64_t n = g->dim, st = g->inner, vec_end = st - st % LANES;
    T *mx = w, *sum = w + st, *e = w + 2 * st;
    for (int64_t j = 0; j < st; j++) { mx[j] = g->log ? -INFINITY : in[j]; sum[j] = 0; }
    for (int64_t d = g->log ? 0 : 1; d < n; d++) {
        const T *x = in + d * st;
        if (g->log) for (int64_t j = 0; j < st; j++) mx[j] = x[j] > mx[j] ? x[j] : mx[j];
        else {
            for (int64_t j = 0; j < vec_end; j++) mx[j] = SM(vmax)(mx[j], x[j]);
            for (int64_t j = vec_end; j < st; j++) mx[j] = mx[j] < x[j] ? x[j] : mx[j];
        }
    }
    for (int64_t d = 0; d < n; d++) {
        const T *x = in + d * st;
        T *ed = g->log ? e : out + d * st;
        for (int64_t j = 0; j < st; j++) ed[j] = x[j] - mx[j];
        for (int64_t j = VEXP_N(ed, ed, vec_end, 0, NULL); j < vec_end; j++) ed[j] = VEXP(ed[j]);
        for (int64_t j = vec_end; j < st; j++) ed[j] = SEXP(ed[j]);
        for (int64_t j = 0; j < st; j++) sum[j] = sum[j] + ed[j];
    }
    if (g->log) for (int64_t j = 0; j < st; j++) sum[j] = VLOG(sum[j]);
    for (int64_t d = 0; d < n; d++) {
        const T *x = in + d * st;
        T *od = out + d * st;
        if (g->log) for (int64_t j = 0; j < st; j++) od[j] = x[j] - mx[j] - sum[j];
        else for (int64_t j = 0; j < st; j++) od[j] = od[j] / sum[j];
    }
}

WK_VM_CLONES void SM(wk_cpu_softmax)(const wk_softmax_geom *g, T *out, const T *in) {
    if (g->dim == 0) return;
    int64_t vec_end = g->inner - g->inner % LANES;
    T *w = g->lastdim ? NULL : malloc(sizeof(T) * 3 * (size_t)g->inner);
    if (w) {
        for (int64_t o = 0; o < g->outer; o++) SM(strided_block)(g, out + o * g->dim * g->inner, in + o * g->dim * g->inner, w);
        free(w);
        return;
    }
    for (int64_t o = 0; o < g->outer; o++)
        for (int64_t i = 0; i < g->inner; i++) {
            int64_t off = o * g->dim * g->inner + i;
            if (g->lastdim) SM(lastdim_row)(g, out + off, in + off);
            else SM(strided_row)(g, out + off, in + off, i < vec_end);
        }
}

static WK_VM_INLINE void SM(lastdim_row_bw)(const wk_softmax_geom *g, T *gi, const T *go, const T *y) {
    int64_t n = g->dim;
    if (g->log) {
        T s = SM(vec_reduce)(SM(add), go, n, 0, false);
        /* exp(y) into gi first where SIMD code does it (gi is a new tensor, never go or y;
         * y - 0 is y: y is a log_softmax result, never a signalling NaN) */
        int64_t k = VEXP_N(gi, y, n, 0, NULL);
        for (int64_t i = 0; i < k; i++) gi[i] = FMA(-gi[i], s, go[i]);
        for (int64_t i = k; i < n; i++) gi[i] = FMA(-VEXP(y[i]), s, go[i]);
    } else {
        T s = SM(vec_dot)(go, y, n);
        for (int64_t i = 0; i < n; i++) gi[i] = (go[i] - s) * y[i];
    }
}

static WK_VM_INLINE void SM(strided_row_bw)(const wk_softmax_geom *g, T *gi, const T *go, const T *y, bool vec) {
    int64_t n = g->dim, st = g->inner;
    T s = 0;
    for (int64_t d = 0; d < n; d++) s = g->log ? s + go[d * st] : FMA(go[d * st], y[d * st], s);
    for (int64_t d = 0; d < n; d++) {
        int64_t k = d * st;
        if (g->log) gi[k] = FMA(-(vec ? VEXP(y[k]) : SEXP(y[k])), s, go[k]);
        else gi[k] = y[k] * (go[k] - s);
    }
}

/* strided_row_bw's operations for all inner positions of one outer slice at once, row by row
 * (the exps of the vector-wide part through VEXP_N). w: 2 * inner scratch elements. */
static WK_VM_INLINE void SM(strided_block_bw)(const wk_softmax_geom *g, T *gi, const T *go, const T *y, T *w) {
    int64_t n = g->dim, st = g->inner, vec_end = st - st % LANES;
    T *sum = w, *e = w + st;
    for (int64_t j = 0; j < st; j++) sum[j] = 0;
    for (int64_t d = 0; d < n; d++) {
        const T *gd = go + d * st, *yd = y + d * st;
        if (g->log) for (int64_t j = 0; j < st; j++) sum[j] = sum[j] + gd[j];
        else for (int64_t j = 0; j < st; j++) sum[j] = FMA(gd[j], yd[j], sum[j]);
    }
    for (int64_t d = 0; d < n; d++) {
        const T *gd = go + d * st, *yd = y + d * st;
        T *od = gi + d * st;
        if (!g->log) {
            for (int64_t j = 0; j < st; j++) od[j] = yd[j] * (gd[j] - sum[j]);
            continue;
        }
        int64_t j = VEXP_N(e, yd, vec_end, 0, NULL);  /* y - 0 is y (see lastdim_row_bw) */
        for (; j < vec_end; j++) e[j] = VEXP(yd[j]);
        for (; j < st; j++) e[j] = SEXP(yd[j]);
        for (j = 0; j < st; j++) od[j] = FMA(-e[j], sum[j], gd[j]);
    }
}

WK_VM_CLONES void SM(wk_cpu_softmax_backward)(const wk_softmax_geom *g, T *gi, const T *go, const T *y) {
    if (g->dim == 0) return;
    T *w = g->lastdim ? NULL : malloc(sizeof(T) * 2 * (size_t)g->inner);
    if (w) {
        for (int64_t o = 0; o < g->outer; o++) {
            int64_t off = o * g->dim * g->inner;
            SM(strided_block_bw)(g, gi + off, go + off, y + off, w);
        }
        free(w);
        return;
    }
    int64_t vec_end = g->inner - g->inner % LANES;
    for (int64_t o = 0; o < g->outer; o++)
        for (int64_t i = 0; i < g->inner; i++) {
            int64_t off = o * g->dim * g->inner + i;
            if (g->lastdim) SM(lastdim_row_bw)(g, gi + off, go + off, y + off);
            else SM(strided_row_bw)(g, gi + off, go + off, y + off, i < vec_end);
        }
}
