/* test_philox.c — replays the CUDA plugin's random fills on the CPU (cuda/philox.h, rng.cu's grid and offsets) against PyTorch 2.11's outputs recorded in cuda.md (TAP). */
#include "../../cuda/philox.h"
#include "../unit/tap.h"
#include <stdint.h>

/* The H200 of cuda.md: 132 SMs of 2048 threads. */
#define SMS 132
#define THREADS_PER_SM 2048

/* The device generator as plugin.c keeps it: seed and offset, bumped by each fill. */
typedef struct gen { uint64_t seed, offset; } gen;

enum dist { UNIFORM_F32, NORMAL_F32, UNIFORM_F64, NORMAL_F64 };

/* What k_dist writes for a fill of n elements of the given distribution (uniform on [0, 1),
 * normal with mean 0 and std 1): every thread of the launch grid in turn, each as Philox
 * subsequence t at the generator's offset, round after round, value k of a draw at
 * wkc_rng_index. Returns the generator offset the fill started from. */
static uint64_t fill(gen *g, enum dist d, int64_t n, double *out) {
    int unroll = (d == UNIFORM_F64 || d == NORMAL_F64) ? 2 : 4;
    int64_t grid = wkc_rng_grid(n, SMS, THREADS_PER_SM);
    uint64_t start = g->offset, rounds = wkc_rng_rounds(n, grid, unroll);
    g->offset += wkc_rng_increment(n, grid, unroll);
    for (int64_t t = 0; t < WKC_RNG_BLOCK * grid; t++) {
        wkc_philox_state s;
        wkc_philox_init(&s, g->seed, (uint64_t)t, start);
        for (uint64_t r = 0; r < rounds; r++) {
            double v[4];
            if (d == UNIFORM_F32 || d == NORMAL_F32) {
                wkc_f32x4 f = d == UNIFORM_F32 ? wkc_draw_uniform4(&s) : wkc_draw_normal4(&s);
                for (int k = 0; k < 4; k++) {
                    float x = d == UNIFORM_F32 ? wkc_uniform_scale_f32(f.v[k], 1.0f, 0.0f) : wkc_normal_scale_f32(f.v[k], 1.0f, 0.0f);
                    v[k] = d == UNIFORM_F32 && x == 1.0f ? 0.0 : x; /* rng.cu's UniformXf: to -> from */
                }
            } else {
                wkc_f64x2 f = d == UNIFORM_F64 ? wkc_draw_uniform2_f64(&s) : wkc_draw_normal2_f64(&s);
                for (int k = 0; k < 2; k++) {
                    double x = d == UNIFORM_F64 ? wkc_uniform_scale_f64(f.v[k], 1.0, 0.0) : wkc_normal_scale_f64(f.v[k], 1.0, 0.0);
                    v[k] = d == UNIFORM_F64 && x == 1.0 ? 0.0 : x;
                }
            }
            for (int k = 0; k < unroll; k++) {
                int64_t j = wkc_rng_index(t, r, k, grid, unroll);
                if (j < n) out[j] = v[k];
            }
        }
    }
    return start;
}

/* The values as PyTorch prints them ("%.4f" or "%.4e" of each element, space separated). */
static void show(const double *v, int n, const char *fmt, char *buf, size_t cap) {
    size_t len = 0;
    buf[0] = 0;
    for (int i = 0; i < n && len + 1 < cap; i++) {
        if (i) buf[len++] = ' ';
        len += (size_t)snprintf(buf + len, cap - len, fmt, v[i]);
    }
}

/* cuda.md §1, the cheat sheet's Arithmetic section on CUDA after torch.manual_seed(0). */
static void test_recorded_outputs(void) {
    gen g = {0, 0};
    double x[4], y[4], z[3];
    char buf[256];
    tap_is_int((long long)fill(&g, UNIFORM_F32, 4, x), 0, "x = rand(2, 2) starts at offset 0");
    show(x, 4, "%.4f", buf, sizeof buf);
    tap_is_str(buf, "0.3990 0.5167 0.0249 0.9401", "manual_seed(0); rand(2, 2, device=0)");
    tap_is_int((long long)fill(&g, UNIFORM_F32, 4, y), 4, "y = rand(2, 2) starts at offset 4");
    show(y, 4, "%.4f", buf, sizeof buf);
    tap_is_str(buf, "0.9722 0.7910 0.4690 0.3300", "the second rand(2, 2, device=0)");

    double sq[4], mm[4];
    for (int i = 0; i < 4; i++) {
        float f = (float)x[i];
        sq[i] = f * f;
    }
    show(sq, 4, "%.4e", buf, sizeof buf);
    tap_is_str(buf, "1.5924e-01 2.6696e-01 6.2152e-04 8.8375e-01", "x ** 2 (five digits of each x)");
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) mm[i * 2 + j] = (float)((float)x[i * 2] * (float)y[j] + (float)x[i * 2 + 1] * (float)y[2 + j]);
    show(mm, 4, "%.4f", buf, sizeof buf);
    tap_is_str(buf, "0.6303 0.4861 0.4652 0.3299", "x @ y");

    g.seed = 0;
    g.offset = 0;
    fill(&g, NORMAL_F32, 3, z);
    show(z, 3, "%.4f", buf, sizeof buf);
    tap_is_str(buf, "-0.9247 -0.4253 -2.6438", "manual_seed(0); randn(3, device=0)");
    tap_is_int((long long)g.offset, 4, "randn(3) advances the offset by 4");
}

/* cuda.md §5: offset 0 -> 4 after rand(4) -> 8 after rand(10**6); 256 x grid cap = 270,336. */
static void test_offsets_and_grid(void) {
    int64_t g4 = wkc_rng_grid(4, SMS, THREADS_PER_SM), gm = wkc_rng_grid(1000000, SMS, THREADS_PER_SM);
    tap_is_int(g4, 1, "rand(4): one block");
    tap_is_int(gm, 1056, "rand(10**6): grid capped at 132 SMs x 8 blocks");
    tap_is_int((long long)(wkc_rng_increment(4, g4, 4) + wkc_rng_increment(1000000, gm, 4)), 8,
               "offset 0 -> 4 -> 8 after rand(4), rand(10**6)");
    tap_is_int((long long)WKC_RNG_BLOCK * wkc_rng_grid(1 << 30, SMS, THREADS_PER_SM), 270336,
               "threads of a capped launch: 270,336");
    tap_is_int((long long)wkc_rng_increment(270336 * 4, 1056, 4), 4, "270,336 x 4 floats: one round");
    tap_is_int((long long)wkc_rng_increment(270336 * 4 + 1, 1056, 4), 8, "one more float: two rounds");
    tap_is_int((long long)wkc_rng_increment(270336 * 2 + 1, 1056, 2), 8, "float64: two values a round");
    tap_is_int((long long)wkc_rng_increment(1 << 28, 1056, 4), 4 * 249, "2^28 floats: 249 rounds");
    tap_is_int(wkc_rng_index(5, 2, 3, 1056, 4), 2 * 270336 * 4 + 5 + 3 * 270336, "value k of round r of thread t");
}

/* Properties of the generator that need no recorded output. */
static void test_generator_properties(void) {
    wkc_philox_state a, b;
    /* an offset inside a block of four starts mid-block: offset 1 = outputs 1.. of offset 0 */
    wkc_philox_init(&a, 42, 7, 0);
    wkc_philox_init(&b, 42, 7, 1);
    wkc_u32x4 a0 = wkc_philox_draw(&a), a1 = wkc_philox_draw(&a), b0 = wkc_philox_draw(&b);
    tap_ok(b0.v[0] == a0.v[1] && b0.v[1] == a0.v[2] && b0.v[2] == a0.v[3] && b0.v[3] == a1.v[0],
           "offset 1 continues the stream one output later");
    /* offset 4 is the second draw of offset 0 */
    wkc_philox_init(&b, 42, 7, 4);
    b0 = wkc_philox_draw(&b);
    tap_ok(!memcmp(&b0, &a1, sizeof b0), "offset 4 = the second draw");
    /* different subsequences and seeds give different streams */
    wkc_philox_init(&b, 42, 8, 0);
    b0 = wkc_philox_draw(&b);
    tap_ok(memcmp(&b0, &a0, sizeof b0) != 0, "subsequence 8 differs from 7");
    wkc_philox_init(&b, 42ull | 1ull << 32, 7, 0);
    b0 = wkc_philox_draw(&b);
    tap_ok(memcmp(&b0, &a0, sizeof b0) != 0, "the seed's high word is part of the key");
    /* the extremes of the conversions */
    tap_ok(wkc_uniform_f32(0) == 0x1p-33f && wkc_uniform_f32(0xffffffffu) == 1.0f, "uniform float: (0, 1]");
    tap_ok(wkc_uniform_f64(0, 0) == 0x1p-54 && wkc_uniform_f64(0xffffffffu, 0xffffffffu) < 1.0,
           "uniform double: 53 bits, below 1 at the top");
    float z0, z1;
    wkc_box_muller_f32(0xffffffffu, 0, &z0, &z1);
    tap_ok(z0 == 0.0f && z1 == 0.0f, "Box-Muller: u = 1 gives 0");
    /* uniform_ in float maps a draw of exactly 1 to `from` after rounding */
    static double u[270336 + 1];
    gen g = {0, 0};
    fill(&g, UNIFORM_F32, 270336 + 1, u);
    int bad = 0;
    double mean = 0;
    for (int i = 0; i <= 270336; i++) {
        if (!(u[i] >= 0 && u[i] < 1)) bad++;
        mean += u[i];
    }
    mean /= 270337;
    tap_ok(!bad && mean > 0.49 && mean < 0.51, "270,337 uniform floats in [0, 1), mean %.4f", mean);
    tap_is_int((long long)g.offset, 4, "one element past the thread count: still one round (four values a draw)");
}

int main(void) {
    test_recorded_outputs();
    test_offsets_and_grid();
    test_generator_properties();
    return tap_done_testing();
}
