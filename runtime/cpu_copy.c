/* cpu_copy.c — same-dtype strided copies whose source and destination run along different dims (x.t().contiguous(), permutes), copied in cache-sized tiles. */
#include "cpu_kernels.h"
#include "cpu_iter.h"
#include <stdlib.h>
#include <string.h>

/* After wk_iter_init (operand 0 = destination, 1 = source), the destination's unit-stride dim
 * is last. When the source's unit-stride dim is the one before it, a row-by-row copy reads the
 * source a whole stride apart per element; tiles of TILE x TILE keep both sides in cache. */
#define TILE 32

typedef struct { const wk_iter *it; size_t es; int64_t tiles_a; bool vec; } tile_job;

/* One block: a-range [a0, a1) of the source's contiguous dim, b-range [b0, b1) of the destination's. */
static void copy_block(char *dst, const char *src, int64_t da, int64_t sb, int64_t a0, int64_t a1, int64_t b0,
                       int64_t b1, size_t es) {
    for (int64_t a = a0; a < a1; a++) {
        char *d = dst + a * da;
        const char *s = src + a * (int64_t)es;
        if (es == 4)
            for (int64_t b = b0; b < b1; b++) memcpy(d + b * 4, s + b * sb, 4);
        else if (es == 8)
            for (int64_t b = b0; b < b1; b++) memcpy(d + b * 8, s + b * sb, 8);
        else
            for (int64_t b = b0; b < b1; b++) memcpy(d + b * (int64_t)es, s + b * sb, es);
    }
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define HAVE_TR8 1
/* 8x8 4-byte transpose: row i of the destination block is column i of the source block. */
WK_AVX2_TARGET static void tr8x8(const char *s, int64_t sb, char *d, int64_t da) {
    __m256 r[8], t[8], u[8];
    for (int i = 0; i < 8; i++) r[i] = _mm256_loadu_ps((const float *)(s + i * sb));
    for (int i = 0; i < 4; i++) {
        t[2 * i] = _mm256_unpacklo_ps(r[2 * i], r[2 * i + 1]);
        t[2 * i + 1] = _mm256_unpackhi_ps(r[2 * i], r[2 * i + 1]);
    }
    for (int h = 0; h < 2; h++) { /* rows 0-3, then rows 4-7 */
        u[4 * h + 0] = _mm256_shuffle_ps(t[4 * h], t[4 * h + 2], 0x44);
        u[4 * h + 1] = _mm256_shuffle_ps(t[4 * h], t[4 * h + 2], 0xEE);
        u[4 * h + 2] = _mm256_shuffle_ps(t[4 * h + 1], t[4 * h + 3], 0x44);
        u[4 * h + 3] = _mm256_shuffle_ps(t[4 * h + 1], t[4 * h + 3], 0xEE);
    }
    for (int i = 0; i < 4; i++) {
        _mm256_storeu_ps((float *)(d + i * da), _mm256_permute2f128_ps(u[i], u[4 + i], 0x20));
        _mm256_storeu_ps((float *)(d + (i + 4) * da), _mm256_permute2f128_ps(u[i], u[4 + i], 0x31));
    }
}
#else
#define HAVE_TR8 0
static void tr8x8(const char *s, int64_t sb, char *d, int64_t da) { (void)s; (void)sb; (void)d; (void)da; }
#endif

/* A tile: whole 8x8 blocks of 4-byte elements transposed in registers where AVX2 is there
 * (WICK_NO_AVX2 keeps the plain loop), the edges element by element. Moves only: same bits. */
static void copy_tile(char *dst, const char *src, int64_t da, int64_t sb, int64_t a0, int64_t a1, int64_t b0,
                      int64_t b1, size_t es, bool vec) {
    if (!vec || es != 4) { copy_block(dst, src, da, sb, a0, a1, b0, b1, es); return; }
    int64_t a8 = a0 + (a1 - a0) / 8 * 8, b8 = b0 + (b1 - b0) / 8 * 8;
    for (int64_t a = a0; a < a8; a += 8)
        for (int64_t b = b0; b < b8; b += 8) tr8x8(src + a * 4 + b * sb, sb, dst + a * da + b * 4, da);
    copy_block(dst, src, da, sb, a0, a8, b8, b1, es);
    copy_block(dst, src, da, sb, a8, a1, b0, b1, es);
}

/* Units [lo, hi): each is one strip of TILE source-contiguous rows of one outer position. */
static void tile_units(int64_t lo, int64_t hi, void *c) {
    tile_job *j = c;
    const wk_iter *it = j->it;
    int nd = it->ndim;
    int64_t na = it->shape[nd - 2], nb = it->shape[nd - 1];
    int64_t da = it->stride[0][nd - 2], sb = it->stride[1][nd - 1];
    for (int64_t u = lo; u < hi; u++) {
        int64_t outer = u / j->tiles_a, a0 = (u % j->tiles_a) * TILE, a1 = a0 + TILE < na ? a0 + TILE : na;
        char *dst = it->base[0];
        const char *src = it->base[1];
        for (int d = nd - 3; d >= 0; d--) { /* outer position to offsets */
            int64_t q = outer % it->shape[d];
            outer /= it->shape[d];
            dst += q * it->stride[0][d];
            src += q * it->stride[1][d];
        }
        for (int64_t b0 = 0; b0 < nb; b0 += TILE)
            copy_tile(dst, src, da, sb, a0, a1, b0, b0 + TILE < nb ? b0 + TILE : nb, j->es, j->vec);
    }
}

bool wk_cpu_copy_tiled(const wk_iter *it, size_t es) {
    int nd = it->ndim;
    if (it->nops != 2 || nd < 2) return false;
    int64_t na = it->shape[nd - 2], nb = it->shape[nd - 1];
    if (na < 8 || nb < 8 || it->stride[0][nd - 1] != (int64_t)es || it->stride[1][nd - 2] != (int64_t)es ||
        it->stride[1][nd - 1] == (int64_t)es)
        return false;
    int64_t tiles_a = (na + TILE - 1) / TILE, outer = it->numel / (na * nb);
    const char *off = getenv("WICK_NO_AVX2");
    tile_job j = {it, es, tiles_a, HAVE_TR8 && wk_cpu_has_avx2() && !(off && *off)};
    wk_cpu_parallel_for(outer * tiles_a, 65536 / (TILE * nb) + 1, tile_units, &j);
    return true;
}
