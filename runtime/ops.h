/* ops.h — the differentiable tensor op layer (promotion, broadcasting, checks, dispatch, autograd) called by the torch bindings. */
#ifndef WK_OPS_H
#define WK_OPS_H
#include "backend.h"
#include "tensor.h"

/* Conventions
 * - Every op returns a NEW reference (or NULL with the runtime error pending, see error.h).
 *   In-place ops (`name_`) return bool and modify `self` (the bindings return self).
 * - Ops never steal references to their arguments.
 * - Operands that PyTorch accepts as Python numbers are `wk_val`: a tensor or a wrapped scalar
 *   (wrapped scalars take part in type promotion as "wrapped numbers").
 * - Results record autograd history (grad_fn, see autograd.h) when grad mode is on and an
 *   input requires grad.
 * - dims lists: (dims, ndims); ndims == 0 (or dims == NULL) means "all dims" (dim=None).
 * - dtype options: WK_NO_DTYPE means "not given". */

typedef struct wk_val {
    wk_tensor *t;  /* NULL: the operand is the scalar s */
    wk_scalar s;
} wk_val;
static inline wk_val wk_vt(wk_tensor *t) { wk_val v = {t, {WK_SCALAR_INT, {.i = 0}}}; return v; }
static inline wk_val wk_vs(wk_scalar s) { wk_val v = {NULL, s}; return v; }
static inline wk_val wk_vi(int64_t i) { return wk_vs(wk_scalar_int(i)); }
static inline wk_val wk_vf(double f) { return wk_vs(wk_scalar_float(f)); }

#define WK_NO_DTYPE ((int)-1)

/* ------------------------------------------------------------------ elementwise binary */
typedef enum wk_binop {
    WK_OP_ADD, WK_OP_SUB, WK_OP_MUL,
    WK_OP_DIV,          /* true division (ints -> default float) */
    WK_OP_DIV_TRUNC,    /* div(rounding_mode='trunc') */
    WK_OP_DIV_FLOOR,    /* div(rounding_mode='floor') == floor_divide */
    WK_OP_REMAINDER, WK_OP_FMOD, WK_OP_POW, WK_OP_MAXIMUM, WK_OP_MINIMUM, WK_OP_ATAN2,
    WK_OP_BITAND, WK_OP_BITOR, WK_OP_BITXOR,       /* also `&`, `|`, `^` on bool tensors */
    WK_OP_EQ, WK_OP_NE, WK_OP_LT, WK_OP_LE, WK_OP_GT, WK_OP_GE,   /* -> bool */
    WK_OP_LOGICAL_AND, WK_OP_LOGICAL_OR, WK_OP_LOGICAL_XOR,        /* -> bool */
    WK_OP_NBINOPS
} wk_binop;

/* out = a <op> b with promotion and broadcasting. For `1 - x` pass (scalar, tensor): the
 * scalar may be on either side (reverse ops: rsub, rtruediv, rpow, ...). */
wk_tensor *wk_op_binary(wk_binop op, wk_val a, wk_val b);
/* self <op>= b: result type must be castable to self's dtype
 * ("result type Float can't be cast to the desired output type Long"); self is not broadcast. */
bool wk_op_binary_(wk_binop op, wk_tensor *self, wk_val b);
/* a + alpha*b, a - alpha*b (alpha: "For integral input tensors, argument alpha must not be a
 * floating point number." etc.). */
wk_tensor *wk_op_add(wk_val a, wk_val b, wk_scalar alpha);
wk_tensor *wk_op_sub(wk_val a, wk_val b, wk_scalar alpha);
bool wk_op_add_(wk_tensor *self, wk_val b, wk_scalar alpha);
bool wk_op_sub_(wk_tensor *self, wk_val b, wk_scalar alpha);
/* rounding_mode: NULL (true division), "trunc" or "floor" (others: PyTorch's ValueError). */
wk_tensor *wk_op_div(wk_val a, wk_val b, const char *rounding_mode);
bool wk_op_div_(wk_tensor *self, wk_val b, const char *rounding_mode);

/* ------------------------------------------------------------------ elementwise unary */
/* Non-parameterised ops of backend.h's wk_unary_op (NEG ... BITWISE_NOT, ISNAN ...). Float-only
 * math (exp, log, sin, sigmoid, ...) on integer/bool input computes in the default float type;
 * abs/neg/sign/relu/floor/ceil/round/trunc keep the dtype; logical_not and is* give bool. */
wk_tensor *wk_op_unary(wk_unary_op op, wk_tensor *a);
bool wk_op_unary_(wk_unary_op op, wk_tensor *self);
/* clamp/clip: min/max NULL = None (both NULL: "torch.clamp: At least one of 'min' or 'max'
 * must not be None"); each bound a scalar or a tensor (broadcast). */
wk_tensor *wk_op_clamp(wk_tensor *a, const wk_val *min, const wk_val *max);
bool wk_op_clamp_(wk_tensor *self, const wk_val *min, const wk_val *max);
wk_tensor *wk_op_round(wk_tensor *a, int64_t decimals);
wk_tensor *wk_op_leaky_relu(wk_tensor *a, double slope);
wk_tensor *wk_op_elu(wk_tensor *a, double alpha);
wk_tensor *wk_op_softplus(wk_tensor *a, double beta, double threshold);

/* ------------------------------------------------------------------ ternary, fills, masks */
/* where(cond, a, b); cond is bool (uint8 accepted as PyTorch does). */
wk_tensor *wk_op_where(wk_tensor *cond, wk_val a, wk_val b);
/* start + weight*(end - start); weight scalar or tensor. */
wk_tensor *wk_op_lerp(wk_tensor *start, wk_tensor *end, wk_val weight);
/* self + value*t1*t2 (div: self + value*t1/t2) in one kernel with PyTorch's rounding; all
 * three of one floating dtype, no autograd recorded (the caller checks). */
wk_tensor *wk_op_addc_fused(wk_tensor *self, wk_tensor *t1, wk_tensor *t2, double value, bool div);
wk_tensor *wk_op_masked_fill(wk_tensor *a, wk_tensor *mask, wk_val value);  /* value: 0-dim tensor or scalar */
bool wk_op_masked_fill_(wk_tensor *self, wk_tensor *mask, wk_val value);
bool wk_op_zero_(wk_tensor *self);
bool wk_op_fill_(wk_tensor *self, wk_val value);  /* value: scalar or 0-dim tensor */
/* self.copy_(src): src broadcast to self, dtype and device converted; differentiable. */
bool wk_op_copy_(wk_tensor *self, wk_tensor *src);

/* ------------------------------------------------------------------ linear algebra */
wk_tensor *wk_op_matmul(wk_tensor *a, wk_tensor *b);   /* every 1-D/2-D/batched case */
wk_tensor *wk_op_mm(wk_tensor *a, wk_tensor *b);
wk_tensor *wk_op_bmm(wk_tensor *a, wk_tensor *b);
wk_tensor *wk_op_mv(wk_tensor *a, wk_tensor *v);
wk_tensor *wk_op_dot(wk_tensor *a, wk_tensor *b);
wk_tensor *wk_op_outer(wk_tensor *a, wk_tensor *b);
/* beta*self + alpha*(m1 @ m2), self broadcast to the result (nn.Linear with bias). */
wk_tensor *wk_op_addmm(wk_tensor *self, wk_tensor *m1, wk_tensor *m2, wk_scalar beta, wk_scalar alpha);
/* torch.einsum(equation, *operands): explicit or implicit output, "..." broadcasting. */
wk_tensor *wk_op_einsum(const char *equation, int n, wk_tensor *const *operands);
wk_tensor *wk_op_triu(wk_tensor *a, int64_t diagonal);
wk_tensor *wk_op_tril(wk_tensor *a, int64_t diagonal);

/* ------------------------------------------------------------------ reductions */
/* dtype: WK_NO_DTYPE, or the accumulation/result dtype (sum of ints/bools gives int64). */
wk_tensor *wk_op_sum(wk_tensor *a, const int64_t *dims, int ndims, bool keepdim, int dtype);
wk_tensor *wk_op_mean(wk_tensor *a, const int64_t *dims, int ndims, bool keepdim, int dtype);
wk_tensor *wk_op_prod(wk_tensor *a, const int64_t *dim /* NULL = all */, bool keepdim, int dtype);
/* correction: unbiased=True is 1, False is 0. */
wk_tensor *wk_op_var(wk_tensor *a, const int64_t *dims, int ndims, double correction, bool keepdim);
wk_tensor *wk_op_std(wk_tensor *a, const int64_t *dims, int ndims, double correction, bool keepdim);
/* Vector p-norm (p may be INFINITY / -INFINITY / 0). */
wk_tensor *wk_op_norm(wk_tensor *a, double p, const int64_t *dims, int ndims, bool keepdim);
wk_tensor *wk_op_logsumexp(wk_tensor *a, const int64_t *dims, int ndims, bool keepdim);
wk_tensor *wk_op_all(wk_tensor *a, const int64_t *dims, int ndims, bool keepdim);
wk_tensor *wk_op_any(wk_tensor *a, const int64_t *dims, int ndims, bool keepdim);
wk_tensor *wk_op_amax(wk_tensor *a, const int64_t *dims, int ndims, bool keepdim);
wk_tensor *wk_op_amin(wk_tensor *a, const int64_t *dims, int ndims, bool keepdim);
/* Whole-tensor max/min (0-dim result; empty input is PyTorch's error). */
wk_tensor *wk_op_max(wk_tensor *a);
wk_tensor *wk_op_min(wk_tensor *a);
/* Per-dim max/min: torch.return_types.max(values, indices). */
bool wk_op_max_dim(wk_tensor *a, int64_t dim, bool keepdim, wk_tensor **values, wk_tensor **indices);
bool wk_op_min_dim(wk_tensor *a, int64_t dim, bool keepdim, wk_tensor **values, wk_tensor **indices);
/* dim NULL: over the flattened tensor. */
wk_tensor *wk_op_argmax(wk_tensor *a, const int64_t *dim, bool keepdim);
wk_tensor *wk_op_argmin(wk_tensor *a, const int64_t *dim, bool keepdim);
wk_tensor *wk_op_cumsum(wk_tensor *a, int64_t dim, int dtype);
wk_tensor *wk_op_cumprod(wk_tensor *a, int64_t dim, int dtype);
wk_tensor *wk_op_softmax(wk_tensor *a, int64_t dim, int dtype);
wk_tensor *wk_op_log_softmax(wk_tensor *a, int64_t dim, int dtype);
bool wk_op_topk(wk_tensor *a, int64_t k, int64_t dim, bool largest, bool sorted,
                wk_tensor **values, wk_tensor **indices);
bool wk_op_sort(wk_tensor *a, int64_t dim, bool descending, bool stable,
                wk_tensor **values, wk_tensor **indices);
wk_tensor *wk_op_argsort(wk_tensor *a, int64_t dim, bool descending, bool stable);
/* torch.unique(sorted=True): inverse/counts may be NULL when not wanted. dim=None only. */
bool wk_op_unique(wk_tensor *a, bool return_inverse, bool return_counts, wk_tensor **out,
                  wk_tensor **inverse, wk_tensor **counts);

/* Order statistics (ops_select.c, CPU only). median: the lower median (NaN if any); per dim the
 * (value, index) PyTorch picks among ties. cummax/cummin: torch.return_types values/indices. */
wk_tensor *wk_op_median(wk_tensor *a);
bool wk_op_median_dim(wk_tensor *a, int64_t dim, bool keepdim, wk_tensor **values, wk_tensor **indices);
bool wk_op_cummax(wk_tensor *a, int64_t dim, wk_tensor **values, wk_tensor **indices);
bool wk_op_cummin(wk_tensor *a, int64_t dim, wk_tensor **values, wk_tensor **indices);
/* dim=None only; inverse has a's shape. */
bool wk_op_unique_consecutive(wk_tensor *a, bool return_inverse, bool return_counts, wk_tensor **out,
                              wk_tensor **inverse, wk_tensor **counts);
/* Autograd of ops whose result elements are elements of a (ops_reduce.c): picked at idx along dim
 * (the gradient is scattered back), or one value of the whole tensor (shared evenly among ties). */
void wk_op_record_indexed(wk_tensor *vals, wk_tensor *idx, wk_tensor *a, const char *name, int dim, bool keepdim);
void wk_op_record_pick(wk_tensor *out, wk_tensor *a, const char *name);

/* ------------------------------------------------------------------ shapes and views */
/* Same semantics and errors as the tensor.h functions, plus autograd (ViewBackward0, ...). */
wk_tensor *wk_op_view(wk_tensor *a, int ndim, const int64_t *shape);
wk_tensor *wk_op_reshape(wk_tensor *a, int ndim, const int64_t *shape);
wk_tensor *wk_op_permute(wk_tensor *a, const int64_t *dims);
wk_tensor *wk_op_transpose(wk_tensor *a, int64_t d0, int64_t d1);
wk_tensor *wk_op_t(wk_tensor *a);
wk_tensor *wk_op_squeeze(wk_tensor *a);
wk_tensor *wk_op_squeeze_dim(wk_tensor *a, int64_t dim);
wk_tensor *wk_op_unsqueeze(wk_tensor *a, int64_t dim);
wk_tensor *wk_op_expand(wk_tensor *a, int ndim, const int64_t *shape);
wk_tensor *wk_op_flatten(wk_tensor *a, int64_t start_dim, int64_t end_dim);
wk_tensor *wk_op_unflatten(wk_tensor *a, int64_t dim, int n, const int64_t *sizes);
wk_tensor *wk_op_narrow(wk_tensor *a, int64_t dim, int64_t start, int64_t length);
wk_tensor *wk_op_select(wk_tensor *a, int64_t dim, int64_t index);
wk_tensor *wk_op_slice(wk_tensor *a, int64_t dim, bool has_start, int64_t start, bool has_stop,
                       int64_t stop, int64_t step);
wk_tensor *wk_op_unfold(wk_tensor *a, int64_t dim, int64_t size, int64_t step);   /* UnfoldBackward0 */
wk_tensor *wk_op_flip(wk_tensor *a, int n, const int64_t *dims);                    /* FlipBackward0 (a copy) */
wk_tensor *wk_op_take(wk_tensor *a, wk_tensor *index);                              /* TakeBackward0 */
wk_tensor *wk_op_diagonal(wk_tensor *a, int64_t offset, int64_t d1, int64_t d2);
/* a.as_strided(size, stride, offset): the caller checks the geometry against a's storage.
 * AsStridedBackward0 only for a contiguous CPU a containing the view (else NotImplementedError). */
wk_tensor *wk_op_as_strided(wk_tensor *a, int nd, const int64_t *size, const int64_t *stride, int64_t offset);
wk_tensor *wk_op_contiguous(wk_tensor *a);  /* a itself (incref'd) when already contiguous */
wk_tensor *wk_op_clone(wk_tensor *a);
wk_tensor *wk_op_repeat(wk_tensor *a, int n, const int64_t *repeats);
/* A view sharing storage, without history (detach); detach_ is in autograd.h. */
wk_tensor *wk_op_detach(wk_tensor *a);

/* ------------------------------------------------------------------ joining and splitting */
wk_tensor *wk_op_cat(int n, wk_tensor *const *ts, int64_t dim);
wk_tensor *wk_op_stack(int n, wk_tensor *const *ts, int64_t dim);
/* Lists are malloc'd arrays of new references; release with wk_op_list_free. */
wk_tensor **wk_op_split(wk_tensor *a, int64_t split_size, int64_t dim, int *n_out);
wk_tensor **wk_op_split_sizes(wk_tensor *a, int n, const int64_t *sizes, int64_t dim, int *n_out);
wk_tensor **wk_op_chunk(wk_tensor *a, int64_t chunks, int64_t dim, int *n_out);
wk_tensor **wk_op_unbind(wk_tensor *a, int64_t dim, int *n_out);
void wk_op_list_free(int n, wk_tensor **list);

/* ------------------------------------------------------------------ indexing */
wk_tensor *wk_op_index_select(wk_tensor *a, int64_t dim, wk_tensor *index);
wk_tensor *wk_op_gather(wk_tensor *a, int64_t dim, wk_tensor *index);
/* reduce: WK_SCATTER_SET (src or scalar value), WK_SCATTER_ADD (scatter_add), WK_SCATTER_MUL. */
wk_tensor *wk_op_scatter(wk_tensor *a, int64_t dim, wk_tensor *index, wk_val src, wk_scatter_reduce reduce);
bool wk_op_scatter_(wk_tensor *self, int64_t dim, wk_tensor *index, wk_val src, wk_scatter_reduce reduce);
wk_tensor *wk_op_index_add(wk_tensor *a, int64_t dim, wk_tensor *index, wk_tensor *src, wk_scalar alpha);
bool wk_op_index_add_(wk_tensor *self, int64_t dim, wk_tensor *index, wk_tensor *src, wk_scalar alpha);
wk_tensor *wk_op_masked_select(wk_tensor *a, wk_tensor *mask);
wk_tensor *wk_op_nonzero(wk_tensor *a);  /* (nnz, ndim) int64 */
/* Advanced indexing a[indices...] (aten::index). indices[i] applies to dim i of a (after any
 * bool index, which consumes as many dims as it has); NULL means the whole dim (":"); n may be
 * < a->ndim (the rest are ":"). int64/int32 tensors are broadcast together; bool/uint8 masks
 * are turned into their nonzero() coordinates. The broadcast index shape replaces the indexed
 * dims in place when they are adjacent, else it goes first (PyTorch's layout). Errors:
 * "index 5 is out of bounds for dimension 0 with size 3", "too many indices for tensor of
 * dimension 2", "tensors used as indices must be long, int, byte or bool tensors",
 * "The shape of the mask [2] at index 0 does not match the shape of the indexed tensor [3] at index 0". */
wk_tensor *wk_op_index(wk_tensor *a, int n, wk_tensor *const *indices);
/* a[indices...] = values (values broadcast to the indexed shape; accumulate adds, duplicates
 * included). */
bool wk_op_index_put_(wk_tensor *self, int n, wk_tensor *const *indices, wk_val values, bool accumulate);

/* ------------------------------------------------------------------ conversion */
/* a itself (incref'd) when already dt and !copy; else a differentiable copy (ToCopyBackward0). */
wk_tensor *wk_op_to_dtype(wk_tensor *a, wk_dtype dt, bool copy);
wk_tensor *wk_op_to_device(wk_tensor *a, wk_device dev, bool copy);

/* ------------------------------------------------------------------ helpers used by the bindings */
/* torch.result_type over two operands. */
wk_dtype wk_op_result_type(wk_val a, wk_val b);
/* torch.broadcast_tensors / broadcast_to. */
wk_tensor *wk_op_broadcast_to(wk_tensor *a, int ndim, const int64_t *shape);
/* torch.equal / allclose (false + no error on shape mismatch, like PyTorch). */
bool wk_op_equal(wk_tensor *a, wk_tensor *b, bool *out);
bool wk_op_allclose(wk_tensor *a, wk_tensor *b, double rtol, double atol, bool equal_nan, bool *out);
wk_tensor *wk_op_isclose(wk_tensor *a, wk_tensor *b, double rtol, double atol, bool equal_nan);

#endif
