/* mtrand.h — MT19937 and CPython 3.11's random-module algorithms (same streams as CPython). */
#ifndef WK_MTRAND_H
#define WK_MTRAND_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WK_MT_N 624

typedef struct wk_mt {
    uint32_t mt[WK_MT_N];
    int index;            /* next word to use; WK_MT_N forces a regeneration */
    bool has_gauss_next;  /* random.gauss() caches its second value */
    double gauss_next;
} wk_mt;

/* ---- seeding (all reset gauss_next, as Random.seed does) */
void wk_mt_seed_u32(wk_mt *st, uint32_t s);                                  /* init_genrand */
void wk_mt_seed_u32array(wk_mt *st, const uint32_t *key, size_t n);          /* init_by_array */
/* seed from a non-negative integer given as 64-bit words, least significant first
 * (CPython: init_by_array over the 32-bit words of the integer; 0 gives key [0]). */
void wk_mt_seed_u64array(wk_mt *st, const uint64_t *words, size_t n);
void wk_mt_seed_int(wk_mt *st, int64_t n);    /* random.seed(n): uses abs(n) */
void wk_mt_seed_u64(wk_mt *st, uint64_t n);   /* random.seed(x) for hashable x: (size_t)hash(x) */
void wk_mt_seed_float(wk_mt *st, double x);   /* random.seed(x) for a float: via hash(x) */
/* random.seed() / seed(None): 624 words from /dev/urandom, else the clock. */
void wk_mt_seed_entropy(wk_mt *st);

/* ---- core generators */
uint32_t wk_mt_genrand32(wk_mt *st);
double wk_mt_random(wk_mt *st);                   /* [0, 1) with 53 random bits */
uint64_t wk_mt_getrandbits(wk_mt *st, int k);     /* 0 <= k <= 64 */
/* getrandbits(k) for any k >= 0 as 32-bit words, least significant first
 * ((k + 31) / 32 words, or one zero word for k == 0). */
void wk_mt_getrandbits_words(wk_mt *st, int64_t k, uint32_t *words);

/* ---- integer methods (random.py: _randbelow_with_getrandbits and friends) */
uint64_t wk_mt_randbelow(wk_mt *st, uint64_t n);  /* [0, n), n >= 1 */
/* randrange(start, stop, step) / randrange(stop).  On an empty range or zero step returns
 * false with CPython's ValueError message in err. */
bool wk_mt_randrange(wk_mt *st, int64_t start, int64_t stop, int64_t step, int64_t *out,
                     char *err, size_t errcap);
bool wk_mt_randrange_stop(wk_mt *st, int64_t stop, int64_t *out, char *err, size_t errcap);
bool wk_mt_randint(wk_mt *st, int64_t a, int64_t b, int64_t *out, char *err, size_t errcap);

/* ---- sequence methods: they return indices; the caller indexes its sequence */
size_t wk_mt_choice_index(wk_mt *st, size_t n);   /* n >= 1 (caller raises IndexError) */
/* random.shuffle on n elements of elemsize bytes in place. */
void wk_mt_shuffle(wk_mt *st, void *base, size_t n, size_t elemsize);
/* random.sample(range(n), k) → out[0..k): CPython's pool or set strategy by size.
 * False when k > n ("Sample larger than population or is negative") or out of memory. */
bool wk_mt_sample(wk_mt *st, size_t n, size_t k, size_t *out);
/* random.choices(population, k=1) without weights: one index floor(random() * n). */
size_t wk_mt_choices_index(wk_mt *st, size_t n);

/* ---- real-valued distributions */
double wk_mt_uniform(wk_mt *st, double a, double b);
double wk_mt_triangular(wk_mt *st, double low, double high, double mode, bool has_mode);
double wk_mt_gauss(wk_mt *st, double mu, double sigma);
double wk_mt_normalvariate(wk_mt *st, double mu, double sigma);
double wk_mt_lognormvariate(wk_mt *st, double mu, double sigma);
double wk_mt_expovariate(wk_mt *st, double lambd);  /* lambd != 0 (ZeroDivisionError) */
double wk_mt_paretovariate(wk_mt *st, double alpha);
double wk_mt_weibullvariate(wk_mt *st, double alpha, double beta);

/* ---- state: getstate() is (3, tuple(words[0..624]), gauss_next or None) in CPython;
 * words[624] is the index. */
void wk_mt_getstate(const wk_mt *st, uint32_t words[WK_MT_N + 1], bool *has_gauss, double *gauss);
/* False ("invalid state") when words[624] > 624. */
bool wk_mt_setstate(wk_mt *st, const uint32_t words[WK_MT_N + 1], bool has_gauss, double gauss);

#endif
