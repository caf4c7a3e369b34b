/* parser.h — parse Python 3.11-subset source text into a wk_ast tree; REPL completeness check. */
#ifndef WK_PARSER_H
#define WK_PARSER_H
#include <stdbool.h>
#include <stddef.h>
#include "arena.h"
#include "ast.h"

typedef enum { WK_PARSE_EXEC, WK_PARSE_SINGLE, WK_PARSE_EVAL } wk_parse_mode;

enum {
    WK_PERR_NONE = 0,
    WK_PERR_SYNTAX,    /* SyntaxError */
    WK_PERR_INDENT,    /* IndentationError */
    WK_PERR_TAB,       /* TabError */
    WK_PERR_MEMORY     /* out of memory while parsing: raise MemoryError */
};

typedef struct {
    int kind;            /* WK_PERR_* */
    char msg[256];       /* CPython's message text, e.g. "invalid syntax", "expected ':'" */
    int lineno, offset, end_lineno, end_offset;   /* as SyntaxError attributes (offset 1-based,
                            counted in characters like CPython; 0 when unknown) */
    char *text;          /* the offending source line incl. its '\n' if any (arena), or NULL */
    bool incomplete;     /* the error is only because input ended early (REPL continuation) */
} wk_parse_error;

/* Parses src[0..len) (need not be NUL-terminated). EXEC gives Module, SINGLE gives
   Interactive, EVAL gives Expression. On error returns NULL and fills *err (err may
   not be NULL). filename is only kept for messages (may be NULL). */
wk_ast *wk_parse(wk_arena *a, const char *src, size_t len, const char *filename,
                 wk_parse_mode mode, wk_parse_error *err);

typedef enum { WK_COMPLETE, WK_INCOMPLETE, WK_INVALID } wk_completeness;
/* REPL / Jupyter is_complete with CPython codeop rules: a compound statement needs a
   trailing blank line. *indent_out (may be NULL) gets the suggested indent (in spaces)
   of the next line when INCOMPLETE, else 0. */
wk_completeness wk_parse_is_complete(const char *src, size_t len, int *indent_out);

#endif
