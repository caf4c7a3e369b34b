/* fuzz_kmsg.c — libFuzzer target over the Jupyter kernel's message parser (wk_kmsg_parse: frame split, signature check, JSON parts) and the history query it feeds. */
#include "../../kernel/kint.h"
#include <stdlib.h>
#include <string.h>

/* Input layout: byte 0 picks the mode (bit 0: a signing key is set; bit 1: the
 * signature frame is replaced by the correct HMAC so the JSON parts are reached);
 * the rest is split into frames at every 0x1E byte. */
#define FRAME_SEP 0x1E

static size_t split_frames(const uint8_t *p, size_t n, wk_kframe **out) {
    size_t count = 1;
    for (size_t i = 0; i < n; i++) count += p[i] == FRAME_SEP;
    wk_kframe *f = calloc(count, sizeof *f);
    if (!f) return 0;
    size_t k = 0, start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && p[i] != FRAME_SEP) continue;
        f[k].len = i - start;
        f[k].data = malloc(f[k].len + 1);
        if (f[k].len) memcpy(f[k].data, p + start, f[k].len);
        f[k].data[f[k].len] = 0;
        k++;
        start = i + 1;
    }
    *out = f;
    return count;
}

/* Puts the right signature after the delimiter, when there is room for one. */
static void sign_in_place(wk_ksign *s, wk_kframe *f, size_t n) {
    for (size_t d = 0; d + 5 < n; d++) {
        if (f[d].len != strlen(WK_KDELIM) || memcmp(f[d].data, WK_KDELIM, f[d].len)) continue;
        char hex[65];
        wk_ksign_hex(s, &f[d + 2], hex);
        free(f[d + 1].data);
        f[d + 1].data = strdup(hex);
        f[d + 1].len = strlen(hex);
        return;
    }
}

static void exercise(const wk_kmsg *m) {
    static wk_khist hist;
    if (!hist.len) {
        wk_khist_add(&hist, 1, "x = 1", 5);
        wk_khist_add(&hist, 2, "print(x)", 8);
        wk_khist_set_output(&hist, 2, "1", 1);
    }
    json_decref(wk_khist_query(&hist, m->content));
    size_t len = 0;
    const char *code = wk_kernel_jstr(m->content, "code", &len);
    if (code) {
        json_decref(wk_kernel_jstring(code, len));
        (void)wk_kernel_utf8_count(code, len);
    }
    (void)wk_kernel_jint(m->content, "cursor_pos", -1);
    (void)wk_kernel_jbool(m->content, "silent", false);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    static wk_ksign signs[2];
    static bool ready;
    if (!ready) {
        if (!wk_ksign_init(&signs[0], "", 0) || !wk_ksign_init(&signs[1], "a-fuzz-key-of-33-characters-long!", 33))
            abort();
        ready = true;
    }
    uint8_t mode = data[0];
    wk_ksign *sign = &signs[mode & 1];
    wk_kframe *frames = NULL;
    size_t n = split_frames(data + 1, size - 1, &frames);
    if (n && (mode & 2)) sign_in_place(sign, frames, n);
    wk_kmsg m;
    if (n && !wk_kmsg_parse(frames, n, sign, &m)) {
        exercise(&m);
        wk_kmsg_free(&m);
    }
    return 0;
}
