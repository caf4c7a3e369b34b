/* parse_stmt.c — statement grammar: simple statements, blocks, compound statements, imports. */
#include "parse_int.h"
#include <string.h>

#define T(k) WK_TOK_##k

static bool simple_stmts(wk_parser *p, wk_pvec *out);

static wk_ast *stmt_node(wk_parser *p, wk_ast_kind k, const wk_token *start) {
    wk_ast *n = wk_p_node(p, k, start, wk_p_prev(p));
    return n;
}

static void end_at_last(wk_ast *n, const wk_ast_list *body) {
    if (body->n) wk_p_set_end_node(n, body->items[body->n - 1]);
}

/* ---- blocks ---- */

/* block: NEWLINE INDENT statements DEDENT | simple_stmts. what/line describe the owner
   for "expected an indented block after ..." */
static bool block(wk_parser *p, wk_ast_list *out, const char *what, int line) {
    wk_pvec body = {0};
    if (!wk_p_at(p, T(NEWLINE))) {
        if (p->failed) return false;
        /* only simple statements may follow ':' on the same line */
        if (!simple_stmts(p, &body)) return false;
        *out = wk_pvec_list(&body);
        return true;
    }
    wk_p_next(p);
    if (!wk_p_at(p, T(INDENT))) {
        if (p->failed) return false;
        wk_p_error_kind(p, WK_PERR_INDENT, wk_p_tok(p, 0), "expected an indented block after %s on line %d", what, line);
        return false;
    }
    wk_p_next(p);
    if (!wk_p_statements_until(p, &body, T(DEDENT))) return false;
    wk_p_next(p);
    *out = wk_pvec_list(&body);
    return true;
}

static bool colon_block(wk_parser *p, wk_ast_list *out, const char *what, int line) {
    return wk_p_expect(p, T(COLON), "expected ':'") && block(p, out, what, line);
}

bool wk_p_statements_until(wk_parser *p, wk_pvec *out, wk_tok_kind stop) {
    while (!p->failed && !wk_p_at(p, stop)) {
        if (!wk_p_statement(p, out)) return false;
    }
    return !p->failed;
}

/* ---- simple statements ---- */

static bool is_legacy_print(const wk_ast *e, wk_parser *p) {
    if (e->kind != WK_AST_Name) return false;
    if (strcmp(e->u.Name.id, "print") && strcmp(e->u.Name.id, "exec")) return false;
    return wk_p_starts_expr(wk_p_peek(p, 0));
}

static wk_ast *rhs(wk_parser *p) {
    return wk_p_at(p, T(KW_yield)) ? wk_p_yield_expr(p) : wk_p_star_expressions(p);
}

static wk_ast *ann_assign(wk_parser *p, const wk_token *start, wk_ast *target) {
    if (target->kind == WK_AST_Tuple || target->kind == WK_AST_List)
        return wk_p_error_node(p, target, "only single target (not %s) can be annotated",
                               target->kind == WK_AST_Tuple ? "tuple" : "list");
    if (target->kind != WK_AST_Name && target->kind != WK_AST_Attribute && target->kind != WK_AST_Subscript)
        return wk_p_error_node(p, target, "illegal target for annotation");
    wk_p_next(p);
    wk_ast *ann = wk_p_expression(p);
    if (!ann) return NULL;
    wk_ast *value = NULL;
    if (wk_p_accept(p, T(EQUAL)) && !(value = rhs(p))) return NULL;
    if (!wk_p_set_target(p, target, WK_CTX_Store)) return NULL;
    wk_ast *n = stmt_node(p, WK_AST_AnnAssign, start);
    if (!n) return NULL;
    n->u.AnnAssign.target = target;
    n->u.AnnAssign.annotation = ann;
    n->u.AnnAssign.value = value;
    /* simple: a plain name that was not written in parentheses */
    n->u.AnnAssign.simple = target->kind == WK_AST_Name && target->col_offset == start->col &&
                            target->lineno == start->lineno && start->kind == T(NAME);
    return n;
}

static bool aug_op(wk_tok_kind k, wk_ast_binop *op) {
    static const struct { wk_tok_kind k; wk_ast_binop op; } tab[] = {
        {T(PLUSEQUAL), WK_OP_Add}, {T(MINEQUAL), WK_OP_Sub}, {T(STAREQUAL), WK_OP_Mult},
        {T(ATEQUAL), WK_OP_MatMult}, {T(SLASHEQUAL), WK_OP_Div}, {T(PERCENTEQUAL), WK_OP_Mod},
        {T(AMPEREQUAL), WK_OP_BitAnd}, {T(VBAREQUAL), WK_OP_BitOr}, {T(CIRCUMFLEXEQUAL), WK_OP_BitXor},
        {T(LEFTSHIFTEQUAL), WK_OP_LShift}, {T(RIGHTSHIFTEQUAL), WK_OP_RShift},
        {T(DOUBLESTAREQUAL), WK_OP_Pow}, {T(DOUBLESLASHEQUAL), WK_OP_FloorDiv},
    };
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        if (tab[i].k == k) { *op = tab[i].op; return true; }
    return false;
}

static wk_ast *aug_assign(wk_parser *p, const wk_token *start, wk_ast *target, wk_ast_binop op) {
    if (target->kind != WK_AST_Name && target->kind != WK_AST_Attribute && target->kind != WK_AST_Subscript)
        return wk_p_error_node(p, target, "'%s' is an illegal expression for augmented assignment",
                               wk_p_expr_name(target));
    wk_p_next(p);
    wk_ast *value = rhs(p);
    if (!value) return NULL;
    if (!wk_p_set_target(p, target, WK_CTX_Store)) return NULL;
    wk_ast *n = stmt_node(p, WK_AST_AugAssign, start);
    if (!n) return NULL;
    n->u.AugAssign.target = target;
    n->u.AugAssign.op = op;
    n->u.AugAssign.value = value;
    return n;
}

static bool check_assign_target(wk_parser *p, wk_ast *t, int ntargets) {
    if (t->kind == WK_AST_Yield || t->kind == WK_AST_YieldFrom)
        return wk_p_error_node(p, t, "assignment to yield expression not possible"), false;
    const wk_ast *bad = wk_p_invalid_target(t, WK_CTX_Store);
    bool kw = bad && bad->kind == WK_AST_Constant && (bad->u.Constant.value.type == WK_CONST_NONE ||
                                                      bad->u.Constant.value.type == WK_CONST_BOOL);
    if (bad && bad == t && ntargets == 1 && !kw && t->kind != WK_AST_GeneratorExp) {
        return wk_p_error_node(p, t, "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                               wk_p_expr_name(t)), false;
    }
    return wk_p_set_target(p, t, WK_CTX_Store);
}

static wk_ast *assignment(wk_parser *p, const wk_token *start, wk_ast *first) {
    wk_pvec targets = {0};
    wk_ast *value = first;
    while (wk_p_accept(p, T(EQUAL))) {
        if (!wk_pvec_push(p, &targets, value)) return NULL;
        if (!(value = rhs(p))) return NULL;
    }
    if (p->failed) return NULL;
    for (int i = 0; i < targets.n; i++)
        if (!check_assign_target(p, targets.items[i], targets.n)) return NULL;
    wk_ast *n = stmt_node(p, WK_AST_Assign, start);
    if (!n) return NULL;
    n->u.Assign.targets = wk_pvec_list(&targets);
    n->u.Assign.value = value;
    return n;
}

static wk_ast *expr_stmt(wk_parser *p) {
    const wk_token *start = wk_p_tok(p, 0);
    wk_ast *e = rhs(p);
    if (!e) return NULL;
    wk_ast_binop op;
    wk_tok_kind k = wk_p_peek(p, 0);
    if (k == T(COLON)) return ann_assign(p, start, e);
    if (aug_op(k, &op)) return aug_assign(p, start, e, op);
    if (k == T(EQUAL)) return assignment(p, start, e);
    if (is_legacy_print(e, p)) {
        wk_ast *arg = wk_p_star_expressions(p);
        if (!arg) return NULL;
        return wk_p_error_range(p, e->lineno, e->col_offset, arg->end_lineno, arg->end_col_offset,
                                "Missing parentheses in call to '%s'. Did you mean %s(...)?",
                                e->u.Name.id, e->u.Name.id);
    }
    wk_ast *n = stmt_node(p, WK_AST_Expr, start);
    if (!n) return NULL;
    wk_p_set_start_tok(n, start);
    n->u.Expr.value = e;
    return n;
}

static wk_ast *names_stmt(wk_parser *p, wk_ast_kind k) {
    const wk_token *start = wk_p_next(p);
    int n = 0, cap = 4;
    const char **names = wk_arena_alloc(p->a, sizeof(char *) * (size_t)cap);
    do {
        if (!names) return wk_p_oom(p);
        if (!wk_p_at(p, T(NAME))) return wk_p_generic_error(p);
        if (n == cap) {
            const char **nn = wk_arena_alloc(p->a, sizeof(char *) * (size_t)cap * 2);
            if (!nn) return wk_p_oom(p);
            memcpy(nn, names, sizeof(char *) * (size_t)n);
            names = nn;
            cap *= 2;
        }
        if (!(names[n++] = wk_p_tok_str(p, wk_p_next(p)))) return NULL;
    } while (wk_p_accept(p, T(COMMA)));
    wk_ast *s = stmt_node(p, k, start);
    if (!s) return NULL;
    s->u.Global.names.n = n;
    s->u.Global.names.items = names;
    return s;
}

static wk_ast *del_stmt(wk_parser *p) {
    const wk_token *start = wk_p_next(p);
    wk_pvec targets = {0};
    do {
        if (wk_p_at(p, T(NEWLINE)) || wk_p_at(p, T(SEMI))) break;
        wk_ast *t = wk_p_bitwise_or(p);
        if (!t || !wk_p_set_target(p, t, WK_CTX_Del) || !wk_pvec_push(p, &targets, t)) return NULL;
    } while (wk_p_accept(p, T(COMMA)));
    if (p->failed) return NULL;
    if (targets.n == 0) return wk_p_generic_error(p);
    wk_ast *s = stmt_node(p, WK_AST_Delete, start);
    if (s) s->u.Delete.targets = wk_pvec_list(&targets);
    return s;
}

static wk_ast *return_stmt(wk_parser *p) {
    const wk_token *start = wk_p_next(p);
    wk_ast *v = NULL;
    if ((wk_p_starts_expr(wk_p_peek(p, 0)) || wk_p_at(p, T(STAR))) && !(v = wk_p_star_expressions(p))) return NULL;
    wk_ast *s = stmt_node(p, WK_AST_Return, start);
    if (s) s->u.Return.value = v;
    return s;
}

static wk_ast *raise_stmt(wk_parser *p) {
    const wk_token *start = wk_p_next(p);
    wk_ast *exc = NULL, *cause = NULL;
    if (wk_p_starts_expr(wk_p_peek(p, 0))) {
        if (!(exc = wk_p_expression(p))) return NULL;
        if (wk_p_accept(p, T(KW_from)) && !(cause = wk_p_expression(p))) return NULL;
    }
    wk_ast *s = stmt_node(p, WK_AST_Raise, start);
    if (!s) return NULL;
    s->u.Raise.exc = exc;
    s->u.Raise.cause = cause;
    return s;
}

static wk_ast *assert_stmt(wk_parser *p) {
    const wk_token *start = wk_p_next(p);
    wk_ast *test = wk_p_expression(p), *msg = NULL;
    if (!test) return NULL;
    if (wk_p_accept(p, T(COMMA)) && !(msg = wk_p_expression(p))) return NULL;
    wk_ast *s = stmt_node(p, WK_AST_Assert, start);
    if (!s) return NULL;
    s->u.Assert.test = test;
    s->u.Assert.msg = msg;
    return s;
}

/* dotted_name ['as' NAME] -> alias; dotted=false for from-import names */
static wk_ast *alias(wk_parser *p, bool dotted) {
    if (!wk_p_at(p, T(NAME))) return wk_p_generic_error(p);
    const wk_token *first = wk_p_next(p);
    while (dotted && wk_p_at(p, T(DOT))) {
        wk_p_next(p);
        if (!wk_p_at(p, T(NAME))) return wk_p_generic_error(p);
        wk_p_next(p);
    }
    const wk_token *last = wk_p_prev(p);
    wk_ast *a = wk_p_node(p, WK_AST_alias, first, last);
    if (!a) return NULL;
    /* the dotted name without any whitespace between its parts */
    size_t cap = (size_t)(last->end - first->start) + 1;
    char *name = wk_arena_alloc(p->a, cap);
    if (!name) return wk_p_oom(p);
    size_t n = 0;
    for (const wk_token *t = first; t <= last; t++) {
        memcpy(name + n, p->src + t->start, (size_t)(t->end - t->start));
        n += (size_t)(t->end - t->start);
    }
    a->u.alias.name = name;
    if (wk_p_accept(p, T(KW_as))) {
        if (!wk_p_at(p, T(NAME))) return wk_p_generic_error(p);
        const wk_token *as = wk_p_next(p);
        if (!(a->u.alias.asname = wk_p_tok_str(p, as))) return NULL;
        wk_p_set_end_tok(a, as);
    }
    return a;
}

static wk_ast *import_stmt(wk_parser *p) {
    const wk_token *start = wk_p_next(p);
    wk_pvec names = {0};
    do {
        wk_ast *a = alias(p, true);
        if (!a || !wk_pvec_push(p, &names, a)) return NULL;
    } while (wk_p_accept(p, T(COMMA)));
    wk_ast *s = stmt_node(p, WK_AST_Import, start);
    if (s) s->u.Import.names = wk_pvec_list(&names);
    return s;
}

static bool import_from_names(wk_parser *p, wk_pvec *names) {
    if (wk_p_at(p, T(STAR))) {
        const wk_token *star = wk_p_next(p);
        wk_ast *a = wk_p_node(p, WK_AST_alias, star, star);
        if (!a) return false;
        a->u.alias.name = "*";
        return wk_pvec_push(p, names, a);
    }
    const wk_token *open = wk_p_accept(p, T(LPAR));
    do {
        if (open && wk_p_at(p, T(RPAR)) && names->n) break;
        if (!open && names->n && (wk_p_at(p, T(NEWLINE)) || wk_p_at(p, T(SEMI))))
            return wk_p_error_tok(p, wk_p_tok(p, 0), "trailing comma not allowed without surrounding parentheses"), false;
        wk_ast *a = alias(p, false);
        if (!a || !wk_pvec_push(p, names, a)) return false;
    } while (wk_p_accept(p, T(COMMA)));
    return !open || wk_p_expect(p, T(RPAR), NULL);
}

static wk_ast *from_stmt(wk_parser *p) {
    const wk_token *start = wk_p_next(p);
    int level = 0;
    for (;;) {
        if (wk_p_accept(p, T(DOT))) level++;
        else if (wk_p_accept(p, T(ELLIPSIS))) level += 3;
        else break;
    }
    const char *module = NULL;
    if (!wk_p_at(p, T(KW_import)) || level == 0) {
        wk_ast *m = alias(p, true);
        if (!m) return NULL;
        if (m->u.alias.asname) return wk_p_generic_error(p);
        module = m->u.alias.name;
    }
    if (!wk_p_expect(p, T(KW_import), NULL)) return NULL;
    wk_pvec names = {0};
    if (!import_from_names(p, &names)) return NULL;
    wk_ast *s = stmt_node(p, WK_AST_ImportFrom, start);
    if (!s) return NULL;
    s->u.ImportFrom.module = module;
    s->u.ImportFrom.names = wk_pvec_list(&names);
    s->u.ImportFrom.level = level;
    return s;
}

static wk_ast *simple_stmt(wk_parser *p) {
    const wk_token *t = wk_p_tok(p, 0);
    switch (t->kind) {
    case T(KW_pass): wk_p_next(p); return stmt_node(p, WK_AST_Pass, t);
    case T(KW_break): wk_p_next(p); return stmt_node(p, WK_AST_Break, t);
    case T(KW_continue): wk_p_next(p); return stmt_node(p, WK_AST_Continue, t);
    case T(KW_return): return return_stmt(p);
    case T(KW_raise): return raise_stmt(p);
    case T(KW_global): return names_stmt(p, WK_AST_Global);
    case T(KW_nonlocal): return names_stmt(p, WK_AST_Nonlocal);
    case T(KW_del): return del_stmt(p);
    case T(KW_assert): return assert_stmt(p);
    case T(KW_import): return import_stmt(p);
    case T(KW_from): return from_stmt(p);
    default:
        if (wk_p_starts_expr(t->kind) || t->kind == T(STAR) || t->kind == T(KW_yield)) return expr_stmt(p);
        return wk_p_generic_error(p);
    }
}

static bool simple_stmts(wk_parser *p, wk_pvec *out) {
    for (;;) {
        wk_ast *s = simple_stmt(p);
        if (!s || !wk_pvec_push(p, out, s)) return false;
        if (wk_p_accept(p, T(NEWLINE))) return true;
        if (!wk_p_accept(p, T(SEMI))) return p->failed ? false : (wk_p_generic_error(p), false);
        if (wk_p_accept(p, T(NEWLINE))) return true;
    }
}

/* ---- compound statements ---- */

/* named_expression of if/elif/while, with CPython's hints for a stray '=' */
static wk_ast *condition(wk_parser *p) {
    wk_ast *test = wk_p_named_expression(p);
    if (test && wk_p_at(p, T(EQUAL)) && wk_p_peek(p, 1) != T(EQUAL)) return wk_p_stray_assign(p, test);
    return test;
}

static wk_ast *if_stmt(wk_parser *p, const char *what) {
    const wk_token *start = wk_p_next(p);
    wk_ast *test = condition(p);
    if (!test) return NULL;
    wk_ast *s = wk_p_node(p, WK_AST_If, start, start);
    if (!s) return NULL;
    s->u.If.test = test;
    if (!colon_block(p, &s->u.If.body, what, start->lineno)) return NULL;
    end_at_last(s, &s->u.If.body);
    if (wk_p_at(p, T(KW_elif))) {
        wk_ast *e = if_stmt(p, "'elif' statement");
        wk_pvec one = {0};
        if (!e || !wk_pvec_push(p, &one, e)) return NULL;
        s->u.If.orelse = wk_pvec_list(&one);
        wk_p_set_end_node(s, e);
    } else if (wk_p_at(p, T(KW_else))) {
        const wk_token *el = wk_p_next(p);
        if (!colon_block(p, &s->u.If.orelse, "'else' statement", el->lineno)) return NULL;
        end_at_last(s, &s->u.If.orelse);
    }
    return p->failed ? NULL : s;
}

static bool else_block(wk_parser *p, wk_ast *s, wk_ast_list *orelse) {
    if (!wk_p_at(p, T(KW_else))) return !p->failed;
    const wk_token *el = wk_p_next(p);
    if (!colon_block(p, orelse, "'else' statement", el->lineno)) return false;
    end_at_last(s, orelse);
    return true;
}

static wk_ast *while_stmt(wk_parser *p) {
    const wk_token *start = wk_p_next(p);
    wk_ast *test = condition(p);
    if (!test) return NULL;
    wk_ast *s = wk_p_node(p, WK_AST_While, start, start);
    if (!s) return NULL;
    s->u.While.test = test;
    if (!colon_block(p, &s->u.While.body, "'while' statement", start->lineno)) return NULL;
    end_at_last(s, &s->u.While.body);
    return else_block(p, s, &s->u.While.orelse) ? s : NULL;
}

static wk_ast *for_stmt(wk_parser *p, const wk_token *start, bool is_async) {
    wk_p_next(p);
    wk_ast *s = wk_p_node(p, is_async ? WK_AST_AsyncFor : WK_AST_For, start, start);
    if (!s || !(s->u.For.target = wk_p_star_targets(p))) return NULL;
    if (!wk_p_expect(p, T(KW_in), NULL)) return NULL;
    if (!(s->u.For.iter = wk_p_star_expressions(p))) return NULL;
    if (!colon_block(p, &s->u.For.body, "'for' statement", start->lineno)) return NULL;
    end_at_last(s, &s->u.For.body);
    return else_block(p, s, &s->u.For.orelse) ? s : NULL;
}

static wk_ast *with_item(wk_parser *p) {
    wk_ast *it = wk_ast_new(p->a, WK_AST_withitem, 0, 0, 0, 0);
    if (!it) return wk_p_oom(p);
    if (!(it->u.withitem.context_expr = wk_p_expression(p))) return NULL;
    if (wk_p_accept(p, T(KW_as))) {
        const wk_token *st = wk_p_accept(p, T(STAR));
        wk_ast *t = wk_p_bitwise_or(p);
        if (!t) return NULL;
        if (st) {
            wk_ast *s = wk_p_node(p, WK_AST_Starred, st, wk_p_prev(p));
            if (!s) return NULL;
            s->u.Starred.value = t;
            t = s;
        }
        if (!wk_p_set_target(p, t, WK_CTX_Store)) return NULL;
        it->u.withitem.optional_vars = t;
    }
    return it;
}

/* Is the '(' at the cursor a parenthesized list of with-items: "( ... ) :" */
static bool paren_with_items(wk_parser *p) {
    if (!wk_p_at(p, T(LPAR)) || wk_p_peek(p, 1) == T(KW_yield)) return false;
    int depth = 0;
    for (int i = p->pos; i < p->ntoks; i++) {
        wk_tok_kind k = p->toks[i].kind;
        if (k == T(LPAR) || k == T(LSQB) || k == T(LBRACE)) depth++;
        else if (k == T(RPAR) || k == T(RSQB) || k == T(RBRACE)) {
            if (--depth == 0) return i + 1 < p->ntoks && p->toks[i + 1].kind == T(COLON);
        } else if (k == T(NEWLINE) || k == T(ENDMARKER) || k == T(ERROR)) {
            return false;
        }
    }
    return false;
}

static wk_ast *with_stmt(wk_parser *p, const wk_token *start, bool is_async) {
    wk_p_next(p);
    wk_ast *s = wk_p_node(p, is_async ? WK_AST_AsyncWith : WK_AST_With, start, start);
    if (!s) return NULL;
    wk_pvec items = {0};
    bool paren = paren_with_items(p);
    if (paren) wk_p_next(p);
    do {
        if (paren && wk_p_at(p, T(RPAR)) && items.n) break;
        wk_ast *it = with_item(p);
        if (!it || !wk_pvec_push(p, &items, it)) return NULL;
    } while (wk_p_accept(p, T(COMMA)));
    if (paren && !wk_p_expect(p, T(RPAR), NULL)) return NULL;
    s->u.With.items = wk_pvec_list(&items);
    if (!colon_block(p, &s->u.With.body, "'with' statement", start->lineno)) return NULL;
    end_at_last(s, &s->u.With.body);
    return s;
}

static wk_ast *except_handler(wk_parser *p, bool *star) {
    const wk_token *start = wk_p_next(p);
    *star = wk_p_accept(p, T(STAR)) != NULL;
    wk_ast *h = wk_p_node(p, WK_AST_ExceptHandler, start, start);
    if (!h) return NULL;
    if (!wk_p_at(p, T(COLON))) {
        wk_ast *type = wk_p_expression(p);
        if (!type) return NULL;
        if (wk_p_at(p, T(COMMA))) {
            wk_p_next(p);
            wk_ast *second = wk_p_expression(p);
            if (!second) return NULL;
            return wk_p_error_range(p, type->lineno, type->col_offset, second->end_lineno, second->end_col_offset,
                                    "multiple exception types must be parenthesized");
        }
        h->u.ExceptHandler.type = type;
        if (wk_p_accept(p, T(KW_as))) {
            if (!wk_p_at(p, T(NAME))) return wk_p_generic_error(p);
            if (!(h->u.ExceptHandler.name = wk_p_tok_str(p, wk_p_next(p)))) return NULL;
        }
    }
    if (!colon_block(p, &h->u.ExceptHandler.body, *star ? "'except*' statement" : "'except' statement", start->lineno))
        return NULL;
    end_at_last(h, &h->u.ExceptHandler.body);
    return h;
}

static wk_ast *try_stmt(wk_parser *p) {
    const wk_token *start = wk_p_next(p);
    wk_ast *s = wk_p_node(p, WK_AST_Try, start, start);
    if (!s || !colon_block(p, &s->u.Try.body, "'try' statement", start->lineno)) return NULL;
    wk_pvec handlers = {0};
    int stars = 0;
    while (wk_p_at(p, T(KW_except))) {
        bool star;
        wk_ast *h = except_handler(p, &star);
        if (!h || !wk_pvec_push(p, &handlers, h)) return NULL;
        stars += star;
        wk_p_set_end_node(s, h);
    }
    if (stars && stars != handlers.n)
        return wk_p_error_node(p, handlers.items[0], "cannot have both 'except' and 'except*' on the same 'try'");
    if (stars) s->kind = WK_AST_TryStar;
    s->u.Try.handlers = wk_pvec_list(&handlers);
    if (handlers.n && !else_block(p, s, &s->u.Try.orelse)) return NULL;
    if (wk_p_at(p, T(KW_finally))) {
        const wk_token *f = wk_p_next(p);
        if (!colon_block(p, &s->u.Try.finalbody, "'finally' statement", f->lineno)) return NULL;
        end_at_last(s, &s->u.Try.finalbody);
    } else if (handlers.n == 0) {
        if (p->failed) return NULL;
        return wk_p_error_tok(p, wk_p_tok(p, 0), "expected 'except' or 'finally' block");
    }
    return p->failed ? NULL : s;
}

static wk_ast *funcdef(wk_parser *p, const wk_token *start, bool is_async, wk_ast_list decos) {
    wk_p_next(p);  /* def */
    if (!wk_p_at(p, T(NAME))) return wk_p_generic_error(p);
    wk_ast *s = wk_p_node(p, is_async ? WK_AST_AsyncFunctionDef : WK_AST_FunctionDef, start, start);
    if (!s || !(s->u.FunctionDef.name = wk_p_tok_str(p, wk_p_next(p)))) return NULL;
    if (!wk_p_expect(p, T(LPAR), "expected '('")) return NULL;
    if (!(s->u.FunctionDef.args = wk_p_arguments(p, false))) return NULL;
    if (!wk_p_expect(p, T(RPAR), NULL)) return NULL;
    if (wk_p_accept(p, T(RARROW)) && !(s->u.FunctionDef.returns = wk_p_expression(p))) return NULL;
    s->u.FunctionDef.decorator_list = decos;
    if (!colon_block(p, &s->u.FunctionDef.body, "function definition", start->lineno)) return NULL;
    end_at_last(s, &s->u.FunctionDef.body);
    return s;
}

static wk_ast *classdef(wk_parser *p, wk_ast_list decos) {
    const wk_token *start = wk_p_next(p);
    if (!wk_p_at(p, T(NAME))) return wk_p_generic_error(p);
    wk_ast *s = wk_p_node(p, WK_AST_ClassDef, start, start);
    if (!s || !(s->u.ClassDef.name = wk_p_tok_str(p, wk_p_next(p)))) return NULL;
    const wk_token *open = wk_p_accept(p, T(LPAR));
    if (open) {
        if (!wk_p_call_args(p, open, &s->u.ClassDef.bases, &s->u.ClassDef.keywords)) return NULL;
        wk_p_next(p);
    }
    s->u.ClassDef.decorator_list = decos;
    if (!colon_block(p, &s->u.ClassDef.body, "class definition", start->lineno)) return NULL;
    end_at_last(s, &s->u.ClassDef.body);
    return s;
}

static wk_ast *decorated(wk_parser *p) {
    wk_pvec decos = {0};
    while (wk_p_accept(p, T(AT))) {
        wk_ast *d = wk_p_named_expression(p);
        if (!d || !wk_pvec_push(p, &decos, d)) return NULL;
        if (!wk_p_expect(p, T(NEWLINE), NULL)) return NULL;
    }
    wk_ast_list l = wk_pvec_list(&decos);
    const wk_token *t = wk_p_tok(p, 0);
    if (t->kind == T(KW_def)) return funcdef(p, t, false, l);
    if (t->kind == T(KW_class)) return classdef(p, l);
    if (t->kind == T(KW_async) && wk_p_peek(p, 1) == T(KW_def)) {
        wk_p_next(p);
        return funcdef(p, t, true, l);
    }
    return wk_p_generic_error(p);
}

static wk_ast *async_stmt(wk_parser *p) {
    const wk_token *start = wk_p_next(p);
    wk_ast_list none = {0, NULL};
    switch (wk_p_peek(p, 0)) {
    case T(KW_def): return funcdef(p, start, true, none);
    case T(KW_for): return for_stmt(p, start, true);
    case T(KW_with): return with_stmt(p, start, true);
    default: return wk_p_generic_error(p);
    }
}

/* "match subject:" — not supported; detected so the message is clear */
static bool is_match_stmt(wk_parser *p) {
    if (!wk_p_at_name(p, "match")) return false;
    wk_tok_kind next = wk_p_peek(p, 1);
    if (!wk_p_starts_expr(next) && next != T(STAR)) return false;
    if (next == T(NAME) || next == T(LPAR) || next == T(LSQB) || next == T(LBRACE) || next == T(MINUS) ||
        next == T(NUMBER) || next == T(STRING) || next == T(STAR) || next == T(KW_None) ||
        next == T(KW_True) || next == T(KW_False) || next == T(TILDE) || next == T(PLUS)) {
        int depth = 0;
        for (int i = p->pos + 1; i < p->ntoks; i++) {
            wk_tok_kind k = p->toks[i].kind;
            if (k == T(LPAR) || k == T(LSQB) || k == T(LBRACE)) depth++;
            else if (k == T(RPAR) || k == T(RSQB) || k == T(RBRACE)) depth--;
            else if (k == T(NEWLINE) || k == T(ENDMARKER) || k == T(ERROR)) {
                return i > 0 && p->toks[i - 1].kind == T(COLON) && depth == 0;
            } else if (k == T(EQUAL) && depth == 0) {
                return false;
            }
        }
    }
    return false;
}

static bool compound_or_simple(wk_parser *p, wk_pvec *out) {
    const wk_token *t = wk_p_tok(p, 0);
    wk_ast *s;
    wk_ast_list none = {0, NULL};
    switch (t->kind) {
    case T(KW_if): s = if_stmt(p, "'if' statement"); break;
    case T(KW_while): s = while_stmt(p); break;
    case T(KW_for): s = for_stmt(p, t, false); break;
    case T(KW_with): s = with_stmt(p, t, false); break;
    case T(KW_try): s = try_stmt(p); break;
    case T(KW_def): s = funcdef(p, t, false, none); break;
    case T(KW_class): s = classdef(p, none); break;
    case T(AT): s = decorated(p); break;
    case T(KW_async): s = async_stmt(p); break;
    default:
        if (is_match_stmt(p)) {
            wk_p_error_tok(p, t, "match statements are not supported");
            return false;
        }
        return simple_stmts(p, out);
    }
    return s && wk_pvec_push(p, out, s);
}

bool wk_p_statement(wk_parser *p, wk_pvec *out) {
    if (!wk_p_enter(p)) return false;
    bool ok = compound_or_simple(p, out);
    wk_p_leave(p);
    return ok;
}
