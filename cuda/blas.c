/* blas.c — row-major GEMM through cuBLAS GemmEx / strided batched, TF32 switch, workspace from the caching allocator. */
#include "plugin.h"
#include <cublas_v2.h>
#include <cuda_runtime_api.h>
#include <limits.h>
#include <pthread.h>

static cublasHandle_t g_handle[WKC_MAX_DEVICES];
static void *g_workspace[WKC_MAX_DEVICES];
static bool g_tf32;                       /* torch.backends.cuda.matmul.allow_tf32 (False) */
static bool g_fp16_reduced = true, g_bf16_reduced = true;
static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;

void wkc_set_tf32(bool on) { g_tf32 = on; }
bool wkc_get_tf32(void) { return g_tf32; }
void wkc_set_reduced_precision(bool fp16, bool bf16) { g_fp16_reduced = fp16; g_bf16_reduced = bf16; }

/* PyTorch's text: "CUDA error: CUBLAS_STATUS_... when calling `cublasCreate(handle)`". */
static bool blas_fail(cublasStatus_t s, const char *call) {
    return wkc_err(WK_ERR_RUNTIME, "CUDA error: %s when calling `%s`", cublasGetStatusString(s), call);
}

/* PyTorch's default cuBLAS workspace: 32 MiB on sm_90 and newer, 4096*1024*2 + 16*1024*8 otherwise. */
static size_t workspace_size(int dev) { return wkc_cc_major(dev) >= 9 ? (size_t)32 << 20 : (size_t)4096 * 1024 * 2 + 16 * 1024 * 8; }

static cublasHandle_t handle(void) {
    int dev = wkc_current_device();
    pthread_mutex_lock(&g_mu);
    if (!g_handle[dev]) {
        cublasHandle_t h;
        cublasStatus_t s = cublasCreate(&h);
        if (s != CUBLAS_STATUS_SUCCESS) { pthread_mutex_unlock(&g_mu); blas_fail(s, "cublasCreate(handle)"); return NULL; }
        void *ws = wkc_tmp_alloc(workspace_size(dev)); /* stays allocated, as PyTorch's does */
        if (!ws) { cublasDestroy(h); pthread_mutex_unlock(&g_mu); return NULL; }
        s = cublasSetWorkspace(h, ws, workspace_size(dev));
        if (s != CUBLAS_STATUS_SUCCESS) {
            cublasDestroy(h);
            wkc_tmp_free(ws);
            pthread_mutex_unlock(&g_mu);
            blas_fail(s, "cublasSetWorkspace(handle, workspace, size)");
            return NULL;
        }
        g_workspace[dev] = ws;
        g_handle[dev] = h;
    }
    pthread_mutex_unlock(&g_mu);
    return g_handle[dev];
}

typedef struct { cudaDataType_t type; cublasComputeType_t compute; bool f64; } gemm_types;

static bool types_for(wk_dtype dt, gemm_types *t) {
    switch (dt) {
    case WK_DT_F32: *t = (gemm_types){CUDA_R_32F, g_tf32 ? CUBLAS_COMPUTE_32F_FAST_TF32 : CUBLAS_COMPUTE_32F, false}; return true;
    case WK_DT_F64: *t = (gemm_types){CUDA_R_64F, CUBLAS_COMPUTE_64F, true}; return true;
    case WK_DT_F16: *t = (gemm_types){CUDA_R_16F, CUBLAS_COMPUTE_32F, false}; return true;
    case WK_DT_BF16: *t = (gemm_types){CUDA_R_16BF, CUBLAS_COMPUTE_32F, false}; return true;
    default: return wkc_not_impl("addmm", dt);
    }
}

static void set_math(cublasHandle_t h, wk_dtype dt) {
    bool reduced = dt == WK_DT_F16 ? g_fp16_reduced : dt == WK_DT_BF16 ? g_bf16_reduced : true;
    cublasSetMathMode(h, reduced ? CUBLAS_DEFAULT_MATH : CUBLAS_MATH_DISALLOW_REDUCED_PRECISION_REDUCTION);
}

/* The 32-bit cuBLAS API takes int sizes, leading dimensions and batch counts. */
static bool fits_int(int64_t m, int64_t n, int64_t k, int64_t lda, int64_t ldb, int64_t ldc, int64_t batch) {
    int64_t v[7] = {m, n, k, lda, ldb, ldc, batch};
    for (int i = 0; i < 7; i++)
        if (v[i] > INT_MAX)
            return wkc_err(WK_ERR_NOTIMPL, "matmul on CUDA: sizes above 2^31 - 1 are not supported yet");
    return true;
}

/* Row-major C = A*B is column-major C^T = B^T * A^T: swap the operands and m/n. */
bool wkc_gemm_batched(wk_dtype dt, bool ta, bool tb, int64_t m, int64_t n, int64_t k, double alpha, const void *a,
                      int64_t lda, int64_t sa, const void *b, int64_t ldb, int64_t sb, double beta, void *c,
                      int64_t ldc, int64_t sc, int64_t batch) {
    gemm_types t = {CUDA_R_32F, CUBLAS_COMPUTE_32F, false};
    if (!types_for(dt, &t)) return false;
    if (m == 0 || n == 0 || batch == 0) return true;
    if (!fits_int(m, n, k, lda, ldb, ldc, batch)) return false;
    cublasHandle_t h = handle();
    if (!h) return false;
    set_math(h, dt);
    float af = (float)alpha, bf = (float)beta;
    const void *pa = t.f64 ? (const void *)&alpha : (const void *)&af;
    const void *pb = t.f64 ? (const void *)&beta : (const void *)&bf;
    cublasOperation_t opb = tb ? CUBLAS_OP_T : CUBLAS_OP_N, opa = ta ? CUBLAS_OP_T : CUBLAS_OP_N;
    cublasStatus_t s;
    /* k == 0: BLAS semantics give C = beta*C; cuBLAS only needs valid leading dimensions */
    if (lda < 1) lda = 1;
    if (ldb < 1) ldb = 1;
    if (batch == 1)
        s = cublasGemmEx(h, opb, opa, (int)n, (int)m, (int)k, pa, b, t.type, (int)ldb, a, t.type, (int)lda, pb, c,
                         t.type, (int)ldc, t.compute, CUBLAS_GEMM_DEFAULT);
    else
        s = cublasGemmStridedBatchedEx(h, opb, opa, (int)n, (int)m, (int)k, pa, b, t.type, (int)ldb, sb, a, t.type,
                                       (int)lda, sa, pb, c, t.type, (int)ldc, sc, (int)batch, t.compute,
                                       CUBLAS_GEMM_DEFAULT);
    if (s != CUBLAS_STATUS_SUCCESS) return blas_fail(s, batch == 1 ? "cublasGemmEx" : "cublasGemmStridedBatchedEx");
    return wkc_check_launch();
}

bool wkc_gemm(wk_dtype dt, bool ta, bool tb, int64_t m, int64_t n, int64_t k, double alpha, const void *a,
              int64_t lda, const void *b, int64_t ldb, double beta, void *c, int64_t ldc) {
    return wkc_gemm_batched(dt, ta, tb, m, n, k, alpha, a, lda, 0, b, ldb, 0, beta, c, ldc, 0, 1);
}

void wkc_blas_shutdown(void) {
    for (int d = 0; d < WKC_MAX_DEVICES; d++)
        if (g_handle[d]) { cublasDestroy(g_handle[d]); g_handle[d] = NULL; }
}
