/* sbuf.c — growable byte buffer. */
#include "sbuf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void wk_sbuf_init(wk_sbuf *sb) { sb->data = NULL; sb->len = 0; sb->cap = 0; sb->oom = false; }

void wk_sbuf_free(wk_sbuf *sb) { free(sb->data); wk_sbuf_init(sb); }

void wk_sbuf_clear(wk_sbuf *sb) { sb->len = 0; if (sb->data) sb->data[0] = 0; }

bool wk_sbuf_reserve(wk_sbuf *sb, size_t extra) {
    if (sb->oom) return false;
    if (sb->len + extra + 1 <= sb->cap) return true;
    size_t ncap = sb->cap ? sb->cap : 64;
    while (ncap < sb->len + extra + 1) {
        if (ncap > ((size_t)-1) / 2) { sb->oom = true; return false; }
        ncap *= 2;
    }
    char *nd = realloc(sb->data, ncap);
    if (!nd) { sb->oom = true; return false; }
    sb->data = nd; sb->cap = ncap;
    return true;
}

void wk_sbuf_add(wk_sbuf *sb, const char *s, size_t n) {
    if (!wk_sbuf_reserve(sb, n)) return;
    if (n) memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = 0;
}

void wk_sbuf_adds(wk_sbuf *sb, const char *s) { wk_sbuf_add(sb, s, strlen(s)); }

void wk_sbuf_addc(wk_sbuf *sb, char c) { wk_sbuf_add(sb, &c, 1); }

void wk_sbuf_addrep(wk_sbuf *sb, char c, size_t count) {
    if (!wk_sbuf_reserve(sb, count)) return;
    memset(sb->data + sb->len, c, count);
    sb->len += count;
    sb->data[sb->len] = 0;
}

void wk_sbuf_vprintf(wk_sbuf *sb, const char *fmt, va_list ap) {
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || !wk_sbuf_reserve(sb, (size_t)n)) return;
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
}

void wk_sbuf_printf(wk_sbuf *sb, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    wk_sbuf_vprintf(sb, fmt, ap);
    va_end(ap);
}

char *wk_sbuf_take(wk_sbuf *sb, size_t *len_out) {
    if (!sb->data) wk_sbuf_reserve(sb, 0);
    char *d = sb->data;
    if (d) d[sb->len] = 0;
    if (len_out) *len_out = sb->len;
    wk_sbuf_init(sb);
    return d;
}
