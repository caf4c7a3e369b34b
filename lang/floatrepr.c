/* floatrepr.c — float to decimal digits (shortest / fixed / significant) and CPython's float layout. */
#include "numfmt.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DIGBUF 1700 /* 309 integer digits + 1100 fraction digits + slack */

/* Splits printf's "%.Ne" output into bare digits and a decimal exponent. */
static int split_e(const char *buf, char *digits, int *exp10) {
    int n = 0;
    const char *p = buf;
    for (; *p && *p != 'e' && *p != 'E'; p++)
        if (*p >= '0' && *p <= '9') digits[n++] = *p;
    digits[n] = 0;
    *exp10 = (*p) ? atoi(p + 1) : 0;
    return n;
}

static int strip_trailing_zeros(char *digits, int n) {
    while (n > 1 && digits[n - 1] == '0') n--;
    digits[n] = 0;
    return n;
}

/* Correctly rounded nsig significant digits of ax > 0 (printf rounds exactly, ties even). */
static int sig_digits(double ax, int nsig, char *digits, int *exp10) {
    char buf[DIGBUF];
    snprintf(buf, sizeof buf, "%.*e", nsig - 1, ax);
    return split_e(buf, digits, exp10);
}

static bool round_trips(const char *digits, int n, int exp10, double ax) {
    char buf[64];
    if (n > 40) n = 40;
    buf[0] = digits[0];
    buf[1] = '.';
    memcpy(buf + 2, digits + 1, (size_t)(n - 1));
    snprintf(buf + n + 1, 16, "0e%d", exp10);
    return strtod(buf, NULL) == ax;
}

/* Adds delta (+1/-1) to the last digit of an n-digit string, with carry/borrow, keeping
 * n significant digits (10..0 - 1 becomes 99..9 with a smaller exponent). */
static void bump_last(char *digits, int n, int delta, int *exp10) {
    int i = n - 1;
    if (delta > 0) {
        while (i >= 0 && digits[i] == '9') digits[i--] = '0';
        if (i < 0) { /* 99..9 + 1 = 100..0 */
            digits[0] = '1';
            (*exp10)++;
        } else {
            digits[i]++;
        }
        return;
    }
    while (i > 0 && digits[i] == '0') digits[i--] = '9';
    digits[i]--;
    if (digits[0] == '0') {
        memset(digits, '9', (size_t)n);
        (*exp10)--;
    }
}

/* At a power of two the gap below x is half the gap above, so the nearest p-digit
 * string may fail to round-trip while its upper neighbour succeeds. */
static bool try_neighbours(double ax, char *digits, int n, int *exp10) {
    char alt[32];
    for (int delta = 1; delta >= -1; delta -= 2) {
        int e = *exp10;
        memcpy(alt, digits, (size_t)n + 1);
        bump_last(alt, n, delta, &e);
        if (round_trips(alt, n, e, ax)) {
            memcpy(digits, alt, (size_t)n + 1);
            *exp10 = e;
            return true;
        }
    }
    return false;
}

static int shortest_digits(double ax, char *digits, int *exp10) {
    int mexp;
    double m = frexp(ax, &mexp);
    bool pow2 = (m == 0.5);
    int n;
    if (pow2) {
        for (int p = 1; p <= 17; p++) {
            n = sig_digits(ax, p, digits, exp10);
            if (round_trips(digits, n, *exp10, ax) || try_neighbours(ax, digits, n, exp10))
                return n;
        }
    }
    int lo = 1, hi = 17; /* round-tripping is monotone in p away from powers of two */
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        n = sig_digits(ax, mid, digits, exp10);
        if (round_trips(digits, n, *exp10, ax)) hi = mid; else lo = mid + 1;
    }
    return sig_digits(ax, lo, digits, exp10);
}

/* Fixed-point digits: ndigits after the point, leading zeros removed. */
static int fixed_digits(double ax, int ndigits, char *digits, int *decpt) {
    char buf[DIGBUF];
    int nd = ndigits > 1100 ? 1100 : ndigits; /* a double has at most 1074 fraction digits */
    snprintf(buf, sizeof buf, "%.*f", nd, ax);
    int n = 0, intdigits = 0;
    bool after_point = false;
    for (const char *p = buf; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            digits[n++] = *p;
            if (!after_point) intdigits++;
        } else {
            after_point = true;
        }
    }
    int lead = 0;
    while (lead < n && digits[lead] == '0') lead++;
    memmove(digits, digits + lead, (size_t)(n - lead));
    n -= lead;
    *decpt = intdigits - lead;
    if (n == 0) {
        digits[0] = 0;
        *decpt = -ndigits;
        return 0;
    }
    digits[n] = 0;
    return strip_trailing_zeros(digits, n);
}

int wk_float_digits(double x, int mode, int ndigits, char *digits, size_t cap, int *decpt) {
    double ax = fabs(x);
    char tmp[DIGBUF];
    int n, e10;
    if (!isfinite(x) || cap < 2) return -1;
    if (ax == 0.0) {
        strcpy(digits, "0");
        *decpt = 1;
        return 1;
    }
    if (mode == 0 && ax < 9007199254740992.0 && ax == floor(ax)) {
        /* integral and exact in 53 bits: its own digits are the shortest */
        n = snprintf(tmp, sizeof tmp, "%.0f", ax);
        e10 = n - 1;
    } else if (mode == 0) {
        n = shortest_digits(ax, tmp, &e10);
    } else if (mode == 2) {
        int nsig = ndigits < 1 ? 1 : (ndigits > 800 ? 800 : ndigits);
        n = sig_digits(ax, nsig, tmp, &e10);
    } else {
        n = fixed_digits(ax, ndigits < 0 ? 0 : ndigits, tmp, decpt);
        if ((size_t)n + 1 > cap) return -1;
        memcpy(digits, tmp, (size_t)n + 1);
        return n;
    }
    n = strip_trailing_zeros(tmp, n);
    if ((size_t)n + 1 > cap) return -1;
    memcpy(digits, tmp, (size_t)n + 1);
    *decpt = e10 + 1;
    return n;
}

/* Writes the virtual digit string vdigits[vstart:vend] (digits padded with zeros on both
 * sides) with the decimal point before index decpt, CPython's format_float_short layout. */
static void emit_digits(wk_sbuf *sb, const char *d, int n, int vstart, int vend, int decpt,
                        bool alt) {
    for (int i = vstart; i < vend; i++) {
        if (i == decpt) wk_sbuf_addc(sb, '.');
        wk_sbuf_addc(sb, (i >= 0 && i < n) ? d[i] : '0');
    }
    if (decpt == vend && alt) wk_sbuf_addc(sb, '.');
}

static void emit_nonfinite(wk_sbuf *sb, double x, bool upper, unsigned flags) {
    if (isnan(x)) {
        if (flags & WK_DTS_SIGN) wk_sbuf_addc(sb, '+');
        wk_sbuf_adds(sb, upper ? "NAN" : "nan");
        return;
    }
    if (x < 0) wk_sbuf_addc(sb, '-');
    else if (flags & WK_DTS_SIGN) wk_sbuf_addc(sb, '+');
    wk_sbuf_adds(sb, upper ? "INF" : "inf");
}

void wk_fmt_double(wk_sbuf *sb, double x, char code, int precision, unsigned flags) {
    bool upper = (code == 'E' || code == 'F' || code == 'G');
    char c = upper ? (char)(code - 'A' + 'a') : code;
    bool add_dot_0 = flags & WK_DTS_ADD_DOT_0, alt = flags & WK_DTS_ALT;
    int mode = 0;
    if (c == 'e') { mode = 2; precision++; }
    else if (c == 'f') mode = 3;
    else if (c == 'g') { mode = 2; if (precision == 0) precision = 1; }
    else { c = 'r'; precision = 0; }
    if (!isfinite(x)) { emit_nonfinite(sb, x, upper, flags); return; }

    char d[DIGBUF];
    int decpt;
    int n = wk_float_digits(x, mode, precision, d, sizeof d, &decpt);
    bool neg = signbit(x);
    if ((flags & WK_DTS_NO_NEG_0) && (n == 0 || (n == 1 && d[0] == '0'))) neg = false;

    bool use_exp = false;
    int vend = n, exp10 = 0;
    if (c == 'e') { use_exp = true; vend = precision; }
    else if (c == 'f') vend = decpt + precision;
    else if (c == 'g') {
        if (decpt <= -4 || decpt > (add_dot_0 ? precision - 1 : precision)) use_exp = true;
        if (alt) vend = precision;
    } else if (decpt <= -4 || decpt > 16) use_exp = true;
    if (use_exp) { exp10 = decpt - 1; decpt = 1; }
    int vstart = decpt <= 0 ? decpt - 1 : 0;
    int minend = (!use_exp && add_dot_0) ? decpt + 1 : decpt;
    if (vend < minend) vend = minend;

    if (neg) wk_sbuf_addc(sb, '-');
    else if (flags & WK_DTS_SIGN) wk_sbuf_addc(sb, '+');
    emit_digits(sb, d, n, vstart, vend, decpt, alt);
    if (use_exp) wk_sbuf_printf(sb, "%c%+.02d", upper ? 'E' : 'e', exp10);
}

void wk_fmt_float_repr(wk_sbuf *sb, double x) {
    wk_fmt_double(sb, x, 'r', 0, WK_DTS_ADD_DOT_0);
}
