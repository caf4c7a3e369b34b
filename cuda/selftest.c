/* selftest.c — GPU self-test (TAP): every plugin kernel against the CPU backend on random inputs, Philox and allocator figures from cuda.md. */
#include "../runtime/backend.h"
#include "../runtime/cuda_loader.h"
#include "../runtime/rng.h"
#include "../tests/unit/tap.h"
#include <math.h>

static const wk_backend *cpu, *gpu;
static const wk_cuda_api *api;
static const wk_device GPU0 = {WK_DEV_CUDA, 0};

static wk_tensor *rand_cpu(int ndim, const int64_t *shape, wk_dtype dt, double lo, double hi) {
    wk_tensor *f = wk_tensor_empty(ndim, shape, WK_DT_F64, WK_CPU);
    wk_rng_uniform_(f, lo, hi, NULL);
    wk_tensor *t = wk_tensor_to_dtype(f, dt, false);
    wk_tensor_decref(f);
    return t;
}

/* max |a - b| relative, both on the CPU (compared in float64; NaN == NaN) */
static double maxdiff(const wk_tensor *a, const wk_tensor *b) {
    double m = 0;
    int64_t n = wk_tensor_numel(a);
    for (int64_t i = 0; i < n; i++) {
        double x = wk_scalar_to_f64(wk_tensor_get_flat(a, i)), y = wk_scalar_to_f64(wk_tensor_get_flat(b, i));
        if (isnan(x) && isnan(y)) continue;
        if (isinf(x) && x == y) continue;
        double d = fabs(x - y) / (1 + fabs(y));
        if (!(d <= m)) m = d;
    }
    return m;
}

static double tol(wk_dtype dt) { return dt == WK_DT_F16 ? 2e-3 : dt == WK_DT_BF16 ? 1.6e-2 : dt == WK_DT_F32 ? 2e-5 : dt == WK_DT_F64 ? 1e-12 : 0; }

static wk_tensor *to_gpu(const wk_tensor *t) { return wk_tensor_to_device(t, GPU0); }
static wk_tensor *to_cpu(const wk_tensor *t) { return wk_tensor_to_device(t, WK_CPU); }

static bool agree(const wk_tensor *cpu_out, const wk_tensor *gpu_out, double tl, const char *what) {
    wk_tensor *back = to_cpu(gpu_out);
    double d = back ? maxdiff(back, cpu_out) : INFINITY;
    bool ok = back && d <= tl;
    tap_ok(ok, "%s (max rel diff %.3g)", what, d);
    if (!back) tap_diag("error: %s", wk_rt_errmsg());
    wk_tensor_decref(back);
    return ok;
}

static const wk_dtype k_all[] = {WK_DT_BOOL, WK_DT_U8, WK_DT_I8, WK_DT_I16, WK_DT_I32, WK_DT_I64, WK_DT_F16, WK_DT_BF16, WK_DT_F32, WK_DT_F64};
static const wk_dtype k_float[] = {WK_DT_F16, WK_DT_BF16, WK_DT_F32, WK_DT_F64};

static void test_copy_cast(void) {
    int64_t sh[3] = {3, 17, 5};
    for (int i = 0; i < 10; i++)
        for (int j = 0; j < 10; j++) {
            wk_tensor *a = rand_cpu(3, sh, k_all[i], -100, 100);
            wk_tensor *g = to_gpu(a);
            wk_tensor *gt = wk_tensor_transpose(g, 0, 2); /* strided source */
            wk_tensor *ct = wk_tensor_transpose(a, 0, 2);
            wk_tensor *go = wk_tensor_empty(3, gt->shape, k_all[j], GPU0);
            wk_tensor *co = wk_tensor_empty(3, ct->shape, k_all[j], WK_CPU);
            bool ok = go && wk_tensor_copy_(go, gt) && wk_tensor_copy_(co, ct);
            if (!ok) tap_diag("%s", wk_rt_errmsg());
            agree(co, go, 0, "copy strided");
            wk_tensor_decref(a); wk_tensor_decref(g); wk_tensor_decref(gt); wk_tensor_decref(ct);
            wk_tensor_decref(go); wk_tensor_decref(co);
        }
}

static void test_unary(void) {
    int64_t sh[2] = {33, 65};
    for (int f = 0; f < 4; f++)
        for (int op = 0; op < WK_UOP_COUNT; op++) {
            if (op == WK_UOP_BITWISE_NOT) continue;
            double p[2] = {0.5, 1.5};
            wk_tensor *a = rand_cpu(2, sh, k_float[f], 0.05, 3);
            wk_dtype od = op >= WK_UOP_ISNAN || op == WK_UOP_LOGICAL_NOT ? WK_DT_BOOL : k_float[f];
            wk_tensor *co = wk_tensor_empty(2, sh, od, WK_CPU), *g = to_gpu(a), *go = wk_tensor_empty(2, sh, od, GPU0);
            bool ok = cpu->unary(op, co, a, p) && gpu->unary(op, go, g, p);
            char what[64];
            snprintf(what, sizeof what, "unary op %d on %s", op, wk_dtype_name(k_float[f]));
            if (!ok) tap_ok(false, "%s: %s", what, wk_rt_errmsg());
            else agree(co, go, tol(k_float[f]) * 4, what);
            wk_tensor_decref(a); wk_tensor_decref(co); wk_tensor_decref(g); wk_tensor_decref(go);
        }
}

static void test_binary(void) {
    int64_t sh[2] = {31, 70}, shb[2] = {1, 70};
    for (int d = 0; d < 10; d++)
        for (int op = 0; op < WK_BIN_COUNT; op++) {
            wk_dtype dt = k_all[d];
            wk_tensor *a = rand_cpu(2, sh, dt, 1, 50), *b0 = rand_cpu(2, shb, dt, 1, 9);
            wk_tensor *b = wk_tensor_expand(b0, 2, sh); /* broadcast operand, stride 0 */
            wk_dtype od = op >= WK_BIN_EQ ? WK_DT_BOOL : dt;
            wk_tensor *co = wk_tensor_empty(2, sh, od, WK_CPU), *go = wk_tensor_empty(2, sh, od, GPU0);
            wk_tensor *ga = to_gpu(a), *gb0 = to_gpu(b0), *gb = wk_tensor_expand(gb0, 2, sh);
            wk_rt_errclear();
            bool cok = cpu->binary(op, co, a, b, 1.0);
            if (cok) {
                char what[64];
                snprintf(what, sizeof what, "binary op %d on %s", op, wk_dtype_name(dt));
                if (!gpu->binary(op, go, ga, gb, 1.0)) tap_ok(false, "%s: %s", what, wk_rt_errmsg());
                else agree(co, go, tol(dt) * 4 + (op == WK_BIN_POW ? 1e-5 : 0), what);
            }
            wk_tensor *ts[] = {a, b0, b, co, go, ga, gb0, gb};
            for (int i = 0; i < 8; i++) wk_tensor_decref(ts[i]);
        }
}

static void test_reduce(void) {
    int64_t sh[3] = {7, 300, 5};
    static const int ops[] = {WK_RED_SUM, WK_RED_PROD, WK_RED_MEAN, WK_RED_MAX, WK_RED_MIN, WK_RED_ALL, WK_RED_ANY,
                              WK_RED_VAR, WK_RED_STD, WK_RED_NORM, WK_RED_LOGSUMEXP, WK_RED_NANSUM, WK_RED_COUNT_NONZERO};
    for (int f = 2; f < 4; f++)
        for (size_t o = 0; o < sizeof ops / sizeof *ops; o++)
            for (uint32_t dims = 1; dims < 8; dims++) {
                wk_dtype dt = k_float[f];
                wk_tensor *a = rand_cpu(3, sh, dt, 0.9, 1.1), *ga = to_gpu(a);
                int64_t os[3];
                for (int d = 0; d < 3; d++) os[d] = dims >> d & 1 ? 1 : sh[d];
                wk_dtype od = ops[o] == WK_RED_ALL || ops[o] == WK_RED_ANY ? WK_DT_BOOL : ops[o] == WK_RED_COUNT_NONZERO ? WK_DT_I64 : dt;
                wk_tensor *co = wk_tensor_empty(3, os, od, WK_CPU), *go = wk_tensor_empty(3, os, od, GPU0);
                double param = ops[o] == WK_RED_NORM ? 2 : 1;
                char what[64];
                snprintf(what, sizeof what, "reduce op %d dims %u on %s", ops[o], dims, wk_dtype_name(dt));
                if (!cpu->reduce(ops[o], co, a, dims, param) || !gpu->reduce(ops[o], go, ga, dims, param))
                    tap_ok(false, "%s: %s", what, wk_rt_errmsg());
                else agree(co, go, ops[o] == WK_RED_PROD ? 1e-3 : 1e-4, what);
                wk_tensor *ts[] = {a, ga, co, go};
                for (int i = 0; i < 4; i++) wk_tensor_decref(ts[i]);
            }
    /* a large full sum exercises the split path */
    int64_t big[1] = {1 << 22};
    wk_tensor *a = rand_cpu(1, big, WK_DT_F32, 0, 1), *ga = to_gpu(a);
    int64_t one[1] = {1};
    wk_tensor *co = wk_tensor_empty(1, one, WK_DT_F32, WK_CPU), *go = wk_tensor_empty(1, one, WK_DT_F32, GPU0);
    tap_ok(cpu->reduce(WK_RED_SUM, co, a, 1, 0) && gpu->reduce(WK_RED_SUM, go, ga, 1, 0), "sum of 2^22 floats runs");
    agree(co, go, 1e-5, "sum of 2^22 floats");
    wk_tensor *ts[] = {a, ga, co, go};
    for (int i = 0; i < 4; i++) wk_tensor_decref(ts[i]);
}

static void test_arg_scan(void) {
    int64_t sh[2] = {40, 77};
    for (int dim = 0; dim < 2; dim++)
        for (int op = 0; op < 2; op++) {
            wk_tensor *a = rand_cpu(2, sh, WK_DT_F32, -5, 5), *ga = to_gpu(a);
            int64_t os[2] = {dim == 0 ? 1 : 40, dim == 1 ? 1 : 77};
            wk_tensor *ci = wk_tensor_empty(2, os, WK_DT_I64, WK_CPU), *gi = wk_tensor_empty(2, os, WK_DT_I64, GPU0);
            bool ok = cpu->arg_reduce(op, NULL, ci, a, dim) && gpu->arg_reduce(op, NULL, gi, ga, dim);
            if (!ok) tap_diag("%s", wk_rt_errmsg());
            agree(ci, gi, 0, op ? "argmin" : "argmax");
            wk_tensor *ts[] = {a, ga, ci, gi};
            for (int i = 0; i < 4; i++) wk_tensor_decref(ts[i]);
        }
    for (int op = 0; op < WK_SCAN_COUNT; op++) {
        wk_tensor *a = rand_cpu(2, sh, WK_DT_F64, 0.5, 1.5), *ga = to_gpu(a);
        wk_tensor *co = wk_tensor_empty(2, sh, WK_DT_F64, WK_CPU), *go = wk_tensor_empty(2, sh, WK_DT_F64, GPU0);
        wk_tensor *ci = wk_tensor_empty(2, sh, WK_DT_I64, WK_CPU), *gi = wk_tensor_empty(2, sh, WK_DT_I64, GPU0);
        bool ok = cpu->scan(op, co, ci, a, 1) && gpu->scan(op, go, gi, ga, 1);
        if (!ok) tap_diag("%s", wk_rt_errmsg());
        agree(co, go, 1e-9, "scan values");
        if (op == WK_SCAN_CUMMAX || op == WK_SCAN_CUMMIN) agree(ci, gi, 0, "scan indices");
        wk_tensor *ts[] = {a, ga, co, go, ci, gi};
        for (int i = 0; i < 6; i++) wk_tensor_decref(ts[i]);
    }
}

static void test_gemm(void) {
    for (int f = 0; f < 4; f++)
        for (int t = 0; t < 4; t++) {
            wk_dtype dt = k_float[f];
            int64_t m = 37, n = 29, k = 45;
            bool ta = t & 1, tb = t & 2;
            int64_t sa[2] = {ta ? k : m, ta ? m : k}, sb[2] = {tb ? n : k, tb ? k : n}, sc[2] = {m, n};
            wk_tensor *a = rand_cpu(2, sa, dt, -1, 1), *b = rand_cpu(2, sb, dt, -1, 1), *c = rand_cpu(2, sc, dt, -1, 1);
            wk_tensor *ga = to_gpu(a), *gb = to_gpu(b), *gc = to_gpu(c);
            bool ok = cpu->gemm(dt, ta, tb, m, n, k, 1.5, wk_tensor_data(a), sa[1], wk_tensor_data(b), sb[1], 0.5,
                                wk_tensor_data(c), n) &&
                      gpu->gemm(dt, ta, tb, m, n, k, 1.5, wk_tensor_data(ga), sa[1], wk_tensor_data(gb), sb[1], 0.5,
                                wk_tensor_data(gc), n);
            if (!ok) tap_diag("%s", wk_rt_errmsg());
            char what[64];
            snprintf(what, sizeof what, "gemm %s ta=%d tb=%d", wk_dtype_name(dt), ta, tb);
            agree(c, gc, dt == WK_DT_F64 ? 1e-12 : dt == WK_DT_F32 ? 1e-5 : 3e-2, what);
            wk_tensor *ts[] = {a, b, c, ga, gb, gc};
            for (int i = 0; i < 6; i++) wk_tensor_decref(ts[i]);
        }
}

static void test_index(void) {
    int64_t sh[2] = {20, 30}, ish[1] = {12};
    wk_tensor *a = rand_cpu(2, sh, WK_DT_F32, -1, 1), *ga = to_gpu(a);
    wk_tensor *ix = wk_tensor_empty(1, ish, WK_DT_I64, WK_CPU);
    wk_rng_random_(ix, -20, 20, NULL);
    wk_tensor *gix = to_gpu(ix);
    int64_t os[2] = {12, 30};
    wk_tensor *co = wk_tensor_empty(2, os, WK_DT_F32, WK_CPU), *go = wk_tensor_empty(2, os, WK_DT_F32, GPU0);
    bool ok = cpu->index_select(co, a, 0, ix) && gpu->index_select(go, ga, 0, gix);
    if (!ok) tap_diag("%s", wk_rt_errmsg());
    agree(co, go, 0, "index_select (negative indices)");
    wk_tensor *self_c = wk_tensor_zeros(2, sh, WK_DT_F32, WK_CPU), *self_g = to_gpu(self_c);
    ok = cpu->index_add(self_c, 0, ix, co, 2.0) && gpu->index_add(self_g, 0, gix, go, 2.0);
    if (!ok) tap_diag("%s", wk_rt_errmsg());
    agree(self_c, self_g, 1e-6, "index_add with duplicates (atomic)");
    int64_t big[1] = {1};
    wk_tensor *bad = wk_tensor_full(1, big, wk_scalar_int(99), WK_DT_I64, GPU0);
    int64_t os1[2] = {1, 30};
    wk_tensor *o1 = wk_tensor_empty(2, os1, WK_DT_F32, GPU0);
    wk_rt_errclear();
    tap_ok(!gpu->index_select(o1, ga, 0, bad) && wk_rt_errkind() == WK_ERR_INDEX &&
               !strcmp(wk_rt_errmsg(), "index out of range in self"), "out-of-range index: IndexError, no abort");
    wk_tensor *ts[] = {a, ga, ix, gix, co, go, self_c, self_g, bad, o1};
    for (int i = 0; i < 10; i++) wk_tensor_decref(ts[i]);
}

/* cuda.md §1: torch.manual_seed(0); torch.rand(2, 2, device=0); torch.rand(2, 2, device=0); randn(3) */
static void test_philox(void) {
    api->manual_seed_all(0);
    int64_t sh[2] = {2, 2}, sh3[1] = {3};
    wk_tensor *x = wk_tensor_empty(2, sh, WK_DT_F32, GPU0), *y = wk_tensor_empty(2, sh, WK_DT_F32, GPU0);
    gpu->uniform_(x, 0, 1, NULL);
    gpu->uniform_(y, 0, 1, NULL);
    wk_tensor *cx = to_cpu(x), *cy = to_cpu(y);
    const float *px = wk_tensor_data(cx), *py = wk_tensor_data(cy);
    const double ex[4] = {0.3990, 0.5167, 0.0249, 0.9401}, ey[4] = {0.9722, 0.7910, 0.4690, 0.3300};
    bool ok = true;
    for (int i = 0; i < 4; i++) ok = ok && fabs(px[i] - ex[i]) < 5e-5 && fabs(py[i] - ey[i]) < 5e-5;
    tap_ok(ok, "manual_seed(0); rand(2,2) twice matches PyTorch (%.4f %.4f %.4f %.4f / %.4f ...)", px[0], px[1], px[2], px[3], py[0]);
    uint8_t st[16];
    api->get_rng_state(0, st);
    tap_ok(st[8] == 8, "generator offset 8 after two rand calls (got %d)", st[8]);
    api->manual_seed_all(0);
    wk_tensor *z = wk_tensor_empty(1, sh3, WK_DT_F32, GPU0);
    gpu->normal_(z, 0, 1, NULL);
    wk_tensor *cz = to_cpu(z);
    const float *pz = wk_tensor_data(cz);
    tap_ok(fabs(pz[0] + 0.9247) < 5e-5 && fabs(pz[1] + 0.4253) < 5e-5 && fabs(pz[2] + 2.6438) < 5e-5,
           "manual_seed(0); randn(3) matches PyTorch (%.4f %.4f %.4f)", pz[0], pz[1], pz[2]);
    wk_tensor *ts[] = {x, y, cx, cy, z, cz};
    for (int i = 0; i < 6; i++) wk_tensor_decref(ts[i]);
}

static int64_t stat(const char *key) {
    const char *keys[130];
    int64_t vals[130];
    int n = api->memory_stats_items(0, keys, vals, 130);
    for (int i = 0; i < n; i++) if (!strcmp(keys[i], key)) return vals[i];
    return -1;
}

static void test_memory(void) {
    api->empty_cache();
    api->reset_peak(0);
    int64_t base = stat("allocated_bytes.all.current");
    int64_t s29[1] = {1LL << 29}, s28[1] = {1LL << 28};
    wk_tensor *x = wk_tensor_empty(1, s29, WK_DT_F32, GPU0);
    wk_tensor_decref(x);
    wk_tensor *y = wk_tensor_empty(1, s28, WK_DT_F32, GPU0);
    wk_tensor *z = wk_tensor_empty(1, s29, WK_DT_F32, GPU0);
    wk_tensor_decref(z);
    api->empty_cache();
    tap_is_int(stat("allocated_bytes.all.current") - base, 1073741824, "1/2/3 GiB: memory_allocated");
    tap_is_int(stat("allocated_bytes.all.peak") - base, 3221225472, "1/2/3 GiB: max_memory_allocated");
    wk_tensor_decref(y);
    api->empty_cache();
    int64_t huge[1] = {10000000000000LL};
    wk_rt_errclear();
    wk_tensor *h = wk_tensor_empty(1, huge, WK_DT_F32, GPU0);
    tap_ok(!h && wk_rt_errkind() == WK_ERR_OOM && strstr(wk_rt_errmsg(), "Tried to allocate 37252.90 GiB"),
           "OOM raises with PyTorch's text: %.120s", wk_rt_errmsg());
    tap_ok(stat("num_ooms") == 1, "num_ooms counted");
    char buf[8192];
    api->memory_summary(0, false, buf, sizeof buf);
    tap_ok(strstr(buf, "PyTorch CUDA memory summary, device ID 0") != NULL, "memory_summary renders");
}

int main(void) {
    if (!wk_cuda_load()) {
        printf("1..0 # SKIP no CUDA: %s\n", wk_cuda_unavailable_reason());
        return 0;
    }
    api = wk_cuda();
    cpu = wk_backend_cpu();
    gpu = api->backend;
    wk_cuda_props p;
    api->get_properties(0, &p);
    tap_diag("device 0: %s, sm_%d%d, %d SMs, %lld MB", p.name, p.major, p.minor, p.multi_processor_count,
             (long long)(p.total_memory >> 20));
    wk_rng_seed(wk_rng_default(), 1234);
    test_philox();
    test_memory();
    test_copy_cast();
    test_unary();
    test_binary();
    test_reduce();
    test_arg_scan();
    test_gemm();
    test_index();
    return tap_done_testing();
}
