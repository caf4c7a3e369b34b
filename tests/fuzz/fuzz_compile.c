/* fuzz_compile.c — libFuzzer target over the whole front half: parse, scope pass and
 * bytecode compiler (all modes), plus disassembly of what compiled. Nothing is run. */
#include <stddef.h>
#include <stdint.h>
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
