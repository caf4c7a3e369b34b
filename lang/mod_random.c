/* mod_random.c — the `random` module: CPython's Mersenne Twister streams (mtrand.c) bound
 * to wick values: seed, random, randint, randrange, uniform, choice, choices, shuffle,
 * sample, gauss and the other distributions, getstate/setstate. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "object.h"
#include "init.h"
#include "mtrand.h"

static wk_mt rng;          /* the module's hidden Random instance */
static bool rng_seeded;

static wk_mt *state(void) {
    if (!rng_seeded) { wk_mt_seed_entropy(&rng); rng_seeded = true; }
    return &rng;
}

static wk_value value_error(const char *msg) { return wk_raise(wk_exc_ValueError, "%s", msg); }

static bool int_arg(wk_value v, int64_t *out) {
    if (WK_IS_FLOAT(v)) {
        wk_raise(wk_exc_TypeError, "'float' object cannot be interpreted as an integer");
        return false;
    }
    return wk_as_int64(v, out);
}

static wk_value r_seed(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[2];
    if (!wk_args_parse("seed", args, nargs, kw, "|a version", v)) return WK_NULLV;
    wk_value a = v[0];
    rng_seeded = true;
    if (WK_IS_NULL(a) || WK_IS_NONE(a)) wk_mt_seed_entropy(&rng);
    else if (WK_IS_INT(a) || WK_IS_BOOL(a)) wk_mt_seed_int(&rng, a.u.i);
    else if (WK_IS_FLOAT(a)) wk_mt_seed_float(&rng, a.u.f);
    else if (wk_is_str(a))
        return wk_raise(wk_exc_NotImplementedError,
                        "random.seed() with a str is not supported by wick yet; use an int");
    else return wk_raise(wk_exc_TypeError,
                         "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.");
    return WK_NONEV;
}

static wk_value r_random(const wk_value *a, int n, wk_obj *k) {
    (void)a;
    return wk_args_none("random", n, k) ? wk_float(wk_mt_random(state())) : WK_NULLV;
}

static wk_value r_getrandbits(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[1];
    int64_t k;
    if (!wk_args_parse("getrandbits", args, nargs, kw, "k /", v) || !int_arg(v[0], &k)) return WK_NULLV;
    if (k < 0) return value_error("number of bits must be non-negative");
    if (k > 63) return wk_raise(wk_exc_OverflowError, "integer overflow: wick ints are 64-bit");
    return wk_int((int64_t)wk_mt_getrandbits(state(), (int)k));
}

static wk_value r_randrange(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[3];
    int64_t start, stop, step = 1, out;
    char err[160];
    if (!wk_args_parse("randrange", args, nargs, kw, "start|stop step", v) || !int_arg(v[0], &start))
        return WK_NULLV;
    bool ok;
    if (WK_IS_NULL(v[1]) || WK_IS_NONE(v[1])) {
        ok = wk_mt_randrange_stop(state(), start, &out, err, sizeof err);
    } else {
        if (!int_arg(v[1], &stop) || (!WK_IS_NULL(v[2]) && !int_arg(v[2], &step))) return WK_NULLV;
        ok = wk_mt_randrange(state(), start, stop, step, &out, err, sizeof err);
    }
    return ok ? wk_int(out) : value_error(err);
}

static wk_value r_randint(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[2];
    int64_t a, b, out;
    char err[160];
    if (!wk_args_parse("randint", args, nargs, kw, "a b", v) || !int_arg(v[0], &a) || !int_arg(v[1], &b))
        return WK_NULLV;
    return wk_mt_randint(state(), a, b, &out, err, sizeof err) ? wk_int(out) : value_error(err);
}

/* Two-float distributions share argument handling; which selects the formula. */
enum { D_UNIFORM, D_GAUSS, D_NORMAL, D_LOGNORMAL, D_WEIBULL };
static wk_value two_floats(const char *name, const char *spec, int which, const wk_value *args,
                           int nargs, wk_obj *kw, double d0, double d1) {
    wk_value v[2];
    double a = d0, b = d1;
    if (!wk_args_parse(name, args, nargs, kw, spec, v)) return WK_NULLV;
    if (!WK_IS_NULL(v[0]) && !wk_as_double(v[0], &a)) return WK_NULLV;
    if (!WK_IS_NULL(v[1]) && !wk_as_double(v[1], &b)) return WK_NULLV;
    wk_mt *st = state();
    switch (which) {
    case D_UNIFORM: return wk_float(wk_mt_uniform(st, a, b));
    case D_GAUSS: return wk_float(wk_mt_gauss(st, a, b));
    case D_NORMAL: return wk_float(wk_mt_normalvariate(st, a, b));
    case D_LOGNORMAL: return wk_float(wk_mt_lognormvariate(st, a, b));
    default: return wk_float(wk_mt_weibullvariate(st, a, b));
    }
}
static wk_value r_uniform(const wk_value *a, int n, wk_obj *k) { return two_floats("uniform", "a b", D_UNIFORM, a, n, k, 0, 0); }
static wk_value r_gauss(const wk_value *a, int n, wk_obj *k) { return two_floats("gauss", "|mu sigma", D_GAUSS, a, n, k, 0, 1); }
static wk_value r_normalvariate(const wk_value *a, int n, wk_obj *k) { return two_floats("normalvariate", "|mu sigma", D_NORMAL, a, n, k, 0, 1); }
static wk_value r_lognormvariate(const wk_value *a, int n, wk_obj *k) { return two_floats("lognormvariate", "mu sigma", D_LOGNORMAL, a, n, k, 0, 0); }
static wk_value r_weibullvariate(const wk_value *a, int n, wk_obj *k) { return two_floats("weibullvariate", "alpha beta", D_WEIBULL, a, n, k, 0, 0); }

static wk_value r_expovariate(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[1];
    double l = 1.0;
    if (!wk_args_parse("expovariate", args, nargs, kw, "|lambd", v)) return WK_NULLV;
    if (!WK_IS_NULL(v[0]) && !wk_as_double(v[0], &l)) return WK_NULLV;
    if (l == 0) return wk_raise(wk_exc_ZeroDivisionError, "float division by zero");
    return wk_float(wk_mt_expovariate(state(), l));
}

static wk_value r_triangular(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[3];
    double lo = 0, hi = 1, mode = 0;
    if (!wk_args_parse("triangular", args, nargs, kw, "|low high mode", v)) return WK_NULLV;
    if ((!WK_IS_NULL(v[0]) && !wk_as_double(v[0], &lo)) || (!WK_IS_NULL(v[1]) && !wk_as_double(v[1], &hi)))
        return WK_NULLV;
    bool has_mode = !WK_IS_NULL(v[2]) && !WK_IS_NONE(v[2]);
    if (has_mode && !wk_as_double(v[2], &mode)) return WK_NULLV;
    return wk_float(wk_mt_triangular(state(), lo, hi, mode, has_mode));
}

static wk_value r_choice(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[1];
    if (!wk_args_parse("choice", args, nargs, kw, "seq", v)) return WK_NULLV;
    int64_t n = wk_len(v[0]);
    if (n < 0) return WK_NULLV;
    if (n == 0) return wk_raise(wk_exc_IndexError, "Cannot choose from an empty sequence");
    return wk_getitem(v[0], wk_int((int64_t)wk_mt_randbelow(state(), (uint64_t)n)));
}

/* shuffle: CPython's loop, through the sequence protocol so any mutable sequence works. */
static wk_value r_shuffle(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[1];
    if (!wk_args_parse("shuffle", args, nargs, kw, "x", v)) return WK_NULLV;
    int64_t n = wk_len(v[0]);
    if (n < 0) return WK_NULLV;
    for (int64_t i = n - 1; i >= 1; i--) {
        int64_t j = (int64_t)wk_mt_randbelow(state(), (uint64_t)i + 1);
        wk_value a = wk_getitem(v[0], wk_int(i));
        wk_value b = WK_IS_NULL(a) ? WK_NULLV : wk_getitem(v[0], wk_int(j));
        bool ok = !WK_IS_NULL(b) && wk_setitem(v[0], wk_int(i), b) == 0 && wk_setitem(v[0], wk_int(j), a) == 0;
        wk_decref(a);
        wk_decref(b);
        if (!ok) return WK_NULLV;
    }
    return WK_NONEV;
}

static wk_value r_sample(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[2];
    int64_t k;
    if (!wk_args_parse("sample", args, nargs, kw, "population k", v) || !int_arg(v[1], &k)) return WK_NULLV;
    if (wk_isinstance_t(v[0], &wk_type_set) || wk_isinstance_t(v[0], &wk_type_frozenset) || wk_is_dict(v[0]))
        return wk_raise(wk_exc_TypeError, "Population must be a sequence.  For dicts or sets, use sorted(d).");
    int64_t n = wk_len(v[0]);
    if (n < 0) return WK_NULLV;
    if (k < 0 || k > n) return value_error("Sample larger than population or is negative");
    size_t *idx = malloc(sizeof(size_t) * (size_t)(k ? k : 1));
    if (!idx) return wk_raise_nomem();
    if (!wk_mt_sample(state(), (size_t)n, (size_t)k, idx)) { free(idx); return wk_raise_nomem(); }
    wk_obj *out = wk_list_new(0);
    for (int64_t i = 0; out && i < k; i++) {
        wk_value x = wk_getitem(v[0], wk_int((int64_t)idx[i]));
        if (WK_IS_NULL(x) || !wk_list_append_steal(out, x)) { wk_obj_decref(out); out = NULL; }
    }
    free(idx);
    return wk_objv(out);
}

/* Index of the first cumulative weight > x (bisect_right over cum[0..hi)). */
static int64_t bisect_right(const double *cum, int64_t hi, double x) {
    int64_t lo = 0;
    while (lo < hi) {
        int64_t mid = (lo + hi) / 2;
        if (x < cum[mid]) hi = mid; else lo = mid + 1;
    }
    return lo;
}

static double *cumulative(wk_value weights, int64_t n, bool already_cum) {
    wk_obj *w = wk_sequence_list(weights);
    if (!w) return NULL;
    double *cum = NULL;
    if (WK_LIST(w)->len != n) {
        wk_raise(wk_exc_ValueError, "The number of weights does not match the population");
    } else if ((cum = malloc(sizeof(double) * (size_t)(n ? n : 1)))) {
        double acc = 0;
        for (int64_t i = 0; i < n; i++) {
            double x;
            if (!wk_as_double(WK_LIST(w)->items[i], &x)) { free(cum); cum = NULL; break; }
            acc = already_cum ? x : acc + x;
            cum[i] = acc;
        }
    } else {
        wk_raise_nomem();
    }
    wk_obj_decref(w);
    return cum;
}

static wk_value r_choices(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[4];
    int64_t k = 1;
    if (!wk_args_parse("choices", args, nargs, kw, "population|weights $ cum_weights k", v)) return WK_NULLV;
    if (!WK_IS_NULL(v[3]) && !int_arg(v[3], &k)) return WK_NULLV;
    int64_t n = wk_len(v[0]);
    if (n < 0) return WK_NULLV;
    bool has_w = !WK_IS_NULL(v[1]) && !WK_IS_NONE(v[1]), has_cw = !WK_IS_NULL(v[2]) && !WK_IS_NONE(v[2]);
    if (has_w && has_cw) return wk_raise(wk_exc_TypeError, "Cannot specify both weights and cumulative weights");
    double *cum = NULL;
    if (has_w || has_cw) {
        if (!(cum = cumulative(has_w ? v[1] : v[2], n, has_cw))) return WK_NULLV;
        if (n == 0) { free(cum); return value_error("The number of weights does not match the population"); }
        if (!(cum[n - 1] > 0)) { free(cum); return value_error("Total of weights must be greater than zero"); }
    } else if (n == 0) {
        return wk_raise(wk_exc_IndexError, "Cannot choose from an empty sequence");
    }
    wk_obj *out = wk_list_new(0);
    for (int64_t i = 0; out && i < k; i++) {
        int64_t j = cum ? bisect_right(cum, n - 1, wk_mt_random(state()) * cum[n - 1])
                        : (int64_t)wk_mt_choices_index(state(), (size_t)n);
        wk_value x = wk_getitem(v[0], wk_int(j));
        if (WK_IS_NULL(x) || !wk_list_append_steal(out, x)) { wk_obj_decref(out); out = NULL; }
    }
    free(cum);
    return wk_objv(out);
}

static wk_value r_getstate(const wk_value *a, int n, wk_obj *k) {
    (void)a;
    if (!wk_args_none("getstate", n, k)) return WK_NULLV;
    uint32_t words[WK_MT_N + 1];
    bool has_g;
    double g;
    wk_mt_getstate(state(), words, &has_g, &g);
    wk_obj *t = wk_tuple_new(WK_MT_N + 1);
    if (!t) return WK_NULLV;
    for (int i = 0; i <= WK_MT_N; i++) wk_tuple_set_steal(t, i, wk_int(words[i]));
    wk_obj *r = wk_tuple_pack(3, wk_int(3), wk_objv(t), has_g ? wk_float(g) : WK_NONEV);
    wk_obj_decref(t);
    return wk_objv(r);
}

static wk_value r_setstate(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value v[1];
    if (!wk_args_parse("setstate", args, nargs, kw, "state", v)) return WK_NULLV;
    wk_value s = v[0];
    if (!wk_is_tuple(s) || WK_TUPLE(s.u.o)->len != 3 || !wk_is_tuple(WK_TUPLE(s.u.o)->items[1])
        || WK_TUPLE(WK_TUPLE(s.u.o)->items[1].u.o)->len != WK_MT_N + 1)
        return value_error("state vector is the wrong size");
    wk_tuple *w = WK_TUPLE(WK_TUPLE(s.u.o)->items[1].u.o);
    uint32_t words[WK_MT_N + 1];
    for (int i = 0; i <= WK_MT_N; i++) {
        int64_t x;
        if (!wk_as_int64(w->items[i], &x)) return WK_NULLV;
        words[i] = (uint32_t)x;
    }
    wk_value g = WK_TUPLE(s.u.o)->items[2];
    double gv = 0;
    if (!WK_IS_NONE(g) && !wk_as_double(g, &gv)) return WK_NULLV;
    rng_seeded = true;
    if (!wk_mt_setstate(&rng, words, !WK_IS_NONE(g), gv)) return value_error("invalid state");
    return WK_NONEV;
}

static const wk_methoddef random_funcs[] = {
    { "seed", r_seed, 0, "Initialize internal state from a seed." },
    { "random", r_random, 0, "random() -> x in the interval [0, 1)." },
    { "getrandbits", r_getrandbits, 0, "getrandbits(k) -> x.  Generates an int with k random bits." },
    { "randrange", r_randrange, 0, "Choose a random item from range(start, stop[, step])." },
    { "randint", r_randint, 0, "Return random integer in range [a, b], including both end points." },
    { "uniform", r_uniform, 0, "Get a random number in the range [a, b) or [a, b] depending on rounding." },
    { "gauss", r_gauss, 0, "Gaussian distribution." },
    { "normalvariate", r_normalvariate, 0, "Normal distribution." },
    { "lognormvariate", r_lognormvariate, 0, "Log normal distribution." },
    { "weibullvariate", r_weibullvariate, 0, "Weibull distribution." },
    { "expovariate", r_expovariate, 0, "Exponential distribution." },
    { "triangular", r_triangular, 0, "Triangular distribution." },
    { "choice", r_choice, 0, "Choose a random element from a non-empty sequence." },
    { "choices", r_choices, 0, "Return a k sized list of population elements chosen with replacement." },
    { "shuffle", r_shuffle, 0, "Shuffle list x in place, and return None." },
    { "sample", r_sample, 0, "Chooses k unique random elements from a population sequence." },
    { "getstate", r_getstate, 0, "Return internal state; can be passed to setstate() later." },
    { "setstate", r_setstate, 0, "Restore internal state from object returned by getstate()." },
    { NULL, NULL, 0, NULL }
};

wk_obj *wk_mod_random_init(void) {
    wk_obj *m = wk_module_new("random");
    if (m && !wk_module_add_funcs(m, random_funcs)) { wk_obj_decref(m); return NULL; }
    return m;
}
