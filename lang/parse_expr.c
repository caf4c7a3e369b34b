/* parse_expr.c — expression grammar: operators, atoms, displays, comprehensions, calls, lambdas, targets. */
#include "parse_int.h"
#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#define T(k) WK_TOK_##k

static wk_ast *star_named_expression(wk_parser *p);

/* ---- small helpers ---- */

bool wk_p_starts_expr(wk_tok_kind k) {
    switch (k) {
    case T(NAME): case T(NUMBER): case T(STRING): case T(LPAR): case T(LSQB): case T(LBRACE):
    case T(MINUS): case T(PLUS): case T(TILDE): case T(ELLIPSIS): case T(KW_None): case T(KW_True):
    case T(KW_False): case T(KW_not): case T(KW_lambda): case T(KW_await):
        return true;
    default:
        return false;
    }
}

const char *wk_p_expr_name(const wk_ast *e) {
    switch (e->kind) {
    case WK_AST_Attribute: return "attribute";
    case WK_AST_Subscript: return "subscript";
    case WK_AST_Starred: return "starred";
    case WK_AST_Name: return "name";
    case WK_AST_List: return "list";
    case WK_AST_Tuple: return "tuple";
    case WK_AST_Lambda: return "lambda";
    case WK_AST_Call: return "function call";
    case WK_AST_BoolOp: case WK_AST_BinOp: case WK_AST_UnaryOp: return "expression";
    case WK_AST_GeneratorExp: return "generator expression";
    case WK_AST_Yield: case WK_AST_YieldFrom: return "yield expression";
    case WK_AST_Await: return "await expression";
    case WK_AST_ListComp: return "list comprehension";
    case WK_AST_SetComp: return "set comprehension";
    case WK_AST_DictComp: return "dict comprehension";
    case WK_AST_Dict: return "dict literal";
    case WK_AST_Set: return "set display";
    case WK_AST_JoinedStr: case WK_AST_FormattedValue: return "f-string expression";
    case WK_AST_Compare: return "comparison";
    case WK_AST_IfExp: return "conditional expression";
    case WK_AST_NamedExpr: return "named expression";
    case WK_AST_Constant:
        switch (e->u.Constant.value.type) {
        case WK_CONST_NONE: return "None";
        case WK_CONST_BOOL: return e->u.Constant.value.v.b ? "True" : "False";
        case WK_CONST_ELLIPSIS: return "ellipsis";
        default: return "literal";
        }
    default: return "expression";
    }
}

const wk_ast *wk_p_invalid_target(const wk_ast *e, wk_expr_ctx ctx) {
    switch (e->kind) {
    case WK_AST_Name: case WK_AST_Attribute: case WK_AST_Subscript:
        return NULL;
    case WK_AST_Starred:
        return ctx == WK_CTX_Del ? e : wk_p_invalid_target(e->u.Starred.value, ctx);
    case WK_AST_Tuple: case WK_AST_List: {
        const wk_ast_list *l = e->kind == WK_AST_Tuple ? &e->u.Tuple.elts : &e->u.List.elts;
        for (int i = 0; i < l->n; i++) {
            const wk_ast *bad = wk_p_invalid_target(l->items[i], ctx);
            if (bad) return bad;
        }
        return NULL;
    }
    default:
        return e;
    }
}

static void set_ctx(wk_ast *e, wk_expr_ctx ctx) {
    switch (e->kind) {
    case WK_AST_Name: e->u.Name.ctx = ctx; break;
    case WK_AST_Attribute: e->u.Attribute.ctx = ctx; break;
    case WK_AST_Subscript: e->u.Subscript.ctx = ctx; break;
    case WK_AST_Starred: e->u.Starred.ctx = ctx; set_ctx(e->u.Starred.value, ctx); break;
    case WK_AST_Tuple: case WK_AST_List: {
        wk_ast_list *l = e->kind == WK_AST_Tuple ? &e->u.Tuple.elts : &e->u.List.elts;
        if (e->kind == WK_AST_Tuple) e->u.Tuple.ctx = ctx; else e->u.List.ctx = ctx;
        for (int i = 0; i < l->n; i++) set_ctx(l->items[i], ctx);
        break;
    }
    default: break;
    }
}

bool wk_p_set_target(wk_parser *p, wk_ast *e, wk_expr_ctx ctx) {
    if (!e || p->failed) return false;
    const wk_ast *bad = wk_p_invalid_target(e, ctx);
    if (bad) {
        wk_p_error_node(p, bad, ctx == WK_CTX_Del ? "cannot delete %s" : "cannot assign to %s",
                        wk_p_expr_name(bad));
        return false;
    }
    set_ctx(e, ctx);
    return true;
}

static wk_ast *name_node(wk_parser *p, const wk_token *t, wk_expr_ctx ctx) {
    wk_ast *n = wk_p_node(p, WK_AST_Name, t, t);
    if (!n) return NULL;
    n->u.Name.id = wk_p_tok_str(p, t);
    n->u.Name.ctx = ctx;
    return n->u.Name.id ? n : NULL;
}

static wk_ast *tuple_or_list(wk_parser *p, wk_ast_kind k, wk_pvec *elts, const wk_token *start, const wk_token *end) {
    wk_ast *n = wk_p_node(p, k, start, end);
    if (!n) return NULL;
    if (k == WK_AST_Tuple) n->u.Tuple.elts = wk_pvec_list(elts);
    else n->u.List.elts = wk_pvec_list(elts);
    return n;
}

/* "invalid syntax. Perhaps you forgot a comma?" between two expressions in brackets */
static void *missing_comma(wk_parser *p, const wk_ast *prev) {
    if (p->failed) return NULL;
    const wk_token *t = wk_p_tok(p, 0);
    if (p->failed) return NULL;
    if (wk_p_starts_expr(t->kind) && !(prev->kind == WK_AST_Name && t->kind == T(STRING))) {
        return wk_p_error_range(p, prev->lineno, prev->col_offset, t->end_lineno, t->end_col,
                                "invalid syntax. Perhaps you forgot a comma?");
    }
    return wk_p_generic_error(p);
}

/* named_expression followed by a stray '=' (in conditions and displays) */
void *wk_p_stray_assign(wk_parser *p, const wk_ast *e) {
    if (e->kind == WK_AST_Name)
        return wk_p_error_range(p, e->lineno, e->col_offset, wk_p_tok(p, 0)->end_lineno, wk_p_tok(p, 0)->end_col,
                                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    bool kw = e->kind == WK_AST_Constant && (e->u.Constant.value.type == WK_CONST_NONE ||
                                             e->u.Constant.value.type == WK_CONST_BOOL);
    if (e->kind == WK_AST_List || e->kind == WK_AST_Tuple || e->kind == WK_AST_GeneratorExp || kw)
        return wk_p_generic_error(p);
    return wk_p_error_node(p, e, "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                           wk_p_expr_name(e));
}

/* ---- numbers ---- */

static void strip_underscores(const char *s, size_t n, char *out) {
    size_t j = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '_') out[j++] = s[i];
    out[j] = 0;
}

static double parse_double(char *s) {
    /* strtod follows the locale's decimal point; swap '.' for it */
    const char *dp = localeconv()->decimal_point;
    char *dot = strchr(s, '.');
    if (dot && dp && dp[0] && dp[0] != '.' && dp[1] == 0) *dot = dp[0];
    errno = 0;
    return strtod(s, NULL);
}

static bool parse_int_text(const char *s, wk_const *c) {
    int base = 10;
    if (s[0] == '0' && s[1]) {
        char b = (char)(s[1] | 0x20);
        if (b == 'x') base = 16; else if (b == 'o') base = 8; else if (b == 'b') base = 2;
        if (base != 10) s += 2;
    }
    uint64_t v = 0;
    for (; *s; s++) {
        int d = *s <= '9' ? *s - '0' : (*s | 0x20) - 'a' + 10;
        if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base) { c->too_big = true; return true; }
        v = v * (uint64_t)base + (uint64_t)d;
    }
    if (v > (uint64_t)INT64_MAX) c->too_big = true;
    else c->v.i = (int64_t)v;
    return true;
}

static wk_ast *number(wk_parser *p) {
    const wk_token *t = wk_p_next(p);
    size_t n = (size_t)(t->end - t->start);
    const char *s = p->src + t->start;
    wk_ast *e = wk_p_node(p, WK_AST_Constant, t, t);
    char *clean = wk_arena_alloc(p->a, n + 1);
    char *text = wk_arena_strndup(p->a, s, n);
    if (!e || !clean || !text) return wk_p_oom(p);
    strip_underscores(s, n, clean);
    wk_const *c = &e->u.Constant.value;
    c->text = text;
    size_t cl = strlen(clean);
    bool radix = clean[0] == '0' && cl > 1 && strchr("xXoObB", clean[1]);
    if (!radix && (clean[cl - 1] | 0x20) == 'j') {
        clean[cl - 1] = 0;
        c->type = WK_CONST_IMAG;
        c->v.f = parse_double(clean);
    } else if (!radix && strpbrk(clean, ".eE")) {
        c->type = WK_CONST_FLOAT;
        c->v.f = parse_double(clean);
    } else {
        c->type = WK_CONST_INT;
        parse_int_text(clean, c);
    }
    return e;
}

static wk_ast *keyword_constant(wk_parser *p) {
    const wk_token *t = wk_p_next(p);
    wk_ast *e = wk_p_node(p, WK_AST_Constant, t, t);
    if (!e) return NULL;
    wk_const *c = &e->u.Constant.value;
    switch (t->kind) {
    case T(KW_None): c->type = WK_CONST_NONE; break;
    case T(KW_True): c->type = WK_CONST_BOOL; c->v.b = true; break;
    case T(KW_False): c->type = WK_CONST_BOOL; c->v.b = false; break;
    default: c->type = WK_CONST_ELLIPSIS; break;
    }
    return e;
}

/* ---- comprehensions ---- */

static bool at_comp_for(wk_parser *p) {
    return wk_p_at(p, T(KW_for)) || (wk_p_at(p, T(KW_async)) && wk_p_peek(p, 1) == T(KW_for));
}

wk_ast *wk_p_star_targets(wk_parser *p) {
    /* star_targets: '*'? bitwise_or (',' ...)* [','] */
    wk_pvec v = {0};
    const wk_token *start = wk_p_tok(p, 0);
    bool comma = false;
    for (;;) {
        wk_ast *e;
        const wk_token *star = wk_p_accept(p, T(STAR));
        e = wk_p_bitwise_or(p);
        if (!e) return NULL;
        if (star) {
            wk_ast *s = wk_p_node(p, WK_AST_Starred, star, star);
            if (!s) return NULL;
            s->u.Starred.value = e;
            wk_p_set_end_tok(s, wk_p_prev(p));
            e = s;
        }
        if (!wk_pvec_push(p, &v, e)) return NULL;
        if (!wk_p_accept(p, T(COMMA))) break;
        comma = true;
        if (!wk_p_starts_expr(wk_p_peek(p, 0)) && !wk_p_at(p, T(STAR))) break;
    }
    if (p->failed) return NULL;
    wk_ast *r = comma ? tuple_or_list(p, WK_AST_Tuple, &v, start, wk_p_prev(p)) : v.items[0];
    if (!r || !wk_p_set_target(p, r, WK_CTX_Store)) return NULL;
    return r;
}

static bool comp_for_clauses(wk_parser *p, wk_ast_list *out) {
    wk_pvec gens = {0};
    while (!p->failed && at_comp_for(p)) {
        wk_ast *g = wk_ast_new(p->a, WK_AST_comprehension, 0, 0, 0, 0);
        if (!g) return wk_p_oom(p), false;
        g->u.comprehension.is_async = wk_p_accept(p, T(KW_async)) != NULL;
        wk_p_next(p);  /* for */
        g->u.comprehension.target = wk_p_star_targets(p);
        if (!g->u.comprehension.target) return false;
        if (!wk_p_expect(p, T(KW_in), NULL)) return false;
        g->u.comprehension.iter = wk_p_disjunction(p);
        if (!g->u.comprehension.iter) return false;
        wk_pvec ifs = {0};
        while (wk_p_accept(p, T(KW_if))) {
            wk_ast *c = wk_p_disjunction(p);
            if (!c || !wk_pvec_push(p, &ifs, c)) return false;
        }
        g->u.comprehension.ifs = wk_pvec_list(&ifs);
        if (!wk_pvec_push(p, &gens, g)) return false;
    }
    *out = wk_pvec_list(&gens);
    return !p->failed;
}

static wk_ast *comprehension(wk_parser *p, wk_ast_kind k, wk_ast *elt, wk_ast *value,
                             const wk_token *open, wk_tok_kind close) {
    wk_ast_list gens;
    if (!comp_for_clauses(p, &gens)) return NULL;
    if (!wk_p_at(p, close)) return p->failed ? NULL : wk_p_generic_error(p);
    const wk_token *end = wk_p_next(p);
    wk_ast *n = wk_p_node(p, k, open, end);
    if (!n) return NULL;
    if (k == WK_AST_DictComp) {
        n->u.DictComp.key = elt;
        n->u.DictComp.value = value;
        n->u.DictComp.generators = gens;
    } else {
        /* ListComp, SetComp and GeneratorExp share one layout */
        n->u.ListComp.elt = elt;
        n->u.ListComp.generators = gens;
    }
    if (elt->kind == WK_AST_Starred && k != WK_AST_DictComp)
        return wk_p_error_node(p, elt, "iterable unpacking cannot be used in comprehension");
    return n;
}

/* ---- displays ---- */

/* Elements after the first one up to `close`; returns the closing token. */
static const wk_token *display_rest(wk_parser *p, wk_pvec *v, wk_tok_kind close) {
    while (!p->failed) {
        if (wk_p_at(p, close)) return wk_p_next(p);
        if (!wk_p_accept(p, T(COMMA))) return missing_comma(p, v->items[v->n - 1]);
        if (wk_p_at(p, close)) return wk_p_next(p);
        wk_ast *e = star_named_expression(p);
        if (!e || !wk_pvec_push(p, v, e)) return NULL;
        if (at_comp_for(p) && v->n >= 2)
            return wk_p_error_range(p, v->items[0]->lineno, v->items[0]->col_offset, e->end_lineno,
                                    e->end_col_offset, "did you forget parentheses around the comprehension target?");
    }
    return NULL;
}

static wk_ast *paren_atom(wk_parser *p) {
    const wk_token *open = wk_p_next(p);
    if (wk_p_at(p, T(RPAR))) {
        wk_pvec none = {0};
        return tuple_or_list(p, WK_AST_Tuple, &none, open, wk_p_next(p));
    }
    if (wk_p_at(p, T(KW_yield))) {
        wk_ast *y = wk_p_yield_expr(p);
        if (!y || !wk_p_expect(p, T(RPAR), NULL)) return NULL;
        return y;
    }
    wk_ast *first = star_named_expression(p);
    if (!first) return NULL;
    if (at_comp_for(p)) return comprehension(p, WK_AST_GeneratorExp, first, NULL, open, T(RPAR));
    if (wk_p_at(p, T(RPAR))) {
        wk_p_next(p);
        if (first->kind == WK_AST_Starred)
            return wk_p_error_node(p, first, "cannot use starred expression here");
        return first;
    }
    if (wk_p_at(p, T(EQUAL))) return wk_p_stray_assign(p, first);
    wk_pvec v = {0};
    if (!wk_pvec_push(p, &v, first)) return NULL;
    const wk_token *close = display_rest(p, &v, T(RPAR));
    return close ? tuple_or_list(p, WK_AST_Tuple, &v, open, close) : NULL;
}

static wk_ast *list_atom(wk_parser *p) {
    const wk_token *open = wk_p_next(p);
    wk_pvec v = {0};
    if (!wk_p_at(p, T(RSQB))) {
        wk_ast *first = star_named_expression(p);
        if (!first) return NULL;
        if (at_comp_for(p)) return comprehension(p, WK_AST_ListComp, first, NULL, open, T(RSQB));
        if (wk_p_at(p, T(EQUAL))) return wk_p_stray_assign(p, first);
        if (!wk_pvec_push(p, &v, first)) return NULL;
    }
    const wk_token *close = v.n ? display_rest(p, &v, T(RSQB)) : wk_p_next(p);
    return close ? tuple_or_list(p, WK_AST_List, &v, open, close) : NULL;
}

static bool dict_item(wk_parser *p, wk_pvec *keys, wk_pvec *values) {
    if (wk_p_accept(p, T(DOUBLESTAR))) {
        wk_ast *v = wk_p_bitwise_or(p);
        return v && wk_pvec_push(p, keys, NULL) && wk_pvec_push(p, values, v);
    }
    wk_ast *k = wk_p_expression(p);
    if (!k) return false;
    if (!wk_p_at(p, T(COLON))) {
        if (!p->failed) wk_p_generic_error(p);
        return false;
    }
    wk_p_next(p);
    wk_ast *v = wk_p_expression(p);
    return v && wk_pvec_push(p, keys, k) && wk_pvec_push(p, values, v);
}

static wk_ast *dict_display(wk_parser *p, const wk_token *open, wk_pvec *keys, wk_pvec *values) {
    while (!p->failed && !wk_p_at(p, T(RBRACE))) {
        if (!wk_p_accept(p, T(COMMA))) return missing_comma(p, values->items[values->n - 1]);
        if (wk_p_at(p, T(RBRACE))) break;
        if (!dict_item(p, keys, values)) return NULL;
    }
    if (p->failed) return NULL;
    wk_ast *d = wk_p_node(p, WK_AST_Dict, open, wk_p_next(p));
    if (!d) return NULL;
    d->u.Dict.keys = wk_pvec_list(keys);
    d->u.Dict.values = wk_pvec_list(values);
    return d;
}

static wk_ast *brace_atom(wk_parser *p) {
    const wk_token *open = wk_p_next(p);
    wk_pvec keys = {0}, values = {0};
    if (wk_p_at(p, T(RBRACE)) || wk_p_at(p, T(DOUBLESTAR))) {
        if (wk_p_at(p, T(DOUBLESTAR)) && !dict_item(p, &keys, &values)) return NULL;
        return dict_display(p, open, &keys, &values);
    }
    wk_ast *first = star_named_expression(p);
    if (!first) return NULL;
    if (wk_p_at(p, T(COLON)) && first->kind != WK_AST_Starred && first->kind != WK_AST_NamedExpr) {
        wk_p_next(p);
        wk_ast *v = wk_p_expression(p);
        if (!v) return NULL;
        if (at_comp_for(p)) return comprehension(p, WK_AST_DictComp, first, v, open, T(RBRACE));
        if (!wk_pvec_push(p, &keys, first) || !wk_pvec_push(p, &values, v)) return NULL;
        return dict_display(p, open, &keys, &values);
    }
    if (at_comp_for(p)) return comprehension(p, WK_AST_SetComp, first, NULL, open, T(RBRACE));
    if (wk_p_at(p, T(EQUAL))) return wk_p_stray_assign(p, first);
    wk_pvec v = {0};
    if (!wk_pvec_push(p, &v, first)) return NULL;
    const wk_token *close = display_rest(p, &v, T(RBRACE));
    if (!close) return NULL;
    wk_ast *s = wk_p_node(p, WK_AST_Set, open, close);
    if (s) s->u.Set.elts = wk_pvec_list(&v);
    return s;
}

static wk_ast *atom(wk_parser *p) {
    switch (wk_p_peek(p, 0)) {
    case T(NAME): return name_node(p, wk_p_next(p), WK_CTX_Load);
    case T(NUMBER): return number(p);
    case T(STRING): return wk_p_strings(p);
    case T(KW_None): case T(KW_True): case T(KW_False): case T(ELLIPSIS): return keyword_constant(p);
    case T(LPAR): return paren_atom(p);
    case T(LSQB): return list_atom(p);
    case T(LBRACE): return brace_atom(p);
    default: return wk_p_generic_error(p);
    }
}

/* ---- calls and subscripts ---- */

static wk_ast *keyword_node(wk_parser *p, const wk_token *start, const char *arg, wk_ast *value) {
    wk_ast *k = wk_p_node(p, WK_AST_keyword, start, start);
    if (!k) return NULL;
    k->u.keyword.arg = arg;
    k->u.keyword.value = value;
    wk_p_set_end_tok(k, wk_p_prev(p));
    return k;
}

typedef struct {
    wk_pvec args, kws;
    bool seen_kw, seen_dstar;
    const char *late_error;   /* positional after keywords: reported at the end */
    const wk_ast *first_arg;
    const wk_ast *last;       /* the latest argument's expression */
} call_state;

static bool call_arg(wk_parser *p, call_state *cs, const wk_token *open) {
    const wk_token *start = wk_p_tok(p, 0);
    if (wk_p_accept(p, T(DOUBLESTAR))) {
        wk_ast *v = wk_p_expression(p);
        wk_ast *k = v ? keyword_node(p, start, NULL, v) : NULL;
        if (!k || !wk_pvec_push(p, &cs->kws, k)) return false;
        if (!cs->first_arg) cs->first_arg = k;
        cs->last = v;
        cs->seen_dstar = true;
        return true;
    }
    if (wk_p_at(p, T(NAME)) && wk_p_peek(p, 1) == T(EQUAL)) {
        const wk_token *name = wk_p_next(p);
        wk_p_next(p);
        wk_ast *v = wk_p_expression(p);
        if (!v) return false;
        if (at_comp_for(p))
            return wk_p_error_range(p, name->lineno, name->col, name->end_lineno, name->end_col + 1,
                                    "invalid syntax. Maybe you meant '==' or ':=' instead of '='?"), false;
        char *id = wk_p_tok_str(p, name);
        wk_ast *k = id ? keyword_node(p, name, id, v) : NULL;
        if (!k || !wk_pvec_push(p, &cs->kws, k)) return false;
        if (!cs->first_arg) cs->first_arg = k;
        cs->last = v;
        cs->seen_kw = true;
        return true;
    }
    wk_ast *e;
    if (wk_p_at(p, T(STAR))) {
        wk_p_next(p);
        wk_ast *v = wk_p_expression(p);
        if (!v) return false;
        e = wk_p_node(p, WK_AST_Starred, start, start);
        if (!e) return false;
        e->u.Starred.value = v;
        wk_p_set_end_tok(e, wk_p_prev(p));
        if (cs->seen_dstar && !cs->late_error) {
            const wk_ast *f = cs->first_arg;
            return wk_p_error_range(p, f->lineno, f->col_offset, e->end_lineno, e->end_col_offset,
                                    "iterable argument unpacking follows keyword argument unpacking"), false;
        }
    } else {
        e = wk_p_named_expression(p);
        if (!e) return false;
        if (wk_p_at(p, T(EQUAL)))
            return wk_p_error_range(p, e->lineno, e->col_offset, wk_p_tok(p, 0)->end_lineno, wk_p_tok(p, 0)->end_col,
                                    "expression cannot contain assignment, perhaps you meant \"==\"?"), false;
        if (at_comp_for(p)) {
            wk_ast_list gens;
            if (!comp_for_clauses(p, &gens)) return false;
            bool alone = cs->args.n == 0 && cs->kws.n == 0 && wk_p_at(p, T(RPAR));
            if (!alone) {
                const wk_token *last = wk_p_prev(p);
                return wk_p_error_range(p, e->lineno, e->col_offset, last->end_lineno, last->end_col,
                                        "Generator expression must be parenthesized"), false;
            }
            /* a lone generator argument takes the call's parentheses */
            wk_ast *g = wk_p_node(p, WK_AST_GeneratorExp, open, wk_p_tok(p, 0));
            if (!g) return false;
            g->u.GeneratorExp.elt = e;
            g->u.GeneratorExp.generators = gens;
            e = g;
        }
        if ((cs->seen_kw || cs->seen_dstar) && !cs->late_error)
            cs->late_error = cs->seen_dstar ? "positional argument follows keyword argument unpacking"
                                            : "positional argument follows keyword argument";
    }
    if (!cs->first_arg) cs->first_arg = e;
    cs->last = e;
    return wk_pvec_push(p, &cs->args, e);
}

bool wk_p_call_args(wk_parser *p, const wk_token *open, wk_ast_list *args, wk_ast_list *kws) {
    call_state cs = {0};
    while (!p->failed && !wk_p_at(p, T(RPAR))) {
        if (!call_arg(p, &cs, open)) return false;
        if (wk_p_at(p, T(RPAR))) break;
        if (!wk_p_accept(p, T(COMMA))) {
            if (p->failed) return false;
            if (cs.last->kind == WK_AST_GeneratorExp && cs.last->col_offset == open->col &&
                cs.last->lineno == open->lineno)
                return wk_p_generic_error(p), false;
            return missing_comma(p, cs.last), false;
        }
    }
    if (p->failed) return false;
    if (cs.late_error) return wk_p_error_tok(p, wk_p_tok(p, 0), "%s", cs.late_error), false;
    *args = wk_pvec_list(&cs.args);
    *kws = wk_pvec_list(&cs.kws);
    return true;
}

static wk_ast *slice_item(wk_parser *p) {
    const wk_token *start = wk_p_tok(p, 0);
    if (wk_p_at(p, T(STAR))) return star_named_expression(p);
    wk_ast *lower = NULL;
    if (!wk_p_at(p, T(COLON))) {
        lower = wk_p_named_expression(p);
        if (!lower || !wk_p_at(p, T(COLON))) return lower;
    }
    wk_p_next(p);  /* ':' */
    wk_ast *s = wk_p_node(p, WK_AST_Slice, start, start);
    if (!s) return NULL;
    s->u.Slice.lower = lower;
    if (wk_p_starts_expr(wk_p_peek(p, 0)) && !(s->u.Slice.upper = wk_p_expression(p))) return NULL;
    if (wk_p_accept(p, T(COLON)) && wk_p_starts_expr(wk_p_peek(p, 0)) &&
        !(s->u.Slice.step = wk_p_expression(p)))
        return NULL;
    wk_p_set_end_tok(s, wk_p_prev(p));
    return p->failed ? NULL : s;
}

static wk_ast *slices(wk_parser *p) {
    const wk_token *start = wk_p_tok(p, 0);
    wk_ast *first = slice_item(p);
    if (!first) return NULL;
    if (!wk_p_at(p, T(COMMA))) {
        if (first->kind == WK_AST_Starred) {
            wk_pvec one = {0};
            if (!wk_pvec_push(p, &one, first)) return NULL;
            return tuple_or_list(p, WK_AST_Tuple, &one, start, wk_p_prev(p));
        }
        return first;
    }
    wk_pvec v = {0};
    if (!wk_pvec_push(p, &v, first)) return NULL;
    while (wk_p_accept(p, T(COMMA))) {
        if (wk_p_at(p, T(RSQB))) break;
        wk_ast *e = slice_item(p);
        if (!e || !wk_pvec_push(p, &v, e)) return NULL;
    }
    if (p->failed) return NULL;
    return tuple_or_list(p, WK_AST_Tuple, &v, start, wk_p_prev(p));
}

static wk_ast *primary_chain(wk_parser *p, int *chain);

wk_ast *wk_p_primary(wk_parser *p) {
    int chain = 0;
    wk_ast *e = primary_chain(p, &chain);
    p->depth -= chain;
    return e;
}

static wk_ast *primary_chain(wk_parser *p, int *chain) {
    const wk_token *start = wk_p_tok(p, 0);
    wk_ast *e = atom(p);
    while (e && !p->failed) {
        wk_tok_kind k = wk_p_peek(p, 0);
        wk_ast *n;
        if (k != T(DOT) && k != T(LPAR) && k != T(LSQB)) break;
        if (!wk_p_enter(p)) return NULL;
        (*chain)++;
        if (k == T(DOT)) {
            wk_p_next(p);
            if (!wk_p_at(p, T(NAME))) return wk_p_generic_error(p);
            const wk_token *name = wk_p_next(p);
            n = wk_p_node(p, WK_AST_Attribute, start, start);
            if (!n || !(n->u.Attribute.attr = wk_p_tok_str(p, name))) return NULL;
            n->u.Attribute.value = e;
            wk_p_set_end_tok(n, name);
        } else if (k == T(LPAR)) {
            const wk_token *open = wk_p_next(p);
            n = wk_p_node(p, WK_AST_Call, start, start);
            if (!n || !wk_p_call_args(p, open, &n->u.Call.args, &n->u.Call.keywords)) return NULL;
            n->u.Call.func = e;
            wk_p_set_end_tok(n, wk_p_next(p));
        } else if (k == T(LSQB)) {
            wk_p_next(p);
            n = wk_p_node(p, WK_AST_Subscript, start, start);
            if (!n || !(n->u.Subscript.slice = slices(p))) return NULL;
            if (!wk_p_at(p, T(RSQB))) return missing_comma(p, n->u.Subscript.slice);
            n->u.Subscript.value = e;
            wk_p_set_end_tok(n, wk_p_next(p));
        } else {
            break;
        }
        e = n;
    }
    return p->failed ? NULL : e;
}

/* ---- operators ---- */

static wk_ast *factor(wk_parser *p);

static wk_ast *power(wk_parser *p) {
    const wk_token *start = wk_p_tok(p, 0);
    const wk_token *aw = wk_p_accept(p, T(KW_await));
    wk_ast *e = wk_p_primary(p);
    if (!e) return NULL;
    if (aw) {
        wk_ast *a = wk_p_node(p, WK_AST_Await, aw, aw);
        if (!a) return NULL;
        a->u.Await.value = e;
        wk_p_set_end_tok(a, wk_p_prev(p));
        e = a;
    }
    if (!wk_p_accept(p, T(DOUBLESTAR))) return e;
    if (!wk_p_enter(p)) return NULL;
    wk_ast *r = factor(p);
    wk_p_leave(p);
    if (!r) return NULL;
    wk_ast *b = wk_p_node(p, WK_AST_BinOp, start, wk_p_prev(p));
    if (!b) return NULL;
    b->u.BinOp.left = e;
    b->u.BinOp.op = WK_OP_Pow;
    b->u.BinOp.right = r;
    return b;
}

static wk_ast *factor(wk_parser *p) {
    wk_tok_kind k = wk_p_peek(p, 0);
    if (k != T(PLUS) && k != T(MINUS) && k != T(TILDE)) return power(p);
    if (!wk_p_enter(p)) return NULL;
    const wk_token *t = wk_p_next(p);
    wk_ast *operand = factor(p);
    wk_p_leave(p);
    if (!operand) return NULL;
    wk_ast *u = wk_p_node(p, WK_AST_UnaryOp, t, t);
    if (!u) return NULL;
    u->u.UnaryOp.op = k == T(PLUS) ? WK_UOP_UAdd : k == T(MINUS) ? WK_UOP_USub : WK_UOP_Invert;
    u->u.UnaryOp.operand = operand;
    wk_p_set_end_tok(u, wk_p_prev(p));
    return u;
}

typedef struct { wk_tok_kind tok; wk_ast_binop op; } binop_entry;
static const binop_entry binop_levels[6][5] = {
    { {T(STAR), WK_OP_Mult}, {T(SLASH), WK_OP_Div}, {T(DOUBLESLASH), WK_OP_FloorDiv},
      {T(PERCENT), WK_OP_Mod}, {T(AT), WK_OP_MatMult} },
    { {T(PLUS), WK_OP_Add}, {T(MINUS), WK_OP_Sub} },
    { {T(LEFTSHIFT), WK_OP_LShift}, {T(RIGHTSHIFT), WK_OP_RShift} },
    { {T(AMPER), WK_OP_BitAnd} },
    { {T(CIRCUMFLEX), WK_OP_BitXor} },
    { {T(VBAR), WK_OP_BitOr} },
};

/* Left-nested chains ("a + b + c ...") count towards the depth limit, so that no
   tree is deeper than WK_MAX_DEPTH and later passes may recurse over it. */
static wk_ast *binary_chain(wk_parser *p, int level, int *chain);

static wk_ast *binary(wk_parser *p, int level) {
    int chain = 0;
    wk_ast *e = binary_chain(p, level, &chain);
    p->depth -= chain;
    return e;
}

static wk_ast *binary_chain(wk_parser *p, int level, int *chain) {
    const wk_token *start = wk_p_tok(p, 0);
    wk_ast *left = level == 0 ? factor(p) : binary(p, level - 1);
    while (left && !p->failed) {
        wk_tok_kind k = wk_p_peek(p, 0);
        const binop_entry *hit = NULL;
        for (int i = 0; i < 5 && binop_levels[level][i].tok; i++)
            if (binop_levels[level][i].tok == k) hit = &binop_levels[level][i];
        if (!hit) break;
        if (!wk_p_enter(p)) return NULL;
        (*chain)++;
        wk_p_next(p);
        wk_ast *right = level == 0 ? factor(p) : binary(p, level - 1);
        if (!right) return NULL;
        wk_ast *b = wk_p_node(p, WK_AST_BinOp, start, wk_p_prev(p));
        if (!b) return NULL;
        b->u.BinOp.left = left;
        b->u.BinOp.op = hit->op;
        b->u.BinOp.right = right;
        left = b;
    }
    return p->failed ? NULL : left;
}

wk_ast *wk_p_bitwise_or(wk_parser *p) { return binary(p, 5); }

static bool comp_op(wk_parser *p, wk_cmpop *op) {
    switch (wk_p_peek(p, 0)) {
    case T(EQEQUAL): *op = WK_CMP_Eq; break;
    case T(NOTEQUAL): *op = WK_CMP_NotEq; break;
    case T(LESS): *op = WK_CMP_Lt; break;
    case T(LESSEQUAL): *op = WK_CMP_LtE; break;
    case T(GREATER): *op = WK_CMP_Gt; break;
    case T(GREATEREQUAL): *op = WK_CMP_GtE; break;
    case T(KW_in): *op = WK_CMP_In; break;
    case T(KW_is):
        *op = WK_CMP_Is;
        if (wk_p_peek(p, 1) == T(KW_not)) { wk_p_next(p); *op = WK_CMP_IsNot; }
        break;
    case T(KW_not):
        if (wk_p_peek(p, 1) != T(KW_in)) return false;
        wk_p_next(p);
        *op = WK_CMP_NotIn;
        break;
    default: return false;
    }
    wk_p_next(p);
    return true;
}

static wk_ast *comparison(wk_parser *p) {
    const wk_token *start = wk_p_tok(p, 0);
    wk_ast *left = wk_p_bitwise_or(p);
    if (!left) return NULL;
    wk_cmpop op;
    if (!comp_op(p, &op)) return left;
    int n = 0, cap = 4;
    wk_cmpop *ops = wk_arena_alloc(p->a, sizeof(wk_cmpop) * (size_t)cap);
    wk_pvec rights = {0};
    for (;;) {
        if (!ops) return wk_p_oom(p);
        ops[n++] = op;
        wk_ast *r = wk_p_bitwise_or(p);
        if (!r || !wk_pvec_push(p, &rights, r)) return NULL;
        if (!comp_op(p, &op)) break;
        if (n == cap) {
            wk_cmpop *no = wk_arena_alloc(p->a, sizeof(wk_cmpop) * (size_t)cap * 2);
            if (no) memcpy(no, ops, sizeof(wk_cmpop) * (size_t)n);
            ops = no;
            cap *= 2;
        }
    }
    if (p->failed) return NULL;
    wk_ast *c = wk_p_node(p, WK_AST_Compare, start, wk_p_prev(p));
    if (!c) return NULL;
    c->u.Compare.left = left;
    c->u.Compare.ops.n = n;
    c->u.Compare.ops.items = ops;
    c->u.Compare.comparators = wk_pvec_list(&rights);
    return c;
}

static wk_ast *inversion(wk_parser *p) {
    if (!wk_p_at(p, T(KW_not))) return comparison(p);
    if (!wk_p_enter(p)) return NULL;
    const wk_token *t = wk_p_next(p);
    wk_ast *operand = inversion(p);
    wk_p_leave(p);
    if (!operand) return NULL;
    wk_ast *u = wk_p_node(p, WK_AST_UnaryOp, t, t);
    if (!u) return NULL;
    u->u.UnaryOp.op = WK_UOP_Not;
    u->u.UnaryOp.operand = operand;
    wk_p_set_end_tok(u, wk_p_prev(p));
    return u;
}

static wk_ast *boolop(wk_parser *p, wk_tok_kind tok, wk_boolop op) {
    const wk_token *start = wk_p_tok(p, 0);
    wk_ast *first = tok == T(KW_or) ? boolop(p, T(KW_and), WK_BOOL_And) : inversion(p);
    if (!first || !wk_p_at(p, tok)) return first;
    wk_pvec v = {0};
    if (!wk_pvec_push(p, &v, first)) return NULL;
    while (wk_p_accept(p, tok)) {
        wk_ast *e = tok == T(KW_or) ? boolop(p, T(KW_and), WK_BOOL_And) : inversion(p);
        if (!e || !wk_pvec_push(p, &v, e)) return NULL;
    }
    if (p->failed) return NULL;
    wk_ast *b = wk_p_node(p, WK_AST_BoolOp, start, wk_p_prev(p));
    if (!b) return NULL;
    b->u.BoolOp.op = op;
    b->u.BoolOp.values = wk_pvec_list(&v);
    return b;
}

wk_ast *wk_p_disjunction(wk_parser *p) { return boolop(p, T(KW_or), WK_BOOL_Or); }

static wk_ast *lambdef(wk_parser *p) {
    const wk_token *kw = wk_p_next(p);
    wk_ast *args = wk_p_arguments(p, true);
    if (!args || !wk_p_expect(p, T(COLON), NULL)) return NULL;
    wk_ast *body = wk_p_expression(p);
    if (!body) return NULL;
    wk_ast *l = wk_p_node(p, WK_AST_Lambda, kw, kw);
    if (!l) return NULL;
    l->u.Lambda.args = args;
    l->u.Lambda.body = body;
    wk_p_set_end_tok(l, wk_p_prev(p));
    return l;
}

static wk_ast *expression_inner(wk_parser *p) {
    if (wk_p_at(p, T(KW_lambda))) return lambdef(p);
    const wk_token *start = wk_p_tok(p, 0);
    wk_ast *body = wk_p_disjunction(p);
    if (!body || !wk_p_at(p, T(KW_if))) return body;
    wk_p_next(p);
    wk_ast *test = wk_p_disjunction(p);
    if (!test) return NULL;
    if (!wk_p_at(p, T(KW_else))) {
        if (p->failed) return NULL;
        return wk_p_error_range(p, body->lineno, body->col_offset, test->end_lineno, test->end_col_offset,
                                "expected 'else' after 'if' expression");
    }
    wk_p_next(p);
    wk_ast *orelse = wk_p_expression(p);
    if (!orelse) return NULL;
    wk_ast *e = wk_p_node(p, WK_AST_IfExp, start, wk_p_prev(p));
    if (!e) return NULL;
    e->u.IfExp.test = test;
    e->u.IfExp.body = body;
    e->u.IfExp.orelse = orelse;
    return e;
}

wk_ast *wk_p_expression(wk_parser *p) {
    if (!wk_p_enter(p)) return NULL;
    wk_ast *e = expression_inner(p);
    wk_p_leave(p);
    return e;
}

wk_ast *wk_p_named_expression(wk_parser *p) {
    if (wk_p_at(p, T(NAME)) && wk_p_peek(p, 1) == T(COLONEQUAL)) {
        wk_ast *target = name_node(p, wk_p_next(p), WK_CTX_Store);
        wk_p_next(p);
        wk_ast *value = target ? wk_p_expression(p) : NULL;
        if (!value) return NULL;
        wk_ast *n = wk_p_node_span(p, WK_AST_NamedExpr, target, target);
        if (n) wk_p_set_end_tok(n, wk_p_prev(p));
        if (!n) return NULL;
        n->u.NamedExpr.target = target;
        n->u.NamedExpr.value = value;
        return n;
    }
    wk_ast *e = wk_p_expression(p);
    if (e && wk_p_at(p, T(COLONEQUAL)))
        return wk_p_error_node(p, e, "cannot use assignment expressions with %s", wk_p_expr_name(e));
    return e;
}

static wk_ast *starred(wk_parser *p) {
    const wk_token *star = wk_p_next(p);
    wk_ast *v = wk_p_bitwise_or(p);
    if (!v) return NULL;
    wk_ast *s = wk_p_node(p, WK_AST_Starred, star, star);
    if (!s) return NULL;
    s->u.Starred.value = v;
    wk_p_set_end_tok(s, wk_p_prev(p));
    return s;
}

static wk_ast *star_named_expression(wk_parser *p) {
    return wk_p_at(p, T(STAR)) ? starred(p) : wk_p_named_expression(p);
}

wk_ast *wk_p_star_expressions(wk_parser *p) {
    const wk_token *start = wk_p_tok(p, 0);
    wk_ast *first = wk_p_at(p, T(STAR)) ? starred(p) : wk_p_expression(p);
    if (!first || !wk_p_at(p, T(COMMA))) return first;
    wk_pvec v = {0};
    if (!wk_pvec_push(p, &v, first)) return NULL;
    while (wk_p_accept(p, T(COMMA))) {
        if (!wk_p_starts_expr(wk_p_peek(p, 0)) && !wk_p_at(p, T(STAR))) break;
        wk_ast *e = wk_p_at(p, T(STAR)) ? starred(p) : wk_p_expression(p);
        if (!e || !wk_pvec_push(p, &v, e)) return NULL;
    }
    if (p->failed) return NULL;
    return tuple_or_list(p, WK_AST_Tuple, &v, start, wk_p_prev(p));
}

wk_ast *wk_p_star_named_expressions_tuple(wk_parser *p) { return wk_p_star_expressions(p); }

wk_ast *wk_p_yield_expr(wk_parser *p) {
    const wk_token *kw = wk_p_next(p);
    if (wk_p_accept(p, T(KW_from))) {
        wk_ast *v = wk_p_expression(p);
        if (!v) return NULL;
        wk_ast *y = wk_p_node(p, WK_AST_YieldFrom, kw, kw);
        if (!y) return NULL;
        y->u.YieldFrom.value = v;
        wk_p_set_end_tok(y, wk_p_prev(p));
        return y;
    }
    wk_ast *y = wk_p_node(p, WK_AST_Yield, kw, kw);
    if (!y) return NULL;
    if (wk_p_starts_expr(wk_p_peek(p, 0)) || wk_p_at(p, T(STAR))) {
        wk_ast *v = wk_p_star_expressions(p);
        if (!v) return NULL;
        y->u.Yield.value = v;
        wk_p_set_end_tok(y, wk_p_prev(p));
    }
    return p->failed ? NULL : y;
}

/* ---- parameters ---- */

typedef struct {
    wk_pvec posonly, args, defaults, kwonly, kwdefaults;
    wk_ast *vararg, *kwarg;
    bool slash, star;
    const wk_token *bare_star;
} params_state;

static wk_ast *param(wk_parser *p, bool lambda) {
    if (!wk_p_at(p, T(NAME))) return wk_p_generic_error(p);
    const wk_token *name = wk_p_next(p);
    wk_ast *a = wk_p_node(p, WK_AST_arg, name, name);
    if (!a || !(a->u.arg.arg = wk_p_tok_str(p, name))) return NULL;
    if (!lambda && wk_p_accept(p, T(COLON))) {
        wk_ast *ann = wk_p_at(p, T(STAR)) ? starred(p) : wk_p_expression(p);
        if (!ann) return NULL;
        a->u.arg.annotation = ann;
        wk_p_set_end_tok(a, wk_p_prev(p));
    }
    return a;
}

static bool param_item(wk_parser *p, params_state *ps, bool lambda) {
    const wk_token *t = wk_p_tok(p, 0);
    if (t->kind == T(SLASH)) {
        wk_p_next(p);
        if (ps->slash) return wk_p_error_tok(p, t, "/ may appear only once"), false;
        if (ps->star) return wk_p_error_tok(p, t, "/ must be ahead of *"), false;
        if (ps->args.n == 0) return wk_p_error_tok(p, t, "at least one argument must precede /"), false;
        ps->slash = true;
        ps->posonly = ps->args;
        memset(&ps->args, 0, sizeof ps->args);
        return true;
    }
    if (t->kind == T(STAR)) {
        wk_p_next(p);
        if (ps->star) return wk_p_error_tok(p, t, "* argument may appear only once"), false;
        ps->star = true;
        if (wk_p_at(p, T(COMMA)) || wk_p_at(p, lambda ? T(COLON) : T(RPAR))) {
            ps->bare_star = t;
            return !p->failed;
        }
        ps->vararg = param(p, lambda);
        if (ps->vararg && wk_p_at(p, T(EQUAL)))
            return wk_p_error_tok(p, wk_p_tok(p, 0), "var-positional argument cannot have default value"), false;
        return ps->vararg != NULL;
    }
    if (t->kind == T(DOUBLESTAR)) {
        wk_p_next(p);
        ps->kwarg = param(p, lambda);
        if (!ps->kwarg) return false;
        if (wk_p_at(p, T(EQUAL)))
            return wk_p_error_tok(p, wk_p_tok(p, 0), "var-keyword argument cannot have default value"), false;
        if (wk_p_accept(p, T(COMMA)) && !wk_p_at(p, lambda ? T(COLON) : T(RPAR)))
            return wk_p_error_tok(p, wk_p_tok(p, 0), "arguments cannot follow var-keyword argument"), false;
        return !p->failed;
    }
    wk_ast *a = param(p, lambda);
    if (!a) return false;
    wk_ast *def = NULL;
    if (wk_p_accept(p, T(EQUAL)) && !(def = wk_p_expression(p))) return false;
    if (ps->star) return wk_pvec_push(p, &ps->kwonly, a) && wk_pvec_push(p, &ps->kwdefaults, def);
    if (!def && ps->defaults.n > 0)
        return wk_p_error_node(p, a, "non-default argument follows default argument"), false;
    return wk_pvec_push(p, &ps->args, a) && (!def || wk_pvec_push(p, &ps->defaults, def));
}

wk_ast *wk_p_arguments(wk_parser *p, bool lambda) {
    params_state ps = {0};
    wk_tok_kind end = lambda ? T(COLON) : T(RPAR);
    while (!p->failed && !wk_p_at(p, end) && !ps.kwarg) {
        if (!param_item(p, &ps, lambda)) return NULL;
        if (ps.kwarg || wk_p_at(p, end)) break;
        if (!wk_p_accept(p, T(COMMA))) return p->failed ? NULL : wk_p_generic_error(p);
    }
    if (p->failed) return NULL;
    if (ps.bare_star && ps.kwonly.n == 0)
        return wk_p_error_tok(p, ps.bare_star, "named arguments must follow bare *");
    wk_ast *a = wk_ast_new(p->a, WK_AST_arguments, 0, 0, 0, 0);
    if (!a) return wk_p_oom(p);
    a->u.arguments.posonlyargs = wk_pvec_list(&ps.posonly);
    a->u.arguments.args = wk_pvec_list(&ps.args);
    a->u.arguments.defaults = wk_pvec_list(&ps.defaults);
    a->u.arguments.kwonlyargs = wk_pvec_list(&ps.kwonly);
    a->u.arguments.kw_defaults = wk_pvec_list(&ps.kwdefaults);
    a->u.arguments.vararg = ps.vararg;
    a->u.arguments.kwarg = ps.kwarg;
    return a;
}
