/* compile.h — the bytecode compiler's internal state shared by compile.c, compile_expr.c and compile_stmt.c. */
#ifndef WK_COMPILE_H
#define WK_COMPILE_H
#include "object.h"
#include "code.h"
#include "vm.h"
#include "ast.h"
#include "symtable.h"

/* CPython's STACK_USE_GUIDELINE: bigger displays/calls are built incrementally. */
#define WK_STACK_USE_GUIDELINE 30

/* One instruction before assembly: jump arguments are label ids. */
typedef struct { wk_opcode op; int arg; wk_codepos pos; } wk_cinstr;

/* A string -> index table (names, varnames, cells, constant keys). */
typedef struct {
    const char **keys; size_t *lens; int n, cap;
    int *slots; int nslots;
} wk_strtab;

typedef enum {
    WK_FB_WHILE, WK_FB_FOR, WK_FB_TRY_EXCEPT, WK_FB_FINALLY_TRY, WK_FB_FINALLY_END, WK_FB_WITH,
    WK_FB_HANDLER_CLEANUP, WK_FB_POP_VALUE, WK_FB_EXCEPTION_HANDLER
} wk_fblock_type;

/* Frame-block of the compiler (loops, try, with, handlers) for unwinding. */
typedef struct {
    wk_fblock_type type;
    int block, exit;          /* labels: loop start / loop exit */
    const void *datum;        /* finally body (wk_ast_list *), with stmt, handler name */
} wk_fblock;

typedef enum {
    WK_CSCOPE_MODULE, WK_CSCOPE_CLASS, WK_CSCOPE_FUNCTION, WK_CSCOPE_LAMBDA, WK_CSCOPE_COMPREHENSION
} wk_cscope;

/* One code object being compiled. */
typedef struct wk_cunit {
    struct wk_cunit *parent;
    wk_ste *ste;
    wk_cscope scope;
    const char *name, *qualname, *private_name;
    wk_cinstr *instrs; int ninstrs, capinstrs;
    int *labels; int nlabels, caplabels;
    wk_value *consts; int nconsts, capconsts;
    wk_strtab constkeys;      /* dedupe keys of scalar/str constants */
    int *keyconst;            /* constkeys index -> consts index */
    wk_strtab names, varnames, cellvars, freevars;
    wk_fblock fblocks[WK_MAX_BLOCKS]; int nfblocks;
    int argcount, posonlyargcount, kwonlyargcount;
    int firstlineno;
    wk_codepos loc;           /* position given to emitted instructions */
} wk_cunit;

typedef struct wk_compiler {
    wk_symtable *st;
    wk_arena *arena;          /* qualnames, mangled names, keys */
    wk_cunit *u;
    int nestlevel;
    bool interactive;         /* SINGLE mode: top-level expression statements are echoed */
    bool future_annotations;
    bool failed;              /* an error is recorded (syntax) or pending (other) */
    bool oom;
    int future_lineno;        /* line of the last leading __future__ import */
    char msg[256];            /* SyntaxError message when syntax_error */
    bool syntax_error;
    wk_codepos errpos;
    wk_obj *filename;         /* str */
    wk_obj *source;           /* str or NULL */
    const char *src; size_t srclen;   /* the text being compiled */
} wk_compiler;

/* ---- compile.c: units, emission, tables, errors */
bool wk_compile_enter_scope(wk_compiler *c, const char *name, wk_cscope scope, const wk_ast *node,
                            int firstlineno);
wk_obj *wk_compile_exit_scope(wk_compiler *c);       /* assembles; NULL on error */
void wk_compile_op(wk_compiler *c, wk_opcode op, int arg);
int wk_compile_label(wk_compiler *c);
void wk_compile_bind(wk_compiler *c, int label);
int wk_compile_const(wk_compiler *c, wk_value v);    /* steals v; dedupes scalars and str */
void wk_compile_load_const(wk_compiler *c, wk_value v);  /* steals v */
int wk_compile_name(wk_compiler *c, const char *name);   /* index into names (mangles) */
int wk_compile_strtab_add(wk_compiler *c, wk_strtab *t, const char *key, size_t len);
int wk_compile_strtab_find(const wk_strtab *t, const char *key, size_t len);
const char *wk_compile_mangle(wk_compiler *c, const char *name);
/* The source text of a single-line node (arena), or NULL. */
const char *wk_compile_source_segment(wk_compiler *c, const wk_ast *n);
bool wk_compile_error(wk_compiler *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool wk_compile_nomem(wk_compiler *c);
void wk_compile_set_loc(wk_compiler *c, const wk_ast *n);
bool wk_compile_push_fblock(wk_compiler *c, wk_fblock_type t, int block, int exit, const void *datum);
void wk_compile_pop_fblock(wk_compiler *c);
wk_value wk_compile_cstr(const char *s);              /* new str value (or WK_NULL + error) */
bool wk_compile_make_closure(wk_compiler *c, wk_obj *code, int flags, const char *qualname);

/* ---- compile_asm.c */
bool wk_compile_is_jump(int op);
int wk_compile_stack_effect(int op, int arg, bool jump);
wk_obj *wk_compile_assemble(wk_compiler *c);

/* ---- compile_expr.c */
bool wk_compile_expr(wk_compiler *c, const wk_ast *e);
bool wk_compile_exprs(wk_compiler *c, const wk_ast_list *l);
/* An expression that is only iterated: a list of constants becomes a constant tuple. */
bool wk_compile_iterable(wk_compiler *c, const wk_ast *e);
bool wk_compile_nameop(wk_compiler *c, const char *name, wk_expr_ctx ctx);
bool wk_compile_jump_if(wk_compiler *c, const wk_ast *e, int label, bool cond);
bool wk_compile_call_helper(wk_compiler *c, int n, const wk_ast_list *args, const wk_ast_list *kws);
bool wk_compile_is_const(const wk_ast *e);
bool wk_compile_const_value(wk_compiler *c, const wk_ast *e, wk_value *out);  /* Constant node */

/* ---- compile_stmt.c */
bool wk_compile_stmt(wk_compiler *c, const wk_ast *s);
bool wk_compile_stmts(wk_compiler *c, const wk_ast_list *l, int from);
bool wk_compile_body(wk_compiler *c, const wk_ast_list *body);      /* module/class body */
bool wk_compile_has_annotations(const wk_ast_list *body);

/* ---- compile_func.c: functions, lambdas, classes, comprehensions */
bool wk_compile_function_def(wk_compiler *c, const wk_ast *s);
bool wk_compile_class_def(wk_compiler *c, const wk_ast *s);
bool wk_compile_lambda(wk_compiler *c, const wk_ast *e);
bool wk_compile_comprehension(wk_compiler *c, const wk_ast *e);
/* Docstring Constant of a body, or NULL. */
const wk_ast *wk_compile_docstring(const wk_ast_list *body);

/* ---- entry points (also see vm.h) */
/* Compiles a parsed module tree; mode as wk_compile_source; return_last: notebook cells.
 * *ends_with_expr (may be NULL) tells whether the last statement was an expression. */
wk_obj *wk_compile_ast(const wk_ast *mod, const char *src, size_t len, const char *filename,
                       wk_mode mode, bool keep_source, bool return_last, bool *ends_with_expr);

#endif
