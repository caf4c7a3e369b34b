/* dtype.h — tensor element types, PyTorch type promotion, scalar values and element conversion. */
#ifndef WK_DTYPE_H
#define WK_DTYPE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Order matters only for tables; promotion is computed by rules (wk_dtype_promote). */
typedef enum wk_dtype {
    WK_DT_BOOL, WK_DT_U8, WK_DT_I8, WK_DT_I16, WK_DT_I32, WK_DT_I64, WK_DT_F16, WK_DT_BF16, WK_DT_F32, WK_DT_F64,
    WK_NDTYPES
} wk_dtype;

size_t wk_dtype_size(wk_dtype dt);
const char *wk_dtype_name(wk_dtype dt);        /* "torch.float32" (repr and str) */
const char *wk_dtype_short(wk_dtype dt);       /* "float32" */
const char *wk_dtype_scalar_name(wk_dtype dt); /* c10 name used in messages: "Float", "Long" */
const char *wk_dtype_ctype_name(wk_dtype dt);  /* C++ type name in some messages: "float", "long int" */
/* Accepts canonical names and aliases with or without "torch.": float, double, half,
 * long, int, short, char? (no), uint8, bool, bfloat16, float16, ... */
bool wk_dtype_from_name(const char *name, wk_dtype *out);
bool wk_dtype_is_float(wk_dtype dt);     /* f16 bf16 f32 f64 */
bool wk_dtype_is_integral(wk_dtype dt);  /* u8 i8 i16 i32 i64 (bool excluded) */
bool wk_dtype_is_signed(wk_dtype dt);

/* torch.get_default_dtype() / set_default_dtype (float32 or float64). */
wk_dtype wk_dtype_default_float(void);
void wk_dtype_set_default_float(wk_dtype dt);

/* promoteTypes for two tensors of the same priority class. */
wk_dtype wk_dtype_promote(wk_dtype a, wk_dtype b);
/* True when a value of type `from` may be written into `to` by an in-place op
 * (canCast: no float->int, no (int|float)->bool). */
bool wk_dtype_can_cast(wk_dtype from, wk_dtype to);

/* A Python number as an operand (wrapped number). */
typedef enum wk_scalar_kind { WK_SCALAR_BOOL, WK_SCALAR_INT, WK_SCALAR_FLOAT } wk_scalar_kind;
typedef struct wk_scalar {
    wk_scalar_kind kind;
    union { bool b; int64_t i; double f; } v;
} wk_scalar;
wk_scalar wk_scalar_bool(bool b);
wk_scalar wk_scalar_int(int64_t i);
wk_scalar wk_scalar_float(double f);
double wk_scalar_to_f64(wk_scalar s);
int64_t wk_scalar_to_i64(wk_scalar s);
/* dtype a scalar would have as a tensor: bool, int64, default float. */
wk_dtype wk_scalar_dtype(wk_scalar s);

/* torch.result_type over several operands: dim>0 tensors, 0-dim tensors, wrapped scalars. */
typedef struct wk_result_type {
    int dim, zero, wrapped;  /* -1 = none yet, else a wk_dtype */
} wk_result_type;
void wk_result_type_init(wk_result_type *rt);
void wk_result_type_tensor(wk_result_type *rt, wk_dtype dt, int ndim);
void wk_result_type_scalar(wk_result_type *rt, wk_scalar_kind kind);
wk_dtype wk_result_type_get(const wk_result_type *rt);

/* IEEE half and bfloat16, round to nearest even (NaN stays NaN). */
uint16_t wk_f32_to_f16(float f);
float wk_f16_to_f32(uint16_t h);
uint16_t wk_f32_to_bf16(float f);
float wk_bf16_to_f32(uint16_t b);

/* One element at p. Loads are exact for every dtype (f64 for floats; i64 loads of floats
 * truncate with x86 semantics). Stores convert as PyTorch's static_cast does: float->int
 * via int64 truncation then wrap; int->float by one rounding; anything->bool is != 0. */
double wk_dtype_load_f64(wk_dtype dt, const void *p);
int64_t wk_dtype_load_i64(wk_dtype dt, const void *p);
void wk_dtype_store_f64(wk_dtype dt, void *p, double v);
void wk_dtype_store_i64(wk_dtype dt, void *p, int64_t v);
void wk_dtype_store_scalar(wk_dtype dt, void *p, wk_scalar s);
wk_scalar wk_dtype_load_scalar(wk_dtype dt, const void *p); /* bool/int/float by dtype */
/* n elements from src (byte stride ss) to dst (byte stride ds) with conversion. */
void wk_dtype_convert(wk_dtype dd, void *dst, int64_t ds, wk_dtype sd, const void *src,
                      int64_t ss, int64_t n);
/* float -> int64 like x86 cvttsd2si: NaN and out-of-range give INT64_MIN. */
int64_t wk_f64_to_i64(double v);

#endif
