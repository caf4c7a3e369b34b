/* cpu_cast.c — vectorisable dtype conversion loops for rows (float/int/bool), with the results of PyTorch's x86-64 casts. */
#include "cpu_kernels.h"
#include "cpu_vmath.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

/* Built plainly and for AVX2 (the loader picks the clone); same results either way. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(WK_NO_TARGET_CLONES)
#define WK_CAST_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define WK_CAST_CLONES
#endif

/* PyTorch's static_cast on x86-64: a float outside the target's range (or NaN) becomes the
 * "integer indefinite" value (INT32_MIN / INT64_MIN, as cvttss2si gives); int8/int16/uint8
 * take the low bits of the int32 conversion. Written without the undefined C conversion. */
static inline int32_t f_to_i32(double v) {
    return v > -2147483649.0 && v < 2147483648.0 ? (int32_t)v : INT32_MIN;
}
static inline int64_t f_to_i64(double v) {
    return v >= -9223372036854775808.0 && v < 9223372036854775808.0 ? (int64_t)v : INT64_MIN;
}
static inline int32_t ff_to_i32(float v) {
    return v >= -2147483648.0f && v < 2147483648.0f ? (int32_t)v : INT32_MIN;
}

#define CAST_LOOP(NAME, DT, ST, EXPR)                                                      \
    WK_CAST_CLONES static void NAME(char *dst, int64_t ds, const char *src, int64_t ss, int64_t n) { \
        if (ds == sizeof(DT) && ss == sizeof(ST)) {                                        \
            DT *restrict d_ = (DT *)dst;                                                   \
            const ST *restrict s_ = (const ST *)src;                                       \
            for (int64_t i = 0; i < n; i++) { ST x = s_[i]; d_[i] = (EXPR); }              \
            return;                                                                        \
        }                                                                                  \
        for (int64_t i = 0; i < n; i++) {                                                  \
            ST x;                                                                          \
            memcpy(&x, src + i * ss, sizeof x);                                            \
            DT r = (EXPR);                                                                 \
            memcpy(dst + i * ds, &r, sizeof r);                                            \
        }                                                                                  \
    }

#define FROM_FLOAT(X, SUF, ST, TO32)                                                       \
    X(i64_##SUF, int64_t, ST, f_to_i64(x)) X(i32_##SUF, int32_t, ST, TO32(x))              \
    X(i16_##SUF, int16_t, ST, (int16_t)(uint16_t)(uint32_t)TO32(x))                        \
    X(i8_##SUF, int8_t, ST, (int8_t)(uint8_t)(uint32_t)TO32(x))                            \
    X(u8_##SUF, uint8_t, ST, (uint8_t)(uint32_t)TO32(x)) X(b_##SUF, uint8_t, ST, x != 0)
#define FROM_INT(X, SUF, ST) X(f64_##SUF, double, ST, (double)x) X(f32_##SUF, float, ST, (float)x)

CAST_LOOP(f64_f32, double, float, (double)x)
CAST_LOOP(f32_f64, float, double, (float)x)
FROM_FLOAT(CAST_LOOP, f32, float, ff_to_i32)
FROM_FLOAT(CAST_LOOP, f64, double, f_to_i32)
FROM_INT(CAST_LOOP, i64, int64_t)
FROM_INT(CAST_LOOP, i32, int32_t)
FROM_INT(CAST_LOOP, u8, uint8_t)

typedef void (*cast_fn)(char *dst, int64_t ds, const char *src, int64_t ss, int64_t n);
/* Half and bfloat16 through dtype.c's conversions; float32 -> float16 on CPUs with F16C
 * by vcvtps2ph, which gives wk_f32_to_f16's result for every one of the 2^32 inputs
 * (checked exhaustively; the other direction differs on signalling NaNs, so it stays). */
CAST_LOOP(f16_f32_base, uint16_t, float, wk_f32_to_f16(x))
CAST_LOOP(f32_f16, float, uint16_t, wk_f16_to_f32(x))
CAST_LOOP(bf16_f32, uint16_t, float, wk_f32_to_bf16(x))
CAST_LOOP(f32_bf16, float, uint16_t, wk_bf16_to_f32(x))
#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>
__attribute__((target("avx2,f16c"))) static void f16_f32_f16c(char *dst, int64_t ds, const char *src, int64_t ss, int64_t n) {
    if (ds != 2 || ss != 4) { f16_f32_base(dst, ds, src, ss, n); return; }
    uint16_t *d = (uint16_t *)dst;
    const float *f = (const float *)src;
    int64_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm_storeu_si128((__m128i *)(d + i), _mm256_cvtps_ph(_mm256_loadu_ps(f + i), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
    for (; i < n; i++) d[i] = wk_f32_to_f16(f[i]);
}
static cast_fn f16_f32(void) {
    static int have = -1;
    int ok = __atomic_load_n(&have, __ATOMIC_RELAXED);
    if (ok < 0) {
        unsigned a = 0, b = 0, c = 0, d = 0; /* CPUID.1:ECX bit 29 is F16C (clang 14 cannot name it) */
        ok = wk_vm_have_avx2() && __get_cpuid(1, &a, &b, &c, &d) && (c >> 29 & 1);
        __atomic_store_n(&have, ok, __ATOMIC_RELAXED);
    }
    return ok ? f16_f32_f16c : f16_f32_base;
}
#else
static cast_fn f16_f32(void) { return f16_f32_base; }
#endif


static cast_fn from_float(wk_dtype dd, bool f32) {
    switch (dd) {
    case WK_DT_F64: return f32 ? f64_f32 : NULL;
    case WK_DT_F32: return f32 ? NULL : f32_f64;
    case WK_DT_I64: return f32 ? i64_f32 : i64_f64;
    case WK_DT_I32: return f32 ? i32_f32 : i32_f64;
    case WK_DT_I16: return f32 ? i16_f32 : i16_f64;
    case WK_DT_I8: return f32 ? i8_f32 : i8_f64;
    case WK_DT_U8: return f32 ? u8_f32 : u8_f64;
    case WK_DT_BOOL: return f32 ? b_f32 : b_f64;
    case WK_DT_F16: return f32 ? f16_f32() : NULL;
    case WK_DT_BF16: return f32 ? bf16_f32 : NULL;
    default: return NULL;
    }
}

static cast_fn pick(wk_dtype dd, wk_dtype sd) {
    switch (sd) {
    case WK_DT_F32: return from_float(dd, true);
    case WK_DT_F64: return from_float(dd, false);
    case WK_DT_I64: return dd == WK_DT_F64 ? f64_i64 : dd == WK_DT_F32 ? f32_i64 : NULL;
    case WK_DT_I32: return dd == WK_DT_F64 ? f64_i32 : dd == WK_DT_F32 ? f32_i32 : NULL;
    case WK_DT_U8: case WK_DT_BOOL: return dd == WK_DT_F64 ? f64_u8 : dd == WK_DT_F32 ? f32_u8 : NULL;
    case WK_DT_F16: return dd == WK_DT_F32 ? f32_f16 : NULL;
    case WK_DT_BF16: return dd == WK_DT_F32 ? f32_bf16 : NULL;
    default: return NULL;
    }
}

bool wk_cpu_cast_row(wk_dtype dd, void *dst, int64_t ds, wk_dtype sd, const void *src, int64_t ss, int64_t n) {
    cast_fn fn = pick(dd, sd);
    if (!fn) return false;
    fn((char *)dst, ds, (const char *)src, ss, n);
    return true;
}
