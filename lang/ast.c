/* ast.c — AST node constructors, list helpers and the names of kinds and operators. */
#include "ast.h"
#include <string.h>

static const char *const kind_names[] = {
#define WK_AST_NAME_(name) #name,
    WK_AST_KINDS(WK_AST_NAME_)
#undef WK_AST_NAME_
};

static const char *const binop_names[] = {
    "Add", "Sub", "Mult", "MatMult", "Div", "Mod", "Pow",
    "LShift", "RShift", "BitOr", "BitXor", "BitAnd", "FloorDiv"
};
static const char *const binop_symbols[] = {
    "+", "-", "*", "@", "/", "%", "**", "<<", ">>", "|", "^", "&", "//"
};
static const char *const unaryop_names[] = { "Invert", "Not", "UAdd", "USub" };
static const char *const cmpop_names[] = {
    "Eq", "NotEq", "Lt", "LtE", "Gt", "GtE", "Is", "IsNot", "In", "NotIn"
};
static const char *const cmpop_symbols[] = {
    "==", "!=", "<", "<=", ">", ">=", "is", "is not", "in", "not in"
};
static const char *const boolop_names[] = { "And", "Or" };
static const char *const ctx_names[] = { "Load", "Store", "Del" };

#define WK_NAME_AT(table, i) \
    ((unsigned)(i) < sizeof(table) / sizeof(table[0]) ? table[i] : "?")

const char *wk_ast_kind_name(wk_ast_kind k) { return WK_NAME_AT(kind_names, k); }
const char *wk_ast_binop_name(wk_ast_binop op) { return WK_NAME_AT(binop_names, op); }
const char *wk_ast_unaryop_name(wk_unaryop op) { return WK_NAME_AT(unaryop_names, op); }
const char *wk_ast_cmpop_name(wk_cmpop op) { return WK_NAME_AT(cmpop_names, op); }
const char *wk_ast_boolop_name(wk_boolop op) { return WK_NAME_AT(boolop_names, op); }
const char *wk_ast_ctx_name(wk_expr_ctx ctx) { return WK_NAME_AT(ctx_names, ctx); }
const char *wk_ast_binop_symbol(wk_ast_binop op) { return WK_NAME_AT(binop_symbols, op); }
const char *wk_ast_cmpop_symbol(wk_cmpop op) { return WK_NAME_AT(cmpop_symbols, op); }

bool wk_ast_is_stmt(wk_ast_kind k) { return k >= WK_AST_FunctionDef && k <= WK_AST_Continue; }
bool wk_ast_is_expr(wk_ast_kind k) { return k >= WK_AST_BoolOp && k <= WK_AST_Slice; }

wk_ast *wk_ast_new(wk_arena *a, wk_ast_kind k, int lineno, int col_offset,
                   int end_lineno, int end_col_offset) {
    wk_ast *n = wk_arena_alloc(a, sizeof(wk_ast));
    if (!n) return NULL;
    n->kind = k;
    n->lineno = lineno;
    n->col_offset = col_offset;
    n->end_lineno = end_lineno;
    n->end_col_offset = end_col_offset;
    return n;
}

bool wk_ast_list_make(wk_arena *a, wk_ast_list *out, wk_ast *const *items, int n) {
    out->n = 0;
    out->items = NULL;
    if (n <= 0) return true;
    wk_ast **p = wk_arena_alloc(a, sizeof(wk_ast *) * (size_t)n);
    if (!p) return false;
    memcpy(p, items, sizeof(wk_ast *) * (size_t)n);
    out->items = p;
    out->n = n;
    return true;
}

const wk_ast *wk_ast_docstring(const wk_ast *node) {
    const wk_ast_list *body;
    switch (node->kind) {
    case WK_AST_Module: body = &node->u.Module.body; break;
    case WK_AST_FunctionDef:
    case WK_AST_AsyncFunctionDef: body = &node->u.FunctionDef.body; break;
    case WK_AST_ClassDef: body = &node->u.ClassDef.body; break;
    default: return NULL;
    }
    if (body->n == 0 || body->items[0]->kind != WK_AST_Expr) return NULL;
    const wk_ast *v = body->items[0]->u.Expr.value;
    if (v->kind != WK_AST_Constant || v->u.Constant.value.type != WK_CONST_STR) return NULL;
    return v;
}
