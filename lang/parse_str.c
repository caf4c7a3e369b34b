/* parse_str.c — string literals: prefixes, escapes, implicit concatenation and f-strings (JoinedStr). */
#include "parse_int.h"
#include "sbuf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T(k) WK_TOK_##k

typedef struct {
    bool raw, bytes, fstr, u;
    size_t body, body_end;   /* byte offsets of the text between the quotes */
} str_info;

static str_info str_token_info(const wk_parser *p, const wk_token *t) {
    str_info si = {0};
    size_t i = (size_t)t->start;
    for (; p->src[i] != '\'' && p->src[i] != '"'; i++) {
        char c = (char)(p->src[i] | 0x20);
        if (c == 'r') si.raw = true;
        else if (c == 'b') si.bytes = true;
        else if (c == 'f') si.fstr = true;
        else if (c == 'u') si.u = true;
    }
    char q = p->src[i];
    size_t ql = (i + 2 < (size_t)t->end && p->src[i + 1] == q && p->src[i + 2] == q &&
                 (size_t)t->end - i >= 6) ? 3 : 1;
    si.body = i + ql;
    si.body_end = (size_t)t->end - ql;
    return si;
}

/* Errors about a whole string token point just behind it, as CPython 3.11 does. */
static void *str_error(wk_parser *p, const wk_token *t, const char *fmt, const char *arg) {
    char msg[200];
    snprintf(msg, sizeof msg, fmt, arg ? arg : "");
    int saved = p->fstring_nest;
    p->fstring_nest = 0;
    wk_p_error_range(p, t->lineno, t->end_lineno == t->lineno ? t->end_col : t->col,
                     t->lineno, t->end_col, "%s", msg);
    p->fstring_nest = saved;
    return NULL;
}

static void add_utf8(wk_sbuf *sb, unsigned cp) {
    char b[4];
    if (cp < 0x80) { b[0] = (char)cp; wk_sbuf_add(sb, b, 1); }
    else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6)); b[1] = (char)(0x80 | (cp & 0x3F));
        wk_sbuf_add(sb, b, 2);
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12)); b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        wk_sbuf_add(sb, b, 3);
    } else {
        b[0] = (char)(0xF0 | (cp >> 18)); b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); b[3] = (char)(0x80 | (cp & 0x3F));
        wk_sbuf_add(sb, b, 4);
    }
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    c = (char)(c | 0x20);
    return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

typedef struct { const char *name; unsigned cp; } uname;
static const uname unicode_names[] = {
    {"BULLET", 0x2022}, {"EM DASH", 0x2014}, {"EN DASH", 0x2013}, {"DEGREE SIGN", 0xB0},
    {"MULTIPLICATION SIGN", 0xD7}, {"DIVISION SIGN", 0xF7}, {"PLUS-MINUS SIGN", 0xB1},
    {"HORIZONTAL ELLIPSIS", 0x2026}, {"RIGHTWARDS ARROW", 0x2192}, {"LEFTWARDS ARROW", 0x2190},
    {"CHECK MARK", 0x2713}, {"BLACK STAR", 0x2605}, {"COPYRIGHT SIGN", 0xA9},
    {"NO-BREAK SPACE", 0xA0}, {"SPACE", 0x20}, {"LINE FEED", 0x0A}, {"NULL", 0},
    {"GREEK SMALL LETTER ALPHA", 0x3B1}, {"GREEK SMALL LETTER BETA", 0x3B2},
    {"GREEK SMALL LETTER GAMMA", 0x3B3}, {"GREEK SMALL LETTER DELTA", 0x3B4},
    {"GREEK SMALL LETTER EPSILON", 0x3B5}, {"GREEK SMALL LETTER THETA", 0x3B8},
    {"GREEK SMALL LETTER LAMDA", 0x3BB}, {"GREEK SMALL LETTER MU", 0x3BC},
    {"GREEK SMALL LETTER PI", 0x3C0}, {"GREEK SMALL LETTER SIGMA", 0x3C3},
    {"GREEK SMALL LETTER TAU", 0x3C4}, {"GREEK SMALL LETTER PHI", 0x3C6},
    {"GREEK SMALL LETTER OMEGA", 0x3C9}, {"GREEK CAPITAL LETTER DELTA", 0x394},
    {"GREEK CAPITAL LETTER SIGMA", 0x3A3}, {"GREEK CAPITAL LETTER OMEGA", 0x3A9},
    {"INFINITY", 0x221E}, {"SNOWMAN", 0x2603}, {"EURO SIGN", 0x20AC}, {"POUND SIGN", 0xA3},
    {"LATIN SMALL LETTER E WITH ACUTE", 0xE9}, {"BOX DRAWINGS LIGHT HORIZONTAL", 0x2500},
    {"FULL BLOCK", 0x2588}, {"MIDDLE DOT", 0xB7}, {"ZERO WIDTH SPACE", 0x200B},
};

static bool lookup_name(const char *s, size_t n, unsigned *cp) {
    for (size_t i = 0; i < sizeof unicode_names / sizeof unicode_names[0]; i++) {
        const char *nm = unicode_names[i].name;
        if (strlen(nm) != n) continue;
        size_t j = 0;
        while (j < n && (s[j] >= 'a' && s[j] <= 'z' ? s[j] - 32 : s[j]) == nm[j]) j++;
        if (j == n) { *cp = unicode_names[i].cp; return true; }
    }
    return false;
}

static void *unicode_error(wk_parser *p, const wk_token *t, size_t from, size_t to, const char *what) {
    char msg[160];
    snprintf(msg, sizeof msg, "(unicode error) 'unicodeescape' codec can't decode bytes in position %zu-%zu: %s",
             from, to, what);
    return str_error(p, t, "%s", msg);
}

/* Decodes one escape at s[i] == '\\'; returns the index after it, or 0 on error. */
static size_t decode_escape(wk_parser *p, const wk_token *t, wk_sbuf *out, const char *s, size_t i,
                            size_t n, bool bytes) {
    size_t start = i++;
    if (i >= n) { wk_sbuf_addc(out, '\\'); return i; }
    char c = s[i++];
    static const char simple_in[] = "\\'\"abfnrtv", simple_out[] = "\\'\"\a\b\f\n\r\t\v";
    const char *hit = strchr(simple_in, c);
    if (hit && c) { wk_sbuf_addc(out, simple_out[hit - simple_in]); return i; }
    if (c == '\n') return i;
    if (c == '\r') return (i < n && s[i] == '\n') ? i + 1 : i;
    if (c >= '0' && c <= '7') {
        unsigned v = (unsigned)(c - '0');
        for (int k = 0; k < 2 && i < n && s[i] >= '0' && s[i] <= '7'; k++) v = v * 8 + (unsigned)(s[i++] - '0');
        if (bytes) wk_sbuf_addc(out, (char)(v & 0xFF)); else add_utf8(out, v);
        return i;
    }
    int digits = c == 'x' ? 2 : (c == 'u' && !bytes) ? 4 : (c == 'U' && !bytes) ? 8 : 0;
    if (digits) {
        unsigned v = 0;
        for (int k = 0; k < digits; k++) {
            int h = i < n ? hexval(s[i]) : -1;
            if (h < 0) {
                const char *what = c == 'x' ? "truncated \\xXX escape" : c == 'u' ? "truncated \\uXXXX escape"
                                                                                   : "truncated \\UXXXXXXXX escape";
                return unicode_error(p, t, start, i - 1, what), (size_t)0;
            }
            v = v * 16 + (unsigned)h;
            i++;
        }
        if (v > 0x10FFFF) return unicode_error(p, t, start, i - 1, "illegal Unicode character"), (size_t)0;
        if (bytes) wk_sbuf_addc(out, (char)v); else add_utf8(out, v);
        return i;
    }
    if (c == 'N' && !bytes) {
        size_t close = i;
        while (close < n && s[close] != '}') close++;
        unsigned v;
        if (i >= n || s[i] != '{' || close >= n)
            return unicode_error(p, t, start, (i < n ? i : n - 1), "malformed \\N character escape"), (size_t)0;
        if (!lookup_name(s + i + 1, close - i - 1, &v))
            return unicode_error(p, t, start, close, "unknown Unicode character name"), (size_t)0;
        add_utf8(out, v);
        return close + 1;
    }
    /* unknown escape: kept as written (CPython warns) */
    wk_sbuf_addc(out, '\\');
    return i - 1;
}

/* Appends the value of s[0..n) (a string body or a literal part of one) to out. */
static bool decode_body(wk_parser *p, const wk_token *t, wk_sbuf *out, const char *s, size_t n,
                        bool raw, bool bytes) {
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        if (bytes && (unsigned char)c >= 0x80)
            return str_error(p, t, "bytes can only contain ASCII literal characters", NULL), false;
        if (c == '\r') {
            wk_sbuf_addc(out, '\n');
            i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
        } else if (c == '\\' && !raw) {
            i = decode_escape(p, t, out, s, i, n, bytes);
            if (!i) return false;
        } else if (c == '\\' && i + 1 < n) {
            wk_sbuf_addc(out, '\\');
            if (s[i + 1] != '\r') wk_sbuf_addc(out, s[i + 1]);
            else wk_sbuf_addc(out, '\n');
            i += (s[i + 1] == '\r' && i + 2 < n && s[i + 2] == '\n') ? 3 : 2;
        } else {
            wk_sbuf_addc(out, c);
            i++;
        }
    }
    return true;
}

/* ---- building the result ---- */

typedef struct {
    wk_parser *p;
    const wk_token *first, *last;
    wk_sbuf lit;             /* pending literal text */
    bool lit_any;
    wk_pvec values;          /* JoinedStr parts so far */
} str_builder;

static wk_ast *const_node(str_builder *b, const char *data, size_t len, bool bytes) {
    wk_ast *c = wk_p_node(b->p, WK_AST_Constant, b->first, b->last);
    if (!c) return NULL;
    char *copy = wk_arena_strndup(b->p->a, data ? data : "", len);
    if (!copy) return wk_p_oom(b->p);
    c->u.Constant.value.type = bytes ? WK_CONST_BYTES : WK_CONST_STR;
    c->u.Constant.value.v.s.data = copy;
    c->u.Constant.value.v.s.len = len;
    return c;
}

static bool flush_literal(str_builder *b) {
    if (b->lit.oom) return wk_p_oom(b->p), false;
    if (b->lit.len == 0) return true;
    wk_ast *c = const_node(b, b->lit.data, b->lit.len, false);
    wk_sbuf_clear(&b->lit);
    return c && wk_pvec_push(b->p, &b->values, c);
}

/* ---- f-strings ---- */

typedef struct {
    str_builder *b;
    const wk_token *tok;
    const char *s;            /* source */
    size_t i, end;            /* cursor within the body */
    bool raw;
    size_t cur_pos;           /* line/col tracking for sub-lexing */
    int cur_line, cur_col;
} fstr_state;

static void fs_locate(fstr_state *fs, size_t pos, int *line, int *col) {
    while (fs->cur_pos < pos) {
        char c = fs->s[fs->cur_pos++];
        if (c == '\n' || (c == '\r' && !(fs->cur_pos < pos && fs->s[fs->cur_pos] == '\n'))) {
            fs->cur_line++;
            fs->cur_col = 0;
        } else {
            fs->cur_col++;
        }
    }
    *line = fs->cur_line;
    *col = fs->cur_col;
}

static bool fs_error(fstr_state *fs, const char *msg) {
    str_error(fs->b->p, fs->tok, "%s", msg);
    return false;
}

/* Finds where the expression of a replacement field ends (at '!', ':', '}' or '=' on depth 0). */
static bool fs_scan_expr(fstr_state *fs, size_t *expr_end) {
    char stack[200];
    int depth = 0;
    char quote = 0;
    int qlen = 0;
    size_t i = fs->i;
    for (; i < fs->end; i++) {
        char c = fs->s[i];
        if (c == '\\') return fs_error(fs, "f-string expression part cannot include a backslash");
        if (quote) {
            if (c == quote && (qlen == 1 || (i + 2 < fs->end && fs->s[i + 1] == quote && fs->s[i + 2] == quote))) {
                i += (size_t)qlen - 1;
                quote = 0;
            }
            continue;
        }
        if (c == '\'' || c == '"') {
            quote = c;
            qlen = (i + 2 < fs->end && fs->s[i + 1] == c && fs->s[i + 2] == c) ? 3 : 1;
            i += (size_t)qlen - 1;
            continue;
        }
        char next = i + 1 < fs->end ? fs->s[i + 1] : 0;
        if (c == '(' || c == '[' || c == '{') {
            if (depth >= 200) return fs_error(fs, "f-string: too many nested parenthesis");
            stack[depth++] = c;
        } else if (c == '#') {
            return fs_error(fs, "f-string expression part cannot include '#'");
        } else if (depth == 0 && strchr("!:}=<>", c)) {
            if (next == '=' && strchr("!=<>", c)) { i++; continue; }
            if (c == '<' || c == '>') continue;
            break;
        } else if (c == ')' || c == ']' || c == '}') {
            char buf[80];
            if (depth == 0) {
                snprintf(buf, sizeof buf, "f-string: unmatched '%c'", c);
                return fs_error(fs, buf);
            }
            char o = stack[--depth];
            if ((o == '(' && c != ')') || (o == '[' && c != ']') || (o == '{' && c != '}')) {
                snprintf(buf, sizeof buf, "f-string: closing parenthesis '%c' does not match opening parenthesis '%c'", c, o);
                return fs_error(fs, buf);
            }
        }
    }
    if (quote) return fs_error(fs, "f-string: unterminated string");
    if (i >= fs->end) {
        if (depth > 0) {
            char buf[40];
            snprintf(buf, sizeof buf, "f-string: unmatched '%c'", stack[depth - 1]);
            return fs_error(fs, buf);
        }
        return fs_error(fs, "f-string: expecting '}'");
    }
    *expr_end = i;
    return true;
}

/* Parses source[start..end) as the expression of a replacement field. */
static wk_ast *fs_parse_expr(fstr_state *fs, size_t start, size_t end) {
    wk_parser *p = fs->b->p;
    size_t k = start;
    while (k < end && (fs->s[k] == ' ' || fs->s[k] == '\t' || fs->s[k] == '\n' || fs->s[k] == '\r' || fs->s[k] == '\f')) k++;
    if (k == end) return fs_error(fs, "f-string: empty expression not allowed"), NULL;
    int line, col;
    fs_locate(fs, start, &line, &col);
    wk_lexer lx;
    wk_lex(&lx, p->src, p->len, start, end, line, col, WK_LEX_FSTRING_EXPR);
    wk_parser sub = *p;
    sub.lx = &lx;
    sub.toks = lx.toks;
    sub.ntoks = lx.n;
    sub.pos = sub.maxpos = 0;
    sub.fstring_nest = p->fstring_nest + 1;
    wk_ast *e = NULL;
    if (lx.n == 0) {
        wk_p_oom(&sub);
    } else {
        e = wk_p_at(&sub, T(KW_yield)) ? wk_p_yield_expr(&sub) : wk_p_star_expressions(&sub);
        if (e && !wk_p_at(&sub, T(ENDMARKER))) e = wk_p_generic_error(&sub);
        if (e && e->kind == WK_AST_Starred) e = wk_p_error_node(&sub, e, "cannot use starred expression here");
        if (e && e->kind == WK_AST_Tuple && p->src[lx.toks[0].start] != '(') {
            /* CPython parses the field as "(expr)": a bare tuple spans the braces */
            int el, ec;
            e->lineno = line;
            e->col_offset = col - 1;
            fs_locate(fs, end + 1, &el, &ec);
            e->end_lineno = el;
            e->end_col_offset = ec;
        }
    }
    p->failed = sub.failed;
    wk_lex_free(&lx);
    return p->failed ? NULL : e;
}

static bool fs_literal(fstr_state *fs, wk_sbuf *out, bool in_spec);

/* The format spec after ':' up to the field's closing '}' (not consumed). */
static wk_ast *fs_spec(fstr_state *fs) {
    wk_parser *p = fs->b->p;
    p->fspec_nest++;
    str_builder *outer = fs->b;
    str_builder inner = { p, outer->first, outer->last, {0}, false, {0} };
    wk_sbuf_init(&inner.lit);
    fs->b = &inner;
    bool ok = fs_literal(fs, &inner.lit, true) && flush_literal(&inner);
    fs->b = outer;
    wk_sbuf_free(&inner.lit);
    p->fspec_nest--;
    if (!ok) return NULL;
    wk_ast *j = wk_p_node(p, WK_AST_JoinedStr, outer->first, outer->last);
    if (j) j->u.JoinedStr.values = wk_pvec_list(&inner.values);
    return j;
}

/* A replacement field; fs->i is just after '{'. */
static bool fs_field(fstr_state *fs) {
    str_builder *b = fs->b;
    if (b->p->fspec_nest >= 2) return fs_error(fs, "f-string: expressions nested too deeply");
    size_t expr_start = fs->i, expr_end;
    if (!fs_scan_expr(fs, &expr_end)) return false;
    wk_ast *e = fs_parse_expr(fs, expr_start, expr_end);
    if (!e) return false;
    fs->i = expr_end;
    int conversion = -1;
    bool debug = false;
    if (fs->s[fs->i] == '=') {
        fs->i++;
        while (fs->i < fs->end && strchr(" \t\n\r\f", fs->s[fs->i])) fs->i++;
        wk_sbuf_add(&b->lit, fs->s + expr_start, fs->i - expr_start);
        debug = true;
    }
    if (fs->i < fs->end && fs->s[fs->i] == '!') {
        fs->i++;
        char c = fs->i < fs->end ? fs->s[fs->i] : 0;
        if (c != 's' && c != 'r' && c != 'a')
            return fs_error(fs, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
        conversion = c;
        fs->i++;
        if (fs->i >= fs->end || (fs->s[fs->i] != ':' && fs->s[fs->i] != '}'))
            return fs_error(fs, "f-string: expecting '}'");
    }
    wk_ast *spec = NULL;
    if (fs->i < fs->end && fs->s[fs->i] == ':') {
        fs->i++;
        if (!(spec = fs_spec(fs))) return false;
    }
    if (fs->i >= fs->end || fs->s[fs->i] != '}') return fs_error(fs, "f-string: expecting '}'");
    fs->i++;
    if (debug && conversion == -1 && !spec) conversion = 'r';
    if (!flush_literal(b)) return false;
    wk_ast *fv = wk_p_node(b->p, WK_AST_FormattedValue, b->first, b->last);
    if (!fv) return false;
    fv->u.FormattedValue.value = e;
    fv->u.FormattedValue.conversion = conversion;
    fv->u.FormattedValue.format_spec = spec;
    return wk_pvec_push(b->p, &b->values, fv);
}

/* Literal text and fields up to the end of the body (or, in a spec, up to '}'). */
static bool fs_literal(fstr_state *fs, wk_sbuf *out, bool in_spec) {
    while (fs->i < fs->end) {
        size_t run = fs->i;
        while (run < fs->end && fs->s[run] != '{' && fs->s[run] != '}') {
            if (fs->s[run] == '\\' && !fs->raw && run + 1 < fs->end) {
                if (fs->s[run + 1] == 'N' && run + 2 < fs->end && fs->s[run + 2] == '{') {
                    while (run < fs->end && fs->s[run] != '}') run++;
                    if (run < fs->end) run++;
                    continue;
                }
                run++;
            }
            run++;
        }
        if (run > fs->end) run = fs->end;
        if (!decode_body(fs->b->p, fs->tok, out, fs->s + fs->i, run - fs->i, fs->raw, false)) return false;
        fs->i = run;
        if (run >= fs->end) break;
        char c = fs->s[run];
        char next = run + 1 < fs->end ? fs->s[run + 1] : 0;
        if (c == '}' && in_spec) return true;
        if (c == next && !in_spec) {   /* doubled brace */
            wk_sbuf_addc(out, c);
            fs->i += 2;
            continue;
        }
        if (c == '}') return fs_error(fs, "f-string: single '}' is not allowed");
        fs->i++;
        if (!fs_field(fs)) return false;
    }
    if (in_spec) return fs_error(fs, "f-string: expecting '}'");
    return true;
}

static bool add_fstring(str_builder *b, const wk_token *t, const str_info *si) {
    fstr_state fs = { b, t, b->p->src, si->body, si->body_end, si->raw,
                      (size_t)t->start, t->lineno, t->col };
    return fs_literal(&fs, &b->lit, false);
}

wk_ast *wk_p_strings(wk_parser *p) {
    str_builder b = { p, wk_p_tok(p, 0), NULL, {0}, false, {0} };
    wk_sbuf_init(&b.lit);
    int first = p->pos, n = 0;
    bool any_f = false, any_bytes = false, any_str = false;
    while (wk_p_peek(p, n) == T(STRING) && !p->failed) {
        str_info si = str_token_info(p, &p->toks[first + n]);
        any_f |= si.fstr;
        any_bytes |= si.bytes;
        any_str |= !si.bytes;
        n++;
    }
    if (p->failed) return NULL;
    b.last = &p->toks[first + n - 1];
    p->pos = first + n;
    if (any_bytes && any_str) return str_error(p, b.last, "cannot mix bytes and nonbytes literals", NULL);
    bool ok = true;
    for (int k = 0; k < n && ok; k++) {
        const wk_token *t = &p->toks[first + k];
        str_info si = str_token_info(p, t);
        if (si.fstr) ok = add_fstring(&b, t, &si);
        else ok = decode_body(p, t, &b.lit, p->src + si.body, si.body_end - si.body, si.raw, si.bytes);
    }
    wk_ast *r = NULL;
    if (ok && b.lit.oom) wk_p_oom(p);
    else if (ok && !any_f) {
        r = const_node(&b, b.lit.data, b.lit.len, any_bytes);
        if (r && str_token_info(p, b.first).u) r->u.Constant.kind = "u";
    } else if (ok && flush_literal(&b)) {
        r = wk_p_node(p, WK_AST_JoinedStr, b.first, b.last);
        if (r) r->u.JoinedStr.values = wk_pvec_list(&b.values);
    }
    wk_sbuf_free(&b.lit);
    return p->failed ? NULL : r;
}
