/* rng.h — PyTorch-compatible CPU generator (MT19937) and the random fill kernels. */
#ifndef WK_RNG_H
#define WK_RNG_H
#include "tensor.h"

#define WK_MT_WORDS 624

typedef enum wk_rng_compat {
    WK_RNG_COMPAT_2X = 0,   /* PyTorch 2.x: log1p in scalar Box-Muller, randint 64-bit draws from 2^28 */
    WK_RNG_COMPAT_113 = 1   /* PyTorch 1.13: log(1-u), 64-bit draws from 2^32 */
} wk_rng_compat;

typedef struct wk_generator {
    int64_t refcount;
    uint32_t mt[WK_MT_WORDS];
    int next;               /* next word to use; WK_MT_WORDS forces a twist */
    uint64_t seed;          /* initial_seed() */
    bool has_normal;        /* cached second Box-Muller value */
    double next_normal;
    wk_device device;
} wk_generator;

/* The process-wide default CPU generator (torch.default_generator). */
wk_generator *wk_rng_default(void);
wk_generator *wk_rng_new(void);        /* torch.Generator(): seeded with 67280421310721 */
void wk_rng_free(wk_generator *g);
void wk_rng_seed(wk_generator *g, uint64_t seed); /* manual_seed: low 32 bits feed MT */
uint64_t wk_rng_initial_seed(const wk_generator *g);
/* torch.seed(): a non-deterministic seed, applied and returned. */
uint64_t wk_rng_seed_random(wk_generator *g);
void wk_rng_set_compat(wk_rng_compat c);
wk_rng_compat wk_rng_get_compat(void);

uint32_t wk_rng_u32(wk_generator *g);
uint64_t wk_rng_u64(wk_generator *g);  /* first draw is the high half */
float wk_rng_uniform_f32(wk_generator *g);
double wk_rng_uniform_f64(wk_generator *g);
double wk_rng_normal_scalar(wk_generator *g, double mean, double std); /* with cache */

/* In-place fills (CPU tensors). g NULL = default generator. */
bool wk_rng_uniform_(wk_tensor *t, double from, double to, wk_generator *g);
bool wk_rng_normal_(wk_tensor *t, double mean, double std, wk_generator *g);
/* random_(low, high): values in [low, high). */
bool wk_rng_random_(wk_tensor *t, int64_t low, int64_t high, wk_generator *g);
/* random_() without bounds on int64: random64() & (2^63-1); other dtypes: [0, 2^mantissa]. */
bool wk_rng_random_full_(wk_tensor *t, wk_generator *g);
bool wk_rng_bernoulli_(wk_tensor *t, double p, wk_generator *g);
bool wk_rng_bernoulli_tensor_(wk_tensor *t, const wk_tensor *p, wk_generator *g);
/* out is 1-D of size n (int64 or other dtype); filled with a permutation of 0..n-1. */
bool wk_rng_randperm(wk_tensor *out, wk_generator *g);
bool wk_rng_exponential_(wk_tensor *t, double lambd, wk_generator *g);
/* torch.multinomial(replacement=True) sampling; probs contiguous (rows, n) float, out contiguous
 * int64 (rows, n_sample). */
bool wk_rng_multinomial_replacement(const wk_tensor *probs, int64_t rows, int64_t n, int64_t n_sample, wk_tensor *out,
                                    wk_generator *g);

/* get_state / set_state: PyTorch's byte layout (CPUGeneratorImplState; legacy size accepted). */
#define WK_RNG_STATE_BYTES 5056
#define WK_RNG_STATE_LEGACY_BYTES 5048
void wk_rng_get_state(const wk_generator *g, uint8_t *buf);
bool wk_rng_set_state(wk_generator *g, const uint8_t *buf, int64_t n);

#endif
