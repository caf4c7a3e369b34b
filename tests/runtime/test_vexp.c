/* test_vexp.c — the AVX2 expf/logf and softmax lane reductions give exactly the bits of the scalar PyTorch-rounding emulations (cpu_vmath.c). */
#include "../../runtime/cpu_vmath.h"
#include "../unit/tap.h"
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static uint32_t bits(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }
static float from_bits(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint32_t rnd(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 16);
}
static float rnd_in(float lo, float hi) { return lo + (hi - lo) * (float)(rnd() >> 8) * (1.0f / 16777216.0f); }

/* Runs the vector routine over v (n values, at an odd offset so loads are unaligned) and
 * compares every bit, NaN payloads included, with the scalar routine; 1 when all agree. */
static int same_as_scalar(const char *what, const float *v, int64_t n, bool is_log, float sub) {
    float *out = malloc((size_t)(n + 1) * sizeof *out), *in = malloc((size_t)(n + 1) * sizeof *in);
    memcpy(in + 1, v, (size_t)n * sizeof *v);
    int64_t done = is_log ? wk_vm_logf_n(out + 1, in + 1, n) : wk_vm_expf_sub_n(out + 1, in + 1, n, sub, NULL);
    int64_t bad = 0, first = -1;
    for (int64_t i = 0; i < done; i++) {
        float want = is_log ? wk_vm_logf(in[1 + i]) : wk_vm_expf(in[1 + i] - sub);
        if (bits(out[1 + i]) != bits(want)) { if (first < 0) first = i; bad++; }
    }
    tap_ok(done == n - n % 8 && bad == 0, "%s: %lld values, %lld vectorised, %lld differ", what, (long long)n,
           (long long)done, (long long)bad);
    if (first >= 0) {
        float x = in[1 + first];
        tap_diag("first: x=%a (0x%08x) vector 0x%08x scalar 0x%08x", x, bits(x), bits(out[1 + first]),
                 bits(is_log ? wk_vm_logf(x) : wk_vm_expf(x - sub)));
    }
    free(out);
    free(in);
    return bad == 0;
}

static const float specials[] = {
    0.0f, -0.0f, INFINITY, -INFINITY, NAN, -NAN, FLT_MIN, -FLT_MIN, FLT_MAX, -FLT_MAX, FLT_TRUE_MIN,
    -FLT_TRUE_MIN, 0x1p-127f, 0x1.fffffcp-127f, 1.0f, -1.0f, 0.75f, 1.5f, 2.0f, 0.5f, 100.0f, -104.0f,
    88.72283935546875f, 88.7228469848632812f, -87.33654022216796875f, -103.972084045410156f, 89.0f, -89.0f,
    0.693145751953125f, 0.3465735912322998f, 1.0397207736968994f, 2147483520.0f, 2147483648.0f, -2147483648.0f,
    1e30f, -1e30f, 1e-30f, 1e-40f, 3.0f, 10.0f, 1e10f, 0.1f, 1.0000001f, 0.99999994f,
};

static void special_values(bool is_log) {
    enum { M = sizeof specials / sizeof specials[0] };
    float v[M * 5 + 8];
    int64_t n = 0;
    for (int i = 0; i < M; i++) {
        float x = specials[i];
        v[n++] = x;
        v[n++] = nextafterf(x, INFINITY);
        v[n++] = nextafterf(x, -INFINITY);
        v[n++] = -x;
        v[n++] = from_bits(bits(x) ^ 1);
    }
    v[n++] = from_bits(0x7fc00001u);  /* NaN payloads come through (exp) or become NAN (log) */
    v[n++] = from_bits(0xffa00000u);
    v[n++] = from_bits(0x7f800001u);
    while (n % 8) v[n++] = 1.0f;
    same_as_scalar(is_log ? "log: special values" : "exp: special values", v, n, is_log, 0.0f);
}

/* every 97th bit pattern (44 million values), in chunks; exp subtracts a zero as the
 * softmax does (x - 0 turns signalling NaNs quiet, in both versions) */
static void strided_patterns(bool is_log) {
    enum { CH = 1 << 20 };
    volatile float zero = 0.0f;
    float *v = malloc(CH * sizeof *v);
    int ok = 1;
    uint64_t b = 0;
    while (b < 0x100000000ull && ok) {
        int64_t n = 0;
        for (; n < CH && b < 0x100000000ull; b += 97) v[n++] = from_bits((uint32_t)b);
        float *out = malloc((size_t)n * sizeof *out);
        int64_t done = is_log ? wk_vm_logf_n(out, v, n) : wk_vm_expf_sub_n(out, v, n, zero, NULL);
        for (int64_t i = 0; i < done && ok; i++)
            if (bits(out[i]) != bits(is_log ? wk_vm_logf(v[i]) : wk_vm_expf(v[i] - zero))) {
                tap_diag("x=%a (0x%08x) vector 0x%08x", v[i], bits(v[i]), bits(out[i]));
                ok = 0;
            }
        ok = ok && done == n - n % 8;
        free(out);
    }
    free(v);
    tap_ok(ok, "%s: every 97th bit pattern agrees", is_log ? "log" : "exp");
}

static void random_values(bool is_log) {
    int64_t n = 2000000;
    float *v = malloc((size_t)n * sizeof *v);
    for (int64_t i = 0; i < n; i++) v[i] = from_bits(rnd());
    same_as_scalar(is_log ? "log: random bit patterns" : "exp: random bit patterns", v, n, is_log, 0.0f);
    for (int64_t i = 0; i < n; i++) v[i] = is_log ? rnd_in(0, 10) : rnd_in(-110, 110);
    same_as_scalar(is_log ? "log: uniform (0, 10)" : "exp: uniform (-110, 110)", v, n, is_log, 0.0f);
    for (int64_t i = 0; i < n; i++) v[i] = is_log ? rnd_in(0.5f, 2) : rnd_in(-3, 3);
    same_as_scalar(is_log ? "log: uniform (0.5, 2)" : "exp: x - 1.75 for x uniform (-3, 3)", v, n, is_log,
                   is_log ? 0.0f : 1.75f);
    /* halfway cases of the range reduction: x * (1/ln 2) near k + 0.5 */
    for (int64_t i = 0; i < n; i++) {
        float k = (float)((int)(rnd() % 200) - 100) + 0.5f;
        v[i] = is_log ? from_bits(rnd() & 0x807fffffu) : from_bits(bits(k * 0.69314718f) + (rnd() % 9) - 4);
    }
    same_as_scalar(is_log ? "log: subnormals and their negatives" : "exp: halfway range reductions", v, n, is_log,
                   0.0f);
    free(v);
}

/* vec::reduce_all's lane loop, scalar, as cpu_softmax_impl.h has it */
static float red_op(int kind, float a, float x) {
    if (kind != WK_VM_RED_MAX) return a + x;
    return isnan(a) || isnan(x) ? NAN : a > x ? a : x;
}
static void reductions(void) {
    static const char *names[] = {"max", "sum", "sum of exp"};
    int64_t sizes[] = {8, 9, 15, 16, 17, 64, 1000, 1003};
    for (int kind = WK_VM_RED_MAX; kind <= WK_VM_RED_SUMEXP; kind++) {
        int ok = 1;
        for (int rep = 0; rep < 200 && ok; rep++) {
            int64_t n = sizes[rep % 8];
            float v[1003], acc[8], want[8];
            for (int64_t i = 0; i < n; i++) v[i] = rnd_in(-20, 20);
            if (rep % 5 == 1) v[rnd() % n] = NAN;
            if (rep % 5 == 2) v[rnd() % n] = rep % 2 ? INFINITY : -INFINITY;
            if (rep % 5 == 3) v[rnd() % n] = -0.0f;
            float mx = kind == WK_VM_RED_SUMEXP ? rnd_in(0, 20) : 0;
            int64_t done = wk_vm_reduce8_f32(kind, acc, v, n, mx);
            for (int l = 0; l < 8; l++) want[l] = kind == WK_VM_RED_SUMEXP ? wk_vm_expf(v[l] - mx) : v[l];
            for (int64_t d = 8; d + 8 <= n; d += 8)
                for (int l = 0; l < 8; l++)
                    want[l] = red_op(kind, want[l], kind == WK_VM_RED_SUMEXP ? wk_vm_expf(v[d + l] - mx) : v[d + l]);
            ok = done == n - n % 8;
            for (int l = 0; l < 8 && ok; l++) ok = bits(acc[l]) == bits(want[l]);
        }
        tap_ok(ok, "reduce8 %s: lanes equal the scalar loop's bits", names[kind]);
    }
    float acc[8], v[7] = {0};
    tap_is_int(wk_vm_reduce8_f32(WK_VM_RED_SUM, acc, v, 7, 0), 0, "reduce8 leaves rows shorter than a vector");
}

/* the softmax row's other loops: exp with the lane sums of its outputs, scale, subtract */
static void row_loops(void) {
    int ok = 1;
    for (int rep = 0; rep < 200 && ok; rep++) {
        int64_t n = 8 + rep % 37;
        float v[44], out[44], acc[8], want[8];
        for (int64_t i = 0; i < n; i++) v[i] = rep % 7 == 3 && i == 5 ? NAN : rnd_in(-30, 30);
        float mx = rnd_in(-5, 30), a = rnd_in(-3, 3), b = rnd_in(-3, 3);
        int64_t done = wk_vm_expf_sub_n(out, v, n, mx, acc);
        ok = done == n - n % 8;
        for (int64_t i = 0; i < done && ok; i++) ok = bits(out[i]) == bits(wk_vm_expf(v[i] - mx));
        for (int l = 0; l < 8; l++) want[l] = out[l];
        for (int64_t d = 8; d + 8 <= n; d += 8)
            for (int l = 0; l < 8; l++) want[l] = want[l] + out[d + l];
        for (int l = 0; l < 8 && ok; l++) ok = bits(acc[l]) == bits(want[l]);
        done = wk_vm_scale_n(out, v, n, a);
        for (int64_t i = 0; i < done && ok; i++) ok = bits(out[i]) == bits(v[i] * a);
        done = wk_vm_sub2_n(out, v, n, a, b);
        for (int64_t i = 0; i < done && ok; i++) ok = bits(out[i]) == bits(v[i] - a - b);
        ok = ok && done == n - n % 8;
    }
    tap_ok(ok, "exp with lane sums, scale and subtract agree with the scalar loops");
}

/* sigmoid and silu as cpu_elementwise.c computes them in the SIMD part of a row */
static void sigmoid_silu(void) {
    int64_t n = 1000000;
    float *v = malloc((size_t)n * sizeof *v), *out = malloc((size_t)n * sizeof *out);
    for (int silu = 0; silu <= 1; silu++) {
        for (int64_t i = 0; i < n; i++) v[i] = i % 3 ? rnd_in(-120, 120) : from_bits(rnd());
        memcpy(v, specials, sizeof specials);
        int64_t done = wk_vm_sigmoidf_n(out, v, n, silu), bad = 0;
        for (int64_t i = 0; i < done; i++) {
            float want = (silu ? v[i] : 1.0f) / (1.0f + wk_vm_expf(-v[i]));
            bad += bits(out[i]) != bits(want);
        }
        tap_ok(done == n && bad == 0, "%s: %lld values, %lld differ", silu ? "silu" : "sigmoid", (long long)n,
               (long long)bad);
    }
    /* tanh: random bits, (-12, 12), (-0.01, 0.01), then every 1021st bit pattern */
    for (int pass = 0; pass < 6; pass++) {
        for (int64_t i = 0; i < n; i++) {
            int k = i % 3;
            v[i] = k == 0 ? from_bits(rnd()) : k == 1 ? rnd_in(-12, 12) : rnd_in(-0.01f, 0.01f);
            if (pass > 0) v[i] = from_bits((uint32_t)(((uint64_t)(pass - 1) * n + i) * 1021));
        }
        if (pass == 0) memcpy(v, specials, sizeof specials);
        int64_t done = wk_vm_tanhf_n(out, v, n), bad = 0, first = -1;
        for (int64_t i = 0; i < done; i++)
            if (bits(out[i]) != bits(wk_vm_tanhf(v[i]))) { bad++; if (first < 0) first = i; }
        tap_ok(done == n && bad == 0, "tanh pass %d: %lld values, %lld differ", pass, (long long)n, (long long)bad);
        if (first >= 0) tap_diag("first: x=%a vector %a scalar %a", v[first], out[first], wk_vm_tanhf(v[first]));
    }
    free(v);
    free(out);
}

int main(void) {
    if (!wk_vm_have_avx2()) {
        tap_plan(1);
        tap_skip("this CPU has no AVX2+FMA: the scalar routines are used everywhere");
        return tap_done_testing();
    }
    for (int is_log = 0; is_log <= 1; is_log++) {
        special_values(is_log);
        strided_patterns(is_log);
        random_values(is_log);
    }
    reductions();
    row_loops();
    sigmoid_silu();
    return tap_done_testing();
}
