/* astdump_main.c — wick-astdump: parse a file and print CPython-style ast.dump output or the SyntaxError. */
#include "../../lang/astdump.h"
#include "../../lang/parser.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *kind_name(int kind) {
    switch (kind) {
    case WK_PERR_INDENT: return "IndentationError";
    case WK_PERR_TAB: return "TabError";
    case WK_PERR_MEMORY: return "MemoryError";
    default: return "SyntaxError";
    }
}

static char *read_all(FILE *f, size_t *len) {
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) wk_sbuf_add(&sb, buf, n);
    return wk_sbuf_take(&sb, len);
}

int main(int argc, char **argv) {
    wk_parse_mode mode = WK_PARSE_EXEC;
    bool attrs = false, complete = false;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-a")) attrs = true;
        else if (!strcmp(argv[i], "-m") && i + 1 < argc) {
            const char *m = argv[++i];
            mode = !strcmp(m, "eval") ? WK_PARSE_EVAL : !strcmp(m, "single") ? WK_PARSE_SINGLE : WK_PARSE_EXEC;
        } else if (!strcmp(argv[i], "-c")) complete = true;
        else path = argv[i];
    }
    if (!path) {
        fprintf(stderr, "usage: wick-astdump [-a] [-m exec|eval|single] [-c] FILE|-\n");
        return 2;
    }
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) { perror(path); return 2; }
    size_t len;
    char *src = read_all(f, &len);
    if (f != stdin) fclose(f);
    if (!src) return 2;
    size_t skip = 0;
    static const char *const modes[] = { "# mode: eval\n", "# mode: single\n" };
    for (int m = 0; m < 2; m++) {
        size_t ml = strlen(modes[m]);
        if (len >= ml && memcmp(src, modes[m], ml) == 0) {
            mode = m == 0 ? WK_PARSE_EVAL : WK_PARSE_SINGLE;
            skip = ml;
        }
    }
    if (complete) {
        int indent;
        wk_completeness c = wk_parse_is_complete(src, len, &indent);
        printf("%s %d\n", c == WK_COMPLETE ? "complete" : c == WK_INCOMPLETE ? "incomplete" : "invalid", indent);
        free(src);
        return 0;
    }
    wk_arena *a = wk_arena_new();
    wk_parse_error err;
    wk_ast *tree = wk_parse(a, src + skip, len - skip, path, mode, &err);
    int rc = 0;
    if (tree) {
        wk_sbuf out;
        wk_sbuf_init(&out);
        wk_ast_dump(&out, tree, attrs);
        printf("%s\n", out.data ? out.data : "");
        wk_sbuf_free(&out);
    } else {
        printf("%s: %s (line %d, offset %d)\n", kind_name(err.kind), err.msg, err.lineno, err.offset);
        rc = 1;
    }
    wk_arena_free(a);
    free(src);
    return rc;
}
