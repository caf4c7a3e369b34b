/* str_methods.c — str methods that search, split, join, replace and strip, and the method table. */
#include "str_int.h"
#include "numfmt.h"
#include <string.h>

#define SELF(args) WK_STR((args)[0].u.o)

/* wk_args_parse for a method: args[0] is self. */
static bool parse(const char *name, const wk_value *args, int nargs, wk_obj *kw,
                  const char *spec, wk_value *out) {
    return wk_args_parse(name, args + 1, nargs - 1, kw, spec, out);
}

/* v must be a str: TypeError "<prefix>must be str, not int" otherwise. */
static bool need_str(wk_value v, const char *prefix) {
    if (wk_is_str(v)) return true;
    wk_raise(wk_exc_TypeError, "%smust be str, not %s", prefix, wk_typename(v));
    return false;
}

static bool slice_index(wk_value v, int64_t *out) {
    if (WK_IS_NULL(v) || WK_IS_NONE(v)) return true;
    if (!WK_IS_INT(v) && !WK_IS_BOOL(v) && (WK_IS_FLOAT(v) || !wk_typeof(v)->un[WK_UN_INDEX])) {
        wk_raise(wk_exc_TypeError,
                 "slice indices must be integers or None or have an __index__ method");
        return false;
    }
    return wk_as_index(v, out);
}

int wk_str_range(const wk_strobj *s, wk_value start, wk_value end, size_t *b0, size_t *b1) {
    int64_t n = s->nchars, i = 0, j = n;
    if (!slice_index(start, &i) || !slice_index(end, &j)) return -1;
    if (j > n) j = n;
    else if (j < 0) { j += n; if (j < 0) j = 0; }
    if (i < 0) { i += n; if (i < 0) i = 0; }
    if (i > n || i > j) return 0;
    *b0 = wk_str_off(s, i);
    *b1 = s->ascii ? (size_t)j : *b0 + wk_utf8_offset(s->data + *b0, (size_t)s->len - *b0, (size_t)(j - i));
    return 1;
}

/* Last occurrence of needle in hay, or NULL. */
static const char *memrmem(const char *hay, size_t n, const char *needle, size_t m) {
    if (m == 0) return hay + n;
    if (m > n) return NULL;
    for (const char *p = hay + n - m;; p--) {
        if (*p == *needle && memcmp(p, needle, m) == 0) return p;
        if (p == hay) return NULL;
    }
}

/* ---------------------------------------------------------------- find family */

/* Shared by find/rfind/index/rindex: the code point index of sub, -1 if absent,
 * -2 on error. */
static int64_t find_impl(const char *name, const wk_value *args, int nargs, wk_obj *kw,
                         bool reverse) {
    wk_value a[3];
    if (!parse(name, args, nargs, kw, "sub /|start end", a)) return -2;
    if (!need_str(a[0], "")) return -2;
    wk_strobj *s = SELF(args), *sub = WK_STR(a[0].u.o);
    size_t b0, b1;
    int r = wk_str_range(s, a[1], a[2], &b0, &b1);
    if (r <= 0) return r - 1;
    const char *p = reverse ? memrmem(s->data + b0, b1 - b0, sub->data, (size_t)sub->len)
                            : memmem(s->data + b0, b1 - b0, sub->data, (size_t)sub->len);
    return p ? wk_str_idx(s, (size_t)(p - s->data)) : -1;
}

static wk_value find_result(int64_t r, bool raise) {
    if (r == -2) return WK_NULLV;
    if (r == -1 && raise) return wk_raise(wk_exc_ValueError, "substring not found");
    return wk_int(r);
}

static wk_value m_find(const wk_value *a, int n, wk_obj *kw) { return find_result(find_impl("find", a, n, kw, false), false); }
static wk_value m_rfind(const wk_value *a, int n, wk_obj *kw) { return find_result(find_impl("rfind", a, n, kw, true), false); }
static wk_value m_index(const wk_value *a, int n, wk_obj *kw) { return find_result(find_impl("index", a, n, kw, false), true); }
static wk_value m_rindex(const wk_value *a, int n, wk_obj *kw) { return find_result(find_impl("rindex", a, n, kw, true), true); }

static wk_value m_count(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[3];
    if (!parse("count", args, nargs, kw, "sub /|start end", a) || !need_str(a[0], ""))
        return WK_NULLV;
    wk_strobj *s = SELF(args), *sub = WK_STR(a[0].u.o);
    size_t b0, b1;
    int r = wk_str_range(s, a[1], a[2], &b0, &b1);
    if (r <= 0) return r < 0 ? WK_NULLV : wk_int(0);
    if (sub->len == 0) return wk_int(wk_str_idx(s, b1) - wk_str_idx(s, b0) + 1);
    int64_t count = 0;
    const char *p = s->data + b0, *end = s->data + b1;
    while ((p = memmem(p, (size_t)(end - p), sub->data, (size_t)sub->len))) {
        count++;
        p += sub->len;
    }
    return wk_int(count);
}

/* startswith / endswith with a str or a tuple of str. */
static wk_value affix_impl(const char *name, const wk_value *args, int nargs, wk_obj *kw,
                           bool suffix) {
    wk_value a[3];
    if (!parse(name, args, nargs, kw, "prefix /|start end", a)) return WK_NULLV;
    wk_strobj *s = SELF(args);
    bool tuple = wk_is_tuple(a[0]);
    if (!tuple && !wk_is_str(a[0]))
        return wk_raise(wk_exc_TypeError, "%s first arg must be str or a tuple of str, not %s",
                        name, wk_typename(a[0]));
    size_t b0, b1;
    int r = wk_str_range(s, a[1], a[2], &b0, &b1);
    if (r < 0) return WK_NULLV;
    int64_t n = tuple ? WK_TUPLE(a[0].u.o)->len : 1;
    for (int64_t i = 0; i < n; i++) {
        wk_value x = tuple ? WK_TUPLE(a[0].u.o)->items[i] : a[0];
        if (!wk_is_str(x))
            return wk_raise(wk_exc_TypeError, "tuple for %s must only contain str, not %s",
                            name, wk_typename(x));
        size_t m = (size_t)WK_STR(x.u.o)->len;
        if (r == 0 || m > b1 - b0) continue;
        const char *p = suffix ? s->data + b1 - m : s->data + b0;
        if (memcmp(p, WK_STR(x.u.o)->data, m) == 0) return WK_TRUEV;
    }
    return WK_FALSEV;
}

static wk_value m_startswith(const wk_value *a, int n, wk_obj *kw) { return affix_impl("startswith", a, n, kw, false); }
static wk_value m_endswith(const wk_value *a, int n, wk_obj *kw) { return affix_impl("endswith", a, n, kw, true); }

static wk_value affix_remove(const char *name, const wk_value *args, int nargs, wk_obj *kw,
                             bool suffix) {
    wk_value a[1];
    if (!parse(name, args, nargs, kw, "prefix /", a)) return WK_NULLV;
    if (!wk_is_str(a[0]))
        return wk_raise(wk_exc_TypeError, "%s() argument must be str, not %s", name,
                        wk_typename(a[0]));
    wk_strobj *s = SELF(args), *x = WK_STR(a[0].u.o);
    size_t n = (size_t)s->len, m = (size_t)x->len;
    if (m == 0 || m > n || memcmp(suffix ? s->data + n - m : s->data, x->data, m) != 0)
        return wk_incref(args[0]);
    return suffix ? wk_str_sub(s, 0, n - m) : wk_str_sub(s, m, n);
}

static wk_value m_removeprefix(const wk_value *a, int n, wk_obj *kw) { return affix_remove("removeprefix", a, n, kw, false); }
static wk_value m_removesuffix(const wk_value *a, int n, wk_obj *kw) { return affix_remove("removesuffix", a, n, kw, true); }

/* ---------------------------------------------------------------- whitespace and char sets */

static inline bool ascii_space(unsigned char c) {
    return c == ' ' || (c >= 9 && c <= 13) || (c >= 28 && c <= 31);
}

/* Is the code point at s[i] whitespace? Sets *len to its length. */
static bool space_at(const char *s, size_t n, size_t i, size_t *len) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) { *len = 1; return ascii_space(c); }
    size_t j = i;
    uint32_t cp = wk_utf8_next(s, n, &j);
    *len = j - i;
    return wk_unicode_isspace(cp);
}

/* Start of the code point that ends at byte e (> 0). */
static size_t prev_start(const char *s, size_t e) {
    size_t i = e - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
    return i;
}

static bool space_before(const char *s, size_t n, size_t e, size_t *start) {
    *start = prev_start(s, e);
    size_t len;
    return space_at(s, n, *start, &len);
}

/* Is the code point at s[i] (length *len) one of chars? */
static bool in_chars(const char *s, size_t n, size_t i, size_t *len, const wk_strobj *chars) {
    int k = wk_utf8_seqlen((unsigned char)s[i]);
    *len = k ? (size_t)k : 1;
    if (*len > n - i) *len = n - i;
    if (*len == 1) return memchr(chars->data, s[i], (size_t)chars->len) != NULL;
    return memmem(chars->data, (size_t)chars->len, s + i, *len) != NULL;
}

/* ---------------------------------------------------------------- strip */

static wk_value strip_impl(const char *name, const wk_value *args, int nargs, wk_obj *kw,
                           bool left, bool right) {
    wk_value a[1];
    if (!parse(name, args, nargs, kw, "|chars", a)) return WK_NULLV;
    const wk_strobj *chars = NULL;
    if (!WK_IS_NULL(a[0]) && !WK_IS_NONE(a[0])) {
        if (!wk_is_str(a[0]))
            return wk_raise(wk_exc_TypeError, "%s arg must be None or str", name);
        chars = WK_STR(a[0].u.o);
    }
    wk_strobj *s = SELF(args);
    const char *d = s->data;
    size_t n = (size_t)s->len, i = 0, j = n, len;
    while (left && i < n && (chars ? in_chars(d, n, i, &len, chars) : space_at(d, n, i, &len)))
        i += len;
    while (right && j > i) {
        size_t st = prev_start(d, j);
        bool hit = chars ? in_chars(d, n, st, &len, chars) : space_at(d, n, st, &len);
        if (!hit) break;
        j = st;
    }
    return wk_str_sub(s, i, j);
}

static wk_value m_strip(const wk_value *a, int n, wk_obj *kw) { return strip_impl("strip", a, n, kw, true, true); }
static wk_value m_lstrip(const wk_value *a, int n, wk_obj *kw) { return strip_impl("lstrip", a, n, kw, true, false); }
static wk_value m_rstrip(const wk_value *a, int n, wk_obj *kw) { return strip_impl("rstrip", a, n, kw, false, true); }

/* ---------------------------------------------------------------- split */

static bool add_piece(wk_obj *list, wk_strobj *s, size_t b0, size_t b1) {
    wk_value v = wk_str_sub(s, b0, b1);
    return !WK_IS_NULL(v) && wk_list_append_steal(list, v);
}

/* Parses (sep, maxsplit) and checks sep. */
static bool split_args(const char *name, const wk_value *args, int nargs, wk_obj *kw,
                       const wk_strobj **sep, int64_t *maxsplit) {
    wk_value a[2];
    if (!parse(name, args, nargs, kw, "|sep maxsplit", a)) return false;
    *sep = NULL;
    *maxsplit = -1;
    if (!WK_IS_NULL(a[1]) && !wk_as_index(a[1], maxsplit)) return false;
    if (WK_IS_NULL(a[0]) || WK_IS_NONE(a[0])) return true;
    if (!wk_is_str(a[0])) {
        wk_raise(wk_exc_TypeError, "must be str or None, not %s", wk_typename(a[0]));
        return false;
    }
    *sep = WK_STR(a[0].u.o);
    if ((*sep)->len == 0) {
        wk_raise(wk_exc_ValueError, "empty separator");
        return false;
    }
    return true;
}

static bool split_ws(wk_obj *l, wk_strobj *s, int64_t maxsplit) {
    const char *d = s->data;
    size_t n = (size_t)s->len, i = 0, len;
    for (;;) {
        while (i < n && space_at(d, n, i, &len)) i += len;
        if (i >= n) return true;
        if (maxsplit-- == 0) {
            return add_piece(l, s, i, n);
        }
        size_t j = i;
        while (j < n && !space_at(d, n, j, &len)) j += len;
        if (!add_piece(l, s, i, j)) return false;
        i = j;
    }
}

static bool rsplit_ws(wk_obj *l, wk_strobj *s, int64_t maxsplit) {
    const char *d = s->data;
    size_t n = (size_t)s->len, j = n, st;
    for (;;) {
        while (j > 0 && space_before(d, n, j, &st)) j = st;
        if (j == 0) return true;
        if (maxsplit-- == 0) return add_piece(l, s, 0, j);
        size_t i = j;
        while (i > 0 && !space_before(d, n, i, &st)) i = st;
        if (!add_piece(l, s, i, j)) return false;
        j = i;
    }
}

static bool split_sep(wk_obj *l, wk_strobj *s, const wk_strobj *sep, int64_t maxsplit) {
    const char *d = s->data, *end = d + s->len;
    size_t m = (size_t)sep->len;
    const char *p = d, *q;
    while (maxsplit-- != 0 && (q = memmem(p, (size_t)(end - p), sep->data, m))) {
        if (!add_piece(l, s, (size_t)(p - d), (size_t)(q - d))) return false;
        p = q + m;
    }
    return add_piece(l, s, (size_t)(p - d), (size_t)s->len);
}

static bool rsplit_sep(wk_obj *l, wk_strobj *s, const wk_strobj *sep, int64_t maxsplit) {
    size_t m = (size_t)sep->len, j = (size_t)s->len;
    const char *q;
    while (maxsplit-- != 0 && (q = memrmem(s->data, j, sep->data, m))) {
        size_t at = (size_t)(q - s->data);
        if (!add_piece(l, s, at + m, j)) return false;
        j = at;
    }
    if (!add_piece(l, s, 0, j)) return false;
    /* reverse in place */
    wk_list *L = WK_LIST(l);
    for (int64_t a = 0, b = L->len - 1; a < b; a++, b--) {
        wk_value t = L->items[a]; L->items[a] = L->items[b]; L->items[b] = t;
    }
    return true;
}

static wk_value split_impl(const char *name, const wk_value *args, int nargs, wk_obj *kw,
                           bool reverse) {
    const wk_strobj *sep;
    int64_t maxsplit;
    if (!split_args(name, args, nargs, kw, &sep, &maxsplit)) return WK_NULLV;
    wk_obj *l = wk_list_new(0);
    if (!l) return WK_NULLV;
    wk_strobj *s = SELF(args);
    bool ok = sep ? (reverse ? rsplit_sep(l, s, sep, maxsplit) : split_sep(l, s, sep, maxsplit))
                  : (reverse ? rsplit_ws(l, s, maxsplit) : split_ws(l, s, maxsplit));
    if (!ok) { wk_obj_decref(l); return WK_NULLV; }
    if (!sep && reverse) {
        wk_list *L = WK_LIST(l);
        for (int64_t a = 0, b = L->len - 1; a < b; a++, b--) {
            wk_value t = L->items[a]; L->items[a] = L->items[b]; L->items[b] = t;
        }
    }
    return wk_objv(l);
}

static wk_value m_split(const wk_value *a, int n, wk_obj *kw) { return split_impl("split", a, n, kw, false); }
static wk_value m_rsplit(const wk_value *a, int n, wk_obj *kw) { return split_impl("rsplit", a, n, kw, true); }

/* Length of the line break at s[i], 0 if none. */
static size_t line_break(const char *s, size_t n, size_t i) {
    unsigned char c = (unsigned char)s[i];
    if (c == '\r') return i + 1 < n && s[i + 1] == '\n' ? 2 : 1;
    if (c == '\n' || c == 0x0b || c == 0x0c || (c >= 0x1c && c <= 0x1e)) return 1;
    if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0x85) return 2;
    if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) return 3;
    return 0;
}

static wk_value m_splitlines(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!parse("splitlines", args, nargs, kw, "|keepends", a)) return WK_NULLV;
    int keep = 0;
    if (!WK_IS_NULL(a[0])) {
        if (WK_IS_FLOAT(a[0])) return wk_raise(wk_exc_TypeError, "'float' object cannot be interpreted as an integer");
        if ((keep = wk_truthy(a[0])) < 0) return WK_NULLV;
    }
    wk_strobj *s = SELF(args);
    wk_obj *l = wk_list_new(0);
    if (!l) return WK_NULLV;
    size_t n = (size_t)s->len, start = 0;
    for (size_t i = 0; i < n;) {
        size_t br = line_break(s->data, n, i);
        if (!br) { i++; continue; }
        if (!add_piece(l, s, start, keep ? i + br : i)) { wk_obj_decref(l); return WK_NULLV; }
        i += br;
        start = i;
    }
    if (start < n && !add_piece(l, s, start, n)) { wk_obj_decref(l); return WK_NULLV; }
    return wk_objv(l);
}

/* ---------------------------------------------------------------- partition */

static wk_value partition_impl(const wk_value *args, int nargs, bool reverse) {
    if (nargs != 2) {
        return wk_raise(wk_exc_TypeError, "%s() takes exactly one argument (%d given)",
                        reverse ? "rpartition" : "partition", nargs - 1);
    }
    if (!need_str(args[1], "")) return WK_NULLV;
    wk_strobj *s = SELF(args), *sep = WK_STR(args[1].u.o);
    if (sep->len == 0) return wk_raise(wk_exc_ValueError, "empty separator");
    size_t n = (size_t)s->len, m = (size_t)sep->len;
    const char *p = reverse ? memrmem(s->data, n, sep->data, m) : memmem(s->data, n, sep->data, m);
    wk_value parts[3];
    if (!p) {
        parts[reverse ? 2 : 0] = wk_incref(args[0]);
        parts[1] = wk_str_empty();
        parts[reverse ? 0 : 2] = wk_str_empty();
    } else {
        size_t at = (size_t)(p - s->data);
        parts[0] = wk_str_sub(s, 0, at);
        parts[1] = wk_incref(args[1]);
        parts[2] = wk_str_sub(s, at + m, n);
    }
    wk_obj *t = wk_tuple_new(3);
    for (int i = 0; i < 3; i++) {
        if (t && !WK_IS_NULL(parts[i])) { wk_tuple_set_steal(t, i, parts[i]); continue; }
        wk_decref(parts[i]);
        if (t) { wk_obj_decref(t); t = NULL; }
    }
    return wk_objv(t);
}

static wk_value m_partition(const wk_value *a, int n, wk_obj *kw) { (void)kw; return partition_impl(a, n, false); }
static wk_value m_rpartition(const wk_value *a, int n, wk_obj *kw) { (void)kw; return partition_impl(a, n, true); }

/* ---------------------------------------------------------------- join */

static wk_value join_items(wk_strobj *sep, const wk_value *items, int64_t n) {
    size_t total = 0;
    int64_t nchars = 0;
    bool ascii = sep->ascii;
    for (int64_t i = 0; i < n; i++) {
        if (!wk_is_str(items[i]))
            return wk_raise(wk_exc_TypeError, "sequence item %lld: expected str instance, %s found",
                            (long long)i, wk_typename(items[i]));
        wk_strobj *x = WK_STR(items[i].u.o);
        total += (size_t)x->len;
        nchars += x->nchars;
        ascii = ascii && x->ascii;
    }
    if (n == 0) return wk_str_empty();
    if (n == 1) return wk_incref(items[0]);
    if (sep->len == 0) return wk_str_join_array(items, n);
    total += (size_t)sep->len * (size_t)(n - 1);
    wk_strobj *o = wk_str_alloc(total);
    if (!o) return WK_NULLV;
    char *p = o->data;
    for (int64_t i = 0; i < n; i++) {
        if (i) { memcpy(p, sep->data, (size_t)sep->len); p += sep->len; }
        wk_strobj *x = WK_STR(items[i].u.o);
        memcpy(p, x->data, (size_t)x->len);
        p += x->len;
    }
    o->nchars = nchars + sep->nchars * (n - 1);
    o->ascii = ascii;
    return wk_objv(&o->ob);
}

static wk_value m_join(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    if (!parse("join", args, nargs, kw, "iterable /", a)) return WK_NULLV;
    if (wk_is_list(a[0])) return join_items(SELF(args), WK_LIST(a[0].u.o)->items, WK_LIST(a[0].u.o)->len);
    if (wk_is_tuple(a[0])) return join_items(SELF(args), WK_TUPLE(a[0].u.o)->items, WK_TUPLE(a[0].u.o)->len);
    wk_type *t = wk_typeof(a[0]);
    if (!t->iter && !t->getitem) return wk_raise(wk_exc_TypeError, "can only join an iterable");
    wk_obj *l = wk_sequence_list(a[0]);
    if (!l) return WK_NULLV;
    wk_value r = join_items(SELF(args), WK_LIST(l)->items, WK_LIST(l)->len);
    wk_obj_decref(l);
    return r;
}

/* ---------------------------------------------------------------- replace */

static void replace_empty(wk_sbuf *sb, wk_strobj *s, wk_strobj *rep, int64_t count) {
    size_t n = (size_t)s->len, i = 0;
    while (count-- != 0) {
        wk_str_add(sb, wk_objv(&rep->ob));
        if (i >= n) return;
        int k = wk_utf8_seqlen((unsigned char)s->data[i]);
        size_t len = k ? (size_t)k : 1;
        wk_sbuf_add(sb, s->data + i, len);
        i += len;
    }
    wk_sbuf_add(sb, s->data + i, n - i);
}

static wk_value m_replace(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[3];
    if (!parse("replace", args, nargs, kw, "old new /|count", a)) return WK_NULLV;
    if (!need_str(a[0], "replace() argument 1 ") || !need_str(a[1], "replace() argument 2 "))
        return WK_NULLV;
    int64_t count = -1;
    if (!WK_IS_NULL(a[2]) && !wk_as_index(a[2], &count)) return WK_NULLV;
    wk_strobj *s = SELF(args), *old = WK_STR(a[0].u.o), *rep = WK_STR(a[1].u.o);
    size_t m = (size_t)old->len;
    if (m > 0 && !memmem(s->data, (size_t)s->len, old->data, m)) return wk_incref(args[0]);
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_reserve(&sb, (size_t)s->len);
    if (m == 0) {
        replace_empty(&sb, s, rep, count);
        return wk_str_from_sbuf(&sb);
    }
    const char *p = s->data, *end = s->data + s->len, *q;
    while (count-- != 0 && (q = memmem(p, (size_t)(end - p), old->data, m))) {
        wk_sbuf_add(&sb, p, (size_t)(q - p));
        wk_sbuf_add(&sb, rep->data, (size_t)rep->len);
        p = q + m;
    }
    wk_sbuf_add(&sb, p, (size_t)(end - p));
    return wk_str_from_sbuf(&sb);
}

/* ---------------------------------------------------------------- the method table */

#define CASE_METHOD(fn, mode) \
    static wk_value fn(const wk_value *a, int n, wk_obj *kw) { return wk_str_m_case(a, n, kw, mode); }
CASE_METHOD(m_lower, 0)
CASE_METHOD(m_upper, 1)
CASE_METHOD(m_swapcase, 2)
CASE_METHOD(m_title, 3)
CASE_METHOD(m_capitalize, 4)
CASE_METHOD(m_casefold, 5)

#define PRED_METHOD(fn, which) \
    static wk_value fn(const wk_value *a, int n, wk_obj *kw) { return wk_str_m_pred(a, n, kw, which); }
PRED_METHOD(m_isalnum, 0)
PRED_METHOD(m_isalpha, 1)
PRED_METHOD(m_isascii, 2)
PRED_METHOD(m_isdecimal, 3)
PRED_METHOD(m_isdigit, 4)
PRED_METHOD(m_isidentifier, 5)
PRED_METHOD(m_islower, 6)
PRED_METHOD(m_isnumeric, 7)
PRED_METHOD(m_isprintable, 8)
PRED_METHOD(m_isspace, 9)
PRED_METHOD(m_istitle, 10)
PRED_METHOD(m_isupper, 11)


const wk_methoddef wk_str_methods[] = {
    { "capitalize", m_capitalize, 0, "Return a capitalized version of the string." },
    { "casefold", m_casefold, 0, "Return a version of the string suitable for caseless comparisons." },
    { "center", wk_str_m_center, 0, "Return a centered string of length width." },
    { "count", m_count, 0, "S.count(sub[, start[, end]]) -> int" },
    { "encode", wk_str_m_encode, 0, "Encode the string using the codec registered for encoding." },
    { "endswith", m_endswith, 0, "S.endswith(suffix[, start[, end]]) -> bool" },
    { "expandtabs", wk_str_m_expandtabs, 0, "Return a copy where all tab characters are expanded using spaces." },
    { "find", m_find, 0, "S.find(sub[, start[, end]]) -> int" },
    { "format", wk_str_format_method, 0, "S.format(*args, **kwargs) -> str" },
    { "format_map", wk_str_format_map, 0, "S.format_map(mapping) -> str" },
    { "index", m_index, 0, "S.index(sub[, start[, end]]) -> int" },
    { "isalnum", m_isalnum, 0, "Return True if the string is an alpha-numeric string, False otherwise." },
    { "isalpha", m_isalpha, 0, "Return True if the string is an alphabetic string, False otherwise." },
    { "isascii", m_isascii, 0, "Return True if all characters in the string are ASCII, False otherwise." },
    { "isdecimal", m_isdecimal, 0, "Return True if the string is a decimal string, False otherwise." },
    { "isdigit", m_isdigit, 0, "Return True if the string is a digit string, False otherwise." },
    { "isidentifier", m_isidentifier, 0, "Return True if the string is a valid Python identifier, False otherwise." },
    { "islower", m_islower, 0, "Return True if the string is a lowercase string, False otherwise." },
    { "isnumeric", m_isnumeric, 0, "Return True if the string is a numeric string, False otherwise." },
    { "isprintable", m_isprintable, 0, "Return True if the string is printable, False otherwise." },
    { "isspace", m_isspace, 0, "Return True if the string is a whitespace string, False otherwise." },
    { "istitle", m_istitle, 0, "Return True if the string is a title-cased string, False otherwise." },
    { "isupper", m_isupper, 0, "Return True if the string is an uppercase string, False otherwise." },
    { "join", m_join, 0, "Concatenate any number of strings." },
    { "ljust", wk_str_m_ljust, 0, "Return a left-justified string of length width." },
    { "lower", m_lower, 0, "Return a copy of the string converted to lowercase." },
    { "lstrip", m_lstrip, 0, "Return a copy of the string with leading whitespace removed." },
    { "maketrans", wk_str_m_maketrans, WK_METH_STATIC, "Return a translation table usable for str.translate()." },
    { "partition", m_partition, 0, "Partition the string into three parts using the given separator." },
    { "removeprefix", m_removeprefix, 0, "Return a str with the given prefix string removed if present." },
    { "removesuffix", m_removesuffix, 0, "Return a str with the given suffix string removed if present." },
    { "replace", m_replace, 0, "Return a copy with all occurrences of substring old replaced by new." },
    { "rfind", m_rfind, 0, "S.rfind(sub[, start[, end]]) -> int" },
    { "rindex", m_rindex, 0, "S.rindex(sub[, start[, end]]) -> int" },
    { "rjust", wk_str_m_rjust, 0, "Return a right-justified string of length width." },
    { "rpartition", m_rpartition, 0, "Partition the string into three parts using the given separator." },
    { "rsplit", m_rsplit, 0, "Return a list of the substrings in the string, using sep as the separator string." },
    { "rstrip", m_rstrip, 0, "Return a copy of the string with trailing whitespace removed." },
    { "split", m_split, 0, "Return a list of the substrings in the string, using sep as the separator string." },
    { "splitlines", m_splitlines, 0, "Return a list of the lines in the string, breaking at line boundaries." },
    { "startswith", m_startswith, 0, "S.startswith(prefix[, start[, end]]) -> bool" },
    { "strip", m_strip, 0, "Return a copy of the string with leading and trailing whitespace removed." },
    { "swapcase", m_swapcase, 0, "Convert uppercase characters to lowercase and lowercase characters to uppercase." },
    { "title", m_title, 0, "Return a version of the string where each word is titlecased." },
    { "translate", wk_str_m_translate, 0, "Replace each character in the string using the given translation table." },
    { "upper", m_upper, 0, "Return a copy of the string converted to uppercase." },
    { "zfill", wk_str_m_zfill, 0, "Pad a numeric string with zeros on the left, to fill a field of the given width." },
    { NULL, NULL, 0, NULL },
};
