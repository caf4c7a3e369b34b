/* utf8.h — UTF-8 helpers: strict decoding, encoding, validation, code point <-> byte offsets. */
#ifndef WK_UTF8_H
#define WK_UTF8_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* (wk_utf8_next, wk_utf8_put and wk_utf8_count — lenient decoding, appending to a
 * wk_sbuf, counting — are declared in numfmt.h.) */

/* Length of the sequence a lead byte announces: 1..4, or 0 for a continuation or an
 * invalid lead byte. */
static inline int wk_utf8_seqlen(unsigned char c) {
    if (c < 0x80) return 1;
    if (c < 0xC2) return 0;
    if (c < 0xE0) return 2;
    if (c < 0xF0) return 3;
    if (c < 0xF5) return 4;
    return 0;
}

/* Writes cp (<= 0x10FFFF) as UTF-8 into out; returns the number of bytes (1..4). */
int wk_utf8_encode(uint32_t cp, char out[4]);
/* Strictly decodes the code point at s (n > 0 bytes available): no overlong forms, no
 * surrogates, nothing above 0x10FFFF. Returns its length, or 0 when invalid. */
int wk_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Why validation failed, in the words of CPython's UnicodeDecodeError. */
typedef struct wk_utf8_error {
    size_t start, end;        /* byte range of the offending sequence */
    const char *reason;       /* "invalid start byte", "invalid continuation byte",
                                 "unexpected end of data" */
} wk_utf8_error;
/* True when s[0..n) is valid UTF-8; *nchars (may be NULL) gets the number of code
 * points. On failure fills *err (may be NULL). */
bool wk_utf8_validate(const char *s, size_t n, size_t *nchars, wk_utf8_error *err);
/* For text known to be valid: counts code points and reports whether it is all ASCII. */
size_t wk_utf8_scan(const char *s, size_t n, bool *ascii);

/* Byte offset of code point index cp in s[0..n) (n when cp is at or past the end). */
size_t wk_utf8_offset(const char *s, size_t n, size_t cp);
/* Code point index of byte offset off (off must lie on a code point boundary). */
size_t wk_utf8_index(const char *s, size_t off);

#endif
