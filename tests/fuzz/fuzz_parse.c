/* fuzz_parse.c — libFuzzer target over the lexer, parser (all modes), astdump and is_complete. */
#include "../../lang/astdump.h"
#include "../../lang/parser.h"
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *src = (const char *)data;
    static const wk_parse_mode modes[] = { WK_PARSE_EXEC, WK_PARSE_SINGLE, WK_PARSE_EVAL };
    for (int m = 0; m < 3; m++) {
        wk_arena *a = wk_arena_new();
        if (!a) return 0;
        wk_parse_error err;
        wk_ast *tree = wk_parse(a, src, size, "<fuzz>", modes[m], &err);
        if (tree) {
            wk_sbuf sb;
            wk_sbuf_init(&sb);
            wk_ast_dump(&sb, tree, m == 0);
            wk_sbuf_free(&sb);
        }
        wk_arena_free(a);
    }
    int indent;
    (void)wk_parse_is_complete(src, size, &indent);
    return 0;
}
