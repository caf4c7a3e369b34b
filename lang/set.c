/* set.c — set and frozenset: open-addressing hash table laid out like CPython's (same
 * probing and sizing, so small ints iterate in ascending order), methods and operators. */
#include "containers.h"
#include <stdlib.h>
#include <string.h>

#define MINSIZE 8
#define LINEAR_PROBES 9

typedef struct { int64_t hash; wk_value key; } sentry;   /* key NULL: unused (hash 0) or dummy (-1) */
typedef struct {
    wk_obj ob;
    int64_t fill, used, mask, finger, hash;
    sentry *table;
    sentry small[MINSIZE];
} wk_setobj;

#define S(o) ((wk_setobj *)(o))
#define SV(v) S((v).u.o)

bool wk_is_anyset(wk_value v) {
    return v.tag == WK_OBJ && (wk_isinstance_t(v, &wk_type_set) || wk_isinstance_t(v, &wk_type_frozenset));
}

static void set_init_table(wk_setobj *s) {
    s->table = s->small;
    s->mask = MINSIZE - 1;
    s->hash = -1;
}

static wk_setobj *set_alloc(wk_type *t) {
    wk_setobj *s = (wk_setobj *)wk_obj_alloc(t);
    if (s) set_init_table(s);
    return s;
}

wk_obj *wk_set_new(wk_type *t) { return (wk_obj *)set_alloc(t); }

static bool key_hash(wk_value k, int64_t *h) {
    if (k.tag == WK_OBJ && k.u.o->type == &wk_type_str && WK_STR(k.u.o)->hash != -1) {
        *h = WK_STR(k.u.o)->hash;
        return true;
    }
    return wk_hash(k, h);
}

/* The entry holding key, or NULL (absent, *err false; error, *err true). */
static sentry *set_lookup(wk_setobj *s, wk_value key, int64_t hash, bool *err) {
    *err = false;
restart:;
    uint64_t perturb = (uint64_t)hash;
    int64_t i = hash & s->mask;
    bool kstr = key.tag == WK_OBJ && key.u.o->type == &wk_type_str;
    for (;;) {
        sentry *e = &s->table[i];
        int probes = i + LINEAR_PROBES <= s->mask ? LINEAR_PROBES : 0;
        do {
            if (e->key.tag == WK_NULL && e->hash == 0) return NULL;
            if (e->hash == hash && e->key.tag != WK_NULL) {
                wk_value k = e->key;
                if (k.tag == key.tag && k.u.i == key.u.i) return e;
                if (kstr && k.tag == WK_OBJ && k.u.o->type == &wk_type_str) {
                    if (wk_str_equal(k.u.o, key.u.o)) return e;
                } else {
                    sentry *table = s->table;
                    wk_incref(k);
                    int r = wk_eq(k, key);
                    wk_decref(k);
                    if (r < 0) { *err = true; return NULL; }
                    if (table != s->table || e->key.u.i != k.u.i) goto restart;
                    if (r) return e;
                }
            }
            e++;
        } while (probes--);
        perturb >>= 5;
        i = (int64_t)((uint64_t)i * 5 + 1 + perturb) & s->mask;
    }
}

/* Places a key known to be absent into a table without dummies. */
static void insert_clean(sentry *table, int64_t mask, wk_value key, int64_t hash) {
    uint64_t perturb = (uint64_t)hash;
    int64_t i = hash & mask;
    sentry *e;
    for (;;) {
        e = &table[i];
        if (e->key.tag == WK_NULL) goto found;
        if (i + LINEAR_PROBES <= mask) {
            for (int j = 0; j < LINEAR_PROBES; j++) {
                e++;
                if (e->key.tag == WK_NULL) goto found;
            }
        }
        perturb >>= 5;
        i = (int64_t)((uint64_t)i * 5 + 1 + perturb) & mask;
    }
found:
    e->key = key;
    e->hash = hash;
}

static bool set_resize(wk_setobj *s, int64_t minused) {
    int64_t size = MINSIZE;
    while (size <= minused) size <<= 1;
    if (size > (1LL << 40)) { wk_raise_nomem(); return false; }
    sentry *old = s->table, tmp[MINSIZE];
    int64_t oldsize = s->mask + 1;
    if (old == s->small) { memcpy(tmp, old, sizeof tmp); old = tmp; }
    sentry *nt = size == MINSIZE ? s->small : calloc((size_t)size, sizeof(sentry));
    if (!nt) { wk_raise_nomem(); return false; }
    if (nt == s->small) memset(nt, 0, sizeof s->small);
    for (int64_t i = 0; i < oldsize; i++)
        if (old[i].key.tag != WK_NULL) insert_clean(nt, size - 1, old[i].key, old[i].hash);
    if (s->table != s->small) free(s->table);
    s->table = nt;
    s->mask = size - 1;
    s->fill = s->used;
    return true;
}

/* Adds a key with its hash (borrowed); 0 ok, -1 error. */
static int set_add_hashed(wk_setobj *s, wk_value key, int64_t hash) {
restart:;
    sentry *freeslot = NULL;
    uint64_t perturb = (uint64_t)hash;
    int64_t i = hash & s->mask;
    for (;;) {
        sentry *e = &s->table[i];
        int probes = i + LINEAR_PROBES <= s->mask ? LINEAR_PROBES : 0;
        do {
            if (e->key.tag == WK_NULL && e->hash == 0) {
                if (freeslot) { freeslot->key = wk_incref(key); freeslot->hash = hash; s->used++; return 0; }
                e->key = wk_incref(key); e->hash = hash;
                s->fill++; s->used++;
                if (s->fill * 5 < s->mask * 3) return 0;
                return set_resize(s, s->used > 50000 ? s->used * 2 : s->used * 4) ? 0 : -1;
            }
            if (e->hash == hash && e->key.tag != WK_NULL) {
                wk_value k = e->key;
                if (k.tag == key.tag && k.u.i == key.u.i) return 0;
                sentry *table = s->table;
                wk_incref(k);
                int r = wk_eq(k, key);
                wk_decref(k);
                if (r < 0) return -1;
                if (r) return 0;
                if (table != s->table || e->key.u.i != k.u.i) goto restart;
            } else if (e->key.tag == WK_NULL && !freeslot) freeslot = e;
            e++;
        } while (probes--);
        perturb >>= 5;
        i = (int64_t)((uint64_t)i * 5 + 1 + perturb) & s->mask;
    }
}

int wk_set_add(wk_obj *s, wk_value v) {
    int64_t h;
    if (!key_hash(v, &h)) return -1;
    return set_add_hashed(S(s), v, h);
}

int wk_set_contains(wk_obj *s, wk_value v) {
    int64_t h;
    bool err;
    if (!key_hash(v, &h)) {
        if (!wk_err_matches(wk_exc_TypeError) || !wk_isinstance_t(v, &wk_type_set)) return -1;
        wk_err_clear();     /* a set is looked up as the equal frozenset */
        wk_obj *f = wk_set_from_iter(&wk_type_frozenset, v);
        int r = f ? wk_set_contains(s, wk_objv(f)) : -1;
        wk_obj_decref(f);
        return r;
    }
    sentry *e = set_lookup(S(s), v, h, &err);
    return err ? -1 : e != NULL;
}

int wk_set_discard(wk_obj *s, wk_value v) {
    int64_t h;
    bool err;
    if (!key_hash(v, &h)) return -1;
    sentry *e = set_lookup(S(s), v, h, &err);
    if (!e) return err ? -1 : 0;
    wk_value k = e->key;
    e->key = WK_NULLV;
    e->hash = -1;
    S(s)->used--;
    wk_decref(k);
    return 1;
}

int64_t wk_set_len(wk_obj *s) { return S(s)->used; }

bool wk_set_next(wk_obj *o, int64_t *pos, wk_value *item) {
    wk_setobj *s = S(o);
    while (*pos <= s->mask) {
        sentry *e = &s->table[(*pos)++];
        if (e->key.tag != WK_NULL) { *item = e->key; return true; }
    }
    return false;
}

static void set_clear_all(wk_setobj *s) {
    sentry *t = s->table;
    int64_t n = s->mask + 1;
    sentry copy[MINSIZE];
    if (t == s->small) { memcpy(copy, t, sizeof copy); t = copy; }
    memset(s->small, 0, sizeof s->small);
    s->table = s->small; s->mask = MINSIZE - 1;
    s->fill = s->used = 0;
    for (int64_t i = 0; i < n; i++) wk_decref(t[i].key);
    if (t != copy) free(t);
}

/* Adds every element of an iterable (fast paths for sets and dicts). */
static int set_update_it(wk_setobj *s, wk_value it) {
    if (wk_is_anyset(it)) {
        wk_setobj *o = SV(it);
        if ((s->fill + o->used) * 5 >= s->mask * 3 && !set_resize(s, (s->used + o->used) * 2)) return -1;
        if (s->fill == 0) {   /* empty target: same layout as CPython's set_merge */
            bool same = s->mask == o->mask && o->fill == o->used;
            for (int64_t i = 0; i <= o->mask; i++) {
                sentry *e = &o->table[i];
                if (e->key.tag == WK_NULL) continue;
                if (same) { s->table[i].key = wk_incref(e->key); s->table[i].hash = e->hash; }
                else insert_clean(s->table, s->mask, wk_incref(e->key), e->hash);
            }
            s->fill = s->used = o->used;
            return 0;
        }
        for (int64_t i = 0; i <= o->mask; i++)
            if (o->table[i].key.tag != WK_NULL && set_add_hashed(s, o->table[i].key, o->table[i].hash) < 0)
                return -1;
        return 0;
    }
    wk_value iter = wk_iter(it);
    if (WK_IS_NULL(iter)) return -1;
    int r = 0;
    for (wk_value x; r == 0 && !WK_IS_NULL(x = wk_next(iter));) {
        r = wk_set_add(&s->ob, x);
        wk_decref(x);
    }
    wk_decref(iter);
    return r == 0 && !wk_err_occurred() ? 0 : -1;
}

wk_obj *wk_set_from_iter(wk_type *t, wk_value it) {
    wk_setobj *s = set_alloc(t);
    if (s && set_update_it(s, it) < 0) { wk_obj_decref(&s->ob); return NULL; }
    return (wk_obj *)s;
}


/* ---------------------------------------------------------------- algebra
 * Same iteration and insertion orders as CPython's setobject.c, so results print alike. */

static bool set_has(wk_setobj *s, sentry *e, int *r) {
    bool err;
    *r = set_lookup(s, e->key, e->hash, &err) != NULL;
    if (err) *r = -1;
    return *r >= 0;
}

static wk_type *base_type(wk_value v) {
    return wk_isinstance_t(v, &wk_type_frozenset) ? &wk_type_frozenset : &wk_type_set;
}

/* Converts an arbitrary iterable to a temporary set (new ref to v itself if a set). */
static wk_value as_set(wk_value v) {
    if (wk_is_anyset(v)) return wk_incref(v);
    return wk_objv(wk_set_from_iter(&wk_type_set, v));
}

/* Adds to r the entries of `from` that are (want_in) / are not in `in`. */
static bool filter_into(wk_setobj *r, wk_setobj *from, wk_setobj *in, bool want_in) {
    for (int64_t i = 0; i <= from->mask; i++) {
        sentry *e = &from->table[i];
        int has;
        if (e->key.tag == WK_NULL) continue;
        if (!set_has(in, e, &has) || (has == want_in && set_add_hashed(r, e->key, e->hash) < 0)) return false;
    }
    return true;
}

static wk_setobj *fail(wk_setobj *r) {
    if (r) wk_obj_decref(&r->ob);
    return NULL;
}

static wk_setobj *set_intersection(wk_value a, wk_value b) {
    wk_setobj *r = set_alloc(base_type(a));
    if (!r) return NULL;
    if (wk_is_anyset(b)) {
        wk_setobj *so = SV(a), *other = SV(b);
        if (other->used > so->used) { wk_setobj *t = so; so = other; other = t; }
        return filter_into(r, other, so, true) ? r : fail(r);
    }
    wk_value it = wk_iter(b);
    if (WK_IS_NULL(it)) return fail(r);
    int ok = 1;
    for (wk_value x; ok > 0 && !WK_IS_NULL(x = wk_next(it));) {
        ok = wk_set_contains(a.u.o, x);
        if (ok > 0 && wk_set_add(&r->ob, x) < 0) ok = -1;
        if (ok == 0) ok = 1;
        wk_decref(x);
    }
    wk_decref(it);
    return ok < 0 || wk_err_occurred() ? fail(r) : r;
}

/* Discards every element of an iterable from s. */
static bool discard_all(wk_setobj *s, wk_value other) {
    wk_value it = wk_iter(other);
    if (WK_IS_NULL(it)) return false;
    int ok = 0;
    for (wk_value x; ok >= 0 && !WK_IS_NULL(x = wk_next(it));) {
        ok = wk_set_discard(&s->ob, x);
        wk_decref(x);
    }
    wk_decref(it);
    return ok >= 0 && !wk_err_occurred();
}

static wk_setobj *set_copy_base(wk_value v);

static wk_setobj *set_difference(wk_value a, wk_value b) {
    if (!wk_is_anyset(b) || (SV(a)->used >> 2) > SV(b)->used) {
        wk_setobj *r = set_copy_base(a);
        return r && discard_all(r, b) ? r : fail(r);
    }
    wk_setobj *r = set_alloc(base_type(a));
    return r && filter_into(r, SV(a), SV(b), false) ? r : fail(r);
}

/* In place: every element of other is removed from s if present, else added. */
static bool symdiff_update(wk_setobj *s, wk_value other) {
    wk_value o = wk_is_anyset(other) ? wk_incref(other) : wk_objv(wk_set_from_iter(base_type(wk_objv(&s->ob)), other));
    if (WK_IS_NULL(o)) return false;
    bool ok = true;
    wk_setobj *os = SV(o);
    for (int64_t i = 0; ok && i <= os->mask; i++) {
        sentry e = os->table[i];
        if (e.key.tag == WK_NULL) continue;
        wk_incref(e.key);
        int r = wk_set_discard(&s->ob, e.key);
        ok = r > 0 || (r == 0 && set_add_hashed(s, e.key, e.hash) == 0);
        wk_decref(e.key);
    }
    wk_decref(o);
    return ok;
}

static wk_setobj *set_symdiff(wk_value a, wk_value b) {
    wk_setobj *r = (wk_setobj *)wk_set_from_iter(base_type(a), b);
    return r && symdiff_update(r, a) ? r : fail(r);
}

/* A new set of the base type (set or frozenset) of v, copying v. */
static wk_setobj *set_copy_base(wk_value v) {
    return (wk_setobj *)wk_set_from_iter(base_type(v), v);
}

static wk_setobj *set_union(wk_value a, wk_value b) {
    wk_setobj *r = set_copy_base(a);
    if (r && set_update_it(r, b) < 0) { wk_obj_decref(&r->ob); return NULL; }
    return r;
}

/* Replaces the contents of s with those of r (consumed), swapping the tables. */
static void set_swap_in(wk_setobj *s, wk_setobj *r) {
    sentry tmp[MINSIZE];
    bool s_small = s->table == s->small, r_small = r->table == r->small;
    sentry *st = s->table, *rt = r->table;
    int64_t f = s->fill, u = s->used, m = s->mask;
    s->fill = r->fill; s->used = r->used; s->mask = r->mask;
    r->fill = f; r->used = u; r->mask = m;
    memcpy(tmp, s->small, sizeof tmp);
    memcpy(s->small, r->small, sizeof tmp);
    memcpy(r->small, tmp, sizeof tmp);
    s->table = r_small ? s->small : rt;
    r->table = s_small ? r->small : st;
    wk_obj_decref(&r->ob);
}

/* s -= other in place (CPython's set_difference_update_internal). */
static bool difference_update(wk_setobj *s, wk_value other) {
    if (other.tag == WK_OBJ && other.u.o == &s->ob) { set_clear_all(s); return true; }
    if (wk_is_anyset(other)) {
        wk_setobj *o = SV(other);
        for (int64_t i = 0; i <= o->mask; i++) {
            sentry e = o->table[i];
            if (e.key.tag == WK_NULL) continue;
            wk_incref(e.key);
            int r = wk_set_discard(&s->ob, e.key);
            wk_decref(e.key);
            if (r < 0) return false;
        }
    } else if (!discard_all(s, other)) return false;
    if (s->fill - s->used <= s->mask / 4) return true;
    return set_resize(s, s->used > 50000 ? s->used * 2 : s->used * 4);
}

/* 1 if every item of a is in b. */
static int set_issubset(wk_setobj *a, wk_setobj *b) {
    if (a->used > b->used) return 0;
    for (int64_t i = 0; i <= a->mask; i++) {
        sentry *e = &a->table[i];
        int in;
        if (e->key.tag == WK_NULL) continue;
        if (!set_has(b, e, &in)) return -1;
        if (!in) return 0;
    }
    return 1;
}

/* ---------------------------------------------------------------- slots */

static void set_dealloc(wk_obj *o) {
    set_clear_all(S(o));
    wk_obj_free(o);
}

static wk_value set_new(wk_type *t, const wk_value *args, int nargs, wk_obj *kwnames) {
    (void)args; (void)nargs; (void)kwnames;
    return wk_objv((wk_obj *)set_alloc(t));
}

static int set_init(wk_value self, const wk_value *args, int nargs, wk_obj *kwnames) {
    if (!wk_check_args("set", nargs, kwnames, 0, 1)) return -1;
    set_clear_all(SV(self));
    return nargs ? set_update_it(SV(self), args[0]) : 0;
}

static wk_value frozenset_new(wk_type *t, const wk_value *args, int nargs, wk_obj *kwnames) {
    if (!wk_check_args("frozenset", nargs, kwnames, 0, 1)) return WK_NULLV;
    if (nargs && t == &wk_type_frozenset && args[0].tag == WK_OBJ && args[0].u.o->type == t)
        return wk_incref(args[0]);
    wk_setobj *s = set_alloc(t);
    if (s && nargs && set_update_it(s, args[0]) < 0) { wk_obj_decref(&s->ob); return WK_NULLV; }
    return wk_objv((wk_obj *)s);
}

static wk_value set_repr(wk_value self) {
    wk_type *t = self.u.o->type;
    bool plain = t == &wk_type_set;
    if (SV(self)->used == 0) return wk_str_fromf("%s()", t->name);
    int rec = wk_repr_enter(self.u.o);
    if (rec) return rec < 0 ? WK_NULLV : wk_str_fromf("%s(...)", t->name);
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    if (!plain) wk_sbuf_printf(&sb, "%s(", t->name);
    wk_sbuf_addc(&sb, '{');
    wk_value l = wk_list_from_iter(self);   /* user __repr__ may mutate the set */
    bool ok = !WK_IS_NULL(l) && wk_seq_repr(&sb, WK_LIST(l.u.o)->items, WK_LIST(l.u.o)->len);
    wk_decref(l);
    wk_sbuf_adds(&sb, plain ? "}" : "})");
    wk_repr_leave(self.u.o);
    if (!ok) { wk_sbuf_free(&sb); return WK_NULLV; }
    return wk_str_from_sbuf(&sb);
}

static wk_value set_richcmp(wk_value a, wk_value b, wk_cmp_op op) {
    if (!wk_is_anyset(a) || !wk_is_anyset(b)) return wk_notimplemented();
    wk_setobj *x = SV(a), *y = SV(b);
    int r;
    switch (op) {
    case WK_EQ: case WK_NE:
        r = x->used == y->used ? set_issubset(x, y) : 0;
        if (r >= 0 && op == WK_NE) r = !r;
        break;
    case WK_LE: r = set_issubset(x, y); break;
    case WK_GE: r = set_issubset(y, x); break;
    case WK_LT: r = x->used < y->used ? set_issubset(x, y) : 0; break;
    default: r = y->used < x->used ? set_issubset(y, x) : 0; break;
    }
    return r < 0 ? WK_NULLV : wk_bool(r);
}

static uint64_t shuffle_bits(uint64_t h) { return ((h ^ 89869747ULL) ^ (h << 16)) * 3644798167ULL; }

static bool frozenset_hash(wk_value self, int64_t *out) {
    wk_setobj *s = SV(self);
    if (s->hash != -1) { *out = s->hash; return true; }
    uint64_t h = 0;
    for (int64_t i = 0; i <= s->mask; i++)
        if (s->table[i].key.tag != WK_NULL) h ^= shuffle_bits((uint64_t)s->table[i].hash);
    h ^= ((uint64_t)s->used + 1) * 1927868237ULL;
    h ^= (h >> 11) ^ (h >> 25);
    h = h * 69069U + 907133923ULL;
    if ((int64_t)h == -1) h = 590923713ULL;
    s->hash = (int64_t)h;
    *out = s->hash;
    return true;
}

static int64_t set_len_slot(wk_value self) { return SV(self)->used; }
static int set_contains_slot(wk_value self, wk_value v) { return wk_set_contains(self.u.o, v); }
static wk_value set_iter(wk_value self);

static wk_value binop_result(wk_setobj *r) { return r ? wk_objv(&r->ob) : WK_NULLV; }

#define SET_BINOP(name, fn) \
    static wk_value name(wk_value a, wk_value b) { \
        if (!wk_is_anyset(a) || !wk_is_anyset(b)) return wk_notimplemented(); \
        return binop_result(fn(a, b)); \
    }
SET_BINOP(set_or, set_union)
SET_BINOP(set_and, set_intersection)
SET_BINOP(set_sub, set_difference)
SET_BINOP(set_xor, set_symdiff)

static wk_value set_ior(wk_value a, wk_value b) {
    if (!wk_is_anyset(b) || !wk_isinstance_t(a, &wk_type_set)) return wk_notimplemented();
    return set_update_it(SV(a), b) < 0 ? WK_NULLV : wk_incref(a);
}

#define SET_IBINOP(name, fn) \
    static wk_value name(wk_value a, wk_value b) { \
        if (!wk_is_anyset(b) || !wk_isinstance_t(a, &wk_type_set)) return wk_notimplemented(); \
        wk_setobj *r = fn(a, b); \
        if (!r) return WK_NULLV; \
        set_swap_in(SV(a), r); \
        return wk_incref(a); \
    }
SET_IBINOP(set_iand, set_intersection)

static wk_value set_isub(wk_value a, wk_value b) {
    if (!wk_is_anyset(b) || !wk_isinstance_t(a, &wk_type_set)) return wk_notimplemented();
    return difference_update(SV(a), b) ? wk_incref(a) : WK_NULLV;
}

static wk_value set_ixor(wk_value a, wk_value b) {
    if (!wk_is_anyset(b) || !wk_isinstance_t(a, &wk_type_set)) return wk_notimplemented();
    return symdiff_update(SV(a), b) ? wk_incref(a) : WK_NULLV;
}

/* ---------------------------------------------------------------- methods */

#define SELFS SV(args[0])

static wk_value m_add(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_o("set.add", nargs - 1, kw)) return WK_NULLV;
    return wk_set_add(args[0].u.o, args[1]) < 0 ? WK_NULLV : WK_NONEV;
}

static wk_value m_discard(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_o("set.discard", nargs - 1, kw)) return WK_NULLV;
    return wk_set_discard(args[0].u.o, args[1]) < 0 ? WK_NULLV : WK_NONEV;
}

static wk_value m_remove(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_o("set.remove", nargs - 1, kw)) return WK_NULLV;
    int r = wk_set_discard(args[0].u.o, args[1]);
    if (r == 0) return wk_raise_value(wk_exc_KeyError, args[1]);
    return r < 0 ? WK_NULLV : WK_NONEV;
}

static wk_value m_pop(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_noargs("set.pop", nargs - 1, kw)) return WK_NULLV;
    wk_setobj *s = SELFS;
    if (s->used == 0) return wk_raise(wk_exc_KeyError, "pop from an empty set");
    sentry *e = &s->table[s->finger & s->mask];
    while (e->key.tag == WK_NULL) {
        e++;
        if (e > s->table + s->mask) e = s->table;
    }
    wk_value k = e->key;
    e->key = WK_NULLV;
    e->hash = -1;
    s->used--;
    s->finger = (e - s->table) + 1;
    return k;
}

static wk_value m_clear(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_noargs("set.clear", nargs - 1, kw)) return WK_NULLV;
    set_clear_all(SELFS);
    return WK_NONEV;
}

static wk_value m_copy(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_noargs("copy", nargs - 1, kw)) return WK_NULLV;
    if (args[0].u.o->type == &wk_type_frozenset) return wk_incref(args[0]);
    return binop_result(set_copy_base(args[0]));
}

static wk_value m_update(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_args("update", 0, kw, 0, 0)) return WK_NULLV;
    for (int i = 1; i < nargs; i++)
        if (set_update_it(SELFS, args[i]) < 0) return WK_NULLV;
    return WK_NONEV;
}

static wk_value m_union(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_args("union", 0, kw, 0, 0)) return WK_NULLV;
    wk_setobj *r = set_copy_base(args[0]);
    for (int i = 1; r && i < nargs; i++)
        if (set_update_it(r, args[i]) < 0) { wk_obj_decref(&r->ob); r = NULL; }
    return binop_result(r);
}

/* Folds fn over the arguments: a fn b1 fn b2 ... */
static wk_setobj *fold(const wk_value *args, int nargs, wk_setobj *(*fn)(wk_value, wk_value)) {
    wk_setobj *r = set_copy_base(args[0]);
    for (int i = 1; r && i < nargs; i++) {
        wk_setobj *n = fn(wk_objv(&r->ob), args[i]);
        wk_obj_decref(&r->ob);
        r = n;
    }
    return r;
}

static wk_value m_intersection(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_args("intersection", 0, kw, 0, 0)) return WK_NULLV;
    return binop_result(fold(args, nargs, set_intersection));
}

static wk_value m_intersection_update(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_args("intersection_update", 0, kw, 0, 0)) return WK_NULLV;
    wk_setobj *r = fold(args, nargs, set_intersection);
    if (!r) return WK_NULLV;
    set_swap_in(SELFS, r);
    return WK_NONEV;
}

static wk_value m_difference(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_args("difference", 0, kw, 0, 0)) return WK_NULLV;
    return binop_result(fold(args, nargs, set_difference));
}

static wk_value m_difference_update(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_args("difference_update", 0, kw, 0, 0)) return WK_NULLV;
    for (int i = 1; i < nargs; i++)
        if (!difference_update(SELFS, args[i])) return WK_NULLV;
    return WK_NONEV;
}

static wk_value m_symmetric_difference(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_o("symmetric_difference", nargs - 1, kw)) return WK_NULLV;
    return binop_result(set_symdiff(args[0], args[1]));
}

static wk_value m_symmetric_difference_update(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_o("symmetric_difference_update", nargs - 1, kw)) return WK_NULLV;
    return symdiff_update(SELFS, args[1]) ? WK_NONEV : WK_NULLV;
}

/* issubset / issuperset / isdisjoint against any iterable. */
static wk_value set_relation(const wk_value *args, int nargs, wk_obj *kw, const char *name, int which) {
    if (!wk_check_o(name, nargs - 1, kw)) return WK_NULLV;
    wk_value o = as_set(args[1]);
    if (WK_IS_NULL(o)) return WK_NULLV;
    int r;
    if (which == 0) r = set_issubset(SELFS, SV(o));
    else if (which == 1) r = set_issubset(SV(o), SELFS);
    else {
        wk_setobj *i = set_intersection(args[0], o);
        r = i ? i->used == 0 : -1;
        if (i) wk_obj_decref(&i->ob);
    }
    wk_decref(o);
    return r < 0 ? WK_NULLV : wk_bool(r);
}

static wk_value m_issubset(const wk_value *a, int n, wk_obj *kw) { return set_relation(a, n, kw, "issubset", 0); }
static wk_value m_issuperset(const wk_value *a, int n, wk_obj *kw) { return set_relation(a, n, kw, "issuperset", 1); }
static wk_value m_isdisjoint(const wk_value *a, int n, wk_obj *kw) { return set_relation(a, n, kw, "isdisjoint", 2); }

#define COMMON_METHODS \
    { "copy", m_copy, 0, "Return a shallow copy of a set." }, \
    { "union", m_union, 0, "Return the union of sets as a new set." }, \
    { "intersection", m_intersection, 0, "Return the intersection of two sets as a new set." }, \
    { "difference", m_difference, 0, "Return the difference of two or more sets as a new set." }, \
    { "symmetric_difference", m_symmetric_difference, 0, "Return the symmetric difference of two sets as a new set." }, \
    { "issubset", m_issubset, 0, "Report whether another set contains this set." }, \
    { "issuperset", m_issuperset, 0, "Report whether this set contains another set." }, \
    { "isdisjoint", m_isdisjoint, 0, "Return True if two sets have a null intersection." }

static const wk_methoddef set_methods[] = {
    COMMON_METHODS,
    { "add", m_add, 0, "Add an element to a set." },
    { "discard", m_discard, 0, "Remove an element from a set if it is a member." },
    { "remove", m_remove, 0, "Remove an element from a set; it must be a member." },
    { "pop", m_pop, 0, "Remove and return an arbitrary set element." },
    { "clear", m_clear, 0, "Remove all elements from this set." },
    { "update", m_update, 0, "Update a set with the union of itself and others." },
    { "intersection_update", m_intersection_update, 0, "Update a set with the intersection of itself and another." },
    { "difference_update", m_difference_update, 0, "Remove all elements of another set from this set." },
    { "symmetric_difference_update", m_symmetric_difference_update, 0, "Update a set with the symmetric difference of itself and another." },
    { NULL, NULL, 0, NULL }
};

static const wk_methoddef frozenset_methods[] = { COMMON_METHODS, { NULL, NULL, 0, NULL } };

wk_type wk_type_set = {
    .ob = { 1, &wk_type_type }, .name = "set", .base = &wk_type_object,
    .flags = WK_TPFLAG_BASETYPE, .basicsize = sizeof(wk_setobj),
    .doc = "set() -> new empty set object\nset(iterable) -> new set object\n\nBuild an unordered collection of unique elements.",
    .module = "builtins",
    .dealloc = set_dealloc, .new = set_new, .init = set_init, .repr = set_repr,
    .richcmp = set_richcmp, .hash = wk_hash_unhashable,
    .nb = { [WK_NB_OR] = set_or, [WK_NB_AND] = set_and, [WK_NB_SUB] = set_sub, [WK_NB_XOR] = set_xor },
    .nb_inplace = { [WK_NB_OR] = set_ior, [WK_NB_AND] = set_iand, [WK_NB_SUB] = set_isub, [WK_NB_XOR] = set_ixor },
    .len = set_len_slot, .contains = set_contains_slot, .iter = set_iter,
};

wk_type wk_type_frozenset = {
    .ob = { 1, &wk_type_type }, .name = "frozenset", .base = &wk_type_object,
    .flags = WK_TPFLAG_BASETYPE, .basicsize = sizeof(wk_setobj),
    .doc = "frozenset() -> empty frozenset object\nfrozenset(iterable) -> frozenset object\n\nBuild an immutable unordered collection of unique elements.",
    .module = "builtins",
    .dealloc = set_dealloc, .new = frozenset_new, .repr = set_repr,
    .richcmp = set_richcmp, .hash = frozenset_hash,
    .nb = { [WK_NB_OR] = set_or, [WK_NB_AND] = set_and, [WK_NB_SUB] = set_sub, [WK_NB_XOR] = set_xor },
    .len = set_len_slot, .contains = set_contains_slot, .iter = set_iter,
};

/* ---------------------------------------------------------------- iterator */

typedef struct { wk_obj ob; wk_obj *set; int64_t pos, used; } setiter;

static wk_value set_iter(wk_value self) {
    setiter *it = (setiter *)wk_obj_alloc(&wk_type_setiter);
    if (!it) return WK_NULLV;
    wk_obj_incref(self.u.o);
    it->set = self.u.o;
    it->used = SV(self)->used;
    return wk_objv(&it->ob);
}

static void setiter_dealloc(wk_obj *o) {
    wk_obj_decref(((setiter *)o)->set);
    wk_obj_free(o);
}

static wk_value setiter_self(wk_value self) { return wk_incref(self); }

static wk_value setiter_next(wk_value self) {
    setiter *it = (setiter *)self.u.o;
    wk_value item;
    if (!it->set) return WK_NULLV;
    if (S(it->set)->used != it->used) {
        it->used = -1;
        return wk_raise(wk_exc_RuntimeError, "Set changed size during iteration");
    }
    if (wk_set_next(it->set, &it->pos, &item)) return wk_incref(item);
    wk_obj_decref(it->set);
    it->set = NULL;
    return WK_NULLV;
}

wk_type wk_type_setiter = {
    .ob = { 1, &wk_type_type }, .name = "set_iterator", .base = &wk_type_object,
    .basicsize = sizeof(setiter), .module = "builtins", .dealloc = setiter_dealloc,
    .iter = setiter_self, .next = setiter_next,
};

bool wk_set_types_init(void) {
    return wk_type_ready(&wk_type_set) && wk_type_add_methods(&wk_type_set, set_methods) &&
           wk_type_ready(&wk_type_frozenset) && wk_type_add_methods(&wk_type_frozenset, frozenset_methods) &&
           wk_type_ready(&wk_type_setiter);
}
