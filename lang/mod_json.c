/* mod_json.c — the _json helper module: CPython's JSON encoder (json.dumps options) and scanner (json.loads, with JSONDecodeError positions) in C. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include "containers.h"
#include "objimpl.h"
#include "numfmt.h"
#include "utf8.h"
#include "vm.h"
#include "init.h"

#define JSON_MAX_DEPTH 1000

/* ---------------------------------------------------------------- encoder */

typedef struct {
    wk_sbuf sb;
    wk_value indent;                 /* str or None */
    const char *item_sep, *key_sep;
    bool sort_keys, skipkeys, ensure_ascii, check_circular, allow_nan;
    wk_value deflt;                  /* callable */
    wk_obj *markers;                 /* dict id -> None, or NULL */
    int depth;                       /* indentation level */
    int nest;                        /* containers and default() calls being encoded */
} encoder;

static const char hexdig[] = "0123456789abcdef";

static void add_u_escape(wk_sbuf *sb, uint32_t c) {
    char b[6] = { '\\', 'u', hexdig[(c >> 12) & 15], hexdig[(c >> 8) & 15], hexdig[(c >> 4) & 15], hexdig[c & 15] };
    wk_sbuf_add(sb, b, 6);
}

/* A JSON string literal: CPython's encode_basestring(_ascii). */
static void encode_str(encoder *e, const char *s, size_t n) {
    wk_sbuf *sb = &e->sb;
    wk_sbuf_addc(sb, '"');
    size_t run = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        default: break;
        }
        bool plain = !esc && c >= 0x20 && (c < 0x7f || !e->ensure_ascii);
        if (plain) { i++; continue; }
        wk_sbuf_add(sb, s + run, i - run);
        if (esc) { wk_sbuf_adds(sb, esc); i++; }
        else if (c < 0x80) { add_u_escape(sb, c); i++; }
        else {
            uint32_t cp = 0xFFFD;
            int len = wk_utf8_decode(s + i, n - i, &cp);
            if (len <= 0) len = 1;
            if (cp >= 0x10000) {
                cp -= 0x10000;
                add_u_escape(sb, 0xD800 | (cp >> 10));
                add_u_escape(sb, 0xDC00 | (cp & 0x3FF));
            } else {
                add_u_escape(sb, cp);
            }
            i += (size_t)len;
        }
        run = i;
    }
    wk_sbuf_add(sb, s + run, n - run);
    wk_sbuf_addc(sb, '"');
}

static bool encode_float(encoder *e, double x) {
    if (isfinite(x)) { wk_fmt_float_repr(&e->sb, x); return true; }
    if (!e->allow_nan) {
        /* CPython's C encoder (no indent) says no more; its Python one (indent) adds repr */
        if (WK_IS_NONE(e->indent)) wk_raise(wk_exc_ValueError, "Out of range float values are not JSON compliant");
        else wk_raise(wk_exc_ValueError, "Out of range float values are not JSON compliant: %s",
                      isnan(x) ? "nan" : x > 0 ? "inf" : "-inf");
        return false;
    }
    wk_sbuf_adds(&e->sb, isnan(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity");
    return true;
}

static void sb_truncate(wk_sbuf *sb, size_t len) {
    sb->len = len;
    if (sb->data) sb->data[len] = 0;
}

static void newline_indent(encoder *e) {
    wk_sbuf_addc(&e->sb, '\n');
    for (int i = 0; i < e->depth; i++) wk_str_to(&e->sb, e->indent);
}

static bool encode_value(encoder *e, wk_value v);

/* Registers a container in the circular-reference markers; 0 ok, -1 error. */
static int mark(encoder *e, wk_value v, wk_value *key) {
    *key = WK_NULLV;
    if (++e->nest > JSON_MAX_DEPTH) {
        wk_raise(wk_exc_RecursionError, "maximum recursion depth exceeded while encoding a JSON object");
        return -1;
    }
    if (!e->markers) return 0;
    *key = wk_int((int64_t)(uintptr_t)v.u.o);
    wk_value old;
    int r = wk_dict_lookup(e->markers, *key, &old);
    if (r > 0) { wk_raise(wk_exc_ValueError, "Circular reference detected"); return -1; }
    return r < 0 ? -1 : wk_dict_set(e->markers, *key, WK_NONEV);
}

static bool unmark(encoder *e, wk_value key) {
    e->nest--;
    return WK_IS_NULL(key) || wk_dict_del(e->markers, key) == 0;
}

static bool encode_items(encoder *e, const wk_value *items, int64_t n, char open, char close) {
    wk_sbuf_addc(&e->sb, open);
    bool ind = !WK_IS_NONE(e->indent);
    e->depth++;
    for (int64_t i = 0; i < n; i++) {
        if (i) wk_sbuf_adds(&e->sb, e->item_sep);
        if (ind) newline_indent(e);
        if (!encode_value(e, items[i])) return false;
    }
    e->depth--;
    if (ind) newline_indent(e);
    wk_sbuf_addc(&e->sb, close);
    return true;
}

static bool encode_list(encoder *e, wk_value v) {
    /* a snapshot, so that default() cannot resize what is iterated */
    wk_obj *snap = wk_sequence_tuple(v);
    if (!snap) return false;
    bool ok;
    wk_value key;
    if (WK_TUPLE(snap)->len == 0) { wk_sbuf_adds(&e->sb, "[]"); ok = true; }
    else ok = mark(e, v, &key) == 0
              && encode_items(e, WK_TUPLE(snap)->items, WK_TUPLE(snap)->len, '[', ']')
              && unmark(e, key);
    wk_obj_decref(snap);
    return ok;
}

/* A dict key as JSON text, or *skip when skipkeys drops it. */
static bool encode_key(encoder *e, wk_value k, bool *skip) {
    *skip = false;
    if (wk_is_str(k) || wk_isinstance_t(k, &wk_type_str)) {
        encode_str(e, wk_str_cstr(k), (size_t)WK_STR(k.u.o)->len);
        return true;
    }
    size_t before = e->sb.len;
    wk_sbuf_addc(&e->sb, '"');
    if (WK_IS_BOOL(k)) wk_sbuf_adds(&e->sb, k.u.i ? "true" : "false");
    else if (WK_IS_NONE(k)) wk_sbuf_adds(&e->sb, "null");
    else if (WK_IS_INT(k)) wk_sbuf_printf(&e->sb, "%lld", (long long)k.u.i);
    else if (WK_IS_FLOAT(k)) { if (!encode_float(e, k.u.f)) return false; }
    else {
        sb_truncate(&e->sb, before);
        if (e->skipkeys) { *skip = true; return true; }
        wk_raise(wk_exc_TypeError, "keys must be str, int, float, bool or None, not %s", wk_typename(k));
        return false;
    }
    wk_sbuf_addc(&e->sb, '"');
    return true;
}

static wk_obj *dict_items(encoder *e, wk_value v) {
    wk_obj *items = wk_list_new(0);
    if (!items) return NULL;
    int64_t pos = 0;
    wk_value k, val;
    while (wk_dict_next(v.u.o, &pos, &k, &val)) {
        wk_obj *pair = wk_tuple_pack(2, k, val);
        if (!pair || !wk_list_append_steal(items, wk_objv(pair))) { wk_obj_decref(items); return NULL; }
    }
    if (e->sort_keys) {
        wk_value r = wk_call_method_s(wk_objv(items), "sort", NULL, 0);
        if (WK_IS_NULL(r)) { wk_obj_decref(items); return NULL; }
        wk_decref(r);
    }
    return items;
}

static bool encode_dict_items(encoder *e, wk_obj *items) {
    bool ind = !WK_IS_NONE(e->indent), first = true;
    wk_sbuf_addc(&e->sb, '{');
    e->depth++;
    for (int64_t i = 0; i < WK_LIST(items)->len; i++) {
        wk_obj *pair = WK_LIST(items)->items[i].u.o;
        size_t before = e->sb.len;
        if (!first) wk_sbuf_adds(&e->sb, e->item_sep);
        if (ind) newline_indent(e);
        bool skip;
        if (!encode_key(e, WK_TUPLE(pair)->items[0], &skip)) return false;
        if (skip) { sb_truncate(&e->sb, before); continue; }
        first = false;
        wk_sbuf_adds(&e->sb, e->key_sep);
        if (!encode_value(e, WK_TUPLE(pair)->items[1])) return false;
    }
    e->depth--;
    if (first && !ind) { wk_sbuf_addc(&e->sb, '}'); return true; }   /* every key skipped */
    if (first) { e->depth++; newline_indent(e); e->depth--; }        /* as CPython's _iterencode_dict */
    if (ind) newline_indent(e);
    wk_sbuf_addc(&e->sb, '}');
    return true;
}

static bool encode_dict(encoder *e, wk_value v) {
    if (wk_dict_len(v.u.o) == 0) { wk_sbuf_adds(&e->sb, "{}"); return true; }
    wk_value key;
    if (mark(e, v, &key) < 0) return false;
    wk_obj *items = dict_items(e, v);
    bool ok = items && encode_dict_items(e, items);
    wk_obj_decref(items);
    return ok && unmark(e, key);
}

/* Anything else goes through default(); its result is encoded in turn. */
static bool encode_other(encoder *e, wk_value v) {
    wk_value key;
    if (mark(e, v, &key) < 0) return false;
    wk_value r = wk_call1(e->deflt, v);
    if (WK_IS_NULL(r)) return false;
    bool ok = encode_value(e, r);
    wk_decref(r);
    return ok && unmark(e, key);
}

static bool encode_value(encoder *e, wk_value v) {
    switch (v.tag) {
    case WK_NONE: wk_sbuf_adds(&e->sb, "null"); return true;
    case WK_BOOL: wk_sbuf_adds(&e->sb, v.u.i ? "true" : "false"); return true;
    case WK_INT: wk_sbuf_printf(&e->sb, "%lld", (long long)v.u.i); return true;
    case WK_FLOAT: return encode_float(e, v.u.f);
    default: break;
    }
    if (!WK_IS_OBJ(v)) return encode_other(e, v);
    if (wk_isinstance_t(v, &wk_type_str)) {
        encode_str(e, wk_str_cstr(v), (size_t)WK_STR(v.u.o)->len);
        return true;
    }
    if (wk_isinstance_t(v, &wk_type_list) || wk_isinstance_t(v, &wk_type_tuple)) return encode_list(e, v);
    if (wk_isinstance_t(v, &wk_type_dict)) return encode_dict(e, v);
    return encode_other(e, v);
}

/* encode(obj, indent, item_sep, key_sep, sort_keys, skipkeys, ensure_ascii,
 *        check_circular, allow_nan, default) -> str */
static wk_value f_encode(const wk_value *args, int nargs, wk_obj *kw) {
    if (nargs != 10 || kw) return wk_raise(wk_exc_TypeError, "_json.encode() takes exactly 10 arguments");
    if ((!WK_IS_NONE(args[1]) && !wk_is_str(args[1])) || !wk_is_str(args[2]) || !wk_is_str(args[3]))
        return wk_raise(wk_exc_TypeError, "_json.encode(): indent and separators must be str");
    encoder e = { .indent = args[1], .item_sep = wk_str_cstr(args[2]), .key_sep = wk_str_cstr(args[3]),
                  .deflt = args[9] };
    int flags[5];
    for (int i = 0; i < 5; i++)
        if ((flags[i] = wk_truthy(args[4 + i])) < 0) return WK_NULLV;
    e.sort_keys = flags[0]; e.skipkeys = flags[1]; e.ensure_ascii = flags[2];
    e.check_circular = flags[3]; e.allow_nan = flags[4];
    if (e.check_circular && !(e.markers = wk_dict_new())) return WK_NULLV;
    wk_sbuf_init(&e.sb);
    bool ok = encode_value(&e, args[0]);
    wk_obj_decref(e.markers);
    if (!ok) { wk_sbuf_free(&e.sb); return WK_NULLV; }
    if (e.sb.oom) { wk_sbuf_free(&e.sb); return wk_raise_nomem(); }
    return wk_str_from_sbuf(&e.sb);
}

/* ---------------------------------------------------------------- scanner */

typedef struct {
    const char *s;
    size_t n;
    wk_value doc;                         /* the str being decoded */
    bool strict;
    wk_value object_hook, pairs_hook, parse_float, parse_int, parse_constant, errcls;
    int depth;
} scanner;

/* Raises errcls(msg, doc, pos) with pos counted in code points, as CPython does. */
static wk_value scan_error(scanner *sc, const char *msg, size_t byte_pos) {
    size_t cpos = 0;
    for (size_t i = 0; i < byte_pos && i < sc->n; i++)
        if (((unsigned char)sc->s[i] & 0xC0) != 0x80) cpos++;
    wk_value m = wk_str_from_c(msg);
    if (WK_IS_NULL(m)) return m;
    wk_value a[3] = { m, sc->doc, wk_int((int64_t)cpos) };
    wk_value exc = wk_call(sc->errcls, a, 3, NULL);
    wk_decref(m);
    if (WK_IS_NULL(exc)) return exc;
    wk_raise_obj(exc);
    wk_decref(exc);
    return WK_NULLV;
}

static size_t skip_ws(scanner *sc, size_t i) {
    while (i < sc->n && (sc->s[i] == ' ' || sc->s[i] == '\t' || sc->s[i] == '\n' || sc->s[i] == '\r')) i++;
    return i;
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Four hex digits at s[i..i+4): the value, or -1. */
static int32_t hex4(scanner *sc, size_t i) {
    int32_t c = 0;
    for (size_t k = i; k < i + 4; k++) {
        int h = hexval(sc->s[k]);
        if (h < 0) return -1;
        c = c * 16 + h;
    }
    return c;
}

/* The \uXXXX escape whose 'u' is at s[i]; *end gets the index after it. */
static bool scan_u_escape(scanner *sc, size_t i, uint32_t *out, size_t *end) {
    size_t next = i + 1;
    if (next + 4 >= sc->n) { scan_error(sc, "Invalid \\uXXXX escape", next - 1); return false; }
    int32_t c = hex4(sc, next);
    if (c < 0) { scan_error(sc, "Invalid \\uXXXX escape", next - 1); return false; }
    next += 4;
    if (c >= 0xD800 && c <= 0xDBFF && next + 6 < sc->n && sc->s[next] == '\\' && sc->s[next + 1] == 'u') {
        int32_t c2 = hex4(sc, next + 2);
        if (c2 < 0) { scan_error(sc, "Invalid \\uXXXX escape", next + 1); return false; }
        if (c2 >= 0xDC00 && c2 <= 0xDFFF) {
            c = 0x10000 + ((c - 0xD800) << 10) + (c2 - 0xDC00);
            next += 6;
        }
    }
    if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD;   /* a lone surrogate: wick strs are UTF-8 */
    *out = (uint32_t)c;
    *end = next;
    return true;
}

/* The string whose opening quote is at s[begin]; *end gets the index after the quote. */
static wk_value scan_string(scanner *sc, size_t begin, size_t *end) {
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    size_t i = begin + 1;
    for (;;) {
        size_t run = i;
        while (i < sc->n && sc->s[i] != '"' && sc->s[i] != '\\') {
            if ((unsigned char)sc->s[i] <= 0x1f && sc->strict) {
                wk_sbuf_free(&sb);
                return scan_error(sc, "Invalid control character at", i);
            }
            i++;
        }
        if (i >= sc->n) { wk_sbuf_free(&sb); return scan_error(sc, "Unterminated string starting at", begin); }
        wk_sbuf_add(&sb, sc->s + run, i - run);
        if (sc->s[i++] == '"') break;
        if (i == sc->n) { wk_sbuf_free(&sb); return scan_error(sc, "Unterminated string starting at", begin); }
        char c = sc->s[i], out = 0;
        switch (c) {
        case '"': case '\\': case '/': out = c; break;
        case 'b': out = '\b'; break;
        case 'f': out = '\f'; break;
        case 'n': out = '\n'; break;
        case 'r': out = '\r'; break;
        case 't': out = '\t'; break;
        case 'u': {
            uint32_t cp;
            if (!scan_u_escape(sc, i, &cp, &i)) { wk_sbuf_free(&sb); return WK_NULLV; }
            char u8[4];
            wk_sbuf_add(&sb, u8, (size_t)wk_utf8_encode(cp, u8));
            continue;
        }
        default:
            wk_sbuf_free(&sb);
            return scan_error(sc, "Invalid \\escape", i - 1);
        }
        wk_sbuf_addc(&sb, out);
        i++;
    }
    *end = i;
    if (sb.oom) { wk_sbuf_free(&sb); return wk_raise_nomem(); }
    if (!sb.data) return wk_str_new("", 0);
    return wk_str_from_sbuf(&sb);
}

/* Calls hook(text) for parse_float / parse_int / parse_constant. */
static wk_value call_hook_text(wk_value hook, const char *s, size_t n) {
    wk_value t = wk_str_new(s, n);
    if (WK_IS_NULL(t)) return t;
    wk_value r = wk_call1(hook, t);
    wk_decref(t);
    return r;
}

/* A number at s[i]; *stop is set when none starts there ("Expecting value"). */
static wk_value scan_number(scanner *sc, size_t i, size_t *end, bool *stop) {
    size_t start = i;
    const char *s = sc->s;
    *stop = false;
    if (i < sc->n && s[i] == '-') i++;
    if (i < sc->n && s[i] == '0') i++;
    else if (i < sc->n && s[i] >= '1' && s[i] <= '9') { while (i < sc->n && s[i] >= '0' && s[i] <= '9') i++; }
    else { *stop = true; return WK_NULLV; }
    bool is_float = false;
    if (i + 1 < sc->n && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
        is_float = true;
        i += 2;
        while (i < sc->n && s[i] >= '0' && s[i] <= '9') i++;
    }
    if (i < sc->n && (s[i] == 'e' || s[i] == 'E')) {
        size_t e = i++;
        if (i < sc->n && (s[i] == '+' || s[i] == '-')) i++;
        size_t digits = i;
        while (i < sc->n && s[i] >= '0' && s[i] <= '9') i++;
        if (i == digits) i = e; else is_float = true;
    }
    *end = i;
    size_t n = i - start;
    wk_value hook = is_float ? sc->parse_float : sc->parse_int;
    if (!WK_IS_NONE(hook)) return call_hook_text(hook, s + start, n);
    char buf[64];
    if (n < sizeof buf) {
        memcpy(buf, s + start, n);
        buf[n] = 0;
        if (is_float) return wk_float(strtod(buf, NULL));
        if (n < 19) return wk_int(strtoll(buf, NULL, 10));
    }
    return call_hook_text(wk_typev(is_float ? &wk_type_float : &wk_type_int), s + start, n);
}

static wk_value scan_value(scanner *sc, size_t i, size_t *end);

static bool enter(scanner *sc, const char *what) {
    if (++sc->depth <= JSON_MAX_DEPTH) return true;
    wk_raise(wk_exc_RecursionError, "maximum recursion depth exceeded while decoding a JSON %s from a unicode string", what);
    return false;
}

static wk_value finish_object(scanner *sc, wk_obj *pairs) {
    if (!WK_IS_NONE(sc->pairs_hook)) return wk_call1(sc->pairs_hook, wk_objv(pairs));
    wk_obj *d = wk_dict_new();
    if (!d) return WK_NULLV;
    for (int64_t k = 0; k < WK_LIST(pairs)->len; k++) {
        wk_obj *p = WK_LIST(pairs)->items[k].u.o;
        if (wk_dict_set(d, WK_TUPLE(p)->items[0], WK_TUPLE(p)->items[1]) < 0) { wk_obj_decref(d); return WK_NULLV; }
    }
    if (WK_IS_NONE(sc->object_hook)) return wk_objv(d);
    wk_value r = wk_call1(sc->object_hook, wk_objv(d));
    wk_obj_decref(d);
    return r;
}

/* Reads `"key": value` at s[i] (i after skipping whitespace) into pairs. */
static bool scan_member(scanner *sc, wk_obj *pairs, size_t *i) {
    if (*i >= sc->n || sc->s[*i] != '"') {
        scan_error(sc, "Expecting property name enclosed in double quotes", *i);
        return false;
    }
    wk_value key = scan_string(sc, *i, i);
    if (WK_IS_NULL(key)) return false;
    *i = skip_ws(sc, *i);
    if (*i >= sc->n || sc->s[*i] != ':') { wk_decref(key); scan_error(sc, "Expecting ':' delimiter", *i); return false; }
    *i = skip_ws(sc, *i + 1);
    wk_value val = scan_value(sc, *i, i);
    if (WK_IS_NULL(val)) { wk_decref(key); return false; }
    wk_obj *pair = wk_tuple_pack(2, key, val);
    wk_decref(key);
    wk_decref(val);
    return pair && wk_list_append_steal(pairs, wk_objv(pair));
}

static wk_value scan_object(scanner *sc, size_t i, size_t *end) {
    if (!enter(sc, "object")) return WK_NULLV;
    wk_obj *pairs = wk_list_new(0);
    if (!pairs) return WK_NULLV;
    i = skip_ws(sc, i + 1);
    if (i >= sc->n || sc->s[i] != '}') {
        for (;;) {
            if (!scan_member(sc, pairs, &i)) { wk_obj_decref(pairs); return WK_NULLV; }
            i = skip_ws(sc, i);
            if (i < sc->n && sc->s[i] == '}') break;
            if (i >= sc->n || sc->s[i] != ',') {
                wk_obj_decref(pairs);
                return scan_error(sc, "Expecting ',' delimiter", i);
            }
            i = skip_ws(sc, i + 1);
        }
    }
    *end = i + 1;
    sc->depth--;
    wk_value r = finish_object(sc, pairs);
    wk_obj_decref(pairs);
    return r;
}

static wk_value scan_array(scanner *sc, size_t i, size_t *end) {
    if (!enter(sc, "array")) return WK_NULLV;
    wk_obj *l = wk_list_new(0);
    if (!l) return WK_NULLV;
    i = skip_ws(sc, i + 1);
    if (i >= sc->n || sc->s[i] != ']') {
        for (;;) {
            wk_value v = scan_value(sc, i, &i);
            if (WK_IS_NULL(v) || !wk_list_append_steal(l, v)) { wk_obj_decref(l); return WK_NULLV; }
            i = skip_ws(sc, i);
            if (i < sc->n && sc->s[i] == ']') break;
            if (i >= sc->n || sc->s[i] != ',') { wk_obj_decref(l); return scan_error(sc, "Expecting ',' delimiter", i); }
            i = skip_ws(sc, i + 1);
        }
    }
    *end = i + 1;
    sc->depth--;
    return wk_objv(l);
}

static bool has_word(scanner *sc, size_t i, const char *w) {
    size_t n = strlen(w);
    return i + n <= sc->n && memcmp(sc->s + i, w, n) == 0;
}

static wk_value scan_constant(scanner *sc, size_t i, const char *w, size_t *end) {
    *end = i + strlen(w);
    if (!WK_IS_NONE(sc->parse_constant)) return call_hook_text(sc->parse_constant, w, strlen(w));
    return wk_float(w[0] == 'N' ? NAN : w[0] == '-' ? -INFINITY : INFINITY);
}

/* Any JSON value at s[i]; "Expecting value" when nothing starts there. */
static wk_value scan_value(scanner *sc, size_t i, size_t *end) {
    if (i >= sc->n) return scan_error(sc, "Expecting value", i);
    switch (sc->s[i]) {
    case '"': return scan_string(sc, i, end);
    case '{': return scan_object(sc, i, end);
    case '[': return scan_array(sc, i, end);
    case 'n': if (has_word(sc, i, "null")) { *end = i + 4; return WK_NONEV; } break;
    case 't': if (has_word(sc, i, "true")) { *end = i + 4; return WK_TRUEV; } break;
    case 'f': if (has_word(sc, i, "false")) { *end = i + 5; return WK_FALSEV; } break;
    case 'N': if (has_word(sc, i, "NaN")) return scan_constant(sc, i, "NaN", end); break;
    case 'I': if (has_word(sc, i, "Infinity")) return scan_constant(sc, i, "Infinity", end); break;
    case '-': if (has_word(sc, i, "-Infinity")) return scan_constant(sc, i, "-Infinity", end); break;
    default: break;
    }
    bool stop;
    wk_value v = scan_number(sc, i, end, &stop);
    if (stop) return scan_error(sc, "Expecting value", i);
    return v;
}

/* The scanner for decode/raw_decode: args are (s, strict, object_hook, object_pairs_hook,
 * parse_float, parse_int, parse_constant, errcls). */
static bool scanner_init(scanner *sc, const wk_value *args, const char *fname) {
    if (!wk_isinstance_t(args[0], &wk_type_str)) {
        wk_raise(wk_exc_TypeError, "%s: the JSON object must be str, not %s", fname, wk_typename(args[0]));
        return false;
    }
    int strict = wk_truthy(args[1]);
    if (strict < 0) return false;
    *sc = (scanner){ .s = wk_str_cstr(args[0]), .n = (size_t)WK_STR(args[0].u.o)->len, .doc = args[0],
                     .strict = strict, .object_hook = args[2], .pairs_hook = args[3],
                     .parse_float = args[4], .parse_int = args[5], .parse_constant = args[6],
                     .errcls = args[7] };
    return true;
}

/* decode(s, strict, object_hook, object_pairs_hook, parse_float, parse_int,
 *        parse_constant, errcls) -> the value of the whole document */
static wk_value f_decode(const wk_value *args, int nargs, wk_obj *kw) {
    if (nargs != 8 || kw) return wk_raise(wk_exc_TypeError, "_json.decode() takes exactly 8 arguments");
    scanner sc;
    if (!scanner_init(&sc, args, "decode")) return WK_NULLV;
    size_t end;
    wk_value v = scan_value(&sc, skip_ws(&sc, 0), &end);
    if (WK_IS_NULL(v)) return v;
    end = skip_ws(&sc, end);
    if (end != sc.n) { wk_decref(v); return scan_error(&sc, "Extra data", end); }
    return v;
}

/* raw_decode(s, idx, <decode's other arguments>) -> (value, index after it) */
static wk_value f_raw_decode(const wk_value *args, int nargs, wk_obj *kw) {
    if (nargs != 9 || kw) return wk_raise(wk_exc_TypeError, "_json.raw_decode() takes exactly 9 arguments");
    wk_value a[8] = { args[0], args[2], args[3], args[4], args[5], args[6], args[7], args[8] };
    scanner sc;
    int64_t idx;
    if (!scanner_init(&sc, a, "raw_decode") || !wk_as_int64(args[1], &idx)) return WK_NULLV;
    if (idx < 0) return wk_raise(wk_exc_ValueError, "idx cannot be negative");
    size_t start = wk_utf8_offset(sc.s, sc.n, (size_t)idx), end;
    wk_value v = scan_value(&sc, start, &end);
    if (WK_IS_NULL(v)) return v;
    size_t cend = (size_t)idx;
    for (size_t k = start; k < end; k++)
        if (((unsigned char)sc.s[k] & 0xC0) != 0x80) cend++;
    wk_obj *t = wk_tuple_pack(2, v, wk_int((int64_t)cend));
    wk_decref(v);
    return wk_objv(t);
}

static const wk_methoddef funcs[] = {
    { "encode", f_encode, 0, "Serialise a value to JSON text (json.dumps' options as arguments)." },
    { "decode", f_decode, 0, "Parse a whole JSON document (json.loads' hooks as arguments)." },
    { "raw_decode", f_raw_decode, 0, "Parse one JSON value starting at a character index." },
    { NULL, NULL, 0, NULL }
};

wk_obj *wk_mod_json_init(void) {
    wk_obj *m = wk_module_new("_json");
    if (!m) return NULL;
    if (!wk_module_add_funcs(m, funcs)) { wk_obj_decref(m); return NULL; }
    return m;
}
