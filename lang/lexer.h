/* lexer.h — tokenizer for the Python 3.11 subset: tokens, keywords, indentation, tokenizer errors. */
#ifndef WK_LEXER_H
#define WK_LEXER_H
#include <stdbool.h>
#include <stddef.h>

#define WK_TOKENS(X) \
    X(ENDMARKER, "end of input") X(NAME, "name") X(NUMBER, "number") X(STRING, "string") \
    X(NEWLINE, "newline") X(INDENT, "indent") X(DEDENT, "dedent") X(ERROR, "error") \
    X(LPAR, "(") X(RPAR, ")") X(LSQB, "[") X(RSQB, "]") X(LBRACE, "{") X(RBRACE, "}") \
    X(COLON, ":") X(COMMA, ",") X(SEMI, ";") X(PLUS, "+") X(MINUS, "-") X(STAR, "*") \
    X(SLASH, "/") X(VBAR, "|") X(AMPER, "&") X(LESS, "<") X(GREATER, ">") X(EQUAL, "=") \
    X(DOT, ".") X(PERCENT, "%") X(EQEQUAL, "==") X(NOTEQUAL, "!=") X(LESSEQUAL, "<=") \
    X(GREATEREQUAL, ">=") X(TILDE, "~") X(CIRCUMFLEX, "^") X(LEFTSHIFT, "<<") \
    X(RIGHTSHIFT, ">>") X(DOUBLESTAR, "**") X(PLUSEQUAL, "+=") X(MINEQUAL, "-=") \
    X(STAREQUAL, "*=") X(SLASHEQUAL, "/=") X(PERCENTEQUAL, "%=") X(AMPEREQUAL, "&=") \
    X(VBAREQUAL, "|=") X(CIRCUMFLEXEQUAL, "^=") X(LEFTSHIFTEQUAL, "<<=") \
    X(RIGHTSHIFTEQUAL, ">>=") X(DOUBLESTAREQUAL, "**=") X(DOUBLESLASH, "//") \
    X(DOUBLESLASHEQUAL, "//=") X(AT, "@") X(ATEQUAL, "@=") X(RARROW, "->") \
    X(ELLIPSIS, "...") X(COLONEQUAL, ":=") X(EXCLAMATION, "!") \
    X(KW_False, "False") X(KW_None, "None") X(KW_True, "True") X(KW_and, "and") \
    X(KW_as, "as") X(KW_assert, "assert") X(KW_async, "async") X(KW_await, "await") \
    X(KW_break, "break") X(KW_class, "class") X(KW_continue, "continue") X(KW_def, "def") \
    X(KW_del, "del") X(KW_elif, "elif") X(KW_else, "else") X(KW_except, "except") \
    X(KW_finally, "finally") X(KW_for, "for") X(KW_from, "from") X(KW_global, "global") \
    X(KW_if, "if") X(KW_import, "import") X(KW_in, "in") X(KW_is, "is") \
    X(KW_lambda, "lambda") X(KW_nonlocal, "nonlocal") X(KW_not, "not") X(KW_or, "or") \
    X(KW_pass, "pass") X(KW_raise, "raise") X(KW_return, "return") X(KW_try, "try") \
    X(KW_while, "while") X(KW_with, "with") X(KW_yield, "yield")

typedef enum {
#define WK_TOK_ENUM_(name, text) WK_TOK_##name,
    WK_TOKENS(WK_TOK_ENUM_)
#undef WK_TOK_ENUM_
    WK_TOK_COUNT
} wk_tok_kind;

typedef struct {
    wk_tok_kind kind;
    int start, end;          /* byte offsets into the source */
    int lineno, col;         /* 1-based line, 0-based byte column */
    int end_lineno, end_col; /* end position, exclusive */
} wk_token;

enum { WK_LEX_FSTRING_EXPR = 1 };  /* lex an f-string replacement field: no
                                      NEWLINE/INDENT, no comments, no backslashes */

typedef struct {
    const char *src;         /* whole source buffer */
    size_t len;
    wk_token *toks;          /* malloc'd; always ends with ENDMARKER or ERROR */
    int n, cap;
    /* tokenizer error (err_kind != 0): the last token is an ERROR token */
    int err_kind;            /* WK_PERR_SYNTAX / INDENT / TAB / MEMORY */
    char err_msg[256];
    int err_lineno;
    int err_pos;             /* byte offset the error points at */
    int err_add;             /* SyntaxError.offset = chars before err_pos on the line + err_add */
    int err_end_lineno, err_end_pos, err_end_add;
    bool err_eof;            /* error only because input ended (REPL continuation) */
    bool err_unclosed;       /* the error is "'(' was never closed" */
    /* open brackets at the end of input (for is_complete) */
    int final_level;
} wk_lexer;

/* Tokenizes src[start..end) of the buffer src (len bytes in all), whose first byte is at
   (lineno, col). Returns false on a tokenizer error (tokens up to it are kept).
   Free with wk_lex_free. */
bool wk_lex(wk_lexer *lx, const char *src, size_t len, size_t start, size_t end,
            int lineno, int col, int flags);
void wk_lex_free(wk_lexer *lx);
/* Token kind name for messages: "(", "if", "NAME"... */
const char *wk_lex_kind_text(wk_tok_kind k);
/* The keyword kind for name[0..n), or WK_TOK_NAME. */
wk_tok_kind wk_lex_keyword(const char *name, size_t n);

/* UTF-8 helpers shared with the parser. Decodes one code point at s[0..n) (n >= 1);
   returns its length (1..4) and stores it in *cp, or 0 for an invalid sequence. */
int wk_lex_utf8_decode(const unsigned char *s, size_t n, unsigned *cp);
/* Number of code points in s[0..n) (invalid bytes count one each). */
int wk_lex_utf8_count(const char *s, size_t n);

#endif
