/* mtrand.c — MT19937 generator plus CPython 3.11 random-module algorithms on top of it. */
#include "mtrand.h"
#include "numfmt.h"
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MT_M 397
#define MATRIX_A 0x9908b0dfU
#define UPPER_MASK 0x80000000U
#define LOWER_MASK 0x7fffffffU

/* ------------------------------------------------------------------ seeding */

void wk_mt_seed_u32(wk_mt *st, uint32_t s) {
    st->mt[0] = s;
    for (int i = 1; i < WK_MT_N; i++) {
        uint32_t prev = st->mt[i - 1];
        st->mt[i] = 1812433253U * (prev ^ (prev >> 30)) + (uint32_t)i;
    }
    st->index = WK_MT_N;
    st->has_gauss_next = false;
    st->gauss_next = 0.0;
}

void wk_mt_seed_u32array(wk_mt *st, const uint32_t *key, size_t n) {
    static const uint32_t zero = 0;
    if (n == 0) { key = &zero; n = 1; }
    wk_mt_seed_u32(st, 19650218U);
    uint32_t *mt = st->mt;
    size_t i = 1, j = 0;
    for (size_t k = (WK_MT_N > n ? WK_MT_N : n); k > 0; k--) {
        uint32_t prev = mt[i - 1];
        mt[i] = (mt[i] ^ ((prev ^ (prev >> 30)) * 1664525U)) + key[j] + (uint32_t)j;
        if (++i >= WK_MT_N) { mt[0] = mt[WK_MT_N - 1]; i = 1; }
        if (++j >= n) j = 0;
    }
    for (size_t k = WK_MT_N - 1; k > 0; k--) {
        uint32_t prev = mt[i - 1];
        mt[i] = (mt[i] ^ ((prev ^ (prev >> 30)) * 1566083941U)) - (uint32_t)i;
        if (++i >= WK_MT_N) { mt[0] = mt[WK_MT_N - 1]; i = 1; }
    }
    mt[0] = 0x80000000U; /* MSB is 1, assuring a non-zero initial array */
}

void wk_mt_seed_u64array(wk_mt *st, const uint64_t *words, size_t n) {
    while (n > 0 && words[n - 1] == 0) n--; /* CPython uses only the significant words */
    uint32_t small[16], *key = n <= 8 ? small : malloc(2 * n * sizeof *key);
    size_t used = 0;
    if (!key) { wk_mt_seed_u32(st, 0); return; }
    for (size_t i = 0; i < n; i++) {
        key[used++] = (uint32_t)words[i];
        key[used++] = (uint32_t)(words[i] >> 32);
    }
    if (used && key[used - 1] == 0) used--;
    if (used == 0) key[used++] = 0;
    wk_mt_seed_u32array(st, key, used);
    if (key != small) free(key);
}

void wk_mt_seed_u64(wk_mt *st, uint64_t n) { wk_mt_seed_u64array(st, &n, 1); }

void wk_mt_seed_int(wk_mt *st, int64_t n) {
    wk_mt_seed_u64(st, n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n);
}

void wk_mt_seed_float(wk_mt *st, double x) { wk_mt_seed_u64(st, (uint64_t)wk_float_hash(x)); }

void wk_mt_seed_entropy(wk_mt *st) {
    uint32_t key[WK_MT_N];
    FILE *f = fopen("/dev/urandom", "rb");
    size_t got = f ? fread(key, sizeof key[0], WK_MT_N, f) : 0;
    if (f) fclose(f);
    if (got == WK_MT_N) { wk_mt_seed_u32array(st, key, WK_MT_N); return; }
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    uint32_t tk[4] = {(uint32_t)ts.tv_sec, (uint32_t)((uint64_t)ts.tv_sec >> 32),
                      (uint32_t)ts.tv_nsec, (uint32_t)(uintptr_t)&ts};
    wk_mt_seed_u32array(st, tk, 4);
}

/* ------------------------------------------------------------ core generator */

static void regenerate(wk_mt *st) {
    uint32_t *mt = st->mt;
    for (int k = 0; k < WK_MT_N; k++) {
        uint32_t y = (mt[k] & UPPER_MASK) | (mt[(k + 1) % WK_MT_N] & LOWER_MASK);
        mt[k] = mt[(k + MT_M) % WK_MT_N] ^ (y >> 1) ^ ((y & 1U) ? MATRIX_A : 0U);
    }
    st->index = 0;
}

uint32_t wk_mt_genrand32(wk_mt *st) {
    if (st->index >= WK_MT_N) regenerate(st);
    uint32_t y = st->mt[st->index++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= y >> 18;
    return y;
}

double wk_mt_random(wk_mt *st) {
    uint32_t a = wk_mt_genrand32(st) >> 5, b = wk_mt_genrand32(st) >> 6;
    return ((double)a * 67108864.0 + (double)b) * (1.0 / 9007199254740992.0);
}

void wk_mt_getrandbits_words(wk_mt *st, int64_t k, uint32_t *words) {
    if (k <= 0) { words[0] = 0; return; }
    for (int64_t i = 0; k > 0; i++, k -= 32) {
        uint32_t r = wk_mt_genrand32(st);
        words[i] = k < 32 ? r >> (32 - k) : r;
    }
}

uint64_t wk_mt_getrandbits(wk_mt *st, int k) {
    uint32_t w[2] = {0, 0};
    if (k <= 0) return 0;
    if (k > 64) k = 64;
    wk_mt_getrandbits_words(st, k, w);
    return (uint64_t)w[0] | ((uint64_t)w[1] << 32);
}

/* -------------------------------------------------------------- integer methods */

uint64_t wk_mt_randbelow(wk_mt *st, uint64_t n) {
    if (n == 0) return 0; /* CPython would loop forever; callers never pass 0 */
    int k = 64 - __builtin_clzll(n);
    uint64_t r;
    do r = wk_mt_getrandbits(st, k); while (r >= n);
    return r;
}

/* randbelow(2**64): getrandbits(65) until the top bit is clear. */
static uint64_t randbelow_2_64(wk_mt *st) {
    uint32_t w[3];
    do wk_mt_getrandbits_words(st, 65, w); while (w[2] != 0);
    return (uint64_t)w[0] | ((uint64_t)w[1] << 32);
}

static bool fail(char *err, size_t errcap, const char *fmt, ...) {
    if (err && errcap) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errcap, fmt, ap);
        va_end(ap);
    }
    return false;
}

bool wk_mt_randrange_stop(wk_mt *st, int64_t stop, int64_t *out, char *err, size_t errcap) {
    if (stop <= 0) return fail(err, errcap, "empty range for randrange()");
    *out = (int64_t)wk_mt_randbelow(st, (uint64_t)stop);
    return true;
}

/* Formats stop - start (which may not fit int64) as a signed decimal. */
static void width_text(char *buf, size_t cap, int64_t start, int64_t stop) {
    if (stop >= start) snprintf(buf, cap, "%llu", (unsigned long long)((uint64_t)stop - (uint64_t)start));
    else snprintf(buf, cap, "-%llu", (unsigned long long)((uint64_t)start - (uint64_t)stop));
}

bool wk_mt_randrange(wk_mt *st, int64_t start, int64_t stop, int64_t step, int64_t *out,
                     char *err, size_t errcap) {
    if (step == 1) {
        if (stop <= start) {
            char w[32];
            width_text(w, sizeof w, start, stop);
            return fail(err, errcap, "empty range for randrange() (%lld, %lld, %s)",
                        (long long)start, (long long)stop, w);
        }
        *out = (int64_t)((uint64_t)start + wk_mt_randbelow(st, (uint64_t)stop - (uint64_t)start));
        return true;
    }
    if (step == 0) return fail(err, errcap, "zero step for randrange()");
    /* number of elements: ceil(|stop - start| / |step|) when the direction matches */
    bool up = step > 0;
    if (up ? stop <= start : stop >= start) return fail(err, errcap, "empty range for randrange()");
    uint64_t span = up ? (uint64_t)stop - (uint64_t)start : (uint64_t)start - (uint64_t)stop;
    uint64_t astep = up ? (uint64_t)step : (uint64_t)0 - (uint64_t)step;
    uint64_t n = span / astep + (span % astep != 0);
    *out = (int64_t)((uint64_t)start + (uint64_t)step * wk_mt_randbelow(st, n));
    return true;
}

bool wk_mt_randint(wk_mt *st, int64_t a, int64_t b, int64_t *out, char *err, size_t errcap) {
    if (b == INT64_MAX) { /* b + 1 does not fit: same stream as randrange(a, 2**63) */
        uint64_t width = (uint64_t)b - (uint64_t)a + 1;
        uint64_t r = width ? wk_mt_randbelow(st, width) : randbelow_2_64(st);
        *out = (int64_t)((uint64_t)a + r);
        return true;
    }
    return wk_mt_randrange(st, a, b + 1, 1, out, err, errcap);
}

/* ------------------------------------------------------------- sequence methods */

size_t wk_mt_choice_index(wk_mt *st, size_t n) { return (size_t)wk_mt_randbelow(st, n); }

size_t wk_mt_choices_index(wk_mt *st, size_t n) {
    return (size_t)floor(wk_mt_random(st) * (double)n);
}

static void swap_bytes(unsigned char *a, unsigned char *b, size_t size) {
    for (size_t i = 0; i < size; i++) {
        unsigned char t = a[i];
        a[i] = b[i];
        b[i] = t;
    }
}

void wk_mt_shuffle(wk_mt *st, void *base, size_t n, size_t elemsize) {
    unsigned char *p = base;
    for (size_t i = n ? n - 1 : 0; i >= 1; i--) {
        size_t j = (size_t)wk_mt_randbelow(st, (uint64_t)i + 1);
        if (j != i) swap_bytes(p + i * elemsize, p + j * elemsize, elemsize);
    }
}

/* random.sample's choice between a pool list and a selected-set, by memory estimate. */
static bool use_pool(size_t n, size_t k) {
    double setsize = 21;
    if (k > 5) {
        double e = ceil(log((double)k * 3) / log(4.0));
        setsize += pow(4.0, e);
    }
    return (double)n <= setsize;
}

static bool sample_pool(wk_mt *st, size_t n, size_t k, size_t *out) {
    size_t *pool = malloc((n ? n : 1) * sizeof *pool);
    if (!pool) return false;
    for (size_t i = 0; i < n; i++) pool[i] = i;
    for (size_t i = 0; i < k; i++) {
        size_t j = (size_t)wk_mt_randbelow(st, n - i);
        out[i] = pool[j];
        pool[j] = pool[n - i - 1]; /* move the non-selected item into the vacancy */
    }
    free(pool);
    return true;
}

/* Selected indices kept in an open-addressing hash set (slots hold index + 1). */
static bool sample_set(wk_mt *st, size_t n, size_t k, size_t *out) {
    size_t cap = 16;
    while (cap < 2 * k + 2) cap *= 2;
    size_t *slots = calloc(cap, sizeof *slots);
    if (!slots) return false;
    for (size_t i = 0; i < k; i++) {
        for (;;) {
            size_t j = (size_t)wk_mt_randbelow(st, n), h = (j * 0x9E3779B97F4A7C15ULL) & (cap - 1);
            while (slots[h] && slots[h] != j + 1) h = (h + 1) & (cap - 1);
            if (slots[h]) continue; /* already selected: draw again */
            slots[h] = j + 1;
            out[i] = j;
            break;
        }
    }
    free(slots);
    return true;
}

bool wk_mt_sample(wk_mt *st, size_t n, size_t k, size_t *out) {
    if (k > n) return false;
    return use_pool(n, k) ? sample_pool(st, n, k, out) : sample_set(st, n, k, out);
}

/* --------------------------------------------------------- real distributions */

#define TWOPI 0x1.921fb54442d18p+2          /* math.tau */
#define NV_MAGICCONST 0x1.b72cd3f331398p+0 /* 4 * exp(-0.5) / sqrt(2.0), as random.py computes it */

double wk_mt_uniform(wk_mt *st, double a, double b) { return a + (b - a) * wk_mt_random(st); }

double wk_mt_triangular(wk_mt *st, double low, double high, double mode, bool has_mode) {
    double u = wk_mt_random(st), c = 0.5;
    if (has_mode) {
        if (high - low == 0) return low; /* ZeroDivisionError in CPython returns low */
        c = (mode - low) / (high - low);
    }
    if (u > c) {
        double t = low;
        u = 1.0 - u;
        c = 1.0 - c;
        low = high;
        high = t;
    }
    return low + (high - low) * sqrt(u * c);
}

double wk_mt_gauss(wk_mt *st, double mu, double sigma) {
    double z;
    if (st->has_gauss_next) {
        z = st->gauss_next;
        st->has_gauss_next = false;
    } else {
        double x2pi = wk_mt_random(st) * TWOPI;
        double g2rad = sqrt(-2.0 * log(1.0 - wk_mt_random(st)));
        z = cos(x2pi) * g2rad;
        st->gauss_next = sin(x2pi) * g2rad;
        st->has_gauss_next = true;
    }
    return mu + z * sigma;
}

double wk_mt_normalvariate(wk_mt *st, double mu, double sigma) {
    double z;
    for (;;) { /* Kinderman and Monahan's ratio of uniforms */
        double u1 = wk_mt_random(st);
        double u2 = 1.0 - wk_mt_random(st);
        z = NV_MAGICCONST * (u1 - 0.5) / u2;
        if (z * z / 4.0 <= -log(u2)) break;
    }
    return mu + z * sigma;
}

double wk_mt_lognormvariate(wk_mt *st, double mu, double sigma) {
    return exp(wk_mt_normalvariate(st, mu, sigma));
}

double wk_mt_expovariate(wk_mt *st, double lambd) {
    return -log(1.0 - wk_mt_random(st)) / lambd;
}

double wk_mt_paretovariate(wk_mt *st, double alpha) {
    double u = 1.0 - wk_mt_random(st);
    return pow(u, -1.0 / alpha);
}

double wk_mt_weibullvariate(wk_mt *st, double alpha, double beta) {
    double u = 1.0 - wk_mt_random(st);
    return alpha * pow(-log(u), 1.0 / beta);
}

/* ------------------------------------------------------------------- state */

void wk_mt_getstate(const wk_mt *st, uint32_t words[WK_MT_N + 1], bool *has_gauss, double *gauss) {
    memcpy(words, st->mt, sizeof st->mt);
    words[WK_MT_N] = (uint32_t)st->index;
    *has_gauss = st->has_gauss_next;
    *gauss = st->gauss_next;
}

bool wk_mt_setstate(wk_mt *st, const uint32_t words[WK_MT_N + 1], bool has_gauss, double gauss) {
    if (words[WK_MT_N] > WK_MT_N) return false;
    memcpy(st->mt, words, sizeof st->mt);
    st->index = (int)words[WK_MT_N];
    st->has_gauss_next = has_gauss;
    st->gauss_next = has_gauss ? gauss : 0.0;
    return true;
}
