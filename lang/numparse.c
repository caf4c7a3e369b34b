/* numparse.c — int(str, base) and float(str) parsing with CPython's accepted syntax and messages. */
#include "numfmt.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* CPython first maps a str to ASCII: non-ASCII whitespace -> ' ', Unicode decimal digits
 * -> '0'..'9', anything else non-ASCII -> '?' (which then fails to parse). */
static char *to_ascii(const char *s, size_t n, size_t *outlen) {
    char *a = malloc(n + 1);
    size_t i = 0, k = 0;
    if (!a) return NULL;
    while (i < n) {
        uint32_t c = wk_utf8_next(s, n, &i);
        int d;
        if (c < 0x80) a[k++] = (char)c;
        else if (wk_unicode_isspace(c)) a[k++] = ' ';
        else if ((d = wk_unicode_decimal(c)) >= 0) a[k++] = (char)('0' + d);
        else a[k++] = '?';
    }
    a[k] = 0;
    *outlen = k;
    return a;
}

static bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

static int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

static bool has_prefix(const char *p, const char *end, int base) {
    if (end - p < 2 || p[0] != '0') return false;
    char c = (char)(p[1] | 0x20);
    return (base == 16 && c == 'x') || (base == 8 && c == 'o') || (base == 2 && c == 'b');
}

/* Parses the ASCII text: WK_PARSE_OK, WK_PARSE_INVALID or WK_PARSE_OVERFLOW (valid
 * digits whose value exceeds int64). */
static int parse_ascii_int(const char *p, const char *end, int base, int64_t *out) {
    bool neg = false, only_zero = false, ovf = false;
    uint64_t limit, acc = 0;
    while (p < end && is_space(*p)) p++;
    while (end > p && is_space(end[-1])) end--;
    if (p < end && (*p == '+' || *p == '-')) neg = (*p++ == '-');
    if (base == 0) {
        char c = (end - p >= 2) ? (char)(p[1] | 0x20) : 0;
        if (p >= end || *p != '0') base = 10;
        else if (c == 'x') base = 16;
        else if (c == 'o') base = 8;
        else if (c == 'b') base = 2;
        else { base = 10; only_zero = true; } /* old-style octal: only 0 is valid */
    }
    if (has_prefix(p, end, base)) {
        p += 2;
        if (p < end && *p == '_') p++;
    }
    if (p >= end || *p == '_' || end[-1] == '_') return WK_PARSE_INVALID;
    limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    for (char prev = 0; p < end; prev = *p++) {
        if (*p == '_') {
            if (prev == '_') return WK_PARSE_INVALID;
            continue;
        }
        int d = digit_value(*p);
        if (d >= base) return WK_PARSE_INVALID;
        if (acc > (limit - (uint64_t)d) / (uint64_t)base) ovf = true;
        else acc = acc * (uint64_t)base + (uint64_t)d;
    }
    if (only_zero && (acc != 0 || ovf)) return WK_PARSE_INVALID;
    if (ovf) return WK_PARSE_OVERFLOW;
    *out = neg ? (int64_t)(0 - acc) : (int64_t)acc;
    return WK_PARSE_OK;
}

bool wk_parse_int(const char *s, size_t n, int base, int64_t *out, int *err_kind) {
    size_t len;
    char *a = to_ascii(s, n, &len);
    if (!a) { *err_kind = WK_PARSE_INVALID; return false; }
    *err_kind = (base == 0 || (base >= 2 && base <= 36)) ? parse_ascii_int(a, a + len, base, out)
                                                         : WK_PARSE_INVALID;
    free(a);
    return *err_kind == WK_PARSE_OK;
}

/* Appends repr(s) clipped to 200 code points, as CPython's "%.200R". */
static void clipped_repr(wk_sbuf *sb, const char *s, size_t n) {
    wk_sbuf r;
    wk_sbuf_init(&r);
    wk_fmt_str_repr(&r, s, n);
    size_t i = 0, count = 0;
    while (i < r.len && count < 200) {
        wk_utf8_next(r.data, r.len, &i);
        count++;
    }
    wk_sbuf_add(sb, r.data, i);
    wk_sbuf_free(&r);
}

void wk_fmt_int_literal_error(wk_sbuf *sb, const char *s, size_t n, int base) {
    wk_sbuf_printf(sb, "invalid literal for int() with base %d: ", base);
    clipped_repr(sb, s, n);
}

void wk_fmt_float_literal_error(wk_sbuf *sb, const char *s, size_t n) {
    wk_sbuf_adds(sb, "could not convert string to float: ");
    wk_fmt_str_repr(sb, s, n);
}

static bool ieq(const char *p, const char *end, const char *word) {
    size_t n = strlen(word);
    if ((size_t)(end - p) != n) return false;
    for (size_t i = 0; i < n; i++)
        if ((p[i] | 0x20) != word[i]) return false;
    return true;
}

/* Removes underscores, which must each sit between two digits.  Writes to dst. */
static bool strip_underscores(const char *p, const char *end, char *dst, size_t *dlen) {
    size_t k = 0;
    char prev = 0;
    for (; p < end; prev = *p++) {
        bool digit = *p >= '0' && *p <= '9';
        if (*p == '_') {
            if (!(prev >= '0' && prev <= '9')) return false;
        } else {
            if (prev == '_' && !digit) return false;
            dst[k++] = *p;
        }
    }
    if (prev == '_') return false;
    dst[k] = 0;
    *dlen = k;
    return true;
}

/* Decimal float syntax: [sign] (digits [. [digits]] | . digits) [(e|E) [sign] digits] */
static bool valid_decimal(const char *p, const char *end) {
    size_t mant = 0;
    if (p < end && (*p == '+' || *p == '-')) p++;
    while (p < end && *p >= '0' && *p <= '9') { p++; mant++; }
    if (p < end && *p == '.') {
        p++;
        while (p < end && *p >= '0' && *p <= '9') { p++; mant++; }
    }
    if (mant == 0) return false;
    if (p < end && (*p == 'e' || *p == 'E')) {
        size_t ed = 0;
        p++;
        if (p < end && (*p == '+' || *p == '-')) p++;
        while (p < end && *p >= '0' && *p <= '9') { p++; ed++; }
        if (ed == 0) return false;
    }
    return p == end;
}

static bool parse_ascii_float(char *p, char *end, double *out) {
    while (p < end && is_space(*p)) p++;
    while (end > p && is_space(end[-1])) end--;
    size_t len;
    if (!strip_underscores(p, end, p, &len)) return false;
    end = p + len;
    const char *q = p;
    bool neg = false;
    if (q < end && (*q == '+' || *q == '-')) neg = (*q++ == '-');
    if (ieq(q, end, "inf") || ieq(q, end, "infinity")) {
        *out = neg ? -HUGE_VAL : HUGE_VAL;
        return true;
    }
    if (ieq(q, end, "nan")) {
        *out = neg ? -(double)NAN : (double)NAN;
        return true;
    }
    if (!valid_decimal(p, end)) return false;
    *out = strtod(p, NULL); /* the text is a plain decimal literal: strtod agrees with CPython */
    return true;
}

bool wk_parse_float(const char *s, size_t n, double *out) {
    size_t len;
    char *a = to_ascii(s, n, &len);
    if (!a) return false;
    bool ok = parse_ascii_float(a, a + len, out);
    free(a);
    return ok;
}
