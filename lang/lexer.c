/* lexer.c — tokenizer: turns source bytes into wk_token arrays with CPython's tokenizer errors. */
#include "lexer.h"
#include "parser.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WK_MAX_INDENT 100
#define WK_MAX_PAREN 200
#define WK_MAX_SOURCE (1u << 30)

typedef struct {
    wk_lexer *lx;
    const char *s;
    size_t pos, end;
    int line;
    long line_start;         /* byte offset where the current line starts (may be < start) */
    int flags;
    bool at_bol;
    int nind;
    int ind[WK_MAX_INDENT + 1], altind[WK_MAX_INDENT + 1];
    int level;
    char paren[WK_MAX_PAREN + 1];
    int paren_line[WK_MAX_PAREN + 1];
    size_t paren_pos[WK_MAX_PAREN + 1];
} lexstate;

static const char *const tok_texts[] = {
#define WK_TOK_TEXT_(name, text) text,
    WK_TOKENS(WK_TOK_TEXT_)
#undef WK_TOK_TEXT_
};

const char *wk_lex_kind_text(wk_tok_kind k) {
    return (unsigned)k < WK_TOK_COUNT ? tok_texts[k] : "?";
}

wk_tok_kind wk_lex_keyword(const char *name, size_t n) {
    for (int k = WK_TOK_KW_False; k <= WK_TOK_KW_yield; k++) {
        const char *t = tok_texts[k];
        if (strlen(t) == n && memcmp(t, name, n) == 0) return (wk_tok_kind)k;
    }
    return WK_TOK_NAME;
}

int wk_lex_utf8_decode(const unsigned char *s, size_t n, unsigned *cp) {
    unsigned c = s[0];
    int len;
    unsigned min;
    if (c < 0x80) { *cp = c; return 1; }
    if (c >= 0xC2 && c <= 0xDF) { len = 2; c &= 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; c &= 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; c &= 0x07; min = 0x10000; }
    else return 0;
    if (n < (size_t)len) return 0;
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
    *cp = c;
    return len;
}

int wk_lex_utf8_count(const char *s, size_t n) {
    int count = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) count++;
    return count;
}

/* ---- errors ---- */

static void lex_error_at(lexstate *st, int kind, int line, size_t pos, int add, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static void lex_error_at(lexstate *st, int kind, int line, size_t pos, int add, const char *fmt, ...) {
    wk_lexer *lx = st->lx;
    if (lx->err_kind) return;
    lx->err_kind = kind;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(lx->err_msg, sizeof lx->err_msg, fmt, ap);
    va_end(ap);
    lx->err_lineno = lx->err_end_lineno = line;
    lx->err_pos = lx->err_end_pos = (int)pos;
    lx->err_add = lx->err_end_add = add;
}

/* ---- token output ---- */

static int cur_col(const lexstate *st, size_t pos) { return (int)((long)pos - st->line_start); }

static bool push_tok(lexstate *st, wk_tok_kind k, size_t start, int line, int col, size_t end) {
    wk_lexer *lx = st->lx;
    if (lx->n == lx->cap) {
        int ncap = lx->cap ? lx->cap * 2 : 256;
        wk_token *nt = realloc(lx->toks, sizeof(wk_token) * (size_t)ncap);
        if (!nt) {
            lex_error_at(st, WK_PERR_MEMORY, st->line, end, 0, "out of memory");
            return false;
        }
        lx->toks = nt;
        lx->cap = ncap;
    }
    wk_token *t = &lx->toks[lx->n++];
    t->kind = k;
    t->start = (int)start;
    t->end = (int)end;
    t->lineno = line;
    t->col = col;
    t->end_lineno = st->line;
    t->end_col = cur_col(st, end);
    return true;
}

/* Token that starts and ends on the current line. */
static bool push_simple(lexstate *st, wk_tok_kind k, size_t start, size_t end) {
    return push_tok(st, k, start, st->line, cur_col(st, start), end);
}

/* ---- character classes ---- */

static int peekc(const lexstate *st, size_t off) {
    size_t p = st->pos + off;
    return p < st->end ? (unsigned char)st->s[p] : -1;
}

static bool is_newline_at(const lexstate *st, size_t p) {
    return p < st->end && (st->s[p] == '\n' || st->s[p] == '\r');
}

/* Consumes a newline at st->pos ("\n", "\r\n" or "\r") and starts the next line. */
static void eat_newline(lexstate *st) {
    if (st->s[st->pos] == '\r' && st->pos + 1 < st->end && st->s[st->pos + 1] == '\n') st->pos++;
    st->pos++;
    st->line++;
    st->line_start = (long)st->pos;
}

static bool is_id_start_ascii(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_id_char_ascii(int c) { return is_id_start_ascii(c) || is_digit(c); }

/* Approximation of XID_Continue for non-ASCII code points: letters and marks of all
   scripts are accepted, well-known punctuation/symbol blocks are not. */
static bool is_id_cp(unsigned cp) {
    if (cp < 0x80) return is_id_char_ascii((int)cp);
    if (cp < 0xC0) return cp == 0xAA || cp == 0xB5 || cp == 0xBA || cp == 0xB7;
    if (cp == 0xD7 || cp == 0xF7) return false;
    if (cp >= 0x2000 && cp <= 0x206F) return cp == 0x203F || cp == 0x2040 || cp == 0x2054;
    if (cp >= 0x20A0 && cp <= 0x20CF) return false;
    if (cp >= 0x2190 && cp <= 0x2BFF) return false;
    if (cp >= 0x3000 && cp <= 0x3003) return false;
    if (cp >= 0xFE10 && cp <= 0xFE6F) return false;
    if (cp >= 0xFF01 && cp <= 0xFF0F) return false;
    if (cp >= 0xFFF0 && cp <= 0xFFFF) return false;
    if (cp >= 0x1F000 && cp <= 0x1FAFF) return false;
    if (cp >= 0xE000 && cp <= 0xF8FF) return false;
    return true;
}

static bool is_printable_cp(unsigned cp) {
    if (cp < 0x20 || cp == 0x7F) return false;
    if (cp >= 0x80 && cp <= 0xA0) return false;
    if (cp == 0xAD || (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F)) return false;
    if (cp == 0xFEFF || (cp >= 0xE000 && cp <= 0xF8FF)) return false;
    return true;
}

/* ---- indentation ---- */

static bool handle_indent(lexstate *st) {
    int col = 0, alt = 0;
    size_t p = st->pos;
    for (; p < st->end; p++) {
        char c = st->s[p];
        if (c == ' ') { col++; alt++; }
        else if (c == '\t') { col = (col / 8 + 1) * 8; alt++; }
        else if (c == '\f') { col = alt = 0; }
        else break;
    }
    st->pos = p;
    if (p >= st->end || st->s[p] == '#' || st->s[p] == '\n' || st->s[p] == '\r' ||
        (st->s[p] == '\\' && is_newline_at(st, p + 1)))
        return true;   /* blank line: no indentation change */
    st->at_bol = false;
    int top = st->ind[st->nind], alttop = st->altind[st->nind];
    if (col == top) {
        if (alt != alttop) goto tab_error;
    } else if (col > top) {
        if (st->nind >= WK_MAX_INDENT) {
            lex_error_at(st, WK_PERR_INDENT, st->line, p, 1, "too many levels of indentation");
            return false;
        }
        if (alt <= alttop) goto tab_error;
        st->nind++;
        st->ind[st->nind] = col;
        st->altind[st->nind] = alt;
        return push_tok(st, WK_TOK_INDENT, (size_t)st->line_start, st->line, 0, p);
    } else {
        while (st->nind > 0 && col < st->ind[st->nind]) {
            st->nind--;
            if (!push_simple(st, WK_TOK_DEDENT, p, p)) return false;
        }
        if (col != st->ind[st->nind]) {
            size_t e = p;
            while (e < st->end && st->s[e] != '\n' && st->s[e] != '\r') e++;
            lex_error_at(st, WK_PERR_INDENT, st->line, e, 1,
                         "unindent does not match any outer indentation level");
            return false;
        }
        if (alt != st->altind[st->nind]) goto tab_error;
    }
    return true;
tab_error:
    lex_error_at(st, WK_PERR_TAB, st->line, p, 0, "inconsistent use of tabs and spaces in indentation");
    return false;
}

/* ---- numbers ---- */

static bool is_digit_of(int c, int base) {
    if (base == 16) return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    return c >= '0' && c < '0' + base;
}

/* Digits with single underscores between them; false on a misplaced underscore
   (error already reported). */
static bool scan_digits(lexstate *st, int base, const char *what) {
    while (st->pos < st->end) {
        int c = peekc(st, 0);
        if (c == '_') {
            if (!is_digit_of(peekc(st, 1), base)) {
                st->pos++;
                lex_error_at(st, WK_PERR_SYNTAX, st->line, st->pos, 0, "invalid %s literal", what);
                return false;
            }
            st->pos++;
        } else if (is_digit_of(c, base)) {
            st->pos++;
        } else {
            break;
        }
    }
    return true;
}

/* A keyword that CPython 3.11 still accepts right after a number ("1if x else y"). */
static bool keyword_follows(const lexstate *st) {
    static const char *const kws[] = { "and", "else", "for", "if", "in", "is", "not", "or" };
    for (size_t i = 0; i < sizeof kws / sizeof kws[0]; i++) {
        size_t n = strlen(kws[i]);
        if (st->pos + n <= st->end && memcmp(st->s + st->pos, kws[i], n) == 0) return true;
    }
    return false;
}

/* After a number: an identifier character right behind it is an error. */
static bool check_number_end(lexstate *st, const char *what) {
    int c = peekc(st, 0);
    if (c >= 0 && (is_id_char_ascii(c) || c >= 0x80) && !keyword_follows(st)) {
        lex_error_at(st, WK_PERR_SYNTAX, st->line, st->pos, 0, "invalid %s literal", what);
        return false;
    }
    return true;
}

static bool scan_radix_number(lexstate *st, size_t start) {
    int c = peekc(st, 1) | 0x20;
    int base = c == 'x' ? 16 : c == 'o' ? 8 : 2;
    const char *what = base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary";
    st->pos += 2;
    if (peekc(st, 0) == '_') st->pos++;
    if (!is_digit_of(peekc(st, 0), base)) {
        int d = peekc(st, 0);
        if (base != 16 && is_digit(d)) {
            lex_error_at(st, WK_PERR_SYNTAX, st->line, st->pos, 1, "invalid digit '%c' in %s literal", d, what);
        } else {
            lex_error_at(st, WK_PERR_SYNTAX, st->line, st->pos, 0, "invalid %s literal", what);
        }
        return false;
    }
    if (!scan_digits(st, base, what)) return false;
    int d = peekc(st, 0);
    if (base != 16 && is_digit(d)) {
        lex_error_at(st, WK_PERR_SYNTAX, st->line, st->pos, 1, "invalid digit '%c' in %s literal", d, what);
        return false;
    }
    if (!check_number_end(st, what)) return false;
    return push_simple(st, WK_TOK_NUMBER, start, st->pos);
}

static bool scan_exponent_and_imag(lexstate *st, bool *is_float) {
    int c = peekc(st, 0);
    if (c == 'e' || c == 'E') {
        size_t save = st->pos;
        st->pos++;
        c = peekc(st, 0);
        if (c == '+' || c == '-') {
            st->pos++;
            if (!is_digit(peekc(st, 0))) {
                lex_error_at(st, WK_PERR_SYNTAX, st->line, st->pos, 0, "invalid decimal literal");
                return false;
            }
        } else if (!is_digit(c)) {
            st->pos = save;
            lex_error_at(st, WK_PERR_SYNTAX, st->line, st->pos, 0, "invalid decimal literal");
            return false;
        }
        if (!scan_digits(st, 10, "decimal")) return false;
        *is_float = true;
    }
    c = peekc(st, 0);
    if (c == 'j' || c == 'J') {
        st->pos++;
        return check_number_end(st, "imaginary");
    }
    return check_number_end(st, "decimal");
}

static bool scan_number(lexstate *st) {
    size_t start = st->pos;
    int c0 = peekc(st, 0), c1 = peekc(st, 1) | 0x20;
    if (c0 == '0' && (c1 == 'x' || c1 == 'o' || c1 == 'b')) return scan_radix_number(st, start);
    bool is_float = false;
    if (c0 != '.') {
        if (!scan_digits(st, 10, "decimal")) return false;
    }
    if (peekc(st, 0) == '.') {
        is_float = true;
        st->pos++;
        if (is_digit(peekc(st, 0)) && !scan_digits(st, 10, "decimal")) return false;
    }
    size_t int_end = st->pos;
    if (!scan_exponent_and_imag(st, &is_float)) return false;
    bool imag = st->pos > start && (st->s[st->pos - 1] | 0x20) == 'j';
    if (!is_float && !imag && c0 == '0') {
        /* "0", "00", "0_0" are fine; other leading zeros are not */
        for (size_t p = start; p < int_end; p++) {
            if (st->s[p] != '0' && st->s[p] != '_') {
                lex_error_at(st, WK_PERR_SYNTAX, st->line, start, 1,
                             "leading zeros in decimal integer literals are not permitted; "
                             "use an 0o prefix for octal integers");
                st->lx->err_end_pos = (int)int_end;
                return false;
            }
        }
    }
    return push_simple(st, WK_TOK_NUMBER, start, st->pos);
}

/* ---- strings ---- */

/* Length of a string prefix at pos followed by a quote, or -1. */
static int string_prefix_len(const lexstate *st) {
    char p[3] = {0, 0, 0};
    int n = 0;
    while (n < 3) {
        int c = peekc(st, (size_t)n);
        if (c == '\'' || c == '"') break;
        if (c < 0 || n == 2) return -1;
        p[n++] = (char)(c | 0x20);
    }
    if (n == 0) return 0;
    if (n == 1) return strchr("rubf", p[0]) ? 1 : -1;
    bool ok = (p[0] == 'r' && (p[1] == 'b' || p[1] == 'f')) ||
              ((p[0] == 'b' || p[0] == 'f') && p[1] == 'r');
    return ok ? 2 : -1;
}

/* The line number of the last line with content at EOF ("detected at line N"). */
static int eof_line(const lexstate *st) {
    if (st->pos > 0 && (long)st->pos == st->line_start && st->line > 1) return st->line - 1;
    return st->line;
}

static bool scan_string(lexstate *st, int prefix_len) {
    size_t start = st->pos;
    int line = st->line, col = cur_col(st, start);
    st->pos += (size_t)prefix_len;
    char q = st->s[st->pos];
    bool triple = peekc(st, 1) == q && peekc(st, 2) == q;
    st->pos += triple ? 3 : 1;
    for (;;) {
        if (st->pos >= st->end) {
            if (triple) {
                lex_error_at(st, WK_PERR_SYNTAX, line, start, 1,
                             "unterminated triple-quoted string literal (detected at line %d)", eof_line(st));
            } else {
                lex_error_at(st, WK_PERR_SYNTAX, line, start, 1,
                             "unterminated string literal (detected at line %d)", st->line);
            }
            st->lx->err_eof = triple;
            return false;
        }
        char c = st->s[st->pos];
        if (c == '\\') {
            st->pos++;
            if (st->pos < st->end) {
                if (is_newline_at(st, st->pos)) eat_newline(st);
                else st->pos++;
            }
        } else if (c == '\n' || c == '\r') {
            if (!triple) {
                lex_error_at(st, WK_PERR_SYNTAX, line, start, 1,
                             "unterminated string literal (detected at line %d)", st->line);
                return false;
            }
            eat_newline(st);
        } else if (c == q && (!triple || (peekc(st, 1) == q && peekc(st, 2) == q))) {
            st->pos += triple ? 3 : 1;
            return push_tok(st, WK_TOK_STRING, start, line, col, st->pos);
        } else {
            st->pos++;
        }
    }
}

/* ---- names and operators ---- */

static bool scan_name(lexstate *st) {
    size_t start = st->pos;
    while (st->pos < st->end) {
        unsigned char c = (unsigned char)st->s[st->pos];
        if (c < 0x80) {
            if (!is_id_char_ascii(c)) break;
            st->pos++;
            continue;
        }
        unsigned cp;
        int n = wk_lex_utf8_decode((const unsigned char *)st->s + st->pos, st->end - st->pos, &cp);
        if (n == 0 || !is_id_cp(cp)) break;
        st->pos += (size_t)n;
    }
    if (st->pos == start) return false;
    wk_tok_kind k = wk_lex_keyword(st->s + start, st->pos - start);
    return push_simple(st, k, start, st->pos);
}

static bool bad_character(lexstate *st) {
    unsigned cp;
    int n = wk_lex_utf8_decode((const unsigned char *)st->s + st->pos, st->end - st->pos, &cp);
    if (n == 0) cp = (unsigned char)st->s[st->pos];
    if (!is_printable_cp(cp)) {
        lex_error_at(st, WK_PERR_SYNTAX, st->line, st->pos, 1, "invalid non-printable character U+%04X", cp);
    } else {
        lex_error_at(st, WK_PERR_SYNTAX, st->line, st->pos, 1, "invalid character '%.*s' (U+%04X)",
                     n, st->s + st->pos, cp);
    }
    return false;
}

typedef struct { const char *text; wk_tok_kind kind; } op_entry;

static const op_entry ops3[] = {
    {"**=", WK_TOK_DOUBLESTAREQUAL}, {"//=", WK_TOK_DOUBLESLASHEQUAL}, {">>=", WK_TOK_RIGHTSHIFTEQUAL},
    {"<<=", WK_TOK_LEFTSHIFTEQUAL}, {"...", WK_TOK_ELLIPSIS},
};
static const op_entry ops2[] = {
    {"==", WK_TOK_EQEQUAL}, {"!=", WK_TOK_NOTEQUAL}, {"<=", WK_TOK_LESSEQUAL}, {">=", WK_TOK_GREATEREQUAL},
    {"<<", WK_TOK_LEFTSHIFT}, {">>", WK_TOK_RIGHTSHIFT}, {"**", WK_TOK_DOUBLESTAR}, {"+=", WK_TOK_PLUSEQUAL},
    {"-=", WK_TOK_MINEQUAL}, {"*=", WK_TOK_STAREQUAL}, {"/=", WK_TOK_SLASHEQUAL}, {"%=", WK_TOK_PERCENTEQUAL},
    {"&=", WK_TOK_AMPEREQUAL}, {"|=", WK_TOK_VBAREQUAL}, {"^=", WK_TOK_CIRCUMFLEXEQUAL},
    {"//", WK_TOK_DOUBLESLASH}, {"@=", WK_TOK_ATEQUAL}, {"->", WK_TOK_RARROW}, {":=", WK_TOK_COLONEQUAL},
    {"<>", WK_TOK_EXCLAMATION},
};
static const char ops1_chars[] = "()[]{}:,;+-*/|&<>=.%~^@!$?`";
static const wk_tok_kind ops1_kinds[] = {
    WK_TOK_LPAR, WK_TOK_RPAR, WK_TOK_LSQB, WK_TOK_RSQB, WK_TOK_LBRACE, WK_TOK_RBRACE, WK_TOK_COLON,
    WK_TOK_COMMA, WK_TOK_SEMI, WK_TOK_PLUS, WK_TOK_MINUS, WK_TOK_STAR, WK_TOK_SLASH, WK_TOK_VBAR,
    WK_TOK_AMPER, WK_TOK_LESS, WK_TOK_GREATER, WK_TOK_EQUAL, WK_TOK_DOT, WK_TOK_PERCENT, WK_TOK_TILDE,
    WK_TOK_CIRCUMFLEX, WK_TOK_AT, WK_TOK_EXCLAMATION, WK_TOK_EXCLAMATION, WK_TOK_EXCLAMATION,
    WK_TOK_EXCLAMATION,
};

static bool match_op(const lexstate *st, const op_entry *tab, size_t n, size_t len, wk_tok_kind *out) {
    if (st->pos + len > st->end) return false;
    for (size_t i = 0; i < n; i++) {
        if (memcmp(st->s + st->pos, tab[i].text, len) == 0) { *out = tab[i].kind; return true; }
    }
    return false;
}

static bool open_paren(lexstate *st, char c) {
    if (st->level >= WK_MAX_PAREN) {
        lex_error_at(st, WK_PERR_SYNTAX, st->line, st->pos, 1, "too many nested parentheses");
        return false;
    }
    st->paren[st->level] = c;
    st->paren_line[st->level] = st->line;
    st->paren_pos[st->level] = st->pos;
    st->level++;
    return true;
}

static bool close_paren(lexstate *st, char c) {
    if (st->level == 0) {
        lex_error_at(st, WK_PERR_SYNTAX, st->line, st->pos, 1, "unmatched '%c'", c);
        return false;
    }
    char o = st->paren[st->level - 1];
    char want = o == '(' ? ')' : o == '[' ? ']' : '}';
    if (c != want) {
        int ol = st->paren_line[st->level - 1];
        if (ol != st->line) {
            lex_error_at(st, WK_PERR_SYNTAX, st->line, st->pos, 1,
                         "closing parenthesis '%c' does not match opening parenthesis '%c' on line %d", c, o, ol);
        } else {
            lex_error_at(st, WK_PERR_SYNTAX, st->line, st->pos, 1,
                         "closing parenthesis '%c' does not match opening parenthesis '%c'", c, o);
        }
        return false;
    }
    st->level--;
    return true;
}

static bool scan_op(lexstate *st) {
    wk_tok_kind k;
    size_t len = 3;
    if (!match_op(st, ops3, sizeof ops3 / sizeof ops3[0], 3, &k)) {
        len = 2;
        if (!match_op(st, ops2, sizeof ops2 / sizeof ops2[0], 2, &k)) {
            const char *p = strchr(ops1_chars, st->s[st->pos]);
            if (!p || !*p) return bad_character(st);
            k = ops1_kinds[p - ops1_chars];
            len = 1;
        }
    }
    char c = st->s[st->pos];
    if (len == 1 && (c == '(' || c == '[' || c == '{') && !open_paren(st, c)) return false;
    if (len == 1 && (c == ')' || c == ']' || c == '}') && !close_paren(st, c)) return false;
    size_t start = st->pos;
    st->pos += len;
    return push_simple(st, k, start, st->pos);
}

/* ---- main loop ---- */

static bool last_is(const lexstate *st, wk_tok_kind k) {
    return st->lx->n > 0 && st->lx->toks[st->lx->n - 1].kind == k;
}

static bool lex_newline(lexstate *st) {
    bool emit = st->level == 0 && !(st->flags & WK_LEX_FSTRING_EXPR) && !st->at_bol;
    if (emit && !push_simple(st, WK_TOK_NEWLINE, st->pos, st->pos + 1)) return false;
    eat_newline(st);
    if (emit) st->at_bol = true;
    return true;
}

static bool lex_backslash(lexstate *st) {
    if (st->flags & WK_LEX_FSTRING_EXPR) {
        lex_error_at(st, WK_PERR_SYNTAX, st->line, st->pos, 1,
                     "f-string expression part cannot include a backslash");
        return false;
    }
    if (st->pos + 1 >= st->end) {
        lex_error_at(st, WK_PERR_SYNTAX, st->line, st->pos + 1, 1, "unexpected EOF while parsing");
        st->lx->err_eof = true;
        return false;
    }
    if (!is_newline_at(st, st->pos + 1)) {
        lex_error_at(st, WK_PERR_SYNTAX, st->line, st->pos + 1, 1,
                     "unexpected character after line continuation character");
        return false;
    }
    size_t bs = st->pos;
    int bs_line = st->line;
    st->pos++;
    eat_newline(st);
    if (st->pos >= st->end) {
        lex_error_at(st, WK_PERR_SYNTAX, bs_line, bs + 1, 1, "unexpected EOF while parsing");
        st->lx->err_eof = true;
        return false;
    }
    return true;
}

static bool lex_one(lexstate *st) {
    int c = peekc(st, 0);
    if (c == ' ' || c == '\t' || c == '\f') { st->pos++; return true; }
    if (c == '\n' || c == '\r') return lex_newline(st);
    if (c == '#') {
        if (st->flags & WK_LEX_FSTRING_EXPR) {
            lex_error_at(st, WK_PERR_SYNTAX, st->line, st->pos, 1, "f-string expression part cannot include '#'");
            return false;
        }
        while (st->pos < st->end && !is_newline_at(st, st->pos)) st->pos++;
        return true;
    }
    if (c == '\\') return lex_backslash(st);
    if (is_digit(c) || (c == '.' && is_digit(peekc(st, 1)))) return scan_number(st);
    if (c == '\'' || c == '"') return scan_string(st, 0);
    if (is_id_start_ascii(c)) {
        int pl = string_prefix_len(st);
        if (pl > 0) return scan_string(st, pl);
        return scan_name(st);
    }
    if (c >= 0x80) {
        unsigned cp;
        int n = wk_lex_utf8_decode((const unsigned char *)st->s + st->pos, st->end - st->pos, &cp);
        if (n > 0 && is_id_cp(cp) && !(cp >= 0x300 && cp <= 0x36F)) return scan_name(st);
        return bad_character(st);
    }
    return scan_op(st);
}

static bool check_encoding(lexstate *st) {
    for (size_t p = st->pos; p < st->end;) {
        unsigned char c = (unsigned char)st->s[p];
        if (c == 0) {
            lex_error_at(st, WK_PERR_SYNTAX, st->line, p, 1, "source code cannot contain null bytes");
            return false;
        }
        if (c < 0x80) { p++; continue; }
        unsigned cp;
        int n = wk_lex_utf8_decode((const unsigned char *)st->s + p, st->end - p, &cp);
        if (n == 0) {
            /* count the line for the message */
            int line = st->line;
            for (size_t q = st->pos; q < p; q++)
                if (st->s[q] == '\n' || (st->s[q] == '\r' && !(q + 1 < p && st->s[q + 1] == '\n'))) line++;
            lex_error_at(st, WK_PERR_SYNTAX, line, p, 1,
                         "(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %zu: %s",
                         c, p, (c >= 0xC2 && c <= 0xF4) ? "invalid continuation byte" : "invalid start byte");
            return false;
        }
        p += (size_t)n;
    }
    return true;
}

static bool lex_finish(lexstate *st) {
    bool fexpr = st->flags & WK_LEX_FSTRING_EXPR;
    st->lx->final_level = st->level;
    if (st->level > 0 && !fexpr) {
        int i = st->level - 1;
        lex_error_at(st, WK_PERR_SYNTAX, st->paren_line[i], st->paren_pos[i], 1,
                     "'%c' was never closed", st->paren[i]);
        st->lx->err_eof = true;
        st->lx->err_unclosed = true;
        return false;
    }
    if (!fexpr) {
        if (st->lx->n > 0 && !last_is(st, WK_TOK_NEWLINE) && !last_is(st, WK_TOK_DEDENT) &&
            !last_is(st, WK_TOK_INDENT)) {
            if (!push_simple(st, WK_TOK_NEWLINE, st->pos, st->pos)) return false;
        }
        while (st->nind > 0) {
            st->nind--;
            if (!push_simple(st, WK_TOK_DEDENT, st->pos, st->pos)) return false;
        }
    }
    if (!push_simple(st, WK_TOK_ENDMARKER, st->pos, st->pos)) return false;
    /* CPython reports errors at end of input just behind the last line */
    wk_token *t = &st->lx->toks[st->lx->n - 1];
    for (int i = st->lx->n - 2; i >= 0 && st->lx->toks[i].kind == WK_TOK_DEDENT; i--) {}
    if (st->lx->n >= 2) {
        const wk_token *prev = &st->lx->toks[st->lx->n - 2];
        int k = st->lx->n - 2;
        while (k > 0 && st->lx->toks[k].kind == WK_TOK_DEDENT) k--;
        prev = &st->lx->toks[k];
        if (prev->kind == WK_TOK_NEWLINE && prev->end_lineno < t->lineno) {
            t->lineno = t->end_lineno = prev->end_lineno;
            t->col = t->end_col = prev->col;
        }
    }
    return true;
}

bool wk_lex(wk_lexer *lx, const char *src, size_t len, size_t start, size_t end,
            int lineno, int col, int flags) {
    memset(lx, 0, sizeof *lx);
    lx->src = src;
    lx->len = len;
    lexstate *st = calloc(1, sizeof(lexstate));
    if (!st) {
        lx->err_kind = WK_PERR_MEMORY;
        snprintf(lx->err_msg, sizeof lx->err_msg, "out of memory");
        return false;
    }
    st->lx = lx;
    st->s = src;
    st->pos = start;
    st->end = end;
    st->line = lineno;
    st->line_start = (long)start - col;
    st->flags = flags;
    st->at_bol = !(flags & WK_LEX_FSTRING_EXPR);
    bool ok = true;
    if (end - start > WK_MAX_SOURCE) {
        lex_error_at(st, WK_PERR_MEMORY, 1, start, 0, "source code too large");
        ok = false;
    } else if (!(flags & WK_LEX_FSTRING_EXPR)) {
        if (end - start >= 3 && memcmp(src + start, "\xEF\xBB\xBF", 3) == 0) {
            st->pos += 3;
            st->line_start += 3;
        }
        ok = check_encoding(st);
    }
    while (ok && st->pos < st->end) {
        if (st->at_bol && st->level == 0) {
            ok = handle_indent(st);
            if (!ok || st->pos >= st->end) break;
            if (st->at_bol) {
                /* blank or comment-only line: skip its comment and newline (a backslash
                 * continues the line only outside the comment) */
                bool in_comment = false;
                while (st->pos < st->end && !is_newline_at(st, st->pos)) {
                    char ch = st->s[st->pos];
                    if (ch == '#') in_comment = true;
                    if (ch == '\\' && !in_comment) { ok = lex_backslash(st); if (!ok) break; continue; }
                    st->pos++;
                }
                if (ok && st->pos < st->end) eat_newline(st);
                continue;
            }
        }
        ok = lex_one(st);
    }
    if (ok) ok = lex_finish(st);
    if (!ok) {
        st->lx->final_level = st->level;
        if (lx->err_kind == 0) lex_error_at(st, WK_PERR_SYNTAX, st->line, st->pos, 1, "invalid syntax");
        size_t p = (size_t)lx->err_pos;
        if (!push_tok(st, WK_TOK_ERROR, p, lx->err_lineno, 0, p)) {
            /* out of memory: the caller sees err_kind and n may lack the ERROR token */
        }
    }
    free(st);
    return ok;
}

void wk_lex_free(wk_lexer *lx) {
    free(lx->toks);
    lx->toks = NULL;
    lx->n = lx->cap = 0;
}
