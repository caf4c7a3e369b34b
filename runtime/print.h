/* print.h — repr/str of tensors exactly as PyTorch prints them, and print options. */
#ifndef WK_PRINT_H
#define WK_PRINT_H
#include "tensor.h"
#include "../lang/sbuf.h"

typedef struct wk_printopts {
    int precision;     /* 4 */
    double threshold;  /* 1000 (INFINITY for profile "full") */
    int edgeitems;     /* 3 */
    int linewidth;     /* 80 */
    int sci_mode;      /* -1 = automatic, 0 = False, 1 = True */
} wk_printopts;

/* The process-wide options (torch.set_printoptions edits them). */
wk_printopts *wk_print_options(void);
/* Profiles "default", "short", "full"; false for an unknown name. */
bool wk_print_set_profile(const char *name);

/* repr(t) == str(t). */
void wk_tensor_repr(wk_sbuf *sb, const wk_tensor *t);
/* With a custom prefix (NULL = "tensor(") and caller-supplied trailing suffix such as
 * "grad_fn=<AddBackward0>" or "requires_grad=True" (NULL = none), wrapped like the others. */
void wk_tensor_repr_ex(wk_sbuf *sb, const wk_tensor *t, const char *prefix, const char *extra_suffix);
/* "torch.Size([2, 3])" */
void wk_size_repr(wk_sbuf *sb, int ndim, const int64_t *shape);

#endif
