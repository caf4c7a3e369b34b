/* str_transform.c — str methods that map characters: case, predicates, padding, encode, translate. */
#include "str_int.h"
#include "numfmt.h"
#include <stdio.h>
#include <string.h>

#define SELF(args) WK_STR((args)[0].u.o)

enum { C_LOWER, C_UPPER, C_SWAP, C_TITLE, C_CAPITALIZE, C_CASEFOLD };
static const char *const case_names[] = { "lower", "upper", "swapcase", "title", "capitalize", "casefold" };

static bool is_upper_cp(uint32_t c) { return wk_str_lower_cp(c) != c; }
static bool is_lower_cp(uint32_t c) {
    return wk_str_upper_cp(c) != c || c == 0xDF || (c >= 0x250 && c <= 0x2AF);
}

/* ---------------------------------------------------------------- case mapping */

static void put_upper(wk_sbuf *sb, uint32_t c, bool title) {
    if (c == 0xDF) wk_sbuf_adds(sb, title ? "Ss" : "SS");
    else wk_utf8_put(sb, wk_str_upper_cp(c));
}

/* Lower case of c; Greek capital sigma becomes final sigma after a cased letter when no
 * cased letter follows. */
static void put_lower(wk_sbuf *sb, uint32_t c, bool prev_cased, bool next_cased, bool fold) {
    if (c == 0x3A3 && prev_cased && !next_cased) wk_utf8_put(sb, 0x3C2);
    else if (c == 0x130) wk_sbuf_adds(sb, "i\xcc\x87");
    else if (fold && c == 0xDF) wk_sbuf_adds(sb, "ss");
    else if (fold && c == 0x3C2) wk_utf8_put(sb, 0x3C3);
    else wk_utf8_put(sb, wk_str_lower_cp(c));
}

static wk_value case_ascii(const wk_strobj *s, int mode) {
    wk_strobj *o = wk_str_alloc((size_t)s->len);
    if (!o) return WK_NULLV;
    bool prev = false;
    for (int64_t i = 0; i < s->len; i++) {
        unsigned char c = (unsigned char)s->data[i];
        bool up = c >= 'A' && c <= 'Z', lo = c >= 'a' && c <= 'z';
        bool to_upper = mode == C_UPPER || (mode == C_SWAP && lo) ||
                        ((mode == C_TITLE || mode == C_CAPITALIZE) && !prev);
        if (to_upper && lo) c -= 32;
        else if (!to_upper && up && mode != C_UPPER) c += 32;
        o->data[i] = (char)c;
        if (mode == C_TITLE) prev = up || lo;
        else if (mode == C_CAPITALIZE) prev = true;
    }
    o->nchars = s->nchars;
    o->ascii = true;
    return wk_objv(&o->ob);
}

static wk_value case_unicode(const wk_strobj *s, int mode) {
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_reserve(&sb, (size_t)s->len + 8);
    const char *d = s->data;
    size_t n = (size_t)s->len, i = 0;
    bool prev = false, first = true;
    while (i < n) {
        uint32_t c = wk_utf8_next(d, n, &i);
        size_t j = i;
        bool next_cased = i < n && wk_str_iscased_cp(wk_utf8_next(d, n, &j));
        bool lower = mode == C_LOWER || mode == C_CASEFOLD ||
                     (mode == C_SWAP && is_upper_cp(c)) || (mode == C_TITLE && prev) ||
                     (mode == C_CAPITALIZE && !first);
        bool upper = mode == C_UPPER || (mode == C_SWAP && is_lower_cp(c)) ||
                     (mode == C_TITLE && !prev) || (mode == C_CAPITALIZE && first);
        if (lower) put_lower(&sb, c, prev, next_cased, mode == C_CASEFOLD);
        else if (upper) put_upper(&sb, c, mode == C_TITLE || mode == C_CAPITALIZE);
        else wk_utf8_put(&sb, c);
        prev = wk_str_iscased_cp(c);
        first = false;
    }
    return wk_str_from_sbuf(&sb);
}

wk_value wk_str_m_case(const wk_value *args, int nargs, wk_obj *kw, int mode) {
    if (!wk_args_none(case_names[mode], nargs - 1, kw)) return WK_NULLV;
    const wk_strobj *s = SELF(args);
    return s->ascii ? case_ascii(s, mode) : case_unicode(s, mode);
}

/* ---------------------------------------------------------------- predicates */

enum { P_ALNUM, P_ALPHA, P_ASCII, P_DECIMAL, P_DIGIT, P_IDENT, P_LOWER, P_NUMERIC,
       P_PRINTABLE, P_SPACE, P_TITLE, P_UPPER };
static const char *const pred_names[] = {
    "isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier", "islower",
    "isnumeric", "isprintable", "isspace", "istitle", "isupper" };

/* Predicates that hold when every character has a property. */
static bool char_pred(uint32_t c, int which) {
    switch (which) {
    case P_ALNUM: return wk_str_isalpha_cp(c) || wk_str_isnumeric_cp(c);
    case P_ALPHA: return wk_str_isalpha_cp(c);
    case P_DECIMAL: return c < 0x80 ? c - '0' < 10 : wk_unicode_decimal(c) >= 0;
    case P_DIGIT: return wk_str_isdigit_cp(c);
    case P_NUMERIC: return wk_str_isnumeric_cp(c);
    case P_PRINTABLE: return c < 0x80 ? c >= 0x20 && c < 0x7f : wk_unicode_isprintable(c);
    default: return wk_unicode_isspace(c);
    }
}

/* islower / isupper / istitle: CPython's cased-character rules. */
static bool case_pred(const char *d, size_t n, int which) {
    bool cased = false, prev = false;
    for (size_t i = 0; i < n;) {
        uint32_t c = wk_utf8_next(d, n, &i);
        bool up = is_upper_cp(c), lo = is_lower_cp(c);
        if (which == P_LOWER) { if (up) return false; cased |= lo; continue; }
        if (which == P_UPPER) { if (lo) return false; cased |= up; continue; }
        if (up) { if (prev) return false; prev = cased = true; }
        else if (lo) { if (!prev) return false; prev = cased = true; }
        else prev = false;
    }
    return cased;
}

static bool is_identifier(const char *d, size_t n) {
    if (n == 0) return false;
    for (size_t i = 0; i < n;) {
        bool first = i == 0;
        uint32_t c = wk_utf8_next(d, n, &i);
        bool ok = c == '_' || wk_str_isalpha_cp(c) || (!first && wk_str_isdigit_cp(c));
        if (!ok) return false;
    }
    return true;
}

wk_value wk_str_m_pred(const wk_value *args, int nargs, wk_obj *kw, int which) {
    if (!wk_args_none(pred_names[which], nargs - 1, kw)) return WK_NULLV;
    const wk_strobj *s = SELF(args);
    const char *d = s->data;
    size_t n = (size_t)s->len;
    switch (which) {
    case P_ASCII: return wk_bool(s->ascii);
    case P_IDENT: return wk_bool(is_identifier(d, n));
    case P_LOWER: case P_UPPER: case P_TITLE: return wk_bool(case_pred(d, n, which));
    default: break;
    }
    if (n == 0) return wk_bool(which == P_PRINTABLE);
    for (size_t i = 0; i < n;)
        if (!char_pred(wk_utf8_next(d, n, &i), which)) return WK_FALSEV;
    return WK_TRUEV;
}

/* ---------------------------------------------------------------- padding */

static wk_value pad(wk_value self, int64_t left, int64_t right, const char *fill, size_t flen) {
    wk_strobj *s = WK_STR(self.u.o);
    if (left <= 0 && right <= 0) return wk_incref(self);
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_reserve(&sb, (size_t)s->len + (size_t)(left + right) * flen);
    for (int64_t i = 0; i < left; i++) wk_sbuf_add(&sb, fill, flen);
    wk_sbuf_add(&sb, s->data, (size_t)s->len);
    for (int64_t i = 0; i < right; i++) wk_sbuf_add(&sb, fill, flen);
    return wk_str_from_sbuf(&sb);
}

/* center / ljust / rjust: align 0 left, 1 right, 2 centre. */
static wk_value justify(const char *name, const wk_value *args, int nargs, wk_obj *kw, int align) {
    wk_value a[2];
    if (!wk_args_parse(name, args + 1, nargs - 1, kw, "width /|fillchar", a)) return WK_NULLV;
    int64_t width;
    if (!wk_as_index(a[0], &width)) return WK_NULLV;
    const char *fill = " ";
    size_t flen = 1;
    if (!WK_IS_NULL(a[1])) {
        if (!wk_is_str(a[1]))
            return wk_raise(wk_exc_TypeError, "The fill character must be a unicode character, not %s",
                            wk_typename(a[1]));
        if (WK_STR(a[1].u.o)->nchars != 1)
            return wk_raise(wk_exc_TypeError, "The fill character must be exactly one character long");
        fill = WK_STR(a[1].u.o)->data;
        flen = (size_t)WK_STR(a[1].u.o)->len;
    }
    int64_t marg = width - SELF(args)->nchars;
    if (marg <= 0) return wk_incref(args[0]);
    int64_t left = align == 0 ? 0 : align == 1 ? marg : marg / 2 + (marg & width & 1);
    return pad(args[0], left, marg - left, fill, flen);
}

wk_value wk_str_m_ljust(const wk_value *a, int n, wk_obj *kw) { return justify("ljust", a, n, kw, 0); }
wk_value wk_str_m_rjust(const wk_value *a, int n, wk_obj *kw) { return justify("rjust", a, n, kw, 1); }
wk_value wk_str_m_center(const wk_value *a, int n, wk_obj *kw) { return justify("center", a, n, kw, 2); }

wk_value wk_str_m_zfill(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    int64_t width;
    if (!wk_args_parse("zfill", args + 1, nargs - 1, kw, "width /", a) || !wk_as_index(a[0], &width))
        return WK_NULLV;
    wk_strobj *s = SELF(args);
    int64_t fill = width - s->nchars;
    if (fill <= 0) return wk_incref(args[0]);
    wk_strobj *o = wk_str_alloc((size_t)s->len + (size_t)fill);
    if (!o) return WK_NULLV;
    memset(o->data, '0', (size_t)fill);
    memcpy(o->data + fill, s->data, (size_t)s->len);
    if (s->len && (s->data[0] == '+' || s->data[0] == '-')) {
        o->data[0] = s->data[0];
        o->data[fill] = '0';
    }
    o->nchars = s->nchars + fill;
    o->ascii = s->ascii;
    return wk_objv(&o->ob);
}

wk_value wk_str_m_expandtabs(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    int64_t tab = 8;
    if (!wk_args_parse("expandtabs", args + 1, nargs - 1, kw, "|tabsize", a)) return WK_NULLV;
    if (!WK_IS_NULL(a[0]) && !wk_as_index(a[0], &tab)) return WK_NULLV;
    wk_strobj *s = SELF(args);
    if (!memchr(s->data, '\t', (size_t)s->len)) return wk_incref(args[0]);
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    int64_t col = 0;
    for (int64_t i = 0; i < s->len; i++) {
        char c = s->data[i];
        if (c == '\t') {
            if (tab > 0) { wk_sbuf_addrep(&sb, ' ', (size_t)(tab - col % tab)); col += tab - col % tab; }
            continue;
        }
        wk_sbuf_addc(&sb, c);
        if (c == '\n' || c == '\r') col = 0;
        else if (((unsigned char)c & 0xC0) != 0x80) col++;
    }
    return wk_str_from_sbuf(&sb);
}

/* ---------------------------------------------------------------- encode */

int wk_str_codec(const char *name) {
    char buf[32];
    size_t k = 0;
    for (; name[k] && k < sizeof buf - 1; k++) {
        char c = name[k];
        buf[k] = c == '_' ? '-' : (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    buf[k] = 0;
    static const char *const names[][5] = {
        { "utf-8", "utf8", "u8", "utf", "cp65001" },
        { "ascii", "us-ascii", "646", "us", "ascii" },
        { "latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1" },
    };
    for (int c = 0; c < 3; c++)
        for (int j = 0; j < 5; j++)
            if (strcmp(buf, names[c][j]) == 0) return c;
    return -1;
}

/* UnicodeEncodeError for characters [i, j) (code point indexes) of s. */
static wk_value encode_error(const char *codec, const wk_strobj *s, int64_t i, int64_t j,
                             uint32_t c, uint32_t limit) {
    const char *reason = limit == 128 ? "ordinal not in range(128)" : "ordinal not in range(256)";
    if (j - i > 1)
        return wk_raise(wk_exc_UnicodeEncodeError,
                        "'%s' codec can't encode characters in position %lld-%lld: %s", codec,
                        (long long)i, (long long)(j - 1), reason);
    const char *fmt = c < 0x100 ? "\\x%02x" : c < 0x10000 ? "\\u%04x" : "\\U%08x";
    char esc[16];
    snprintf(esc, sizeof esc, fmt, c);
    (void)s;
    return wk_raise(wk_exc_UnicodeEncodeError,
                    "'%s' codec can't encode character '%s' in position %lld: %s", codec, esc,
                    (long long)i, reason);
}

/* ascii / latin-1 encoding with errors 'strict', 'ignore' or 'replace'. */
static wk_value encode_narrow(const wk_strobj *s, uint32_t limit, const char *errors) {
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    size_t n = (size_t)s->len, i = 0;
    for (int64_t k = 0; i < n; k++) {
        uint32_t c = wk_utf8_next(s->data, n, &i);
        if (c < limit) { wk_sbuf_addc(&sb, (char)c); continue; }
        if (strcmp(errors, "ignore") == 0) continue;
        if (strcmp(errors, "replace") == 0) { wk_sbuf_addc(&sb, '?'); continue; }
        if (strcmp(errors, "strict") != 0) {
            wk_sbuf_free(&sb);
            return wk_raise(wk_exc_LookupError, "unknown error handler name '%s'", errors);
        }
        int64_t e = k + 1;
        for (size_t j = i; j < n && wk_utf8_next(s->data, n, &j) >= limit;) e++;
        wk_sbuf_free(&sb);
        return encode_error(limit == 128 ? "ascii" : "latin-1", s, k, e, c, limit);
    }
    wk_value r = wk_bytes_new(sb.data ? sb.data : "", sb.len);
    wk_sbuf_free(&sb);
    return r;
}

wk_value wk_str_m_encode(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    if (!wk_args_parse("encode", args + 1, nargs - 1, kw, "|encoding errors", a)) return WK_NULLV;
    for (int i = 0; i < 2; i++)
        if (!WK_IS_NULL(a[i]) && !wk_is_str(a[i]))
            return wk_raise(wk_exc_TypeError, "encode() argument '%s' must be str, not %s",
                            i ? "errors" : "encoding", wk_typename(a[i]));
    const char *enc = WK_IS_NULL(a[0]) ? "utf-8" : wk_str_cstr(a[0]);
    const char *errors = WK_IS_NULL(a[1]) ? "strict" : wk_str_cstr(a[1]);
    int codec = wk_str_codec(enc);
    const wk_strobj *s = SELF(args);
    if (codec < 0) return wk_raise(wk_exc_LookupError, "unknown encoding: %s", enc);
    if (codec == 0 || s->ascii) return wk_bytes_new(s->data, (size_t)s->len);
    return encode_narrow(s, codec == 1 ? 128 : 256, errors);
}

/* ---------------------------------------------------------------- translate / maketrans */

/* Appends the translation of c; false with an exception. */
static bool translate_one(wk_sbuf *sb, wk_value table, uint32_t c) {
    wk_value r = wk_getitem(table, wk_int(c));
    if (WK_IS_NULL(r)) {
        if (!wk_err_matches(wk_exc_LookupError)) return false;
        wk_err_clear();
        wk_utf8_put(sb, c);
        return true;
    }
    bool ok = true;
    if (WK_IS_NONE(r)) {
    } else if (WK_IS_INT(r) || WK_IS_BOOL(r)) {
        if (r.u.i < 0 || r.u.i > 0x10FFFF) {
            wk_raise(wk_exc_ValueError, "character mapping must be in range(0x110000)");
            ok = false;
        } else wk_utf8_put(sb, (uint32_t)r.u.i);
    } else if (wk_is_str(r)) {
        wk_str_add(sb, r);
    } else {
        wk_raise(wk_exc_TypeError, "character mapping must return integer, None or str");
        ok = false;
    }
    wk_decref(r);
    return ok;
}

wk_value wk_str_m_translate(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!wk_args_parse("translate", args + 1, nargs - 1, kw, "table /", a)) return WK_NULLV;
    const wk_strobj *s = SELF(args);
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    size_t n = (size_t)s->len;
    for (size_t i = 0; i < n;) {
        if (!translate_one(&sb, a[0], wk_utf8_next(s->data, n, &i))) {
            wk_sbuf_free(&sb);
            return WK_NULLV;
        }
    }
    return wk_str_from_sbuf(&sb);
}

/* maketrans(dict): keys of length-1 str become their code points. */
static bool maketrans_dict(wk_obj *out, wk_value x) {
    if (!wk_is_dict(x)) {
        wk_raise(wk_exc_TypeError, "if you give only one argument to maketrans it must be a dict");
        return false;
    }
    int64_t pos = 0;
    wk_value k, v;
    while (wk_dict_next(x.u.o, &pos, &k, &v)) {
        wk_value key = k;
        if (wk_is_str(k)) {
            if (WK_STR(k.u.o)->nchars != 1) {
                wk_raise(wk_exc_ValueError, "string keys in translate table must be of length 1");
                return false;
            }
            size_t i = 0;
            key = wk_int(wk_utf8_next(WK_STR(k.u.o)->data, (size_t)WK_STR(k.u.o)->len, &i));
        } else if (!WK_IS_INT(k)) {
            wk_raise(wk_exc_TypeError, "keys in translate table must be strings or integers");
            return false;
        }
        if (wk_dict_set(out, key, v) < 0) return false;
    }
    return true;
}

/* maketrans(x, y[, z]): x[i] -> y[i], z's characters -> None. */
static bool maketrans_strs(wk_obj *out, wk_value x, wk_value y, wk_value z) {
    if (!wk_is_str(x) || !wk_is_str(y) || (!WK_IS_NULL(z) && !wk_is_str(z))) {
        wk_value bad = !wk_is_str(x) ? x : !wk_is_str(y) ? y : z;
        int pos = !wk_is_str(x) ? 1 : !wk_is_str(y) ? 2 : 3;
        wk_raise(wk_exc_TypeError, "maketrans() argument %d must be str, not %s", pos, wk_typename(bad));
        return false;
    }
    const wk_strobj *sx = WK_STR(x.u.o), *sy = WK_STR(y.u.o);
    if (sx->nchars != sy->nchars) {
        wk_raise(wk_exc_ValueError, "the first two maketrans arguments must have equal length");
        return false;
    }
    size_t i = 0, j = 0;
    while (i < (size_t)sx->len) {
        uint32_t a = wk_utf8_next(sx->data, (size_t)sx->len, &i);
        uint32_t b = wk_utf8_next(sy->data, (size_t)sy->len, &j);
        if (wk_dict_set(out, wk_int(a), wk_int(b)) < 0) return false;
    }
    if (WK_IS_NULL(z)) return true;
    const wk_strobj *sz = WK_STR(z.u.o);
    for (i = 0; i < (size_t)sz->len;)
        if (wk_dict_set(out, wk_int(wk_utf8_next(sz->data, (size_t)sz->len, &i)), WK_NONEV) < 0)
            return false;
    return true;
}

wk_value wk_str_m_maketrans(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[3];
    if (!wk_args_parse("maketrans", args, nargs, kw, "x /|y z", a)) return WK_NULLV;
    wk_obj *d = wk_dict_new();
    if (!d) return WK_NULLV;
    bool ok = WK_IS_NULL(a[1]) ? maketrans_dict(d, a[0]) : maketrans_strs(d, a[0], a[1], a[2]);
    if (!ok) { wk_obj_decref(d); return WK_NULLV; }
    return wk_objv(d);
}
