// test_curand.cu — cuda/philox.h against curand_kernel.h itself, both compiled for the host by nvcc (no GPU needed; TAP).
// curand's device functions are inline header code; redefining QUALIFIERS makes them host
// callable, so every counter, carry and conversion of philox.h is checked bit for bit
// against the code PyTorch's kernels run. Only the float Box-Muller differs by design: its
// angle is one fused multiply-add in philox.h (what nvcc emits on the device), two roundings
// in a host build of curand, so normals are compared to a few ulps.
#define QUALIFIERS static inline __host__ __device__
#include <curand_kernel.h>
#include "../../cuda/philox.h"
#include "../unit/tap.h"
#include <math.h>

static bool same_bits(uint4 c, wkc_u32x4 w) { return c.x == w.v[0] && c.y == w.v[1] && c.z == w.v[2] && c.w == w.v[3]; }

static bool close_f(float a, float b) { return fabsf(a - b) <= 4e-6f * (1.0f + fabsf(b)); }

// Seeds, subsequences and offsets that reach every carry of the counter arithmetic.
static const unsigned long long k_seeds[] = {0, 1, 42, 0xffffffffull, 0x100000000ull, 5941302106539713ull,
                                             0xffffffffffffffffull};
static const unsigned long long k_subseq[] = {0, 1, 3, 255, 270335, 0xffffffffull, 0x100000000ull,
                                              0xfffffffffffffffeull};
static const unsigned long long k_offsets[] = {0, 1, 2, 3, 4, 5, 8, 996, 0x3fffffffcull, 0x3fffffffdull,
                                               0x400000000ull, 0xfffffffffffffffcull, 0xffffffffffffffffull};

// Draws `rounds` times from both generators set up with curand_init(seed, sub, off); kind
// picks the call: 0 curand4, 1 curand_uniform4, 2 curand_uniform2_double, 3 curand_normal4,
// 4 curand_normal2_double. Returns the number of mismatching draws.
static int compare(unsigned long long seed, unsigned long long sub, unsigned long long off, int kind, int rounds) {
    curandStatePhilox4_32_10_t c;
    wkc_philox_state w;
    curand_init(seed, sub, off, &c);
    wkc_philox_init(&w, seed, sub, off);
    int bad = 0;
    for (int r = 0; r < rounds; r++) {
        bool ok = true;
        if (kind == 0) {
            ok = same_bits(curand4(&c), wkc_draw_bits4(&w));
        } else if (kind == 1) {
            float4 a = curand_uniform4(&c);
            wkc_f32x4 b = wkc_draw_uniform4(&w);
            ok = a.x == b.v[0] && a.y == b.v[1] && a.z == b.v[2] && a.w == b.v[3];
        } else if (kind == 2) {
            double2 a = curand_uniform2_double(&c);
            wkc_f64x2 b = wkc_draw_uniform2_f64(&w);
            ok = a.x == b.v[0] && a.y == b.v[1];
        } else if (kind == 3) {
            float4 a = curand_normal4(&c);
            wkc_f32x4 b = wkc_draw_normal4(&w);
            ok = close_f(b.v[0], a.x) && close_f(b.v[1], a.y) && close_f(b.v[2], a.z) && close_f(b.v[3], a.w);
        } else {
            double2 a = curand_normal2_double(&c);
            wkc_f64x2 b = wkc_draw_normal2_f64(&w);
            ok = a.x == b.v[0] && a.y == b.v[1];
        }
        if (!ok) bad++;
    }
    return bad;
}

static void test_against_curand(void) {
    static const char *const names[] = {"curand4", "curand_uniform4", "curand_uniform2_double", "curand_normal4",
                                        "curand_normal2_double"};
    for (int kind = 0; kind < 5; kind++) {
        int bad = 0, cases = 0;
        for (unsigned i = 0; i < sizeof k_seeds / sizeof *k_seeds; i++)
            for (unsigned j = 0; j < sizeof k_subseq / sizeof *k_subseq; j++)
                for (unsigned k = 0; k < sizeof k_offsets / sizeof *k_offsets; k++) {
                    int b = compare(k_seeds[i], k_subseq[j], k_offsets[k], kind, 6);
                    if (b && bad < 3)
                        tap_diag("%s differs: seed %llu subsequence %llu offset %llu", names[kind], k_seeds[i],
                                 k_subseq[j], k_offsets[k]);
                    bad += b != 0;
                    cases++;
                }
        tap_ok(bad == 0, "%s: philox.h matches curand in %d of %d (seed, subsequence, offset) cases", names[kind],
               cases - bad, cases);
    }
}

// PyTorch's launch draws thread t of the grid from subsequence t; a million consecutive
// subsequences at seed 0, offset 0 and one later offset.
static void test_many_threads(void) {
    int bad = 0;
    for (unsigned long long t = 0; t < 270336; t++) bad += compare(0, t, 0, 1, 1) + compare(0, t, 8, 0, 2);
    tap_ok(bad == 0, "270,336 threads' first draws at offsets 0 and 8 match curand (%d bad)", bad);
}

// The float normals as the device computes them: curand's angle fused into one FMA.
static void test_normal_fma(void) {
    int bad = 0;
    for (unsigned long long t = 0; t < 4096; t++) {
        curandStatePhilox4_32_10_t c;
        curand_init(7, t, 0, &c);
        uint4 r = curand4(&c);
        const float step = CURAND_2POW32_INV_2PI;
        float v = fmaf((float)r.y, step, step / 2), s = sqrtf(-2.0f * logf(_curand_uniform(r.x)));
        float z0, z1;
        wkc_box_muller_f32(r.x, r.y, &z0, &z1);
        if (z0 != sinf(v) * s || z1 != cosf(v) * s) bad++;
    }
    tap_ok(bad == 0, "Box-Muller with a fused angle is bit-exact against curand's formula (%d bad)", bad);
}

int main(void) {
    test_against_curand();
    test_many_threads();
    test_normal_fma();
    return tap_done_testing();
}
