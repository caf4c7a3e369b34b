/* ops_nn_rnn.c — LSTM/GRU/RNN on CPU in PyTorch's float32 arithmetic: whole-sequence projections, fused cells, one autograd node per layer and direction. */
#include "autograd_impl.h"
#include "cpu_vmath.h"
#include "ops_nn.h"
#include <stdlib.h>
#include <string.h>
#include <math.h>

/* What PyTorch's CPU path (aten/src/ATen/native/RNN.cpp, torch 1.13) computes, and so what
 * this file reproduces bit for bit in float32:
 * - per layer and direction, one linear over the whole sequence: gi = x @ w_ih^T + b_ih;
 *   per step gh = h @ w_hh^T + b_hh and gates = gh + gi[t];
 * - matrix products are BLAS calls (addmm: the bias copied into the output, beta = 1); here
 *   they go to the CPU backend's GEMM with the same layouts and transposition flags, so they
 *   are exact where that GEMM rounds like the BLAS PyTorch runs on;
 * - LSTM (gate rows i, f, g, o): c' = f*c + i*g, h' = o*tanh(c'); GRU (rows r, z, n; b_hh
 *   inside gh): r = σ(gh_r + gi_r), z = σ(gh_z + gi_z), n = tanh(gi_n + gh_n*r),
 *   h' = (h - n)*z + n; RNN: tanh or relu of gh + gi. Each op rounds to float32;
 * - sigmoid of a gate chunk runs SLEEF's exp on blocks of 16 of each row of H and glibc's
 *   expf on the row's tail; tanh is SLEEF's everywhere (cpu_vmath.h);
 * - backward is autograd over those ops: tanh' = g*(1 - y*y) with a fused 1 - y*y,
 *   σ' = (g*(1 - y))*y, products as mm's backward passes them to BLAS, bias gradients are
 *   PyTorch's cascade sums over rows, and the per-step contributions to w_hh/b_hh (and the
 *   three to a GRU's h) accumulate in the order PyTorch's engine adds them.
 * float64 runs the same formulas with libm's exp/tanh (close to PyTorch, not bit-exact). */

typedef enum rnn_mode { RNN_LSTM, RNN_GRU, RNN_TANH, RNN_RELU } rnn_mode;
static const int64_t g_gates[] = {4, 3, 1, 1};
/* Per-step saved activations (multiples of H): LSTM i f g o tanh(c) c; GRU r z n gh_n. */
static const int64_t g_saved[] = {6, 4, 0, 0};

/* ================================================================== typed helpers */
static inline float sig_f(float x, bool vec) { return 1.0f / (1.0f + (vec ? wk_vm_expf(-x) : expf(-x))); }
static inline double sig_d(double x, bool vec) { (void)vec; return 1.0 / (1.0 + exp(-x)); }
#define SIG(x, vec) _Generic((x), float: sig_f, double: sig_d)((x), (vec))
#define TNH(x) _Generic((x), float: wk_vm_tanhf, double: tanh)(x)
#define FMA(a, b, c) _Generic((a), float: fmaf, double: fma)((a), (b), (c))
/* tanh_backward and sigmoid_backward as PyTorch's CPU kernels round them. */
#define DTANH(d, y) ((d) * FMA(-(y), (y), 1))
#define DSIG(d, y) ((d) * (1 - (y)) * (y))
/* Whether element j of a gate row of H runs PyTorch's vectorised sigmoid. */
#define VEC(j, H) wk_vm_in_vector_part((j), (H))
#define TYPED(f64, BODY) do { if (f64) BODY(double) else BODY(float) } while (0)

/* ================================================================== matrix products */
/* Every product goes through the CPU backend's GEMM with the operand layout and transposition
 * flags PyTorch's addmm/mm pass to BLAS for the same product, so that it rounds as PyTorch's
 * BLAS call does. c (M, N) = op(a) @ op(b) + beta * c, row-major. */
static bool gemm(bool f64, bool ta, bool tb, int64_t M, int64_t N, int64_t K, const void *a, int64_t lda,
                 const void *b, int64_t ldb, double beta, void *c) {
    if (K == 0) {
        if (beta == 0) memset(c, 0, (size_t)(M * N) * (f64 ? 8 : 4));
        return true;
    }
    return wk_backend_cpu()->gemm(f64 ? WK_DT_F64 : WK_DT_F32, ta, tb, M, N, K, 1.0, a, lda, b, ldb, beta, c, N);
}

#define FILL_BIAS(T) { \
    const T *bias = bias_; T *out = out_; \
    for (int64_t m = 0; m < M; m++) memcpy(out + m * N, bias, (size_t)N * sizeof(T)); }
static void fill_bias(bool f64, int64_t M, int64_t N, const void *bias_, void *out_) {
    TYPED(f64, FILL_BIAS);
}

/* F.linear: out (M, N) = a (M, K) @ w (N, K)^T [+ bias (N)], as addmm (bias copied into the
 * output, then beta = 1) or mm. */
static bool linear(bool f64, int64_t M, int64_t K, int64_t N, const void *a, const void *w, const void *bias, void *out) {
    if (bias) fill_bias(f64, M, N, bias, out);
    return gemm(f64, false, true, M, N, K, a, K, w, K, bias ? 1.0 : 0.0, out);
}

/* The input gradient of a linear: out (M, K) = g (M, N) @ w (N, K). */
static bool mm_nn(bool f64, int64_t M, int64_t N, int64_t K, const void *g, const void *w, void *out) {
    return gemm(f64, false, false, M, K, N, g, N, w, K, 0.0, out);
}

/* The weight gradient of a linear: out (N, K) = g (M, N)^T @ x (M, K), summed over m (PyTorch
 * passes g transposed in place). */
static bool mm_tn(bool f64, int64_t M, int64_t N, int64_t K, const void *g, const void *x, void *out) {
    return gemm(f64, true, false, N, K, M, g, N, x, K, 0.0, out);
}

/* acc += x (n elements); acc = x when first. */
#define ACCUM(T) { \
    T *restrict acc = acc_; const T *restrict x = x_; \
    for (int64_t i = 0; i < n; i++) acc[i] = first ? x[i] : acc[i] + x[i]; }
static void accum(bool f64, int64_t n, bool first, void *acc_, const void *x_) {
    TYPED(f64, ACCUM);
}

/* ================================================================== PyTorch's row sums */
/* Sum over dim 0 of a contiguous (M, N) tensor in the order of PyTorch's CPU sum kernel
 * (SumKernel.cpp): groups of 32 (or, for N < 8, 4) columns sum their rows with a 4-level
 * cascade; each remaining column sums its rows interleaved by 4 (row_sum), with the cascade. */
static int64_t ceil_log2(int64_t x) {
    int64_t r = 0;
    while (((int64_t)1 << r) < x) r++;
    return r;
}

/* Cascade over `size` items; item i has nc values at p + i*is + c*cs. res[c] = sums. */
#define CASCADE(T) { \
    const T *p = p_; T *res = res_, acc[4][32]; \
    int64_t lp = ceil_log2(size) / 4 > 4 ? ceil_log2(size) / 4 : 4, step = (int64_t)1 << lp, i = 0; \
    memset(acc, 0, sizeof acc); \
    while (i + step <= size) { \
        for (int64_t e = 0; e < step; e++, i++) \
            for (int c = 0; c < nc; c++) acc[0][c] += p[i * is + c * cs]; \
        for (int j = 1; j < 4; j++) { \
            for (int c = 0; c < nc; c++) { acc[j][c] += acc[j - 1][c]; acc[j - 1][c] = 0; } \
            if (i & ((step - 1) << (j * lp))) break; \
        } \
    } \
    for (; i < size; i++) for (int c = 0; c < nc; c++) acc[0][c] += p[i * is + c * cs]; \
    for (int j = 1; j < 4; j++) for (int c = 0; c < nc; c++) acc[0][c] += acc[j][c]; \
    for (int c = 0; c < nc; c++) res[c] = acc[0][c]; }
static void cascade(bool f64, const void *p_, int64_t size, int64_t is, int64_t cs, int nc, void *res_) {
    TYPED(f64, CASCADE);
}

/* One column of `size` rows at stride `is`, interleaved by 4 (PyTorch's row_sum). */
#define ROW_SUM(T) { \
    const T *p = p_; T part[4]; int64_t q = size / 4; \
    if (q) cascade(f64, p, q, 4 * is, is, 4, part); else part[0] = part[1] = part[2] = part[3] = 0; \
    for (int64_t i = 4 * q; i < size; i++) part[0] += p[i * is]; \
    *(T *)res_ = part[0] + part[1] + part[2] + part[3]; }
static void row_sum(bool f64, const void *p_, int64_t size, int64_t is, void *res_) {
    TYPED(f64, ROW_SUM);
}

static void sum_rows(bool f64, int64_t M, int64_t N, const void *g, void *out) {
    size_t es = f64 ? 8 : 4;
    int64_t j = 0, block = N >= 8 ? 32 : 4;
    for (; j + block <= N; j += block) cascade(f64, (const char *)g + j * es, M, N, 1, (int)block, (char *)out + j * es);
    for (; j < N; j++) row_sum(f64, (const char *)g + j * es, M, N, (char *)out + j * es);
}

/* ================================================================== activations over rows */
/* y = σ(x) over one gate row of H (y may be x): PyTorch's vector part (8 lanes at a time where
 * the CPU has AVX2, cpu_vmath_avx2.c), then the glibc tail. */
#define SIGMOID_ROW(T) { \
    T *y = y_; const T *x = x_; \
    int64_t i = f64 ? 0 : wk_vm_sigmoidf_n(y_, x_, H - H % WK_VM_VEC_BLOCK, false); \
    for (; i < H; i++) y[i] = SIG(x[i], VEC(i, H)); }
static void sigmoid_row(bool f64, void *y_, const void *x_, int64_t H) {
    TYPED(f64, SIGMOID_ROW);
}

/* y = tanh(x) over n elements (y may be x). */
#define TANH_ROW(T) { \
    T *y = y_; const T *x = x_; \
    int64_t i = f64 ? 0 : wk_vm_tanhf_n(y_, x_, n); \
    for (; i < n; i++) y[i] = TNH(x[i]); }
static void tanh_row(bool f64, void *y_, const void *x_, int64_t n) {
    TYPED(f64, TANH_ROW);
}

/* ================================================================== pointwise cells */
/* A step over B rows: gates gh (B, G*H, the h @ w_hh^T + b_hh part) and gi (the input part);
 * prev: the previous c (LSTM) or h (GRU) with row stride ps; act: the saved activations (row
 * stride as); h: the new hidden state (row stride hs). */
typedef struct cell_io {
    int64_t B, H, ps, as, hs;
    const void *gh, *gi, *prev;
    void *act, *h;
} cell_io;

#define LSTM_FWD(T) { \
    for (int64_t b = 0; b < B; b++) { \
        const T *a = (const T *)io->gh + b * 4 * H, *x = (const T *)io->gi + b * 4 * H, *cp = (const T *)io->prev + b * io->ps; \
        T *s = (T *)io->act + b * io->as, *h = (T *)io->h + b * io->hs; \
        for (int64_t j = 0; j < 4 * H; j++) s[j] = a[j] + x[j]; \
        sigmoid_row(f64, s, s, H); \
        sigmoid_row(f64, s + H, s + H, H); \
        tanh_row(f64, s + 2 * H, s + 2 * H, H); \
        sigmoid_row(f64, s + 3 * H, s + 3 * H, H); \
        for (int64_t j = 0; j < H; j++) s[5 * H + j] = s[H + j] * cp[j] + s[j] * s[2 * H + j]; \
        tanh_row(f64, s + 4 * H, s + 5 * H, H); \
        for (int64_t j = 0; j < H; j++) h[j] = s[3 * H + j] * s[4 * H + j]; \
    } }

#define GRU_FWD(T) { \
    for (int64_t b = 0; b < B; b++) { \
        const T *a = (const T *)io->gh + b * 3 * H, *x = (const T *)io->gi + b * 3 * H, *hp = (const T *)io->prev + b * io->ps; \
        T *s = (T *)io->act + b * io->as, *h = (T *)io->h + b * io->hs; \
        for (int64_t j = 0; j < 2 * H; j++) s[j] = a[j] + x[j]; \
        sigmoid_row(f64, s, s, H); \
        sigmoid_row(f64, s + H, s + H, H); \
        for (int64_t j = 0; j < H; j++) { s[3 * H + j] = a[2 * H + j]; s[2 * H + j] = x[2 * H + j] + a[2 * H + j] * s[j]; } \
        tanh_row(f64, s + 2 * H, s + 2 * H, H); \
        for (int64_t j = 0; j < H; j++) h[j] = (hp[j] - s[2 * H + j]) * s[H + j] + s[2 * H + j]; \
    } }

#define SIMPLE_FWD(T) { \
    for (int64_t b = 0; b < B; b++) { \
        const T *a = (const T *)io->gh + b * H, *x = (const T *)io->gi + b * H; \
        T *h = (T *)io->h + b * io->hs; \
        for (int64_t j = 0; j < H; j++) h[j] = a[j] + x[j]; \
        if (mode == RNN_TANH) tanh_row(f64, h, h, H); \
        else for (int64_t j = 0; j < H; j++) h[j] = h[j] < 0 ? 0 : h[j]; \
    } }

static void cell_forward(rnn_mode mode, bool f64, const cell_io *io) {
    int64_t B = io->B, H = io->H;
    if (mode == RNN_LSTM) TYPED(f64, LSTM_FWD);
    else if (mode == RNN_GRU) TYPED(f64, GRU_FWD);
    else TYPED(f64, SIMPLE_FWD);
}

/* Backward of a step. dh (B, H): the gradient of the new h (contiguous). LSTM: dc (B, H) holds
 * the gradient of the new c from later uses and receives that of the previous c. GRU: dsub
 * (B, H) receives the gradient the previous h gets through (h - n). dgi/dgh (B, G*H): the
 * gate gradients of the input and hidden parts (the same buffer but for GRU). */
typedef struct cell_grad {
    const void *dh;
    void *dc, *dsub, *dgi, *dgh;
} cell_grad;

#define LSTM_BWD(T) { \
    for (int64_t b = 0; b < B; b++) { \
        const T *s = (const T *)io->act + b * io->as, *cp = (const T *)io->prev + b * io->ps, *dh = (const T *)gr->dh + b * H; \
        T *dc = (T *)gr->dc + b * H, *q = (T *)gr->dgi + b * 4 * H; \
        for (int64_t j = 0; j < H; j++) { \
            T i = s[j], f = s[H + j], g = s[2 * H + j], o = s[3 * H + j], tc = s[4 * H + j], d = dh[j]; \
            T dcell = DTANH(d * o, tc) + dc[j]; \
            q[j] = DSIG(dcell * g, i); \
            q[H + j] = DSIG(dcell * cp[j], f); \
            q[2 * H + j] = DTANH(dcell * i, g); \
            q[3 * H + j] = DSIG(d * tc, o); \
            dc[j] = dcell * f; \
        } \
    } }

#define GRU_BWD(T) { \
    for (int64_t b = 0; b < B; b++) { \
        const T *s = (const T *)io->act + b * io->as, *hp = (const T *)io->prev + b * io->ps, *dh = (const T *)gr->dh + b * H; \
        T *qi = (T *)gr->dgi + b * 3 * H, *qh = (T *)gr->dgh + b * 3 * H, *dsub = (T *)gr->dsub + b * H; \
        for (int64_t j = 0; j < H; j++) { \
            T r = s[j], z = s[H + j], n = s[2 * H + j], hn = s[3 * H + j], d = dh[j]; \
            T dd1 = d * z, dz = DSIG(d * (hp[j] - n), z), dn = DTANH(d + -dd1, n), dr = DSIG(dn * hn, r); \
            qi[j] = qh[j] = dr; \
            qi[H + j] = qh[H + j] = dz; \
            qi[2 * H + j] = dn; \
            qh[2 * H + j] = dn * r; \
            dsub[j] = dd1; \
        } \
    } }

#define SIMPLE_BWD(T) { \
    for (int64_t b = 0; b < B; b++) { \
        const T *y = (const T *)io->h + b * io->hs, *dh = (const T *)gr->dh + b * H; \
        T *q = (T *)gr->dgi + b * H; \
        for (int64_t j = 0; j < H; j++) q[j] = mode == RNN_TANH ? DTANH(dh[j], y[j]) : y[j] <= 0 ? 0 : dh[j]; \
    } }

static void cell_backward(rnn_mode mode, bool f64, const cell_io *io, const cell_grad *gr) {
    int64_t B = io->B, H = io->H;
    if (mode == RNN_LSTM) TYPED(f64, LSTM_BWD);
    else if (mode == RNN_GRU) TYPED(f64, GRU_BWD);
    else TYPED(f64, SIMPLE_BWD);
}

/* ================================================================== one layer and direction */
/* Sizes: input I, hidden H, state P (the projection size with w_hr, else H), G = gates*H.
 * The saved workspace holds, per step, the activations (T, B, A = saved*H) and then the new
 * hidden states (T, B, P). */
typedef struct seq_dims {
    rnn_mode mode;
    bool f64, rev;
    int64_t T, B, I, H, P, G, A;
} seq_dims;

typedef struct seq_data {
    const void *x, *w_ih, *w_hh, *b_ih, *b_hh, *w_hr, *h0, *c0;
} seq_data;

/* Gradient buffers (NULL: not wanted), same order as seq_data. */
typedef struct seq_grads {
    void *x, *w_ih, *w_hh, *b_ih, *b_hh, *w_hr, *h0, *c0;
} seq_grads;

#define ES(d) ((d)->f64 ? (int64_t)8 : (int64_t)4)
#define AT(p, off, d) ((char *)(p) + (off) * ES(d))
#define CAT(p, off, d) ((const char *)(p) + (off) * ES(d))
static int64_t step_time(const seq_dims *d, int64_t k) { return d->rev ? d->T - 1 - k : k; }

/* Copies rows (n rows of len elements, source row stride ss) into contiguous dst. */
static void copy_rows(const seq_dims *d, void *dst, const void *src, int64_t n, int64_t len, int64_t ss) {
    for (int64_t r = 0; r < n; r++) memcpy(AT(dst, r * len, d), CAT(src, r * ss, d), (size_t)(len * ES(d)));
}

/* The previous state (h, and c for LSTM) a step reads: the initial one or the last step's. */
static void step_prev(const seq_dims *d, const seq_data *in, const void *ws, int64_t k, const void **hp,
                      const void **cp, int64_t *cs) {
    int64_t tp = d->rev ? d->T - k : k - 1, acts = d->T * d->B * d->A;
    *hp = k == 0 ? in->h0 : CAT(ws, acts + tp * d->B * d->P, d);
    *cp = k == 0 ? in->c0 : CAT(ws, tp * d->B * d->A + 5 * d->H, d);
    *cs = k == 0 ? d->H : d->A;
}

static bool seq_forward(const seq_dims *d, const seq_data *in, void *out, void *hT, void *cT, void *ws) {
    int64_t T = d->T, B = d->B, I = d->I, H = d->H, P = d->P, G = d->G, acts = T * B * d->A;
    bool proj = in->w_hr != NULL;
    char *gi = malloc((size_t)((T * B * G + B * G + B * H + 1) * ES(d)));
    if (!gi) return wk_rt_err(WK_ERR_OOM, "rnn: out of memory");
    char *gh = AT(gi, T * B * G, d), *hraw = AT(gh, B * G, d);
    bool ok = linear(d->f64, T * B, I, G, in->x, in->w_ih, in->b_ih, gi);
    for (int64_t k = 0; ok && k < T; k++) {
        int64_t t = step_time(d, k), cs;
        const void *hp, *cp;
        step_prev(d, in, ws, k, &hp, &cp, &cs);
        ok = linear(d->f64, B, P, G, hp, in->w_hh, in->b_hh, gh);
        void *h = AT(ws, acts + t * B * P, d);
        cell_io io = {B, H, d->mode == RNN_LSTM ? cs : P, d->A, proj ? H : P, gh, CAT(gi, t * B * G, d),
                      d->mode == RNN_LSTM ? cp : hp, AT(ws, t * B * d->A, d), proj ? (void *)hraw : h};
        cell_forward(d->mode, d->f64, &io);
        if (proj) ok = ok && linear(d->f64, B, H, P, hraw, in->w_hr, NULL, h);
    }
    free(gi);
    if (!ok) return false;
    int64_t last = step_time(d, T - 1);
    memcpy(out, CAT(ws, acts, d), (size_t)(T * B * P * ES(d)));
    memcpy(hT, CAT(ws, acts + last * B * P, d), (size_t)(B * P * ES(d)));
    if (cT) copy_rows(d, cT, CAT(ws, last * B * d->A + 5 * H, d), B, H, d->A);
    return true;
}

/* out = (a + b) + c elementwise (b may be NULL: a + c): PyTorch's gradient accumulation order. */
#define ADD3(T) { \
    const T *a = a_, *b = b_, *c = c_; T *o = o_; \
    for (int64_t i = 0; i < n; i++) o[i] = b ? (a[i] + b[i]) + c[i] : a[i] + c[i]; }
static void add3(bool f64, int64_t n, const void *a_, const void *b_, const void *c_, void *o_) {
    TYPED(f64, ADD3);
}

/* hraw = o * tanh(c) of step t, from the saved activations (LSTM with projections). */
#define LSTM_HRAW(T) { \
    for (int64_t b = 0; b < d->B; b++) \
        for (int64_t j = 0; j < d->H; j++) { \
            const T *s = (const T *)act + b * d->A; \
            ((T *)hraw)[b * d->H + j] = s[3 * d->H + j] * s[4 * d->H + j]; \
        } }
static void lstm_hraw(const seq_dims *d, const void *act, void *hraw) {
    TYPED(d->f64, LSTM_HRAW);
}

/* Gradient of the state a step's projection (w_hr) produced: *dh becomes the raw one. */
static bool proj_backward(const seq_dims *d, const seq_data *in, const seq_grads *gr, const void *ws, int64_t k,
                          char *scratch, const void **dh) {
    int64_t B = d->B, H = d->H, P = d->P, t = step_time(d, k);
    char *hraw = scratch, *dhr = AT(hraw, B * H, d), *step = AT(dhr, B * H, d);
    if (gr->w_hr) {
        lstm_hraw(d, CAT(ws, t * B * d->A, d), hraw);
        if (!mm_tn(d->f64, B, P, H, *dh, hraw, step)) return false;
        accum(d->f64, P * H, k == d->T - 1, gr->w_hr, step);
    }
    if (!mm_nn(d->f64, B, P, H, *dh, in->w_hr, dhr)) return false;
    *dh = dhr;
    return true;
}

static bool seq_backward(const seq_dims *d, const seq_data *in, const void *ws, const void *gout, const void *ghT,
                         const void *gcT, const seq_grads *gr) {
    int64_t T = d->T, B = d->B, H = d->H, P = d->P, G = d->G, acts = T * B * d->A;
    bool gru = d->mode == RNN_GRU;
    char *tmp = malloc((size_t)((T * B * G + B * G + 2 * B * P + 2 * B * H + G * P + G + 2 * B * H + P * H + 1) * ES(d)));
    if (!tmp) return wk_rt_err(WK_ERR_OOM, "rnn: out of memory");
    char *dgi = tmp, *dgh_gru = AT(dgi, T * B * G, d), *dh = AT(dgh_gru, B * G, d), *dmm = AT(dh, B * P, d);
    char *dc = AT(dmm, B * P, d), *dsub = AT(dc, B * H, d), *stepw = AT(dsub, B * H, d), *stepb = AT(stepw, G * P, d);
    char *scratch = AT(stepb, G, d);
    bool ok = true;
    if (gcT) memcpy(dc, gcT, (size_t)(B * H * ES(d)));
    for (int64_t k = T - 1; ok && k >= 0; k--) {
        int64_t t = step_time(d, k), cs;
        bool last = k == T - 1;
        const void *hp, *cp, *dhv = dh;
        step_prev(d, in, ws, k, &hp, &cp, &cs);
        add3(d->f64, B * P, CAT(gout, t * B * P, d), gru && !last ? dsub : NULL, last ? ghT : dmm, dh);
        if (in->w_hr && !(ok = proj_backward(d, in, gr, ws, k, scratch, &dhv))) break;
        char *dgh = gru ? dgh_gru : AT(dgi, t * B * G, d);
        cell_io io = {B, H, d->mode == RNN_LSTM ? cs : P, d->A, P, NULL, NULL, d->mode == RNN_LSTM ? cp : hp,
                      (void *)CAT(ws, t * B * d->A, d), (void *)CAT(ws, acts + t * B * P, d)};
        cell_grad cg = {dhv, dc, dsub, AT(dgi, t * B * G, d), dgh};
        cell_backward(d->mode, d->f64, &io, &cg);
        if (gr->w_hh && (ok = mm_tn(d->f64, B, G, P, dgh, hp, stepw)))
            accum(d->f64, G * P, last, gr->w_hh, stepw);
        if (gr->b_hh) {
            sum_rows(d->f64, B, G, dgh, stepb);
            accum(d->f64, G, last, gr->b_hh, stepb);
        }
        ok = ok && mm_nn(d->f64, B, G, P, dgh, in->w_hh, dmm);
    }
    if (gr->h0 && gru) add3(d->f64, B * P, dsub, NULL, dmm, gr->h0);
    else if (gr->h0) memcpy(gr->h0, dmm, (size_t)(B * P * ES(d)));
    if (gr->c0) memcpy(gr->c0, dc, (size_t)(B * H * ES(d)));
    if (ok && gr->x) ok = mm_nn(d->f64, T * B, G, d->I, dgi, in->w_ih, gr->x);
    if (ok && gr->w_ih) ok = mm_tn(d->f64, T * B, G, d->I, dgi, in->x, gr->w_ih);
    if (ok && gr->b_ih) sum_rows(d->f64, T * B, G, dgi, gr->b_ih);
    free(tmp);
    return ok;
}

/* ================================================================== the autograd node */
/* One node covers a layer and direction over the whole sequence. Inputs (edges): */
enum { IN_X, IN_H0, IN_C0, IN_WIH, IN_WHH, IN_BIH, IN_BHH, IN_WHR, N_IN };
/* Saved slots: x, h0, c0, w_ih, w_hh, w_hr (contiguous data; NULL where absent), workspace. */
enum { SV_X, SV_H0, SV_C0, SV_WIH, SV_WHH, SV_WHR, SV_WS, N_SV };
static const int g_saved_input[N_SV - 1] = {IN_X, IN_H0, IN_C0, IN_WIH, IN_WHH, IN_WHR};

static void dims_store(wk_node *n, const seq_dims *d) {
    int64_t v[] = {d->mode, d->f64, d->rev, d->T, d->B, d->I, d->H, d->P, d->G, d->A};
    memcpy(n->iv, v, sizeof v);
}

static seq_dims dims_load(const wk_node *n) {
    const int64_t *v = n->iv;
    seq_dims d = {(rnn_mode)v[0], v[1] != 0, v[2] != 0, v[3], v[4], v[5], v[6], v[7], v[8], v[9]};
    return d;
}

static void *data_or_null(wk_tensor *t) { return t ? wk_tensor_data(t) : NULL; }

static bool bw_seq(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    if (wk_grad_recording())
        return wk_rt_err(WK_ERR_NOTIMPL, "double backward (create_graph=True) through the fused CPU LSTM/GRU/RNN "
                         "is not implemented");
    seq_dims d = dims_load(n);
    bool lstm = d.mode == RNN_LSTM, proj = n->next[IN_WHR].fn || n->iv[10];
    wk_tensor *sv[N_SV];
    for (int i = 0; i < N_SV; i++) {
        bool present = i == SV_WS || (i == SV_C0 ? lstm : i == SV_WHR ? proj : true);
        sv[i] = present ? wk_ag_saved(n, i) : NULL;
        if (present && !sv[i]) return false;
    }
    wk_tensor *go[3] = {wk_tensor_contiguous(g[0]), wk_tensor_contiguous(g[1]), lstm ? wk_tensor_contiguous(g[2]) : NULL};
    bool ok = go[0] && go[1] && (!lstm || go[2]);
    for (int i = 0; ok && i < N_IN; i++) {
        gin[i] = n->next[i].fn ? wk_nn_grad_like(n, i, false) : NULL;
        ok = !n->next[i].fn || gin[i];
    }
    if (ok) {
        seq_data in = {wk_tensor_data(sv[SV_X]), wk_tensor_data(sv[SV_WIH]), wk_tensor_data(sv[SV_WHH]), NULL, NULL,
                       data_or_null(sv[SV_WHR]), wk_tensor_data(sv[SV_H0]), data_or_null(sv[SV_C0])};
        seq_grads gr;
        void **slot[N_IN] = {&gr.x, &gr.h0, &gr.c0, &gr.w_ih, &gr.w_hh, &gr.b_ih, &gr.b_hh, &gr.w_hr};
        for (int i = 0; i < N_IN; i++) *slot[i] = data_or_null(gin[i]);
        ok = seq_backward(&d, &in, wk_tensor_data(sv[SV_WS]), wk_tensor_data(go[0]), wk_tensor_data(go[1]),
                          data_or_null(go[2]), &gr);
    }
    for (int i = 0; i < 3; i++) wk_tensor_decref(go[i]);
    if (!ok)
        for (int i = 0; i < N_IN; i++) { wk_tensor_decref(gin[i]); gin[i] = NULL; }
    return ok;
}

/* Records the node for outputs res[0..n_out) of a forward over the inputs orig (contiguous
 * copies in ct). */
static bool seq_record(const char *name, const seq_dims *d, wk_tensor *const *orig, wk_tensor *const *ct,
                       wk_tensor *ws, wk_tensor *const *res) {
    int n_out = d->mode == RNN_LSTM ? 3 : 2;
    wk_node *n = wk_ag_node(name, bw_seq, N_IN, orig, n_out);
    if (!n) return false;
    dims_store(n, d);
    n->iv[10] = orig[IN_WHR] != NULL;
    for (int i = 0; i < n_out; i++) wk_ag_set_output(n, i, res[i]);
    for (int i = 0; i < N_SV - 1; i++) wk_ag_save(n, ct[g_saved_input[i]]);
    wk_ag_save(n, ws);
    wk_node_decref(n);
    return true;
}

/* One layer and direction over x (T, B, I). p: w_ih, w_hh, b_ih, b_hh, w_hr (NULL when absent);
 * h0 (B, P), c0 (B, H) (LSTM). res: out (T, B, P), h_T (B, P), c_T (B, H) (LSTM). */
static bool seq_op(rnn_mode mode, const char *name, wk_tensor *x, wk_tensor *const *p, wk_tensor *h0, wk_tensor *c0,
                   bool rev, wk_tensor **res) {
    wk_tensor *orig[N_IN] = {x, h0, c0, p[0], p[1], p[2], p[3], p[4]}, *ct[N_IN] = {0}, *ws = NULL;
    bool ok = true;
    for (int i = 0; i < N_IN; i++)
        if (orig[i]) ok = (ct[i] = wk_tensor_contiguous(orig[i])) != NULL && ok;
    int64_t G = p[1]->shape[0], H = G / g_gates[mode], P = p[1]->shape[1];
    seq_dims d = {mode, x->dtype == WK_DT_F64, rev, x->shape[0], x->shape[1], x->shape[2], H, P, G, g_saved[mode] * H};
    int64_t so[3] = {d.T, d.B, P}, sh[2] = {d.B, P}, sc[2] = {d.B, H}, sw = d.T * d.B * (d.A + P);
    res[0] = ok ? wk_tensor_empty(3, so, x->dtype, WK_CPU) : NULL;
    res[1] = ok ? wk_tensor_empty(2, sh, x->dtype, WK_CPU) : NULL;
    res[2] = ok && mode == RNN_LSTM ? wk_tensor_empty(2, sc, x->dtype, WK_CPU) : NULL;
    ws = ok ? wk_tensor_empty(1, &sw, x->dtype, WK_CPU) : NULL;
    ok = ok && res[0] && res[1] && (mode != RNN_LSTM || res[2]) && ws;
    if (ok) {
        seq_data in;
        const void **slot[N_IN] = {&in.x, &in.h0, &in.c0, &in.w_ih, &in.w_hh, &in.b_ih, &in.b_hh, &in.w_hr};
        for (int i = 0; i < N_IN; i++) *slot[i] = data_or_null(ct[i]);
        ok = seq_forward(&d, &in, wk_tensor_data(res[0]), wk_tensor_data(res[1]), data_or_null(res[2]),
                         wk_tensor_data(ws));
    }
    if (ok && wk_ag_needs(N_IN, orig)) ok = seq_record(name, &d, orig, ct, ws, res);
    for (int i = 0; i < N_IN; i++) wk_tensor_decref(ct[i]);
    wk_tensor_decref(ws);
    if (!ok)
        for (int i = 0; i < 3; i++) { wk_tensor_decref(res[i]); res[i] = NULL; }
    return ok;
}

/* ================================================================== checks */
static const char *mode_name(rnn_mode m) { return m == RNN_LSTM ? "lstm" : m == RNN_GRU ? "gru" : "rnn"; }

/* Same dtype (float32/float64) and device for x and the tensors ts (NULLs skipped). */
static bool same_kind(rnn_mode mode, wk_tensor *x, int n, wk_tensor *const *ts) {
    for (int i = 0; i < n; i++) {
        if (!ts[i]) continue;
        wk_tensor *pair[2] = {x, ts[i]};
        if (!wk_ops_same_device(2, pair)) return false;
        if (ts[i]->dtype != x->dtype) return wk_rt_err(WK_ERR_RUNTIME, "mat1 and mat2 must have the same dtype");
    }
    return wk_nn_check_float(x, mode_name(mode));
}

static bool shape_is(const wk_tensor *t, int nd, int64_t a, int64_t b) {
    return t->ndim == nd && t->shape[0] == a && (nd == 1 || t->shape[1] == b);
}

/* p: w_ih, w_hh, b_ih, b_hh, w_hr of one layer and direction reading inputs of size in. */
static bool params_check(rnn_mode mode, wk_tensor *const *p, int64_t in, int64_t G, int64_t P, int64_t H) {
    bool ok = shape_is(p[0], 2, G, in) && shape_is(p[1], 2, G, P) && (!p[2] || shape_is(p[2], 1, G, 0)) &&
              (!p[3] || shape_is(p[3], 1, G, 0)) && (!p[4] || shape_is(p[4], 2, P, H));
    if (ok) return true;
    char a[64], b[64];
    return wk_rt_err(WK_ERR_RUNTIME, "%s: parameter shapes %s and %s do not match input size %lld and hidden size %lld",
                     mode_name(mode), wk_nn_shape(a, sizeof a, p[0]), wk_nn_shape(b, sizeof b, p[1]), (long long)in,
                     (long long)H);
}

/* ================================================================== sequence drivers */
typedef struct rnn_cfg {
    rnn_mode mode;
    bool biases, proj, train;
    int64_t layers, dirs;
    double dropout;
} rnn_cfg;

static int64_t cfg_per(const rnn_cfg *c) { return (c->biases ? 4 : 2) + (c->proj ? 1 : 0); }

/* The parameters of layer-direction k in seq_op's order. */
static void layer_params(const rnn_cfg *c, wk_tensor *const *params, int64_t k, wk_tensor **p) {
    wk_tensor *const *q = params + k * cfg_per(c);
    p[0] = q[0];
    p[1] = q[1];
    p[2] = c->biases ? q[2] : NULL;
    p[3] = c->biases ? q[3] : NULL;
    p[4] = c->proj ? q[c->biases ? 4 : 2] : NULL;
}

static bool rnn_checks(rnn_cfg *cfg, wk_tensor *x, wk_tensor *hx, wk_tensor *cx, int n_params,
                       wk_tensor *const *params) {
    int64_t LD = cfg->layers * cfg->dirs, base = cfg->biases ? 4 : 2;
    cfg->proj = cfg->mode == RNN_LSTM && n_params == LD * (base + 1);
    if (LD <= 0 || n_params != LD * cfg_per(cfg))
        return wk_rt_err(WK_ERR_RUNTIME, "%s: expected %lld parameter tensors, got %d", mode_name(cfg->mode),
                         (long long)(LD * base), n_params);
    if (x->ndim != 3) return wk_rt_err(WK_ERR_RUNTIME, "input must have 3 dimensions, got %d", x->ndim);
    if (x->shape[0] == 0) return wk_rt_err(WK_ERR_RUNTIME, "Expected sequence length to be larger than 0 in RNN");
    if (!same_kind(cfg->mode, x, n_params, params) || !same_kind(cfg->mode, x, 1, &hx) || !same_kind(cfg->mode, x, 1, &cx))
        return false;
    int64_t G = params[1]->ndim == 2 ? params[1]->shape[0] : 0, H = G / g_gates[cfg->mode];
    int64_t P = params[1]->ndim == 2 ? params[1]->shape[1] : 0;
    if (params[1]->ndim != 2 || G % g_gates[cfg->mode])
        return wk_rt_err(WK_ERR_RUNTIME, "%s: weight_hh must have %lld * hidden_size rows", mode_name(cfg->mode),
                         (long long)g_gates[cfg->mode]);
    for (int64_t k = 0; k < LD; k++) {
        wk_tensor *p[5];
        layer_params(cfg, params, k, p);
        if (!params_check(cfg->mode, p, k < cfg->dirs ? x->shape[2] : P * cfg->dirs, G, P, H)) return false;
    }
    if (hx && !(hx->ndim == 3 && hx->shape[0] == LD && hx->shape[1] == x->shape[1] && hx->shape[2] == P))
        return wk_rt_err(WK_ERR_RUNTIME, "Expected hidden size (%lld, %lld, %lld), got a different shape", (long long)LD,
                         (long long)x->shape[1], (long long)P);
    if (cx && !(cx->ndim == 3 && cx->shape[0] == LD && cx->shape[1] == x->shape[1] && cx->shape[2] == H))
        return wk_rt_err(WK_ERR_RUNTIME, "Expected cell size (%lld, %lld, %lld), got a different shape", (long long)LD,
                         (long long)x->shape[1], (long long)H);
    return true;
}

/* Initial state slice k of hx (L*D, B, n), or zeros. */
static wk_tensor *state0(wk_tensor *hx, int64_t k, const wk_tensor *x, int64_t n) {
    if (hx) return wk_op_select(hx, 0, k);
    int64_t sh[2] = {x->shape[1], n};
    return wk_tensor_zeros(2, sh, x->dtype, wk_tensor_device(x));
}

/* One layer (both directions) on layer_in: *lo is its output; h/c finals into hs/cs[k]. */
static bool run_layer(const rnn_cfg *cfg, int64_t l, wk_tensor *layer_in, wk_tensor *hx, wk_tensor *cx,
                      wk_tensor *const *params, wk_tensor **hs, wk_tensor **cs, wk_tensor **lo) {
    wk_tensor *outs[2] = {NULL, NULL};
    bool ok = true;
    for (int64_t d = 0; ok && d < cfg->dirs; d++) {
        int64_t k = l * cfg->dirs + d;
        wk_tensor *p[5], *res[3] = {NULL, NULL, NULL};
        layer_params(cfg, params, k, p);
        int64_t G = p[1]->shape[0], H = G / g_gates[cfg->mode], P = p[1]->shape[1];
        wk_tensor *h0 = state0(hx, k, layer_in, P), *c0 = cfg->mode == RNN_LSTM ? state0(cx, k, layer_in, H) : NULL;
        ok = h0 && (cfg->mode != RNN_LSTM || c0) && seq_op(cfg->mode, "StackBackward0", layer_in, p, h0, c0, d == 1, res);
        wk_tensor_decref(h0);
        wk_tensor_decref(c0);
        outs[d] = res[0];
        hs[k] = res[1];
        cs[k] = res[2];
    }
    *lo = !ok ? NULL : cfg->dirs == 2 ? wk_op_cat(2, outs, 2) : wk_tensor_incref(outs[0]);
    wk_tensor_decref(outs[0]);
    wk_tensor_decref(outs[1]);
    if (*lo && cfg->dropout > 0 && cfg->train && l + 1 < cfg->layers) {
        wk_tensor *dr = wk_op_dropout(*lo, cfg->dropout, true);
        wk_tensor_decref(*lo);
        *lo = dr;
    }
    return *lo != NULL;
}

/* The whole stack on x (T, B, I); *hn and *cn (LSTM) are stacked over layers*dirs. */
static bool run_stack(const rnn_cfg *cfg, wk_tensor *x, wk_tensor *hx, wk_tensor *cx, wk_tensor *const *params,
                      wk_tensor **output, wk_tensor **hn, wk_tensor **cn) {
    int64_t LD = cfg->layers * cfg->dirs;
    wk_tensor **hs = calloc((size_t)LD, sizeof *hs), **cs = calloc((size_t)LD, sizeof *cs);
    wk_tensor *layer_in = wk_tensor_incref(x);
    bool ok = hs && cs;
    if (!ok) wk_rt_err(WK_ERR_OOM, "rnn: out of memory");
    for (int64_t l = 0; ok && l < cfg->layers; l++) {
        wk_tensor *lo = NULL;
        ok = run_layer(cfg, l, layer_in, hx, cx, params, hs, cs, &lo);
        wk_tensor_decref(layer_in);
        layer_in = lo;
    }
    *output = ok ? layer_in : NULL;
    if (!ok) wk_tensor_decref(layer_in);
    *hn = ok ? wk_op_stack((int)LD, hs, 0) : NULL;
    if (cn) *cn = ok ? wk_op_stack((int)LD, cs, 0) : NULL;
    for (int64_t k = 0; hs && cs && k < LD; k++) { wk_tensor_decref(hs[k]); wk_tensor_decref(cs[k]); }
    free(hs);
    free(cs);
    ok = ok && *hn && (!cn || *cn);
    if (!ok) {
        wk_tensor_decref(*output); *output = NULL;
        wk_tensor_decref(*hn); *hn = NULL;
        if (cn) { wk_tensor_decref(*cn); *cn = NULL; }
    }
    return ok;
}

/* Layout adapters: batch_first and unbatched inputs around run_stack. */
static bool rnn_entry(rnn_cfg *cfg, wk_tensor *input, wk_tensor *hx, wk_tensor *cx, int n_params,
                      wk_tensor *const *params, bool batch_first, wk_tensor **output, wk_tensor **hn, wk_tensor **cn) {
    bool unbatched = input->ndim == 2;
    wk_tensor *x = unbatched ? wk_op_unsqueeze(input, 1) : batch_first ? wk_op_transpose(input, 0, 1) : wk_tensor_incref(input);
    wk_tensor *h = hx && unbatched ? wk_op_unsqueeze(hx, 1) : (hx ? wk_tensor_incref(hx) : NULL);
    wk_tensor *c = cx && unbatched ? wk_op_unsqueeze(cx, 1) : (cx ? wk_tensor_incref(cx) : NULL);
    wk_tensor *o = NULL, *hs = NULL, *cs = NULL;
    bool ok = x && (!hx || h) && (!cx || c) && rnn_checks(cfg, x, h, c, n_params, params) &&
              run_stack(cfg, x, h, c, params, &o, &hs, cn ? &cs : NULL);
    wk_tensor_decref(x); wk_tensor_decref(h); wk_tensor_decref(c);
    if (!ok) return false;
    if (unbatched || batch_first) {
        wk_tensor *o2 = unbatched ? wk_op_squeeze_dim(o, 1) : wk_op_transpose(o, 0, 1);
        wk_tensor_decref(o);
        o = o2;
    }
    if (unbatched) {
        wk_tensor *h2 = wk_op_squeeze_dim(hs, 1), *c2 = cs ? wk_op_squeeze_dim(cs, 1) : NULL;
        wk_tensor_decref(hs); wk_tensor_decref(cs);
        hs = h2;
        cs = c2;
    }
    *output = o;
    *hn = hs;
    if (cn) *cn = cs;
    return o && hs && (!cn || cs);
}

bool wk_op_lstm(wk_tensor *input, wk_tensor *hx, wk_tensor *cx, int n_params, wk_tensor *const *params,
                bool has_biases, int64_t num_layers, double dropout, bool train, bool bidirectional,
                bool batch_first, wk_tensor **output, wk_tensor **h_n, wk_tensor **c_n) {
    rnn_cfg cfg = {RNN_LSTM, has_biases, false, train, num_layers, bidirectional ? 2 : 1, dropout};
    return rnn_entry(&cfg, input, hx, cx, n_params, params, batch_first, output, h_n, c_n);
}

bool wk_op_gru(wk_tensor *input, wk_tensor *hx, int n_params, wk_tensor *const *params, bool has_biases,
               int64_t num_layers, double dropout, bool train, bool bidirectional, bool batch_first,
               wk_tensor **output, wk_tensor **h_n) {
    rnn_cfg cfg = {RNN_GRU, has_biases, false, train, num_layers, bidirectional ? 2 : 1, dropout};
    return rnn_entry(&cfg, input, hx, NULL, n_params, params, batch_first, output, h_n, NULL);
}

bool wk_op_rnn(wk_tensor *input, wk_tensor *hx, int n_params, wk_tensor *const *params, bool has_biases,
               int64_t num_layers, double dropout, bool train, bool bidirectional, bool batch_first, bool relu,
               wk_tensor **output, wk_tensor **h_n) {
    rnn_cfg cfg = {relu ? RNN_RELU : RNN_TANH, has_biases, false, train, num_layers, bidirectional ? 2 : 1, dropout};
    return rnn_entry(&cfg, input, hx, NULL, n_params, params, batch_first, output, h_n, NULL);
}

/* ================================================================== single cells */
static bool cell_checks(rnn_mode mode, wk_tensor *x, wk_tensor *h, wk_tensor *const *p) {
    wk_tensor *const ts[5] = {h, p[0], p[1], p[2], p[3]};
    if (!same_kind(mode, x, 5, ts)) return false;
    int64_t gates = g_gates[mode];
    if (x->ndim != 2 || h->ndim != 2 || x->shape[0] != h->shape[0])
        return wk_rt_err(WK_ERR_RUNTIME, "Expected input and hidden state to be 2-D with the same batch size");
    if (p[1]->ndim != 2 || p[1]->shape[0] != gates * h->shape[1] || p[1]->shape[1] != h->shape[1])
        return wk_rt_err(WK_ERR_RUNTIME, "hidden0 has inconsistent hidden_size: got %lld, expected %lld",
                         (long long)h->shape[1], (long long)(p[1]->ndim == 2 ? p[1]->shape[1] : -1));
    if (p[0]->ndim != 2 || p[0]->shape[0] != p[1]->shape[0] || p[0]->shape[1] != x->shape[1])
        return wk_rt_err(WK_ERR_RUNTIME, "input has inconsistent input_size: got %lld expected %lld", (long long)x->shape[1],
                         (long long)(p[0]->ndim == 2 ? p[0]->shape[1] : -1));
    return params_check(mode, p, x->shape[1], p[1]->shape[0], h->shape[1], h->shape[1]);
}

/* A one-step sequence: res as seq_op's. */
static bool cell_op(rnn_mode mode, const char *name, wk_tensor *input, wk_tensor *hx, wk_tensor *cx,
                    wk_tensor *const *p, wk_tensor **res) {
    res[0] = res[1] = res[2] = NULL;
    if (!cell_checks(mode, input, hx, p)) return false;
    wk_tensor *x = wk_op_unsqueeze(input, 0);
    bool ok = x && seq_op(mode, name, x, p, hx, cx, false, res);
    wk_tensor_decref(x);
    return ok;
}

bool wk_op_lstm_cell(wk_tensor *input, wk_tensor *hx, wk_tensor *cx, wk_tensor *w_ih, wk_tensor *w_hh,
                     wk_tensor *b_ih, wk_tensor *b_hh, wk_tensor **h, wk_tensor **c) {
    wk_tensor *p[5] = {w_ih, w_hh, b_ih, b_hh, NULL}, *res[3];
    if (!wk_same_shape(hx, cx)) return wk_rt_err(WK_ERR_RUNTIME, "hx and cx must have the same shape");
    bool ok = cell_op(RNN_LSTM, "MulBackward0", input, hx, cx, p, res);
    wk_tensor_decref(res[0]);
    *h = res[1];
    *c = res[2];
    return ok;
}

wk_tensor *wk_op_gru_cell(wk_tensor *input, wk_tensor *hx, wk_tensor *w_ih, wk_tensor *w_hh,
                          wk_tensor *b_ih, wk_tensor *b_hh) {
    wk_tensor *p[5] = {w_ih, w_hh, b_ih, b_hh, NULL}, *res[3];
    cell_op(RNN_GRU, "AddBackward0", input, hx, NULL, p, res);
    wk_tensor_decref(res[0]);
    return res[1];
}
