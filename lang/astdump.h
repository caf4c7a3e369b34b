/* astdump.h — print a wk_ast exactly like CPython 3.11's ast.dump(). */
#ifndef WK_ASTDUMP_H
#define WK_ASTDUMP_H
#include <stdbool.h>
#include "ast.h"
#include "sbuf.h"

/* Appends ast.dump(node, include_attributes=include_attributes) to out. */
void wk_ast_dump(wk_sbuf *out, const wk_ast *node, bool include_attributes);
/* Appends Python's repr() of a constant value (str, bytes, int, float, ...). */
void wk_ast_dump_const(wk_sbuf *out, const wk_const *c);

#endif
