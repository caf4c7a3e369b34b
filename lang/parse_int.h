/* parse_int.h — state and helpers shared by the parser's files (not part of the public API). */
#ifndef WK_PARSE_INT_H
#define WK_PARSE_INT_H
#include "ast.h"
#include "lexer.h"
#include "parser.h"

#define WK_MAX_DEPTH 1000

typedef struct { wk_ast **items; int n, cap; } wk_pvec;

typedef struct wk_parser {
    wk_arena *a;
    const char *src;
    size_t len;
    wk_lexer *lx;
    wk_token *toks;
    int ntoks;
    int pos, maxpos;
    wk_parse_error *err;
    bool failed;
    int depth;
    int fstring_nest;      /* > 0 while parsing an f-string replacement field */
    int fspec_nest;        /* nesting of format specs */
    const wk_token *fstring_tok; /* the STRING token an f-string error is reported at */
} wk_parser;

/* token access */
const wk_token *wk_p_tok(wk_parser *p, int ahead);
wk_tok_kind wk_p_peek(wk_parser *p, int ahead);
bool wk_p_at(wk_parser *p, wk_tok_kind k);
const wk_token *wk_p_accept(wk_parser *p, wk_tok_kind k);
const wk_token *wk_p_next(wk_parser *p);
const wk_token *wk_p_prev(wk_parser *p);
bool wk_p_at_name(wk_parser *p, const char *name);
char *wk_p_tok_str(wk_parser *p, const wk_token *t);

/* errors: the first one wins; all return NULL for convenience */
void *wk_p_oom(wk_parser *p);
void *wk_p_error_tok(wk_parser *p, const wk_token *t, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void *wk_p_error_node(wk_parser *p, const wk_ast *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void *wk_p_error_range(wk_parser *p, int lineno, int col, int end_lineno, int end_col,
                       const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void *wk_p_error_kind(wk_parser *p, int kind, const wk_token *t, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* "invalid syntax" at the furthest token looked at, unless the tokenizer reports
   an error further on (as CPython does). */
void *wk_p_generic_error(wk_parser *p);
/* Raises "expected 'x'" style errors when the next token is not k. */
const wk_token *wk_p_expect(wk_parser *p, wk_tok_kind k, const char *msg);
bool wk_p_enter(wk_parser *p);
void wk_p_leave(wk_parser *p);

/* vectors in the arena */
bool wk_pvec_push(wk_parser *p, wk_pvec *v, wk_ast *n);
wk_ast_list wk_pvec_list(const wk_pvec *v);

/* node helpers */
wk_ast *wk_p_node(wk_parser *p, wk_ast_kind k, const wk_token *start, const wk_token *end);
wk_ast *wk_p_node_span(wk_parser *p, wk_ast_kind k, const wk_ast *first, const wk_ast *last);
void wk_p_set_start_tok(wk_ast *n, const wk_token *t);
void wk_p_set_end_tok(wk_ast *n, const wk_token *t);
void wk_p_set_end_node(wk_ast *n, const wk_ast *last);

/* expressions (parse_expr.c) */
bool wk_p_starts_expr(wk_tok_kind k);
wk_ast *wk_p_expression(wk_parser *p);
wk_ast *wk_p_named_expression(wk_parser *p);
wk_ast *wk_p_star_expressions(wk_parser *p);     /* a, *b, c -> Tuple */
wk_ast *wk_p_star_named_expressions_tuple(wk_parser *p); /* for return/yield lists */
wk_ast *wk_p_bitwise_or(wk_parser *p);
wk_ast *wk_p_disjunction(wk_parser *p);
wk_ast *wk_p_yield_expr(wk_parser *p);
wk_ast *wk_p_star_targets(wk_parser *p);         /* for-loop targets */
wk_ast *wk_p_arguments(wk_parser *p, bool lambda); /* parameter list up to ')' or ':' */
bool wk_p_call_args(wk_parser *p, const wk_token *open, wk_ast_list *args, wk_ast_list *kws);
wk_ast *wk_p_primary(wk_parser *p);
const char *wk_p_expr_name(const wk_ast *e);
/* CPython's errors for "if x = 1:" style stray '=' after expression e */
void *wk_p_stray_assign(wk_parser *p, const wk_ast *e);
/* Sets ctx on a target; reports CPython's error for an invalid one. kind: 0 assign,
   1 delete, 2 for/with/comprehension target. */
bool wk_p_set_target(wk_parser *p, wk_ast *e, wk_expr_ctx ctx);
const wk_ast *wk_p_invalid_target(const wk_ast *e, wk_expr_ctx ctx);

/* strings (parse_str.c): consumes adjacent STRING tokens */
wk_ast *wk_p_strings(wk_parser *p);

/* statements (parse_stmt.c) */
bool wk_p_statements_until(wk_parser *p, wk_pvec *out, wk_tok_kind stop);
bool wk_p_statement(wk_parser *p, wk_pvec *out);

#endif
