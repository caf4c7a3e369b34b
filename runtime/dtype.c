/* dtype.c — dtype tables, promotion (PyTorch's promoteTypes/result_type), half/bfloat16, element conversion. */
#include "dtype.h"
#include <math.h>
#include <string.h>

static const struct {
    size_t size;
    const char *name, *shortname, *scalar;
} g_info[WK_NDTYPES] = {
    [WK_DT_BOOL] = {1, "torch.bool", "bool", "Bool"},
    [WK_DT_U8] = {1, "torch.uint8", "uint8", "Byte"},
    [WK_DT_I8] = {1, "torch.int8", "int8", "Char"},
    [WK_DT_I16] = {2, "torch.int16", "int16", "Short"},
    [WK_DT_I32] = {4, "torch.int32", "int32", "Int"},
    [WK_DT_I64] = {8, "torch.int64", "int64", "Long"},
    [WK_DT_F16] = {2, "torch.float16", "float16", "Half"},
    [WK_DT_BF16] = {2, "torch.bfloat16", "bfloat16", "BFloat16"},
    [WK_DT_F32] = {4, "torch.float32", "float32", "Float"},
    [WK_DT_F64] = {8, "torch.float64", "float64", "Double"},
};

static wk_dtype g_default_float = WK_DT_F32;

size_t wk_dtype_size(wk_dtype dt) { return g_info[dt].size; }
const char *wk_dtype_name(wk_dtype dt) { return g_info[dt].name; }
const char *wk_dtype_short(wk_dtype dt) { return g_info[dt].shortname; }
const char *wk_dtype_scalar_name(wk_dtype dt) { return g_info[dt].scalar; }

const char *wk_dtype_ctype_name(wk_dtype dt) {
    switch (dt) {
    case WK_DT_F32: return "float";
    case WK_DT_F64: return "double";
    case WK_DT_F16: return "c10::Half";
    case WK_DT_BF16: return "c10::BFloat16";
    case WK_DT_I64: return "long int";
    case WK_DT_I32: return "int";
    case WK_DT_I16: return "short int";
    case WK_DT_I8: return "signed char";
    case WK_DT_U8: return "unsigned char";
    default: return "bool";
    }
}
bool wk_dtype_is_float(wk_dtype dt) { return dt >= WK_DT_F16; }
bool wk_dtype_is_integral(wk_dtype dt) { return dt >= WK_DT_U8 && dt <= WK_DT_I64; }
bool wk_dtype_is_signed(wk_dtype dt) { return dt != WK_DT_BOOL && dt != WK_DT_U8; }
wk_dtype wk_dtype_default_float(void) { return g_default_float; }
void wk_dtype_set_default_float(wk_dtype dt) { g_default_float = dt; }

bool wk_dtype_from_name(const char *name, wk_dtype *out) {
    static const struct { const char *n; wk_dtype d; } aliases[] = {
        {"float", WK_DT_F32}, {"double", WK_DT_F64}, {"half", WK_DT_F16}, {"long", WK_DT_I64},
        {"int", WK_DT_I32}, {"short", WK_DT_I16}, {"bool", WK_DT_BOOL},
    };
    if (strncmp(name, "torch.", 6) == 0) name += 6;
    for (int i = 0; i < WK_NDTYPES; i++)
        if (strcmp(name, g_info[i].shortname) == 0) { *out = (wk_dtype)i; return true; }
    for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
        if (strcmp(name, aliases[i].n) == 0) { *out = aliases[i].d; return true; }
    return false;
}

/* Rank of an integer type by width; u8 is special-cased in promote. */
static int int_width(wk_dtype d) {
    switch (d) {
    case WK_DT_U8: case WK_DT_I8: return 1;
    case WK_DT_I16: return 2;
    case WK_DT_I32: return 4;
    default: return 8;
    }
}

wk_dtype wk_dtype_promote(wk_dtype a, wk_dtype b) {
    if (a == b) return a;
    if (a == WK_DT_BOOL) return b;
    if (b == WK_DT_BOOL) return a;
    bool fa = wk_dtype_is_float(a), fb = wk_dtype_is_float(b);
    if (fa && !fb) return a;
    if (fb && !fa) return b;
    if (fa) { /* both floating */
        if (a == WK_DT_F64 || b == WK_DT_F64) return WK_DT_F64;
        return WK_DT_F32; /* f32 with f16/bf16, or f16 with bf16 */
    }
    /* both integral */
    if (a == WK_DT_U8 || b == WK_DT_U8) {
        wk_dtype o = a == WK_DT_U8 ? b : a;
        return o == WK_DT_I8 ? WK_DT_I16 : o;
    }
    return int_width(a) >= int_width(b) ? a : b;
}

static int category(wk_dtype d) { return d == WK_DT_BOOL ? 0 : wk_dtype_is_float(d) ? 2 : 1; }

bool wk_dtype_can_cast(wk_dtype from, wk_dtype to) {
    return category(from) <= category(to);
}

wk_scalar wk_scalar_bool(bool b) { wk_scalar s = {WK_SCALAR_BOOL, {.b = b}}; return s; }
wk_scalar wk_scalar_int(int64_t i) { wk_scalar s = {WK_SCALAR_INT, {.i = i}}; return s; }
wk_scalar wk_scalar_float(double f) { wk_scalar s = {WK_SCALAR_FLOAT, {.f = f}}; return s; }

double wk_scalar_to_f64(wk_scalar s) {
    return s.kind == WK_SCALAR_FLOAT ? s.v.f : s.kind == WK_SCALAR_INT ? (double)s.v.i : s.v.b;
}

int64_t wk_scalar_to_i64(wk_scalar s) {
    return s.kind == WK_SCALAR_FLOAT ? wk_f64_to_i64(s.v.f) : s.kind == WK_SCALAR_INT ? s.v.i : s.v.b;
}

wk_dtype wk_scalar_dtype(wk_scalar s) {
    return s.kind == WK_SCALAR_BOOL ? WK_DT_BOOL : s.kind == WK_SCALAR_INT ? WK_DT_I64 : g_default_float;
}

void wk_result_type_init(wk_result_type *rt) { rt->dim = rt->zero = rt->wrapped = -1; }

static void accumulate(int *slot, wk_dtype d) {
    *slot = *slot < 0 ? (int)d : (int)wk_dtype_promote((wk_dtype)*slot, d);
}

void wk_result_type_tensor(wk_result_type *rt, wk_dtype dt, int ndim) {
    accumulate(ndim > 0 ? &rt->dim : &rt->zero, dt);
}

void wk_result_type_scalar(wk_result_type *rt, wk_scalar_kind kind) {
    wk_dtype d = kind == WK_SCALAR_BOOL ? WK_DT_BOOL : kind == WK_SCALAR_INT ? WK_DT_I64 : g_default_float;
    accumulate(&rt->wrapped, d);
}

/* A lower-priority class only matters when it is of a higher category. */
static int combine(int higher, int lower) {
    if (higher < 0) return lower;
    if (lower < 0) return higher;
    if (wk_dtype_is_float((wk_dtype)higher)) return higher;
    if (higher == WK_DT_BOOL || wk_dtype_is_float((wk_dtype)lower))
        return (int)wk_dtype_promote((wk_dtype)higher, (wk_dtype)lower);
    return higher;
}

wk_dtype wk_result_type_get(const wk_result_type *rt) {
    int r = combine(rt->dim, combine(rt->zero, rt->wrapped));
    return r < 0 ? g_default_float : (wk_dtype)r;
}

/* ---------------------------------------------------------------- half / bfloat16 */

static uint32_t f2u(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static float u2f(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }

uint16_t wk_f32_to_f16(float f) {
    uint32_t x = f2u(f), sign = (x >> 16) & 0x8000u;
    uint32_t ax = x & 0x7fffffffu;
    if (ax >= 0x7f800000u) /* inf or nan */
        return (uint16_t)(sign | 0x7c00u | (ax > 0x7f800000u ? 0x200u | ((ax >> 13) & 0x3ffu) : 0));
    if (ax >= 0x477ff000u) return (uint16_t)(sign | 0x7c00u); /* rounds to >= 65520: inf */
    if (ax < 0x38800000u) { /* subnormal half (or zero): scale so rounding happens in float add */
        float v = u2f(ax) + 0.5f; /* 0.5 = 2^-1: ulp there is 2^-24, the half subnormal step */
        return (uint16_t)(sign | (f2u(v) - f2u(0.5f)));
    }
    uint32_t mant_odd = (ax >> 13) & 1u;
    ax += 0xc8000fffu + mant_odd; /* rebias exponent (-112 << 23) and round to nearest even */
    return (uint16_t)(sign | (ax >> 13));
}

float wk_f16_to_f32(uint16_t h) {
    uint32_t sign = (uint32_t)(h & 0x8000u) << 16, e = (h >> 10) & 0x1fu, m = h & 0x3ffu;
    if (e == 0x1f) return u2f(sign | 0x7f800000u | (m << 13));
    if (e == 0) { /* zero or subnormal: m * 2^-24 */
        float v = (float)m * 5.9604644775390625e-08f;
        return sign ? -v : v;
    }
    return u2f(sign | ((e + 112) << 23) | (m << 13));
}

uint16_t wk_f32_to_bf16(float f) {
    uint32_t x = f2u(f);
    if ((x & 0x7fffffffu) > 0x7f800000u) return (uint16_t)((x >> 16) | 0x40u); /* quiet NaN */
    x += 0x7fffu + ((x >> 16) & 1u);
    return (uint16_t)(x >> 16);
}

float wk_bf16_to_f32(uint16_t b) { return u2f((uint32_t)b << 16); }

/* ---------------------------------------------------------------- element access */

int64_t wk_f64_to_i64(double v) {
    if (!(v >= -9223372036854775808.0 && v < 9223372036854775808.0)) return INT64_MIN;
    return (int64_t)v;
}

double wk_dtype_load_f64(wk_dtype dt, const void *p) {
    switch (dt) {
    case WK_DT_BOOL: return *(const uint8_t *)p != 0;
    case WK_DT_U8: return *(const uint8_t *)p;
    case WK_DT_I8: return *(const int8_t *)p;
    case WK_DT_I16: return *(const int16_t *)p;
    case WK_DT_I32: return *(const int32_t *)p;
    case WK_DT_I64: return (double)*(const int64_t *)p;
    case WK_DT_F16: return wk_f16_to_f32(*(const uint16_t *)p);
    case WK_DT_BF16: return wk_bf16_to_f32(*(const uint16_t *)p);
    case WK_DT_F32: return *(const float *)p;
    case WK_DT_F64: return *(const double *)p;
    default: return 0;
    }
}

int64_t wk_dtype_load_i64(wk_dtype dt, const void *p) {
    switch (dt) {
    case WK_DT_BOOL: return *(const uint8_t *)p != 0;
    case WK_DT_U8: return *(const uint8_t *)p;
    case WK_DT_I8: return *(const int8_t *)p;
    case WK_DT_I16: return *(const int16_t *)p;
    case WK_DT_I32: return *(const int32_t *)p;
    case WK_DT_I64: return *(const int64_t *)p;
    default: return wk_f64_to_i64(wk_dtype_load_f64(dt, p));
    }
}

void wk_dtype_store_i64(wk_dtype dt, void *p, int64_t v) {
    switch (dt) {
    case WK_DT_BOOL: *(uint8_t *)p = v != 0; break;
    case WK_DT_U8: *(uint8_t *)p = (uint8_t)v; break;
    case WK_DT_I8: *(int8_t *)p = (int8_t)(uint8_t)v; break;
    case WK_DT_I16: *(int16_t *)p = (int16_t)(uint16_t)v; break;
    case WK_DT_I32: *(int32_t *)p = (int32_t)(uint32_t)v; break;
    case WK_DT_I64: *(int64_t *)p = v; break;
    case WK_DT_F16: *(uint16_t *)p = wk_f32_to_f16((float)v); break;
    case WK_DT_BF16: *(uint16_t *)p = wk_f32_to_bf16((float)v); break;
    case WK_DT_F32: *(float *)p = (float)v; break;
    case WK_DT_F64: *(double *)p = (double)v; break;
    default: break;
    }
}

void wk_dtype_store_f64(wk_dtype dt, void *p, double v) {
    switch (dt) {
    case WK_DT_BOOL: *(uint8_t *)p = v != 0; break;
    case WK_DT_F16: *(uint16_t *)p = wk_f32_to_f16((float)v); break;
    case WK_DT_BF16: *(uint16_t *)p = wk_f32_to_bf16((float)v); break;
    case WK_DT_F32: *(float *)p = (float)v; break;
    case WK_DT_F64: *(double *)p = v; break;
    default: wk_dtype_store_i64(dt, p, wk_f64_to_i64(v)); break;
    }
}

void wk_dtype_store_scalar(wk_dtype dt, void *p, wk_scalar s) {
    if (s.kind == WK_SCALAR_FLOAT) wk_dtype_store_f64(dt, p, s.v.f);
    else wk_dtype_store_i64(dt, p, s.kind == WK_SCALAR_INT ? s.v.i : s.v.b);
}

wk_scalar wk_dtype_load_scalar(wk_dtype dt, const void *p) {
    if (dt == WK_DT_BOOL) return wk_scalar_bool(*(const uint8_t *)p != 0);
    if (wk_dtype_is_float(dt)) return wk_scalar_float(wk_dtype_load_f64(dt, p));
    return wk_scalar_int(wk_dtype_load_i64(dt, p));
}

/* Same-type copies and the common float conversions get typed loops; the rest go
 * through one exact intermediate (int64 for integral sources, double for floats). */
#define CONV_LOOP(DT, ST, EXPR)                                                         \
    for (int64_t i = 0; i < n; i++) {                                                   \
        ST s_ = *(const ST *)((const char *)src + i * ss);                              \
        *(DT *)((char *)dst + i * ds) = (EXPR);                                         \
    }

void wk_dtype_convert(wk_dtype dd, void *dst, int64_t ds, wk_dtype sd, const void *src,
                      int64_t ss, int64_t n) {
    size_t es = g_info[dd].size;
    if (dd == sd) {
        if (ds == (int64_t)es && ss == (int64_t)es) { memmove(dst, src, (size_t)n * es); return; }
        for (int64_t i = 0; i < n; i++)
            memcpy((char *)dst + i * ds, (const char *)src + i * ss, es);
        return;
    }
    if (dd == WK_DT_F64 && sd == WK_DT_F32) { CONV_LOOP(double, float, (double)s_); return; }
    if (dd == WK_DT_F32 && sd == WK_DT_F64) { CONV_LOOP(float, double, (float)s_); return; }
    if (dd == WK_DT_F32 && sd == WK_DT_I64) { CONV_LOOP(float, int64_t, (float)s_); return; }
    if (dd == WK_DT_F64 && sd == WK_DT_I64) { CONV_LOOP(double, int64_t, (double)s_); return; }
    bool src_exact_i64 = !wk_dtype_is_float(sd);
    for (int64_t i = 0; i < n; i++) {
        const char *sp = (const char *)src + i * ss;
        char *dp = (char *)dst + i * ds;
        if (src_exact_i64) wk_dtype_store_i64(dd, dp, wk_dtype_load_i64(sd, sp));
        else wk_dtype_store_f64(dd, dp, wk_dtype_load_f64(sd, sp));
    }
}
