/* bytes.c — the immutable bytes type: literals, bytes(), repr, indexing, slicing, +, *, decode, hex. */
#include "str_int.h"
#include "numfmt.h"
#include <string.h>

#define B(v) ((wk_bytes *)(v).u.o)

static inline bool is_bytes(wk_value v) { return v.tag == WK_OBJ && v.u.o->type == &wk_type_bytes; }

static wk_bytes *bytes_alloc(size_t n) {
    wk_obj *o = wk_obj_alloc_var(&wk_type_bytes, n + 1);
    if (!o) return NULL;
    wk_bytes *b = (wk_bytes *)o;
    b->len = (int64_t)n;
    b->hash = -1;
    b->data[n] = 0;
    return b;
}

wk_value wk_bytes_new(const void *s, size_t n) {
    wk_bytes *b = bytes_alloc(n);
    if (!b) return WK_NULLV;
    if (n) memcpy(b->data, s, n);
    return wk_objv(&b->ob);
}

/* ---------------------------------------------------------------- text */

static wk_value bytes_repr(wk_value self) {
    wk_bytes *b = B(self);
    bool sq = memchr(b->data, '\'', (size_t)b->len) != NULL;
    bool dq = memchr(b->data, '"', (size_t)b->len) != NULL;
    char quote = sq && !dq ? '"' : '\'';
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_reserve(&sb, (size_t)b->len + 3);
    wk_sbuf_addc(&sb, 'b');
    wk_sbuf_addc(&sb, quote);
    for (int64_t i = 0; i < b->len; i++) {
        unsigned char c = b->data[i];
        if (c == quote || c == '\\') { wk_sbuf_addc(&sb, '\\'); wk_sbuf_addc(&sb, (char)c); }
        else if (c == '\t') wk_sbuf_adds(&sb, "\\t");
        else if (c == '\n') wk_sbuf_adds(&sb, "\\n");
        else if (c == '\r') wk_sbuf_adds(&sb, "\\r");
        else if (c < 0x20 || c >= 0x7f) wk_sbuf_printf(&sb, "\\x%02x", c);
        else wk_sbuf_addc(&sb, (char)c);
    }
    wk_sbuf_addc(&sb, quote);
    return wk_str_from_sbuf(&sb);
}

/* ---------------------------------------------------------------- comparison, hashing */

static bool bytes_hash(wk_value self, int64_t *out) {
    wk_bytes *b = B(self);
    if (b->hash == -1) b->hash = wk_str_hash_bytes((const char *)b->data, (size_t)b->len);
    *out = b->hash;
    return true;
}

static wk_value bytes_richcmp(wk_value a, wk_value b, wk_cmp_op op) {
    if (!is_bytes(a) || !is_bytes(b)) return wk_notimplemented();
    wk_bytes *x = B(a), *y = B(b);
    size_t n = (size_t)(x->len < y->len ? x->len : y->len);
    int c = n ? memcmp(x->data, y->data, n) : 0;
    if (c == 0) c = x->len < y->len ? -1 : x->len > y->len;
    switch (op) {
    case WK_LT: return wk_bool(c < 0);
    case WK_LE: return wk_bool(c <= 0);
    case WK_EQ: return wk_bool(c == 0);
    case WK_NE: return wk_bool(c != 0);
    case WK_GT: return wk_bool(c > 0);
    default: return wk_bool(c >= 0);
    }
}

/* ---------------------------------------------------------------- sequence */

static int64_t bytes_len(wk_value self) { return B(self)->len; }

static wk_value bytes_getitem(wk_value self, wk_value key) {
    wk_bytes *b = B(self);
    if (WK_IS_OBJ(key) && key.u.o->type == &wk_type_slice) {
        int64_t start, stop, step, count;
        if (!wk_slice_indices(key.u.o, b->len, &start, &stop, &step, &count)) return WK_NULLV;
        if (count <= 0) return wk_bytes_new("", 0);
        if (step == 1) return wk_bytes_new(b->data + start, (size_t)count);
        wk_bytes *o = bytes_alloc((size_t)count);
        if (!o) return WK_NULLV;
        for (int64_t k = 0, i = start; k < count; k++, i += step) o->data[k] = b->data[i];
        return wk_objv(&o->ob);
    }
    if (WK_IS_FLOAT(key) || (!WK_IS_INT(key) && !WK_IS_BOOL(key) && !wk_typeof(key)->un[WK_UN_INDEX]))
        return wk_raise(wk_exc_TypeError, "byte indices must be integers or slices, not %s",
                        wk_typename(key));
    int64_t i;
    if (!wk_as_index(key, &i)) return WK_NULLV;
    if (i < 0) i += b->len;
    if (i < 0 || i >= b->len) return wk_raise(wk_exc_IndexError, "index out of range");
    return wk_int(b->data[i]);
}

static int bytes_contains(wk_value self, wk_value item) {
    wk_bytes *b = B(self);
    if (is_bytes(item))
        return memmem(b->data, (size_t)b->len, B(item)->data, (size_t)B(item)->len) != NULL;
    int64_t v;
    if (!WK_IS_INT(item) && !WK_IS_BOOL(item)) {
        wk_raise(wk_exc_TypeError, "a bytes-like object is required, not '%s'", wk_typename(item));
        return -1;
    }
    if (!wk_as_int64(item, &v)) return -1;
    if (v < 0 || v > 255) {
        wk_raise(wk_exc_ValueError, "byte must be in range(0, 256)");
        return -1;
    }
    return memchr(b->data, (int)v, (size_t)b->len) != NULL;
}

static wk_value bytes_add(wk_value a, wk_value b) {
    if (!is_bytes(a)) return wk_notimplemented();
    if (!is_bytes(b))
        return wk_raise(wk_exc_TypeError, "can't concat %s to bytes", wk_typename(b));
    wk_bytes *o = bytes_alloc((size_t)(B(a)->len + B(b)->len));
    if (!o) return WK_NULLV;
    memcpy(o->data, B(a)->data, (size_t)B(a)->len);
    memcpy(o->data + B(a)->len, B(b)->data, (size_t)B(b)->len);
    return wk_objv(&o->ob);
}

static wk_value bytes_mul(wk_value a, wk_value b) {
    wk_value s = is_bytes(a) ? a : b, other = is_bytes(a) ? b : a;
    if (WK_IS_FLOAT(other) || is_bytes(other) ||
        (!WK_IS_INT(other) && !WK_IS_BOOL(other) && !wk_typeof(other)->un[WK_UN_INDEX]))
        return wk_raise(wk_exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                        wk_typename(other));
    int64_t n;
    if (!wk_as_index(other, &n)) return WK_NULLV;
    int64_t len = B(s)->len;
    if (n <= 0 || len == 0) return wk_bytes_new("", 0);
    if (len > INT64_MAX / 4 / n) return wk_raise(wk_exc_OverflowError, "repeated bytes are too long");
    wk_bytes *o = bytes_alloc((size_t)(len * n));
    if (!o) return WK_NULLV;
    for (int64_t i = 0; i < n; i++) memcpy(o->data + i * len, B(s)->data, (size_t)len);
    return wk_objv(&o->ob);
}

/* ---------------------------------------------------------------- iteration */

typedef struct { wk_obj ob; wk_obj *b; int64_t pos; } bytes_iter;

static wk_value iter_self(wk_value self) { return wk_incref(self); }

static wk_value bytes_iter_next(wk_value self) {
    bytes_iter *it = (bytes_iter *)self.u.o;
    if (!it->b) return WK_NULLV;
    wk_bytes *b = (wk_bytes *)it->b;
    if (it->pos >= b->len) { wk_obj_decref(it->b); it->b = NULL; return WK_NULLV; }
    return wk_int(b->data[it->pos++]);
}

static void bytes_iter_dealloc(wk_obj *o) {
    wk_obj_decref(((bytes_iter *)o)->b);
    wk_obj_free(o);
}

static wk_type bytes_iter_type = {
    .ob = { WK_STR_STATIC_REFCNT, &wk_type_type }, .name = "bytes_iterator", .basicsize = sizeof(bytes_iter),
    .module = "builtins", .dealloc = bytes_iter_dealloc, .iter = iter_self, .next = bytes_iter_next,
};

static wk_value bytes_iter_new(wk_value self) {
    wk_obj *o = wk_obj_alloc(&bytes_iter_type);
    if (!o) return WK_NULLV;
    ((bytes_iter *)o)->b = self.u.o;
    wk_obj_incref(self.u.o);
    return wk_objv(o);
}

/* ---------------------------------------------------------------- bytes() */

static wk_value bytes_from_iterable(wk_value x) {
    wk_obj *l = wk_sequence_list(x);
    if (!l) return WK_NULLV;
    wk_list *L = WK_LIST(l);
    wk_bytes *o = bytes_alloc((size_t)L->len);
    for (int64_t i = 0; o && i < L->len; i++) {
        int64_t v;
        if (!wk_as_index(L->items[i], &v)) { wk_obj_decref(&o->ob); o = NULL; break; }
        if (v < 0 || v > 255) {
            wk_raise(wk_exc_ValueError, "bytes must be in range(0, 256)");
            wk_obj_decref(&o->ob);
            o = NULL;
            break;
        }
        o->data[i] = (unsigned char)v;
    }
    wk_obj_decref(l);
    return o ? wk_objv(&o->ob) : WK_NULLV;
}

static wk_value bytes_type_new(wk_type *type, const wk_value *args, int nargs, wk_obj *kwnames) {
    (void)type;
    wk_value a[3];
    if (!wk_args_parse("bytes", args, nargs, kwnames, "|source encoding errors", a)) return WK_NULLV;
    wk_value x = a[0];
    if (WK_IS_NULL(x)) {
        if (!WK_IS_NULL(a[1]) || !WK_IS_NULL(a[2]))
            return wk_raise(wk_exc_TypeError, "encoding without a string argument");
        return wk_bytes_new("", 0);
    }
    if (wk_is_str(x)) {
        if (WK_IS_NULL(a[1])) return wk_raise(wk_exc_TypeError, "string argument without an encoding");
        wk_value ea[3] = { x, a[1], a[2] };
        return wk_str_m_encode(ea, WK_IS_NULL(a[2]) ? 2 : 3, NULL);
    }
    if (!WK_IS_NULL(a[1]) || !WK_IS_NULL(a[2]))
        return wk_raise(wk_exc_TypeError, "encoding without a string argument");
    if (is_bytes(x)) return wk_incref(x);
    if (WK_IS_INT(x) || WK_IS_BOOL(x)) {
        if (x.u.i < 0) return wk_raise(wk_exc_ValueError, "negative count");
        wk_bytes *o = bytes_alloc((size_t)x.u.i);
        if (!o) return WK_NULLV;
        memset(o->data, 0, (size_t)x.u.i);
        return wk_objv(&o->ob);
    }
    wk_type *t = wk_typeof(x);
    if (!t->iter && !t->getitem)
        return wk_raise(wk_exc_TypeError, "cannot convert '%s' object to bytes", wk_typename(x));
    return bytes_from_iterable(x);
}

/* ---------------------------------------------------------------- methods */

static wk_value decode_error(const char *codec, const wk_bytes *b, size_t start, size_t end,
                             const char *reason) {
    if (end - start > 1)
        return wk_raise(wk_exc_UnicodeDecodeError,
                        "'%s' codec can't decode bytes in position %zu-%zu: %s", codec, start,
                        end - 1, reason);
    return wk_raise(wk_exc_UnicodeDecodeError,
                    "'%s' codec can't decode byte 0x%02x in position %zu: %s", codec,
                    b->data[start], start, reason);
}

static wk_value decode_utf8(const wk_bytes *b, const char *errors) {
    const char *s = (const char *)b->data;
    size_t n = (size_t)b->len, done = 0;
    wk_utf8_error e;
    if (wk_utf8_validate(s, n, NULL, &e)) return wk_str_new(s, n);
    if (strcmp(errors, "strict") == 0) return decode_error("utf-8", b, e.start, e.end, e.reason);
    if (strcmp(errors, "replace") && strcmp(errors, "ignore"))
        return wk_raise(wk_exc_LookupError, "unknown error handler name '%s'", errors);
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    while (!wk_utf8_validate(s + done, n - done, NULL, &e)) {
        wk_sbuf_add(&sb, s + done, e.start);
        if (strcmp(errors, "replace") == 0) wk_sbuf_adds(&sb, "\xef\xbf\xbd");
        done += e.end;
    }
    wk_sbuf_add(&sb, s + done, n - done);
    return wk_str_from_sbuf(&sb);
}

/* ascii (limit 128) or latin-1 (limit 256) decoding. */
static wk_value decode_narrow(const wk_bytes *b, unsigned limit, const char *errors) {
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    for (int64_t i = 0; i < b->len; i++) {
        unsigned c = b->data[i];
        if (c < limit) { wk_utf8_put(&sb, c); continue; }
        if (strcmp(errors, "ignore") == 0) continue;
        if (strcmp(errors, "replace") == 0) { wk_sbuf_adds(&sb, "\xef\xbf\xbd"); continue; }
        wk_sbuf_free(&sb);
        if (strcmp(errors, "strict") != 0)
            return wk_raise(wk_exc_LookupError, "unknown error handler name '%s'", errors);
        return decode_error("ascii", b, (size_t)i, (size_t)i + 1, "ordinal not in range(128)");
    }
    return wk_str_from_sbuf(&sb);
}

wk_value wk_bytes_decode(wk_value self, wk_value encoding, wk_value errors) {
    wk_value a[2] = { encoding, errors };
    for (int i = 0; i < 2; i++)
        if (!WK_IS_NULL(a[i]) && !wk_is_str(a[i]))
            return wk_raise(wk_exc_TypeError, "decode() argument '%s' must be str, not %s",
                            i ? "errors" : "encoding", wk_typename(a[i]));
    const char *enc = WK_IS_NULL(a[0]) ? "utf-8" : wk_str_cstr(a[0]);
    const char *err = WK_IS_NULL(a[1]) ? "strict" : wk_str_cstr(a[1]);
    int codec = wk_str_codec(enc);
    if (codec < 0) return wk_raise(wk_exc_LookupError, "unknown encoding: %s", enc);
    const wk_bytes *b = B(self);
    return codec == 0 ? decode_utf8(b, err) : decode_narrow(b, codec == 1 ? 128 : 256, err);
}

static wk_value m_decode(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    if (!wk_args_parse("decode", args + 1, nargs - 1, kw, "|encoding errors", a)) return WK_NULLV;
    return wk_bytes_decode(args[0], a[0], a[1]);
}

static wk_value m_hex(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_args_none("hex", nargs - 1, kw)) return WK_NULLV;
    const wk_bytes *b = B(args[0]);
    static const char digits[] = "0123456789abcdef";
    wk_strobj *o = wk_str_alloc((size_t)b->len * 2);
    if (!o) return WK_NULLV;
    for (int64_t i = 0; i < b->len; i++) {
        o->data[2 * i] = digits[b->data[i] >> 4];
        o->data[2 * i + 1] = digits[b->data[i] & 15];
    }
    o->nchars = b->len * 2;
    o->ascii = true;
    return wk_objv(&o->ob);
}

static const wk_methoddef bytes_methods[] = {
    { "decode", m_decode, 0, "Decode the bytes using the codec registered for encoding." },
    { "hex", m_hex, 0, "Create a string of hexadecimal numbers from a bytes object." },
    { NULL, NULL, 0, NULL },
};

wk_type wk_type_bytes = {
    .ob = { WK_STR_STATIC_REFCNT, &wk_type_type },
    .name = "bytes",
    .basicsize = sizeof(wk_bytes),
    .module = "builtins",
    .doc = "bytes(iterable_of_ints) -> bytes\nbytes(string, encoding[, errors]) -> bytes\n"
           "bytes(int) -> bytes object of size given by the parameter initialized with null bytes\n"
           "bytes() -> empty bytes object",
    .dealloc = wk_obj_free,
    .new = bytes_type_new,
    .repr = bytes_repr,
    .richcmp = bytes_richcmp,
    .hash = bytes_hash,
    .nb = { [WK_NB_ADD] = bytes_add, [WK_NB_MUL] = bytes_mul },
    .len = bytes_len,
    .getitem = bytes_getitem,
    .contains = bytes_contains,
    .iter = bytes_iter_new,
};

bool wk_bytes_type_init(void) {
    return wk_type_ready(&wk_type_bytes) && wk_type_ready(&bytes_iter_type) &&
           wk_type_add_methods(&wk_type_bytes, bytes_methods);
}
