/* bind.h — shared declarations of the `torch` module bindings (runtime/bind_*.c), the one place where lang/ and runtime/ meet. */
#ifndef WK_BIND_H
#define WK_BIND_H

#include <stdio.h>
#include <stdlib.h>
#include "object.h"
#include "vm.h"
#include "tensor.h"
#include "print.h"
#include "rng.h"
/* ops.h names its op enum wk_binop like object.h's function wk_binop(): rename the runtime's
 * copy while it is read, so both fit in one unit (the bindings store ops as int). */
#include "backend.h"
#undef WK_UN_NEG
#undef WK_UN_ABS
#define wk_binop wk_rt_binop
#include "ops.h"
#undef wk_binop
#include "autograd.h"

/* ---- module entry points (registered by the lead in lang/interp.c) */
wk_obj *wk_mod_torch_init(void);     /* `torch` (creates torch.cuda, torch.autograd,
                                        torch.return_types as attributes + sys.modules) */

/* ---- torch.Tensor: a wick object owning one reference to a runtime tensor */
typedef struct wk_tensorobj {
    wk_obj ob;
    wk_obj *dict;       /* attributes of subclasses (nn.Parameter) and user data */
    wk_tensor *t;
} wk_tensorobj;

extern wk_type wk_torch_tensor_type, wk_torch_dtype_type, wk_torch_device_type,
    wk_torch_size_type, wk_torch_node_type, wk_torch_gradmode_type;

bool wk_bind_is_tensor(wk_value v);
static inline wk_tensor *wk_bind_t(wk_value v) { return ((wk_tensorobj *)v.u.o)->t; }
/* Wraps t (steals the reference). NULL t: raises the pending runtime error. Returns the
 * existing wrapper when t already has one (so `x.grad is x.grad`). */
wk_value wk_bind_wrap(wk_tensor *t);
/* Wraps into an instance of a Tensor subclass (nn.Parameter); steals t. */
wk_value wk_bind_wrap_as(wk_type *type, wk_tensor *t);
/* Converts the runtime's pending error into the Python exception; returns WK_NULL. */
wk_value wk_bind_rt_raise(void);
bool wk_bind_rt_fail(void);          /* same, returns false */
/* A tensor argument: TypeError "NAME(): argument 'ARG' (position N) must be Tensor, not T". */
bool wk_bind_tensor_arg(const char *fname, const char *arg, int pos, wk_value v, wk_tensor **out);

/* ---- numbers */
bool wk_bind_is_number(wk_value v);        /* bool, int or float */
bool wk_bind_scalar(wk_value v, wk_scalar *out); /* number or 1-element tensor; TypeError */
wk_value wk_bind_scalar_value(wk_scalar s);
/* Python number -> 0-dim "wrapped number" tensor when an op needs a tensor. */
wk_tensor *wk_bind_scalar_tensor(wk_scalar s);
/* Tensor or number -> tensor (new reference); numbers become wrapped 0-dim tensors. */
wk_tensor *wk_bind_as_operand(wk_value v, bool *wrapped);

/* ---- dtype, device, Size objects */
wk_value wk_bind_dtype_obj(wk_dtype dt);               /* new ref to the singleton */
bool wk_bind_is_dtype(wk_value v);
/* None/absent: *out untouched, returns true. TypeError for other types. */
bool wk_bind_dtype_arg(wk_value v, wk_dtype *out);
wk_value wk_bind_device_obj(wk_device d);
/* str, int (cuda ordinal), torch.device; None/absent leaves *out. */
bool wk_bind_device_arg(wk_value v, wk_device *out);
bool wk_bind_is_device_like(wk_value v);               /* str or torch.device */
wk_value wk_bind_size(int ndim, const int64_t *shape);
/* Shapes: f(2, 3), f((2, 3)), f([2, 3]), f(torch.Size(...)); fname for messages. */
bool wk_bind_shape_args(const char *fname, const wk_value *args, int nargs, int *ndim, int64_t *shape);
bool wk_bind_shape_seq(const char *fname, wk_value seq, int *ndim, int64_t *shape);
/* Dims: one int or a tuple/list of ints. */
bool wk_bind_int_list(const char *fname, wk_value v, int *n, int64_t *out, int cap);
/* Checks the device is usable: AssertionError "Torch not compiled with CUDA enabled". */
bool wk_bind_device_check(wk_device d);

/* ---- named tuples of torch.return_types (values, indices) */
wk_value wk_bind_return_pair(const char *name, wk_tensor *values, wk_tensor *indices);

/* ---- Tensor methods, module functions (tables in bind_*.c) */
extern const wk_methoddef wk_bind_tensor_methods[];      /* bind_tensor.c */
extern const wk_methoddef wk_bind_view_methods[];        /* bind_tensor.c */
extern const wk_methoddef wk_bind_create_funcs[];        /* bind_create.c */
extern const wk_methoddef wk_bind_create_methods[];      /* bind_create.c (new_*, *_like) */
extern const wk_methoddef wk_bind_op_methods[];          /* bind_ops.c */
extern const wk_methoddef wk_bind_op_funcs[];            /* bind_ops.c */
extern const wk_methoddef wk_bind_reduce_methods[];      /* bind_reduce.c */
extern const wk_methoddef wk_bind_pointwise_methods[];   /* bind_pointwise.c (addcmul, ...) */
extern const wk_methoddef wk_bind_shape_methods[];       /* bind_shapes.c (movedim, tile, flip, ...) */
extern const wk_methoddef wk_bind_random_methods[];      /* bind_random.c (multinomial) */
extern const wk_methoddef wk_bind_more_methods[];        /* bind_more.c (repeat_interleave, ...) */
extern const wk_methoddef wk_bind_random_funcs[];        /* bind_random.c (get_rng_state, set_rng_state) */
bool wk_bind_random_init(void);                          /* Generator.get_state / set_state */
/* torch.normal(mean, std) with a tensor mean and/or std (bind_random.c). */
wk_value wk_bind_normal_tensors(const wk_value *args, int nargs, wk_obj *kw);
extern wk_type wk_torch_generator_type;                  /* bind_create.c */
/* generator= argument: None/absent gives NULL (the default generator). */
bool wk_bind_generator_arg(wk_value v, wk_generator **out);
bool wk_bind_generator_init(void);
wk_value wk_bind_default_generator(void);                /* torch.default_generator */
wk_value wk_bind_manual_seed(const wk_value *args, int nargs, wk_obj *kw);
extern const wk_methoddef wk_bind_autograd_methods[];    /* bind_autograd.c */
extern const wk_methoddef wk_bind_autograd_funcs[];      /* bind_autograd.c */
extern const wk_getsetdef wk_bind_autograd_getsets[];    /* bind_autograd.c */

/* Slots implemented in other files. */
wk_value wk_bind_getitem(wk_value self, wk_value key);            /* bind_index.c */
int wk_bind_setitem(wk_value self, wk_value key, wk_value v);     /* bind_index.c */
bool wk_bind_ops_init(wk_type *tensor_type);                      /* bind_ops.c: number slots */
bool wk_bind_more_init(wk_type *tensor_type);                     /* bind_more.c: << and >> slots */
/* Suffix "grad_fn=<Name>" / "requires_grad=True" for printing ("" when none). */
void wk_bind_grad_suffix(const wk_tensor *t, char *buf, size_t cap); /* bind_autograd.c */
bool wk_bind_autograd_module(wk_obj *torch);                      /* bind_autograd.c */
bool wk_bind_types_init(void);                                    /* bind_types.c */
/* memory_format= argument (bind_types.c): absent/None gives dflt; channels_last raises
 * NotImplementedError; anything else TypeError. */
typedef enum { WK_MF_CONTIGUOUS, WK_MF_PRESERVE, WK_MF_CHANNELS_LAST, WK_MF_CHANNELS_LAST_3D } wk_memory_format;
bool wk_bind_memory_format_arg(const char *f, wk_value v, wk_memory_format dflt, wk_memory_format *out);
bool wk_bind_types_module(wk_obj *torch);                         /* bind_types.c */
/* torch.cuda (bind_cuda.c); the device check of CUDA tensor creation (loads the plugin, checks
 * the ordinal); torch.manual_seed's CUDA part (queued until CUDA loads); the OOM class. */
bool wk_bind_cuda_module(wk_obj *torch);
bool wk_bind_cuda_device_check(wk_device d);
void wk_bind_cuda_seed_all(uint64_t seed);
wk_type *wk_bind_cuda_oom_type(void);
/* text/html renderers of Tensor and Size for IPython.display (bind_display.c). */
bool wk_bind_display_init(void);
/* torch.backends, torch.__getattr__ (lazy nn/optim/utils), matmul precision. */
bool wk_bind_backends_module(wk_obj *torch);                      /* bind_backends.c */
bool wk_bind_tensor_init(void);                                   /* bind_tensor.c */
/* torch.Tensor(...) legacy constructor and torch.tensor's data parsing (bind_create.c). */
wk_value wk_bind_tensor_new(wk_type *type, const wk_value *args, int nargs, wk_obj *kwnames);
wk_tensor *wk_bind_from_data(wk_value data, int dtype /* WK_NO_DTYPE: infer */);

/* ---- small helpers */
/* Parses keyword-only arguments that follow a variable positional part: spec as
 * wk_args_parse ("$dtype device requires_grad"). */
bool wk_bind_kwargs(const char *fname, const wk_value *args, int nargs, wk_obj *kwnames,
                    const char *spec, wk_value *out);
bool wk_bind_bool_arg(wk_value v, bool dflt, bool *out);
bool wk_bind_int_arg(const char *fname, const char *arg, wk_value v, int64_t *out);
wk_value wk_bind_tuple_of(wk_tensor **ts, int64_t n);   /* steals every tensor */

#endif
