/* utf8.c — UTF-8 decoding, encoding, validation and offset conversion. */
#include "utf8.h"
#include <string.h>

int wk_utf8_encode(uint32_t cp, char out[4]) {
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Valid range of the second byte after lead byte c (the rest are 0x80..0xBF). */
static void second_range(unsigned char c, unsigned char *lo, unsigned char *hi) {
    *lo = 0x80; *hi = 0xBF;
    if (c == 0xE0) *lo = 0xA0;
    else if (c == 0xED) *hi = 0x9F;
    else if (c == 0xF0) *lo = 0x90;
    else if (c == 0xF4) *hi = 0x8F;
}

/* Length of the valid prefix of the sequence at s (how far a decoder gets before an
 * error), and the full length when valid: returns k > 0 valid, or -(bytes consumed). */
static int check_seq(const unsigned char *s, size_t n) {
    int len = wk_utf8_seqlen(s[0]);
    if (len <= 1) return len == 1 ? 1 : 0;
    unsigned char lo, hi;
    second_range(s[0], &lo, &hi);
    for (int k = 1; k < len; k++) {
        if ((size_t)k >= n) return -k;
        unsigned char c = s[k];
        if (k == 1 ? (c < lo || c > hi) : (c & 0xC0) != 0x80) return -k;
    }
    return len;
}

int wk_utf8_decode(const char *s, size_t n, uint32_t *cp) {
    const unsigned char *u = (const unsigned char *)s;
    int len = check_seq(u, n);
    if (len <= 0) return 0;
    uint32_t c = u[0];
    if (len == 2) c = ((c & 0x1F) << 6) | (u[1] & 0x3F);
    else if (len == 3) c = ((c & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    else if (len == 4)
        c = ((c & 0x07) << 18) | ((uint32_t)(u[1] & 0x3F) << 12) |
            ((uint32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
    *cp = c;
    return len;
}

/* Eight bytes at once: true when none has its high bit set. */
static inline bool word_ascii(const unsigned char *p) {
    uint64_t w;
    memcpy(&w, p, 8);
    return (w & 0x8080808080808080ull) == 0;
}

bool wk_utf8_validate(const char *s, size_t n, size_t *nchars, wk_utf8_error *err) {
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, count = 0;
    while (i < n) {
        if (i + 8 <= n && word_ascii(u + i)) { i += 8; count += 8; continue; }
        int len = check_seq(u + i, n - i);
        if (len <= 0) {
            if (err) {
                err->start = i;
                err->end = i + (len == 0 ? 1 : (size_t)-len);
                bool at_end = len < 0 && i + (size_t)-len >= n;
                err->reason = len == 0 ? "invalid start byte"
                            : at_end ? "unexpected end of data" : "invalid continuation byte";
            }
            return false;
        }
        i += (size_t)len;
        count++;
    }
    if (nchars) *nchars = count;
    return true;
}

size_t wk_utf8_scan(const char *s, size_t n, bool *ascii) {
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, cont = 0;
    while (i + 8 <= n && word_ascii(u + i)) i += 8;
    bool all = true;
    for (; i < n; i++) {
        if (u[i] >= 0x80) { all = false; cont += (u[i] & 0xC0) == 0x80; }
    }
    if (ascii) *ascii = all;
    return n - cont;
}

size_t wk_utf8_offset(const char *s, size_t n, size_t cp) {
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (cp > 0 && i < n) {
        if (cp >= 8 && i + 8 <= n && word_ascii(u + i)) { i += 8; cp -= 8; continue; }
        i++;
        while (i < n && (u[i] & 0xC0) == 0x80) i++;
        cp--;
    }
    return i;
}

size_t wk_utf8_index(const char *s, size_t off) {
    const unsigned char *u = (const unsigned char *)s;
    size_t cont = 0, i = 0;
    while (i + 8 <= off && word_ascii(u + i)) i += 8;
    for (; i < off; i++) cont += (u[i] & 0xC0) == 0x80;
    return off - cont;
}
