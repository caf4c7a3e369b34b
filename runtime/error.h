/* error.h — the runtime's pending error (kind + message), set by failing calls that return NULL/false. */
#ifndef WK_RT_ERROR_H
#define WK_RT_ERROR_H
#include <stdbool.h>

/* Python exception class the binding layer should raise for each kind. */
typedef enum wk_errkind {
    WK_ERR_NONE = 0,
    WK_ERR_RUNTIME,    /* RuntimeError */
    WK_ERR_INDEX,      /* IndexError */
    WK_ERR_VALUE,      /* ValueError */
    WK_ERR_TYPE,       /* TypeError */
    WK_ERR_ASSERTION,  /* AssertionError ("Torch not compiled with CUDA enabled") */
    WK_ERR_NOTIMPL,    /* NotImplementedError */
    WK_ERR_OOM         /* RuntimeError (CPU) / torch.cuda.OutOfMemoryError (GPU) */
} wk_errkind;

/* Sets the pending error of this thread (replacing any previous one). Always returns false
 * so that `return wk_rt_err(...)` works in bool functions. */
bool wk_rt_err(wk_errkind kind, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
wk_errkind wk_rt_errkind(void);
const char *wk_rt_errmsg(void);   /* "" when none */
void wk_rt_errclear(void);
/* Python class name of a kind ("RuntimeError", ...). */
const char *wk_rt_errname(wk_errkind kind);

#endif
