/* np_random.c — numpy.random: the legacy MT19937 RandomState stream (seed, rand, randn, random, randint). */
#include <math.h>
#include "np.h"
#include "bind.h"
#include "mtrand.h"

static wk_mt g_state;
static bool g_seeded;

static wk_mt *state(void) {
    if (!g_seeded) { wk_mt_seed_entropy(&g_state); g_state.has_gauss_next = false; g_seeded = true; }
    return &g_state;
}

/* legacy_gauss: polar Box-Muller keeping the second value. */
static double gauss(wk_mt *st) {
    if (st->has_gauss_next) {
        st->has_gauss_next = false;
        double v = st->gauss_next;
        st->gauss_next = 0.0;
        return v;
    }
    double x1, x2, r2;
    do {
        x1 = 2.0 * wk_mt_random(st) - 1.0;
        x2 = 2.0 * wk_mt_random(st) - 1.0;
        r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    double f = sqrt(-2.0 * log(r2) / r2);
    st->gauss_next = f * x1;
    st->has_gauss_next = true;
    return f * x2;
}

static bool seed_range(int64_t v) {
    if (v < 0 || v > 4294967295LL) { wk_raise(wk_exc_ValueError, "Seed must be between 0 and 2**32 - 1"); return false; }
    return true;
}

static wk_value f_seed(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!wk_args_parse("seed", args, nargs, kw, "|seed", a)) return WK_NULLV;
    wk_mt *st = &g_state;
    g_seeded = true;
    if (WK_IS_NULL(a[0]) || WK_IS_NONE(a[0])) wk_mt_seed_entropy(st);
    else if (WK_IS_INT(a[0]) || WK_IS_BOOL(a[0])) {
        if (!seed_range(a[0].u.i)) return WK_NULLV;
        wk_mt_seed_u32(st, (uint32_t)a[0].u.i);
    } else {
        wk_tensor *t = wk_np_as_tensor(a[0], WK_DT_I64);
        if (!t) return WK_NULLV;
        int64_t n = wk_tensor_numel(t);
        if (n == 0 || t->ndim != 1) {
            wk_tensor_decref(t);
            return wk_raise(wk_exc_ValueError, n == 0 ? "Seed must be non-empty" : "Seed array must be 1-d");
        }
        uint32_t *key = malloc((size_t)n * sizeof *key);
        for (int64_t i = 0; i < n && key; i++) {
            int64_t v = wk_tensor_get_flat(t, i).v.i;
            if (!seed_range(v)) { free(key); wk_tensor_decref(t); return WK_NULLV; }
            key[i] = (uint32_t)v;
        }
        wk_tensor_decref(t);
        if (!key) return wk_raise_nomem();
        wk_mt_seed_u32array(st, key, (size_t)n);
        free(key);
    }
    st->has_gauss_next = false;
    st->gauss_next = 0.0;
    return WK_NONEV;
}

/* Fills a float64 array of the given shape, or returns one float for no shape. */
static wk_value fill(bool normal, int nd, const int64_t *shape, bool scalar) {
    wk_mt *st = state();
    if (scalar) return wk_float(normal ? gauss(st) : wk_mt_random(st));
    wk_tensor *t = wk_tensor_empty(nd, shape, WK_DT_F64, WK_CPU);
    if (!t) return wk_bind_rt_raise();
    double *p = wk_tensor_data(t);
    int64_t n = wk_tensor_numel(t);
    for (int64_t i = 0; i < n; i++) p[i] = normal ? gauss(st) : wk_mt_random(st);
    return wk_np_wrap(t);
}

static bool dims_of(const wk_value *args, int nargs, int *nd, int64_t *shape) {
    if (nargs > WK_MAX_DIMS) { wk_raise(wk_exc_ValueError, "maximum supported dimension for an ndarray is %d", WK_MAX_DIMS); return false; }
    for (int i = 0; i < nargs; i++) {
        if (!WK_IS_INT(args[i])) {
            wk_raise(wk_exc_TypeError, "'%s' object cannot be interpreted as an integer", wk_typename(args[i]));
            return false;
        }
        if (args[i].u.i < 0) { wk_raise(wk_exc_ValueError, "negative dimensions are not allowed"); return false; }
        shape[i] = args[i].u.i;
    }
    *nd = nargs;
    return true;
}

static wk_value gen_dims(const char *name, bool normal, const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_none(name, 0, kw)) return WK_NULLV;
    int nd; int64_t shape[WK_MAX_DIMS];
    if (!dims_of(args, nargs, &nd, shape)) return WK_NULLV;
    return fill(normal, nd, shape, nargs == 0);
}

static wk_value f_rand(const wk_value *a, int n, wk_obj *kw) { return gen_dims("rand", false, a, n, kw); }
static wk_value f_randn(const wk_value *a, int n, wk_obj *kw) { return gen_dims("randn", true, a, n, kw); }

/* size=None | int | tuple */
static bool size_arg(wk_value v, int *nd, int64_t *shape, bool *scalar) {
    *scalar = WK_IS_NULL(v) || WK_IS_NONE(v);
    *nd = 0;
    if (*scalar) return true;
    if (WK_IS_INT(v)) { *nd = 1; shape[0] = v.u.i; return true; }
    return wk_bind_shape_seq("size", v, nd, shape);
}

static wk_value gen_size(const char *name, bool normal, const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1]; int nd; int64_t shape[WK_MAX_DIMS]; bool sc;
    if (!wk_args_parse(name, args, nargs, kw, "|size", a) || !size_arg(a[0], &nd, shape, &sc)) return WK_NULLV;
    return fill(normal, nd, shape, sc);
}

static wk_value f_random(const wk_value *a, int n, wk_obj *kw) { return gen_size("random", false, a, n, kw); }
static wk_value f_standard_normal(const wk_value *a, int n, wk_obj *kw) { return gen_size("standard_normal", true, a, n, kw); }

/* numpy's legacy bounded integers: masked rejection sampling on 32-bit draws (range < 2**32). */
static int64_t bounded(wk_mt *st, uint64_t rng) {
    if (rng == 0) return 0;
    uint64_t mask = rng;
    for (int s = 1; s < 64; s <<= 1) mask |= mask >> s;
    uint64_t v;
    if (rng <= 0xffffffffULL) {
        while ((v = (wk_mt_genrand32(st) & mask)) > rng) {}
    } else {
        do {
            v = ((uint64_t)wk_mt_genrand32(st) << 32) | wk_mt_genrand32(st);
            v &= mask;
        } while (v > rng);
    }
    return (int64_t)v;
}

static wk_value f_randint(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[4]; int64_t lo, hi; int nd; int64_t shape[WK_MAX_DIMS]; bool sc;
    if (!wk_args_parse("randint", args, nargs, kw, "low|high size dtype", a)) return WK_NULLV;
    if (!wk_as_int64(a[0], &lo)) return WK_NULLV;
    if (WK_IS_NULL(a[1]) || WK_IS_NONE(a[1])) { hi = lo; lo = 0; }
    else if (!wk_as_int64(a[1], &hi)) return WK_NULLV;
    if (lo >= hi) return wk_raise(wk_exc_ValueError, "low >= high");
    if (!size_arg(a[2], &nd, shape, &sc)) return WK_NULLV;
    wk_mt *st = state();
    uint64_t rng = (uint64_t)hi - (uint64_t)lo - 1;
    if (sc) return wk_int(lo + bounded(st, rng));
    wk_tensor *t = wk_tensor_empty(nd, shape, WK_DT_I64, WK_CPU);
    if (!t) return wk_bind_rt_raise();
    int64_t *p = wk_tensor_data(t), n = wk_tensor_numel(t);
    for (int64_t i = 0; i < n; i++) p[i] = lo + bounded(st, rng);
    return wk_np_wrap(t);
}

static const wk_methoddef random_funcs[] = {
    { "seed", f_seed, 0, NULL }, { "rand", f_rand, 0, NULL }, { "randn", f_randn, 0, NULL },
    { "random", f_random, 0, NULL }, { "random_sample", f_random, 0, NULL },
    { "standard_normal", f_standard_normal, 0, NULL }, { "randint", f_randint, 0, NULL },
    { NULL, NULL, 0, NULL }
};

wk_obj *wk_np_random_module(void) {
    wk_obj *m = wk_module_new("numpy.random");
    if (m && !wk_module_add_funcs(m, random_funcs)) { wk_obj_decref(m); return NULL; }
    return m;
}
