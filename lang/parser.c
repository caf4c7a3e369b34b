/* parser.c — parser entry points, token access, error reporting and the REPL completeness check. */
#include "parse_int.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- token access ---- */

const wk_token *wk_p_tok(wk_parser *p, int ahead) {
    int i = p->pos + ahead;
    if (i >= p->ntoks) i = p->ntoks - 1;
    if (i > p->maxpos) p->maxpos = i;
    const wk_token *t = &p->toks[i];
    if (t->kind == WK_TOK_ERROR && !p->failed) {
        /* the tokenizer failed here: CPython raises its error when the token is fetched */
        wk_p_generic_error(p);
    }
    return t;
}

wk_tok_kind wk_p_peek(wk_parser *p, int ahead) { return wk_p_tok(p, ahead)->kind; }

bool wk_p_at(wk_parser *p, wk_tok_kind k) { return !p->failed && wk_p_peek(p, 0) == k; }

const wk_token *wk_p_next(wk_parser *p) {
    const wk_token *t = wk_p_tok(p, 0);
    if (p->pos < p->ntoks - 1) p->pos++;
    return t;
}

const wk_token *wk_p_accept(wk_parser *p, wk_tok_kind k) {
    return wk_p_at(p, k) ? wk_p_next(p) : NULL;
}

const wk_token *wk_p_prev(wk_parser *p) { return &p->toks[p->pos > 0 ? p->pos - 1 : 0]; }

bool wk_p_at_name(wk_parser *p, const char *name) {
    const wk_token *t = wk_p_tok(p, 0);
    size_t n = strlen(name);
    return !p->failed && t->kind == WK_TOK_NAME && (size_t)(t->end - t->start) == n &&
           memcmp(p->src + t->start, name, n) == 0;
}

char *wk_p_tok_str(wk_parser *p, const wk_token *t) {
    char *s = wk_arena_strndup(p->a, p->src + t->start, (size_t)(t->end - t->start));
    if (!s) wk_p_oom(p);
    return s;
}

bool wk_p_enter(wk_parser *p) {
    if (p->failed) return false;
    if (++p->depth > WK_MAX_DEPTH) {
        wk_p_error_tok(p, wk_p_tok(p, 0), "too many nested expressions");
        return false;
    }
    return true;
}

void wk_p_leave(wk_parser *p) { p->depth--; }

/* ---- vectors ---- */

bool wk_pvec_push(wk_parser *p, wk_pvec *v, wk_ast *n) {
    if (v->n == v->cap) {
        int ncap = v->cap ? v->cap * 2 : 4;
        wk_ast **ni = wk_arena_alloc(p->a, sizeof(wk_ast *) * (size_t)ncap);
        if (!ni) { wk_p_oom(p); return false; }
        if (v->n) memcpy(ni, v->items, sizeof(wk_ast *) * (size_t)v->n);
        v->items = ni;
        v->cap = ncap;
    }
    v->items[v->n++] = n;
    return true;
}

wk_ast_list wk_pvec_list(const wk_pvec *v) {
    wk_ast_list l = { v->n, v->n ? v->items : NULL };
    return l;
}

/* ---- nodes ---- */

wk_ast *wk_p_node(wk_parser *p, wk_ast_kind k, const wk_token *start, const wk_token *end) {
    wk_ast *n = wk_ast_new(p->a, k, start->lineno, start->col, end->end_lineno, end->end_col);
    if (!n) wk_p_oom(p);
    return n;
}

wk_ast *wk_p_node_span(wk_parser *p, wk_ast_kind k, const wk_ast *first, const wk_ast *last) {
    wk_ast *n = wk_ast_new(p->a, k, first->lineno, first->col_offset, last->end_lineno, last->end_col_offset);
    if (!n) wk_p_oom(p);
    return n;
}

void wk_p_set_start_tok(wk_ast *n, const wk_token *t) { n->lineno = t->lineno; n->col_offset = t->col; }
void wk_p_set_end_tok(wk_ast *n, const wk_token *t) { n->end_lineno = t->end_lineno; n->end_col_offset = t->end_col; }
void wk_p_set_end_node(wk_ast *n, const wk_ast *last) {
    n->end_lineno = last->end_lineno;
    n->end_col_offset = last->end_col_offset;
}

/* ---- errors ---- */

/* Byte offset where line `lineno` starts (1-based), or -1. */
static long line_start_of(const wk_parser *p, int lineno) {
    int line = 1;
    size_t i = 0;
    while (line < lineno && i < p->len) {
        char c = p->src[i++];
        if (c == '\n' || (c == '\r' && !(i < p->len && p->src[i] == '\n'))) line++;
    }
    return line == lineno ? (long)i : -1;
}

static size_t line_end_from(const wk_parser *p, size_t s) {
    while (s < p->len && p->src[s] != '\n' && p->src[s] != '\r') s++;
    return s;
}

/* 1-based character offset of byte column col on line lineno. */
static int char_offset(const wk_parser *p, long ls, int col) {
    if (ls < 0) return col + 1;
    size_t end = line_end_from(p, (size_t)ls);
    size_t want = (size_t)ls + (size_t)(col < 0 ? 0 : col);
    size_t n = want <= end ? want - (size_t)ls : end - (size_t)ls;
    int chars = wk_lex_utf8_count(p->src + ls, n);
    if (want > end) chars += (int)(want - end);
    return chars + 1;
}

static void set_text(wk_parser *p, long ls) {
    if (ls < 0 || (size_t)ls > p->len) return;
    size_t e = line_end_from(p, (size_t)ls);
    if (e < p->len) e++;
    p->err->text = wk_arena_strndup(p->a, p->src + ls, e - (size_t)ls);
}

static void *verror(wk_parser *p, int kind, int lineno, int col, int end_lineno, int end_col,
                    const char *fmt, va_list ap) {
    if (p->failed) return NULL;
    p->failed = true;
    wk_parse_error *e = p->err;
    e->kind = kind;
    char buf[200];
    vsnprintf(buf, sizeof buf, fmt, ap);
    if (p->fstring_nest > 0 && strncmp(buf, "f-string", 8) != 0)
        snprintf(e->msg, sizeof e->msg, "f-string: %s", buf);
    else
        snprintf(e->msg, sizeof e->msg, "%s", buf);
    long ls = line_start_of(p, lineno);
    e->lineno = lineno;
    e->offset = char_offset(p, ls, col);
    e->end_lineno = end_lineno;
    e->end_offset = char_offset(p, end_lineno == lineno ? ls : line_start_of(p, end_lineno), end_col);
    set_text(p, ls);
    e->incomplete = p->fstring_nest == 0 && p->toks[p->maxpos].kind == WK_TOK_ENDMARKER;
    return NULL;
}

void *wk_p_oom(wk_parser *p) {
    if (p->failed) return NULL;
    p->failed = true;
    p->err->kind = WK_PERR_MEMORY;
    snprintf(p->err->msg, sizeof p->err->msg, "out of memory");
    return NULL;
}

void *wk_p_error_tok(wk_parser *p, const wk_token *t, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    verror(p, WK_PERR_SYNTAX, t->lineno, t->col, t->end_lineno, t->end_col, fmt, ap);
    va_end(ap);
    return NULL;
}

void *wk_p_error_kind(wk_parser *p, int kind, const wk_token *t, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    verror(p, kind, t->lineno, t->col, t->end_lineno, t->end_col, fmt, ap);
    va_end(ap);
    return NULL;
}

void *wk_p_error_node(wk_parser *p, const wk_ast *n, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    verror(p, WK_PERR_SYNTAX, n->lineno, n->col_offset, n->end_lineno, n->end_col_offset, fmt, ap);
    va_end(ap);
    return NULL;
}

void *wk_p_error_range(wk_parser *p, int lineno, int col, int end_lineno, int end_col, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    verror(p, WK_PERR_SYNTAX, lineno, col, end_lineno, end_col, fmt, ap);
    va_end(ap);
    return NULL;
}

/* Reports the tokenizer's error (it is at the end of the token array). */
static void *lexer_error(wk_parser *p) {
    wk_lexer *lx = p->lx;
    if (p->failed) return NULL;
    p->failed = true;
    wk_parse_error *e = p->err;
    e->kind = lx->err_kind;
    snprintf(e->msg, sizeof e->msg, "%s", lx->err_msg);
    size_t pos = (size_t)lx->err_pos;
    long ls = (long)pos;
    while (ls > 0 && p->src[ls - 1] != '\n' && p->src[ls - 1] != '\r') ls--;
    e->lineno = lx->err_lineno;
    e->offset = wk_lex_utf8_count(p->src + ls, pos - (size_t)ls) + lx->err_add;
    e->end_lineno = lx->err_end_lineno;
    e->end_offset = e->offset;
    e->incomplete = lx->err_eof;
    set_text(p, ls);
    return NULL;
}

void *wk_p_generic_error(wk_parser *p) {
    if (p->failed) return NULL;
    const wk_token *t = &p->toks[p->maxpos < p->ntoks ? p->maxpos : p->ntoks - 1];
    /* tokenizer errors further on win over "invalid syntax", except that an unclosed
       bracket only does when the parser failed on a later line (as CPython) */
    if (p->lx && p->lx->err_kind && (!p->lx->err_unclosed || t->kind == WK_TOK_ERROR ||
                                     t->lineno > p->lx->err_lineno))
        return lexer_error(p);
    if (t->kind == WK_TOK_INDENT) {
        wk_p_error_kind(p, WK_PERR_INDENT, t, "unexpected indent");
        p->err->offset = char_offset(p, line_start_of(p, t->lineno), t->end_col) - 1;
        return NULL;
    }
    if (t->kind == WK_TOK_DEDENT) return wk_p_error_kind(p, WK_PERR_INDENT, t, "unexpected unindent");
    return wk_p_error_tok(p, t, "invalid syntax");
}

const wk_token *wk_p_expect(wk_parser *p, wk_tok_kind k, const char *msg) {
    const wk_token *t = wk_p_accept(p, k);
    if (t || p->failed) return t;
    if (msg) {
        /* CPython points "expected ':'" just behind the previous token */
        const wk_token *prev = wk_p_prev(p);
        wk_token at = *prev;
        at.lineno = at.end_lineno;
        at.col = at.end_col;
        return wk_p_error_tok(p, &at, "%s", msg);
    }
    return wk_p_generic_error(p);
}

/* ---- entry points ---- */

static wk_ast *parse_module(wk_parser *p, wk_ast_kind kind) {
    wk_pvec body = {0};
    if (!wk_p_statements_until(p, &body, WK_TOK_ENDMARKER)) return NULL;
    wk_ast *m = wk_ast_new(p->a, kind, 0, 0, 0, 0);
    if (!m) return wk_p_oom(p);
    m->u.Module.body = wk_pvec_list(&body);
    return m;
}

static wk_ast *parse_single(wk_parser *p) {
    wk_pvec body = {0};
    while (wk_p_accept(p, WK_TOK_NEWLINE)) {}
    if (!wk_p_at(p, WK_TOK_ENDMARKER)) {
        if (!wk_p_statement(p, &body)) return NULL;
        while (wk_p_accept(p, WK_TOK_NEWLINE)) {}
        if (!wk_p_at(p, WK_TOK_ENDMARKER)) {
            if (p->failed) return NULL;
            return wk_p_error_tok(p, wk_p_tok(p, 0), "multiple statements found while compiling a single statement");
        }
    }
    if (p->failed) return NULL;
    wk_ast *m = wk_ast_new(p->a, WK_AST_Interactive, 0, 0, 0, 0);
    if (!m) return wk_p_oom(p);
    m->u.Interactive.body = wk_pvec_list(&body);
    return m;
}

static wk_ast *parse_eval(wk_parser *p) {
    while (wk_p_accept(p, WK_TOK_NEWLINE)) {}
    wk_ast *e = wk_p_star_expressions(p);
    if (!e) return p->failed ? NULL : wk_p_generic_error(p);
    while (wk_p_accept(p, WK_TOK_NEWLINE)) {}
    if (!wk_p_at(p, WK_TOK_ENDMARKER)) return wk_p_generic_error(p);
    wk_ast *m = wk_ast_new(p->a, WK_AST_Expression, 0, 0, 0, 0);
    if (!m) return wk_p_oom(p);
    m->u.Expression.body = e;
    return m;
}

wk_ast *wk_parse(wk_arena *a, const char *src, size_t len, const char *filename,
                 wk_parse_mode mode, wk_parse_error *err) {
    (void)filename;
    memset(err, 0, sizeof *err);
    wk_lexer lx;
    size_t start = 0;
    if (mode == WK_PARSE_EVAL)
        while (start < len && (src[start] == ' ' || src[start] == '\t')) start++;
    wk_lex(&lx, src, len, start, len, 1, (int)start, 0);
    wk_parser p = {0};
    p.a = a;
    p.src = src;
    p.len = len;
    p.lx = &lx;
    p.toks = lx.toks;
    p.ntoks = lx.n;
    p.err = err;
    wk_ast *r = NULL;
    if (lx.n == 0 || lx.err_kind == WK_PERR_MEMORY) {
        if (lx.err_kind == WK_PERR_MEMORY) {
            err->kind = WK_PERR_MEMORY;
            snprintf(err->msg, sizeof err->msg, "%s", lx.err_msg);
        } else {
            lexer_error(&p);
        }
    } else if (mode == WK_PARSE_EVAL) {
        r = parse_eval(&p);
    } else if (mode == WK_PARSE_SINGLE) {
        r = parse_single(&p);
    } else {
        r = parse_module(&p, WK_AST_Module);
    }
    if (p.failed) r = NULL;
    else if (!r && !err->kind) wk_p_generic_error(&p);
    wk_lex_free(&lx);
    return r;
}

/* ---- REPL completeness ---- */

static bool only_blank_or_comments(const char *s, size_t len) {
    bool in_comment = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '\n' || c == '\r') in_comment = false;
        else if (c == '#') in_comment = true;
        else if (!in_comment && c != ' ' && c != '\t' && c != '\f') return false;
    }
    return true;
}

static bool is_compound(const wk_ast *s) {
    switch (s->kind) {
    case WK_AST_FunctionDef: case WK_AST_AsyncFunctionDef: case WK_AST_ClassDef:
    case WK_AST_For: case WK_AST_AsyncFor: case WK_AST_While: case WK_AST_If:
    case WK_AST_With: case WK_AST_AsyncWith: case WK_AST_Try: case WK_AST_TryStar:
        return true;
    default:
        return false;
    }
}

/* Indent of the last non-blank line, plus 4 when it opens a block. */
static int suggest_indent(const char *s, size_t len) {
    size_t end = len;
    for (;;) {
        while (end > 0 && (s[end - 1] == '\n' || s[end - 1] == '\r' || s[end - 1] == ' ' || s[end - 1] == '\t')) end--;
        size_t ls = end;
        while (ls > 0 && s[ls - 1] != '\n' && s[ls - 1] != '\r') ls--;
        if (end == 0) return 0;
        int ind = 0;
        size_t i = ls;
        for (; i < end && (s[i] == ' ' || s[i] == '\t'); i++) ind = s[i] == '\t' ? (ind / 8 + 1) * 8 : ind + 1;
        if (i < end && s[i] == '#') { end = ls; continue; }
        return s[end - 1] == ':' ? ind + 4 : ind;
    }
}

wk_completeness wk_parse_is_complete(const char *src, size_t len, int *indent_out) {
    if (indent_out) *indent_out = 0;
    if (only_blank_or_comments(src, len)) return WK_COMPLETE;
    wk_arena *a = wk_arena_new();
    if (!a) return WK_INVALID;
    wk_parse_error err;
    wk_ast *m = wk_parse(a, src, len, "<input>", WK_PARSE_SINGLE, &err);
    wk_completeness r;
    if (!m) {
        r = err.incomplete ? WK_INCOMPLETE : WK_INVALID;
    } else {
        const wk_ast_list *body = &m->u.Interactive.body;
        bool compound = body->n == 1 && is_compound(body->items[0]);
        bool ends_nl = len > 0 && (src[len - 1] == '\n' || src[len - 1] == '\r');
        r = (compound && !ends_nl) ? WK_INCOMPLETE : WK_COMPLETE;
    }
    wk_arena_free(a);
    if (r == WK_INCOMPLETE && indent_out) *indent_out = suggest_indent(src, len);
    return r;
}
