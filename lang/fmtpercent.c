/* fmtpercent.c — one printf-style ('%' operator) conversion of an int, float or str, as CPython. */
#include "numfmt.h"
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static bool fail(char *err, size_t errcap, const char *fmt, ...) {
    if (err && errcap) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errcap, fmt, ap);
        va_end(ap);
    }
    return false;
}

/* Reads digits into *val; false on overflow past limit. */
static bool read_num(const char *s, size_t n, size_t *i, int64_t limit, int64_t *val) {
    int64_t v = 0;
    while (*i < n && s[*i] >= '0' && s[*i] <= '9') {
        int d = s[*i] - '0';
        if (v > (limit - d) / 10) return false;
        v = v * 10 + d;
        (*i)++;
    }
    *val = v;
    return true;
}

size_t wk_fmt_percent_parse(const char *s, size_t n, wk_pct_spec *out, char *err, size_t errcap) {
    size_t i = 0;
    out->flags = 0;
    out->width = out->prec = -1;
    out->conv = 0;
    for (; i < n; i++) {
        unsigned f = s[i] == '-' ? WK_PCT_LJUST : s[i] == '+' ? WK_PCT_SIGN
                   : s[i] == ' ' ? WK_PCT_BLANK : s[i] == '#' ? WK_PCT_ALT
                   : s[i] == '0' ? WK_PCT_ZERO : 0;
        if (!f) break;
        out->flags |= f;
    }
    if (i < n && s[i] == '*') {
        out->width = WK_PCT_STAR;
        i++;
    } else if (i < n && s[i] >= '0' && s[i] <= '9') {
        if (!read_num(s, n, &i, INT64_MAX, &out->width)) {
            fail(err, errcap, "width too big");
            return 0;
        }
    }
    if (i < n && s[i] == '.') {
        i++;
        out->prec = 0;
        if (i < n && s[i] == '*') {
            out->prec = WK_PCT_STAR;
            i++;
        } else if (!read_num(s, n, &i, 2147483647, &out->prec)) {
            fail(err, errcap, "precision too big");
            return 0;
        }
    }
    if (i < n && (s[i] == 'h' || s[i] == 'l' || s[i] == 'L')) i++;
    if (i >= n) {
        fail(err, errcap, "incomplete format");
        return 0;
    }
    out->conv = wk_utf8_next(s, n, &i);
    return i;
}

/* CPython's unicode_format_arg_output: sign, 0x prefix, zero or space padding.
 * str is the converted text (ASCII for numbers); numeric enables sign/zero handling. */
static void pct_output(wk_sbuf *sb, const char *str, size_t len, const wk_pct_spec *ps,
                       bool numeric) {
    int64_t width = ps->width;
    char fill = (numeric && (ps->flags & WK_PCT_ZERO)) ? '0' : ' ';
    char signchar = 0;
    if (numeric) {
        if (len && (str[0] == '-' || str[0] == '+')) { signchar = str[0]; str++; len--; }
        else if (ps->flags & WK_PCT_SIGN) signchar = '+';
        else if (ps->flags & WK_PCT_BLANK) signchar = ' ';
    }
    int64_t ilen = (int64_t)len;
    if (width < ilen) width = ilen;
    if (signchar) {
        if (fill != ' ') wk_sbuf_addc(sb, signchar);
        if (width > ilen) width--;
    }
    bool prefix = numeric && (ps->flags & WK_PCT_ALT) &&
                  (ps->conv == 'x' || ps->conv == 'X' || ps->conv == 'o');
    if (prefix) {
        if (fill != ' ') wk_sbuf_add(sb, str, 2);
        width -= 2;
        if (width < 0) width = 0;
        ilen -= 2;
    }
    if (width > ilen && !(ps->flags & WK_PCT_LJUST)) {
        wk_sbuf_addrep(sb, fill, (size_t)(width - ilen));
        width = ilen;
    }
    if (fill == ' ') {
        if (signchar) wk_sbuf_addc(sb, signchar);
        if (prefix) wk_sbuf_add(sb, str, 2);
    }
    if (prefix) str += 2;
    wk_sbuf_add(sb, str, (size_t)ilen);
    if (width > ilen) wk_sbuf_addrep(sb, ' ', (size_t)(width - ilen));
}

/* _PyUnicode_FormatLong: sign, optional 0o/0x prefix, digits zero-extended to prec. */
static void long_text(wk_sbuf *out, bool neg, const char *digits, size_t nd, uint32_t conv,
                      bool alt, int64_t prec) {
    if (neg) wk_sbuf_addc(out, '-');
    if (alt && (conv == 'o' || conv == 'x' || conv == 'X')) {
        wk_sbuf_addc(out, '0');
        wk_sbuf_addc(out, (char)conv);
    }
    if (prec > (int64_t)nd) wk_sbuf_addrep(out, '0', (size_t)(prec - (int64_t)nd));
    wk_sbuf_add(out, digits, nd);
}

static void pct_char(wk_sbuf *sb, uint32_t cp, const wk_pct_spec *ps) {
    wk_sbuf t;
    wk_sbuf_init(&t);
    wk_utf8_put(&t, cp);
    wk_pct_spec s = *ps;
    s.prec = -1;
    wk_fmt_percent_str(sb, t.data, t.len, &s);
    wk_sbuf_free(&t);
}

static bool pct_float_text(wk_sbuf *sb, double v, const wk_pct_spec *ps) {
    int prec = ps->prec < 0 ? 6 : (int)ps->prec;
    wk_sbuf t;
    wk_sbuf_init(&t);
    wk_fmt_double(&t, v, (char)ps->conv, prec, (ps->flags & WK_PCT_ALT) ? WK_DTS_ALT : 0);
    pct_output(sb, t.data, t.len, ps, true);
    wk_sbuf_free(&t);
    return true;
}

bool wk_fmt_percent_int(wk_sbuf *sb, int64_t v, const wk_pct_spec *ps, char *err, size_t errcap) {
    int base = 10;
    switch (ps->conv) {
    case 'd': case 'i': case 'u': break;
    case 'o': base = 8; break;
    case 'x': case 'X': base = 16; break;
    case 'c':
        if (v < 0 || v > 0x10FFFF) return fail(err, errcap, "%%c arg not in range(0x110000)");
        pct_char(sb, (uint32_t)v, ps);
        return true;
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
        return pct_float_text(sb, (double)v, ps);
    default:
        return fail(err, errcap, "%s", "");
    }
    wk_sbuf digits, t;
    wk_sbuf_init(&digits);
    wk_sbuf_init(&t);
    wk_fmt_int_base(&digits, v, base, false, ps->conv == 'X');
    size_t skip = v < 0 ? 1 : 0; /* the '-' is added back by long_text */
    long_text(&t, v < 0, digits.data + skip, digits.len - skip, ps->conv, ps->flags & WK_PCT_ALT, ps->prec);
    pct_output(sb, t.data, t.len, ps, true);
    wk_sbuf_free(&digits);
    wk_sbuf_free(&t);
    return true;
}

bool wk_fmt_percent_float(wk_sbuf *sb, double v, const wk_pct_spec *ps, char *err, size_t errcap) {
    switch (ps->conv) {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
        return pct_float_text(sb, v, ps);
    case 'o': case 'x': case 'X':
        return fail(err, errcap, "%%%c format: an integer is required, not float", (char)ps->conv);
    case 'c':
        return fail(err, errcap, "%%c requires int or char");
    case 'd': case 'i': case 'u':
        break;
    default:
        return fail(err, errcap, "%s", "");
    }
    if (isnan(v)) return fail(err, errcap, "cannot convert float NaN to integer");
    if (isinf(v)) return fail(err, errcap, "cannot convert float infinity to integer");
    char buf[400];
    double t = trunc(v);
    snprintf(buf, sizeof buf, "%.0f", fabs(t)); /* exact for every finite double */
    wk_sbuf out;
    wk_sbuf_init(&out);
    long_text(&out, t < 0, buf, strlen(buf), ps->conv, false, ps->prec);
    pct_output(sb, out.data, out.len, ps, true);
    wk_sbuf_free(&out);
    return true;
}

void wk_fmt_percent_str(wk_sbuf *sb, const char *s, size_t slen, const wk_pct_spec *ps) {
    size_t bytes = slen, i = 0;
    int64_t len = 0;
    while (i < slen) {
        if (ps->prec >= 0 && len == ps->prec) { bytes = i; break; }
        wk_utf8_next(s, slen, &i);
        len++;
    }
    int64_t pad = ps->width > len ? ps->width - len : 0;
    if (!(ps->flags & WK_PCT_LJUST)) wk_sbuf_addrep(sb, ' ', (size_t)pad);
    wk_sbuf_add(sb, s, bytes);
    if (ps->flags & WK_PCT_LJUST) wk_sbuf_addrep(sb, ' ', (size_t)pad);
}
