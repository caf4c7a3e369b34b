/* cpu_gemm.c — fp32/fp64 GEMM, GEMV and dot through OpenBLAS (dlopened, as PyTorch calls it), else a blocked, packed, multi-threaded GEMM (vector-extension micro-kernels, AVX2 when present); PyTorch's small-bmm loop; a generic fallback for other dtypes. */
#include "cpu_kernels.h"
#include "cpu_iter.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#define KC 256
#define MC 96
#define NC 2048

#if defined(__GNUC__) && !defined(__clang__)
#define FASTMATH_ATTR __attribute__((optimize("fp-contract=fast")))
#else
#define FASTMATH_ATTR
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_AVX2_PATH 1
#define AVX2_ATTR __attribute__((target("avx2,fma"))) FASTMATH_ATTR
#else
#define HAVE_AVX2_PATH 0
#define AVX2_ATTR
#endif

typedef float vf8 __attribute__((vector_size(32)));
typedef double vd4 __attribute__((vector_size(32)));

/* Micro-kernel: acc(MR x NR) = Ap(MR x kc, packed by column) * Bp(kc x NR, packed by row);
 * then C(mr x nr) += alpha * acc. NR = 2 vectors. */
#define UKERNEL(NAME, ATTR, T, VT, VW, MR)                                                \
    ATTR static void NAME(int64_t kc, const T *ap, const T *bp, T *c, int64_t ldc,       \
                          int64_t mr, int64_t nr, T alpha) {                              \
        VT acc[MR][2];                                                                    \
        memset(acc, 0, sizeof acc);                                                       \
        for (int64_t p = 0; p < kc; p++) {                                                \
            VT b0, b1;                                                                    \
            memcpy(&b0, bp + p * 2 * VW, sizeof b0);                                      \
            memcpy(&b1, bp + p * 2 * VW + VW, sizeof b1);                                 \
            const T *a = ap + p * MR;                                                     \
            for (int i = 0; i < MR; i++) {                                                \
                acc[i][0] += a[i] * b0;                                                   \
                acc[i][1] += a[i] * b1;                                                   \
            }                                                                             \
        }                                                                                 \
        T tile[MR][2 * VW];                                                               \
        memcpy(tile, acc, sizeof tile);                                                   \
        for (int64_t i = 0; i < mr; i++)                                                  \
            for (int64_t j = 0; j < nr; j++) c[i * ldc + j] += alpha * tile[i][j];        \
    }

UKERNEL(uk_f32_generic, , float, vf8, 8, 6)
UKERNEL(uk_f64_generic, , double, vd4, 4, 6)
#if HAVE_AVX2_PATH
UKERNEL(uk_f32_avx2, AVX2_ATTR, float, vf8, 8, 6)
UKERNEL(uk_f64_avx2, AVX2_ATTR, double, vd4, 4, 6)
static bool have_avx2(void) {
    static int v = -1;
    if (v < 0) { __builtin_cpu_init(); v = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"); }
    return v;
}
#endif

/* Generates packing and the blocked driver for one type. */
#define GEMM_IMPL(T, SUF, VW, MR)                                                         \
    typedef void (*uk_##SUF##_fn)(int64_t, const T *, const T *, T *, int64_t, int64_t, int64_t, T); \
    static void pack_a_##SUF(bool ta, const T *a, int64_t lda, int64_t i0, int64_t mc,     \
                             int64_t p0, int64_t kc, T *dst) {                            \
        for (int64_t ib = 0; ib < mc; ib += MR)                                           \
            for (int64_t p = 0; p < kc; p++)                                              \
                for (int64_t i = 0; i < MR; i++) {                                        \
                    int64_t r = i0 + ib + i, q = p0 + p;                                  \
                    *dst++ = ib + i < mc ? (ta ? a[q * lda + r] : a[r * lda + q]) : (T)0; \
                }                                                                         \
    }                                                                                     \
    static void pack_b_##SUF(bool tb, const T *b, int64_t ldb, int64_t p0, int64_t kc,     \
                             int64_t j0, int64_t nc, T *dst) {                            \
        const int64_t NR = 2 * VW;                                                        \
        for (int64_t jb = 0; jb < nc; jb += NR)                                           \
            for (int64_t p = 0; p < kc; p++)                                              \
                for (int64_t j = 0; j < NR; j++) {                                        \
                    int64_t col = j0 + jb + j, q = p0 + p;                                \
                    *dst++ = jb + j < nc ? (tb ? b[col * ldb + q] : b[q * ldb + col]) : (T)0; \
                }                                                                         \
    }                                                                                     \
    typedef struct {                                                                      \
        bool ta; const T *a; int64_t lda, m, p0, kc, j0, nc; const T *bpack; T *c;         \
        int64_t ldc; T alpha; uk_##SUF##_fn uk;                                           \
    } job_##SUF;                                                                          \
    static void blocks_##SUF(int64_t lo, int64_t hi, void *ctx) {                         \
        job_##SUF *j = ctx;                                                               \
        const int64_t NR = 2 * VW;                                                        \
        T *apack = aligned_alloc(64, sizeof(T) * (size_t)((MC + MR) * KC));               \
        if (!apack) return;                                                               \
        for (int64_t blk = lo; blk < hi; blk++) {                                         \
            int64_t i0 = blk * MC, mc = j->m - i0 < MC ? j->m - i0 : MC;                  \
            pack_a_##SUF(j->ta, j->a, j->lda, i0, mc, j->p0, j->kc, apack);               \
            for (int64_t jb = 0; jb < j->nc; jb += NR)                                    \
                for (int64_t ib = 0; ib < mc; ib += MR)                                   \
                    j->uk(j->kc, apack + ib * j->kc, j->bpack + jb * j->kc,               \
                          j->c + (i0 + ib) * j->ldc + j->j0 + jb, j->ldc,                 \
                          mc - ib < MR ? mc - ib : MR, j->nc - jb < NR ? j->nc - jb : NR, j->alpha); \
        }                                                                                 \
        free(apack);                                                                      \
    }                                                                                     \
    static bool gemm_##SUF(bool ta, bool tb, int64_t m, int64_t n, int64_t k, T alpha,     \
                           const T *a, int64_t lda, const T *b, int64_t ldb, T beta, T *c, \
                           int64_t ldc, uk_##SUF##_fn uk) {                               \
        const int64_t NR = 2 * VW;                                                        \
        for (int64_t i = 0; i < m; i++)                                                   \
            for (int64_t j = 0; j < n; j++)                                               \
                c[i * ldc + j] = beta == 0 ? (T)0 : beta * c[i * ldc + j];               \
        if (k == 0 || alpha == 0) return true;                                            \
        T *bpack = aligned_alloc(64, sizeof(T) * (size_t)(KC * (NC + NR)));               \
        if (!bpack) return wk_rt_err(WK_ERR_OOM, "out of memory");                        \
        int64_t mblocks = (m + MC - 1) / MC;                                              \
        for (int64_t j0 = 0; j0 < n; j0 += NC) {                                          \
            int64_t nc = n - j0 < NC ? n - j0 : NC;                                       \
            for (int64_t p0 = 0; p0 < k; p0 += KC) {                                      \
                int64_t kc = k - p0 < KC ? k - p0 : KC;                                   \
                pack_b_##SUF(tb, b, ldb, p0, kc, j0, nc, bpack);                          \
                job_##SUF jb = {ta, a, lda, m, p0, kc, j0, nc, bpack, c, ldc, alpha, uk};  \
                double work = (double)m * (double)nc * (double)kc;                        \
                if (work >= 4e6) wk_cpu_parallel_for(mblocks, 1, blocks_##SUF, &jb);     \
                else blocks_##SUF(0, mblocks, &jb);                                       \
            }                                                                             \
        }                                                                                 \
        free(bpack);                                                                      \
        return true;                                                                      \
    }

GEMM_IMPL(float, f32, 8, 6)
GEMM_IMPL(double, f64, 4, 6)

/* Any other dtype: straightforward triple loop through double (int64 for integers). */
static bool gemm_generic(wk_dtype dt, bool ta, bool tb, int64_t m, int64_t n, int64_t k, double alpha,
                         const void *a, int64_t lda, const void *b, int64_t ldb, double beta, void *c, int64_t ldc) {
    size_t es = wk_dtype_size(dt);
    bool ints = !wk_dtype_is_float(dt);
    for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < n; j++) {
            double accf = 0;
            uint64_t acci = 0;
            for (int64_t p = 0; p < k; p++) {
                const char *pa = (const char *)a + (size_t)(ta ? p * lda + i : i * lda + p) * es;
                const char *pb = (const char *)b + (size_t)(tb ? j * ldb + p : p * ldb + j) * es;
                if (ints) acci += (uint64_t)wk_dtype_load_i64(dt, pa) * (uint64_t)wk_dtype_load_i64(dt, pb);
                else accf += wk_dtype_load_f64(dt, pa) * wk_dtype_load_f64(dt, pb);
            }
            char *pc = (char *)c + (size_t)(i * ldc + j) * es;
            if (ints) {
                int64_t old = beta == 0 ? 0 : wk_dtype_load_i64(dt, pc) * (int64_t)beta;
                wk_dtype_store_i64(dt, pc, old + (int64_t)alpha * (int64_t)acci);
            } else {
                double old = beta == 0 ? 0 : beta * wk_dtype_load_f64(dt, pc);
                wk_dtype_store_f64(dt, pc, old + alpha * accf);
            }
        }
    return true;
}

/* ------------------------------------------------------------------ OpenBLAS */
/* fp32/fp64 products, matrix-vector products and dot products go to OpenBLAS (cblas_*),
 * dlopened at the first such call (the binary does not link it, start-up stays fast): PyTorch
 * calls the same library (Debian's libblas.so.3 is OpenBLAS) for every size, so results match
 * its bits. Without the library (or with WICK_NO_BLAS=1 in the environment), or inside a
 * parallel job, the loops here run. OpenBLAS's thread count follows wk_cpu_num_threads(). */
enum { CBLAS_ROW_MAJOR = 101, CBLAS_NO_TRANS = 111, CBLAS_TRANS = 112 };

typedef void (*sgemm_fn)(int, int, int, int, int, int, float, const float *, int, const float *, int, float,
                         float *, int);
typedef void (*dgemm_fn)(int, int, int, int, int, int, double, const double *, int, const double *, int, double,
                         double *, int);
typedef void (*sgemv_fn)(int, int, int, int, float, const float *, int, const float *, int, float, float *, int);
typedef void (*dgemv_fn)(int, int, int, int, double, const double *, int, const double *, int, double, double *, int);
typedef float (*sdot_fn)(int, const float *, int, const float *, int);
typedef double (*ddot_fn)(int, const double *, int, const double *, int);
static struct {
    pthread_once_t once;
    sgemm_fn sgemm;
    dgemm_fn dgemm;
    sgemv_fn sgemv;
    dgemv_fn dgemv;
    sdot_fn sdot;
    ddot_fn ddot;
    void (*set_threads)(int);
    _Atomic int threads; /* last count given to OpenBLAS */
    _Atomic bool ready;
} g_blas = {.once = PTHREAD_ONCE_INIT};

static void blas_load(void) {
    const char *off = getenv("WICK_NO_BLAS");
    if (off && *off && strcmp(off, "0") != 0) return;
    void *h = dlopen("libopenblas.so.0", RTLD_NOW | RTLD_LOCAL);
    if (!h) return;
    g_blas.set_threads = (void (*)(int))dlsym(h, "openblas_set_num_threads");
    g_blas.sgemm = (sgemm_fn)dlsym(h, "cblas_sgemm");
    g_blas.dgemm = (dgemm_fn)dlsym(h, "cblas_dgemm");
    g_blas.sgemv = (sgemv_fn)dlsym(h, "cblas_sgemv");
    g_blas.dgemv = (dgemv_fn)dlsym(h, "cblas_dgemv");
    g_blas.sdot = (sdot_fn)dlsym(h, "cblas_sdot");
    g_blas.ddot = (ddot_fn)dlsym(h, "cblas_ddot");
    g_blas.ready = g_blas.sgemm && g_blas.dgemm && g_blas.sgemv && g_blas.dgemv && g_blas.sdot && g_blas.ddot;
}

/* Whether OpenBLAS takes this call (f32/f64, outside parallel jobs, library present); sets
 * its thread count. */
static bool blas_ready(wk_dtype dt) {
    if ((dt != WK_DT_F32 && dt != WK_DT_F64) || wk_cpu_in_parallel()) return false;
    pthread_once(&g_blas.once, blas_load);
    if (!g_blas.ready) return false;
    int nt = wk_cpu_num_threads();
    if (g_blas.set_threads && atomic_exchange(&g_blas.threads, nt) != nt) g_blas.set_threads(nt);
    return true;
}

static bool fits_int(int64_t v) { return v >= 0 && v <= 0x7fffffff; }
static int64_t max1(int64_t v) { return v > 1 ? v : 1; }

/* cblas's argument rules (row-major): every dimension fits an int, leading dims large enough. */
static bool blas_args_ok(bool ta, bool tb, int64_t m, int64_t n, int64_t k, int64_t lda, int64_t ldb, int64_t ldc) {
    return fits_int(m) && fits_int(n) && fits_int(k) && fits_int(lda) && fits_int(ldb) && fits_int(ldc) && k > 0 &&
           lda >= max1(ta ? m : k) && ldb >= max1(tb ? k : n) && ldc >= max1(n);
}

static bool blas_gemm(wk_dtype dt, bool ta, bool tb, int64_t m, int64_t n, int64_t k, double alpha,
                      const void *a, int64_t lda, const void *b, int64_t ldb, double beta, void *c, int64_t ldc) {
    if (!blas_args_ok(ta, tb, m, n, k, lda, ldb, ldc) || !blas_ready(dt)) return false;
    int tra = ta ? CBLAS_TRANS : CBLAS_NO_TRANS, trb = tb ? CBLAS_TRANS : CBLAS_NO_TRANS;
    if (dt == WK_DT_F32)
        g_blas.sgemm(CBLAS_ROW_MAJOR, tra, trb, (int)m, (int)n, (int)k, (float)alpha, a, (int)lda, b, (int)ldb,
                     (float)beta, c, (int)ldc);
    else
        g_blas.dgemm(CBLAS_ROW_MAJOR, tra, trb, (int)m, (int)n, (int)k, alpha, a, (int)lda, b, (int)ldb, beta, c,
                     (int)ldc);
    return true;
}

bool wk_cpu_gemm(wk_dtype dt, bool ta, bool tb, int64_t m, int64_t n, int64_t k, double alpha,
                 const void *a, int64_t lda, const void *b, int64_t ldb, double beta, void *c, int64_t ldc) {
    if (m <= 0 || n <= 0) return true;
    if (blas_gemm(dt, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)) return true;
    if (dt == WK_DT_F32) {
        uk_f32_fn uk = uk_f32_generic;
#if HAVE_AVX2_PATH
        if (have_avx2()) uk = uk_f32_avx2;
#endif
        return gemm_f32(ta, tb, m, n, k, (float)alpha, a, lda, b, ldb, (float)beta, c, ldc, uk);
    }
    if (dt == WK_DT_F64) {
        uk_f64_fn uk = uk_f64_generic;
#if HAVE_AVX2_PATH
        if (have_avx2()) uk = uk_f64_avx2;
#endif
        return gemm_f64(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, uk);
    }
    return gemm_generic(dt, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

/* ------------------------------------------------------------------ gemv, dot */
/* Fallback loops (no OpenBLAS): one running sum per output element, in the vector's order. */
#define GEMV_LOOP(T)                                                                             \
    {                                                                                            \
        const T *A = a, *X = x;                                                                  \
        T *Y = y;                                                                                \
        int64_t rows = ta ? n : m, len = ta ? m : n;                                             \
        for (int64_t i = 0; i < rows; i++) {                                                     \
            T acc = 0;                                                                           \
            for (int64_t j = 0; j < len; j++) acc += (ta ? A[j * lda + i] : A[i * lda + j]) * X[j * incx]; \
            T *yi = Y + i * incy;                                                                \
            *yi = (T)beta == 0 ? (T)alpha * acc : (T)beta * *yi + (T)alpha * acc;                \
        }                                                                                        \
    }

bool wk_cpu_gemv(wk_dtype dt, bool ta, int64_t m, int64_t n, double alpha, const void *a, int64_t lda,
                 const void *x, int64_t incx, double beta, void *y, int64_t incy) {
    if (dt != WK_DT_F32 && dt != WK_DT_F64)
        return wk_cpu_gemm(dt, ta, false, ta ? n : m, 1, ta ? m : n, alpha, a, lda, x, incx, beta, y, incy);
    bool ok = fits_int(m) && fits_int(n) && fits_int(lda) && lda >= max1(n) && incx > 0 && fits_int(incx) &&
              incy > 0 && fits_int(incy);
    if (ok && blas_ready(dt)) {
        int tr = ta ? CBLAS_TRANS : CBLAS_NO_TRANS;
        if (dt == WK_DT_F32)
            g_blas.sgemv(CBLAS_ROW_MAJOR, tr, (int)m, (int)n, (float)alpha, a, (int)lda, x, (int)incx, (float)beta, y,
                         (int)incy);
        else
            g_blas.dgemv(CBLAS_ROW_MAJOR, tr, (int)m, (int)n, alpha, a, (int)lda, x, (int)incx, beta, y, (int)incy);
        return true;
    }
    if (dt == WK_DT_F32) GEMV_LOOP(float) else GEMV_LOOP(double)
    return true;
}

#define DOT_LOOP(T)                                                                              \
    {                                                                                            \
        const T *X = x, *Y = y;                                                                  \
        T acc = 0;                                                                               \
        for (int64_t i = 0; i < n; i++) acc += X[i * incx] * Y[i * incy];                       \
        *(T *)out = acc;                                                                         \
    }

bool wk_cpu_dot(wk_dtype dt, int64_t n, const void *x, int64_t incx, const void *y, int64_t incy, void *out) {
    if (dt != WK_DT_F32 && dt != WK_DT_F64)
        return wk_cpu_gemm(dt, false, false, 1, 1, n, 1.0, x, incx, y, incy, 0.0, out, 1);
    if (n == 1) incx = incy = 1;
    if (fits_int(n) && fits_int(incx) && fits_int(incy) && blas_ready(dt)) {
        if (dt == WK_DT_F32) *(float *)out = g_blas.sdot((int)n, x, (int)incx, y, (int)incy);
        else *(double *)out = g_blas.ddot((int)n, x, (int)incx, y, (int)incy);
        return true;
    }
    if (dt == WK_DT_F32) DOT_LOOP(float) else DOT_LOOP(double)
    return true;
}

/* ------------------------------------------------------------------ PyTorch's small bmm */
/* at::native's baddbmm_cpu_kernel (used by bmm when M*N*K < 400): every element of out is
 * one running sum over k in the operands' dtype. */
#define BMM_SMALL(T)                                                                             \
    {                                                                                            \
        const char *pa = wk_tensor_data(a), *pb = wk_tensor_data(b);                             \
        T *po = wk_tensor_data(out);                                                             \
        const int64_t *sa = a->stride, *sb = b->stride;                                        \
        for (int64_t q = 0; q < B; q++)                                                          \
            for (int64_t i = 0; i < M; i++)                                                      \
                for (int64_t j = 0; j < N; j++) {                                                \
                    const T *ar = (const T *)pa + q * sa[0] + i * sa[1];                         \
                    const T *bc = (const T *)pb + q * sb[0] + j * sb[2];                         \
                    T acc = 0;                                                                   \
                    for (int64_t p = 0; p < K; p++) acc += ar[p * sa[2]] * bc[p * sb[1]];        \
                    *po++ = acc;                                                                 \
                }                                                                                \
    }

bool wk_cpu_bmm_small(wk_tensor *out, const wk_tensor *a, const wk_tensor *b) {
    int64_t B = a->shape[0], M = a->shape[1], K = a->shape[2], N = b->shape[2];
    if (a->dtype == WK_DT_F32) BMM_SMALL(float)
    else if (a->dtype == WK_DT_F64) BMM_SMALL(double)
    else return wk_rt_err(WK_ERR_RUNTIME, "bmm_small: float32/float64 only");
    return true;
}
