/* floatmath.c — float floor division, modulo, divmod and round() with CPython's semantics. */
#include "numfmt.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Remainder with the sign of y; a zero remainder is a zero with the sign of y. */
double wk_float_mod(double x, double y) {
    double r = fmod(x, y);
    if (r == 0) return copysign(0.0, y);
    if ((r < 0) != (y < 0)) r += y;
    return r;
}

void wk_float_divmod(double x, double y, double *q, double *r) {
    double m = fmod(x, y);
    /* x - m is (mathematically) a multiple of y; the division is nearly exact */
    double d = (x - m) / y;
    if (m == 0) {
        m = copysign(0.0, y);
    } else if ((m < 0) != (y < 0)) {
        m += y;
        d -= 1.0;
    }
    if (d == 0) {
        *q = copysign(0.0, x / y); /* keep the sign of the true quotient */
    } else {
        double f = floor(d);
        *q = (d - f > 0.5) ? f + 1.0 : f; /* snap to the nearest integer */
    }
    *r = m;
}

double wk_float_floordiv(double x, double y) {
    double q, r;
    wk_float_divmod(x, y, &q, &r);
    return q;
}

double wk_float_round_half_even(double x) {
    double r = round(x);
    if (fabs(x - r) == 0.5) r = 2.0 * round(x / 2.0);
    return r;
}

bool wk_float_is_integer(double x) { return isfinite(x) && floor(x) == x; }

bool wk_float_to_int64(double x, int64_t *out, int *err_kind) {
    if (isnan(x)) { *err_kind = 1; return false; }
    if (isinf(x)) { *err_kind = 2; return false; }
    double t = trunc(x);
    if (!(t >= -9223372036854775808.0 && t < 9223372036854775808.0)) {
        *err_kind = 3;
        return false;
    }
    *out = (int64_t)t;
    *err_kind = WK_PARSE_OK;
    return true;
}

/* Rounds x to a multiple of 10**k (k > 0) from its exact decimal expansion, ties to even. */
static double round_to_tens(double x, int k) {
    char buf[900], kept[800];
    snprintf(buf, sizeof buf, "%.766e", fabs(x)); /* 767 digits: exact for every double */
    char *e = strchr(buf, 'e');
    int exp10 = atoi(e + 1);
    char digits[800];
    int n = 0;
    for (char *p = buf; p < e; p++)
        if (*p != '.') digits[n++] = *p;
    int last = exp10 - k; /* index of the digit with place value 10**k */
    if (last < -1) return copysign(0.0, x);
    int nk = 0;
    kept[nk++] = '0'; /* room for a carry */
    for (int i = 0; i <= last; i++) kept[nk++] = digits[i];
    /* compare the dropped tail with one half */
    int first = digits[last + 1] - '0';
    bool rest_nonzero = false;
    for (int i = last + 2; i < n; i++) rest_nonzero |= digits[i] != '0';
    bool up = first > 5 || (first == 5 && (rest_nonzero || (kept[nk - 1] - '0') % 2 == 1));
    for (int i = nk - 1; up && i >= 0; i--) {
        if (kept[i] == '9') { kept[i] = '0'; continue; }
        kept[i]++;
        up = false;
    }
    snprintf(kept + nk, sizeof kept - (size_t)nk, "e%d", k);
    return copysign(strtod(kept, NULL), x);
}

bool wk_float_round(double x, int64_t ndigits, double *out) {
    if (!isfinite(x) || ndigits > 323) { *out = x; return true; }
    if (ndigits < -308) { *out = 0.0 * x; return true; }
    double r;
    if (ndigits >= 0) {
        char buf[700];
        snprintf(buf, sizeof buf, "%.*f", (int)ndigits, x); /* correctly rounded, ties even */
        r = strtod(buf, NULL);
    } else {
        r = round_to_tens(x, (int)-ndigits);
    }
    if (isinf(r)) return false;
    *out = r;
    return true;
}
