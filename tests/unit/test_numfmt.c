/* test_numfmt.c — checks lang/numfmt.h against CPython results in tests/unit/data/numfmt.txt. */
#include "../../lang/numfmt.h"
#include "tap.h"
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DATA_FILE "tests/unit/data/numfmt.txt"
#define MAXF 8

typedef struct {
    char *f[MAXF]; /* unescaped fields (NUL-terminated; may contain NUL bytes) */
    size_t len[MAXF];
    int n;
} row;

/* Splits a line on TAB and decodes \xNN escapes in place. */
static void split_row(char *line, row *r) {
    r->n = 0;
    for (char *p = line; r->n < MAXF;) {
        char *tab = strchr(p, '\t');
        if (tab) *tab = 0;
        char *w = p;
        for (char *q = p; *q; q++) {
            if (q[0] == '\\' && q[1] == 'x' && q[2] && q[3]) {
                char hex[3] = {q[2], q[3], 0};
                *w++ = (char)strtol(hex, NULL, 16);
                q += 3;
            } else {
                *w++ = *q;
            }
        }
        *w = 0;
        r->f[r->n] = p;
        r->len[r->n++] = (size_t)(w - p);
        if (!tab) break;
        p = tab + 1;
    }
}

static double bits2d(const char *hex) {
    uint64_t b = strtoull(hex, NULL, 16);
    double d;
    memcpy(&d, &b, sizeof d);
    return d;
}

static uint64_t d2bits(double d) {
    uint64_t b;
    memcpy(&b, &d, sizeof b);
    return b;
}

static bool same_double(double got, const char *hex) {
    double want = bits2d(hex);
    if (isnan(want)) return isnan(got);
    return d2bits(got) == d2bits(want);
}

static int64_t to_i64(const char *s) { return (int64_t)strtoll(s, NULL, 10); }

static int exc_kind(const char *name) {
    if (strcmp(name, "OverflowError") == 0) return WK_EXC_OVERFLOW;
    if (strcmp(name, "TypeError") == 0) return WK_EXC_TYPE;
    return WK_EXC_VALUE;
}

/* Compares an (ok, output, err) outcome with the expected status/text fields. */
static void check_outcome(bool ok, const wk_sbuf *out, const char *err, const char *status,
                          const char *want, const char *desc) {
    if (strcmp(status, "ok") == 0) {
        if (!ok) {
            tap_ok(false, "%s", desc);
            tap_diag("unexpected error: %s", err);
            return;
        }
        tap_is_str(out->data ? out->data : "", want, "%s", desc);
        return;
    }
    if (ok) {
        tap_ok(false, "%s", desc);
        tap_diag("expected %s: %s\n     got output '%s'", status, want, out->data ? out->data : "");
        return;
    }
    if (tap_is_str(err, want, "%s", desc) && wk_fmt_err_kind(err) != exc_kind(status)) {
        tap_diag("wrong exception class for: %s (expected %s)", err, status);
    }
}

static void t_repr(row *r) {
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_fmt_float_repr(&sb, bits2d(r->f[1]));
    tap_is_str(sb.data, r->f[2], "repr %s", r->f[2]);
    wk_sbuf_free(&sb);
}

static void t_fmt(row *r) {
    char err[256] = "", desc[300];
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    const char *spec = r->f[3];
    size_t sl = r->len[3];
    bool ok;
    switch (r->f[1][0]) {
    case 'i': ok = wk_fmt_int(&sb, to_i64(r->f[2]), spec, sl, err, sizeof err); break;
    case 'b': ok = wk_fmt_int_named(&sb, to_i64(r->f[2]), "bool", spec, sl, err, sizeof err); break;
    case 'f': ok = wk_fmt_float(&sb, bits2d(r->f[2]), spec, sl, err, sizeof err); break;
    default: ok = wk_fmt_str(&sb, r->f[2], r->len[2], spec, sl, err, sizeof err); break;
    }
    snprintf(desc, sizeof desc, "format(%s:%.40s, '%.40s')", r->f[1], r->f[2], spec);
    check_outcome(ok, &sb, err, r->f[4], r->f[5], desc);
    wk_sbuf_free(&sb);
}

static void t_pct(row *r) {
    char err[256] = "", desc[300];
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_pct_spec ps;
    const char *fmt = r->f[3];
    size_t used = wk_fmt_percent_parse(fmt + 1, r->len[3] - 1, &ps, err, sizeof err);
    snprintf(desc, sizeof desc, "'%s' %% %s:%s", fmt, r->f[1], r->f[2]);
    if (used != r->len[3] - 1) {
        tap_ok(false, "%s", desc);
        tap_diag("parse consumed %zu of %zu (%s)", used, r->len[3] - 1, err);
        wk_sbuf_free(&sb);
        return;
    }
    bool ok = r->f[1][0] == 'i' ? wk_fmt_percent_int(&sb, to_i64(r->f[2]), &ps, err, sizeof err)
                                : wk_fmt_percent_float(&sb, bits2d(r->f[2]), &ps, err, sizeof err);
    check_outcome(ok, &sb, err, r->f[4], r->f[5], desc);
    wk_sbuf_free(&sb);
}

static void t_pint(row *r) {
    int64_t v = 0;
    int kind = -1, base = atoi(r->f[2]);
    bool ok = wk_parse_int(r->f[1], r->len[1], base, &v, &kind);
    const char *st = r->f[3];
    if (strcmp(st, "ok") == 0) {
        if (!tap_ok(ok && v == to_i64(r->f[4]), "int('%.30s', %d) == %s", r->f[1], base, r->f[4]))
            tap_diag("ok=%d kind=%d got %" PRId64, ok, kind, v);
    } else if (strcmp(st, "overflow") == 0) {
        tap_ok(!ok && kind == WK_PARSE_OVERFLOW, "int('%.30s', %d) overflows", r->f[1], base);
    } else {
        wk_sbuf sb;
        wk_sbuf_init(&sb);
        wk_fmt_int_literal_error(&sb, r->f[1], r->len[1], base);
        if (ok || kind != WK_PARSE_INVALID) {
            tap_ok(false, "int('%.30s', %d) is invalid", r->f[1], base);
            tap_diag("ok=%d kind=%d", ok, kind);
        } else {
            tap_is_str(sb.data, r->f[4], "int('%.30s', %d) message", r->f[1], base);
        }
        wk_sbuf_free(&sb);
    }
}

static void t_pflt(row *r) {
    double d = 0;
    bool ok = wk_parse_float(r->f[1], r->len[1], &d);
    if (strcmp(r->f[2], "ok") == 0) {
        if (!tap_ok(ok && same_double(d, r->f[3]), "float('%.30s')", r->f[1]))
            tap_diag("ok=%d got %.17g", ok, d);
        return;
    }
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_fmt_float_literal_error(&sb, r->f[1], r->len[1]);
    if (ok) tap_ok(false, "float('%.30s') is invalid", r->f[1]);
    else tap_is_str(sb.data, r->f[3], "float('%.30s') message", r->f[1]);
    wk_sbuf_free(&sb);
}

static void t_srepr(row *r) {
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_fmt_str_repr(&sb, r->f[1], r->len[1]);
    tap_is_str(sb.data, r->f[2], "repr(str) %.30s", r->f[2]);
    wk_sbuf_free(&sb);
}

/* Runs an int operation; returns false for overflow / invalid operands. */
static bool int_op(const char *op, int64_t a, int64_t b, char *res, size_t cap) {
    int64_t v = 0, w = 0;
    bool ok = true;
    if (!strcmp(op, "add")) ok = wk_int_add(a, b, &v);
    else if (!strcmp(op, "sub")) ok = wk_int_sub(a, b, &v);
    else if (!strcmp(op, "mul")) ok = wk_int_mul(a, b, &v);
    else if (!strcmp(op, "pow")) ok = wk_int_pow(a, b, &v);
    else if (!strcmp(op, "lshift")) ok = wk_int_lshift(a, b, &v);
    else if (!strcmp(op, "rshift")) { ok = b >= 0; v = ok ? wk_int_rshift(a, b) : 0; }
    else if (!strcmp(op, "floordiv")) ok = wk_int_floordiv(a, b, &v);
    else if (!strcmp(op, "mod")) { ok = b != 0; v = wk_int_mod(a, b); }
    else if (!strcmp(op, "round")) ok = wk_int_round(a, b, &v);
    else if (!strcmp(op, "divmod")) {
        ok = wk_int_divmod(a, b, &v, &w);
        snprintf(res, cap, "%" PRId64 ",%" PRId64, v, w);
        return ok;
    }
    snprintf(res, cap, "%" PRId64, v);
    return ok;
}

static void t_iop(row *r) {
    char res[64];
    int64_t a = to_i64(r->f[2]), b = to_i64(r->f[3]);
    bool ok = int_op(r->f[1], a, b, res, sizeof res);
    const char *st = r->f[4];
    if (strcmp(st, "ok") == 0) {
        if (!ok) { tap_ok(false, "%s(%s, %s) unexpected failure", r->f[1], r->f[2], r->f[3]); return; }
        tap_is_str(res, r->f[5], "%s(%s, %s)", r->f[1], r->f[2], r->f[3]);
    } else {
        tap_ok(!ok, "%s(%s, %s) fails (%s)", r->f[1], r->f[2], r->f[3], st);
    }
}

static void t_misc_int(row *r) {
    int64_t v = 0;
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    if (!strcmp(r->f[0], "powmod")) {
        bool ok = wk_int_powmod(to_i64(r->f[1]), to_i64(r->f[2]), to_i64(r->f[3]), &v);
        tap_ok(ok && v == to_i64(r->f[4]), "pow(%s, %s, %s) == %s", r->f[1], r->f[2], r->f[3], r->f[4]);
    } else if (!strcmp(r->f[0], "bitlen")) {
        tap_is_int(wk_int_bit_length(to_i64(r->f[1])), atoi(r->f[2]), "(%s).bit_length()", r->f[1]);
    } else {
        wk_fmt_int_base(&sb, to_i64(r->f[1]), atoi(r->f[2]), true, false);
        tap_is_str(sb.data, r->f[3], "base %s of %s", r->f[2], r->f[1]);
    }
    wk_sbuf_free(&sb);
}

static void t_fop(row *r) {
    double x = bits2d(r->f[2]), y = bits2d(r->f[3]), q, m;
    const char *op = r->f[1];
    if (strcmp(r->f[4], "ok") != 0) {
        tap_ok(y == 0, "%s by zero is the caller's ZeroDivisionError", op);
        return;
    }
    bool good;
    if (!strcmp(op, "floordiv")) good = same_double(wk_float_floordiv(x, y), r->f[5]);
    else if (!strcmp(op, "mod")) good = same_double(wk_float_mod(x, y), r->f[5]);
    else {
        char qb[17];
        memcpy(qb, r->f[5], 16);
        qb[16] = 0;
        wk_float_divmod(x, y, &q, &m);
        good = same_double(q, qb) && same_double(m, r->f[5] + 17);
    }
    if (!tap_ok(good, "float %s(%.17g, %.17g)", op, x, y))
        tap_diag("expected bits %s", r->f[5]);
}

static void t_fround(row *r) {
    double x = bits2d(r->f[1]), out = 0;
    if (!strcmp(r->f[0], "fround0")) {
        /* round(x) is an int in Python: compare values, the sign of zero is lost there */
        tap_ok(wk_float_round_half_even(x) == bits2d(r->f[2]), "round(%.17g)", x);
        return;
    }
    int64_t nd = to_i64(r->f[2]);
    bool ok = wk_float_round(x, nd, &out);
    if (!strcmp(r->f[3], "ok")) {
        if (!tap_ok(ok && same_double(out, r->f[4]), "round(%.17g, %" PRId64 ")", x, nd))
            tap_diag("got %.17g, expected %.17g", out, bits2d(r->f[4]));
    } else {
        tap_ok(!ok, "round(%.17g, %" PRId64 ") overflows", x, nd);
    }
}

static void t_f2i(row *r) {
    int64_t v = 0;
    int kind = -1;
    bool ok = wk_float_to_int64(bits2d(r->f[1]), &v, &kind);
    const char *st = r->f[2];
    int want = !strcmp(st, "ok") ? 0 : !strcmp(st, "ValueError") ? 1 : !strcmp(st, "OverflowError") ? 2 : 3;
    bool good = want == 0 ? (ok && v == to_i64(r->f[3])) : (!ok && kind == want);
    tap_ok(good, "int(float %s) -> %s", r->f[1], st);
}

static void t_hash(row *r) {
    if (!strcmp(r->f[0], "hashi")) {
        tap_is_int(wk_int_hash(to_i64(r->f[1])), to_i64(r->f[2]), "hash(%s)", r->f[1]);
    } else if (!strcmp(r->f[0], "hashf")) {
        tap_is_int(wk_float_hash(bits2d(r->f[1])), to_i64(r->f[2]), "hash(%.17g)", bits2d(r->f[1]));
    } else {
        int64_t hs[64];
        size_t n = 0;
        for (char *p = r->f[1]; *p && n < 64;) {
            hs[n++] = strtoll(p, &p, 10);
            if (*p == ',') p++;
        }
        tap_is_int(wk_int_tuple_hash(hs, n), to_i64(r->f[2]), "hash(tuple of %zu)", n);
    }
}

typedef struct {
    const char *kind;
    int nfields;
    void (*fn)(row *);
} handler;

static const handler handlers[] = {
    {"repr", 3, t_repr},     {"fmt", 6, t_fmt},        {"pct", 6, t_pct},
    {"pint", 5, t_pint},     {"pflt", 4, t_pflt},      {"srepr", 3, t_srepr},
    {"iop", 6, t_iop},       {"powmod", 5, t_misc_int}, {"bitlen", 3, t_misc_int},
    {"ibase", 4, t_misc_int}, {"fop", 6, t_fop},        {"fround", 5, t_fround},
    {"fround0", 3, t_fround}, {"f2i", 4, t_f2i},        {"hashi", 3, t_hash},
    {"hashf", 3, t_hash},    {"hasht", 3, t_hash},
};

static void run_line(char *line) {
    row r;
    split_row(line, &r);
    for (size_t i = 0; i < sizeof handlers / sizeof handlers[0]; i++) {
        if (strcmp(r.f[0], handlers[i].kind) != 0) continue;
        if (r.n < handlers[i].nfields) {
            tap_ok(false, "malformed %s line", r.f[0]);
            return;
        }
        handlers[i].fn(&r);
        return;
    }
    tap_ok(false, "unknown case kind '%s'", r.f[0]);
}

/* Direct checks of behaviour the data file cannot express. */
static void extra_checks(void) {
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_fmt_double(&sb, 1.0 / 3, 'r', 0, 0);
    tap_is_str(sb.data, "0.3333333333333333", "wk_fmt_double 'r' without ADD_DOT_0");
    wk_sbuf_clear(&sb);
    wk_fmt_double(&sb, 2.0, 'r', 0, 0);
    tap_is_str(sb.data, "2", "wk_fmt_double 'r' integral without ADD_DOT_0");
    char digits[1700];
    int decpt = 0;
    int n = wk_float_digits(0.000123, 3, 2, digits, sizeof digits, &decpt);
    tap_ok(n == 0 && decpt == -2, "mode 3 digits of a value rounding to zero are empty");
    wk_pct_spec ps;
    char err[64] = "";
    tap_ok(wk_fmt_percent_parse("5.", 2, &ps, err, sizeof err) == 0 &&
               !strcmp(err, "incomplete format"), "'%%5.' is an incomplete format");
    tap_ok(wk_fmt_percent_parse("*.*f", 4, &ps, err, sizeof err) == 4 &&
               ps.width == WK_PCT_STAR && ps.prec == WK_PCT_STAR, "'*' width and precision");
    wk_fmt_percent_parse("-10.3s", 6, &ps, err, sizeof err);
    wk_sbuf_clear(&sb);
    wk_fmt_percent_str(&sb, "h\xc3\xa9llo", 6, &ps);
    tap_is_str(sb.data, "h\xc3\xa9l       ", "'%%-10.3s' %% 'h\\xe9llo'");
    tap_ok(wk_fmt_spec_parse(">10", 3, 'd', '>', "int", &(wk_fmt_spec){0}, err, sizeof err),
           "spec parse accepts '>10'");
    wk_sbuf_free(&sb);
}

/* Reads one line (without its newline) into a growing buffer; false at end of file. */
static bool read_line(FILE *f, char **buf, size_t *cap) {
    size_t len = 0;
    if (!*buf) {
        *cap = 256;
        if (!(*buf = malloc(*cap))) return false;
    }
    while (fgets(*buf + len, (int)(*cap - len), f)) {
        len += strlen(*buf + len);
        if (len && (*buf)[len - 1] == '\n') {
            (*buf)[len - 1] = 0;
            return true;
        }
        if (len + 1 < *cap) return true; /* last line without a newline */
        char *nb = realloc(*buf, *cap * 2);
        if (!nb) return false;
        *buf = nb;
        *cap *= 2;
    }
    return len > 0;
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : DATA_FILE;
    FILE *f = fopen(path, "rb");
    if (!f) tap_bail_out("cannot open " DATA_FILE " (run from the repository root)");
    char *line = NULL;
    size_t cap = 0;
    while (read_line(f, &line, &cap)) {
        if (line[0] == 0 || line[0] == '#') continue;
        run_line(line);
    }
    free(line);
    fclose(f);
    extra_checks();
    return tap_done_testing();
}
