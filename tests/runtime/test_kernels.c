/* test_kernels.c — every CPU kernel family against a naive double-precision reference, on strided, broadcast and odd-sized inputs. */
#include "rt_util.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const wk_backend *B;

static bool close_to(double got, double want, double rtol) {
    if (isnan(want)) return isnan(got);
    if (isinf(want)) return got == want;
    return fabs(got - want) <= rtol * (1 + fabs(want));
}

static double tol_of(wk_dtype dt) {
    return dt == WK_DT_F64 ? 1e-12 : dt == WK_DT_F32 ? 2e-6 : dt == WK_DT_F16 ? 2e-3 : dt == WK_DT_BF16 ? 1.6e-2 : 0;
}

/* A (3,5) tensor of dtype dt seen through a transpose of a (5,3) buffer (strided input). */
static wk_tensor *strided_input(wk_dtype dt, unsigned seed, bool neg) {
    wk_tensor *base = wk_tensor_empty(2, (int64_t[]){5, 3}, dt, WK_CPU);
    rt_fill_pattern(base, seed, neg);
    wk_tensor *t = wk_tensor_t(base);
    wk_tensor_decref(base);
    return t;
}

/* ---------------------------------------------------------------- unary */
typedef struct { wk_unary_op op; double (*ref)(double); bool ints; bool positive; } un_case;
static double r_neg(double x) { return -x; }
static double r_sq(double x) { return x * x; }
static double r_sig(double x) { return 1 / (1 + exp(-x)); }
static double r_relu(double x) { return x < 0 ? 0 : x; }
static double r_sign(double x) { return (x > 0) - (x < 0); }
static double r_rsqrt(double x) { return 1 / sqrt(x); }
static double r_gelu(double x) { return 0.5 * x * (1 + erf(x / sqrt(2))); }
static double r_silu(double x) { return x / (1 + exp(-x)); }

static void unary(void) {
    un_case cases[] = {
        {WK_UOP_NEG, r_neg, true, false}, {WK_UOP_ABS, fabs, true, false}, {WK_UOP_SIGN, r_sign, true, false},
        {WK_UOP_SQUARE, r_sq, true, false}, {WK_UOP_EXP, exp, false, false}, {WK_UOP_LOG, log, false, true},
        {WK_UOP_LOG1P, log1p, false, true}, {WK_UOP_SQRT, sqrt, false, true}, {WK_UOP_RSQRT, r_rsqrt, false, true},
        {WK_UOP_SIN, sin, false, false}, {WK_UOP_COS, cos, false, false}, {WK_UOP_TANH, tanh, false, false},
        {WK_UOP_SIGMOID, r_sig, false, false}, {WK_UOP_RELU, r_relu, true, false}, {WK_UOP_FLOOR, floor, true, false},
        {WK_UOP_CEIL, ceil, true, false}, {WK_UOP_ROUND, nearbyint, true, false}, {WK_UOP_TRUNC, trunc, true, false},
        {WK_UOP_GELU, r_gelu, false, false}, {WK_UOP_SILU, r_silu, false, false}, {WK_UOP_ERF, erf, false, false},
    };
    wk_dtype dts[] = {WK_DT_F32, WK_DT_F64, WK_DT_F16, WK_DT_BF16, WK_DT_I32, WK_DT_I64, WK_DT_I8};
    int checked = 0, bad = 0;
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++)
        for (size_t d = 0; d < sizeof dts / sizeof *dts; d++) {
            wk_dtype dt = dts[d];
            if (!wk_dtype_is_float(dt) && !cases[c].ints) continue;
            wk_tensor *a = strided_input(dt, (unsigned)(c * 7 + d), !cases[c].positive);
            if (cases[c].positive) { /* shift into (0, ...) */
                for (int64_t i = 0; i < 15; i++) {
                    int64_t idx[2] = {i / 5, i % 5};
                    void *p = wk_tensor_ptr_at(a, idx);
                    wk_dtype_store_f64(dt, p, wk_dtype_load_f64(dt, p) + 0.25);
                }
            }
            wk_tensor *out = wk_tensor_empty(2, (int64_t[]){3, 5}, dt, WK_CPU);
            if (!B->unary(cases[c].op, out, a, NULL)) { bad++; tap_diag("op %d failed: %s", cases[c].op, wk_rt_errmsg()); }
            for (int64_t i = 0; i < 15; i++) {
                double want_d = cases[c].ref(rt_at(a, i));
                unsigned char buf[8];
                wk_dtype_store_f64(dt, buf, want_d); /* the reference rounded to the dtype */
                double want = wk_dtype_load_f64(dt, buf);
                if (!close_to(rt_at(out, i), want, tol_of(dt))) {
                    bad++;
                    tap_diag("unary op %d %s x=%g: got %.17g want %.17g", cases[c].op, wk_dtype_short(dt), rt_at(a, i), rt_at(out, i), want);
                }
            }
            checked++;
            wk_tensor_decref(a);
            wk_tensor_decref(out);
        }
    tap_ok(bad == 0, "unary kernels: %d op/dtype combinations on strided inputs (%d mismatches)", checked, bad);
    /* parameterised and predicates */
    wk_tensor *a = strided_input(WK_DT_F32, 3, true), *o = wk_tensor_empty(2, (int64_t[]){3, 5}, WK_DT_F32, WK_CPU);
    double cl[2] = {-0.5, 1.0};
    B->unary(WK_UOP_CLAMP, o, a, cl);
    bad = 0;
    for (int64_t i = 0; i < 15; i++) bad += rt_at(o, i) != fmin(fmax(rt_at(a, i), -0.5), 1.0);
    tap_ok(bad == 0, "clamp(-0.5, 1)");
    double pw[1] = {3};
    B->unary(WK_UOP_POW_SCALAR, o, a, pw);
    bad = 0;
    for (int64_t i = 0; i < 15; i++) bad += !close_to(rt_at(o, i), pow(rt_at(a, i), 3), 1e-6);
    tap_ok(bad == 0, "pow(x, 3)");
    wk_tensor *f = wk_tensor_full(1, (int64_t[]){3}, wk_scalar_float(NAN), WK_DT_F32, WK_CPU);
    wk_tensor *bo = wk_tensor_empty(1, (int64_t[]){3}, WK_DT_BOOL, WK_CPU);
    B->unary(WK_UOP_ISNAN, bo, f, NULL);
    tap_ok(rt_at(bo, 0) == 1 && rt_at(bo, 2) == 1, "isnan writes bool");
    wk_tensor *iv = rt_arange(3, WK_DT_I64), *io = wk_tensor_empty(1, (int64_t[]){3}, WK_DT_I64, WK_CPU);
    tap_ok(!B->unary(WK_UOP_EXP, io, iv, NULL) && !strcmp(wk_rt_errmsg(), "\"exp_cpu\" not implemented for 'Long'"),
           "float-only op on int64 reports not implemented: %s", wk_rt_errmsg());
    wk_tensor_decref(a); wk_tensor_decref(o); wk_tensor_decref(f); wk_tensor_decref(bo); wk_tensor_decref(iv); wk_tensor_decref(io);
}

/* ---------------------------------------------------------------- binary */
static double ref_bin(wk_binary_op op, double x, double y, double alpha, bool ints) {
    switch (op) {
    case WK_BIN_ADD: return x + alpha * y;
    case WK_BIN_SUB: return x - alpha * y;
    case WK_BIN_MUL: return x * y;
    case WK_BIN_DIV: return x / y;
    case WK_BIN_DIV_FLOOR: return floor(x / y);
    case WK_BIN_DIV_TRUNC: return trunc(x / y);
    case WK_BIN_REMAINDER: { double m = fmod(x, y); if (m != 0 && (m < 0) != (y < 0)) m += y; return m; }
    case WK_BIN_FMOD: return fmod(x, y);
    case WK_BIN_MAXIMUM: return fmax(x, y);
    case WK_BIN_MINIMUM: return fmin(x, y);
    case WK_BIN_POW: return ints && y < 0 ? (x == 1 ? 1 : 0) : pow(x, y);
    case WK_BIN_EQ: return x == y;
    case WK_BIN_NE: return x != y;
    case WK_BIN_LT: return x < y;
    case WK_BIN_LE: return x <= y;
    case WK_BIN_GT: return x > y;
    case WK_BIN_GE: return x >= y;
    case WK_BIN_LOGICAL_AND: return x != 0 && y != 0;
    case WK_BIN_LOGICAL_OR: return x != 0 || y != 0;
    default: return NAN;
    }
}

static void binary(void) {
    wk_binary_op ops[] = {WK_BIN_ADD, WK_BIN_SUB, WK_BIN_MUL, WK_BIN_DIV, WK_BIN_DIV_FLOOR, WK_BIN_DIV_TRUNC,
                          WK_BIN_REMAINDER, WK_BIN_FMOD, WK_BIN_MAXIMUM, WK_BIN_MINIMUM, WK_BIN_POW, WK_BIN_EQ,
                          WK_BIN_NE, WK_BIN_LT, WK_BIN_LE, WK_BIN_GT, WK_BIN_GE, WK_BIN_LOGICAL_AND, WK_BIN_LOGICAL_OR};
    wk_dtype dts[] = {WK_DT_F32, WK_DT_F64, WK_DT_F16, WK_DT_BF16, WK_DT_I64, WK_DT_I32, WK_DT_I16, WK_DT_U8, WK_DT_BOOL};
    int checked = 0, bad = 0;
    for (size_t o = 0; o < sizeof ops / sizeof *ops; o++)
        for (size_t d = 0; d < sizeof dts / sizeof *dts; d++) {
            wk_binary_op op = ops[o];
            wk_dtype dt = dts[d];
            bool ints = !wk_dtype_is_float(dt), pred = op >= WK_BIN_EQ;
            if (ints && op == WK_BIN_DIV) continue;
            if (dt == WK_DT_BOOL && !pred && op != WK_BIN_ADD && op != WK_BIN_MUL && op != WK_BIN_MAXIMUM && op != WK_BIN_MINIMUM) continue;
            if (dt == WK_DT_U8 && (op == WK_BIN_SUB || op == WK_BIN_POW)) continue; /* wraps; checked elsewhere */
            wk_tensor *a = strided_input(dt, (unsigned)(o * 13 + d), dt != WK_DT_U8 && dt != WK_DT_BOOL);
            /* b: a row of 5 broadcast over 3 rows (stride 0) */
            wk_tensor *brow = wk_tensor_empty(1, (int64_t[]){5}, dt, WK_CPU);
            rt_fill_pattern(brow, (unsigned)(o + 99), dt != WK_DT_U8 && dt != WK_DT_BOOL);
            bool divlike = op == WK_BIN_DIV_FLOOR || op == WK_BIN_DIV_TRUNC || op == WK_BIN_REMAINDER || op == WK_BIN_FMOD || op == WK_BIN_DIV;
            for (int64_t i = 0; i < 5; i++) { /* no zero divisors, small exponents */
                double v = rt_at(brow, i);
                if (divlike && v == 0) v = ints ? 3 : 1.5;
                if (op == WK_BIN_POW) v = ints ? (double)(i % 3) : v / 2;
                wk_dtype_store_f64(dt, (char *)wk_tensor_data(brow) + i * (int64_t)wk_dtype_size(dt), v);
            }
            if (op == WK_BIN_POW && !ints) /* positive bases for fractional exponents */
                for (int64_t i = 0; i < 15; i++) {
                    int64_t idx[2] = {i / 5, i % 5};
                    void *p = wk_tensor_ptr_at(a, idx);
                    wk_dtype_store_f64(dt, p, fabs(wk_dtype_load_f64(dt, p)) + 0.5);
                }
            wk_tensor *b = wk_tensor_expand(brow, 2, (int64_t[]){3, 5});
            /* output in a transposed layout too */
            wk_tensor *obuf = wk_tensor_empty(2, (int64_t[]){5, 3}, pred ? WK_DT_BOOL : dt, WK_CPU);
            wk_tensor *out = wk_tensor_t(obuf);
            double alpha = op == WK_BIN_ADD || op == WK_BIN_SUB ? (ints ? 2 : 0.5) : 1;
            if (dt == WK_DT_BOOL) alpha = 1;
            if (!B->binary(op, out, a, b, alpha)) { bad++; tap_diag("binary %d %s failed: %s", op, wk_dtype_short(dt), wk_rt_errmsg()); }
            for (int64_t i = 0; i < 15; i++) {
                double x = rt_at(a, i), y = rt_at(b, i);
                double want_d = ref_bin(op, x, y, alpha, ints);
                unsigned char buf[8];
                wk_dtype outdt = pred ? WK_DT_BOOL : dt;
                if (ints && !pred) wk_dtype_store_i64(outdt, buf, (int64_t)want_d);
                else wk_dtype_store_f64(outdt, buf, want_d);
                double want = wk_dtype_load_f64(outdt, buf);
                if (!close_to(rt_at(out, i), want, tol_of(outdt))) {
                    bad++;
                    tap_diag("binary op %d %s %g,%g: got %.17g want %.17g", op, wk_dtype_short(dt), x, y, rt_at(out, i), want);
                }
            }
            checked++;
            wk_tensor_decref(a); wk_tensor_decref(brow); wk_tensor_decref(b); wk_tensor_decref(obuf); wk_tensor_decref(out);
        }
    tap_ok(bad == 0, "binary kernels: %d op/dtype combinations, broadcast + transposed output (%d mismatches)", checked, bad);
    /* Python semantics of floor division and remainder on negative ints */
    wk_tensor *x = wk_tensor_from_data(1, (int64_t[]){4}, WK_DT_I64, (int64_t[]){7, -7, 7, -7});
    wk_tensor *y = wk_tensor_from_data(1, (int64_t[]){4}, WK_DT_I64, (int64_t[]){2, 2, -2, -2});
    wk_tensor *o = wk_tensor_empty(1, (int64_t[]){4}, WK_DT_I64, WK_CPU);
    B->binary(WK_BIN_DIV_FLOOR, o, x, y, 1);
    int64_t *od = wk_tensor_data(o);
    tap_ok(od[0] == 3 && od[1] == -4 && od[2] == -4 && od[3] == 3, "int floor_divide rounds down");
    B->binary(WK_BIN_REMAINDER, o, x, y, 1);
    tap_ok(od[0] == 1 && od[1] == 1 && od[2] == -1 && od[3] == -1, "int remainder has the divisor's sign");
    wk_tensor *zero = wk_tensor_zeros(1, (int64_t[]){4}, WK_DT_I64, WK_CPU);
    tap_ok(!B->binary(WK_BIN_DIV_FLOOR, o, x, zero, 1) && !strcmp(wk_rt_errmsg(), "ZeroDivisionError"), "integer division by zero");
    wk_tensor *fx = wk_tensor_from_data(1, (int64_t[]){2}, WK_DT_F32, (float[]){NAN, 1});
    wk_tensor *fy = wk_tensor_from_data(1, (int64_t[]){2}, WK_DT_F32, (float[]){1, NAN});
    wk_tensor *fo = wk_tensor_empty(1, (int64_t[]){2}, WK_DT_F32, WK_CPU);
    B->binary(WK_BIN_MAXIMUM, fo, fx, fy, 1);
    tap_ok(isnan(rt_at(fo, 0)) && isnan(rt_at(fo, 1)), "maximum propagates NaN");
    wk_tensor_decref(x); wk_tensor_decref(y); wk_tensor_decref(o); wk_tensor_decref(zero);
    wk_tensor_decref(fx); wk_tensor_decref(fy); wk_tensor_decref(fo);
    /* a large contiguous add goes through the threaded path */
    int64_t n = 300000;
    wk_tensor *la = rt_arange(n, WK_DT_F32), *lo = wk_tensor_empty(1, &n, WK_DT_F32, WK_CPU);
    B->binary(WK_BIN_ADD, lo, la, la, 1);
    bad = 0;
    for (int64_t i = 0; i < n; i += 997) bad += rt_at(lo, i) != 2.0 * (double)i;
    tap_ok(bad == 0 && rt_at(lo, n - 1) == 2.0 * (double)(n - 1), "large threaded add");
    wk_tensor_decref(la); wk_tensor_decref(lo);
}

static void ternary(void) {
    wk_tensor *c = wk_tensor_from_data(1, (int64_t[]){4}, WK_DT_BOOL, (uint8_t[]){1, 0, 0, 1});
    wk_tensor *a = rt_arange(4, WK_DT_F64), *b = wk_tensor_full(1, (int64_t[]){4}, wk_scalar_float(-1), WK_DT_F64, WK_CPU);
    wk_tensor *o = wk_tensor_empty(1, (int64_t[]){4}, WK_DT_F64, WK_CPU);
    B->ternary(WK_TER_WHERE, o, c, a, b, 0);
    tap_ok(rt_at(o, 0) == 0 && rt_at(o, 1) == -1 && rt_at(o, 3) == 3, "where");
    wk_tensor *w = wk_tensor_full(1, (int64_t[]){4}, wk_scalar_float(0.25), WK_DT_F64, WK_CPU);
    B->ternary(WK_TER_LERP, o, a, b, w, 0);
    tap_ok(close_to(rt_at(o, 2), 2 + 0.25 * (-1 - 2), 1e-15), "lerp");
    B->ternary(WK_TER_ADDCMUL, o, a, a, b, 0.5);
    tap_ok(rt_at(o, 3) == 3 + 0.5 * 3 * -1, "addcmul");
    B->ternary(WK_TER_ADDCDIV, o, a, a, b, 2);
    tap_ok(rt_at(o, 3) == 3 + 2 * (3 / -1.0), "addcdiv");
    wk_tensor_decref(c); wk_tensor_decref(a); wk_tensor_decref(b); wk_tensor_decref(o); wk_tensor_decref(w);
}

/* ---------------------------------------------------------------- reductions */
static double naive_reduce(wk_reduce_op op, const wk_tensor *a, uint32_t mask, const int64_t *oidx, double param) {
    /* walk every element of a that maps to output index oidx */
    int64_t n = wk_tensor_numel(a), idx[WK_MAX_DIMS] = {0};
    double vals[4096];
    int k = 0;
    for (int64_t i = 0; i < n; i++) {
        bool match = true;
        for (int d = 0; d < a->ndim; d++) if (!(mask >> d & 1) && idx[d] != oidx[d]) match = false;
        if (match) vals[k++] = wk_dtype_load_f64(a->dtype, wk_tensor_ptr_at(a, idx));
        for (int d = a->ndim - 1; d >= 0; d--) { if (++idx[d] < a->shape[d]) break; idx[d] = 0; }
    }
    double s = 0, m = 0;
    switch (op) {
    case WK_RED_SUM: for (int i = 0; i < k; i++) s += vals[i]; return s;
    case WK_RED_MEAN: for (int i = 0; i < k; i++) s += vals[i]; return s / k;
    case WK_RED_PROD: s = 1; for (int i = 0; i < k; i++) s *= vals[i]; return s;
    case WK_RED_MAX: s = -INFINITY; for (int i = 0; i < k; i++) s = fmax(s, vals[i]); return s;
    case WK_RED_MIN: s = INFINITY; for (int i = 0; i < k; i++) s = fmin(s, vals[i]); return s;
    case WK_RED_ALL: for (int i = 0; i < k; i++) if (vals[i] == 0) return 0; return 1;
    case WK_RED_ANY: for (int i = 0; i < k; i++) if (vals[i] != 0) return 1; return 0;
    case WK_RED_VAR: case WK_RED_STD:
        for (int i = 0; i < k; i++) m += vals[i];
        m /= k;
        for (int i = 0; i < k; i++) s += (vals[i] - m) * (vals[i] - m);
        s /= (k - param);
        return op == WK_RED_STD ? sqrt(s) : s;
    case WK_RED_NORM:
        if (isinf(param)) { for (int i = 0; i < k; i++) s = fmax(s, fabs(vals[i])); return s; }
        for (int i = 0; i < k; i++) s += pow(fabs(vals[i]), param);
        return pow(s, 1 / param);
    case WK_RED_LOGSUMEXP:
        m = -INFINITY;
        for (int i = 0; i < k; i++) m = fmax(m, vals[i]);
        for (int i = 0; i < k; i++) s += exp(vals[i] - m);
        return m + log(s);
    default: return NAN;
    }
}

static void reductions(void) {
    struct { wk_reduce_op op; double param; } ops[] = {
        {WK_RED_SUM, 0}, {WK_RED_MEAN, 0}, {WK_RED_PROD, 0}, {WK_RED_MAX, 0}, {WK_RED_MIN, 0}, {WK_RED_ALL, 0},
        {WK_RED_ANY, 0}, {WK_RED_VAR, 1}, {WK_RED_STD, 0}, {WK_RED_NORM, 2}, {WK_RED_NORM, 1}, {WK_RED_NORM, INFINITY},
        {WK_RED_NORM, 3}, {WK_RED_LOGSUMEXP, 0},
    };
    wk_dtype dts[] = {WK_DT_F32, WK_DT_F64, WK_DT_I64, WK_DT_I32, WK_DT_BF16};
    /* input (3,4,5) permuted to (4,5,3): strided */
    int checked = 0, bad = 0;
    for (size_t d = 0; d < sizeof dts / sizeof *dts; d++) {
        wk_tensor *base = wk_tensor_empty(3, (int64_t[]){3, 4, 5}, dts[d], WK_CPU);
        rt_fill_pattern(base, (unsigned)d, true);
        wk_tensor *a = wk_tensor_permute(base, (int64_t[]){1, 2, 0});
        bool ints = !wk_dtype_is_float(dts[d]);
        for (size_t o = 0; o < sizeof ops / sizeof *ops; o++) {
            wk_reduce_op op = ops[o].op;
            bool float_only = op == WK_RED_MEAN || op == WK_RED_VAR || op == WK_RED_STD || op == WK_RED_NORM || op == WK_RED_LOGSUMEXP;
            if (ints && float_only) continue;
            for (uint32_t mask = 1; mask < 8; mask++) {
                int64_t oshape[3];
                for (int i = 0; i < 3; i++) oshape[i] = mask >> i & 1 ? 1 : a->shape[i];
                wk_dtype odt = op == WK_RED_ALL || op == WK_RED_ANY ? WK_DT_BOOL : (ints ? WK_DT_I64 : (op == WK_RED_PROD ? WK_DT_F64 : dts[d]));
                wk_tensor *out = wk_tensor_empty(3, oshape, odt, WK_CPU);
                B->reduce(op, out, a, mask, ops[o].param);
                int64_t on = wk_tensor_numel(out), oidx[3] = {0};
                for (int64_t i = 0; i < on; i++) {
                    double want = naive_reduce(op, a, mask, oidx, ops[o].param);
                    unsigned char buf[8];
                    wk_dtype_store_f64(odt, buf, want);
                    want = wk_dtype_load_f64(odt, buf);
                    double tol = ints ? 0 : (dts[d] == WK_DT_BF16 ? 1e-2 : 1e-5);
                    if (!close_to(rt_at(out, i), want, tol)) {
                        bad++;
                        tap_diag("reduce op %d p=%g %s mask %u [%lld]: got %.10g want %.10g", op, ops[o].param,
                                 wk_dtype_short(dts[d]), mask, (long long)i, rt_at(out, i), want);
                    }
                    for (int dd = 2; dd >= 0; dd--) { if (++oidx[dd] < oshape[dd]) break; oidx[dd] = 0; }
                }
                checked++;
                wk_tensor_decref(out);
            }
        }
        wk_tensor_decref(base);
        wk_tensor_decref(a);
    }
    tap_ok(bad == 0, "reductions: %d op/dtype/dim-set combinations on permuted inputs (%d mismatches)", checked, bad);
    /* big single-output sum goes through the split/merge path */
    int64_t n = 1000003;
    wk_tensor *ones = wk_tensor_ones(1, &n, WK_DT_F32, WK_CPU), *s = wk_tensor_empty(1, (int64_t[]){1}, WK_DT_F32, WK_CPU);
    B->reduce(WK_RED_SUM, s, ones, 1, 0);
    tap_ok(rt_at(s, 0) == (double)n, "sum of 1000003 ones (threaded, merged)");
    wk_tensor *ar = rt_arange(n, WK_DT_F64);
    B->reduce(WK_RED_VAR, s, ar, 1, 1);
    double nn = (double)n;
    tap_ok(close_to(rt_at(s, 0), nn * (nn + 1) / 12, 1e-6), "variance of arange merged across threads");
    wk_tensor_decref(ones); wk_tensor_decref(s); wk_tensor_decref(ar);
    wk_tensor *nanv = wk_tensor_from_data(1, (int64_t[]){3}, WK_DT_F32, (float[]){1, NAN, 3});
    wk_tensor *o1 = wk_tensor_empty(1, (int64_t[]){1}, WK_DT_F32, WK_CPU);
    B->reduce(WK_RED_MAX, o1, nanv, 1, 0);
    tap_ok(isnan(rt_at(o1, 0)), "max propagates NaN");
    wk_tensor_decref(nanv); wk_tensor_decref(o1);
}

static void arg_and_scans(void) {
    float data[12] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 9};
    wk_tensor *a = wk_tensor_from_data(2, (int64_t[]){3, 4}, WK_DT_F32, data);
    wk_tensor *vals = wk_tensor_empty(2, (int64_t[]){3, 1}, WK_DT_F32, WK_CPU), *idx = wk_tensor_empty(2, (int64_t[]){3, 1}, WK_DT_I64, WK_CPU);
    B->arg_reduce(WK_ARG_MAX, vals, idx, a, 1);
    tap_ok(rt_at(vals, 0) == 4 && rt_at(idx, 0) == 2 && rt_at(vals, 1) == 9 && rt_at(idx, 1) == 1 && rt_at(idx, 2) == 3,
           "max along dim 1 (values and first index)");
    wk_tensor *idx0 = wk_tensor_empty(2, (int64_t[]){1, 4}, WK_DT_I64, WK_CPU);
    B->arg_reduce(WK_ARG_MIN, NULL, idx0, a, 0);
    tap_ok(rt_at(idx0, 0) == 0 && rt_at(idx0, 1) == 0 && rt_at(idx0, 2) == 1 && rt_at(idx0, 3) == 0, "argmin along dim 0 (first index on ties)");
    wk_tensor *cs = wk_tensor_empty(2, (int64_t[]){3, 4}, WK_DT_F32, WK_CPU);
    B->scan(WK_SCAN_CUMSUM, cs, NULL, a, 1);
    tap_ok(rt_at(cs, 3) == 9 && rt_at(cs, 7) == 22 && rt_at(cs, 11) == 22, "cumsum along dim 1");
    wk_tensor *at = wk_tensor_t(a), *cst = wk_tensor_empty(2, (int64_t[]){4, 3}, WK_DT_F32, WK_CPU);
    B->scan(WK_SCAN_CUMPROD, cst, NULL, at, 1);
    tap_ok(rt_at(cst, 2) == 3 * 5 * 5 && rt_at(cst, 5) == 1 * 9 * 3, "cumprod on a transposed input");
    wk_tensor *ci = wk_tensor_empty(2, (int64_t[]){3, 4}, WK_DT_I64, WK_CPU);
    B->scan(WK_SCAN_CUMMAX, cs, ci, a, 1);
    tap_ok(rt_at(cs, 3) == 4 && rt_at(ci, 3) == 2 && rt_at(ci, 1) == 0, "cummax values and indices");
    B->scan(WK_SCAN_SOFTMAX, cs, NULL, a, 1);
    double e0 = exp(3.0 - 4) / (exp(-1.0) + exp(-3.0) + 1 + exp(-3.0));
    tap_ok(close_to(rt_at(cs, 0), e0, 1e-6), "softmax along dim 1");
    B->scan(WK_SCAN_LOG_SOFTMAX, cs, NULL, a, 1);
    tap_ok(close_to(rt_at(cs, 0), log(e0), 1e-6), "log_softmax along dim 1");
    wk_tensor *ia = rt_arange(5, WK_DT_I64), *io = wk_tensor_empty(1, (int64_t[]){5}, WK_DT_I64, WK_CPU);
    B->scan(WK_SCAN_CUMSUM, io, NULL, ia, 0);
    tap_ok(rt_at(io, 4) == 10, "int64 cumsum");
    wk_tensor *v[] = {a, vals, idx, idx0, cs, at, cst, ci, ia, io};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) wk_tensor_decref(v[i]);
}

/* ---------------------------------------------------------------- GEMM */
static void gemm_check(wk_dtype dt, int64_t m, int64_t n, int64_t k, bool ta, bool tb, double alpha, double beta) {
    size_t es = wk_dtype_size(dt);
    int64_t lda = ta ? m + 1 : k + 2, ldb = tb ? k + 3 : n + 1, ldc = n + 2;
    char *a = malloc((size_t)((ta ? k : m) * lda) * es), *b = malloc((size_t)((tb ? n : k) * ldb) * es);
    char *c = malloc((size_t)(m * ldc) * es);
    double *ref = malloc(sizeof(double) * (size_t)(m * n));
    unsigned s = (unsigned)(m * 31 + n * 7 + k);
    for (int64_t i = 0; i < (ta ? k : m) * lda; i++) { s = s * 1103515245u + 12345u; wk_dtype_store_f64(dt, a + i * (int64_t)es, (int)((s >> 16) % 9) - 4); }
    for (int64_t i = 0; i < (tb ? n : k) * ldb; i++) { s = s * 1103515245u + 12345u; wk_dtype_store_f64(dt, b + i * (int64_t)es, (int)((s >> 16) % 7) - 3); }
    for (int64_t i = 0; i < m * ldc; i++) wk_dtype_store_f64(dt, c + i * (int64_t)es, (double)(i % 5));
    for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < n; j++) {
            double acc = 0;
            for (int64_t p = 0; p < k; p++)
                acc += wk_dtype_load_f64(dt, a + (ta ? p * lda + i : i * lda + p) * (int64_t)es) *
                       wk_dtype_load_f64(dt, b + (tb ? j * ldb + p : p * ldb + j) * (int64_t)es);
            ref[i * n + j] = alpha * acc + (beta == 0 ? 0 : beta * wk_dtype_load_f64(dt, c + (i * ldc + j) * (int64_t)es));
        }
    B->gemm(dt, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    int bad = 0;
    for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < n; j++)
            if (!close_to(wk_dtype_load_f64(dt, c + (i * ldc + j) * (int64_t)es), ref[i * n + j], 1e-6)) bad++;
    tap_ok(bad == 0, "gemm %s %lldx%lldx%lld ta=%d tb=%d alpha=%g beta=%g (%d wrong)", wk_dtype_short(dt),
           (long long)m, (long long)n, (long long)k, ta, tb, alpha, beta, bad);
    free(a); free(b); free(c); free(ref);
}

static void gemm(void) {
    int64_t sizes[][3] = {{1, 1, 1}, {2, 3, 4}, {7, 17, 5}, {6, 16, 256}, {13, 33, 257}, {97, 50, 300}, {200, 130, 190}};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        int64_t m = sizes[i][0], n = sizes[i][1], k = sizes[i][2];
        gemm_check(WK_DT_F32, m, n, k, i & 1, i & 2, 1, 0);
        gemm_check(WK_DT_F64, m, n, k, i & 2, i & 1, 0.5, 2);
    }
    gemm_check(WK_DT_F32, 5, 4, 0, false, false, 1, 1);
    gemm_check(WK_DT_I32, 5, 6, 7, false, true, 1, 0);
    gemm_check(WK_DT_F16, 4, 5, 6, true, false, 1, 0);
}

/* ---------------------------------------------------------------- indexing */
static void indexing(void) {
    wk_tensor *ar = rt_arange(12, WK_DT_F32);
    wk_tensor *a = rt_view(ar, 2, 3LL, 4LL);
    wk_tensor_decref(ar); /* the view keeps the storage alive */
    wk_tensor *ix = wk_tensor_from_data(1, (int64_t[]){3}, WK_DT_I64, (int64_t[]){2, 0, -1});
    wk_tensor *o = wk_tensor_empty(2, (int64_t[]){3, 3}, WK_DT_F32, WK_CPU);
    tap_ok(B->index_select(o, a, 1, ix) && rt_at(o, 0) == 2 && rt_at(o, 1) == 0 && rt_at(o, 2) == 3 && rt_at(o, 5) == 7,
           "index_select along dim 1 (negative index wraps)");
    wk_tensor *bad = wk_tensor_from_data(1, (int64_t[]){1}, WK_DT_I64, (int64_t[]){4});
    wk_tensor *o1 = wk_tensor_empty(2, (int64_t[]){3, 1}, WK_DT_F32, WK_CPU);
    tap_ok(!B->index_select(o1, a, 1, bad) && wk_rt_errkind() == WK_ERR_INDEX && !strcmp(wk_rt_errmsg(), "index out of range in self"),
           "index_select out of range");
    wk_tensor *gi = wk_tensor_from_data(2, (int64_t[]){3, 2}, WK_DT_I64, (int64_t[]){3, 0, 1, 1, 2, 0});
    wk_tensor *go = wk_tensor_empty(2, (int64_t[]){3, 2}, WK_DT_F32, WK_CPU);
    tap_ok(B->gather(go, a, 1, gi) && rt_at(go, 0) == 3 && rt_at(go, 2) == 5 && rt_at(go, 4) == 10, "gather dim 1");
    wk_tensor *z = wk_tensor_zeros(2, (int64_t[]){3, 4}, WK_DT_F32, WK_CPU);
    tap_ok(B->scatter(z, 1, gi, go, WK_SCATTER_SET) && rt_at(z, 3) == 3 && rt_at(z, 5) == 5 && rt_at(z, 10) == 10, "scatter_ dim 1");
    wk_tensor *acc = wk_tensor_zeros(1, (int64_t[]){3}, WK_DT_F32, WK_CPU);
    wk_tensor *si = wk_tensor_from_data(1, (int64_t[]){4}, WK_DT_I64, (int64_t[]){0, 2, 0, 0});
    wk_tensor *src = wk_tensor_ones(1, (int64_t[]){4}, WK_DT_F32, WK_CPU);
    B->scatter(acc, 0, si, src, WK_SCATTER_ADD);
    tap_ok(rt_at(acc, 0) == 3 && rt_at(acc, 1) == 0 && rt_at(acc, 2) == 1, "scatter_add accumulates duplicates");
    B->index_add(acc, 0, si, src, 2);
    tap_ok(rt_at(acc, 0) == 9 && rt_at(acc, 2) == 3, "index_add with alpha");
    wk_tensor *mask = wk_tensor_from_data(1, (int64_t[]){4}, WK_DT_BOOL, (uint8_t[]){1, 0, 0, 1});
    wk_tensor *me = wk_tensor_expand(mask, 2, (int64_t[]){3, 4});
    wk_tensor *ac = wk_tensor_clone(a);
    B->masked_fill(ac, me, wk_scalar_float(-1));
    tap_ok(rt_at(ac, 0) == -1 && rt_at(ac, 1) == 1 && rt_at(ac, 7) == -1, "masked_fill with a broadcast mask");
    wk_tensor *ms = wk_tensor_empty(1, (int64_t[]){6}, WK_DT_F32, WK_CPU);
    B->masked_select(ms, a, me);
    tap_ok(rt_at(ms, 0) == 0 && rt_at(ms, 1) == 3 && rt_at(ms, 5) == 11, "masked_select in row-major order");
    wk_tensor *nz = wk_tensor_empty(2, (int64_t[]){6, 2}, WK_DT_I64, WK_CPU);
    B->nonzero(nz, me);
    tap_ok(rt_at(nz, 0) == 0 && rt_at(nz, 1) == 0 && rt_at(nz, 2) == 0 && rt_at(nz, 3) == 3 && rt_at(nz, 11) == 3, "nonzero");
    wk_tensor *v[] = {a, ix, o, bad, o1, gi, go, z, acc, si, src, mask, me, ac, ms, nz};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) wk_tensor_decref(v[i]);
}

int main(void) {
    B = wk_backend_cpu();
    unary();
    binary();
    ternary();
    reductions();
    arg_and_scans();
    gemm();
    indexing();
    return tap_done_testing();
}
