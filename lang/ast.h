/* ast.h — the syntax tree the parser builds: node kinds, fields and operators mirror CPython 3.11's ast module. */
#ifndef WK_AST_H
#define WK_AST_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "arena.h"

/*
 * Conventions
 * - One node struct for every kind; kind-specific fields live in u.<CPythonClassName>
 *   and carry CPython's field names (u.BinOp.left, u.FunctionDef.decorator_list, ...).
 * - Sibling kinds that CPython declares with identical fields share one member:
 *     AsyncFunctionDef uses u.FunctionDef, AsyncFor uses u.For,
 *     AsyncWith uses u.With, TryStar uses u.Try.
 * - An optional field (CPython "expr?" / "identifier?") is NULL when absent.
 * - Lists are never NULL-terminated; n may be 0 (items then NULL).
 *   Dict.keys has NULL entries for "**mapping"; arguments.kw_defaults has NULL
 *   entries for keyword-only parameters without a default (both as in CPython).
 * - Identifiers are NUL-terminated UTF-8 strings in the arena.
 * - Positions are set on every node as CPython does: lineno/end_lineno 1-based,
 *   col_offset/end_col_offset 0-based UTF-8 byte offsets, end exclusive.
 *   Module/Interactive/Expression, arguments, comprehension and withitem carry
 *   no positions in CPython; here they are 0.
 * - type_comment fields do not exist (always None in CPython without type_comments=True);
 *   Module.type_ignores is always empty and therefore omitted.
 * - Match statements are rejected by the parser (SyntaxError), so the pattern
 *   nodes do not exist; WK_AST_Match is reserved.
 */

#define WK_AST_KINDS(X) \
    /* mod */ \
    X(Module) X(Interactive) X(Expression) \
    /* stmt */ \
    X(FunctionDef) X(AsyncFunctionDef) X(ClassDef) X(Return) X(Delete) X(Assign) \
    X(AugAssign) X(AnnAssign) X(For) X(AsyncFor) X(While) X(If) X(With) X(AsyncWith) \
    X(Match) X(Raise) X(Try) X(TryStar) X(Assert) X(Import) X(ImportFrom) X(Global) \
    X(Nonlocal) X(Expr) X(Pass) X(Break) X(Continue) \
    /* expr */ \
    X(BoolOp) X(NamedExpr) X(BinOp) X(UnaryOp) X(Lambda) X(IfExp) X(Dict) X(Set) \
    X(ListComp) X(SetComp) X(DictComp) X(GeneratorExp) X(Await) X(Yield) X(YieldFrom) \
    X(Compare) X(Call) X(FormattedValue) X(JoinedStr) X(Constant) X(Attribute) \
    X(Subscript) X(Starred) X(Name) X(List) X(Tuple) X(Slice) \
    /* helper nodes */ \
    X(comprehension) X(ExceptHandler) X(arguments) X(arg) X(keyword) X(alias) X(withitem)

typedef enum {
#define WK_AST_ENUM_(name) WK_AST_##name,
    WK_AST_KINDS(WK_AST_ENUM_)
#undef WK_AST_ENUM_
    WK_AST_KIND_COUNT
} wk_ast_kind;

typedef enum { WK_CTX_Load, WK_CTX_Store, WK_CTX_Del } wk_expr_ctx;

typedef enum { WK_BOOL_And, WK_BOOL_Or } wk_boolop;

typedef enum {
    WK_OP_Add, WK_OP_Sub, WK_OP_Mult, WK_OP_MatMult, WK_OP_Div, WK_OP_Mod, WK_OP_Pow,
    WK_OP_LShift, WK_OP_RShift, WK_OP_BitOr, WK_OP_BitXor, WK_OP_BitAnd, WK_OP_FloorDiv
} wk_ast_binop;   /* named wk_ast_binop: object.h owns the function wk_binop() */

typedef enum { WK_UOP_Invert, WK_UOP_Not, WK_UOP_UAdd, WK_UOP_USub } wk_unaryop;

typedef enum {
    WK_CMP_Eq, WK_CMP_NotEq, WK_CMP_Lt, WK_CMP_LtE, WK_CMP_Gt, WK_CMP_GtE,
    WK_CMP_Is, WK_CMP_IsNot, WK_CMP_In, WK_CMP_NotIn
} wk_cmpop;

typedef struct wk_ast wk_ast;

typedef struct { int n; wk_ast **items; } wk_ast_list;
typedef struct { int n; const char **items; } wk_ast_ids;     /* Global/Nonlocal names */
typedef struct { int n; wk_cmpop *items; } wk_cmpop_list;     /* Compare.ops */

/* The value of a Constant node. */
typedef enum {
    WK_CONST_NONE, WK_CONST_BOOL, WK_CONST_INT, WK_CONST_FLOAT, WK_CONST_IMAG,
    WK_CONST_STR, WK_CONST_BYTES, WK_CONST_ELLIPSIS
} wk_const_type;

typedef struct {
    wk_const_type type;
    union {
        bool b;          /* BOOL */
        int64_t i;       /* INT (when !too_big) */
        double f;        /* FLOAT; IMAG: the imaginary part (real part is 0) */
        struct { const char *data; size_t len; } s;  /* STR: UTF-8 (may hold NUL; a lone
                            surrogate from "\ud800" is encoded as 3 bytes); BYTES: raw bytes.
                            data is NUL-terminated after len bytes */
    } v;
    bool too_big;        /* INT: literal does not fit int64 (value is in text) */
    const char *text;    /* INT, FLOAT, IMAG: the literal as written (underscores kept) */
} wk_const;

struct wk_ast {
    wk_ast_kind kind;
    int lineno, col_offset, end_lineno, end_col_offset;
    union {
        /* mod */
        struct { wk_ast_list body; } Module;
        struct { wk_ast_list body; } Interactive;
        struct { wk_ast *body; } Expression;

        /* stmt */
        struct { const char *name; wk_ast *args; /* arguments */ wk_ast_list body;
                 wk_ast_list decorator_list; wk_ast *returns; } FunctionDef; /* + AsyncFunctionDef */
        struct { const char *name; wk_ast_list bases; wk_ast_list keywords; wk_ast_list body;
                 wk_ast_list decorator_list; } ClassDef;
        struct { wk_ast *value; } Return;
        struct { wk_ast_list targets; } Delete;
        struct { wk_ast_list targets; wk_ast *value; } Assign;
        struct { wk_ast *target; wk_ast_binop op; wk_ast *value; } AugAssign;
        struct { wk_ast *target; wk_ast *annotation; wk_ast *value; int simple; } AnnAssign;
        struct { wk_ast *target; wk_ast *iter; wk_ast_list body; wk_ast_list orelse; } For; /* + AsyncFor */
        struct { wk_ast *test; wk_ast_list body; wk_ast_list orelse; } While;
        struct { wk_ast *test; wk_ast_list body; wk_ast_list orelse; } If;
        struct { wk_ast_list items; /* withitem */ wk_ast_list body; } With; /* + AsyncWith */
        struct { wk_ast *exc; wk_ast *cause; } Raise;
        struct { wk_ast_list body; wk_ast_list handlers; /* ExceptHandler */
                 wk_ast_list orelse; wk_ast_list finalbody; } Try; /* + TryStar */
        struct { wk_ast *test; wk_ast *msg; } Assert;
        struct { wk_ast_list names; /* alias */ } Import;
        struct { const char *module; /* NULL for "from . import x" */
                 wk_ast_list names; int level; } ImportFrom;
        struct { wk_ast_ids names; } Global;
        struct { wk_ast_ids names; } Nonlocal;
        struct { wk_ast *value; } Expr;
        /* Pass, Break, Continue: no fields */

        /* expr */
        struct { wk_boolop op; wk_ast_list values; } BoolOp;
        struct { wk_ast *target; wk_ast *value; } NamedExpr;
        struct { wk_ast *left; wk_ast_binop op; wk_ast *right; } BinOp;
        struct { wk_unaryop op; wk_ast *operand; } UnaryOp;
        struct { wk_ast *args; /* arguments */ wk_ast *body; } Lambda;
        struct { wk_ast *test; wk_ast *body; wk_ast *orelse; } IfExp;
        struct { wk_ast_list keys; wk_ast_list values; } Dict;
        struct { wk_ast_list elts; } Set;
        struct { wk_ast *elt; wk_ast_list generators; } ListComp;     /* comprehension list */
        struct { wk_ast *elt; wk_ast_list generators; } SetComp;
        struct { wk_ast *key; wk_ast *value; wk_ast_list generators; } DictComp;
        struct { wk_ast *elt; wk_ast_list generators; } GeneratorExp;
        struct { wk_ast *value; } Await;
        struct { wk_ast *value; } Yield;
        struct { wk_ast *value; } YieldFrom;
        struct { wk_ast *left; wk_cmpop_list ops; wk_ast_list comparators; } Compare;
        struct { wk_ast *func; wk_ast_list args; wk_ast_list keywords; } Call;
        struct { wk_ast *value; int conversion; /* -1, 's', 'r', 'a' */
                 wk_ast *format_spec; /* JoinedStr or NULL */ } FormattedValue;
        struct { wk_ast_list values; /* Constant(str) and FormattedValue */ } JoinedStr;
        struct { wk_const value; const char *kind; /* "u" for u'...' strings, else NULL */ } Constant;
        struct { wk_ast *value; const char *attr; wk_expr_ctx ctx; } Attribute;
        struct { wk_ast *value; wk_ast *slice; wk_expr_ctx ctx; } Subscript;
        struct { wk_ast *value; wk_expr_ctx ctx; } Starred;
        struct { const char *id; wk_expr_ctx ctx; } Name;
        struct { wk_ast_list elts; wk_expr_ctx ctx; } List;
        struct { wk_ast_list elts; wk_expr_ctx ctx; } Tuple;
        struct { wk_ast *lower; wk_ast *upper; wk_ast *step; } Slice;

        /* helper nodes */
        struct { wk_ast *target; wk_ast *iter; wk_ast_list ifs; int is_async; } comprehension;
        struct { wk_ast *type; const char *name; wk_ast_list body; } ExceptHandler;
        struct { wk_ast_list posonlyargs; wk_ast_list args; /* arg */ wk_ast *vararg;
                 wk_ast_list kwonlyargs; wk_ast_list kw_defaults; wk_ast *kwarg;
                 wk_ast_list defaults; } arguments;
        struct { const char *arg; wk_ast *annotation; } arg;
        struct { const char *arg; /* NULL for **kwargs */ wk_ast *value; } keyword;
        struct { const char *name; /* dotted, e.g. "os.path", or "*" */ const char *asname; } alias;
        struct { wk_ast *context_expr; wk_ast *optional_vars; } withitem;
    } u;
};

/* CPython's class names: "BinOp", "arguments", ... */
const char *wk_ast_kind_name(wk_ast_kind k);
const char *wk_ast_binop_name(wk_ast_binop op);     /* "Add", "MatMult", ... */
const char *wk_ast_unaryop_name(wk_unaryop op); /* "Invert", "Not", "UAdd", "USub" */
const char *wk_ast_cmpop_name(wk_cmpop op);     /* "Eq", "NotIn", ... */
const char *wk_ast_boolop_name(wk_boolop op);   /* "And", "Or" */
const char *wk_ast_ctx_name(wk_expr_ctx ctx);   /* "Load", "Store", "Del" */
/* Operator spelling in source: "+", "@", "//", "not in", ... */
const char *wk_ast_binop_symbol(wk_ast_binop op);
const char *wk_ast_cmpop_symbol(wk_cmpop op);

bool wk_ast_is_expr(wk_ast_kind k);
bool wk_ast_is_stmt(wk_ast_kind k);

/* A zeroed node of kind k in arena a; NULL when out of memory. */
wk_ast *wk_ast_new(wk_arena *a, wk_ast_kind k, int lineno, int col_offset,
                   int end_lineno, int end_col_offset);
/* Copies n items into the arena (n may be 0); false when out of memory. */
bool wk_ast_list_make(wk_arena *a, wk_ast_list *out, wk_ast *const *items, int n);

/* If node is a docstring-bearing body (Module/FunctionDef/ClassDef/AsyncFunctionDef),
   the docstring Constant, else NULL. */
const wk_ast *wk_ast_docstring(const wk_ast *node);

#endif
