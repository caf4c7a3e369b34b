/* str.c — the str type: allocation, constructors, interning, hashing, comparison and its slots. */
#include "str_int.h"
#include "numfmt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Storage: every str is allocated with room for its bytes, the NUL and one tag byte
 * after the NUL.  Tag 0: the allocation is exact.  Tag k > 0: the data area holds
 * 1 << k bytes (a string grown by +=), which lets in-place appends run in amortised
 * constant time. */
#define TAG(s) ((unsigned char)(s)->data[(s)->len + 1])

static wk_strobj *str_alloc_cap(size_t nbytes, size_t cap, unsigned char tag) {
    if (nbytes > (size_t)INT64_MAX / 2) { wk_raise(wk_exc_MemoryError, " "); return NULL; }
    wk_obj *o = wk_obj_alloc_var(&wk_type_str, cap);
    if (!o) return NULL;
    wk_strobj *s = WK_STR(o);
    s->len = (int64_t)nbytes;
    s->hash = -1;
    s->data[nbytes] = 0;
    s->data[nbytes + 1] = (char)tag;
    return s;
}

wk_strobj *wk_str_alloc(size_t nbytes) { return str_alloc_cap(nbytes, nbytes + 2, 0); }

static size_t str_capacity(const wk_strobj *s) {
    unsigned char t = TAG(s);
    return t ? (size_t)1 << t : (size_t)s->len + 2;
}

wk_value wk_str_finish(wk_strobj *s) {
    bool ascii;
    s->nchars = (int64_t)wk_utf8_scan(s->data, (size_t)s->len, &ascii);
    s->ascii = ascii;
    return wk_objv(&s->ob);
}

/* ---------------------------------------------------------------- small-string caches */

static wk_obj *empty_str;
static wk_obj *char_cache[128];
static bool caches_init(void);

wk_value wk_str_empty(void) {
    if (!empty_str && !caches_init()) return WK_NULLV;
    wk_obj_incref(empty_str);
    return wk_objv(empty_str);
}

wk_value wk_str_char(uint32_t cp) {
    if (cp < 128 && char_cache[cp]) {
        wk_obj_incref(char_cache[cp]);
        return wk_objv(char_cache[cp]);
    }
    char buf[4];
    int n = wk_utf8_encode(cp, buf);
    wk_strobj *s = wk_str_alloc((size_t)n);
    if (!s) return WK_NULLV;
    memcpy(s->data, buf, (size_t)n);
    s->nchars = 1;
    s->ascii = cp < 128;
    return wk_objv(&s->ob);
}

static bool caches_init(void) {
    wk_strobj *e = wk_str_alloc(0);
    if (!e) return false;
    e->nchars = 0;
    e->ascii = true;
    empty_str = &e->ob;
    for (uint32_t c = 0; c < 128; c++) {
        wk_value v = wk_str_char(c);
        if (WK_IS_NULL(v)) return false;
        char_cache[c] = v.u.o;
    }
    return true;
}

/* ---------------------------------------------------------------- constructors */

wk_value wk_str_new(const char *s, size_t n) {
    if (n == 0) return wk_str_empty();
    if (n == 1 && (unsigned char)s[0] < 128 && char_cache[(unsigned char)s[0]])
        return wk_str_char((unsigned char)s[0]);
    wk_strobj *o = wk_str_alloc(n);
    if (!o) return WK_NULLV;
    memcpy(o->data, s, n);
    return wk_str_finish(o);
}

wk_value wk_str_from_c(const char *s) { return wk_str_new(s, strlen(s)); }

wk_value wk_str_from_int(int64_t v) {
    if (v >= 0 && v < 10 && char_cache['0' + v]) return wk_str_char((uint32_t)('0' + v));
    char buf[24], *end = buf + sizeof buf;
    char *p = wk_int_digits(v, end);
    size_t n = (size_t)(end - p);
    wk_strobj *o = wk_str_alloc(n);
    if (!o) return WK_NULLV;
    memcpy(o->data, p, n);
    o->nchars = (int64_t)n;
    o->ascii = true;
    return wk_objv(&o->ob);
}

wk_value wk_str_from_sbuf(wk_sbuf *sb) {
    if (sb->oom) { wk_sbuf_free(sb); return wk_raise_nomem(); }
    wk_value v = wk_str_new(sb->data ? sb->data : "", sb->len);
    wk_sbuf_free(sb);
    return v;
}

wk_value wk_str_fromf(const char *fmt, ...) {
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n < sizeof buf) return wk_str_new(buf, (size_t)n);
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    va_start(ap, fmt);
    wk_sbuf_vprintf(&sb, fmt, ap);
    va_end(ap);
    return wk_str_from_sbuf(&sb);
}

wk_value wk_str_sub(wk_strobj *s, size_t b0, size_t b1) {
    if (b0 == 0 && b1 == (size_t)s->len) {
        wk_obj_incref(&s->ob);
        return wk_objv(&s->ob);
    }
    if (b1 <= b0) return wk_str_empty();
    if (s->ascii) {
        if (b1 - b0 == 1) return wk_str_char((unsigned char)s->data[b0]);
        wk_strobj *o = wk_str_alloc(b1 - b0);
        if (!o) return WK_NULLV;
        memcpy(o->data, s->data + b0, b1 - b0);
        o->nchars = (int64_t)(b1 - b0);
        o->ascii = true;
        return wk_objv(&o->ob);
    }
    return wk_str_new(s->data + b0, b1 - b0);
}

const char *wk_str_cstr(wk_value v) { return WK_STR(v.u.o)->data; }

void wk_str_repr_to(wk_sbuf *sb, const char *s, size_t n) { wk_fmt_str_repr(sb, s, n); }

/* ---------------------------------------------------------------- hashing and equality */

static inline uint64_t mix64(uint64_t h) {
    h ^= h >> 33; h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33; h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
}

int64_t wk_str_hash_bytes(const char *p, size_t n) {
    uint64_t h = 0x9E3779B97F4A7C15ull ^ ((uint64_t)n * 0xC2B2AE3D27D4EB4Full);
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ (w * 0x87C37B91114253D5ull)) * 0x4CF5AD432745937Full;
        h = (h << 31) | (h >> 33);
        p += 8; n -= 8;
    }
    uint64_t w = 0;
    memcpy(&w, p, n);
    h ^= w * 0x87C37B91114253D5ull;
    int64_t r = (int64_t)mix64(h);
    return r == -1 ? -2 : r;
}

static inline int64_t str_hash_of(wk_strobj *s) {
    if (s->hash == -1) s->hash = wk_str_hash_bytes(s->data, (size_t)s->len);
    return s->hash;
}

bool wk_str_equal(wk_obj *a, wk_obj *b) {
    if (a == b) return true;
    wk_strobj *x = WK_STR(a), *y = WK_STR(b);
    if (x->len != y->len) return false;
    if (x->hash != -1 && y->hash != -1 && x->hash != y->hash) return false;
    return memcmp(x->data, y->data, (size_t)x->len) == 0;
}

/* ---------------------------------------------------------------- interning */

static wk_obj **itab;       /* open addressing, NULL = empty slot */
static size_t itab_cap, itab_used;

static bool itab_grow(void) {
    size_t ncap = itab_cap ? itab_cap * 2 : 1024;
    wk_obj **nt = calloc(ncap, sizeof *nt);
    if (!nt) return false;
    for (size_t i = 0; i < itab_cap; i++) {
        if (!itab[i]) continue;
        size_t j = (size_t)WK_STR(itab[i])->hash & (ncap - 1);
        while (nt[j]) j = (j + 1) & (ncap - 1);
        nt[j] = itab[i];
    }
    free(itab);
    itab = nt;
    itab_cap = ncap;
    return true;
}

/* Slot of the interned string with these bytes, or of the empty slot where it goes. */
static wk_obj **itab_find(const char *s, size_t n, int64_t h) {
    size_t j = (size_t)h & (itab_cap - 1);
    for (;; j = (j + 1) & (itab_cap - 1)) {
        wk_obj *o = itab[j];
        if (!o) return &itab[j];
        wk_strobj *t = WK_STR(o);
        if (t->hash == h && (size_t)t->len == n && memcmp(t->data, s, n) == 0) return &itab[j];
    }
}

static wk_obj *intern_bytes(const char *s, size_t n, wk_obj *existing) {
    if ((itab_used + 1) * 3 >= itab_cap * 2 && !itab_grow()) {
        wk_raise_nomem();
        return NULL;
    }
    int64_t h = wk_str_hash_bytes(s, n);
    wk_obj **slot = itab_find(s, n, h);
    if (*slot) return *slot;
    wk_obj *o = existing;
    if (o) wk_obj_incref(o);
    else {
        wk_value v = wk_str_new(s, n);
        if (WK_IS_NULL(v)) return NULL;
        o = v.u.o;
    }
    WK_STR(o)->hash = h;
    WK_STR(o)->interned = true;
    *slot = o;
    itab_used++;
    return o;
}

wk_obj *wk_intern(const char *s) { return intern_bytes(s, strlen(s), NULL); }

wk_obj *wk_intern_obj(wk_obj *str) {
    if (WK_STR(str)->interned) return str;
    return intern_bytes(WK_STR(str)->data, (size_t)WK_STR(str)->len, str);
}

/* ---------------------------------------------------------------- concatenation */

wk_value wk_str_concat(wk_value a, wk_value b) {
    wk_strobj *x = WK_STR(a.u.o), *y = WK_STR(b.u.o);
    if (y->len == 0) return wk_incref(a);
    if (x->len == 0) return wk_incref(b);
    wk_strobj *o = wk_str_alloc((size_t)x->len + (size_t)y->len);
    if (!o) return WK_NULLV;
    memcpy(o->data, x->data, (size_t)x->len);
    memcpy(o->data + x->len, y->data, (size_t)y->len);
    o->nchars = x->nchars + y->nchars;
    o->ascii = x->ascii && y->ascii;
    return wk_objv(&o->ob);
}

wk_value wk_str_join_array(const wk_value *items, int64_t n) {
    size_t total = 0;
    int64_t nchars = 0;
    bool ascii = true;
    for (int64_t i = 0; i < n; i++) {
        wk_strobj *s = WK_STR(items[i].u.o);
        total += (size_t)s->len;
        nchars += s->nchars;
        ascii = ascii && s->ascii;
    }
    if (n == 1) return wk_incref(items[0]);
    if (total == 0) return wk_str_empty();
    wk_strobj *o = wk_str_alloc(total);
    if (!o) return WK_NULLV;
    char *p = o->data;
    for (int64_t i = 0; i < n; i++) {
        wk_strobj *s = WK_STR(items[i].u.o);
        memcpy(p, s->data, (size_t)s->len);
        p += s->len;
    }
    o->nchars = nchars;
    o->ascii = ascii;
    return wk_objv(&o->ob);
}

/* a += b when a (a str) is held only by the caller: appends in place when the
 * allocation has room, else moves a into a growable allocation of twice the size. */
static wk_value str_iadd(wk_value a, wk_value b) {
    if (!wk_is_str(a) || !wk_is_str(b)) return wk_notimplemented();
    wk_strobj *x = WK_STR(a.u.o), *y = WK_STR(b.u.o);
    if (x->ob.refcnt != 1 || x->interned || a.u.o == b.u.o || x->len == 0 || y->len == 0)
        return wk_str_concat(a, b);
    size_t n = (size_t)x->len + (size_t)y->len;
    if (n + 2 <= str_capacity(x)) {
        unsigned char tag = TAG(x);
        memcpy(x->data + x->len, y->data, (size_t)y->len);
        x->len = (int64_t)n;
        x->data[n] = 0;
        x->data[n + 1] = (char)tag;
        x->nchars += y->nchars;
        x->ascii = x->ascii && y->ascii;
        x->hash = -1;
        return wk_incref(a);
    }
    unsigned char k = 6;
    while (((size_t)1 << k) < 2 * (n + 2)) k++;
    wk_strobj *o = str_alloc_cap(n, (size_t)1 << k, k);
    if (!o) return WK_NULLV;
    memcpy(o->data, x->data, (size_t)x->len);
    memcpy(o->data + x->len, y->data, (size_t)y->len);
    o->nchars = x->nchars + y->nchars;
    o->ascii = x->ascii && y->ascii;
    return wk_objv(&o->ob);
}

bool wk_str_append_inplace(wk_value *a, wk_value b) {
    wk_value r = str_iadd(*a, b);
    if (WK_IS_NULL(r)) return false;
    wk_decref(*a);
    *a = r;
    return true;
}

/* ---------------------------------------------------------------- slots */

/* The last (string, code point index, byte offset) looked up in a non-ASCII string, so
 * that loops over s[i] walk only from the previous position. */
static struct { const wk_strobj *s; int64_t i; size_t b; } off_cache;

/* Moves back k code points from byte offset b. */
static size_t back_chars(const char *d, size_t b, int64_t k) {
    while (k-- > 0) {
        b--;
        while (b > 0 && ((unsigned char)d[b] & 0xC0) == 0x80) b--;
    }
    return b;
}

size_t wk_str_offset_slow(const wk_strobj *s, int64_t i) {
    int64_t from_end = s->nchars - i, ci = 0;
    size_t cb = 0, len = (size_t)s->len;
    if (off_cache.s == s && llabs(off_cache.i - i) < i) { ci = off_cache.i; cb = off_cache.b; }
    size_t b;
    if (from_end < llabs(i - ci)) b = back_chars(s->data, len, from_end);
    else if (i >= ci) b = cb + wk_utf8_offset(s->data + cb, len - cb, (size_t)(i - ci));
    else b = back_chars(s->data, cb, ci - i);
    off_cache.s = s;
    off_cache.i = i;
    off_cache.b = b;
    return b;
}

static void str_dealloc(wk_obj *o) {
    if (off_cache.s == WK_STR(o)) off_cache.s = NULL;
    if (o->type == &wk_type_str) wk_obj_free_extra(o, str_capacity(WK_STR(o)));
    else wk_obj_free(o);
}

static wk_value str_repr(wk_value self) {
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_strobj *s = WK_STR(self.u.o);
    wk_sbuf_reserve(&sb, (size_t)s->len + 2);
    wk_str_repr_to(&sb, s->data, (size_t)s->len);
    return wk_str_from_sbuf(&sb);
}

static wk_value str_str(wk_value self) { return wk_incref(self); }

static bool str_hash(wk_value self, int64_t *out) {
    *out = str_hash_of(WK_STR(self.u.o));
    return true;
}

static wk_value str_richcmp(wk_value a, wk_value b, wk_cmp_op op) {
    if (!wk_is_str(a) || !wk_is_str(b)) return wk_notimplemented();
    if (op == WK_EQ || op == WK_NE)
        return wk_bool(wk_str_equal(a.u.o, b.u.o) == (op == WK_EQ));
    wk_strobj *x = WK_STR(a.u.o), *y = WK_STR(b.u.o);
    size_t n = (size_t)(x->len < y->len ? x->len : y->len);
    int c = memcmp(x->data, y->data, n);
    if (c == 0) c = x->len < y->len ? -1 : x->len > y->len;
    switch (op) {
    case WK_LT: return wk_bool(c < 0);
    case WK_LE: return wk_bool(c <= 0);
    case WK_GT: return wk_bool(c > 0);
    default: return wk_bool(c >= 0);
    }
}

static int64_t str_len(wk_value self) { return WK_STR(self.u.o)->nchars; }

static int str_truth(wk_value self) { return WK_STR(self.u.o)->len != 0; }

/* One character at code point index i (already in range). */
static wk_value str_char_at(wk_strobj *s, int64_t i) {
    if (s->ascii) return wk_str_char((unsigned char)s->data[i]);
    size_t b = wk_str_offset_slow(s, i);
    int n = wk_utf8_seqlen((unsigned char)s->data[b]);
    return wk_str_new(s->data + b, (size_t)(n ? n : 1));
}

/* s[start::step] for count characters, step != 1. */
static wk_value str_slice_step(wk_strobj *s, int64_t start, int64_t step, int64_t count) {
    size_t *offs = NULL;
    if (!s->ascii) {
        offs = malloc(((size_t)s->nchars + 1) * sizeof *offs);
        if (!offs) return wk_raise_nomem();
        size_t b = 0;
        for (int64_t i = 0; i <= s->nchars; i++) {
            offs[i] = b;
            int k = b < (size_t)s->len ? wk_utf8_seqlen((unsigned char)s->data[b]) : 0;
            b += k ? (size_t)k : 1;
        }
    }
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_reserve(&sb, (size_t)count);
    for (int64_t k = 0, i = start; k < count; k++, i += step) {
        if (!offs) wk_sbuf_addc(&sb, s->data[i]);
        else wk_sbuf_add(&sb, s->data + offs[i], offs[i + 1] - offs[i]);
    }
    free(offs);
    return wk_str_from_sbuf(&sb);
}

static wk_value str_getitem(wk_value self, wk_value key) {
    wk_strobj *s = WK_STR(self.u.o);
    if (WK_IS_OBJ(key) && key.u.o->type == &wk_type_slice) {
        int64_t start, stop, step, count;
        if (!wk_slice_indices(key.u.o, s->nchars, &start, &stop, &step, &count))
            return WK_NULLV;
        if (count <= 0) return wk_str_empty();
        if (step == 1) return wk_str_sub(s, wk_str_off(s, start), wk_str_off(s, start + count));
        return str_slice_step(s, start, step, count);
    }
    if (!WK_IS_INT(key) && !WK_IS_BOOL(key)) {
        wk_type *t = wk_typeof(key);
        if (WK_IS_FLOAT(key) || !t->un[WK_UN_INDEX])
            return wk_raise(wk_exc_TypeError, "string indices must be integers, not '%s'",
                            wk_typename(key));
    }
    int64_t i;
    if (!wk_as_index(key, &i)) return WK_NULLV;
    if (i < 0) i += s->nchars;
    if (i < 0 || i >= s->nchars) return wk_raise(wk_exc_IndexError, "string index out of range");
    return str_char_at(s, i);
}

static int str_contains(wk_value self, wk_value item) {
    if (!wk_is_str(item)) {
        wk_raise(wk_exc_TypeError, "'in <string>' requires string as left operand, not %s",
                 wk_typename(item));
        return -1;
    }
    wk_strobj *s = WK_STR(self.u.o), *t = WK_STR(item.u.o);
    return memmem(s->data, (size_t)s->len, t->data, (size_t)t->len) != NULL;
}

/* ---------------------------------------------------------------- operators */

/* A user class's __radd__/__rmul__ for `str OP x`, tried before the sequence operation
 * as CPython does. WK_NULL without exception when x's class has none. */
static wk_value user_slot(wk_nb_op op, wk_value a, wk_value b) {
    wk_type *t = wk_typeof(b);
    if (!(t->flags & WK_TPFLAG_USERCLASS) || !t->nb[op]) return WK_NULLV;
    wk_value r = t->nb[op](a, b);
    if (wk_is_notimplemented(r)) { wk_decref(r); return WK_NULLV; }
    return r;
}

static wk_value str_add(wk_value a, wk_value b) {
    if (!wk_is_str(a)) return wk_notimplemented();
    if (wk_is_str(b)) return wk_str_concat(a, b);
    wk_value r = user_slot(WK_NB_ADD, a, b);
    if (!WK_IS_NULL(r) || wk_err_occurred()) return r;
    return wk_raise(wk_exc_TypeError, "can only concatenate str (not \"%s\") to str",
                    wk_typename(b));
}

static wk_value str_repeat(wk_strobj *s, int64_t n) {
    if (n <= 0 || s->len == 0) return wk_str_empty();
    if (n == 1) { wk_obj_incref(&s->ob); return wk_objv(&s->ob); }
    if (s->len > INT64_MAX / 4 / n) return wk_raise(wk_exc_OverflowError, "repeated string is too long");
    size_t total = (size_t)s->len * (size_t)n;
    wk_strobj *o = wk_str_alloc(total);
    if (!o) return WK_NULLV;
    memcpy(o->data, s->data, (size_t)s->len);
    size_t done = (size_t)s->len;
    while (done < total) {
        size_t k = done <= total - done ? done : total - done;
        memcpy(o->data + done, o->data, k);
        done += k;
    }
    o->nchars = s->nchars * n;
    o->ascii = s->ascii;
    return wk_objv(&o->ob);
}

static wk_value str_mul(wk_value a, wk_value b) {
    bool left = wk_is_str(a);
    wk_value s = left ? a : b, other = left ? b : a;
    if (left) {
        wk_value r = user_slot(WK_NB_MUL, a, b);
        if (!WK_IS_NULL(r) || wk_err_occurred()) return r;
    }
    if (!WK_IS_FLOAT(other) && !wk_is_str(other) &&
        (WK_IS_INT(other) || WK_IS_BOOL(other) || wk_typeof(other)->un[WK_UN_INDEX])) {
        int64_t n;
        if (!wk_as_index(other, &n)) return WK_NULLV;
        return str_repeat(WK_STR(s.u.o), n);
    }
    return wk_raise(wk_exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                    wk_typename(other));
}

static wk_value str_mod(wk_value a, wk_value b) {
    if (!wk_is_str(a)) return wk_notimplemented();
    return wk_str_percent(a, b);
}

/* ---------------------------------------------------------------- iteration */

typedef struct { wk_obj ob; wk_obj *s; size_t pos; } str_iter;

static wk_type str_iter_type, str_ascii_iter_type;

static wk_value str_iter_new(wk_value self) {
    wk_obj *o = wk_obj_alloc(WK_STR(self.u.o)->ascii ? &str_ascii_iter_type : &str_iter_type);
    if (!o) return WK_NULLV;
    str_iter *it = (str_iter *)o;
    it->s = self.u.o;
    wk_obj_incref(it->s);
    return wk_objv(o);
}

static wk_value str_iter_next(wk_value self) {
    str_iter *it = (str_iter *)self.u.o;
    if (!it->s) return WK_NULLV;
    wk_strobj *s = WK_STR(it->s);
    if (it->pos >= (size_t)s->len) {
        wk_obj_decref(it->s);
        it->s = NULL;
        return WK_NULLV;
    }
    unsigned char c = (unsigned char)s->data[it->pos];
    if (c < 128) { it->pos++; return wk_str_char(c); }
    int n = wk_utf8_seqlen(c);
    if (n == 0) n = 1;
    wk_value r = wk_str_new(s->data + it->pos, (size_t)n);
    it->pos += (size_t)n;
    return r;
}

static wk_value iter_self(wk_value self) { return wk_incref(self); }

static void str_iter_dealloc(wk_obj *o) {
    wk_obj_decref(((str_iter *)o)->s);
    wk_obj_free(o);
}

#define STR_ITER_TYPE(tpname) { \
    .ob = { WK_STR_STATIC_REFCNT, &wk_type_type }, .name = tpname, .basicsize = sizeof(str_iter), \
    .module = "builtins", .dealloc = str_iter_dealloc, .iter = iter_self, .next = str_iter_next }
static wk_type str_iter_type = STR_ITER_TYPE("str_iterator");
static wk_type str_ascii_iter_type = STR_ITER_TYPE("str_ascii_iterator");

/* ---------------------------------------------------------------- str() */

static wk_value str_decode_value(wk_value obj, wk_value enc, wk_value errors);

static wk_value str_type_new(wk_type *type, const wk_value *args, int nargs, wk_obj *kwnames) {
    (void)type;
    if (nargs == 1 && !kwnames) return wk_str(args[0]);
    wk_value a[3];
    if (!wk_args_parse("str", args, nargs, kwnames, "|object encoding errors", a))
        return WK_NULLV;
    if (WK_IS_NULL(a[0])) return wk_str_empty();
    if (WK_IS_NULL(a[1]) && WK_IS_NULL(a[2])) return wk_str(a[0]);
    return str_decode_value(a[0], a[1], a[2]);
}

static wk_value str_decode_value(wk_value obj, wk_value enc, wk_value errors) {
    if (!WK_IS_NULL(enc) && !wk_is_str(enc))
        return wk_raise(wk_exc_TypeError, "str() argument 'encoding' must be str, not %s",
                        wk_typename(enc));
    if (!WK_IS_NULL(errors) && !wk_is_str(errors))
        return wk_raise(wk_exc_TypeError, "str() argument 'errors' must be str, not %s",
                        wk_typename(errors));
    if (wk_is_str(obj)) return wk_raise(wk_exc_TypeError, "decoding str is not supported");
    if (!WK_IS_OBJ(obj) || obj.u.o->type != &wk_type_bytes)
        return wk_raise(wk_exc_TypeError, "decoding to str: need a bytes-like object, %s found",
                        wk_typename(obj));
    return wk_bytes_decode(obj, enc, errors);
}

/* ---------------------------------------------------------------- the type */

wk_type wk_type_str = {
    .ob = { WK_STR_STATIC_REFCNT, &wk_type_type },
    .name = "str",
    .basicsize = sizeof(wk_strobj),
    .module = "builtins",
    .doc = "str(object='') -> str\nstr(bytes_or_buffer[, encoding[, errors]]) -> str",
    .dealloc = str_dealloc,
    .new = str_type_new,
    .repr = str_repr,
    .str = str_str,
    .format = wk_str_format_slot,
    .richcmp = str_richcmp,
    .hash = str_hash,
    .nb = { [WK_NB_ADD] = str_add, [WK_NB_MUL] = str_mul, [WK_NB_MOD] = str_mod },
    .nb_inplace = { [WK_NB_ADD] = str_iadd },
    .truth = str_truth,
    .len = str_len,
    .getitem = str_getitem,
    .contains = str_contains,
    .iter = str_iter_new,
};

bool wk_str_types_init(void) {
    if (!empty_str && !caches_init()) return false;
    if (!wk_type_ready(&wk_type_str) || !wk_type_ready(&str_iter_type) ||
        !wk_type_ready(&str_ascii_iter_type))
        return false;
    if (!wk_type_add_methods(&wk_type_str, wk_str_methods)) return false;
    return wk_bytes_type_init();
}
