/* autograd_impl.h — internal: graph node layout and the helpers op implementations use to record history. */
#ifndef WK_AUTOGRAD_IMPL_H
#define WK_AUTOGRAD_IMPL_H
#include "autograd.h"
#include "backend.h"

/* Shape/dtype/device of a node input or output (to shape gradients and build zeros). */
typedef struct wk_tmeta {
    int ndim;
    int64_t shape[WK_MAX_DIMS];
    wk_dtype dtype;
    wk_device device;
} wk_tmeta;

typedef struct wk_edge {
    wk_node *fn;   /* strong; NULL = no gradient flows to this input */
    int input_nr;
} wk_edge;

/* A value saved for backward: a history-free alias (shares storage and version counter). */
typedef struct wk_saved {
    wk_tensor *t;
    uint64_t version;
    const char *src_name;  /* grad_fn name of the saved tensor ("ExpBackward0"), NULL for leaves */
    int src_out;
    wk_edge edge;          /* where the saved value's gradient went (strong), for create_graph */
    bool self_out;         /* the value is an output of the saving node (edge.fn would be a cycle) */
} wk_saved;

typedef struct wk_hook {
    int64_t id;
    int output_nr;
    wk_grad_hook_fn fn;
    void *ctx;
    void (*free_ctx)(void *);
    struct wk_hook *next;
} wk_hook;

/* grads_out[i] (borrowed, never NULL: missing ones are zeros) -> grads_in[j] (new refs or NULL).
 * Grads returned for inputs may be broadcast-shaped or of another dtype: the engine sums them
 * back to the input shape and converts the dtype. */
typedef bool (*wk_backward_fn)(wk_node *n, wk_tensor *const *gout, wk_tensor **gin);

#define WK_NODE_INTS (2 * WK_MAX_DIMS + 8)
#define WK_NODE_INLINE_SAVED 3

struct wk_node {
    int64_t refcount;
    const char *name;
    wk_backward_fn backward;
    uint64_t seq;
    int n_in, n_out, n_saved;
    wk_edge *next;       /* n_in */
    wk_tmeta *in, *out;  /* n_in, n_out */
    wk_saved *saved;     /* n_saved: saved_inline, or heap memory once more are saved */
    wk_saved saved_inline[WK_NODE_INLINE_SAVED];
    int64_t iv[WK_NODE_INTS]; /* op parameters */
    double dv[4];
    int64_t *ext;        /* variable-length parameters (freed with the node) */
    int n_ext;
    bool released;       /* saved values freed by a backward without retain_graph */
    wk_hook *hooks;      /* tensor hooks of non-leaf outputs (by output_nr) */
    wk_tensor **retained;/* n_out weak pointers: outputs with retain_grad() */
    wk_tensor *variable; /* AccumulateGrad: the leaf (strong) */
    /* engine scratch */
    uint64_t epoch;
    int64_t topo;
};

/* Per-tensor metadata stored in wk_tensor.grad_fn. */
typedef struct wk_ameta {
    wk_node *grad_fn;     /* strong */
    int output_nr;
    wk_node *accumulator; /* weak: AccumulateGrad node of a leaf */
    wk_hook *hooks;       /* leaf hooks */
    bool retains_grad;
    bool view_no_grad;    /* a view created while grad recording was off */
    int64_t next_hook_id;
    wk_tensor *view_base; /* strong: the root base when this tensor is a view, else NULL */
} wk_ameta;

wk_ameta *wk_ag_meta(const wk_tensor *t);        /* NULL when none */
wk_ameta *wk_ag_meta_get(wk_tensor *t);          /* creates one */

/* True when recording is on and one of the tensors (NULLs skipped) requires grad. */
bool wk_ag_needs(int n, wk_tensor *const *ts);
/* A node with n_in input edges (the gradient edges of ins[i]; NULL entries give no edge) and
 * n_out outputs. */
wk_node *wk_ag_node(const char *name, wk_backward_fn bw, int n_in, wk_tensor *const *ins, int n_out);
/* The node gradients of t flow into (new reference; a leaf's AccumulateGrad) and its input nr. */
wk_node *wk_ag_edge_of(wk_tensor *t, int *nr);
/* Saves t (may be NULL: saves nothing but keeps the slot). Returns slot index. */
int wk_ag_save(wk_node *n, wk_tensor *t);
/* Saved slot i: borrowed, NULL + PyTorch's error when freed or modified in place. */
wk_tensor *wk_ag_saved(wk_node *n, int i);
/* Makes out (a fresh result) output nr of n: grad_fn, requires_grad, output meta. */
void wk_ag_set_output(wk_node *n, int nr, wk_tensor *out);
/* Records an in-place op on self: self's previous gradient edge must already be n's input
 * (pass self in ins); self becomes output 0 of n. When self is a view, its base's history is
 * rewritten too (CopySlices) and self's becomes AsStridedBackward0 of the base. */
void wk_ag_rebase(wk_node *n, wk_tensor *self);
/* Makes t output nr of n (t's previous history is dropped; retain_grad() carries over). */
void wk_ag_reset_history(wk_node *n, int nr, wk_tensor *t);
/* Checks before an in-place op on self that may record history (leaf / view-of-leaf errors). */
bool wk_ag_check_inplace(wk_tensor *self);
/* Marks out (sharing a's storage) as a view of a's root base. False on out of memory. */
bool wk_ag_set_view(wk_tensor *out, wk_tensor *a);
/* The root base of a view (borrowed), or NULL. */
wk_tensor *wk_ag_view_base(const wk_tensor *t);
/* CopySlices for base after an in-place op n on its view self (autograd_views.c). */
bool wk_ag_copy_slices(wk_node *n, wk_tensor *base, wk_tensor *self);
/* create_graph support: while on, wk_ag_saved returns saved values with their history; the
 * engine drops those temporaries with wk_ag_unpacked_clear after each node. */
bool wk_ag_set_unpack_history(bool on); /* returns the previous setting */
void wk_ag_unpacked_clear(void);
void wk_tmeta_of(wk_tmeta *m, const wk_tensor *t);
wk_tensor *wk_tmeta_zeros(const wk_tmeta *m);

/* Helpers shared by the op files (ops_common.c). */
bool wk_ops_same_device(int n, wk_tensor *const *ts);
/* Sums g down to (ndim, shape) (broadcast reduction); new reference. */
wk_tensor *wk_ops_sum_to(wk_tensor *g, int ndim, const int64_t *shape);
/* Bitmask of dims from a dims list (ndims == 0: all); errors as PyTorch. */
bool wk_ops_dim_mask(const int64_t *dims, int ndims, int ndim, uint32_t *mask);
/* a reduced-shape tensor (keepdim false) viewed with the reduced dims restored as size 1. */
wk_tensor *wk_ops_unsqueeze_mask(wk_tensor *g, int ndim, uint32_t mask);
wk_tensor *wk_ops_scalar_like(wk_scalar s, wk_dtype dt, wk_device dev);

/* Expression scopes for derivative formulas: every x_* result is owned by the scope (borrowed by
 * the caller) and NULL propagates errors; x_ret hands out a new reference and frees the rest. */
#define WK_SCOPE_MAX 64
typedef struct wk_scope {
    wk_tensor *t[WK_SCOPE_MAX];
    int n;
} wk_scope;
wk_tensor *x_own(wk_scope *s, wk_tensor *t);           /* adopts a new reference */
wk_tensor *x_ret(wk_scope *s, wk_tensor *t);           /* new ref to t (NULL ok), scope freed */
void x_free(wk_scope *s);
wk_tensor *x_bin(wk_scope *s, int op, wk_tensor *a, wk_tensor *b);      /* op: wk_binop */
wk_tensor *x_bins(wk_scope *s, int op, wk_tensor *a, double b);
wk_tensor *x_sbin(wk_scope *s, int op, double a, wk_tensor *b);
wk_tensor *x_un(wk_scope *s, int op, wk_tensor *a);                     /* op: wk_unary_op */
wk_tensor *x_where(wk_scope *s, wk_tensor *c, wk_tensor *a, wk_tensor *b);
wk_tensor *x_wheres(wk_scope *s, wk_tensor *c, wk_tensor *a, double b);  /* where(c, a, b) */
wk_tensor *x_sum_dims(wk_scope *s, wk_tensor *a, uint32_t mask, bool keepdim);
wk_tensor *x_expand(wk_scope *s, wk_tensor *a, int ndim, const int64_t *shape);
wk_tensor *x_zeros(wk_scope *s, const wk_tmeta *m);

#endif
