/* bind_reduce.c — reductions, scans, softmax, sorting and selection as Tensor methods and torch functions. */
#include <math.h>
#include <string.h>
#include "bind.h"

#define SELF(args) wk_bind_t((args)[0])
#define PARSE(name, spec, out) wk_args_parse(name, args + 1, nargs - 1, kw, spec, out)
#define GIVEN(v) (!WK_IS_NULL(v) && !WK_IS_NONE(v))

/* dim=None / int / tuple of ints. */
static bool dims_arg(const char *f, wk_value v, int64_t *dims, int *n) {
    *n = 0;
    if (!GIVEN(v)) return true;
    return wk_bind_int_list(f, v, n, dims, WK_MAX_DIMS);
}

static bool dtype_opt(wk_value v, int *out) {
    *out = WK_NO_DTYPE;
    if (!GIVEN(v)) return true;
    wk_dtype dt;
    if (!wk_bind_dtype_arg(v, &dt)) return false;
    *out = (int)dt;
    return true;
}

/* ---- sum / mean / logsumexp / all / any / amax / amin: (dim, keepdim[, dtype]) */
typedef enum { R_SUM, R_MEAN, R_LOGSUMEXP, R_ALL, R_ANY, R_AMAX, R_AMIN, R_NANSUM } redop;
static const char *const g_red_names[] = { "sum", "mean", "logsumexp", "all", "any", "amax", "amin", "nansum" };

/* sum(dtype=<integer>) of a float tensor converts each element first (1.5 + 2.5 -> 3). */
static wk_value sum_cast_first(wk_tensor *t, const int64_t *dims, int nd, bool keep, wk_dtype dt) {
    wk_tensor *c = wk_op_to_dtype(t, dt, false);
    wk_tensor *r = c ? wk_op_sum(c, dims, nd, keep, WK_NO_DTYPE) : NULL;
    wk_tensor_decref(c);
    return wk_bind_wrap(r);
}

/* nansum: the sum with nan elements counted as zero. */
static wk_tensor *nansum(wk_tensor *t, const int64_t *dims, int nd, bool keep, int dt) {
    if (!wk_dtype_is_float(t->dtype)) return wk_op_sum(t, dims, nd, keep, dt);
    wk_tensor *nan = wk_op_unary(WK_UOP_ISNAN, t);
    wk_tensor *z = nan ? wk_op_where(nan, wk_vi(0), wk_vt(t)) : NULL;
    wk_tensor *r = z ? wk_op_sum(z, dims, nd, keep, dt) : NULL;
    wk_tensor_decref(nan);
    wk_tensor_decref(z);
    return r;
}

/* nanmean: nansum divided by the number of non-nan elements. */
static wk_value m_nanmean(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[3] = { WK_NULLV, WK_NULLV, WK_NULLV };
    int64_t dims[WK_MAX_DIMS];
    int nd, dt;
    bool keep;
    if (!PARSE("nanmean", "|dim keepdim $dtype", a) || !dims_arg("nanmean", a[0], dims, &nd) ||
        !wk_bind_bool_arg(a[1], false, &keep) || !dtype_opt(a[2], &dt))
        return WK_NULLV;
    wk_tensor *t = SELF(args);
    if (!wk_dtype_is_float(t->dtype))
        return wk_raise(wk_exc_RuntimeError, "nanmean(): expected input to have floating point or complex dtype but got %s",
                        wk_dtype_scalar_name(t->dtype));
    wk_tensor *s = nansum(t, dims, nd, keep, dt);
    wk_tensor *nan = s ? wk_op_unary(WK_UOP_ISNAN, t) : NULL, *ok = nan ? wk_op_unary(WK_UOP_LOGICAL_NOT, nan) : NULL;
    wk_tensor *cnt = ok ? wk_op_sum(ok, dims, nd, keep, WK_NO_DTYPE) : NULL;
    wk_tensor *r = cnt ? wk_op_binary(WK_OP_DIV, wk_vt(s), wk_vt(cnt)) : NULL;
    wk_tensor_decref(s); wk_tensor_decref(nan); wk_tensor_decref(ok); wk_tensor_decref(cnt);
    return wk_bind_wrap(r);
}

static wk_value reduce_call(const wk_value *args, int nargs, wk_obj *kw, redop op) {
    const char *f = g_red_names[op];
    wk_value a[3] = { WK_NULLV, WK_NULLV, WK_NULLV };
    const char *spec = op == R_SUM || op == R_MEAN || op == R_NANSUM ? "|dim keepdim $dtype"
                       : op == R_LOGSUMEXP ? "dim|keepdim" : "|dim keepdim";
    int64_t dims[WK_MAX_DIMS];
    int nd, dt;
    bool keep;
    if (!PARSE(f, spec, a) || !dims_arg(f, a[0], dims, &nd) || !wk_bind_bool_arg(a[1], false, &keep) ||
        !dtype_opt(a[2], &dt))
        return WK_NULLV;
    wk_tensor *t = SELF(args);
    if ((op == R_SUM || op == R_NANSUM) && dt != WK_NO_DTYPE && !wk_dtype_is_float((wk_dtype)dt) && wk_dtype_is_float(t->dtype))
        return sum_cast_first(t, dims, nd, keep, (wk_dtype)dt);
    switch (op) {
    case R_SUM: return wk_bind_wrap(wk_op_sum(t, dims, nd, keep, dt));
    case R_NANSUM: return wk_bind_wrap(nansum(t, dims, nd, keep, dt));
    case R_MEAN: return wk_bind_wrap(wk_op_mean(t, dims, nd, keep, dt));
    case R_LOGSUMEXP: return wk_bind_wrap(wk_op_logsumexp(t, dims, nd, keep));
    case R_ALL: return wk_bind_wrap(wk_op_all(t, dims, nd, keep));
    case R_ANY: return wk_bind_wrap(wk_op_any(t, dims, nd, keep));
    case R_AMAX: return wk_bind_wrap(wk_op_amax(t, dims, nd, keep));
    case R_AMIN: return wk_bind_wrap(wk_op_amin(t, dims, nd, keep));
    }
    return WK_NONEV;
}
#define REDM(fn, op) static wk_value fn(const wk_value *args, int nargs, wk_obj *kw) { return reduce_call(args, nargs, kw, op); }
REDM(m_sum, R_SUM)
REDM(m_nansum, R_NANSUM)
REDM(m_mean, R_MEAN)
REDM(m_logsumexp, R_LOGSUMEXP)
REDM(m_all, R_ALL)
REDM(m_any, R_ANY)
REDM(m_amax, R_AMAX)
REDM(m_amin, R_AMIN)

/* ---- std / var (and var_mean / std_mean, which add the mean as a second result):
 * (dim, unbiased, keepdim, *, correction) or (unbiased) */
static wk_value stdvar_call(const wk_value *args, int nargs, wk_obj *kw, bool is_std, bool with_mean) {
    const char *f = with_mean ? (is_std ? "std_mean" : "var_mean") : is_std ? "std" : "var";
    wk_value a[4];
    if (!PARSE(f, "|dim unbiased keepdim $correction", a)) return WK_NULLV;
    if (WK_IS_BOOL(a[0]) && WK_IS_NULL(a[1])) { a[1] = a[0]; a[0] = WK_NULLV; }
    int64_t dims[WK_MAX_DIMS];
    int nd;
    bool unbiased, keep;
    double corr;
    if (!dims_arg(f, a[0], dims, &nd) || !wk_bind_bool_arg(a[1], true, &unbiased) || !wk_bind_bool_arg(a[2], false, &keep))
        return WK_NULLV;
    corr = unbiased ? 1 : 0;
    if (GIVEN(a[3]) && !wk_as_double(a[3], &corr)) return WK_NULLV;
    wk_tensor *t = SELF(args);
    wk_tensor *r[2] = { is_std ? wk_op_std(t, dims, nd, corr, keep) : wk_op_var(t, dims, nd, corr, keep), NULL };
    if (!with_mean || !r[0]) return wk_bind_wrap(r[0]);
    if (!(r[1] = wk_op_mean(t, dims, nd, keep, WK_NO_DTYPE))) { wk_tensor_decref(r[0]); return wk_bind_rt_raise(); }
    return wk_bind_tuple_of(r, 2);
}
static wk_value m_std(const wk_value *args, int nargs, wk_obj *kw) { return stdvar_call(args, nargs, kw, true, false); }
static wk_value m_var(const wk_value *args, int nargs, wk_obj *kw) { return stdvar_call(args, nargs, kw, false, false); }
static wk_value m_std_mean(const wk_value *args, int nargs, wk_obj *kw) { return stdvar_call(args, nargs, kw, true, true); }
static wk_value m_var_mean(const wk_value *args, int nargs, wk_obj *kw) { return stdvar_call(args, nargs, kw, false, true); }

/* aminmax(*, dim=None, keepdim=False) -> torch.return_types.aminmax(min, max) */
static wk_value m_aminmax(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    int64_t dim;
    bool keep;
    if (!PARSE("aminmax", "|$dim keepdim", a) || !wk_bind_bool_arg(a[1], false, &keep)) return WK_NULLV;
    if (GIVEN(a[0]) && !wk_bind_int_arg("aminmax", "dim", a[0], &dim)) return WK_NULLV;
    int nd = GIVEN(a[0]) ? 1 : 0;
    if (!nd && wk_tensor_numel(SELF(args)) == 0)
        return wk_raise(wk_exc_RuntimeError, "aminmax(): cannot compute aminmax over an empty dimension as the operation has no identity.");
    wk_tensor *t = SELF(args), *lo = wk_op_amin(t, &dim, nd, keep), *hi = lo ? wk_op_amax(t, &dim, nd, keep) : NULL;
    if (!hi) { wk_tensor_decref(lo); return wk_bind_rt_raise(); }
    return wk_bind_return_pair("aminmax", lo, hi);
}

static wk_value m_prod(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[3];
    int64_t dim;
    bool keep;
    int dt;
    if (!PARSE("prod", "|dim keepdim $dtype", a) || !wk_bind_bool_arg(a[1], false, &keep) || !dtype_opt(a[2], &dt))
        return WK_NULLV;
    if (GIVEN(a[0]) && !wk_bind_int_arg("prod", "dim", a[0], &dim)) return WK_NULLV;
    return wk_bind_wrap(wk_op_prod(SELF(args), GIVEN(a[0]) ? &dim : NULL, keep, dt));
}

static wk_value m_norm(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[4];
    double p = 2;
    int64_t dims[WK_MAX_DIMS];
    int nd;
    bool keep;
    if (!PARSE("norm", "|p dim keepdim dtype", a) || !dims_arg("norm", a[1], dims, &nd) ||
        !wk_bind_bool_arg(a[2], false, &keep))
        return WK_NULLV;
    if (GIVEN(a[0])) {
        if (wk_is_str(a[0])) {
            if (strcmp(wk_str_cstr(a[0]), "fro"))
                return wk_raise(wk_exc_RuntimeError, "norm(): only p='fro' and numeric p are supported");
        } else if (!wk_as_double(a[0], &p)) {
            return WK_NULLV;
        }
    }
    wk_tensor *t = SELF(args);
    wk_tensor *r = wk_op_norm(t, p, dims, nd, keep);
    if (r && GIVEN(a[3])) {
        wk_dtype dt = r->dtype;
        if (!wk_bind_dtype_arg(a[3], &dt)) { wk_tensor_decref(r); return WK_NULLV; }
        wk_tensor *c = wk_op_to_dtype(r, dt, false);
        wk_tensor_decref(r);
        r = c;
    }
    return wk_bind_wrap(r);
}

/* ---- max / min: (), (dim, keepdim) -> return_types, (other) -> maximum */
static wk_value maxmin_call(const wk_value *args, int nargs, wk_obj *kw, bool is_max) {
    const char *f = is_max ? "max" : "min";
    wk_value a[2];
    if (!PARSE(f, "|dim keepdim", a)) return WK_NULLV;
    wk_tensor *t = SELF(args);
    if (WK_IS_NULL(a[0])) {
        if (!WK_IS_NULL(a[1])) return wk_raise(wk_exc_TypeError, "%s() missing required argument 'dim'", f);
        return wk_bind_wrap(is_max ? wk_op_max(t) : wk_op_min(t));
    }
    if (wk_bind_is_tensor(a[0]))
        return wk_bind_wrap(wk_op_binary(is_max ? WK_OP_MAXIMUM : WK_OP_MINIMUM, wk_vt(t), wk_vt(wk_bind_t(a[0]))));
    int64_t dim;
    bool keep;
    if (!wk_bind_int_arg(f, "dim", a[0], &dim) || !wk_bind_bool_arg(a[1], false, &keep)) return WK_NULLV;
    wk_tensor *v = NULL, *ix = NULL;
    bool ok = is_max ? wk_op_max_dim(t, dim, keep, &v, &ix) : wk_op_min_dim(t, dim, keep, &v, &ix);
    if (!ok) return wk_bind_rt_raise();
    return wk_bind_return_pair(f, v, ix);
}
static wk_value m_max(const wk_value *args, int nargs, wk_obj *kw) { return maxmin_call(args, nargs, kw, true); }
static wk_value m_min(const wk_value *args, int nargs, wk_obj *kw) { return maxmin_call(args, nargs, kw, false); }

static wk_value arg_call(const wk_value *args, int nargs, wk_obj *kw, bool is_max) {
    const char *f = is_max ? "argmax" : "argmin";
    wk_value a[2];
    int64_t dim;
    bool keep;
    if (!PARSE(f, "|dim keepdim", a) || !wk_bind_bool_arg(a[1], false, &keep)) return WK_NULLV;
    if (GIVEN(a[0]) && !wk_bind_int_arg(f, "dim", a[0], &dim)) return WK_NULLV;
    const int64_t *dp = GIVEN(a[0]) ? &dim : NULL;
    return wk_bind_wrap(is_max ? wk_op_argmax(SELF(args), dp, keep) : wk_op_argmin(SELF(args), dp, keep));
}
static wk_value m_argmax(const wk_value *args, int nargs, wk_obj *kw) { return arg_call(args, nargs, kw, true); }
static wk_value m_argmin(const wk_value *args, int nargs, wk_obj *kw) { return arg_call(args, nargs, kw, false); }

/* ---- scans and softmax: (dim, *, dtype) */
typedef enum { S_CUMSUM, S_CUMPROD, S_SOFTMAX, S_LOG_SOFTMAX } scanop;
static const char *const g_scan_names[] = { "cumsum", "cumprod", "softmax", "log_softmax" };

static wk_value scan_call(const wk_value *args, int nargs, wk_obj *kw, scanop op) {
    const char *f = g_scan_names[op];
    wk_value a[3];
    int64_t dim;
    int dt;
    if (!PARSE(f, op >= S_SOFTMAX ? "dim|dtype _stacklevel" : "dim|$dtype", a) ||
        !wk_bind_int_arg(f, "dim", a[0], &dim) || !dtype_opt(a[1], &dt))
        return WK_NULLV;
    wk_tensor *t = SELF(args);
    switch (op) {
    case S_CUMSUM: return wk_bind_wrap(wk_op_cumsum(t, dim, dt));
    case S_CUMPROD: return wk_bind_wrap(wk_op_cumprod(t, dim, dt));
    case S_SOFTMAX: return wk_bind_wrap(wk_op_softmax(t, dim, dt));
    case S_LOG_SOFTMAX: return wk_bind_wrap(wk_op_log_softmax(t, dim, dt));
    }
    return WK_NONEV;
}
#define SCANM(fn, op) static wk_value fn(const wk_value *args, int nargs, wk_obj *kw) { return scan_call(args, nargs, kw, op); }
SCANM(m_cumsum, S_CUMSUM)
SCANM(m_cumprod, S_CUMPROD)
SCANM(m_softmax, S_SOFTMAX)
SCANM(m_log_softmax, S_LOG_SOFTMAX)

/* cumsum_ / cumprod_(dim, *, dtype): the scan written back into self, whose dtype must match. */
static wk_value scan_inplace(const wk_value *args, int nargs, wk_obj *kw, bool prod) {
    const char *f = prod ? "cumprod_" : "cumsum_";
    wk_value a[2];
    int64_t dim;
    int dt;
    if (!PARSE(f, "dim|$dtype", a) || !wk_bind_int_arg(f, "dim", a[0], &dim) || !dtype_opt(a[1], &dt)) return WK_NULLV;
    wk_tensor *t = SELF(args);
    if (dt != WK_NO_DTYPE && dt != (int)t->dtype)
        return wk_raise(wk_exc_RuntimeError, "Bad in-place call: input tensor dtype %s and output tensor dtype %s should match",
                        wk_dtype_ctype_name(t->dtype), wk_dtype_ctype_name((wk_dtype)dt));
    wk_tensor *r = prod ? wk_op_cumprod(t, dim, dt) : wk_op_cumsum(t, dim, dt);
    if (!r) return wk_bind_rt_raise();
    bool ok = wk_op_copy_(t, r);
    wk_tensor_decref(r);
    if (!ok) return wk_bind_rt_raise();
    return wk_incref(args[0]);
}
static wk_value m_cumsum_(const wk_value *args, int nargs, wk_obj *kw) { return scan_inplace(args, nargs, kw, false); }
static wk_value m_cumprod_(const wk_value *args, int nargs, wk_obj *kw) { return scan_inplace(args, nargs, kw, true); }

/* ---- sorting and selection */
static wk_value m_topk(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[4];
    int64_t k, dim = -1;
    bool largest, sorted;
    if (!PARSE("topk", "k|dim largest sorted", a) || !wk_bind_int_arg("topk", "k", a[0], &k) ||
        (GIVEN(a[1]) && !wk_bind_int_arg("topk", "dim", a[1], &dim)) || !wk_bind_bool_arg(a[2], true, &largest) ||
        !wk_bind_bool_arg(a[3], true, &sorted))
        return WK_NULLV;
    wk_tensor *v, *ix;
    if (!wk_op_topk(SELF(args), k, dim, largest, sorted, &v, &ix)) return wk_bind_rt_raise();
    return wk_bind_return_pair("topk", v, ix);
}

static bool sort_args(const char *f, const wk_value *args, int nargs, wk_obj *kw, int64_t *dim, bool *desc, bool *stable) {
    wk_value a[3];
    *dim = -1;
    if (!PARSE(f, "|dim descending $stable", a)) return false;
    if (WK_IS_BOOL(a[0]) && WK_IS_NULL(a[1])) { a[1] = a[0]; a[0] = WK_NULLV; }   /* sort(stable, ...) form */
    return (!GIVEN(a[0]) || wk_bind_int_arg(f, "dim", a[0], dim)) && wk_bind_bool_arg(a[1], false, desc) &&
           wk_bind_bool_arg(a[2], false, stable);
}

static wk_value m_sort(const wk_value *args, int nargs, wk_obj *kw) {
    int64_t dim;
    bool desc, stable;
    wk_tensor *v, *ix;
    if (!sort_args("sort", args, nargs, kw, &dim, &desc, &stable)) return WK_NULLV;
    if (!wk_op_sort(SELF(args), dim, desc, stable, &v, &ix)) return wk_bind_rt_raise();
    return wk_bind_return_pair("sort", v, ix);
}

static wk_value m_argsort(const wk_value *args, int nargs, wk_obj *kw) {
    int64_t dim;
    bool desc, stable;
    if (!sort_args("argsort", args, nargs, kw, &dim, &desc, &stable)) return WK_NULLV;
    return wk_bind_wrap(wk_op_argsort(SELF(args), dim, desc, stable));
}

static wk_value m_unique(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[4];
    bool sorted, inv, cnt;
    if (!PARSE("unique", "|sorted return_inverse return_counts dim", a) || !wk_bind_bool_arg(a[0], true, &sorted) ||
        !wk_bind_bool_arg(a[1], false, &inv) || !wk_bind_bool_arg(a[2], false, &cnt))
        return WK_NULLV;
    if (GIVEN(a[3])) return wk_raise(wk_exc_NotImplementedError, "unique(dim=...) is not supported in wick yet");
    wk_tensor *out[3] = { NULL, NULL, NULL };
    if (!wk_op_unique(SELF(args), inv, cnt, &out[0], inv ? &out[1] : NULL, cnt ? &out[2] : NULL))
        return wk_bind_rt_raise();
    if (!inv && !cnt) return wk_bind_wrap(out[0]);
    wk_tensor *res[3];
    int n = 0;
    for (int i = 0; i < 3; i++) if (out[i]) res[n++] = out[i];
    return wk_bind_tuple_of(res, n);
}

const wk_methoddef wk_bind_reduce_methods[] = {
    { "sum", m_sum, 0, NULL }, { "nansum", m_nansum, 0, NULL }, { "mean", m_mean, 0, NULL },
    { "logsumexp", m_logsumexp, 0, NULL }, { "all", m_all, 0, NULL }, { "any", m_any, 0, NULL },
    { "amax", m_amax, 0, NULL }, { "amin", m_amin, 0, NULL }, { "std", m_std, 0, NULL },
    { "var", m_var, 0, NULL }, { "std_mean", m_std_mean, 0, NULL }, { "var_mean", m_var_mean, 0, NULL },
    { "nanmean", m_nanmean, 0, NULL }, { "aminmax", m_aminmax, 0, NULL }, { "prod", m_prod, 0, NULL }, { "norm", m_norm, 0, NULL },
    { "max", m_max, 0, NULL }, { "min", m_min, 0, NULL }, { "argmax", m_argmax, 0, NULL },
    { "argmin", m_argmin, 0, NULL }, { "cumsum", m_cumsum, 0, NULL }, { "cumprod", m_cumprod, 0, NULL },
    { "cumsum_", m_cumsum_, 0, NULL }, { "cumprod_", m_cumprod_, 0, NULL },
    { "softmax", m_softmax, 0, NULL }, { "log_softmax", m_log_softmax, 0, NULL },
    { "topk", m_topk, 0, NULL }, { "sort", m_sort, 0, NULL }, { "argsort", m_argsort, 0, NULL },
    { "unique", m_unique, 0, NULL },
    { NULL, NULL, 0, NULL }
};
