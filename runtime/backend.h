/* backend.h — the versioned per-device kernel vtable, op enums, memory statistics and the device registry. */
#ifndef WK_BACKEND_H
#define WK_BACKEND_H
#include "tensor.h"

#define WK_BACKEND_ABI 2

/* Elementwise ops. Kernels receive operands already broadcast to out's shape (stride 0 where
 * expanded) and, unless noted, of out's dtype (the compute dtype). */
typedef enum wk_unary_op {
    WK_UOP_NEG, WK_UOP_ABS, WK_UOP_SIGN, WK_UOP_SQUARE, WK_UOP_RECIPROCAL,
    WK_UOP_EXP, WK_UOP_EXP2, WK_UOP_EXPM1, WK_UOP_LOG, WK_UOP_LOG2, WK_UOP_LOG10, WK_UOP_LOG1P,
    WK_UOP_SQRT, WK_UOP_RSQRT, WK_UOP_SIN, WK_UOP_COS, WK_UOP_TAN, WK_UOP_ASIN, WK_UOP_ACOS,
    WK_UOP_ATAN, WK_UOP_SINH, WK_UOP_COSH, WK_UOP_TANH, WK_UOP_SIGMOID, WK_UOP_RELU, WK_UOP_ERF,
    WK_UOP_FLOOR, WK_UOP_CEIL, WK_UOP_ROUND, WK_UOP_TRUNC, WK_UOP_FRAC,
    WK_UOP_GELU, WK_UOP_SILU, WK_UOP_SOFTPLUS, WK_UOP_LOGICAL_NOT, WK_UOP_BITWISE_NOT,
    /* parameterised: p[0] (and p[1] for clamp) */
    WK_UOP_CLAMP,       /* p[0]=min (or -inf/NaN = none), p[1]=max */
    WK_UOP_POW_SCALAR,  /* x ** p[0] */
    WK_UOP_RPOW_SCALAR, /* p[0] ** x */
    WK_UOP_LEAKY_RELU,  /* slope p[0] */
    WK_UOP_ELU,         /* alpha p[0] */
    WK_UOP_ROUND_DECIMALS, /* round(x, decimals=p[0]) */
    /* predicates: out is bool */
    WK_UOP_ISNAN, WK_UOP_ISINF, WK_UOP_ISFINITE,
    WK_UOP_COUNT
} wk_unary_op;

typedef enum wk_binary_op {
    WK_BIN_ADD, WK_BIN_SUB,  /* a + alpha*b, a - alpha*b */
    WK_BIN_MUL, WK_BIN_DIV, WK_BIN_DIV_FLOOR, WK_BIN_DIV_TRUNC, WK_BIN_REMAINDER, WK_BIN_FMOD,
    WK_BIN_POW, WK_BIN_MAXIMUM, WK_BIN_MINIMUM, WK_BIN_ATAN2,
    WK_BIN_BITAND, WK_BIN_BITOR, WK_BIN_BITXOR,
    /* out is bool */
    WK_BIN_EQ, WK_BIN_NE, WK_BIN_LT, WK_BIN_LE, WK_BIN_GT, WK_BIN_GE,
    WK_BIN_LOGICAL_AND, WK_BIN_LOGICAL_OR, WK_BIN_LOGICAL_XOR,
    WK_BIN_COUNT
} wk_binary_op;

typedef enum wk_ternary_op {
    WK_TER_WHERE,    /* a is bool cond; b, c of out's dtype */
    WK_TER_LERP,     /* a + c*(b-a) */
    WK_TER_ADDCMUL,  /* a + value*b*c */
    WK_TER_ADDCDIV,  /* a + value*b/c */
    WK_TER_COUNT
} wk_ternary_op;

/* Reductions over a set of dims; out has the kept shape (keepdim layout decided by caller:
 * kernels get out with reduced dims of size 1, same ndim as a). */
typedef enum wk_reduce_op {
    WK_RED_SUM, WK_RED_PROD, WK_RED_MEAN, WK_RED_MAX, WK_RED_MIN, WK_RED_ALL, WK_RED_ANY,
    WK_RED_VAR,      /* param = correction */
    WK_RED_STD,      /* param = correction */
    WK_RED_NORM,     /* param = p (inf allowed) */
    WK_RED_LOGSUMEXP, WK_RED_NANSUM, WK_RED_COUNT_NONZERO,
    WK_RED_COUNT
} wk_reduce_op;

typedef enum wk_argreduce_op { WK_ARG_MAX, WK_ARG_MIN, WK_ARG_COUNT } wk_argreduce_op;

/* Scans along one dim (out same shape as a); cummax/cummin also write indices. */
typedef enum wk_scan_op {
    WK_SCAN_CUMSUM, WK_SCAN_CUMPROD, WK_SCAN_CUMMAX, WK_SCAN_CUMMIN, WK_SCAN_LOGCUMSUMEXP,
    WK_SCAN_SOFTMAX, WK_SCAN_LOG_SOFTMAX,
    WK_SCAN_COUNT
} wk_scan_op;

typedef enum wk_scatter_reduce { WK_SCATTER_SET, WK_SCATTER_ADD, WK_SCATTER_MUL } wk_scatter_reduce;

typedef struct wk_memstats {
    int64_t allocated, reserved, peak_allocated, peak_reserved;
    int64_t n_allocs, n_frees;
} wk_memstats;

struct wk_generator;

typedef struct wk_backend {
    int abi_version;          /* WK_BACKEND_ABI */
    const char *name;         /* "cpu", "cuda" */
    wk_devtype device_type;
    int (*device_count)(void);

    /* memory */
    void *(*alloc)(int device_index, size_t nbytes);   /* NULL + WK_ERR_OOM on failure */
    void (*free)(int device_index, void *p, size_t nbytes);
    /* dst = src with dtype conversion; same shape (src may be an expanded view); either side
     * may live on the host when the other lives on this device. */
    bool (*copy)(wk_tensor *dst, const wk_tensor *src);
    bool (*fill)(wk_tensor *dst, wk_scalar v);
    bool (*synchronize)(int device_index);
    void (*memory_stats)(int device_index, wk_memstats *out);
    void (*reset_peak)(int device_index);

    /* elementwise */
    bool (*unary)(wk_unary_op op, wk_tensor *out, const wk_tensor *a, const double *params);
    bool (*binary)(wk_binary_op op, wk_tensor *out, const wk_tensor *a, const wk_tensor *b, double alpha);
    bool (*ternary)(wk_ternary_op op, wk_tensor *out, const wk_tensor *a, const wk_tensor *b,
                    const wk_tensor *c, double value);

    /* reductions: dims is a bitmask over a's dims; out is a's shape with those dims = 1 */
    bool (*reduce)(wk_reduce_op op, wk_tensor *out, const wk_tensor *a, uint32_t dims, double param);
    /* values (may be NULL) and int64 indices along one dim; out shapes have size 1 at dim */
    bool (*arg_reduce)(wk_argreduce_op op, wk_tensor *values, wk_tensor *indices,
                       const wk_tensor *a, int dim);
    bool (*scan)(wk_scan_op op, wk_tensor *out, wk_tensor *indices, const wk_tensor *a, int dim);

    /* C = alpha*op(A)*op(B) + beta*C, row-major, dtype f32/f64 (others: generic) */
    bool (*gemm)(wk_dtype dt, bool ta, bool tb, int64_t m, int64_t n, int64_t k, double alpha,
                 const void *a, int64_t lda, const void *b, int64_t ldb, double beta, void *c,
                 int64_t ldc);

    /* indexing (index tensors are int64) */
    bool (*index_select)(wk_tensor *out, const wk_tensor *a, int dim, const wk_tensor *index);
    bool (*gather)(wk_tensor *out, const wk_tensor *a, int dim, const wk_tensor *index);
    bool (*scatter)(wk_tensor *self, int dim, const wk_tensor *index, const wk_tensor *src,
                    wk_scatter_reduce reduce);
    bool (*index_add)(wk_tensor *self, int dim, const wk_tensor *index, const wk_tensor *src,
                      double alpha);
    bool (*masked_fill)(wk_tensor *self, const wk_tensor *mask, wk_scalar v); /* mask expanded */
    /* out is 1-D with count_nonzero(mask) elements */
    bool (*masked_select)(wk_tensor *out, const wk_tensor *a, const wk_tensor *mask);
    /* out: (nnz, ndim) int64 */
    bool (*nonzero)(wk_tensor *out, const wk_tensor *a);

    /* RNG (CPU generator for "cpu"; each backend brings its own) */
    bool (*uniform_)(wk_tensor *t, double from, double to, struct wk_generator *g);
    bool (*normal_)(wk_tensor *t, double mean, double std, struct wk_generator *g);
    bool (*random_)(wk_tensor *t, int64_t low, int64_t high, struct wk_generator *g);
    bool (*bernoulli_)(wk_tensor *t, double p, struct wk_generator *g);
    bool (*bernoulli_tensor_)(wk_tensor *t, const wk_tensor *p, struct wk_generator *g);
    bool (*randperm)(wk_tensor *out, struct wk_generator *g);

    /* Optional BLAS level 1/2 and PyTorch's small-bmm loop (NULL: the op layer uses gemm).
     * gemv: y = alpha*op(A)*x + beta*y, A row-major (m x n); dot: *out = x.y (one element of
     * dt, on the host); bmm_small: out (B, M, N, contiguous) = a @ b, strided f32/f64, each
     * element one running sum over k (at::native's baddbmm_cpu_kernel, used for M*N*K < 400). */
    bool (*gemv)(wk_dtype dt, bool ta, int64_t m, int64_t n, double alpha, const void *a, int64_t lda,
                 const void *x, int64_t incx, double beta, void *y, int64_t incy);
    bool (*dot)(wk_dtype dt, int64_t n, const void *x, int64_t incx, const void *y, int64_t incy, void *out);
    bool (*bmm_small)(wk_tensor *out, const wk_tensor *a, const wk_tensor *b);
} wk_backend;

/* ---- registry */
/* Installs a backend for its device type (a CUDA plugin calls this after dlopen). Fails on
 * an ABI mismatch. */
bool wk_backend_register(const wk_backend *b);
/* The backend for dev (NULL + error when none: for CUDA, AssertionError
 * "Torch not compiled with CUDA enabled"). */
const wk_backend *wk_backend_get(wk_device dev);
const wk_backend *wk_backend_cpu(void);
bool wk_backend_available(wk_devtype type);
int wk_backend_device_count(wk_devtype type);
/* "cpu", "cuda", "cuda:1": parses torch.device strings. */
bool wk_device_parse(const char *s, wk_device *out);
/* str(device): "cpu", "cuda", "cuda:0"; repr: "device(type='cuda', index=0)". */
void wk_device_str(wk_device d, char *buf, size_t cap);
void wk_device_repr(wk_device d, char *buf, size_t cap);
bool wk_device_eq(wk_device a, wk_device b);

/* CPU memory statistics (also reachable through the vtable). */
void wk_cpu_memory_stats(wk_memstats *out);

#endif
