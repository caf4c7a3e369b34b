/* ckpt_json.c — a tiny strict JSON reader and string writer for safetensors headers. */
#include "ckpt.h"
#include "utf8.h"
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64

typedef struct { const char *p, *end; const char *err; int depth; } jp;

static bool fail(jp *j, const char *msg) { if (!j->err) j->err = msg; return false; }
static void ws(jp *j) { while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r')) j->p++; }

static bool value(jp *j, wk_json *out);

static int hexval(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static bool hex4(jp *j, uint32_t *out) {
    if (j->end - j->p < 4) return fail(j, "truncated \\u escape");
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(j->p[i]);
        if (h < 0) return fail(j, "bad \\u escape");
        v = v << 4 | (uint32_t)h;
    }
    j->p += 4;
    *out = v;
    return true;
}

static bool escape(jp *j, wk_sbuf *sb) {
    if (j->p >= j->end) return fail(j, "truncated string");
    char c = *j->p++;
    const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t", *k = strchr(from, c);
    if (c && k) { wk_sbuf_addc(sb, to[k - from]); return true; }
    if (c != 'u') return fail(j, "bad escape in string");
    uint32_t cp, lo;
    if (!hex4(j, &cp)) return false;
    if (cp >= 0xd800 && cp < 0xdc00) {
        if (j->end - j->p < 2 || j->p[0] != '\\' || j->p[1] != 'u') return fail(j, "lone surrogate in string");
        j->p += 2;
        if (!hex4(j, &lo) || lo < 0xdc00 || lo > 0xdfff) return fail(j, "lone surrogate in string");
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
    } else if (cp >= 0xdc00 && cp < 0xe000) {
        return fail(j, "lone surrogate in string");
    }
    char u[4];
    wk_sbuf_add(sb, u, (size_t)wk_utf8_encode(cp, u));
    return true;
}

static bool string(jp *j, char **out, size_t *len) {
    j->p++;   /* opening quote */
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    while (j->p < j->end && *j->p != '"') {
        unsigned char c = (unsigned char)*j->p;
        if (c < 0x20) { wk_sbuf_free(&sb); return fail(j, "control character in string"); }
        if (c == '\\') {
            j->p++;
            if (!escape(j, &sb)) { wk_sbuf_free(&sb); return false; }
        } else {
            wk_sbuf_addc(&sb, (char)c);
            j->p++;
        }
    }
    if (j->p >= j->end) { wk_sbuf_free(&sb); return fail(j, "unterminated string"); }
    j->p++;
    if (sb.oom) { wk_sbuf_free(&sb); return fail(j, "out of memory"); }
    wk_sbuf_addc(&sb, 0);
    sb.len--;
    if (!wk_utf8_validate(sb.data, sb.len, NULL, NULL)) { wk_sbuf_free(&sb); return fail(j, "invalid UTF-8 in string"); }
    *out = wk_sbuf_take(&sb, len);
    return true;
}

static bool number(jp *j, wk_json *out) {
    const char *s = j->p;
    bool integer = true;
    if (j->p < j->end && *j->p == '-') j->p++;
    if (j->p >= j->end || !(*j->p >= '0' && *j->p <= '9')) return fail(j, "bad number");
    if (*j->p == '0') j->p++;
    else while (j->p < j->end && *j->p >= '0' && *j->p <= '9') j->p++;
    if (j->p < j->end && *j->p == '.') {
        integer = false;
        j->p++;
        if (j->p >= j->end || !(*j->p >= '0' && *j->p <= '9')) return fail(j, "bad number");
        while (j->p < j->end && *j->p >= '0' && *j->p <= '9') j->p++;
    }
    if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
        integer = false;
        j->p++;
        if (j->p < j->end && (*j->p == '+' || *j->p == '-')) j->p++;
        if (j->p >= j->end || !(*j->p >= '0' && *j->p <= '9')) return fail(j, "bad number");
        while (j->p < j->end && *j->p >= '0' && *j->p <= '9') j->p++;
    }
    char buf[64];
    size_t n = (size_t)(j->p - s);
    if (n >= sizeof buf) { if (integer) return fail(j, "integer too large"); n = sizeof buf - 1; }
    memcpy(buf, s, n);
    buf[n] = 0;
    out->kind = WK_JSON_NUM;
    out->num = strtod(buf, NULL);
    out->is_int = integer;
    if (integer) {
        char *endp;
        errno = 0;
        long long v = strtoll(buf, &endp, 10);
        if (errno) return fail(j, "integer too large");
        out->i = v;
    }
    return true;
}

static bool push_item(wk_json *c, wk_json *item, char *key) {
    if ((c->n & (c->n - 1)) == 0) {   /* grow at powers of two */
        size_t cap = c->n ? 2 * c->n : 4;
        wk_json *ni = realloc(c->items, cap * sizeof *ni);
        if (!ni) return false;
        c->items = ni;
        if (c->kind == WK_JSON_OBJ) {
            char **nk = realloc(c->keys, cap * sizeof *nk);
            if (!nk) return false;
            c->keys = nk;
        }
    }
    c->items[c->n] = *item;
    if (c->kind == WK_JSON_OBJ) c->keys[c->n] = key;
    c->n++;
    return true;
}

static bool container(jp *j, wk_json *out, bool obj) {
    if (++j->depth > MAX_DEPTH) return fail(j, "nested too deeply");
    out->kind = obj ? WK_JSON_OBJ : WK_JSON_ARR;
    j->p++;
    ws(j);
    if (j->p < j->end && *j->p == (obj ? '}' : ']')) { j->p++; j->depth--; return true; }
    for (;;) {
        char *key = NULL;
        size_t kl;
        ws(j);
        if (obj) {
            if (j->p >= j->end || *j->p != '"') return fail(j, "expected a key");
            if (!string(j, &key, &kl)) return false;
            ws(j);
            if (j->p >= j->end || *j->p != ':') { free(key); return fail(j, "expected ':'"); }
            j->p++;
        }
        wk_json item;
        memset(&item, 0, sizeof item);
        if (!value(j, &item)) { free(key); wk_json_free(&item); return false; }
        if (!push_item(out, &item, key)) { free(key); wk_json_free(&item); return fail(j, "out of memory"); }
        ws(j);
        if (j->p < j->end && *j->p == ',') { j->p++; continue; }
        if (j->p < j->end && *j->p == (obj ? '}' : ']')) { j->p++; j->depth--; return true; }
        return fail(j, obj ? "expected ',' or '}'" : "expected ',' or ']'");
    }
}

static bool word(jp *j, const char *w) {
    size_t n = strlen(w);
    if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n)) return fail(j, "unexpected character");
    j->p += n;
    return true;
}

static bool value(jp *j, wk_json *out) {
    ws(j);
    if (j->p >= j->end) return fail(j, "unexpected end of data");
    switch (*j->p) {
    case '{': return container(j, out, true);
    case '[': return container(j, out, false);
    case '"': out->kind = WK_JSON_STR; return string(j, &out->str, &out->len);
    case 't': out->kind = WK_JSON_BOOL; out->b = true; return word(j, "true");
    case 'f': out->kind = WK_JSON_BOOL; return word(j, "false");
    case 'n': out->kind = WK_JSON_NULL; return word(j, "null");
    default: return number(j, out);
    }
}

bool wk_json_parse(const char *text, size_t n, wk_json *out, const char **err) {
    jp j = { text, text + n, NULL, 0 };
    memset(out, 0, sizeof *out);
    bool ok = value(&j, out);
    ws(&j);
    if (ok && j.p != j.end) ok = fail(&j, "trailing characters");
    if (!ok) { wk_json_free(out); *err = j.err; }
    return ok;
}

void wk_json_free(wk_json *j) {
    for (size_t i = 0; i < j->n; i++) {
        wk_json_free(&j->items[i]);
        if (j->keys) free(j->keys[i]);
    }
    free(j->items);
    free(j->keys);
    free(j->str);
    memset(j, 0, sizeof *j);
}

const wk_json *wk_json_get(const wk_json *obj, const char *key) {
    if (obj->kind != WK_JSON_OBJ) return NULL;
    for (size_t i = 0; i < obj->n; i++)
        if (!strcmp(obj->keys[i], key)) return &obj->items[i];
    return NULL;
}

void wk_json_write_str(wk_sbuf *sb, const char *s, size_t n) {
    wk_sbuf_addc(sb, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') { wk_sbuf_addc(sb, '\\'); wk_sbuf_addc(sb, (char)c); }
        else if (c == '\n') wk_sbuf_adds(sb, "\\n");
        else if (c == '\r') wk_sbuf_adds(sb, "\\r");
        else if (c == '\t') wk_sbuf_adds(sb, "\\t");
        else if (c == '\b') wk_sbuf_adds(sb, "\\b");
        else if (c == '\f') wk_sbuf_adds(sb, "\\f");
        else if (c < 0x20) wk_sbuf_printf(sb, "\\u%04x", c);
        else wk_sbuf_addc(sb, (char)c);
    }
    wk_sbuf_addc(sb, '"');
}
