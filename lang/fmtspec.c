/* fmtspec.c — format() mini-language for int, float and str, matching CPython 3.11's formatter. */
#include "numfmt.h"
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WIDTH ((int64_t)1 << 30) /* larger widths would only exhaust memory */

static bool fail(char *err, size_t errcap, const char *fmt, ...) {
    if (err && errcap) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errcap, fmt, ap);
        va_end(ap);
    }
    return false;
}

int wk_fmt_err_kind(const char *err) {
    static const char *const overflow[] = {
        "%c arg not in range(0x110000)", "cannot convert float infinity to integer",
        "int too large to convert", "rounded value too large to represent",
    };
    if (!err) return WK_EXC_VALUE;
    for (size_t i = 0; i < sizeof overflow / sizeof overflow[0]; i++)
        if (strcmp(err, overflow[i]) == 0) return WK_EXC_OVERFLOW;
    if (strstr(err, "format: an integer is required") || strcmp(err, "%c requires int or char") == 0)
        return WK_EXC_TYPE;
    return WK_EXC_VALUE;
}

bool wk_fmt_err_is_overflow(const char *err) { return wk_fmt_err_kind(err) == WK_EXC_OVERFLOW; }

/* "'%c'" for printable ASCII, "'\x%x'" otherwise, as CPython's error messages. */
static void type_repr(char *buf, size_t cap, uint32_t t) {
    if (t > 32 && t < 128) snprintf(buf, cap, "'%c'", (char)t);
    else snprintf(buf, cap, "'\\x%x'", (unsigned)t);
}

static bool unknown_type(uint32_t t, const char *tpname, char *err, size_t errcap) {
    char tr[24];
    type_repr(tr, sizeof tr, t);
    return fail(err, errcap, "Unknown format code %s for object of type '%s'", tr, tpname);
}

static bool is_align(uint32_t c) { return c == '<' || c == '>' || c == '^' || c == '='; }

/* Reads a decimal integer (Unicode digits allowed). Returns digits read, -1 on overflow. */
static int read_int(const uint32_t *cp, size_t n, size_t *pos, int64_t *out) {
    int64_t acc = 0;
    int count = 0;
    for (; *pos < n; (*pos)++, count++) {
        int d = wk_unicode_decimal(cp[*pos]);
        if (d < 0) break;
        if (acc > (INT64_MAX - d) / 10) return -1;
        acc = acc * 10 + d;
    }
    *out = acc;
    return count;
}

static bool grouping_allowed(wk_fmt_spec *f, char *err, size_t errcap) {
    switch (f->type) {
    case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
        return true;
    case 'b': case 'o': case 'x': case 'X':
        if (f->grouping == '_') { f->group_every = 4; return true; }
        break;
    default:
        break;
    }
    char tr[24];
    type_repr(tr, sizeof tr, f->type);
    return fail(err, errcap, "Cannot specify '%c' with %s.", f->grouping, tr);
}

static bool parse_cps(const uint32_t *cp, size_t n, const char *spec, size_t slen,
                      const char *tpname, wk_fmt_spec *f, char *err, size_t errcap) {
    size_t pos = 0;
    bool fill_given = false, align_given = false;
    if (n >= 2 && is_align(cp[1])) {
        f->fill = cp[0]; f->align = (char)cp[1]; pos = 2;
        fill_given = align_given = true;
    } else if (n >= 1 && is_align(cp[0])) {
        f->align = (char)cp[0]; pos = 1; align_given = true;
    }
    if (pos < n && (cp[pos] == '+' || cp[pos] == '-' || cp[pos] == ' ')) f->sign = (char)cp[pos++];
    if (pos < n && cp[pos] == 'z') { f->no_neg_0 = true; pos++; }
    if (pos < n && cp[pos] == '#') { f->alt = true; pos++; }
    if (!fill_given && pos < n && cp[pos] == '0') {
        f->fill = '0';
        if (!align_given && f->align == '>') f->align = '=';
        pos++;
    }
    int got = read_int(cp, n, &pos, &f->width);
    if (got < 0) return fail(err, errcap, "Too many decimal digits in format string");
    if (got == 0) f->width = -1;
    if (pos < n && cp[pos] == ',') { f->grouping = ','; pos++; }
    if (pos < n && cp[pos] == '_') {
        if (f->grouping) return fail(err, errcap, "Cannot specify both ',' and '_'.");
        f->grouping = '_'; pos++;
    }
    if (pos < n && cp[pos] == ',' && f->grouping == '_')
        return fail(err, errcap, "Cannot specify both ',' and '_'.");
    if (pos < n && cp[pos] == '.') {
        pos++;
        got = read_int(cp, n, &pos, &f->precision);
        if (got < 0) return fail(err, errcap, "Too many decimal digits in format string");
        if (got == 0) return fail(err, errcap, "Format specifier missing precision");
    }
    if (n - pos > 1)
        return fail(err, errcap, "Invalid format specifier '%.*s' for object of type '%s'",
                    (int)slen, spec, tpname);
    if (n - pos == 1) f->type = cp[pos];
    if (f->grouping && !grouping_allowed(f, err, errcap)) return false;
    if (f->width > MAX_WIDTH) return fail(err, errcap, "width too big");
    return true;
}

bool wk_fmt_spec_parse(const char *spec, size_t n, uint32_t default_type, char default_align,
                       const char *tpname, wk_fmt_spec *out, char *err, size_t errcap) {
    uint32_t small[64], *cp = small;
    size_t ncp = 0, i = 0;
    if (n > 64 && !(cp = malloc(n * sizeof *cp))) return fail(err, errcap, "out of memory");
    while (i < n) cp[ncp++] = wk_utf8_next(spec, n, &i);
    memset(out, 0, sizeof *out);
    out->fill = ' ';
    out->align = default_align;
    out->group_every = 3;
    out->precision = -1;
    out->type = default_type;
    bool ok = parse_cps(cp, ncp, spec, n, tpname, out, err, errcap);
    if (cp != small) free(cp);
    return ok;
}

static void add_fill(wk_sbuf *sb, uint32_t fill, int64_t count) {
    if (count <= 0) return;
    if (fill < 0x80) { wk_sbuf_addrep(sb, (char)fill, (size_t)count); return; }
    for (int64_t i = 0; i < count; i++) wk_utf8_put(sb, fill);
}

/* Digits with separators every `every` places, zero-padded on the left to min_width
 * (CPython's _PyUnicode_InsertThousandsGrouping).  sep == 0: no separators. */
static void group_digits(wk_sbuf *out, const char *d, int64_t nd, int64_t min_width, char sep,
                         int every) {
    wk_sbuf rev;
    wk_sbuf_init(&rev);
    int64_t remaining = nd, mw = min_width < 0 ? 0 : min_width;
    for (bool first = true;; first = false) {
        int64_t want = remaining > mw ? remaining : mw;
        if (want < 1) want = 1;
        int64_t len = (sep && every < want) ? every : want;
        int64_t nchars = remaining < len ? remaining : len;
        if (!first) wk_sbuf_addc(&rev, sep);
        for (int64_t k = 0; k < nchars; k++) wk_sbuf_addc(&rev, d[remaining - 1 - k]);
        wk_sbuf_addrep(&rev, '0', (size_t)(len - nchars));
        remaining -= nchars;
        mw -= len;
        if (!sep || (remaining <= 0 && mw <= 0)) break;
        mw -= 1;
    }
    for (size_t k = rev.len; k > 0; k--) wk_sbuf_addc(out, rev.data[k - 1]);
    wk_sbuf_free(&rev);
}

/* A formatted number split as CPython's calc_number_widths sees it. */
typedef struct {
    bool negative;
    const char *prefix;     /* "0x" etc. or "" */
    const char *digits;     /* integer digits */
    size_t ndigits;
    bool has_decimal;
    const char *rest;       /* text after the decimal point (or after the digits) */
    size_t nrest;           /* bytes */
    size_t rest_cps;        /* code points */
} numparts;

static void fill_number(wk_sbuf *sb, const numparts *p, const wk_fmt_spec *f) {
    char sign = 0;
    if (p->negative) sign = '-';
    else if (f->sign == '+' || f->sign == ' ') sign = f->sign;
    int64_t nprefix = (int64_t)strlen(p->prefix);
    int64_t fixed = (sign ? 1 : 0) + nprefix + (p->has_decimal ? 1 : 0) + (int64_t)p->rest_cps;
    int64_t min_width = (f->fill == '0' && f->align == '=') ? f->width - fixed : 0;
    wk_sbuf g;
    wk_sbuf_init(&g);
    if (p->ndigits)
        group_digits(&g, p->digits, (int64_t)p->ndigits, min_width, f->grouping, f->group_every);
    int64_t pad = f->width - (fixed + (int64_t)g.len), lpad = 0, spad = 0, rpad = 0;
    if (pad > 0) {
        if (f->align == '<') rpad = pad;
        else if (f->align == '^') { lpad = pad / 2; rpad = pad - lpad; }
        else if (f->align == '=') spad = pad;
        else lpad = pad;
    }
    add_fill(sb, f->fill, lpad);
    if (sign) wk_sbuf_addc(sb, sign);
    wk_sbuf_adds(sb, p->prefix);
    add_fill(sb, f->fill, spad);
    if (g.len) wk_sbuf_add(sb, g.data, g.len);
    if (p->has_decimal) wk_sbuf_addc(sb, '.');
    wk_sbuf_add(sb, p->rest, p->nrest);
    add_fill(sb, f->fill, rpad);
    wk_sbuf_free(&g);
}

/* Unsigned magnitude in base 2/8/10/16 into buf (no sign, no prefix). */
static size_t u64_digits(uint64_t m, int base, bool upper, char *buf) {
    const char *dig = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[70];
    size_t n = 0;
    do { tmp[n++] = dig[m % (uint64_t)base]; m /= (uint64_t)base; } while (m);
    for (size_t i = 0; i < n; i++) buf[i] = tmp[n - 1 - i];
    buf[n] = 0;
    return n;
}

static uint64_t magnitude(int64_t v) { return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v; }

void wk_fmt_int_base(wk_sbuf *sb, int64_t v, int base, bool prefix, bool upper) {
    char buf[72];
    if (v < 0) wk_sbuf_addc(sb, '-');
    if (prefix && base != 10) {
        wk_sbuf_addc(sb, '0');
        wk_sbuf_addc(sb, base == 2 ? 'b' : base == 8 ? 'o' : (upper ? 'X' : 'x'));
    }
    size_t n = u64_digits(magnitude(v), base, upper, buf);
    wk_sbuf_add(sb, buf, n);
}

static bool format_char(wk_sbuf *sb, int64_t v, const wk_fmt_spec *f, char *err, size_t errcap) {
    if (f->sign) return fail(err, errcap, "Sign not allowed with integer format specifier 'c'");
    if (f->alt)
        return fail(err, errcap, "Alternate form (#) not allowed with integer format specifier 'c'");
    if (v < 0 || v > 0x10FFFF) return fail(err, errcap, "%%c arg not in range(0x110000)");
    wk_sbuf ch;
    wk_sbuf_init(&ch);
    wk_utf8_put(&ch, (uint32_t)v);
    numparts p = {false, "", "", 0, false, ch.data, ch.len, 1};
    fill_number(sb, &p, f);
    wk_sbuf_free(&ch);
    return true;
}

static bool format_float_parsed(wk_sbuf *sb, double v, const wk_fmt_spec *f, const char *tpname,
                                char *err, size_t errcap);

static bool format_int_parsed(wk_sbuf *sb, int64_t v, const wk_fmt_spec *f, const char *tpname,
                              char *err, size_t errcap) {
    int base = 10;
    const char *prefix = "";
    switch (f->type) {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%':
        return format_float_parsed(sb, (double)v, f, tpname, err, errcap);
    case 'b': base = 2; prefix = "0b"; break;
    case 'o': base = 8; prefix = "0o"; break;
    case 'x': base = 16; prefix = "0x"; break;
    case 'X': base = 16; prefix = "0X"; break;
    case 'c': case 'd': case 'n': break;
    default: return unknown_type(f->type, tpname, err, errcap);
    }
    if (f->precision >= 0)
        return fail(err, errcap, "Precision not allowed in integer format specifier");
    if (f->no_neg_0)
        return fail(err, errcap, "Negative zero coercion (z) not allowed in integer format specifier");
    if (f->type == 'c') return format_char(sb, v, f, err, errcap);
    char buf[72];
    size_t nd = u64_digits(magnitude(v), base, f->type == 'X', buf);
    numparts p = {v < 0, f->alt ? prefix : "", buf, nd, false, "", 0, 0};
    wk_fmt_spec g = *f;
    if (f->type == 'n') g.grouping = 0; /* C locale: no grouping */
    fill_number(sb, &p, &g);
    return true;
}

bool wk_fmt_int_named(wk_sbuf *sb, int64_t v, const char *tpname, const char *spec, size_t n,
                      char *err, size_t errcap) {
    wk_fmt_spec f;
    if (n == 0) { wk_sbuf_printf(sb, "%lld", (long long)v); return true; }
    if (!wk_fmt_spec_parse(spec, n, 'd', '>', tpname, &f, err, errcap)) return false;
    return format_int_parsed(sb, v, &f, tpname, err, errcap);
}

bool wk_fmt_int(wk_sbuf *sb, int64_t v, const char *spec, size_t n, char *err, size_t errcap) {
    return wk_fmt_int_named(sb, v, "int", spec, n, err, errcap);
}

static bool format_float_parsed(wk_sbuf *sb, double v, const wk_fmt_spec *f, const char *tpname,
                                char *err, size_t errcap) {
    uint32_t t = f->type;
    switch (t) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%': break;
    default: return unknown_type(t, tpname, err, errcap);
    }
    if (f->precision > INT_MAX) return fail(err, errcap, "precision too big");
    unsigned flags = (f->alt ? WK_DTS_ALT : 0) | (f->no_neg_0 ? WK_DTS_NO_NEG_0 : 0);
    int prec = (int)f->precision, default_prec = 6;
    bool pct = false;
    if (t == 0) { flags |= WK_DTS_ADD_DOT_0; t = 'r'; default_prec = 0; }
    if (t == 'n') t = 'g';
    if (t == '%') { t = 'f'; v *= 100; pct = true; }
    if (prec < 0) prec = default_prec;
    else if (t == 'r') t = 'g';
    wk_sbuf num;
    wk_sbuf_init(&num);
    wk_fmt_double(&num, v, (char)t, prec, flags);
    if (pct) wk_sbuf_addc(&num, '%');
    const char *s = num.data;
    numparts p = {false, "", s, 0, false, "", 0, 0};
    if (*s == '-') { p.negative = true; p.digits = ++s; }
    while (s[p.ndigits] >= '0' && s[p.ndigits] <= '9') p.ndigits++;
    p.rest = s + p.ndigits;
    if (*p.rest == '.') { p.has_decimal = true; p.rest++; }
    p.nrest = p.rest_cps = strlen(p.rest);
    wk_fmt_spec g = *f;
    if (f->type == 'n') g.grouping = 0;
    fill_number(sb, &p, &g);
    wk_sbuf_free(&num);
    return true;
}

bool wk_fmt_float(wk_sbuf *sb, double v, const char *spec, size_t n, char *err, size_t errcap) {
    wk_fmt_spec f;
    if (n == 0) { wk_fmt_float_repr(sb, v); return true; }
    if (!wk_fmt_spec_parse(spec, n, 0, '>', "float", &f, err, errcap)) return false;
    return format_float_parsed(sb, v, &f, "float", err, errcap);
}

static bool check_str_spec(const wk_fmt_spec *f, char *err, size_t errcap) {
    if (f->type != 's') return unknown_type(f->type, "str", err, errcap);
    if (f->sign == ' ') return fail(err, errcap, "Space not allowed in string format specifier");
    if (f->sign) return fail(err, errcap, "Sign not allowed in string format specifier");
    if (f->no_neg_0)
        return fail(err, errcap, "Negative zero coercion (z) not allowed in string format specifier");
    if (f->alt)
        return fail(err, errcap, "Alternate form (#) not allowed in string format specifier");
    if (f->align == '=')
        return fail(err, errcap, "'=' alignment not allowed in string format specifier");
    return true;
}

bool wk_fmt_str(wk_sbuf *sb, const char *s, size_t slen, const char *spec, size_t n, char *err,
                size_t errcap) {
    wk_fmt_spec f;
    if (!wk_fmt_spec_parse(spec, n, 's', '<', "str", &f, err, errcap)) return false;
    if (!check_str_spec(&f, err, errcap)) return false;
    size_t bytes = slen, i = 0;
    int64_t len = 0;
    while (i < slen) {
        if (f.precision >= 0 && len == f.precision) { bytes = i; break; }
        wk_utf8_next(s, slen, &i);
        len++;
    }
    int64_t total = f.width > len ? f.width : len, lpad = 0;
    if (f.align == '>') lpad = total - len;
    else if (f.align == '^') lpad = (total - len) / 2;
    add_fill(sb, f.fill, lpad);
    wk_sbuf_add(sb, s, bytes);
    add_fill(sb, f.fill, total - len - lpad);
    return true;
}
