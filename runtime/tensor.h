/* tensor.h — storage, strided tensor views, creation, shape ops, copies and broadcasting. */
#ifndef WK_TENSOR_H
#define WK_TENSOR_H
#include "dtype.h"
#include "error.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WK_MAX_DIMS 16

typedef enum wk_devtype { WK_DEV_CPU = 0, WK_DEV_CUDA = 1, WK_NDEVTYPES } wk_devtype;
typedef struct wk_device {
    int8_t type;   /* wk_devtype */
    int8_t index;  /* -1 = unspecified ("cuda"), else the ordinal; CPU tensors use -1 */
} wk_device;
#define WK_CPU ((wk_device){WK_DEV_CPU, -1})

struct wk_backend;

typedef struct wk_storage {
    int64_t refcount;
    wk_device device;
    void *data;
    size_t nbytes;
    const struct wk_backend *allocator;  /* frees data, unless release is set */
    void (*release)(void *ctx, void *data); /* external memory (e.g. shared with numpy) */
    void *release_ctx;
} wk_storage;

/* Shared by a tensor and all its views (PyTorch's version counter). */
typedef struct wk_version {
    int64_t refcount;
    uint64_t value;
} wk_version;

typedef struct wk_tensor {
    int64_t refcount;
    wk_storage *storage;
    int64_t offset;                 /* in elements */
    int ndim;
    int64_t shape[WK_MAX_DIMS];
    int64_t stride[WK_MAX_DIMS];    /* in elements */
    wk_dtype dtype;
    wk_version *version;
    bool requires_grad;
    void *grad;      /* owned by the autograd layer; released through the hook below */
    void *grad_fn;
} wk_tensor;

/* Called when a tensor with grad or grad_fn set is freed (installed by autograd). */
void wk_tensor_set_autograd_release(void (*fn)(wk_tensor *t));

/* ---- reference counting */
wk_tensor *wk_tensor_incref(wk_tensor *t);  /* returns t */
void wk_tensor_decref(wk_tensor *t);        /* NULL allowed */
void wk_storage_decref(wk_storage *s);

/* ---- properties */
int64_t wk_tensor_numel(const wk_tensor *t);
size_t wk_tensor_elsize(const wk_tensor *t);
void *wk_tensor_data(const wk_tensor *t);  /* address of element (0,...,0) */
wk_device wk_tensor_device(const wk_tensor *t);
bool wk_tensor_is_contiguous(const wk_tensor *t);
/* Dense and non-overlapping in some dimension order (clone keeps such strides). */
bool wk_tensor_is_dense(const wk_tensor *t);
/* t's dims from outermost to innermost in memory (stable by stride; size-1 dims first). */
void wk_tensor_stride_order(const wk_tensor *t, int *perm);
void wk_tensor_bump_version(wk_tensor *t);
uint64_t wk_tensor_version(const wk_tensor *t);
/* Wraps a possibly negative dim; on error sets PyTorch's IndexError
 * "Dimension out of range (expected to be in range of [-2, 1], but got 2)". */
bool wk_wrap_dim(int64_t dim, int ndim, int *out);
bool wk_same_shape(const wk_tensor *a, const wk_tensor *b);
/* "[2, 3]" (used in messages). */
void wk_shape_str(char *buf, size_t cap, int ndim, const int64_t *shape);

/* ---- creation (all return a new reference or NULL with the error set) */
wk_tensor *wk_tensor_empty(int ndim, const int64_t *shape, wk_dtype dt, wk_device dev);
wk_tensor *wk_tensor_empty_strided(int ndim, const int64_t *shape, const int64_t *stride,
                                   wk_dtype dt, wk_device dev);
/* Like t, with t's strides when t is dense (memory_format=preserve), else contiguous. */
wk_tensor *wk_tensor_empty_like(const wk_tensor *t, wk_dtype dt);
/* Output of an elementwise op over the n tensors ins (NULL and 0-dim entries ignored),
 * broadcast to shape: strides follow the inputs' layout as PyTorch's TensorIterator does. */
wk_tensor *wk_tensor_empty_for(int n, const wk_tensor *const *ins, int ndim, const int64_t *shape, wk_dtype dt,
                               wk_device dev);
wk_tensor *wk_tensor_zeros(int ndim, const int64_t *shape, wk_dtype dt, wk_device dev);
wk_tensor *wk_tensor_ones(int ndim, const int64_t *shape, wk_dtype dt, wk_device dev);
wk_tensor *wk_tensor_full(int ndim, const int64_t *shape, wk_scalar v, wk_dtype dt, wk_device dev);
wk_tensor *wk_tensor_scalar(wk_scalar v, wk_dtype dt, wk_device dev); /* 0-dim */
/* torch.arange(start, end, step, dtype): errors as PyTorch ("step must be nonzero", ...). */
wk_tensor *wk_tensor_arange(wk_scalar start, wk_scalar end, wk_scalar step, wk_dtype dt, wk_device dev);
wk_tensor *wk_tensor_linspace(wk_scalar start, wk_scalar end, int64_t steps, wk_dtype dt, wk_device dev);
wk_tensor *wk_tensor_eye(int64_t n, int64_t m, wk_dtype dt, wk_device dev);
/* Copies n = prod(shape) elements of dtype dt from host memory. */
wk_tensor *wk_tensor_from_data(int ndim, const int64_t *shape, wk_dtype dt, const void *data);
/* Wraps host memory without copying (stride NULL = contiguous); release(ctx, data) runs when
 * the storage dies (NULL: memory is not ours to free). */
wk_tensor *wk_tensor_from_blob(int ndim, const int64_t *shape, const int64_t *stride, wk_dtype dt,
                               void *data, void (*release)(void *, void *), void *ctx);

/* ---- views (share storage and version counter; new reference) */
wk_tensor *wk_tensor_as_strided(const wk_tensor *t, int ndim, const int64_t *shape,
                                const int64_t *stride, int64_t offset);
wk_tensor *wk_tensor_alias(const wk_tensor *t);
/* shape may contain one -1. view: "view size is not compatible ..." when impossible. */
wk_tensor *wk_tensor_view(const wk_tensor *t, int ndim, const int64_t *shape);
wk_tensor *wk_tensor_reshape(const wk_tensor *t, int ndim, const int64_t *shape);
wk_tensor *wk_tensor_permute(const wk_tensor *t, const int64_t *dims); /* t->ndim dims */
wk_tensor *wk_tensor_transpose(const wk_tensor *t, int64_t d0, int64_t d1);
wk_tensor *wk_tensor_t(const wk_tensor *t); /* <= 2-D only */
wk_tensor *wk_tensor_squeeze(const wk_tensor *t);
wk_tensor *wk_tensor_squeeze_dim(const wk_tensor *t, int64_t dim);
wk_tensor *wk_tensor_unsqueeze(const wk_tensor *t, int64_t dim);
/* -1 keeps a size; new leading dims may be added. Stride 0 on broadcast dims. */
wk_tensor *wk_tensor_expand(const wk_tensor *t, int ndim, const int64_t *shape);
wk_tensor *wk_tensor_narrow(const wk_tensor *t, int64_t dim, int64_t start, int64_t length);
wk_tensor *wk_tensor_select(const wk_tensor *t, int64_t dim, int64_t index);
/* Python slice semantics: start/stop clamped, step >= 1 (has_start/has_stop false = open). */
wk_tensor *wk_tensor_slice(const wk_tensor *t, int64_t dim, bool has_start, int64_t start,
                           bool has_stop, int64_t stop, int64_t step);
wk_tensor *wk_tensor_flatten(const wk_tensor *t, int64_t start_dim, int64_t end_dim);
wk_tensor *wk_tensor_unflatten(const wk_tensor *t, int64_t dim, int n, const int64_t *sizes);
wk_tensor *wk_tensor_diagonal(const wk_tensor *t, int64_t offset, int64_t d1, int64_t d2);
/* Tensor.unfold(dim, size, step). */
wk_tensor *wk_tensor_unfold(const wk_tensor *t, int64_t dim, int64_t size, int64_t step);

/* ---- copies */
wk_tensor *wk_tensor_contiguous(const wk_tensor *t); /* t itself (incref'd) when contiguous */
wk_tensor *wk_tensor_clone(const wk_tensor *t);      /* preserves dense strides */
/* dst[...] = src broadcast to dst's shape, converting dtype; devices may differ. */
bool wk_tensor_copy_(wk_tensor *dst, const wk_tensor *src);
/* New tensor of dtype dt (t itself, incref'd, when already dt and !copy). */
wk_tensor *wk_tensor_to_dtype(const wk_tensor *t, wk_dtype dt, bool copy);
wk_tensor *wk_tensor_to_device(const wk_tensor *t, wk_device dev);
bool wk_tensor_fill_(wk_tensor *t, wk_scalar v);
/* Element at a flat logical (row-major) index, as a scalar; used by item()/tolist(). */
wk_scalar wk_tensor_get_flat(const wk_tensor *t, int64_t i);
/* c10's checked conversion of a scalar into an integer dtype: false + "value cannot be converted to type ... without overflow" */
bool wk_tensor_value_fits(wk_dtype dt, wk_scalar v);
/* Address of the element at a full index. */
void *wk_tensor_ptr_at(const wk_tensor *t, const int64_t *idx);

/* ---- broadcasting: "The size of tensor a (3) must match the size of tensor b (4) at
 * non-singleton dimension 1" */
bool wk_broadcast_shapes(int na, const int64_t *a, int nb, const int64_t *b, int *nout, int64_t *out);
/* Computes strides for a view of shape `shape` on a tensor of (oshape, ostride); PyTorch's
 * viewability rule. False when not viewable (no error set). */
bool wk_compute_view_strides(int ondim, const int64_t *oshape, const int64_t *ostride, int ndim,
                             const int64_t *shape, int64_t *out);
/* Resolves one -1 and checks numel: "shape '[4, 2]' is invalid for input of size 6". */
bool wk_infer_shape(int ndim, const int64_t *shape, int64_t numel, int64_t *out);

#endif
