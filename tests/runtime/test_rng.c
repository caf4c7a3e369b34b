/* test_rng.c — the CPU generator against PyTorch streams (data/rng.txt from gen_rng.py, 1.13 mode) and torch-compat.md §2 vectors (2.x mode). */
#include "../../runtime/rng.h"
#include "../../runtime/backend.h"
#include "../../lang/sbuf.h"
#include "../unit/tap.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DATA_FILE "tests/runtime/data/rng.txt"

/* Values of t as the generator script prints them. */
static void hexes(const wk_tensor *t, wk_sbuf *sb) {
    int64_t n = wk_tensor_numel(t);
    for (int64_t i = 0; i < n; i++) {
        const char *p = (const char *)wk_tensor_data(t) + i * t->stride[0] * (int64_t)wk_dtype_size(t->dtype);
        if (i) wk_sbuf_addc(sb, ' ');
        switch (t->dtype) {
        case WK_DT_F32: { uint32_t u; memcpy(&u, p, 4); wk_sbuf_printf(sb, "%08x", u); break; }
        case WK_DT_F64: { uint64_t u; memcpy(&u, p, 8); wk_sbuf_printf(sb, "%016llx", (unsigned long long)u); break; }
        case WK_DT_F16: case WK_DT_BF16: { uint16_t u; memcpy(&u, p, 2); wk_sbuf_printf(sb, "%04x", u); break; }
        default: wk_sbuf_printf(sb, "%lld", (long long)wk_dtype_load_i64(t->dtype, p)); break;
        }
    }
}

static wk_tensor *run(const char *op, wk_dtype dt, int64_t n, double a, double b) {
    wk_generator *g = wk_rng_default();
    wk_tensor *t = NULL;
    if (!strcmp(op, "rand")) { t = wk_tensor_empty(1, &n, dt, WK_CPU); wk_rng_uniform_(t, 0, 1, NULL); }
    else if (!strcmp(op, "uniform")) { t = wk_tensor_empty(1, &n, dt, WK_CPU); wk_rng_uniform_(t, a, b, NULL); }
    else if (!strcmp(op, "normal")) { t = wk_tensor_empty(1, &n, dt, WK_CPU); wk_rng_normal_(t, a, b, NULL); }
    else if (!strcmp(op, "normal_t")) {
        int64_t n2 = 2 * n;
        t = wk_tensor_zeros(1, &n2, dt, WK_CPU);
        wk_tensor *v = wk_tensor_slice(t, 0, false, 0, false, 0, 2);
        wk_rng_normal_(v, a, b, NULL);
        wk_tensor_decref(v);
    } else if (!strcmp(op, "randn31")) {
        int64_t three = 3, one = 1;
        wk_tensor *x = wk_tensor_empty(1, &three, dt, WK_CPU);
        wk_rng_normal_(x, 0, 1, NULL);
        wk_tensor_decref(x);
        t = wk_tensor_empty(1, &one, dt, WK_CPU);
        wk_rng_normal_(t, 0, 1, NULL);
    } else if (!strcmp(op, "randint")) { t = wk_tensor_empty(1, &n, dt, WK_CPU); wk_rng_random_(t, (int64_t)a, (int64_t)b, NULL); }
    else if (!strcmp(op, "randperm")) { t = wk_tensor_empty(1, &n, dt, WK_CPU); wk_rng_randperm(t, NULL); }
    else if (!strcmp(op, "bernoulli")) { t = wk_tensor_zeros(1, &n, dt, WK_CPU); wk_rng_bernoulli_(t, a, NULL); }
    else if (!strcmp(op, "bernoulli_t")) {
        wk_tensor *p = wk_tensor_full(1, &n, wk_scalar_float(a), dt, WK_CPU);
        t = wk_tensor_empty(1, &n, dt, WK_CPU);
        wk_rng_bernoulli_tensor_(t, p, NULL);
        wk_tensor_decref(p);
    } else if (!strcmp(op, "random64")) { t = wk_tensor_empty(1, &n, WK_DT_I64, WK_CPU); wk_rng_random_full_(t, NULL); }
    (void)g;
    return t;
}

static void file_cases(void) {
    FILE *f = fopen(DATA_FILE, "r");
    if (!f) tap_bail_out("cannot open " DATA_FILE " (run from the repository root)");
    char *line = NULL, *want = NULL;
    size_t cap = 0, wcap = 0;
    wk_rng_set_compat(WK_RNG_COMPAT_113);
    while (getline(&line, &cap, f) > 0) {
        char name[64], op[32], dname[32];
        unsigned long long seed;
        long long n;
        double a, b;
        if (sscanf(line, "rng %63s %llu %31s %31s %lld %lf %lf", name, &seed, op, dname, &n, &a, &b) != 7) continue;
        ssize_t wl = getline(&want, &wcap, f);
        if (wl <= 0) break;
        if (want[wl - 1] == '\n') want[wl - 1] = 0;
        wk_dtype dt;
        wk_dtype_from_name(dname, &dt);
        wk_rng_seed(wk_rng_default(), seed);
        wk_tensor *t = run(op, dt, n, a, b);
        wk_sbuf sb;
        wk_sbuf_init(&sb);
        if (t) hexes(t, &sb);
        else wk_sbuf_adds(&sb, wk_rt_errmsg());
        tap_is_str(sb.data ? sb.data : "", want + 5, "%s (%s %s n=%lld seed=%llu)", name, op, dname, n, seed);
        wk_sbuf_free(&sb);
        wk_tensor_decref(t);
    }
    free(line);
    free(want);
    fclose(f);
    wk_rng_set_compat(WK_RNG_COMPAT_2X);
}

/* torch-compat.md §2.1 and §2.11 (identical in 1.13 and 2.11 unless noted). */
static void doc_vectors(void) {
    wk_generator *g = wk_rng_new();
    wk_rng_seed(g, 42);
    uint32_t want42[5] = {1608637542u, 3421126067u, 4083286876u, 787846414u, 3143890026u};
    bool ok = true;
    for (int i = 0; i < 5; i++) ok &= wk_rng_u32(g) == want42[i];
    tap_ok(ok, "MT19937 seed 42 first outputs");
    wk_rng_seed(g, 0);
    tap_ok(wk_rng_u32(g) == 2357136044u && wk_rng_u32(g) == 2546248239u && wk_rng_u32(g) == 3071714933u,
           "MT19937 seed 0 first outputs");
    wk_rng_seed(g, (1ULL << 32) + 7);
    tap_is_int((long long)wk_rng_initial_seed(g), (1LL << 32) + 7, "initial_seed keeps all 64 bits");

    struct { int64_t n; int seed; wk_dtype dt; bool normal; const char *want; } v[] = {
        {5, 42, WK_DT_F32, false, "3f61dc66 3f6a3db3 3ec406b8 3f75950e 3ec7e8d4"},
        {3, 42, WK_DT_F32, true, "3eac62ae 3e03e69d 3e7016e7"},
        {20, 42, WK_DT_F32, true,
         "3ff6a529 3fbe5f53 3f669567 c006c0db bf4214e2 3f8a0650 3f4d0144 3fd71e93 3eb63345 bf2fc686 "
         "befc9934 3e774893 be6d2eed 3d2b0c00 be80ce7a 3f5c1fb0 be9e9482 beca9a91 3f4dac3c bf1f20e0"},
        {2, 42, WK_DT_F64, false, "3fadc66cbea3db30 3fb01ae177aca870"},
    };
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        wk_rng_seed(g, (uint64_t)v[i].seed);
        wk_tensor *t = wk_tensor_empty(1, &v[i].n, v[i].dt, WK_CPU);
        if (v[i].normal) wk_rng_normal_(t, 0, 1, g);
        else wk_rng_uniform_(t, 0, 1, g);
        wk_sbuf sb;
        wk_sbuf_init(&sb);
        hexes(t, &sb);
        tap_is_str(sb.data, v[i].want, "compat doc vector %zu", i);
        wk_sbuf_free(&sb);
        wk_tensor_decref(t);
    }
    /* 2.x draws 64 bits for ranges >= 2^28; 1.13 only from 2^32 */
    int64_t one = 1;
    wk_tensor *t = wk_tensor_empty(1, &one, WK_DT_I64, WK_CPU);
    wk_rng_seed(g, 0);
    wk_rng_random_(t, 0, 1LL << 31, g);
    tap_is_int(*(int64_t *)wk_tensor_data(t), 398764591, "randint(0, 2**31) 2.x");
    wk_rng_set_compat(WK_RNG_COMPAT_113);
    wk_rng_seed(g, 0);
    wk_rng_random_(t, 0, 1LL << 31, g);
    tap_is_int(*(int64_t *)wk_tensor_data(t), 209652396, "randint(0, 2**31) 1.13");
    wk_rng_set_compat(WK_RNG_COMPAT_2X);
    wk_tensor_decref(t);
    /* randint small range agrees: manual_seed(0); randint(0,10,(3,)) -> [4, 9, 3] */
    int64_t three = 3;
    t = wk_tensor_empty(1, &three, WK_DT_I64, WK_CPU);
    wk_rng_seed(g, 0);
    wk_rng_random_(t, 0, 10, g);
    int64_t *d = wk_tensor_data(t);
    tap_ok(d[0] == 4 && d[1] == 9 && d[2] == 3, "randint(0, 10, (3,)) seed 0");
    wk_tensor_decref(t);
    /* errors */
    t = wk_tensor_empty(1, &three, WK_DT_I64, WK_CPU);
    tap_ok(!wk_rng_normal_(t, 0, 1, g) && !strcmp(wk_rt_errmsg(), "\"normal_kernel_cpu\" not implemented for 'Long'"),
           "normal_ on int64 fails: %s", wk_rt_errmsg());
    tap_ok(!wk_rng_random_(t, 5, 5, g), "random_ with empty range fails");
    wk_tensor_decref(t);
    wk_rng_free(g);
    /* default generator starts from PyTorch's default seed */
    tap_is_int((long long)wk_rng_initial_seed(wk_rng_default()), 67280421310721LL, "default seed");
}

int main(void) {
    doc_vectors();
    file_cases();
    return tap_done_testing();
}
