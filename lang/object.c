/* object.c — allocation, wk_typeof, and the abstract text/hash/compare/truth/operator
 * operations with CPython's dispatch rules and error messages. */
#include "objimpl.h"
#include "numfmt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- allocation */

/* Small objects are recycled through per-size free lists instead of going back to
 * malloc: most objects are small and short-lived (strs, bound methods, iterators).
 * The blocks stay ordinary malloc blocks of their class size, so a stray free() of one
 * would still be valid. Sanitizer builds use plain calloc/free so that use-after-free
 * is still caught. */
#if defined(__SANITIZE_ADDRESS__)
#define WK_NO_FREELIST 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WK_NO_FREELIST 1
#endif
#endif

#ifndef WK_NO_FREELIST
#define FL_GRAIN 16
#define FL_CLASSES 16               /* blocks up to 256 bytes */
#define FL_MAX_BYTES ((size_t)32 << 20)   /* bytes kept in all the lists together */
typedef struct fl_block { struct fl_block *next; } fl_block;
static struct { fl_block *head; int64_t n; } freelist[FL_CLASSES];
static size_t freelist_bytes;

static inline void *block_alloc(size_t size) {
    if (size <= FL_GRAIN * FL_CLASSES) {
        size_t c = (size - 1) / FL_GRAIN;
        fl_block *b = freelist[c].head;
        if (b) {
            freelist[c].head = b->next;
            freelist[c].n--;
            freelist_bytes -= (c + 1) * FL_GRAIN;
        } else if (!(b = malloc((c + 1) * FL_GRAIN))) {
            return NULL;
        }
        memset(b, 0, size);
        return b;
    }
    return calloc(1, size);
}

static inline void block_free(void *p, size_t size) {
    if (size <= FL_GRAIN * FL_CLASSES) {
        size_t c = (size - 1) / FL_GRAIN;
        if (freelist_bytes < FL_MAX_BYTES) {
            fl_block *b = p;
            b->next = freelist[c].head;
            freelist[c].head = b;
            freelist[c].n++;
            freelist_bytes += (c + 1) * FL_GRAIN;
            return;
        }
    }
    free(p);
}
#else
static inline void *block_alloc(size_t size) { return calloc(1, size); }
static inline void block_free(void *p, size_t size) { (void)size; free(p); }
#endif

/* Bytes of the block of an object of type t with `extra` variable bytes (0 on overflow). */
static inline size_t block_size(wk_type *t, size_t extra, size_t *pre) {
    *pre = t->dictoffset < 0 ? (size_t)-t->dictoffset : 0;
    size_t n = t->basicsize + extra;
    if (n < extra || n + *pre < n) return 0;
    return n + *pre;
}

wk_obj *wk_obj_alloc_var(wk_type *t, size_t extra) {
    size_t pre, size = block_size(t, extra, &pre);
    if (!size) { wk_raise_nomem(); return NULL; }
    char *mem = block_alloc(size);
    if (!mem) { wk_raise_nomem(); return NULL; }
    wk_obj *o = (wk_obj *)(mem + pre);
    o->refcnt = 1;
    o->type = t;
    if (t->flags & WK_TPFLAG_HEAPTYPE) wk_obj_incref(&t->ob);
    return o;
}

wk_obj *wk_obj_alloc(wk_type *t) { return wk_obj_alloc_var(t, 0); }

void wk_obj_free_extra(wk_obj *o, size_t extra) {
    wk_type *t = o->type;
    char *mem = (char *)o;
    if (t->dictoffset < 0) mem += t->dictoffset;
    size_t pre;
    block_free(mem, block_size(t, extra, &pre));
    if (t->flags & WK_TPFLAG_HEAPTYPE) wk_obj_decref(&t->ob);
}

void wk_obj_free(wk_obj *o) {
    wk_type *t = o->type;
    char *mem = (char *)o;
    if (t->dictoffset < 0) mem += t->dictoffset;
    bool tuple = t == &wk_type_tuple || ((t->flags & WK_TPFLAG_HEAPTYPE) && wk_type_is_subtype(t, &wk_type_tuple));
    size_t pre, extra = tuple ? (size_t)WK_TUPLE(o)->len * sizeof(wk_value) : 0;
    /* other variable-size objects: their class is taken from the fixed part, smaller
     * than the block, which is safe (the block only serves smaller requests) */
    block_free(mem, block_size(t, extra, &pre));
    if (t->flags & WK_TPFLAG_HEAPTYPE) wk_obj_decref(&t->ob);
}

void wk_obj_dealloc(wk_obj *o) {
    if (o->type->dealloc) o->type->dealloc(o);
    else wk_obj_free(o);
}

wk_obj **wk_obj_dictptr(wk_obj *o) {
    ptrdiff_t off = o->type->dictoffset;
    if (!off) return NULL;
    return (wk_obj **)((char *)o + off);
}

/* ---------------------------------------------------------------- types of values */

wk_type *wk_typeof(wk_value v) {
    switch (v.tag) {
    case WK_OBJ: return v.u.o->type;
    case WK_INT: return &wk_type_int;
    case WK_FLOAT: return &wk_type_float;
    case WK_BOOL: return &wk_type_bool;
    default: return &wk_type_none;
    }
}

const char *wk_typename(wk_value v) { return wk_typeof(v)->name; }

bool wk_type_is_subtype(wk_type *a, wk_type *b) {
    if (a == b) return true;
    if (a->mro) {
        wk_tuple *m = WK_TUPLE(a->mro);
        for (int64_t i = 0; i < m->len; i++)
            if (m->items[i].u.o == &b->ob) return true;
        return false;
    }
    for (; a; a = a->base)
        if (a == b) return true;
    return false;
}

bool wk_isinstance_t(wk_value v, wk_type *t) { return wk_type_is_subtype(wk_typeof(v), t); }

/* ---------------------------------------------------------------- dunder names */

static const char *const dunder_text[WK_DN_COUNT] = {
#define WK_DN(id, s) s,
#include "dunders.h"
#undef WK_DN
};
static wk_obj *dunder_obj[WK_DN_COUNT];

wk_obj *wk_dunder(wk_dunder_id id) {
    if (!dunder_obj[id]) dunder_obj[id] = wk_intern(dunder_text[id]);
    return dunder_obj[id];
}

/* ---------------------------------------------------------------- text */

static wk_value check_str_result(wk_value r, const char *what) {
    if (WK_IS_NULL(r) || wk_isinstance_t(r, &wk_type_str)) return r;
    wk_raise(wk_exc_TypeError, "%s returned non-string (type %s)", what, wk_typename(r));
    wk_decref(r);
    return WK_NULLV;
}

wk_value wk_repr(wk_value v) {
    if (v.tag == WK_INT) return wk_str_from_int(v.u.i);
    wk_type *t = wk_typeof_i(v);
    if (!t->repr) return wk_object_repr(v);
    return check_str_result(t->repr(v), "__repr__");
}

wk_value wk_str(wk_value v) {
    if (v.tag == WK_INT) return wk_str_from_int(v.u.i);
    wk_type *t = wk_typeof_i(v);
    if (t == &wk_type_str) return wk_incref(v);
    if (!t->str) return wk_repr(v);
    return check_str_result(t->str(v), "__str__");
}

wk_value wk_ascii(wk_value v) {
    wk_value r = wk_repr(v);
    if (WK_IS_NULL(r)) return r;
    wk_strobj *s = WK_STR(r.u.o);
    if (s->ascii) return r;
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    size_t i = 0;
    while (i < (size_t)s->len) {
        uint32_t cp = wk_utf8_next(s->data, (size_t)s->len, &i);
        if (cp < 0x80) wk_sbuf_addc(&sb, (char)cp);
        else if (cp < 0x100) wk_sbuf_printf(&sb, "\\x%02x", cp);
        else if (cp < 0x10000) wk_sbuf_printf(&sb, "\\u%04x", cp);
        else wk_sbuf_printf(&sb, "\\U%08x", cp);
    }
    wk_decref(r);
    return wk_str_from_sbuf(&sb);
}

wk_value wk_format(wk_value v, wk_value spec) {
    wk_type *t = wk_typeof_i(v);
    wk_value r = t->format ? t->format(v, spec) : wk_object_format(v, spec);
    return check_str_result(r, "__format__");
}

static bool add_str_value(wk_sbuf *sb, wk_value s) {
    if (WK_IS_NULL(s)) return false;
    wk_sbuf_add(sb, WK_STR(s.u.o)->data, (size_t)WK_STR(s.u.o)->len);
    wk_decref(s);
    if (sb->oom) { wk_raise_nomem(); return false; }
    return true;
}

static bool fast_text(wk_sbuf *sb, wk_value v) {
    switch (v.tag) {
    case WK_INT: wk_sbuf_printf(sb, "%lld", (long long)v.u.i); return true;
    case WK_FLOAT: wk_fmt_float_repr(sb, v.u.f); return true;
    case WK_BOOL: wk_sbuf_adds(sb, v.u.i ? "True" : "False"); return true;
    case WK_NONE: wk_sbuf_adds(sb, "None"); return true;
    default: return false;
    }
}

bool wk_repr_to(wk_sbuf *sb, wk_value v) {
    if (fast_text(sb, v)) return true;
    return add_str_value(sb, wk_repr(v));
}

bool wk_str_to(wk_sbuf *sb, wk_value v) {
    if (fast_text(sb, v)) return true;
    if (wk_is_str(v)) {
        wk_sbuf_add(sb, WK_STR(v.u.o)->data, (size_t)WK_STR(v.u.o)->len);
        return true;
    }
    return add_str_value(sb, wk_str(v));
}

/* ---------------------------------------------------------------- hash, compare, truth */

bool wk_hash(wk_value v, int64_t *out) {
    switch (v.tag) {
    case WK_INT: *out = wk_int_hash(v.u.i); return true;
    case WK_BOOL: *out = v.u.i; return true;
    case WK_FLOAT: *out = wk_float_hash(v.u.f); return true;
    default: break;
    }
    wk_type *t = wk_typeof_i(v);
    if (!t->hash) {
        wk_raise(wk_exc_TypeError, "unhashable type: '%s'", t->name);
        return false;
    }
    return t->hash(v, out);
}

static const wk_cmp_op swapped_op[] = { WK_GT, WK_GE, WK_EQ, WK_NE, WK_LT, WK_LE };
static const char *const cmp_sym[] = { "<", "<=", "==", "!=", ">", ">=" };

wk_value wk_richcmp(wk_value a, wk_value b, wk_cmp_op op) {
    wk_type *ta = wk_typeof_i(a), *tb = wk_typeof_i(b);
    bool checked_reverse = false;
    wk_value r;
    if (ta != tb && tb->richcmp && wk_type_is_subtype(tb, ta)) {
        checked_reverse = true;
        r = tb->richcmp(b, a, swapped_op[op]);
        if (!wk_is_notimplemented(r)) return r;
    }
    if (ta->richcmp) {
        r = ta->richcmp(a, b, op);
        if (!wk_is_notimplemented(r)) return r;
    }
    if (!checked_reverse && tb->richcmp) {
        r = tb->richcmp(b, a, swapped_op[op]);
        if (!wk_is_notimplemented(r)) return r;
    }
    if (op == WK_EQ) return wk_bool(wk_is(a, b));
    if (op == WK_NE) return wk_bool(!wk_is(a, b));
    return wk_raise(wk_exc_TypeError, "'%s' not supported between instances of '%s' and '%s'",
                    cmp_sym[op], ta->name, tb->name);
}

int wk_richcmp_bool(wk_value a, wk_value b, wk_cmp_op op) {
    if (a.tag == WK_INT && b.tag == WK_INT) {
        int64_t x = a.u.i, y = b.u.i;
        switch (op) {
        case WK_LT: return x < y;
        case WK_LE: return x <= y;
        case WK_EQ: return x == y;
        case WK_NE: return x != y;
        case WK_GT: return x > y;
        default: return x >= y;
        }
    }
    wk_value r = wk_richcmp(a, b, op);
    if (WK_IS_NULL(r)) return -1;
    if (r.tag == WK_BOOL) return (int)r.u.i;
    int t = wk_truthy(r);
    wk_decref(r);
    return t;
}

bool wk_is(wk_value a, wk_value b) {
    if (a.tag != b.tag) return false;
    switch (a.tag) {
    case WK_NULL: case WK_NONE: return true;
    case WK_FLOAT: return memcmp(&a.u.f, &b.u.f, sizeof(double)) == 0;
    case WK_OBJ: return a.u.o == b.u.o;
    default: return a.u.i == b.u.i;
    }
}

int wk_eq(wk_value a, wk_value b) {
    if (a.tag == WK_OBJ && b.tag == WK_OBJ && a.u.o == b.u.o) return 1;
    if (a.tag != WK_OBJ && a.tag == b.tag && a.tag != WK_FLOAT) return a.u.i == b.u.i;
    return wk_richcmp_bool(a, b, WK_EQ);
}

int wk_truthy(wk_value v) {
    switch (v.tag) {
    case WK_NONE: case WK_NULL: return 0;
    case WK_BOOL: case WK_INT: return v.u.i != 0;
    case WK_FLOAT: return v.u.f != 0.0;
    default: break;
    }
    wk_type *t = v.u.o->type;
    if (t->truth) return t->truth(v);
    if (t->len) {
        int64_t n = t->len(v);
        return n < 0 ? -1 : n > 0;
    }
    return 1;
}

wk_value wk_not(wk_value v) {
    int t = wk_truthy(v);
    return t < 0 ? WK_NULLV : wk_bool(!t);
}

/* ---------------------------------------------------------------- operators */

static const char *const nb_sym[WK_NB_COUNT] = {
    "+", "-", "*", "@", "/", "%", "** or pow()", "<<", ">>", "|", "^", "&", "//"
};

const char *wk_nb_symbol(wk_nb_op op) {
    return op >= 0 && op < WK_NB_COUNT ? nb_sym[op] : "?";
}

/* CPython's binary_op1: the right operand's slot first when its type is a subtype. */
static wk_value binop1(wk_nb_op op, wk_value a, wk_value b) {
    wk_type *ta = wk_typeof_i(a), *tb = wk_typeof_i(b);
    wk_value (*sa)(wk_value, wk_value) = ta->nb[op];
    wk_value (*sb)(wk_value, wk_value) = tb != ta ? tb->nb[op] : NULL;
    wk_value r;
    if (sb == sa) sb = NULL;
    if (sa) {
        if (sb && wk_type_is_subtype(tb, ta)) {
            r = sb(a, b);
            if (!wk_is_notimplemented(r)) return r;
            sb = NULL;
        }
        r = sa(a, b);
        if (!wk_is_notimplemented(r)) return r;
    }
    if (sb) return sb(a, b);
    return wk_notimplemented();
}

static wk_value binop_error(wk_nb_op op, wk_value a, wk_value b, bool inplace) {
    const char *sym = nb_sym[op];
    if (inplace) {
        static const char *const isym[WK_NB_COUNT] = {
            "+=", "-=", "*=", "@=", "/=", "%=", "**=", "<<=", ">>=", "|=", "^=", "&=", "//="
        };
        sym = isym[op];
    }
    return wk_raise(wk_exc_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'",
                    sym, wk_typename(a), wk_typename(b));
}

wk_value wk_binop(wk_nb_op op, wk_value a, wk_value b) {
    if ((unsigned)op >= WK_NB_COUNT) return wk_raise(wk_exc_TypeError, "bad operator");
    wk_value r;
    if (a.tag >= WK_BOOL && a.tag <= WK_FLOAT && b.tag >= WK_BOOL && b.tag <= WK_FLOAT)
        r = wk_num_binop(op, a, b);
    else
        r = binop1(op, a, b);
    if (wk_is_notimplemented(r)) return binop_error(op, a, b, false);
    return r;
}

wk_value wk_inplace_binop(wk_nb_op op, wk_value a, wk_value b) {
    if ((unsigned)op >= WK_NB_COUNT) return wk_raise(wk_exc_TypeError, "bad operator");
    wk_type *ta = wk_typeof_i(a);
    if (ta->nb_inplace[op]) {
        wk_value r = ta->nb_inplace[op](a, b);
        if (!wk_is_notimplemented(r)) return r;
    }
    wk_value r = binop1(op, a, b);
    if (wk_is_notimplemented(r)) return binop_error(op, a, b, true);
    return r;
}

wk_value wk_unop(wk_un_op op, wk_value v) {
    static const char *const usym[WK_UN_COUNT] = {
        "unary -", "unary +", "unary ~", "abs()", "int()", "float()", "index" };
    wk_type *t = wk_typeof_i(v);
    if ((unsigned)op < WK_UN_COUNT && t->un[op]) {
        wk_value r = t->un[op](v);
        if (!wk_is_notimplemented(r)) return r;
    }
    switch (op) {
    case WK_UN_INT:
        return wk_call1(wk_typev(&wk_type_int), v);
    case WK_UN_FLOAT:
        return wk_call1(wk_typev(&wk_type_float), v);
    case WK_UN_INDEX:
        return wk_raise(wk_exc_TypeError, "'%s' object cannot be interpreted as an integer", t->name);
    default:
        return wk_raise(wk_exc_TypeError, "bad operand type for %s: '%s'",
                        (unsigned)op < WK_UN_COUNT ? usym[op] : "?", t->name);
    }
}
