/* intmath.c — checked int64 arithmetic with Python semantics, and CPython's numeric/tuple hashes. */
#include "numfmt.h"
#include <math.h>

bool wk_int_add(int64_t a, int64_t b, int64_t *out) { return !__builtin_add_overflow(a, b, out); }
bool wk_int_sub(int64_t a, int64_t b, int64_t *out) { return !__builtin_sub_overflow(a, b, out); }
bool wk_int_mul(int64_t a, int64_t b, int64_t *out) { return !__builtin_mul_overflow(a, b, out); }
bool wk_int_neg(int64_t a, int64_t *out) { return !__builtin_sub_overflow((int64_t)0, a, out); }

bool wk_int_pow(int64_t a, int64_t b, int64_t *out) {
    int64_t result = 1, base = a;
    if (b < 0) return false;
    while (b > 0) {
        if ((b & 1) && !wk_int_mul(result, base, &result)) return false;
        b >>= 1;
        if (b > 0 && !wk_int_mul(base, base, &base)) return false;
    }
    *out = result;
    return true;
}

/* (x * y) % m for x, y < m, without 128-bit arithmetic: double-and-add. */
static uint64_t mulmod(uint64_t x, uint64_t y, uint64_t m) {
    uint64_t r = 0;
    while (y) {
        if (y & 1) r = (r >= m - x) ? r - (m - x) : r + x;
        y >>= 1;
        x = (x >= m - x) ? x - (m - x) : x + x;
    }
    return r;
}

bool wk_int_powmod(int64_t a, int64_t b, int64_t m, int64_t *out) {
    if (b < 0 || m == 0) return false;
    uint64_t um = m < 0 ? (uint64_t)0 - (uint64_t)m : (uint64_t)m;
    /* reduce a into [0, um) using magnitude arithmetic */
    uint64_t ua = a < 0 ? (uint64_t)0 - (uint64_t)a : (uint64_t)a;
    uint64_t x = ua % um, r = um == 1 ? 0 : 1;
    if (a < 0 && x) x = um - x;
    for (uint64_t e = (uint64_t)b; e; e >>= 1) {
        if (e & 1) r = mulmod(r, x, um);
        x = mulmod(x, x, um);
    }
    /* the result takes the sign of m */
    *out = (m < 0 && r) ? (int64_t)(r - um) : (int64_t)r;
    return true;
}

bool wk_int_lshift(int64_t a, int64_t n, int64_t *out) {
    if (n < 0) return false;
    if (a == 0) { *out = 0; return true; }
    if (n >= 64) return false;
    int64_t r = (int64_t)((uint64_t)a << n);
    if (wk_int_rshift(r, n) != a) return false;
    *out = r;
    return true;
}

int64_t wk_int_rshift(int64_t a, int64_t n) {
    if (n >= 63) return a < 0 ? -1 : 0;
    return a >= 0 ? a >> n : ~(~a >> n);
}

bool wk_int_floordiv(int64_t a, int64_t b, int64_t *out) {
    if (b == 0 || (a == INT64_MIN && b == -1)) return false;
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    *out = q;
    return true;
}

int64_t wk_int_mod(int64_t a, int64_t b) {
    if (b == 0 || b == -1) return 0;
    int64_t r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) r += b;
    return r;
}

bool wk_int_divmod(int64_t a, int64_t b, int64_t *q, int64_t *r) {
    if (!wk_int_floordiv(a, b, q)) return false;
    *r = wk_int_mod(a, b);
    return true;
}

bool wk_int_round(int64_t v, int64_t ndigits, int64_t *out) {
    if (ndigits >= 0) { *out = v; return true; }
    if (ndigits < -19) { *out = 0; return true; }
    uint64_t p = 1, mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    for (int64_t k = 0; k < -ndigits; k++) p *= 10;
    uint64_t q = mag / p, r = mag % p;
    if (r > p - r || (r == p - r && (q & 1))) q++;
    if (q > UINT64_MAX / p) return false;
    mag = q * p;
    if (v < 0) {
        if (mag > (uint64_t)INT64_MAX + 1) return false;
        *out = (int64_t)(0 - mag);
    } else {
        if (mag > (uint64_t)INT64_MAX) return false;
        *out = (int64_t)mag;
    }
    return true;
}

int wk_int_bit_length(int64_t v) {
    uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    return m ? 64 - __builtin_clzll(m) : 0;
}

/* ---- hashing: values are reduced modulo the Mersenne prime 2**61 - 1 */

#define HASH_BITS 61
#define HASH_MOD (((uint64_t)1 << HASH_BITS) - 1)
#define HASH_INF 314159

static int64_t finish_hash(uint64_t mag, bool neg) {
    int64_t h = neg ? -(int64_t)mag : (int64_t)mag;
    return h == -1 ? -2 : h;
}

int64_t wk_int_hash(int64_t v) {
    uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    return finish_hash(m % HASH_MOD, v < 0);
}

int64_t wk_float_hash(double x) {
    if (isnan(x)) return 0;
    if (isinf(x)) return x > 0 ? HASH_INF : -HASH_INF;
    if (x == 0) return 0;
    int e;
    double frac = frexp(fabs(x), &e);
    /* |x| = mant * 2**(e - 53) with mant a 53-bit integer */
    uint64_t mant = (uint64_t)ldexp(frac, 53);
    int shift = (e - 53) % HASH_BITS;
    if (shift < 0) shift += HASH_BITS; /* 2**61 == 1 (mod P): exponents reduce mod 61 */
    /* multiplying by 2**shift modulo 2**61 - 1 rotates the 61-bit value */
    uint64_t h = shift ? (((mant << shift) & HASH_MOD) | (mant >> (HASH_BITS - shift))) : mant;
    return finish_hash(h, x < 0);
}

int64_t wk_int_tuple_hash(const int64_t *hashes, size_t n) {
    /* xxHash64-style lane mixing with CPython's constants and length fold-in */
    const uint64_t p1 = 11400714785074694791ULL, p2 = 14029467366897019727ULL,
                   p5 = 2870177450012600261ULL;
    uint64_t acc = p5;
    for (size_t i = 0; i < n; i++) {
        acc += (uint64_t)hashes[i] * p2;
        acc = (acc << 31) | (acc >> 33);
        acc *= p1;
    }
    acc += (uint64_t)n ^ (p5 ^ 3527539ULL);
    return acc == UINT64_MAX ? 1546275796 : (int64_t)acc;
}
