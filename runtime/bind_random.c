/* bind_random.c — random extras of the torch module: Generator get_state/set_state, torch.get_rng_state/set_rng_state, multinomial, and torch.normal with tensor mean/std. */
#include <math.h>
#include <string.h>
#include "bind.h"

#define SELF(args) wk_bind_t((args)[0])
#define GIVEN(v) (!WK_IS_NULL(v) && !WK_IS_NONE(v))

/* ================================================================ generator state */

static wk_value state_of(wk_generator *g) {
    int64_t n = WK_RNG_STATE_BYTES;
    wk_tensor *t = wk_tensor_empty(1, &n, WK_DT_U8, WK_CPU);
    if (!t) return wk_bind_rt_raise();
    wk_rng_get_state(g, wk_tensor_data(t));
    return wk_bind_wrap(t);
}

static wk_value apply_state(wk_generator *g, wk_value v) {
    if (!wk_bind_is_tensor(v)) return wk_raise(wk_exc_TypeError, "expected a torch.ByteTensor, but got %s", wk_typename(v));
    wk_tensor *t = wk_bind_t(v);
    if (t->dtype != WK_DT_U8 || wk_tensor_device(t).type != WK_DEV_CPU)
        return wk_raise(wk_exc_TypeError, "RNG state must be a torch.ByteTensor");
    if (!wk_tensor_is_contiguous(t)) return wk_raise(wk_exc_RuntimeError, "RNG state must be contiguous");
    if (!wk_rng_set_state(g, wk_tensor_data(t), wk_tensor_numel(t))) return wk_bind_rt_raise();
    return WK_NONEV;
}

static wk_value gen_get_state(const wk_value *args, int nargs, wk_obj *kw) {
    wk_generator *g;
    if (!wk_args_none("get_state", nargs - 1, kw) || !wk_bind_generator_arg(args[0], &g)) return WK_NULLV;
    return state_of(g ? g : wk_rng_default());
}

static wk_value gen_set_state(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    wk_generator *g;
    if (!wk_args_parse("set_state", args + 1, nargs - 1, kw, "new_state", a) || !wk_bind_generator_arg(args[0], &g))
        return WK_NULLV;
    wk_value r = apply_state(g ? g : wk_rng_default(), a[0]);
    if (WK_IS_NULL(r)) return r;
    return wk_incref(args[0]);
}

static wk_value f_get_rng_state(const wk_value *args, int nargs, wk_obj *kw) {
    (void)args;
    if (!wk_args_none("get_rng_state", nargs, kw)) return WK_NULLV;
    return state_of(wk_rng_default());
}

static wk_value f_set_rng_state(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!wk_args_parse("set_rng_state", args, nargs, kw, "new_state", a)) return WK_NULLV;
    return apply_state(wk_rng_default(), a[0]);
}

static const wk_methoddef gen_state_methods[] = {
    { "get_state", gen_get_state, 0, NULL }, { "set_state", gen_set_state, 0, NULL },
    { NULL, NULL, 0, NULL }
};

bool wk_bind_random_init(void) { return wk_type_add_methods(&wk_torch_generator_type, gen_state_methods); }

/* ================================================================ multinomial */

/* The checks of PyTorch's multinomial, in its order. */
static bool multinomial_check(const wk_tensor *p, int64_t n_sample, bool repl) {
    if (p->ndim < 1 || p->ndim > 2) return wk_rt_err(WK_ERR_RUNTIME, "prob_dist must be 1 or 2 dim");
    if (!wk_dtype_is_float(p->dtype))
        return wk_rt_err(WK_ERR_RUNTIME, "multinomial only supports floating-point dtypes for input, got: %s",
                         wk_dtype_scalar_name(p->dtype));
    if (n_sample <= 0) return wk_rt_err(WK_ERR_RUNTIME, "cannot sample n_sample <= 0 samples");
    if (!repl && n_sample > p->shape[p->ndim - 1])
        return wk_rt_err(WK_ERR_RUNTIME, "cannot sample n_sample > prob_dist.size(-1) samples without replacement");
    if (p->shape[p->ndim - 1] > (1 << 24)) return wk_rt_err(WK_ERR_RUNTIME, "number of categories cannot exceed 2^24");
    return true;
}

/* Without replacement (or one sample): argmax / topk of p / q with q ~ Exp(1) per entry. */
static wk_tensor *multinomial_gumbel(wk_tensor *p, int64_t n_sample, wk_generator *g) {
    int64_t n = wk_tensor_numel(p);
    bool bad = false, zero_row = false;
    int64_t cols = p->shape[p->ndim - 1], rows = cols ? n / cols : 0;
    for (int64_t r = 0; r < rows; r++) {
        double sum = 0;
        for (int64_t j = 0; j < cols; j++) {
            double v = wk_scalar_to_f64(wk_tensor_get_flat(p, r * cols + j));
            if (!(v >= 0 && v < INFINITY)) bad = true;
            sum += v;
        }
        if (sum == 0) zero_row = true;
    }
    if (bad) { wk_rt_err(WK_ERR_RUNTIME, "probability tensor contains either `inf`, `nan` or element < 0"); return NULL; }
    if (zero_row) { wk_rt_err(WK_ERR_RUNTIME, "invalid multinomial distribution (sum of probabilities <= 0)"); return NULL; }
    wk_tensor *q = wk_tensor_empty(p->ndim, p->shape, p->dtype, WK_CPU);
    if (!q || !wk_rng_exponential_(q, 1.0, g)) { wk_tensor_decref(q); return NULL; }
    wk_tensor *ratio = wk_op_binary(WK_OP_DIV, wk_vt(p), wk_vt(q));
    wk_tensor_decref(q);
    if (!ratio) return NULL;
    wk_tensor *r = NULL, *vals = NULL;
    int64_t last = -1;
    if (n_sample == 1) r = wk_op_argmax(ratio, &last, true);
    else if (wk_op_topk(ratio, n_sample, -1, true, true, &vals, &r)) wk_tensor_decref(vals);
    wk_tensor_decref(ratio);
    return r;
}

static wk_value m_multinomial(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[3];
    int64_t n_sample;
    bool repl;
    wk_generator *g;
    if (!wk_args_parse("multinomial", args + 1, nargs - 1, kw, "num_samples|replacement $generator", a) ||
        !wk_bind_int_arg("multinomial", "num_samples", a[0], &n_sample) || !wk_bind_bool_arg(a[1], false, &repl) ||
        !wk_bind_generator_arg(a[2], &g))
        return WK_NULLV;
    wk_tensor *p = SELF(args);
    if (!multinomial_check(p, n_sample, repl)) return wk_bind_rt_raise();
    if (!repl || n_sample == 1) return wk_bind_wrap(multinomial_gumbel(p, n_sample, g));
    int64_t cols = p->shape[p->ndim - 1], rows = p->ndim == 2 ? p->shape[0] : 1;
    int64_t shape[2] = { rows, n_sample };
    wk_tensor *pc = wk_tensor_contiguous(p);
    wk_tensor *out = pc ? wk_tensor_empty(p->ndim, p->ndim == 2 ? shape : shape + 1, WK_DT_I64, WK_CPU) : NULL;
    bool ok = out && wk_rng_multinomial_replacement(pc, rows, cols, n_sample, out, g);
    wk_tensor_decref(pc);
    if (!ok) { wk_tensor_decref(out); return wk_bind_rt_raise(); }
    return wk_bind_wrap(out);
}

/* ================================================================ torch.normal with tensors */

/* normal(mean, std) where mean and/or std is a tensor: standard normals in the broadcast
 * shape, then out * std + mean (two roundings, as PyTorch's normal_out_impl). */
wk_value wk_bind_normal_tensors(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[4];
    wk_generator *g;
    if (!wk_args_parse("normal", args, nargs, kw, "mean|std $generator out", a) || !wk_bind_generator_arg(a[2], &g))
        return WK_NULLV;
    wk_val v[2];
    for (int i = 0; i < 2; i++) {
        double d = i;  /* std defaults to 1 */
        if (wk_bind_is_tensor(a[i])) v[i] = wk_vt(wk_bind_t(a[i]));
        else if (WK_IS_NULL(a[i]) || wk_as_double(a[i], &d)) v[i] = wk_vf(WK_IS_NULL(a[i]) ? 1.0 : d);
        else return WK_NULLV;
    }
    if (v[1].t) {
        wk_tensor *lt = wk_tensor_numel(v[1].t) ? wk_op_binary(WK_OP_LT, v[1], wk_vi(0)) : NULL;
        wk_tensor *any = lt ? wk_op_any(lt, NULL, 0, false) : NULL;
        bool neg = any && wk_scalar_to_i64(wk_tensor_get_flat(any, 0));
        wk_tensor_decref(lt);
        wk_tensor_decref(any);
        if (neg) return wk_raise(wk_exc_RuntimeError, "normal expects all elements of std >= 0.0");
    } else if (!(wk_scalar_to_f64(v[1].s) >= 0)) {
        return wk_raise(wk_exc_RuntimeError, "normal expects std >= 0.0, but found std %g", wk_scalar_to_f64(v[1].s));
    }
    const wk_tensor *like = v[0].t ? v[0].t : v[1].t;
    int nd = like->ndim;
    int64_t shape[WK_MAX_DIMS];
    memcpy(shape, like->shape, sizeof(int64_t) * (size_t)nd);
    if (v[0].t && v[1].t && !wk_broadcast_shapes(v[0].t->ndim, v[0].t->shape, v[1].t->ndim, v[1].t->shape, &nd, shape))
        return wk_bind_rt_raise();
    wk_tensor *z = wk_tensor_empty(nd, shape, like->dtype, WK_CPU);
    wk_tensor *s = z && wk_rng_normal_(z, 0, 1, g) ? wk_op_binary(WK_OP_MUL, wk_vt(z), v[1]) : NULL;
    wk_tensor *r = s ? wk_op_binary(WK_OP_ADD, wk_vt(s), v[0]) : NULL;
    wk_tensor_decref(z);
    wk_tensor_decref(s);
    return wk_bind_wrap(r);
}

/* ================================================================ tables */

const wk_methoddef wk_bind_random_methods[] = {
    { "multinomial", m_multinomial, 0, NULL },
    { NULL, NULL, 0, NULL }
};

const wk_methoddef wk_bind_random_funcs[] = {
    { "get_rng_state", f_get_rng_state, 0, NULL }, { "set_rng_state", f_set_rng_state, 0, NULL },
    { NULL, NULL, 0, NULL }
};
