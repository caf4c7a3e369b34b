/* np.h — wick's small `numpy` module: ndarray over a runtime tensor (shared storage with torch). */
#ifndef WK_NP_H
#define WK_NP_H
#include "object.h"
#include "tensor.h"
#include "../lang/sbuf.h"

/* An ndarray owns one reference to a runtime tensor; views share its storage. */
typedef struct wk_ndarray {
    wk_obj ob;
    wk_tensor *t;
} wk_ndarray;

extern wk_type wk_np_ndarray_type, wk_np_dtype_type;

/* ---- the bridge (for Tensor.numpy() and torch.from_numpy()) */
/* A new ndarray sharing t's storage, shape and strides (t is borrowed). */
wk_value wk_np_from_tensor(wk_tensor *t);
/* A new tensor reference sharing the ndarray's storage; TypeError
 * "expected np.ndarray (got T)" when v is not an ndarray. */
wk_tensor *wk_np_to_tensor(wk_value v);
bool wk_np_is_ndarray(wk_value v);

/* ---- module entry point (register as "numpy") */
wk_obj *wk_mod_numpy_init(void);

/* ---- internals shared by runtime/np*.c */
/* Wraps t (steals it); NULL t raises the pending runtime error. */
wk_value wk_np_wrap(wk_tensor *t);
static inline wk_tensor *wk_np_t(wk_value v) { return ((wk_ndarray *)v.u.o)->t; }
wk_value wk_np_dtype_obj(wk_dtype dt);
wk_value wk_np_scalar_type(wk_dtype dt);   /* np.float32 and friends */
/* dtype= argument: dtype object, np type alias, Python type float/int/bool or a name. */
bool wk_np_dtype_arg(wk_value v, wk_dtype *out);
const char *wk_np_dtype_name(wk_dtype dt);   /* "float64" */
/* repr / str of an array exactly as NumPy 1.24 prints them. */
void wk_np_repr(wk_sbuf *sb, const wk_tensor *t);
void wk_np_str(wk_sbuf *sb, const wk_tensor *t);
/* The Python scalar of a 0-d array (float, int or bool). */
wk_value wk_np_scalar(const wk_tensor *t);
/* Array or Python number/list -> tensor (new reference). */
wk_tensor *wk_np_as_tensor(wk_value v, int dtype /* -1: infer */);
/* np.array(data, dtype) from nested lists/tuples/scalars/arrays. */
wk_tensor *wk_np_from_data(wk_value data, int dtype);
/* NumPy's promote_types for two arrays. */
wk_dtype wk_np_promote(wk_dtype a, wk_dtype b);
/* Number slots, comparisons and methods of ndarray (np_ops.c). */
bool wk_np_ops_init(wk_type *t);
extern const wk_methoddef wk_np_reduce_methods[];
extern const wk_methoddef wk_np_reduce_funcs[];
/* Type set-up (np_array.c); reshape with NumPy's argument forms. */
bool wk_np_types_init(void);
wk_value wk_np_reshape_v(wk_tensor *t, const wk_value *args, int nargs);
/* numpy.random (np_random.c). */
wk_obj *wk_np_random_module(void);
/* numpy.loadtxt (np_loadtxt.c). */
wk_value wk_np_loadtxt(const wk_value *args, int nargs, wk_obj *kw);

#endif
