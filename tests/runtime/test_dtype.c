/* test_dtype.c — dtype names, PyTorch promotion (data/promote.txt, exhaustive), half/bfloat16 rounding, element conversion. */
#include "../../runtime/dtype.h"
#include "../unit/tap.h"
#include <math.h>
#include <string.h>

#define DATA_FILE "tests/runtime/data/promote.txt"

static wk_dtype dt(const char *name) {
    wk_dtype d = WK_DT_F32;
    if (!wk_dtype_from_name(name, &d)) tap_diag("unknown dtype %s", name);
    return d;
}

static void add_operand(wk_result_type *rt, char kind, const char *what) {
    if (kind == 's') {
        wk_scalar_kind k = !strcmp(what, "bool") ? WK_SCALAR_BOOL : !strcmp(what, "int") ? WK_SCALAR_INT : WK_SCALAR_FLOAT;
        wk_result_type_scalar(rt, k);
    } else {
        wk_result_type_tensor(rt, dt(what), kind == 't' ? 1 : 0);
    }
}

static void promotion_table(void) {
    FILE *f = fopen(DATA_FILE, "r");
    if (!f) tap_bail_out("cannot open " DATA_FILE " (run from the repository root)");
    char kinds[8], a[32], b[32], want[32];
    int total = 0, bad = 0;
    while (fscanf(f, "%7s %31s %31s %31s", kinds, a, b, want) == 4) {
        wk_result_type rt;
        wk_result_type_init(&rt);
        add_operand(&rt, kinds[0], a);
        add_operand(&rt, kinds[1], b);
        wk_dtype got = wk_result_type_get(&rt);
        total++;
        if (got != dt(want)) {
            bad++;
            tap_diag("%s %s %s: got %s want %s", kinds, a, b, wk_dtype_short(got), want);
        }
    }
    fclose(f);
    tap_ok(total == 460 && bad == 0, "result_type matches PyTorch for %d operand pairs (%d wrong)", total, bad);
}

static float bits_f(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }

static void half_rounding(void) {
    int bad = 0;
    for (uint32_t h = 0; h < 65536; h++) { /* exact round trip for every non-NaN half */
        float f = wk_f16_to_f32((uint16_t)h);
        if (isnan(f)) { if (!isnan(wk_f16_to_f32(wk_f32_to_f16(f)))) bad++; continue; }
        if (wk_f32_to_f16(f) != h) bad++;
    }
    tap_ok(bad == 0, "float16 round trip of all 65536 values (%d wrong)", bad);
    bad = 0;
    for (uint32_t h = 0; h < 0x7bff; h++) { /* midpoints round to even, just above/below go to nearest */
        float lo = wk_f16_to_f32((uint16_t)h), hi = wk_f16_to_f32((uint16_t)(h + 1));
        double mid = ((double)lo + (double)hi) / 2;
        uint16_t even = (h & 1) ? (uint16_t)(h + 1) : (uint16_t)h;
        if (wk_f32_to_f16((float)mid) != even) bad++;
        if (wk_f32_to_f16(nextafterf((float)mid, INFINITY)) != h + 1) bad++;
        if (wk_f32_to_f16(nextafterf((float)mid, -INFINITY)) != h) bad++;
    }
    tap_ok(bad == 0, "float16 round-to-nearest-even at every midpoint (%d wrong)", bad);
    tap_ok(wk_f32_to_f16(65520.0f) == 0x7c00 && wk_f32_to_f16(65519.0f) == 0x7bff, "float16 overflow threshold");
    tap_ok(wk_f32_to_f16(-0.0f) == 0x8000 && wk_f32_to_f16(bits_f(0x33000000)) == 0 &&
           wk_f32_to_f16(bits_f(0x33000001)) == 1, "float16 signed zero and smallest subnormal");
    bad = 0;
    for (uint32_t b = 0; b < 0x7f7f; b++) {
        float lo = wk_bf16_to_f32((uint16_t)b), hi = wk_bf16_to_f32((uint16_t)(b + 1));
        float mid = bits_f(((uint32_t)b << 16) | 0x8000u);
        uint16_t even = (b & 1) ? (uint16_t)(b + 1) : (uint16_t)b;
        (void)lo; (void)hi;
        if (wk_f32_to_bf16(mid) != even || wk_f32_to_bf16(lo) != b) bad++;
    }
    tap_ok(bad == 0, "bfloat16 exact values and ties to even (%d wrong)", bad);
    tap_ok(isnan(wk_bf16_to_f32(wk_f32_to_bf16(NAN))), "bfloat16 keeps NaN");
}

static void names_and_casts(void) {
    tap_is_str(wk_dtype_name(WK_DT_F32), "torch.float32", "float32 name");
    tap_is_str(wk_dtype_name(WK_DT_BOOL), "torch.bool", "bool name");
    tap_is_str(wk_dtype_name(dt("torch.half")), "torch.float16", "half alias");
    tap_is_str(wk_dtype_name(dt("long")), "torch.int64", "long alias");
    tap_is_str(wk_dtype_scalar_name(WK_DT_F64), "Double", "scalar name");
    tap_ok(wk_dtype_size(WK_DT_BF16) == 2 && wk_dtype_size(WK_DT_I64) == 8 && wk_dtype_size(WK_DT_BOOL) == 1, "sizes");
    wk_dtype d;
    tap_ok(!wk_dtype_from_name("float128", &d), "unknown name rejected");
    tap_ok(!wk_dtype_can_cast(WK_DT_F32, WK_DT_I64) && wk_dtype_can_cast(WK_DT_I64, WK_DT_F16) &&
           !wk_dtype_can_cast(WK_DT_I32, WK_DT_BOOL) && wk_dtype_can_cast(WK_DT_BOOL, WK_DT_U8), "can_cast categories");
    unsigned char buf[8];
    wk_dtype_store_f64(WK_DT_U8, buf, -1.0);
    tap_is_int(buf[0], 255, "float -1 to uint8 wraps like PyTorch");
    wk_dtype_store_f64(WK_DT_I32, buf, 2.9);
    tap_is_int(wk_dtype_load_i64(WK_DT_I32, buf), 2, "float to int truncates");
    wk_dtype_store_f64(WK_DT_BOOL, buf, NAN);
    tap_is_int(buf[0], 1, "nan to bool is True");
    wk_dtype_store_i64(WK_DT_F32, buf, (1LL << 53) + 1);
    float fv;
    memcpy(&fv, buf, 4);
    tap_ok(fv == 9007199254740992.0f, "int64 to float32 rounds once");
    wk_dtype_store_i64(WK_DT_I8, buf, 300);
    tap_is_int(wk_dtype_load_i64(WK_DT_I8, buf), 44, "int wraps into int8");
    int16_t src[3] = {-1, 2, 300};
    double dst[3];
    wk_dtype_convert(WK_DT_F64, dst, 8, WK_DT_I16, src, 2, 3);
    tap_ok(dst[0] == -1 && dst[1] == 2 && dst[2] == 300, "convert int16 -> float64");
    wk_dtype_set_default_float(WK_DT_F64);
    wk_result_type rt;
    wk_result_type_init(&rt);
    wk_result_type_tensor(&rt, WK_DT_I64, 1);
    wk_result_type_scalar(&rt, WK_SCALAR_FLOAT);
    tap_ok(wk_result_type_get(&rt) == WK_DT_F64, "float scalar follows the default dtype");
    wk_dtype_set_default_float(WK_DT_F32);
}

int main(void) {
    promotion_table();
    half_rounding();
    names_and_casts();
    return tap_done_testing();
}
