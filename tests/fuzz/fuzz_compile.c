/* fuzz_compile.c — libFuzzer target over the whole front half: the magic input transform,
 * parse, scope pass and bytecode compiler (all modes), plus disassembly of what compiled.
 * Nothing is run. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "magic.h"
#include "vm.h"

void wk_dis(wk_sbuf *sb, wk_obj *code);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    static char *args[] = { "fuzz", NULL };
    (void)argc;
    (void)argv;
    return wk_init(1, args) ? 0 : 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const wk_mode modes[] = { WK_MODE_EXEC, WK_MODE_SINGLE, WK_MODE_EVAL };
    /* what the REPL and the kernel do to a cell before compiling it */
    int indent = 0;
    (void)wk_magic_is_complete((const char *)data, size, &indent);
    (void)wk_magic_quiet((const char *)data, size);
    size_t tlen = 0;
    char *t = wk_magic_transform((const char *)data, size, &tlen);
    if (t) {
        wk_obj *code = wk_compile_source(t, tlen, "<fuzz>", WK_MODE_EXEC, false);
        if (code) wk_obj_decref(code);
        else wk_err_clear();
        free(t);
    }
    for (int m = 0; m < 3; m++) {
        wk_obj *code = wk_compile_source((const char *)data, size, "<fuzz>", modes[m], m == 1);
        if (!code) { wk_err_clear(); continue; }
        wk_sbuf sb;
        wk_sbuf_init(&sb);
        wk_dis(&sb, code);
        wk_sbuf_free(&sb);
        wk_obj_decref(code);
    }
    return 0;
}
