/* test_props.c — property tests: ops on random shapes, broadcasts and strided layouts equal the same ops on contiguous copies. */
#include "../../runtime/ops.h"
#include "rt_util.h"
#include <math.h>

/* Values come from rt_fill_pattern (quarters in [-2, 2]), so sums and matrix products are
 * exact in every float dtype and any evaluation order: results must agree bit for bit. */

static uint64_t g_rng = 0x9E3779B97F4A7C15ull;
static unsigned rnd(unsigned n) {
    g_rng ^= g_rng << 13, g_rng ^= g_rng >> 7, g_rng ^= g_rng << 17;
    return (unsigned)(g_rng % n);
}

typedef struct { int nd; int64_t sh[WK_MAX_DIMS]; } shape_t;

static shape_t rand_shape(int max_nd, int max_size) {
    shape_t s = {(int)rnd((unsigned)max_nd + 1), {0}};
    for (int d = 0; d < s.nd; d++) s.sh[d] = rnd(12) == 0 ? 0 : 1 + (int64_t)rnd((unsigned)max_size);
    return s;
}

/* A shape that broadcasts against s: a suffix of s with some sizes replaced by 1. */
static shape_t broadcast_partner(shape_t s) {
    shape_t p = {s.nd - (int)rnd((unsigned)s.nd + 1), {0}};
    for (int d = 0; d < p.nd; d++) p.sh[d] = rnd(3) == 0 ? 1 : s.sh[s.nd - p.nd + d];
    return p;
}

/* A tensor of shape s and dtype dt in a random layout: contiguous, permuted storage,
 * every other element of a larger storage, or a column slice starting at an offset. */
static wk_tensor *rand_layout(shape_t s, wk_dtype dt, unsigned seed, bool neg) {
    int kind = s.nd == 0 ? 0 : (int)rnd(4);
    int64_t big[WK_MAX_DIMS], perm[WK_MAX_DIMS], inv[WK_MAX_DIMS];
    wk_tensor *base, *out;
    switch (kind) {
    case 1: /* permuted: storage in a shuffled dim order */
        for (int d = 0; d < s.nd; d++) perm[d] = d;
        for (int d = s.nd - 1; d > 0; d--) { int j = (int)rnd((unsigned)d + 1); int64_t x = perm[d]; perm[d] = perm[j]; perm[j] = x; }
        for (int d = 0; d < s.nd; d++) big[d] = s.sh[perm[d]], inv[perm[d]] = d;
        base = wk_tensor_empty(s.nd, big, dt, WK_CPU);
        rt_fill_pattern(base, seed, neg);
        out = wk_tensor_permute(base, inv);
        break;
    case 2: /* step 2 along one dim */
    case 3: { /* offset 1 along one dim */
        int d0 = (int)rnd((unsigned)s.nd);
        memcpy(big, s.sh, sizeof big);
        big[d0] = kind == 2 ? 2 * s.sh[d0] : s.sh[d0] + 1;
        base = wk_tensor_empty(s.nd, big, dt, WK_CPU);
        rt_fill_pattern(base, seed, neg);
        out = kind == 2 ? wk_op_slice(base, d0, false, 0, false, 0, 2) : wk_op_slice(base, d0, true, 1, false, 0, 1);
        break;
    }
    default:
        base = wk_tensor_empty(s.nd, s.sh, dt, WK_CPU);
        rt_fill_pattern(base, seed, neg);
        return base;
    }
    wk_tensor_decref(base);
    return out;
}

/* Same shape, dtype and bits (NaNs equal). */
static bool same(const wk_tensor *a, const wk_tensor *b) {
    if (!a || !b || a->ndim != b->ndim || a->dtype != b->dtype) return false;
    for (int d = 0; d < a->ndim; d++) if (a->shape[d] != b->shape[d]) return false;
    for (int64_t i = 0, n = wk_tensor_numel(a); i < n; i++) {
        double x = rt_at(a, i), y = rt_at(b, i);
        if (!(x == y || (isnan(x) && isnan(y))) || signbit(x) != signbit(y)) return false;
    }
    return true;
}

static const wk_dtype g_dtypes[] = {WK_DT_F32, WK_DT_F64, WK_DT_I64, WK_DT_I32};

static bool binary_trial(wk_binop op) {
    shape_t sa = rand_shape(4, 5), sb = broadcast_partner(sa);
    if (rnd(2)) { shape_t t = sa; sa = sb; sb = t; }
    wk_dtype da = g_dtypes[rnd(4)], db = g_dtypes[rnd(4)];
    wk_tensor *a = rand_layout(sa, da, rnd(1000), true), *b = rand_layout(sb, db, rnd(1000), true);
    wk_tensor *ca = wk_op_clone(a), *cb = wk_op_clone(b);
    wk_tensor *r1 = wk_op_binary(op, wk_vt(a), wk_vt(b)), *r2 = wk_op_binary(op, wk_vt(ca), wk_vt(cb));
    bool ok = (!r1 && !r2) || same(r1, r2);
    wk_tensor *ts[] = {a, b, ca, cb, r1, r2};
    for (int i = 0; i < 6; i++) wk_tensor_decref(ts[i]);
    return ok;
}

static bool unary_trial(wk_unary_op op) {
    shape_t s = rand_shape(5, 4);
    /* float32 sigmoid depends on the row layout by design, as in PyTorch (SIMD exp on
     * blocks of 16, libm on a row's tail: cpu_vmath.h), so only float64 is layout-free. */
    wk_dtype dt = op == WK_UOP_SIGMOID ? WK_DT_F64 : g_dtypes[rnd(2)];
    wk_tensor *a = rand_layout(s, dt, rnd(1000), true), *ca = wk_op_clone(a);
    wk_tensor *r1 = wk_op_unary(op, a), *r2 = wk_op_unary(op, ca);
    bool ok = same(r1, r2);
    wk_tensor *ts[] = {a, ca, r1, r2};
    for (int i = 0; i < 4; i++) wk_tensor_decref(ts[i]);
    return ok;
}

/* Random dim subset (possibly empty = all dims) with keepdim; sum, mean, amax, amin. */
static bool reduce_trial(int which) {
    shape_t s = rand_shape(4, 6);
    wk_dtype dt = g_dtypes[rnd(which == 1 ? 2 : 4)];
    wk_tensor *a = rand_layout(s, dt, rnd(1000), true), *ca = wk_op_clone(a);
    int64_t dims[WK_MAX_DIMS];
    int nd = 0;
    for (int d = 0; d < s.nd; d++) if (rnd(2)) dims[nd++] = rnd(2) ? d : d - s.nd;
    bool keep = rnd(2), empty = false;
    for (int d = 0; d < s.nd; d++) empty |= s.sh[d] == 0;
    if (which >= 2 && empty) nd = 0;  /* amax/amin over empty dims is an error either way */
    wk_tensor *r1, *r2;
    switch (which) {
    case 0: r1 = wk_op_sum(a, dims, nd, keep, WK_NO_DTYPE), r2 = wk_op_sum(ca, dims, nd, keep, WK_NO_DTYPE); break;
    case 1: r1 = wk_op_mean(a, dims, nd, keep, WK_NO_DTYPE), r2 = wk_op_mean(ca, dims, nd, keep, WK_NO_DTYPE); break;
    case 2: r1 = wk_op_amax(a, dims, nd, keep), r2 = wk_op_amax(ca, dims, nd, keep); break;
    default: r1 = wk_op_amin(a, dims, nd, keep), r2 = wk_op_amin(ca, dims, nd, keep); break;
    }
    bool ok = (!r1 && !r2) || same(r1, r2);
    wk_tensor *ts[] = {a, ca, r1, r2};
    for (int i = 0; i < 4; i++) wk_tensor_decref(ts[i]);
    return ok;
}

/* matmul over random 1-D/2-D/batched operands with broadcast batch dims. */
static bool matmul_trial(void) {
    int64_t m = 1 + rnd(6), k = rnd(7), n = 1 + rnd(6);
    shape_t sa = rand_shape(2, 3), sb = broadcast_partner(sa);
    if (rnd(2)) { shape_t t = sa; sa = sb; sb = t; }
    if (rnd(5) == 0) sa.nd = 0;  /* 1-D operand */
    if (rnd(5) == 0) sb.nd = 0;
    if (sa.nd) sa.sh[sa.nd] = m, sa.sh[sa.nd + 1] = k, sa.nd += 2; else sa.sh[0] = k, sa.nd = 1;
    if (sb.nd || rnd(2)) sb.sh[sb.nd] = k, sb.sh[sb.nd + 1] = n, sb.nd += 2; else sb.sh[0] = k, sb.nd = 1;
    wk_dtype dt = g_dtypes[rnd(2)];
    wk_tensor *a = rand_layout(sa, dt, rnd(1000), true), *b = rand_layout(sb, dt, rnd(1000), true);
    wk_tensor *ca = wk_op_clone(a), *cb = wk_op_clone(b);
    wk_tensor *r1 = wk_op_matmul(a, b), *r2 = wk_op_matmul(ca, cb);
    bool ok = r1 && same(r1, r2);
    wk_tensor *ts[] = {a, b, ca, cb, r1, r2};
    for (int i = 0; i < 6; i++) wk_tensor_decref(ts[i]);
    return ok;
}

/* self.add_(other) / self.mul_(other) on a strided self equals the out-of-place result. */
static bool inplace_trial(void) {
    shape_t s = rand_shape(4, 5), sb = broadcast_partner(s);
    wk_tensor *a = rand_layout(s, WK_DT_F32, rnd(1000), true), *b = rand_layout(sb, WK_DT_F32, rnd(1000), true);
    wk_binop op = rnd(2) ? WK_OP_ADD : WK_OP_MUL;
    wk_tensor *want = wk_op_binary(op, wk_vt(a), wk_vt(b));
    bool ok = wk_op_binary_(op, a, wk_vt(b)) && same(a, want);
    wk_tensor_decref(a), wk_tensor_decref(b), wk_tensor_decref(want);
    return ok;
}

/* cat of strided pieces along a random dim equals cat of contiguous copies. */
static bool cat_trial(void) {
    shape_t s = rand_shape(4, 4);
    if (s.nd == 0) s.nd = 1, s.sh[0] = 3;
    int dim = (int)rnd((unsigned)s.nd), n = 1 + (int)rnd(3);
    wk_tensor *parts[3], *copies[3];
    for (int i = 0; i < n; i++) {
        shape_t p = s;
        p.sh[dim] = rnd(4);
        parts[i] = rand_layout(p, WK_DT_F64, rnd(1000), true);
        copies[i] = wk_op_clone(parts[i]);
    }
    wk_tensor *r1 = wk_op_cat(n, parts, dim), *r2 = wk_op_cat(n, copies, dim);
    bool ok = r1 && same(r1, r2);
    for (int i = 0; i < n; i++) wk_tensor_decref(parts[i]), wk_tensor_decref(copies[i]);
    wk_tensor_decref(r1), wk_tensor_decref(r2);
    return ok;
}

#define TRIALS 300

static void run(const char *name, bool (*trial)(int), int arg) {
    int bad = 0;
    uint64_t first = 0;
    for (int i = 0; i < TRIALS; i++) {
        uint64_t before = g_rng;
        if (!trial(arg) && !bad++) first = before;
    }
    tap_ok(bad == 0, "%s: %d random trials agree with contiguous copies", name, TRIALS);
    if (bad) tap_diag("%d mismatches; first at rng state %#llx", bad, (unsigned long long)first);
}

static bool t_binary(int op) { return binary_trial((wk_binop)op); }
static bool t_unary(int op) { return unary_trial((wk_unary_op)op); }
static bool t_reduce(int which) { return reduce_trial(which); }
static bool t_matmul(int unused) { (void)unused; return matmul_trial(); }
static bool t_inplace(int unused) { (void)unused; return inplace_trial(); }
static bool t_cat(int unused) { (void)unused; return cat_trial(); }

int main(void) {
    static const struct { const char *name; int op; } bin[] = {
        {"add", WK_OP_ADD}, {"sub", WK_OP_SUB}, {"mul", WK_OP_MUL}, {"div", WK_OP_DIV},
        {"maximum", WK_OP_MAXIMUM}, {"minimum", WK_OP_MINIMUM}, {"eq", WK_OP_EQ}, {"lt", WK_OP_LT},
        {"logical_and", WK_OP_LOGICAL_AND}, {"floor_divide", WK_OP_DIV_FLOOR}};
    static const struct { const char *name; int op; } un[] = {
        {"neg", WK_UOP_NEG}, {"abs", WK_UOP_ABS}, {"exp", WK_UOP_EXP}, {"sqrt", WK_UOP_SQRT},
        {"sigmoid", WK_UOP_SIGMOID}, {"tanh", WK_UOP_TANH}, {"relu", WK_UOP_RELU}, {"floor", WK_UOP_FLOOR}};
    static const char *const red[] = {"sum", "mean", "amax", "amin"};
    for (size_t i = 0; i < sizeof bin / sizeof *bin; i++) run(bin[i].name, t_binary, bin[i].op);
    for (size_t i = 0; i < sizeof un / sizeof *un; i++) run(un[i].name, t_unary, un[i].op);
    for (int i = 0; i < 4; i++) run(red[i], t_reduce, i);
    run("matmul", t_matmul, 0);
    run("in-place add_/mul_", t_inplace, 0);
    run("cat", t_cat, 0);
    return tap_done_testing();
}
