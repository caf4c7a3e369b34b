/* autograd.h — grad mode, per-tensor autograd state (grad, grad_fn, hooks), graph nodes and the backward engine. */
#ifndef WK_AUTOGRAD_H
#define WK_AUTOGRAD_H
#include "tensor.h"

/* Ownership of the two autograd fields of wk_tensor:
 *   t->grad     a wk_tensor* (owned reference) or NULL: the accumulated gradient (.grad).
 *               Read it with wk_autograd_get_grad, write it with wk_autograd_set_grad.
 *   t->grad_fn  opaque autograd metadata (grad_fn node, output number, hooks, retain_grad);
 *               read it only through the accessors below.
 * t->requires_grad is the requires_grad flag (true for every result that has a grad_fn). */

typedef struct wk_node wk_node;

/* ------------------------------------------------------------------ grad mode (thread-local) */
bool wk_grad_enabled(void);              /* torch.is_grad_enabled() */
void wk_grad_set_enabled(bool on);       /* no_grad / enable_grad / set_grad_enabled */
bool wk_grad_inference_mode(void);       /* torch.is_inference_mode_enabled() */
void wk_grad_set_inference_mode(bool on);/* inference mode also disables recording */
/* True when ops record history right now (enabled and not in inference mode). */
bool wk_grad_recording(void);

/* ------------------------------------------------------------------ tensor state */
/* Installs the release hook into tensor.c (idempotent; every autograd entry point calls it). */
void wk_autograd_init(void);
/* requires_grad_(flag) / requires_grad= on creation. Errors: non-float dtype "Only Tensors of
 * floating point and complex dtype can require gradients"; on a non-leaf "you can only change
 * requires_grad flags of leaf variables." (+ PyTorch's hint when turning it off). */
bool wk_autograd_set_requires_grad(wk_tensor *t, bool on);
bool wk_autograd_is_leaf(const wk_tensor *t);       /* no grad_fn */
wk_node *wk_autograd_grad_fn(const wk_tensor *t);    /* borrowed; NULL = None */
int wk_autograd_output_nr(const wk_tensor *t);
wk_tensor *wk_autograd_get_grad(const wk_tensor *t); /* borrowed; NULL = None */
void wk_autograd_set_grad(wk_tensor *t, wk_tensor *g); /* takes a new ref to g; NULL clears */
/* retain_grad(): no-op on leaves; non-leaves get .grad filled by backward. */
bool wk_autograd_retain_grad(wk_tensor *t);
bool wk_autograd_retains_grad(const wk_tensor *t);
/* detach_(): drops grad_fn and requires_grad in place. */
bool wk_autograd_detach_(wk_tensor *t);

/* Tensor hooks (register_hook). Called with the gradient flowing into t; set *replace to a
 * new reference to replace the gradient (leave NULL to keep it). Return false on error (the
 * error must be pending: either a runtime error or one the caller tracks itself); backward
 * then stops and returns false. Only for tensors that require grad ("cannot register a hook
 * on a tensor that doesn't require gradient"). Returns a handle > 0, or 0 on error. */
typedef bool (*wk_grad_hook_fn)(void *ctx, wk_tensor *grad, wk_tensor **replace);
int64_t wk_autograd_register_hook(wk_tensor *t, wk_grad_hook_fn fn, void *ctx, void (*free_ctx)(void *));
bool wk_autograd_remove_hook(wk_tensor *t, int64_t handle);

/* ------------------------------------------------------------------ nodes (grad_fn objects) */
const char *wk_node_name(const wk_node *n);          /* "AddBackward0", "AccumulateGrad" */
int wk_node_num_next(const wk_node *n);              /* len(next_functions) */
/* next_functions[i] = (node or None, input_nr). Borrowed; AccumulateGrad nodes for leaves are
 * created on demand here. */
wk_node *wk_node_next(wk_node *n, int i, int *input_nr);
wk_tensor *wk_node_variable(const wk_node *n);       /* AccumulateGrad.variable (borrowed), else NULL */
/* Saved values (for introspection): new reference, NULL + error once freed by backward. */
int wk_node_num_saved(const wk_node *n);
wk_tensor *wk_node_saved(wk_node *n, int i);
wk_node *wk_node_incref(wk_node *n);
void wk_node_decref(wk_node *n);

/* ------------------------------------------------------------------ engine */
/* tensor.backward(gradient) / torch.autograd.backward. grads[i] NULL = implicit ones (only for
 * scalar roots: "grad can be implicitly created only for scalar outputs"). Leaves accumulate
 * into .grad; saved values are released unless retain_graph. create_graph=True
 * runs the derivative formulas with grad mode on, so the gradients carry history (double
 * backward); it implies retain_graph. */
bool wk_autograd_backward(int n_roots, wk_tensor *const *roots, wk_tensor *const *grads,
                          bool retain_graph, bool create_graph);
/* torch.autograd.grad: results[i] (new reference or NULL when unused and allow_unused) receives
 * d(outputs)/d(inputs[i]); .grad fields are not touched. Error for an unused input without
 * allow_unused: "One of the differentiated Tensors appears to not have been used in the graph.
 * Set allow_unused=True if this is the desired behavior." */
bool wk_autograd_grad(int n_out, wk_tensor *const *outputs, wk_tensor *const *grad_outputs,
                      int n_in, wk_tensor *const *inputs, bool retain_graph, bool create_graph,
                      bool allow_unused, wk_tensor **results);

#endif
