/* textfmt.c — UTF-8 helpers and CPython's repr() of a str. */
#include "numfmt.h"

static uint32_t bad_byte(const char *s, size_t *i) {
    uint32_t b = (unsigned char)s[*i];
    (*i)++;
    return 0xDC00 + b; /* surrogateescape, as Python decodes undecodable bytes */
}

uint32_t wk_utf8_next(const char *s, size_t n, size_t *i) {
    const unsigned char *u = (const unsigned char *)s + *i;
    size_t left = n - *i;
    uint32_t c = u[0];
    int len;
    uint32_t min;
    if (c < 0x80) { (*i)++; return c; }
    if (c >= 0xC2 && c <= 0xDF) { len = 2; c &= 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; c &= 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; c &= 0x07; min = 0x10000; }
    else return bad_byte(s, i);
    if (left < (size_t)len) return bad_byte(s, i);
    for (int k = 1; k < len; k++) {
        if ((u[k] & 0xC0) != 0x80) return bad_byte(s, i);
        c = (c << 6) | (u[k] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return bad_byte(s, i);
    *i += (size_t)len;
    return c;
}

void wk_utf8_put(wk_sbuf *sb, uint32_t cp) {
    char b[4];
    if (cp < 0x80) {
        wk_sbuf_addc(sb, (char)cp);
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        wk_sbuf_add(sb, b, 2);
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        wk_sbuf_add(sb, b, 3);
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        wk_sbuf_add(sb, b, 4);
    }
}

size_t wk_utf8_count(const char *s, size_t n) {
    size_t i = 0, count = 0;
    while (i < n) {
        wk_utf8_next(s, n, &i);
        count++;
    }
    return count;
}

static void repr_char(wk_sbuf *sb, uint32_t c, char quote) {
    if (c == (uint32_t)quote || c == '\\') {
        wk_sbuf_addc(sb, '\\');
        wk_sbuf_addc(sb, (char)c);
    } else if (c == '\t') {
        wk_sbuf_adds(sb, "\\t");
    } else if (c == '\n') {
        wk_sbuf_adds(sb, "\\n");
    } else if (c == '\r') {
        wk_sbuf_adds(sb, "\\r");
    } else if (c < 0x20 || c == 0x7F) {
        wk_sbuf_printf(sb, "\\x%02x", (unsigned)c);
    } else if (c < 0x7F || wk_unicode_isprintable(c)) {
        wk_utf8_put(sb, c);
    } else if (c <= 0xFF) {
        wk_sbuf_printf(sb, "\\x%02x", (unsigned)c);
    } else if (c <= 0xFFFF) {
        wk_sbuf_printf(sb, "\\u%04x", (unsigned)c);
    } else {
        wk_sbuf_printf(sb, "\\U%08x", (unsigned)c);
    }
}

void wk_fmt_str_repr(wk_sbuf *sb, const char *s, size_t n) {
    bool has_single = false, has_double = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\'') has_single = true;
        else if (s[i] == '"') has_double = true;
    }
    char quote = (has_single && !has_double) ? '"' : '\'';
    wk_sbuf_addc(sb, quote);
    size_t i = 0;
    while (i < n) repr_char(sb, wk_utf8_next(s, n, &i), quote);
    wk_sbuf_addc(sb, quote);
}
