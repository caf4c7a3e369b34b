/* cpu_elementwise.c — table-driven unary/binary/ternary CPU kernels generated per dtype by macros. */
#include "cpu_kernels.h"
#include "cpu_iter.h"
#include "cpu_vmath.h"
#include <math.h>
#include <string.h>

typedef void (*loop_fn)(char **p, const int64_t *s, int64_t n, void *ctx);

typedef struct {
    double alpha, p0, p1;
    int zero_div; /* set by integer division by zero */
} kctx;

/* ---- per-dtype traits: storage type T, compute type C, load and store */
#define ID(x) (x)
#define LD_H(x) wk_f16_to_f32(x)
#define ST_H(x) wk_f32_to_f16(x)
#define LD_B(x) wk_bf16_to_f32(x)
#define ST_B(x) wk_f32_to_bf16(x)
#define ST_BOOL(x) ((uint8_t)((x) != 0))

/* a*b + c with one rounding: PyTorch's vectorised add/sub with alpha use fmadd, so
 * x + alpha*y must be fused to give its bits (alpha == 1 is exact either way). */
#define FUSED_MADD(a, b, c) _Generic((a), float: fmaf, default: fma)((a), (b), (c))
#define FLOAT_TYPES(G, OP, EXPR) \
    G(F32, float, float, ID, ID, OP, EXPR) G(F64, double, double, ID, ID, OP, EXPR) \
    G(F16, uint16_t, float, LD_H, ST_H, OP, EXPR) G(BF16, uint16_t, float, LD_B, ST_B, OP, EXPR)
#define INT_TYPES(G, OP, EXPR) \
    G(U8, uint8_t, int64_t, ID, (uint8_t), OP, EXPR) G(I8, int8_t, int64_t, ID, (int8_t)(uint8_t), OP, EXPR) \
    G(I16, int16_t, int64_t, ID, (int16_t)(uint16_t), OP, EXPR) G(I32, int32_t, int64_t, ID, (int32_t)(uint32_t), OP, EXPR) \
    G(I64, int64_t, int64_t, ID, ID, OP, EXPR) G(BOOL, uint8_t, int64_t, ID, ST_BOOL, OP, EXPR)
/* Storage types only (where() copies elements without converting). */
#define RAW_TYPES(G) \
    G(F32, float) G(F64, double) G(F16, uint16_t) G(BF16, uint16_t) G(U8, uint8_t) G(I8, int8_t) \
    G(I16, int16_t) G(I32, int32_t) G(I64, int64_t) G(BOOL, uint8_t)

/* ---- generic row loops (LD converts a stored element to the compute type C) */
#define ROW1(TO, TA, LD, EXPR)                                                             \
    if (s[0] == sizeof(TO) && s[1] == sizeof(TA)) {                                        \
        TO *o_ = (TO *)p[0]; const TA *a_ = (const TA *)p[1];                              \
        const int vecrow_ = 1; (void)vecrow_;                                              \
        for (int64_t i = 0; i < n; i++) { C x = LD(a_[i]); o_[i] = (EXPR); }             \
    } else {                                                                               \
        const int vecrow_ = 0; (void)vecrow_; /* strided: PyTorch's scalar loop throughout */ \
        for (int64_t i = 0; i < n; i++) {                                                  \
            C x = LD(*(const TA *)(p[1] + i * s[1]));                                      \
            *(TO *)(p[0] + i * s[0]) = (EXPR);                                             \
        }                                                                                  \
    }

#define ROW2(TO, TA, LD, EXPR)                                                             \
    if (s[0] == sizeof(TO) && s[1] == sizeof(TA) && s[2] == sizeof(TA)) {                  \
        TO *o_ = (TO *)p[0]; const TA *a_ = (const TA *)p[1], *b_ = (const TA *)p[2];      \
        for (int64_t i = 0; i < n; i++) { C x = LD(a_[i]), y = LD(b_[i]); o_[i] = (EXPR); } \
    } else if (s[0] == sizeof(TO) && s[1] == sizeof(TA) && s[2] == 0) {                    \
        TO *o_ = (TO *)p[0]; const TA *a_ = (const TA *)p[1]; const C y = LD(*(const TA *)p[2]); \
        for (int64_t i = 0; i < n; i++) { C x = LD(a_[i]); o_[i] = (EXPR); }             \
    } else {                                                                               \
        for (int64_t i = 0; i < n; i++) {                                                  \
            C x = LD(*(const TA *)(p[1] + i * s[1])), y = LD(*(const TA *)(p[2] + i * s[2])); \
            *(TO *)(p[0] + i * s[0]) = (EXPR);                                             \
        }                                                                                  \
    }

/* p[1] is a (of type TA, loaded raw as a0 and converted as x), p[2] is y, p[3] is z. */
#define ROW3(TO, TA, TB, LD, EXPR)                                                         \
    for (int64_t i = 0; i < n; i++) {                                                      \
        TA a0 = *(const TA *)(p[1] + i * s[1]);                                            \
        C y = LD(*(const TB *)(p[2] + i * s[2])), z = LD(*(const TB *)(p[3] + i * s[3]));   \
        C x = (C)LD(a0);                                                                   \
        (void)x; (void)y; (void)z;                                                         \
        *(TO *)(p[0] + i * s[0]) = (EXPR);                                                 \
    }

/* ---------------------------------------------------------------- float helpers */
#define FSEL(C, fn) _Generic((C)0, float: fn##f, double: fn)
/* float32 functions rounded like PyTorch's SIMD kernels (cpu_vmath.h); double uses libm. */
#define VSEL(C, fn) _Generic((C)0, float: wk_vm_##fn##f, double: fn)
/* exp and log: SLEEF's bits in float32 and float64 (PyTorch maps every element through vec::map). */
#define VSEL2(C, fn) _Generic((C)0, float: wk_vm_##fn##f, double: wk_vm_##fn)
/* Ops PyTorch runs as SIMD on blocks of 16 and libm on the row's tail: fn_vf(x, in_vector_part). */
/* The blocks are 2 vectors: 16 floats, 8 doubles (cpu_kernel_vec's unrolled step). */
#define VBLOCK(C) _Generic((C)0, double: WK_VM_VEC_BLOCK / 2, default: WK_VM_VEC_BLOCK)
#define VTAIL(C, fn) _Generic((C)0, float: fn##_vf, double: fn##_vd)((x), vecrow_ && i < n - n % VBLOCK(C))
static inline float f_sigmoid_vf(float x, int vec) { return 1.0f / (1.0f + (vec ? wk_vm_expf(-x) : expf(-x))); }
static inline double f_sigmoid_vd(double x, int vec) { return 1.0 / (1.0 + (vec ? wk_vm_exp(-x) : exp(-x))); }
/* softplus with beta 1, threshold 20: SLEEF's exp then log1p on the SIMD blocks, libm on the rest */
static inline float f_softplus_vf(float x, int vec) {
    return x > 20 ? x : vec ? wk_vm_log1pf(wk_vm_expf(x)) : log1pf(expf(x));
}
static inline double f_softplus_vd(double x, int vec) { return x > 20 ? x : vec ? wk_vm_log1p(wk_vm_exp(x)) : log1p(exp(x)); }
static inline float f_silu_vf(float x, int vec) { return x / (1.0f + (vec ? wk_vm_expf(-x) : expf(-x))); }
static inline double f_silu_vd(double x, int vec) { (void)vec; return x / (1.0 + exp(-x)); }
static inline float f_sinh_vf(float x, int vec) { return vec ? wk_vm_sinhf(x) : sinhf(x); }
static inline double f_sinh_vd(double x, int vec) { (void)vec; return sinh(x); }
static inline float f_cosh_vf(float x, int vec) { return vec ? wk_vm_coshf(x) : coshf(x); }
static inline double f_cosh_vd(double x, int vec) { (void)vec; return cosh(x); }
static inline double f_sign(double x) { return (double)((0 < x) - (x < 0)); }
/* relu without a branch (random signs mispredict): clears the bits unless x < 0 is false, so NaN
 * and -0.0 pass through like x < 0 ? 0 : x. */
static inline double f_relu(double x) {
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    u &= (uint64_t)0 - (uint64_t)!(x < 0);
    memcpy(&x, &u, sizeof x);
    return x;
}
static inline float f_reluf(float x) {
    uint32_t u;
    memcpy(&u, &x, sizeof u);
    u &= (uint32_t)0 - (uint32_t)!(x < 0);
    memcpy(&x, &u, sizeof x);
    return x;
}
/* c ? a : b by bit masks (GCC keeps a float ?: with arithmetic as a branch; this vectorises) */
static inline double f_sel(int c, double a, double b) {
    uint64_t ua, ub, m = (uint64_t)0 - (uint64_t)c;
    memcpy(&ua, &a, sizeof ua); memcpy(&ub, &b, sizeof ub);
    ua = (ua & m) | (ub & ~m);
    memcpy(&a, &ua, sizeof a);
    return a;
}
static inline float f_self(int c, float a, float b) {
    uint32_t ua, ub, m = (uint32_t)0 - (uint32_t)c;
    memcpy(&ua, &a, sizeof ua); memcpy(&ub, &b, sizeof ub);
    ua = (ua & m) | (ub & ~m);
    memcpy(&a, &ua, sizeof a);
    return a;
}
static inline double f_floordiv(double a, double b) {
    if (b == 0) return a / b;
    double mod = fmod(a, b), div = (a - mod) / b;
    if (mod != 0 && (b < 0) != (mod < 0)) div -= 1;
    double fl;
    if (div != 0) { fl = floor(div); if (div - fl > 0.5) fl += 1; }
    else fl = copysign(0.0, a / b);
    return fl;
}
static inline float f_floordivf(float a, float b) {
    if (b == 0) return a / b;
    float mod = fmodf(a, b), div = (a - mod) / b;
    if (mod != 0 && (b < 0) != (mod < 0)) div -= 1;
    float fl;
    if (div != 0) { fl = floorf(div); if (div - fl > 0.5f) fl += 1; }
    else fl = copysignf(0.0f, a / b);
    return fl;
}
static inline double f_rem(double a, double b) {
    double m = fmod(a, b);
    if (m != 0 && (b < 0) != (m < 0)) m += b;
    return m;
}
static inline float f_remf(float a, float b) {
    float m = fmodf(a, b);
    if (m != 0 && (b < 0) != (m < 0)) m += b;
    return m;
}
#define F_MAX(x, y) (isnan(x) ? (x) : isnan(y) ? (y) : (x) > (y) ? (x) : (y))
#define F_MIN(x, y) (isnan(x) ? (x) : isnan(y) ? (y) : (x) < (y) ? (x) : (y))
static inline double f_gelu(double x) { return 0.5 * x * (1.0 + erf(x * M_SQRT1_2)); }
static inline float f_geluf(float x) { return x * 0.5f * (1.0f + erff(x * (float)M_SQRT1_2)); }
/* std::min(std::max(x, lo), hi) as PyTorch's clamp kernel (x NaN stays NaN, a NaN bound
 * alone is ignored, lo > hi gives hi); both bounds NaN mean a NaN bound pair: NaN. */
static inline double f_clamp(double x, double lo, double hi) {
    double v = x < lo ? lo : x;
    return isnan(lo) && isnan(hi) ? lo : hi < v ? hi : v;
}
static inline float f_clampf(float x, float lo, float hi) {
    float v = x < lo ? lo : x;
    return isnan(lo) && isnan(hi) ? lo : hi < v ? hi : v;
}
static inline double f_round_dec(double x, double d) {
    double ten = pow(10.0, d);
    return d >= 0 ? nearbyint(x * ten) / ten : nearbyint(x / pow(10.0, -d)) * pow(10.0, -d);
}
/* float32 rounds in float like PyTorch's kernel (its opmath type): 1.2345 -> 1.234 at 3 decimals */
static inline float f_round_decf(float x, double d) {
    float ten = (float)pow(10.0, fabs(d));
    return d >= 0 ? nearbyintf(x * ten) / ten : nearbyintf(x / ten) * ten;
}
/* lerp as PyTorch's CPU kernel rounds it: one fused multiply-add from the nearer end,
 * fma(w, b - a, a) for |w| < 0.5, else fma(w - 1, b - a, b). */
static inline double f_lerp(double a, double b, double w) {
    return fabs(w) < 0.5 ? fma(w, b - a, a) : fma(w - 1, b - a, b);
}
static inline float f_lerpf(float a, float b, float w) {
    return fabsf(w) < 0.5f ? fmaf(w, b - a, a) : fmaf(w - 1, b - a, b);
}

/* ---------------------------------------------------------------- integer helpers */
#define U64(x) ((uint64_t)(x))
static inline int64_t i_floordiv(int64_t a, int64_t b, int *zd) {
    if (b == 0) { *zd = 1; return 0; }
    if (b == -1) return (int64_t)(0 - U64(a));
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}
static inline int64_t i_truncdiv(int64_t a, int64_t b, int *zd) {
    if (b == 0) { *zd = 1; return 0; }
    return b == -1 ? (int64_t)(0 - U64(a)) : a / b;
}
static inline int64_t i_rem(int64_t a, int64_t b, int *zd) {
    if (b == 0) { *zd = 1; return 0; }
    if (b == -1) return 0;
    int64_t m = a % b;
    if (m != 0 && ((b < 0) != (m < 0))) m += b;
    return m;
}
static inline int64_t i_fmod(int64_t a, int64_t b, int *zd) {
    if (b == 0) { *zd = 1; return 0; }
    return b == -1 ? 0 : a % b;
}
static inline int64_t i_pow(int64_t base, int64_t e) {
    if (e < 0) return base == 1 ? 1 : base == -1 ? (e & 1 ? -1 : 1) : 0;
    uint64_t r = 1, b = U64(base);
    while (e) { if (e & 1) r *= b; b *= b; e >>= 1; }
    return (int64_t)r;
}
/* A double kernel parameter in compute type C; for integer C, NaN (an absent clamp bound)
 * and out-of-range values saturate instead of being an undefined conversion. */
static inline int64_t k_int_param(double v) {
    if (isnan(v)) return 0;
    if (v >= 9223372036854775807.0) return INT64_MAX;
    return v <= -9223372036854775808.0 ? INT64_MIN : (int64_t)v;
}
static inline int64_t i_clamp(int64_t x, double lo, double hi) {
    if (!isnan(lo) && (double)x < lo) x = k_int_param(lo);
    if (!isnan(hi) && (double)x > hi) x = k_int_param(hi);
    return x;
}

/* ================================================================ op lists */
/* Unary ops on float dtypes: X(name, expression in x of compute type C). */
#define FLOAT_UNOPS(X)                                                        \
    X(NEG, -x) X(ABS, FSEL(C, fabs)(x)) X(SIGN, (C)f_sign(x)) X(SQUARE, x * x)   \
    X(RECIPROCAL, (C)1 / x) X(EXP, VSEL2(C, exp)(x)) X(EXP2, FSEL(C, exp2)(x))   \
    X(EXPM1, FSEL(C, expm1)(x)) X(LOG, VSEL2(C, log)(x)) X(LOG2, FSEL(C, log2)(x)) \
    X(LOG10, FSEL(C, log10)(x)) X(LOG1P, VSEL2(C, log1p)(x)) X(SQRT, FSEL(C, sqrt)(x)) \
    X(RSQRT, (C)1 / FSEL(C, sqrt)(x)) X(SIN, FSEL(C, sin)(x)) X(COS, FSEL(C, cos)(x)) \
    X(TAN, FSEL(C, tan)(x)) X(ASIN, FSEL(C, asin)(x)) X(ACOS, FSEL(C, acos)(x))   \
    X(ATAN, FSEL(C, atan)(x)) X(SINH, VTAIL(C, f_sinh)) X(COSH, VTAIL(C, f_cosh)) \
    X(TANH, VSEL(C, tanh)(x)) X(SIGMOID, VTAIL(C, f_sigmoid)) X(RELU, FSEL(C, f_relu)(x)) \
    X(ERF, FSEL(C, erf)(x)) X(FLOOR, FSEL(C, floor)(x)) X(CEIL, FSEL(C, ceil)(x)) \
    X(ROUND, FSEL(C, nearbyint)(x)) X(TRUNC, FSEL(C, trunc)(x)) X(FRAC, x - FSEL(C, trunc)(x)) \
    X(GELU, FSEL(C, f_gelu)(x)) X(SILU, VTAIL(C, f_silu)) X(SOFTPLUS, VTAIL(C, f_softplus)) \
    X(CLAMP, FSEL(C, f_clamp)(x, (C)dp0, (C)dp1)) X(POW_SCALAR, FSEL(C, pow)(x, p0))          \
    X(RPOW_SCALAR, FSEL(C, pow)(p0, x)) X(LEAKY_RELU, x * FSEL(C, f_sel)(x > 0, (C)1, p0))       \
    X(ELU, x > 0 ? x : p0 * FSEL(C, expm1)(x)) X(ROUND_DECIMALS, (C)FSEL(C, f_round_dec)(x, dp0))

#define INT_UNOPS(X)                                                                    \
    X(NEG, (int64_t)(0 - U64(x))) X(ABS, x < 0 ? (int64_t)(0 - U64(x)) : x)               \
    X(SIGN, (x > 0) - (x < 0)) X(SQUARE, (int64_t)(U64(x) * U64(x))) X(RELU, x < 0 ? 0 : x) \
    X(FLOOR, x) X(CEIL, x) X(ROUND, x) X(TRUNC, x) X(BITWISE_NOT, ~x)                    \
    X(CLAMP, i_clamp(x, dp0, dp1)) X(POW_SCALAR, i_pow(x, k_int_param(dp0)))                  \
    X(RPOW_SCALAR, i_pow(k_int_param(dp0), x))

/* Unary predicates (bool output) for every dtype. */
#define FLOAT_UNPREDS(X) X(ISNAN, isnan(x)) X(ISINF, isinf(x)) X(ISFINITE, isfinite(x)) X(LOGICAL_NOT, x == 0)
#define INT_UNPREDS(X) X(ISNAN, 0 * x) X(ISINF, 0 * x) X(ISFINITE, 1 + 0 * x) X(LOGICAL_NOT, x == 0)

/* Binary ops: X(name, expression in x, y). */
#define FLOAT_BINOPS(X)                                                                 \
    X(ADD, FUSED_MADD(al, y, x)) X(SUB, FUSED_MADD(-al, y, x)) X(MUL, x * y) X(DIV, x / y)                      \
    X(DIV_FLOOR, FSEL(C, f_floordiv)(x, y)) X(DIV_TRUNC, FSEL(C, trunc)(x / y))           \
    X(REMAINDER, FSEL(C, f_rem)(x, y)) X(FMOD, FSEL(C, fmod)(x, y)) X(POW, FSEL(C, pow)(x, y)) \
    X(MAXIMUM, F_MAX(x, y)) X(MINIMUM, F_MIN(x, y)) X(ATAN2, FSEL(C, atan2)(x, y))
#define INT_BINOPS(X)                                                                   \
    X(ADD, (int64_t)(U64(x) + U64(y) * U64(al))) X(SUB, (int64_t)(U64(x) - U64(y) * U64(al))) \
    X(MUL, (int64_t)(U64(x) * U64(y))) X(DIV_FLOOR, i_floordiv(x, y, zd))                 \
    X(DIV_TRUNC, i_truncdiv(x, y, zd)) X(REMAINDER, i_rem(x, y, zd)) X(FMOD, i_fmod(x, y, zd)) \
    X(POW, i_pow(x, y)) X(MAXIMUM, x > y ? x : y) X(MINIMUM, x < y ? x : y)                 \
    X(BITAND, x & y) X(BITOR, x | y) X(BITXOR, x ^ y)
#define ALL_BINPREDS(X)                                                                 \
    X(EQ, x == y) X(NE, x != y) X(LT, x < y) X(LE, x <= y) X(GT, x > y) X(GE, x >= y)     \
    X(LOGICAL_AND, (x != 0) && (y != 0)) X(LOGICAL_OR, (x != 0) || (y != 0))              \
    X(LOGICAL_XOR, (x != 0) != (y != 0))

/* Ternary ops: a0 = raw first operand, y and z converted. addcmul is fma(p0*y, z, x) and
 * addcdiv x + (p0*y)/z, the roundings of PyTorch's CPU kernels. */
#define FLOAT_TEROPS(X)                                                                 \
    X(LERP, FSEL(C, f_lerp)(x, y, z)) X(ADDCMUL, FUSED_MADD(p0 * y, z, x))      \
    X(ADDCDIV, x + p0 * y / z)
#define INT_TEROPS(X) X(ADDCMUL, (int64_t)(U64(x) + U64(p0) * U64(y) * U64(z)))

/* ================================================================ kernel generation */
#define KPARAM(C, v) ((C)1.5 == 1.5 ? (C)(v) : (C)k_int_param(v))
/* Every generated kernel is also built for AVX2 (the loader picks the clone): the contiguous
 * rows then run 8 floats at a time. Same operations per element, so the same bits. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(WK_NO_TARGET_CLONES)
#define WK_EW_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define WK_EW_CLONES
#endif
#define KHEAD(NAME, CT)                                                                 \
    WK_EW_CLONES static void NAME(char **p, const int64_t *s, int64_t n, void *ctx) {    \
        typedef CT C;                                                                    \
        kctx *k_ = ctx;                                                                  \
        const C al = KPARAM(C, k_->alpha), p0 = KPARAM(C, k_->p0);                       \
        const double dp0 = k_->p0, dp1 = k_->p1; int *zd = &k_->zero_div;                \
        (void)al; (void)p0; (void)dp0; (void)dp1; (void)zd;

#define GEN_UN(DT, T, CT, LDM, STM, OP, EXPR)  KHEAD(un_##OP##_##DT, CT) ROW1(T, T, LDM, STM(EXPR)) }
#define GEN_UNP(DT, T, CT, LDM, STM, OP, EXPR) KHEAD(un_##OP##_##DT, CT) ROW1(uint8_t, T, LDM, (uint8_t)((EXPR) != 0)) }
#define GEN_BIN(DT, T, CT, LDM, STM, OP, EXPR) KHEAD(bin_##OP##_##DT, CT) ROW2(T, T, LDM, STM(EXPR)) }
#define GEN_BINP(DT, T, CT, LDM, STM, OP, EXPR) KHEAD(bin_##OP##_##DT, CT) ROW2(uint8_t, T, LDM, (uint8_t)((EXPR) != 0)) }
#define GEN_TER(DT, T, CT, LDM, STM, OP, EXPR) KHEAD(ter_##OP##_##DT, CT) ROW3(T, T, T, LDM, STM(EXPR)) }
/* where(c, y, z) copies from an address selected without a branch (random conditions, as in
 * relu's derivative, mispredict one). */
#define GEN_WHERE(DT, T)                                                                   \
    static void ter_WHERE_##DT(char **p, const int64_t *s, int64_t n, void *ctx) {         \
        (void)ctx;                                                                         \
        char *o = p[0];                                                                    \
        const char *c = p[1], *y = p[2], *z = p[3];                                        \
        const int64_t s0 = s[0], s1 = s[1], s2 = s[2], s3 = s[3];                         \
        for (int64_t i = 0; i < n; i++) {                                                  \
            uintptr_t m = (uintptr_t)0 - (uintptr_t)(c[i * s1] != 0);                      \
            uintptr_t src = ((uintptr_t)(y + i * s2) & m) | ((uintptr_t)(z + i * s3) & ~m); \
            memcpy(o + i * s0, (const void *)src, sizeof(T));                              \
        }                                                                                  \
    }

#define TAB_UN(DT, T, CT, LDM, STM, OP, EXPR) [WK_UOP_##OP][WK_DT_##DT] = un_##OP##_##DT,
#define TAB_BIN(DT, T, CT, LDM, STM, OP, EXPR) [WK_BIN_##OP][WK_DT_##DT] = bin_##OP##_##DT,
#define TAB_TER(DT, T, CT, LDM, STM, OP, EXPR) [WK_TER_##OP][WK_DT_##DT] = ter_##OP##_##DT,
#define TAB_WHERE(DT, T) [WK_TER_WHERE][WK_DT_##DT] = ter_WHERE_##DT,

/* X-macro adaptors: one op over a type list. */
#define UN_F(OP, EXPR) FLOAT_TYPES(GEN_UN, OP, EXPR)
#define UN_I(OP, EXPR) INT_TYPES(GEN_UN, OP, EXPR)
#define UNP_F(OP, EXPR) FLOAT_TYPES(GEN_UNP, OP, EXPR)
#define UNP_I(OP, EXPR) INT_TYPES(GEN_UNP, OP, EXPR)
#define BIN_F(OP, EXPR) FLOAT_TYPES(GEN_BIN, OP, EXPR)
#define BIN_I(OP, EXPR) INT_TYPES(GEN_BIN, OP, EXPR)
#define BINP_F(OP, EXPR) FLOAT_TYPES(GEN_BINP, OP, EXPR)
#define BINP_I(OP, EXPR) INT_TYPES(GEN_BINP, OP, EXPR)
#define TER_F(OP, EXPR) FLOAT_TYPES(GEN_TER, OP, EXPR)
#define TER_I(OP, EXPR) INT_TYPES(GEN_TER, OP, EXPR)
#define T_UN_F(OP, EXPR) FLOAT_TYPES(TAB_UN, OP, EXPR)
#define T_UN_I(OP, EXPR) INT_TYPES(TAB_UN, OP, EXPR)
#define T_BIN_F(OP, EXPR) FLOAT_TYPES(TAB_BIN, OP, EXPR)
#define T_BIN_I(OP, EXPR) INT_TYPES(TAB_BIN, OP, EXPR)
#define T_TER_F(OP, EXPR) FLOAT_TYPES(TAB_TER, OP, EXPR)
#define T_TER_I(OP, EXPR) INT_TYPES(TAB_TER, OP, EXPR)

FLOAT_UNOPS(UN_F)
INT_UNOPS(UN_I)
FLOAT_UNPREDS(UNP_F)
INT_UNPREDS(UNP_I)
FLOAT_BINOPS(BIN_F)
INT_BINOPS(BIN_I)
ALL_BINPREDS(BINP_F)
ALL_BINPREDS(BINP_I)
FLOAT_TEROPS(TER_F)
INT_TEROPS(TER_I)
RAW_TYPES(GEN_WHERE)

static const loop_fn g_unary[WK_UOP_COUNT][WK_NDTYPES] = {
    FLOAT_UNOPS(T_UN_F) INT_UNOPS(T_UN_I) FLOAT_UNPREDS(T_UN_F) INT_UNPREDS(T_UN_I)
};
static const loop_fn g_binary[WK_BIN_COUNT][WK_NDTYPES] = {
    FLOAT_BINOPS(T_BIN_F) INT_BINOPS(T_BIN_I) ALL_BINPREDS(T_BIN_F) ALL_BINPREDS(T_BIN_I)
};
static const loop_fn g_ternary[WK_TER_COUNT][WK_NDTYPES] = {
    FLOAT_TEROPS(T_TER_F) INT_TEROPS(T_TER_I) RAW_TYPES(TAB_WHERE)
};

static const char *const g_unary_names[WK_UOP_COUNT] = {
    "neg", "abs", "sign", "square", "reciprocal", "exp", "exp2", "expm1", "log", "log2", "log10",
    "log1p", "sqrt", "rsqrt", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
    "sigmoid", "relu", "erf", "floor", "ceil", "round", "trunc", "frac", "gelu", "silu", "softplus",
    "logical_not", "bitwise_not", "clamp", "pow", "pow", "leaky_relu", "elu", "round", "isnan",
    "isinf", "isfinite",
};
static const char *const g_binary_names[WK_BIN_COUNT] = {
    "add", "sub", "mul", "div", "div_floor", "div_trunc", "remainder", "fmod", "pow", "maximum",
    "minimum", "atan2", "bitwise_and", "bitwise_or", "bitwise_xor", "eq", "ne", "lt", "le", "gt",
    "ge", "logical_and", "logical_or", "logical_xor",
};
static const char *const g_ternary_names[WK_TER_COUNT] = {"where", "lerp", "addcmul", "addcdiv"};

/* ================================================================ fast float paths */
/* add/sub (alpha == 1), mul, div on float32/float64 rows that are contiguous or a broadcast
 * scalar: explicit vector-extension loops (one rounding per element, as the generic ones).
 * Other stride patterns fall back to the generic row loop of the same op. */
typedef float vf32 __attribute__((vector_size(32)));
typedef double vf64 __attribute__((vector_size(32)));

/* The contiguous loops (NAME##_base, and NAME##_avx2 built for AVX2: the same arithmetic). */
#define FAST_LOOPS(NAME, T, VT, OPR, ATTR)                                                \
    ATTR static void NAME(T *o, const T *a, const T *b, int64_t sa, int64_t sb, int64_t n) { \
        enum { W = sizeof(VT) / sizeof(T) };                                              \
        int64_t i = 0;                                                                    \
        VT va, vb, vo;                                                                    \
        if (sa && sb) {                                                                   \
            for (; i + W <= n; i += W) {                                                  \
                memcpy(&va, a + i, sizeof va); memcpy(&vb, b + i, sizeof vb);             \
                vo = va OPR vb; memcpy(o + i, &vo, sizeof vo);                            \
            }                                                                             \
            for (; i < n; i++) o[i] = a[i] OPR b[i];                                      \
        } else if (sa) {                                                                  \
            const T y = *b;                                                               \
            vb = (VT){0} + y;                                                             \
            for (; i + W <= n; i += W) {                                                  \
                memcpy(&va, a + i, sizeof va); vo = va OPR vb; memcpy(o + i, &vo, sizeof vo); \
            }                                                                             \
            for (; i < n; i++) o[i] = a[i] OPR y;                                         \
        } else {                                                                          \
            const T x = *a;                                                               \
            va = (VT){0} + x;                                                             \
            for (; i + W <= n; i += W) {                                                  \
                memcpy(&vb, b + i, sizeof vb); vo = va OPR vb; memcpy(o + i, &vo, sizeof vo); \
            }                                                                             \
            for (; i < n; i++) o[i] = x OPR b[i];                                         \
        }                                                                                 \
    }

/* The row kernel: contiguous / broadcast-scalar rows to the loops above (two broadcast
 * operands give one value to fill), others to SLOW. */
#define FAST_BIN(NAME, T, VT, OPR, SLOW)                                                  \
    FAST_LOOPS(NAME##_base, T, VT, OPR, )                                                 \
    FAST_LOOPS(NAME##_avx2, T, VT, OPR, WK_AVX2_TARGET)                                   \
    static void NAME(char **p, const int64_t *s, int64_t n, void *ctx) {                   \
        const int64_t es = sizeof(T);                                                     \
        if (s[0] == es && !s[1] && !s[2]) { /* both operands broadcast: one value, filled */ \
            const T v = *(const T *)p[1] OPR *(const T *)p[2];                             \
            for (int64_t i = 0; i < n; i++) ((T *)p[0])[i] = v;                           \
            return;                                                                       \
        }                                                                                 \
        if (s[0] != es || (s[1] != es && s[1] != 0) || (s[2] != es && s[2] != 0)) {      \
            SLOW(p, s, n, ctx);                                                           \
            return;                                                                       \
        }                                                                                 \
        if (wk_cpu_has_avx2()) NAME##_avx2((T *)p[0], (const T *)p[1], (const T *)p[2], s[1], s[2], n); \
        else NAME##_base((T *)p[0], (const T *)p[1], (const T *)p[2], s[1], s[2], n);     \
    }

FAST_BIN(fast_add_F32, float, vf32, +, bin_ADD_F32)
FAST_BIN(fast_sub_F32, float, vf32, -, bin_SUB_F32)
FAST_BIN(fast_mul_F32, float, vf32, *, bin_MUL_F32)
FAST_BIN(fast_div_F32, float, vf32, /, bin_DIV_F32)
FAST_BIN(fast_add_F64, double, vf64, +, bin_ADD_F64)
FAST_BIN(fast_sub_F64, double, vf64, -, bin_SUB_F64)
FAST_BIN(fast_mul_F64, double, vf64, *, bin_MUL_F64)
FAST_BIN(fast_div_F64, double, vf64, /, bin_DIV_F64)

/* add/sub with alpha != 1 on contiguous float rows: x + alpha*y with one rounding, as
 * the generic kernel (FUSED_MADD) and PyTorch's vec::fmadd do it, 8 or 4 lanes at a time
 * on CPUs with FMA (optimizer updates such as p.add_(buf, alpha=-lr) live here). */
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define FMA_ROW(NAME, T, VT, SET1, LOADU, STOREU, FMADD, FMAS)                             \
    __attribute__((target("avx2,fma"))) static void NAME(T *o, const T *x, const T *y, T al, int64_t n) { \
        enum { W = sizeof(VT) / sizeof(T) };                                              \
        const VT va = SET1(al);                                                           \
        int64_t i = 0;                                                                    \
        for (; i + W <= n; i += W) STOREU(o + i, FMADD(va, LOADU(y + i), LOADU(x + i)));  \
        for (; i < n; i++) o[i] = FMAS(al, y[i], x[i]);                                   \
    }
FMA_ROW(axpy_row_f32, float, __m256, _mm256_set1_ps, _mm256_loadu_ps, _mm256_storeu_ps, _mm256_fmadd_ps, fmaf)
FMA_ROW(axpy_row_f64, double, __m256d, _mm256_set1_pd, _mm256_loadu_pd, _mm256_storeu_pd, _mm256_fmadd_pd, fma)
#define AXPY_KERNEL(NAME, T, ROW, SLOW, SIGN)                                             \
    static void NAME(char **p, const int64_t *s, int64_t n, void *ctx) {                   \
        const int64_t es = sizeof(T);                                                     \
        if (s[0] != es || s[1] != es || s[2] != es) { SLOW(p, s, n, ctx); return; }      \
        ROW((T *)p[0], (const T *)p[1], (const T *)p[2], SIGN (T)((kctx *)ctx)->alpha, n); \
    }
AXPY_KERNEL(axpy_add_F32, float, axpy_row_f32, bin_ADD_F32, +)
AXPY_KERNEL(axpy_sub_F32, float, axpy_row_f32, bin_SUB_F32, -)
AXPY_KERNEL(axpy_add_F64, double, axpy_row_f64, bin_ADD_F64, +)
AXPY_KERNEL(axpy_sub_F64, double, axpy_row_f64, bin_SUB_F64, -)

static loop_fn fast_axpy(wk_binary_op op, wk_dtype dt) {
    if (!wk_vm_have_avx2()) return NULL;
    if (dt == WK_DT_F32) return op == WK_BIN_ADD ? axpy_add_F32 : axpy_sub_F32;
    if (dt == WK_DT_F64) return op == WK_BIN_ADD ? axpy_add_F64 : axpy_sub_F64;
    return NULL;
}
#else
static loop_fn fast_axpy(wk_binary_op op, wk_dtype dt) { (void)op; (void)dt; return NULL; }
#endif

/* clamp, sqrt and 1/sqrt (pow 0.5 and -0.5) on contiguous float32/float64 rows with AVX
 * instructions: max/min as the C comparisons (x < lo ? lo : x, then hi < v ? hi : v, NaN x
 * kept), and correctly rounded square roots, so the generic kernels' bits; other rows go
 * to those kernels. The clamp bounds arrive as p0, p1. */
#if defined(__x86_64__) && defined(__GNUC__)
#define VROW(NAME, T, VT, SFX, SLOW, VBODY, SBODY)                                        \
    __attribute__((target("avx2"))) static void NAME(char **p, const int64_t *s, int64_t n, void *ctx) { \
        enum { W = sizeof(VT) / sizeof(T) };                                              \
        if (s[0] != sizeof(T) || s[1] != sizeof(T)) { SLOW(p, s, n, ctx); return; }      \
        T *o = (T *)p[0];                                                                 \
        const T *a = (const T *)p[1], lo = (T)((kctx *)ctx)->p0, hi = (T)((kctx *)ctx)->p1; \
        const VT vlo = _mm256_set1_##SFX(lo), vhi = _mm256_set1_##SFX(hi), one = _mm256_set1_##SFX(1); \
        (void)vlo; (void)vhi; (void)one;                                                  \
        int64_t i = 0;                                                                    \
        for (; i + W <= n; i += W) {                                                      \
            VT x = _mm256_loadu_##SFX(a + i);                                             \
            _mm256_storeu_##SFX(o + i, VBODY);                                            \
        }                                                                                 \
        for (; i < n; i++) { T x = a[i]; o[i] = SBODY; }                                  \
    }
VROW(clamp_row_F32, float, __m256, ps, un_CLAMP_F32, _mm256_min_ps(vhi, _mm256_max_ps(vlo, x)), f_clampf(x, lo, hi))
VROW(clamp_row_F64, double, __m256d, pd, un_CLAMP_F64, _mm256_min_pd(vhi, _mm256_max_pd(vlo, x)), f_clamp(x, lo, hi))
VROW(sqrt_row_F32, float, __m256, ps, un_SQRT_F32, _mm256_sqrt_ps(x), sqrtf(x))
VROW(sqrt_row_F64, double, __m256d, pd, un_SQRT_F64, _mm256_sqrt_pd(x), sqrt(x))
VROW(rsqrt_row_F32, float, __m256, ps, un_RSQRT_F32, _mm256_div_ps(one, _mm256_sqrt_ps(x)), 1.0f / sqrtf(x))
VROW(rsqrt_row_F64, double, __m256d, pd, un_RSQRT_F64, _mm256_div_pd(one, _mm256_sqrt_pd(x)), 1.0 / sqrt(x))
#undef VROW
/* int64 clamp with integral bounds of magnitude <= 2^53 (so the double bounds are exactly the
 * integers given): integer comparisons as PyTorch's (the generic kernel's double comparisons
 * misjudge |x| > 2^53), an absent (NaN) bound as the dtype's limit, branch-free selects. */
static void clamp_row_I64(char **p, const int64_t *s, int64_t n, void *ctx) {
    const kctx *k = ctx;
    int64_t lo = isnan(k->p0) ? INT64_MIN : (int64_t)k->p0, hi = isnan(k->p1) ? INT64_MAX : (int64_t)k->p1;
    if (s[0] != 8 || s[1] != 8) {
        for (int64_t i = 0; i < n; i++) {
            int64_t x = *(const int64_t *)(p[1] + i * s[1]);
            x = x < lo ? lo : x;
            *(int64_t *)(p[0] + i * s[0]) = x > hi ? hi : x;
        }
        return;
    }
    int64_t *restrict o = (int64_t *)p[0];
    const int64_t *restrict a = (const int64_t *)p[1];
    for (int64_t i = 0; i < n; i++) {
        int64_t x = a[i] < lo ? lo : a[i];
        o[i] = x > hi ? hi : x;
    }
}
static bool clamp_i64_bound_ok(double v) { return isnan(v) || (fabs(v) <= 9007199254740992.0 && v == trunc(v)); }

/* The AVX row kernel of op (clamp, sqrt, rsqrt) on float32/float64, or NULL. */
static loop_fn avx_unary(wk_unary_op op, wk_dtype dt) {
    if ((dt != WK_DT_F32 && dt != WK_DT_F64) || !wk_vm_have_avx2()) return NULL;
    bool f = dt == WK_DT_F32;
    switch (op) {
    case WK_UOP_CLAMP: return f ? clamp_row_F32 : clamp_row_F64;
    case WK_UOP_SQRT: return f ? sqrt_row_F32 : sqrt_row_F64;
    case WK_UOP_RSQRT: return f ? rsqrt_row_F32 : rsqrt_row_F64;
    default: return NULL;
    }
}
#else
static loop_fn avx_unary(wk_unary_op op, wk_dtype dt) { (void)op; (void)dt; return NULL; }
#endif

/* The fast kernel for op on dtype dt, or NULL. add/sub with alpha == 1 need no fused
 * multiply-add to round like PyTorch; other alphas take the FMA rows above. */
static loop_fn fast_binary(wk_binary_op op, wk_dtype dt, double alpha) {
    static const loop_fn f32[] = {fast_add_F32, fast_sub_F32, fast_mul_F32, fast_div_F32};
    static const loop_fn f64[] = {fast_add_F64, fast_sub_F64, fast_mul_F64, fast_div_F64};
    if (op > WK_BIN_DIV) return NULL;
    if ((op == WK_BIN_ADD || op == WK_BIN_SUB) && alpha != 1) return fast_axpy(op, dt);
    return dt == WK_DT_F32 ? f32[op] : dt == WK_DT_F64 ? f64[op] : NULL;
}

static bool not_impl(const char *name, wk_dtype dt) {
    return wk_rt_err(WK_ERR_RUNTIME, "\"%s_cpu\" not implemented for '%s'", name, wk_dtype_scalar_name(dt));
}

static bool run(loop_fn fn, int nops, const wk_tensor *const *ops, kctx *k) {
    wk_iter it;
    wk_iter_init(&it, nops, ops, true);
    wk_iter_run(&it, fn, k, true);
    if (k->zero_div) return wk_rt_err(WK_ERR_RUNTIME, "ZeroDivisionError");
    return true;
}

/* float32 tanh, sigmoid and silu on contiguous rows: whole vectors (tanh) or the blocks of
 * 16 (PyTorch's SIMD part of sigmoid and silu) go through the AVX2 loops where the CPU has
 * them (same bits), the rest as un_*_F32 does it. */
static void un_tanh_fast_f32(char **p, const int64_t *s, int64_t n, void *ctx) {
    float *o = (float *)p[0];
    const float *a = (const float *)p[1];
    int64_t k = s[0] == 4 && s[1] == 4 ? wk_vm_tanhf_n(o, a, n) : 0;
    if (k == 0) {
        un_TANH_F32(p, s, n, ctx);
        return;
    }
    for (int64_t i = k; i < n; i++) o[i] = wk_vm_tanhf(a[i]);
}
/* exp on contiguous float32/float64 rows: the whole AVX2 vectors through cpu_vmath's
 * loops (same bits as wk_vm_expf / wk_vm_exp), the rest of the row scalar. */
static void un_exp_fast_f32(char **p, const int64_t *s, int64_t n, void *ctx) {
    float *o = (float *)p[0];
    const float *a = (const float *)p[1];
    int64_t k = s[0] == 4 && s[1] == 4 ? wk_vm_expf_n(o, a, n) : 0;
    if (k == 0) {
        un_EXP_F32(p, s, n, ctx);
        return;
    }
    for (int64_t i = k; i < n; i++) o[i] = wk_vm_expf(a[i]);
}
/* log on contiguous float32 rows: the whole vectors through the 8-lane wk_vm_logf_n (same bits) */
static void un_log_fast_f32(char **p, const int64_t *s, int64_t n, void *ctx) {
    float *o = (float *)p[0];
    const float *a = (const float *)p[1];
    int64_t k = s[0] == 4 && s[1] == 4 ? wk_vm_logf_n(o, a, n) : 0;
    if (k == 0) {
        un_LOG_F32(p, s, n, ctx);
        return;
    }
    for (int64_t i = k; i < n; i++) o[i] = wk_vm_logf(a[i]);
}
/* log1p on contiguous float32/float64 rows: the whole vectors through wk_vm_log1pf_n / wk_vm_log1p_n (same bits) */
static void un_log1p_fast_f32(char **p, const int64_t *s, int64_t n, void *ctx) {
    float *o = (float *)p[0];
    const float *a = (const float *)p[1];
    int64_t k = s[0] == 4 && s[1] == 4 ? wk_vm_log1pf_n(o, a, n) : 0;
    if (k == 0) {
        un_LOG1P_F32(p, s, n, ctx);
        return;
    }
    for (int64_t i = k; i < n; i++) o[i] = wk_vm_log1pf(a[i]);
}
static void un_log1p_fast_f64(char **p, const int64_t *s, int64_t n, void *ctx) {
    double *o = (double *)p[0];
    const double *a = (const double *)p[1];
    int64_t k = s[0] == 8 && s[1] == 8 ? wk_vm_log1p_n(o, a, n) : 0;
    if (k == 0) {
        un_LOG1P_F64(p, s, n, ctx);
        return;
    }
    for (int64_t i = k; i < n; i++) o[i] = wk_vm_log1p(a[i]);
}
static void un_exp_fast_f64(char **p, const int64_t *s, int64_t n, void *ctx) {
    double *o = (double *)p[0];
    const double *a = (const double *)p[1];
    int64_t k = s[0] == 8 && s[1] == 8 ? wk_vm_exp_n(o, a, n) : 0;
    if (k == 0) {
        un_EXP_F64(p, s, n, ctx);
        return;
    }
    for (int64_t i = k; i < n; i++) o[i] = wk_vm_exp(a[i]);
}
/* pow with a scalar exponent on float32/float64 as PyTorch's pow_tensor_scalar kernel:
 * 0 -> 1, 1 -> x, 2 -> x*x, 3 -> x*x*x, -2 -> 1/(x*x), 0.5 -> sqrt, -0.5 -> 1/sqrt,
 * -1 -> 1/x, any other exponent pow (the generic kernel). */
#define POW_SPECIALS(X) X(POW0, (C)(1 + 0 * isnan(x))) X(POW1, x) X(POW2, x * x) X(POW3, x * x * x) \
    X(POWM2, (C)1 / (x * x))
#define UN_F32_F64(OP, EXPR) GEN_UN(F32, float, float, ID, ID, OP, EXPR) GEN_UN(F64, double, double, ID, ID, OP, EXPR)
POW_SPECIALS(UN_F32_F64)
GEN_UN(F32, float, float, ID, ID, POWD, vecrow_ ? powf(x, p0) : (C)pow((double)x, dp0))
static loop_fn pow_scalar_kernel(wk_dtype dt, double e) {
    static const double ex[] = {0, 1, 2, 3, -2, 0.5, -0.5, -1};
    static const loop_fn f32[] = {un_POW0_F32, un_POW1_F32, un_POW2_F32, un_POW3_F32, un_POWM2_F32,
                                  un_SQRT_F32, un_RSQRT_F32, un_RECIPROCAL_F32};
    static const loop_fn f64[] = {un_POW0_F64, un_POW1_F64, un_POW2_F64, un_POW3_F64, un_POWM2_F64,
                                  un_SQRT_F64, un_RSQRT_F64, un_RECIPROCAL_F64};
    for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++)
        if (e == ex[i]) return dt == WK_DT_F32 ? f32[i] : f64[i];
    /* other exponents on strided rows: std::pow(float, double), computed in double (PyTorch's
     * scalar loop); contiguous rows keep powf (PyTorch runs SLEEF's powf there, not matched) */
    return dt == WK_DT_F32 ? un_POWD_F32 : NULL;
}

/* gelu on float32 rows: contiguous rows run ATen's SIMD form (wk_vm_erff) on the blocks of 16
 * and libm's erff on the rest, strided rows erff throughout (PyTorch's bits there). Contiguous
 * inputs differ from PyTorch in some last bits: it sends them to oneDNN's kernel (not built). */
static inline float f_gelu_vecf(float x) { return x * 0.5f * (1.0f + wk_vm_erff(x * (float)M_SQRT1_2)); }
static void un_gelu_fast_f32(char **p, const int64_t *s, int64_t n, void *ctx) {
    if (s[0] != 4 || s[1] != 4) {
        un_GELU_F32(p, s, n, ctx);
        return;
    }
    float *o = (float *)p[0];
    const float *a = (const float *)p[1];
    int64_t vend = n - n % WK_VM_VEC_BLOCK, k = wk_vm_geluf_n(o, a, vend);
    for (int64_t i = k; i < vend; i++) o[i] = f_gelu_vecf(a[i]);
    for (int64_t i = vend; i < n; i++) o[i] = f_geluf(a[i]);
}
/* gelu(approximate='tanh') forward on a contiguous float32 row as PyTorch's kernel: the
 * SIMD form (wk_vm_tanhf) on the blocks of 16, then per element with libm's tanhf; both
 * with x + kappa*x^3 fused (its x86-64 build contracts the mul + add). */
void wk_cpu_gelu_tanh_f32(float *out, const float *in, int64_t n, bool simd) {
    const float beta = WK_VM_GELU_BETA, kappa = 0.044715f;
    int64_t vend = simd ? n - n % WK_VM_VEC_BLOCK : 0, i = wk_vm_gelu_tanhf_n(out, in, vend);
    for (; i < vend; i++) {
        float x = in[i], x3 = x * x * x;
        out[i] = 0.5f * x * (1.0f + wk_vm_tanhf(beta * fmaf(kappa, x3, x)));
    }
    for (; i < n; i++) {
        float x = in[i], x3 = x * x * x;
        out[i] = 0.5f * x * (1.0f + tanhf(beta * fmaf(kappa, x3, x)));
    }
}

static void un_sigmoid_silu_fast_f32(char **p, const int64_t *s, int64_t n, bool silu, void *ctx) {
    float *o = (float *)p[0];
    const float *a = (const float *)p[1];
    int64_t k = s[0] == 4 && s[1] == 4 ? wk_vm_sigmoidf_n(o, a, n - n % WK_VM_VEC_BLOCK, silu) : 0;
    if (k == 0) {
        (silu ? un_SILU_F32 : un_SIGMOID_F32)(p, s, n, ctx);
        return;
    }
    for (int64_t i = k; i < n; i++)
        o[i] = silu ? f_silu_vf(a[i], wk_vm_in_vector_part(i, n)) : f_sigmoid_vf(a[i], wk_vm_in_vector_part(i, n));
}
static void un_sigmoid_fast_f32(char **p, const int64_t *s, int64_t n, void *ctx) {
    un_sigmoid_silu_fast_f32(p, s, n, false, ctx);
}
static void un_silu_fast_f32(char **p, const int64_t *s, int64_t n, void *ctx) {
    un_sigmoid_silu_fast_f32(p, s, n, true, ctx);
}
/* float64 sigmoid on a contiguous row: 1 / (1 + e^-x) with wk_vm_exp's bits (the 4-lane
 * wk_vm_sigmoid_n) on the blocks of 8, libm's exp on the tail, as un_SIGMOID_F64 rounds it. */
static void un_sigmoid_fast_f64(char **p, const int64_t *s, int64_t n, void *ctx) {
    if (s[0] != 8 || s[1] != 8) {
        un_SIGMOID_F64(p, s, n, ctx);
        return;
    }
    double *o = (double *)p[0];
    const double *a = (const double *)p[1];
    int64_t vend = n - n % (WK_VM_VEC_BLOCK / 2), i;
    for (i = wk_vm_sigmoid_n(o, a, vend); i < n; i++) o[i] = f_sigmoid_vd(a[i], i < vend);
}

bool wk_cpu_unary(wk_unary_op op, wk_tensor *out, const wk_tensor *a, const double *params) {
    loop_fn fn = (unsigned)op < WK_UOP_COUNT ? g_unary[op][a->dtype] : NULL;
    if (a->dtype == WK_DT_F32 && out->dtype == WK_DT_F32 && (op == WK_UOP_SIGMOID || op == WK_UOP_SILU))
        fn = op == WK_UOP_SIGMOID ? un_sigmoid_fast_f32 : un_silu_fast_f32;
    if (a->dtype == WK_DT_F32 && out->dtype == WK_DT_F32 && op == WK_UOP_TANH) fn = un_tanh_fast_f32;
    if (a->dtype == WK_DT_F64 && out->dtype == WK_DT_F64 && op == WK_UOP_SIGMOID) fn = un_sigmoid_fast_f64;
    if (op == WK_UOP_POW_SCALAR && params && a->dtype == out->dtype && (a->dtype == WK_DT_F32 || a->dtype == WK_DT_F64)) {
        loop_fn special = pow_scalar_kernel(a->dtype, params[0]);
        if (special) fn = special;
    }
    if (op == WK_UOP_GELU && a->dtype == WK_DT_F32 && out->dtype == WK_DT_F32) fn = un_gelu_fast_f32;
    if (op == WK_UOP_LOG && a->dtype == WK_DT_F32 && out->dtype == WK_DT_F32) fn = un_log_fast_f32;
    if (op == WK_UOP_LOG1P && a->dtype == out->dtype && (a->dtype == WK_DT_F32 || a->dtype == WK_DT_F64))
        fn = a->dtype == WK_DT_F32 ? un_log1p_fast_f32 : un_log1p_fast_f64;
    if (op == WK_UOP_EXP && a->dtype == out->dtype && (a->dtype == WK_DT_F32 || a->dtype == WK_DT_F64))
        fn = a->dtype == WK_DT_F32 ? un_exp_fast_f32 : un_exp_fast_f64;
    if (op == WK_UOP_CLAMP && params && a->dtype == WK_DT_I64 && out->dtype == WK_DT_I64 &&
        clamp_i64_bound_ok(params[0]) && clamp_i64_bound_ok(params[1]))
        fn = clamp_row_I64;
    /* clamp with both bounds NaN (a NaN result) stays with the generic kernel */
    if (a->dtype == out->dtype && !(op == WK_UOP_CLAMP && params && isnan(params[0]) && isnan(params[1]))) {
        wk_unary_op vop = op != WK_UOP_POW_SCALAR || !params ? op : params[0] == 0.5 ? WK_UOP_SQRT
                        : params[0] == -0.5 ? WK_UOP_RSQRT : op;
        loop_fn v = avx_unary(vop, a->dtype);
        if (v) fn = v;
    }
    if (!fn) return not_impl((unsigned)op < WK_UOP_COUNT ? g_unary_names[op] : "unary", a->dtype);
    /* only clamp takes two parameters; the others may pass a one-element array */
    kctx k = {0, params ? params[0] : 0, params && op == WK_UOP_CLAMP ? params[1] : 0, 0};
    const wk_tensor *ops[2] = {out, a};
    return run(fn, 2, ops, &k);
}

bool wk_cpu_binary(wk_binary_op op, wk_tensor *out, const wk_tensor *a, const wk_tensor *b, double alpha) {
    loop_fn fn = (unsigned)op < WK_BIN_COUNT ? g_binary[op][a->dtype] : NULL;
    if (!fn) return not_impl((unsigned)op < WK_BIN_COUNT ? g_binary_names[op] : "binary", a->dtype);
    kctx k = {alpha, 0, 0, 0};
    const wk_tensor *ops[3] = {out, a, b};
    loop_fn fast = out->dtype == a->dtype && b->dtype == a->dtype ? fast_binary(op, a->dtype, alpha) : NULL;
    if (fast) fn = fast;
    return run(fn, 3, ops, &k);
}

bool wk_cpu_ternary(wk_ternary_op op, wk_tensor *out, const wk_tensor *a, const wk_tensor *b,
                    const wk_tensor *c, double value) {
    loop_fn fn = (unsigned)op < WK_TER_COUNT ? g_ternary[op][out->dtype] : NULL;
    if (!fn) return not_impl((unsigned)op < WK_TER_COUNT ? g_ternary_names[op] : "ternary", out->dtype);
    kctx k = {0, value, 0, 0};
    const wk_tensor *ops[4] = {out, a, b, c};
    return run(fn, 4, ops, &k);
}
