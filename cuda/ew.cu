// ew.cu — elementwise CUDA kernels: cast/copy, fill, unary, binary, ternary and masked_fill over strided N-d operands.
#include "common.cuh"

// ------------------------------------------------------------------ the loop skeleton
// F(i, off) is called for every element; off holds the byte offsets of the N operands.
// Contiguous operands take the flat path (offset = i * elsize, 4 elements per thread).
template <int N, typename F> __global__ void k_each(wkc_iter it, int es0, int es1, int es2, int es3, F f) {
    int64_t off[WKC_MAXOP];
    if (it.contig) {
        const int64_t es[4] = {es0, es1, es2, es3};
        int64_t base = ((int64_t)blockIdx.x * blockDim.x * 4) + threadIdx.x;
        int64_t step = (int64_t)blockDim.x * gridDim.x * 4;
        for (; base < it.numel; base += step) {
#pragma unroll
            for (int u = 0; u < 4; u++) {
                int64_t i = base + (int64_t)u * blockDim.x;
                if (i < it.numel) {
#pragma unroll
                    for (int k = 0; k < N; k++) off[k] = i * es[k];
                    f(off);
                }
            }
        }
        return;
    }
    WKC_FOR(i, it.numel) {
        wkc_offsets<N>(it, i, off);
        f(off);
    }
}

template <int N, typename F> static bool run_each(const wkc_iter *it, const int *es, F f) {
    if (it->numel == 0) return true;
    k_each<N><<<wkc_grid(it->numel, it->contig ? 4 : 1), WKC_BLOCK>>>(*it, es[0], N > 1 ? es[1] : 0,
                                                                     N > 2 ? es[2] : 0, N > 3 ? es[3] : 0, f);
    return wkc_check_launch();
}

#define AT(T, k) (*(T *)(d[k] + off[k]))

// ------------------------------------------------------------------ cast / fill
template <typename D, typename S> struct CastF {
    char *d[2];
    __device__ void operator()(const int64_t *off) const { AT(D, 0) = wkc_cast<D, S>(AT(S, 1)); }
};

extern "C" bool wkc_launch_cast(const wkc_iter *it, wk_dtype dst, wk_dtype src) {
    int es[2] = {(int)wkc_dtype_size(dst), (int)wkc_dtype_size(src)};
    bool ok = false;
    WKC_DISPATCH(dst, WKC_DISPATCH2(src, S, {
                     CastF<T, S> f = {{it->data[0], it->data[1]}};
                     ok = run_each<2>(it, es, f);
                 }));
    return ok;
}

template <typename W> struct FillF {
    char *d[1];
    W v;
    __device__ void operator()(const int64_t *off) const { AT(W, 0) = v; }
};

template <typename W> static bool fill_as(const wkc_iter *it, uint64_t bits) {
    int es[1] = {(int)sizeof(W)};
    FillF<W> f = {{it->data[0]}, (W)bits};
    return run_each<1>(it, es, f);
}

extern "C" bool wkc_launch_fill(const wkc_iter *it, size_t elsize, uint64_t bits) {
    switch (elsize) {
    case 1: return fill_as<uint8_t>(it, bits);
    case 2: return fill_as<uint16_t>(it, bits);
    case 4: return fill_as<uint32_t>(it, bits);
    default: return fill_as<uint64_t>(it, bits);
    }
}

template <typename W> struct MaskedFillF {
    char *d[2];
    W v;
    __device__ void operator()(const int64_t *off) const {
        if (AT(uint8_t, 1)) AT(W, 0) = v;
    }
};

extern "C" bool wkc_launch_masked_fill(const wkc_iter *it, size_t elsize, uint64_t bits) {
    int es[2] = {(int)elsize, 1};
    switch (elsize) {
    case 1: { MaskedFillF<uint8_t> f = {{it->data[0], it->data[1]}, (uint8_t)bits}; return run_each<2>(it, es, f); }
    case 2: { MaskedFillF<uint16_t> f = {{it->data[0], it->data[1]}, (uint16_t)bits}; return run_each<2>(it, es, f); }
    case 4: { MaskedFillF<uint32_t> f = {{it->data[0], it->data[1]}, (uint32_t)bits}; return run_each<2>(it, es, f); }
    default: { MaskedFillF<uint64_t> f = {{it->data[0], it->data[1]}, bits}; return run_each<2>(it, es, f); }
    }
}

// ------------------------------------------------------------------ scalar math (same rules as the CPU backend)
template <typename C> __device__ __forceinline__ C f_floordiv(C a, C b) {
    if (b == 0) return a / b;
    C mod = fmod(a, b), div = (a - mod) / b;
    if (mod != 0 && (b < 0) != (mod < 0)) div -= 1;
    if (div == 0) return copysign((C)0, a / b);
    C fl = floor(div);
    if (div - fl > (C)0.5) fl += 1;
    return fl;
}
template <typename C> __device__ __forceinline__ C f_rem(C a, C b) {
    C m = fmod(a, b);
    if (m != 0 && (b < 0) != (m < 0)) m += b;
    return m;
}
template <typename C> __device__ __forceinline__ C f_max(C x, C y) { return isnan(x) ? x : isnan(y) ? y : x > y ? x : y; }
template <typename C> __device__ __forceinline__ C f_min(C x, C y) { return isnan(x) ? x : isnan(y) ? y : x < y ? x : y; }
template <typename C> __device__ __forceinline__ C f_sigmoid(C x) { return (C)1 / ((C)1 + exp(-x)); }
template <typename C> __device__ __forceinline__ C f_clamp(C x, double lo, double hi) {
    if (isnan(x)) return x;
    if (!isnan(lo) && x < (C)lo) x = (C)lo;
    if (!isnan(hi) && x > (C)hi) x = (C)hi;
    return x;
}
__device__ __forceinline__ double f_round_dec(double x, double d) {
    return d >= 0 ? nearbyint(x * pow(10.0, d)) / pow(10.0, d) : nearbyint(x / pow(10.0, -d)) * pow(10.0, -d);
}
template <typename C> __device__ __forceinline__ C f_lerp(C a, C b, C w) {
    return fabs(w) < (C)0.5 ? a + w * (b - a) : b - (b - a) * ((C)1 - w);
}

__device__ __forceinline__ int64_t i_neg(int64_t x) { return (int64_t)(0 - (uint64_t)x); }
__device__ __forceinline__ int64_t i_mul(int64_t x, int64_t y) { return (int64_t)((uint64_t)x * (uint64_t)y); }
__device__ __forceinline__ int64_t i_pow(int64_t base, int64_t e) {
    if (e < 0) return base == 1 ? 1 : base == -1 ? ((e & 1) ? -1 : 1) : 0;
    uint64_t r = 1, b = (uint64_t)base;
    while (e) { if (e & 1) r *= b; b *= b; e >>= 1; }
    return (int64_t)r;
}
__device__ __forceinline__ int64_t i_floordiv(int64_t a, int64_t b) {
    if (b == 0) return 0;
    if (b == -1) return i_neg(a);
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}
__device__ __forceinline__ int64_t i_rem(int64_t a, int64_t b) {
    if (b == 0 || b == -1) return 0;
    int64_t m = a % b;
    if (m != 0 && ((b < 0) != (m < 0))) m += b;
    return m;
}
__device__ __forceinline__ int64_t i_clamp(int64_t x, double lo, double hi) {
    if (!isnan(lo) && (double)x < lo) x = (int64_t)lo;
    if (!isnan(hi) && (double)x > hi) x = (int64_t)hi;
    return x;
}

template <typename C> __device__ C un_float(int op, C x, double dp0, double dp1) {
    const C p0 = (C)dp0;
    switch (op) {
    case WK_UOP_NEG: return -x;
    case WK_UOP_ABS: return fabs(x);
    case WK_UOP_SIGN: return (C)((0 < x) - (x < 0));
    case WK_UOP_SQUARE: return x * x;
    case WK_UOP_RECIPROCAL: return (C)1 / x;
    case WK_UOP_EXP: return exp(x);
    case WK_UOP_EXP2: return exp2(x);
    case WK_UOP_EXPM1: return expm1(x);
    case WK_UOP_LOG: return log(x);
    case WK_UOP_LOG2: return log2(x);
    case WK_UOP_LOG10: return log10(x);
    case WK_UOP_LOG1P: return log1p(x);
    case WK_UOP_SQRT: return sqrt(x);
    case WK_UOP_RSQRT: return rsqrt(x);
    case WK_UOP_SIN: return sin(x);
    case WK_UOP_COS: return cos(x);
    case WK_UOP_TAN: return tan(x);
    case WK_UOP_ASIN: return asin(x);
    case WK_UOP_ACOS: return acos(x);
    case WK_UOP_ATAN: return atan(x);
    case WK_UOP_SINH: return sinh(x);
    case WK_UOP_COSH: return cosh(x);
    case WK_UOP_TANH: return tanh(x);
    case WK_UOP_SIGMOID: return f_sigmoid(x);
    case WK_UOP_RELU: return x < 0 ? (C)0 : x;
    case WK_UOP_ERF: return erf(x);
    case WK_UOP_FLOOR: return floor(x);
    case WK_UOP_CEIL: return ceil(x);
    case WK_UOP_ROUND: return nearbyint(x);
    case WK_UOP_TRUNC: return trunc(x);
    case WK_UOP_FRAC: return x - trunc(x);
    case WK_UOP_GELU: return (C)0.5 * x * ((C)1 + erf(x * (C)M_SQRT1_2));
    case WK_UOP_SILU: return x * f_sigmoid(x);
    case WK_UOP_SOFTPLUS: return x > (C)20 ? x : log1p(exp(x));
    case WK_UOP_CLAMP: return f_clamp(x, dp0, dp1);
    case WK_UOP_POW_SCALAR: return pow(x, p0);
    case WK_UOP_RPOW_SCALAR: return pow(p0, x);
    case WK_UOP_LEAKY_RELU: return x > 0 ? x : x * p0;
    case WK_UOP_ELU: return x > 0 ? x : p0 * expm1(x);
    case WK_UOP_ROUND_DECIMALS: return (C)f_round_dec((double)x, dp0);
    default: return x;
    }
}

__device__ int64_t un_int(int op, int64_t x, double dp0, double dp1) {
    switch (op) {
    case WK_UOP_NEG: return i_neg(x);
    case WK_UOP_ABS: return x < 0 ? i_neg(x) : x;
    case WK_UOP_SIGN: return (x > 0) - (x < 0);
    case WK_UOP_SQUARE: return i_mul(x, x);
    case WK_UOP_RELU: return x < 0 ? 0 : x;
    case WK_UOP_BITWISE_NOT: return ~x;
    case WK_UOP_CLAMP: return i_clamp(x, dp0, dp1);
    case WK_UOP_POW_SCALAR: return i_pow(x, (int64_t)dp0);
    case WK_UOP_RPOW_SCALAR: return i_pow((int64_t)dp0, x);
    default: return x; /* floor, ceil, round, trunc */
    }
}

template <typename C> __device__ C bin_float(int op, C x, C y, C al) {
    switch (op) {
    case WK_BIN_ADD: return x + al * y;
    case WK_BIN_SUB: return x - al * y;
    case WK_BIN_MUL: return x * y;
    case WK_BIN_DIV: return x / y;
    case WK_BIN_DIV_FLOOR: return f_floordiv(x, y);
    case WK_BIN_DIV_TRUNC: return trunc(x / y);
    case WK_BIN_REMAINDER: return f_rem(x, y);
    case WK_BIN_FMOD: return fmod(x, y);
    case WK_BIN_POW: return pow(x, y);
    case WK_BIN_MAXIMUM: return f_max(x, y);
    case WK_BIN_MINIMUM: return f_min(x, y);
    case WK_BIN_ATAN2: return atan2(x, y);
    default: return x;
    }
}

__device__ int64_t bin_int(int op, int64_t x, int64_t y, int64_t al) {
    switch (op) {
    case WK_BIN_ADD: return (int64_t)((uint64_t)x + (uint64_t)y * (uint64_t)al);
    case WK_BIN_SUB: return (int64_t)((uint64_t)x - (uint64_t)y * (uint64_t)al);
    case WK_BIN_MUL: return i_mul(x, y);
    case WK_BIN_DIV_FLOOR: return i_floordiv(x, y);
    case WK_BIN_DIV_TRUNC: return y == 0 ? 0 : y == -1 ? i_neg(x) : x / y;
    case WK_BIN_REMAINDER: return i_rem(x, y);
    case WK_BIN_FMOD: return (y == 0 || y == -1) ? 0 : x % y;
    case WK_BIN_POW: return i_pow(x, y);
    case WK_BIN_MAXIMUM: return x > y ? x : y;
    case WK_BIN_MINIMUM: return x < y ? x : y;
    case WK_BIN_BITAND: return x & y;
    case WK_BIN_BITOR: return x | y;
    case WK_BIN_BITXOR: return x ^ y;
    default: return x;
    }
}

template <typename C> __device__ __forceinline__ bool bin_pred(int op, C x, C y) {
    switch (op) {
    case WK_BIN_EQ: return x == y;
    case WK_BIN_NE: return x != y;
    case WK_BIN_LT: return x < y;
    case WK_BIN_LE: return x <= y;
    case WK_BIN_GT: return x > y;
    case WK_BIN_GE: return x >= y;
    case WK_BIN_LOGICAL_AND: return (x != 0) && (y != 0);
    case WK_BIN_LOGICAL_OR: return (x != 0) || (y != 0);
    default: return (x != 0) != (y != 0);
    }
}

// ------------------------------------------------------------------ op validity (mirrors the CPU tables)
static bool unary_ok(wk_unary_op op, bool fl) {
    if (op >= WK_UOP_ISNAN || op == WK_UOP_LOGICAL_NOT) return true;
    if (fl) return op != WK_UOP_BITWISE_NOT;
    switch (op) {
    case WK_UOP_NEG: case WK_UOP_ABS: case WK_UOP_SIGN: case WK_UOP_SQUARE: case WK_UOP_RELU: case WK_UOP_FLOOR:
    case WK_UOP_CEIL: case WK_UOP_ROUND: case WK_UOP_TRUNC: case WK_UOP_BITWISE_NOT: case WK_UOP_CLAMP:
    case WK_UOP_POW_SCALAR: case WK_UOP_RPOW_SCALAR: return true;
    default: return false;
    }
}
static bool unary_is_pred(wk_unary_op op) { return op >= WK_UOP_ISNAN || op == WK_UOP_LOGICAL_NOT; }
static bool binary_ok(wk_binary_op op, bool fl) {
    if (op >= WK_BIN_EQ) return true;
    if (fl) return op < WK_BIN_BITAND;
    return op != WK_BIN_DIV && op != WK_BIN_ATAN2;
}

static const char *const k_unary_names[WK_UOP_COUNT] = {
    "neg", "abs", "sign", "square", "reciprocal", "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sqrt",
    "rsqrt", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "sigmoid", "relu", "erf", "floor",
    "ceil", "round", "trunc", "frac", "gelu", "silu", "softplus", "logical_not", "bitwise_not", "clamp", "pow",
    "pow", "leaky_relu", "elu", "round", "isnan", "isinf", "isfinite"};
static const char *const k_binary_names[WK_BIN_COUNT] = {
    "add", "sub", "mul", "div", "div_floor", "div_trunc", "remainder", "fmod", "pow", "maximum", "minimum",
    "atan2", "bitwise_and", "bitwise_or", "bitwise_xor", "eq", "ne", "lt", "le", "gt", "ge", "logical_and",
    "logical_or", "logical_xor"};

// ------------------------------------------------------------------ unary
template <typename T> struct UnaryF {
    char *d[2];
    int op;
    double p0, p1;
    __device__ void operator()(const int64_t *off) const {
        typedef typename Tr<T>::C C;
        C x = Tr<T>::ld(AT(T, 1));
        if constexpr (Tr<T>::is_float) AT(T, 0) = Tr<T>::st(un_float<C>(op, x, p0, p1));
        else AT(T, 0) = Tr<T>::st(un_int(op, x, p0, p1));
    }
};
template <typename T> struct UnaryPredF {
    char *d[2];
    int op;
    __device__ void operator()(const int64_t *off) const {
        typedef typename Tr<T>::C C;
        C x = Tr<T>::ld(AT(T, 1));
        bool r;
        if (op == WK_UOP_ISNAN) r = Tr<T>::is_float && x != x;
        else if (op == WK_UOP_ISINF) r = Tr<T>::is_float && isinf((double)x);
        else if (op == WK_UOP_ISFINITE) r = !Tr<T>::is_float || isfinite((double)x);
        else r = x == 0;
        AT(uint8_t, 0) = r;
    }
};

extern "C" bool wkc_launch_unary(const wkc_iter *it, wk_unary_op op, wk_dtype dt, const double *params) {
    if ((unsigned)op >= WK_UOP_COUNT || !unary_ok(op, wkc_is_float(dt)))
        return wkc_not_impl((unsigned)op < WK_UOP_COUNT ? k_unary_names[op] : "unary", dt);
    double p0 = params ? params[0] : 0, p1 = params && op == WK_UOP_CLAMP ? params[1] : 0;
    bool pred = unary_is_pred(op), ok = false;
    int es[2] = {pred ? 1 : (int)wkc_dtype_size(dt), (int)wkc_dtype_size(dt)};
    WKC_DISPATCH(dt, {
        if (pred) { UnaryPredF<T> f = {{it->data[0], it->data[1]}, (int)op}; ok = run_each<2>(it, es, f); }
        else { UnaryF<T> f = {{it->data[0], it->data[1]}, (int)op, p0, p1}; ok = run_each<2>(it, es, f); }
    });
    return ok;
}

// ------------------------------------------------------------------ binary
template <typename T> struct BinaryF {
    char *d[3];
    int op;
    double alpha;
    __device__ void operator()(const int64_t *off) const {
        typedef typename Tr<T>::C C;
        C x = Tr<T>::ld(AT(T, 1)), y = Tr<T>::ld(AT(T, 2));
        if constexpr (Tr<T>::is_float) AT(T, 0) = Tr<T>::st(bin_float<C>(op, x, y, (C)alpha));
        else AT(T, 0) = Tr<T>::st(bin_int(op, x, y, (int64_t)alpha));
    }
};
// The hot case: float add/sub/mul/div with no strides, as its own straight-line functor.
template <int OP> struct AddF32 {
    char *d[3];
    float al;
    __device__ void operator()(const int64_t *off) const {
        float x = AT(float, 1), y = AT(float, 2);
        AT(float, 0) = OP == 0 ? x + al * y : OP == 1 ? x * y : x / y;
    }
};
template <typename T> struct BinaryPredF {
    char *d[3];
    int op;
    __device__ void operator()(const int64_t *off) const {
        typedef typename Tr<T>::C C;
        AT(uint8_t, 0) = bin_pred<C>(op, Tr<T>::ld(AT(T, 1)), Tr<T>::ld(AT(T, 2)));
    }
};

extern "C" bool wkc_launch_binary(const wkc_iter *it, wk_binary_op op, wk_dtype dt, double alpha) {
    if ((unsigned)op >= WK_BIN_COUNT || !binary_ok(op, wkc_is_float(dt)))
        return wkc_not_impl((unsigned)op < WK_BIN_COUNT ? k_binary_names[op] : "binary", dt);
    bool pred = op >= WK_BIN_EQ, ok = false;
    int es[3] = {pred ? 1 : (int)wkc_dtype_size(dt), (int)wkc_dtype_size(dt), (int)wkc_dtype_size(dt)};
    char *d0 = it->data[0], *d1 = it->data[1], *d2 = it->data[2];
    if (dt == WK_DT_F32 && it->contig && (op == WK_BIN_ADD || op == WK_BIN_MUL || op == WK_BIN_DIV)) {
        if (op == WK_BIN_ADD) { AddF32<0> f = {{d0, d1, d2}, (float)alpha}; return run_each<3>(it, es, f); }
        if (op == WK_BIN_MUL) { AddF32<1> f = {{d0, d1, d2}, 0.f}; return run_each<3>(it, es, f); }
        AddF32<2> f = {{d0, d1, d2}, 0.f};
        return run_each<3>(it, es, f);
    }
    WKC_DISPATCH(dt, {
        if (pred) { BinaryPredF<T> f = {{d0, d1, d2}, (int)op}; ok = run_each<3>(it, es, f); }
        else { BinaryF<T> f = {{d0, d1, d2}, (int)op, alpha}; ok = run_each<3>(it, es, f); }
    });
    return ok;
}

// ------------------------------------------------------------------ ternary
template <typename T> struct WhereF {
    char *d[4];
    __device__ void operator()(const int64_t *off) const { AT(T, 0) = AT(uint8_t, 1) ? AT(T, 2) : AT(T, 3); }
};
template <typename T> struct TernaryF {
    char *d[4];
    int op;
    double value;
    __device__ void operator()(const int64_t *off) const {
        typedef typename Tr<T>::C C;
        C x = Tr<T>::ld(AT(T, 1)), y = Tr<T>::ld(AT(T, 2)), z = Tr<T>::ld(AT(T, 3));
        if constexpr (Tr<T>::is_float) {
            C v = (C)value;
            C r = op == WK_TER_LERP ? f_lerp(x, y, z) : op == WK_TER_ADDCMUL ? x + v * y * z : x + v * (y / z);
            AT(T, 0) = Tr<T>::st(r);
        } else {
            AT(T, 0) = Tr<T>::st((int64_t)((uint64_t)x + (uint64_t)(int64_t)value * (uint64_t)y * (uint64_t)z));
        }
    }
};

extern "C" bool wkc_launch_ternary(const wkc_iter *it, wk_ternary_op op, wk_dtype dt, double value) {
    static const char *const names[WK_TER_COUNT] = {"where", "lerp", "addcmul", "addcdiv"};
    bool fl = wkc_is_float(dt);
    if ((unsigned)op >= WK_TER_COUNT || (!fl && op != WK_TER_WHERE && op != WK_TER_ADDCMUL))
        return wkc_not_impl((unsigned)op < WK_TER_COUNT ? names[op] : "ternary", dt);
    int s = (int)wkc_dtype_size(dt);
    int es[4] = {s, op == WK_TER_WHERE ? 1 : s, s, s};
    char *d0 = it->data[0], *d1 = it->data[1], *d2 = it->data[2], *d3 = it->data[3];
    bool ok = false;
    WKC_DISPATCH(dt, {
        if (op == WK_TER_WHERE) { WhereF<T> f = {{d0, d1, d2, d3}}; ok = run_each<4>(it, es, f); }
        else { TernaryF<T> f = {{d0, d1, d2, d3}, (int)op, value}; ok = run_each<4>(it, es, f); }
    });
    return ok;
}
