/* symtable.h — scope analysis (CPython's symtable pass): symbols, scopes and blocks of a module's AST. */
#ifndef WK_SYMTABLE_H
#define WK_SYMTABLE_H
#include <stdbool.h>
#include "arena.h"
#include "ast.h"

typedef enum { WK_BLOCK_MODULE, WK_BLOCK_FUNCTION, WK_BLOCK_CLASS } wk_block_type;

/* What a block does with a name (CPython's DEF_* flags). */
#define WK_SYM_GLOBAL     0x001   /* global statement */
#define WK_SYM_LOCAL      0x002   /* assigned / deleted in the block */
#define WK_SYM_PARAM      0x004
#define WK_SYM_NONLOCAL   0x008
#define WK_SYM_USE        0x010
#define WK_SYM_FREE_CLASS 0x020   /* free in a class method and bound in the class */
#define WK_SYM_IMPORT     0x040
#define WK_SYM_ANNOT      0x080
#define WK_SYM_COMP_ITER  0x100   /* comprehension iteration variable */
#define WK_SYM_BOUND (WK_SYM_LOCAL | WK_SYM_PARAM | WK_SYM_IMPORT)

/* Where a name lives, the result of the analysis. */
typedef enum {
    WK_SCOPE_NONE, WK_SCOPE_LOCAL, WK_SCOPE_GLOBAL_EXPLICIT, WK_SCOPE_GLOBAL_IMPLICIT,
    WK_SCOPE_FREE, WK_SCOPE_CELL
} wk_scope;

typedef enum { WK_COMP_NONE, WK_COMP_LIST, WK_COMP_SET, WK_COMP_DICT, WK_COMP_GEN } wk_comp_kind;

typedef struct {
    const char *name;        /* mangled */
    int flags;               /* WK_SYM_* */
    wk_scope scope;
    int dir_line, dir_col, dir_end_line, dir_end_col;   /* global/nonlocal directive */
} wk_symbol;

typedef struct wk_ste wk_ste;
struct wk_ste {
    wk_block_type type;
    const char *name;        /* "top", function/class name, "lambda", "listcomp"... */
    const wk_ast *node;      /* Module/FunctionDef/ClassDef/Lambda/comprehension node */
    wk_ste *parent;
    wk_symbol *syms; int nsyms, capsyms;
    int *slots; int nslots;  /* hash index into syms (-1 empty) */
    const char **params; int nparams, capparams;   /* parameter names, in order */
    wk_ste **children; int nchildren, capchildren;
    wk_comp_kind comprehension;
    bool nested, generator, varargs, varkeywords, free, child_free;
    bool needs_class_closure, returns_value, comp_iter_target;
    int comp_iter_expr;
    int lineno, col_offset;
};

/* A syntax error found by the pass: message and SyntaxError-style 1-based offsets. */
typedef struct {
    char msg[256];
    int lineno, offset, end_lineno, end_offset;
    bool oom;
} wk_symtable_error;

typedef struct wk_symtable {
    wk_arena *arena;
    wk_ste *top;
    wk_ste **all; int nall, capall;     /* every block */
    wk_ste **bynode; int nbynode;       /* hash of blocks by node (power of two) */
    wk_ste *cur;
    const char *private_name;           /* enclosing class name, for mangling */
    bool future_annotations;
    wk_symtable_error *err;
} wk_symtable;

/* Builds the table of a Module/Interactive/Expression tree; NULL on error (*err filled). */
wk_symtable *wk_symtable_build(const wk_ast *mod, bool future_annotations,
                               wk_symtable_error *err);
void wk_symtable_free(wk_symtable *st);
/* The block opened by a Module/FunctionDef/ClassDef/Lambda/comprehension node. */
wk_ste *wk_symtable_lookup(wk_symtable *st, const wk_ast *node);
/* The symbol of a (mangled) name in a block, or NULL. */
wk_symbol *wk_symtable_symbol(wk_ste *ste, const char *name);
wk_scope wk_symtable_scope(wk_ste *ste, const char *name);
/* CPython's _Py_Mangle: "__x" inside class C becomes "_C__x"; may allocate in arena. */
const char *wk_symtable_mangle(wk_arena *a, const char *private_name, const char *name);

#endif
