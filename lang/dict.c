/* dict.c — insertion-ordered hash table (index table + dense entries, CPython's compact
 * layout) with fast paths for str keys; the dict type, its methods, views and iterators. */
#include "containers.h"
#include "dict_impl.h"
#include "vm.h"
#include <stdlib.h>
#include <string.h>

uint64_t wk_dict_version_counter;

#define EMPTY (-1)
#define DUMMY (-2)
#define USABLE(size) (((size) << 1) / 3)
#define D(o) ((wk_dict *)(o))

/* ---------------------------------------------------------------- the table */

static bool key_hash(wk_value k, int64_t *h) {
    if (k.tag == WK_OBJ && k.u.o->type == &wk_type_str && WK_STR(k.u.o)->hash != -1) {
        *h = WK_STR(k.u.o)->hash;
        return true;
    }
    return wk_hash(k, h);
}

static inline bool same_value(wk_value a, wk_value b) {
    return a.tag == b.tag && a.u.i == b.u.i;
}

/* Allocates index + entries for a table of `size` slots (a power of two). */
static bool table_alloc(wk_dict *d, int64_t size) {
    int64_t usable = USABLE(size);
    size_t bytes = (size_t)size * sizeof(int32_t) + (size_t)usable * sizeof(wk_dentry);
    if (size > (1LL << 30)) { wk_raise_nomem(); return false; }
    char *mem = malloc(bytes);
    if (!mem) { wk_raise_nomem(); return false; }
    d->entries = (wk_dentry *)mem;
    d->index = (int32_t *)(mem + (size_t)usable * sizeof(wk_dentry));
    memset(d->index, 0xff, (size_t)size * sizeof(int32_t));
    d->mask = size - 1;
    d->usable = usable;
    return true;
}

static int64_t free_slot(const wk_dict *d, int64_t hash) {
    uint64_t perturb = (uint64_t)hash;
    int64_t i = hash & d->mask;
    while (d->index[i] != EMPTY) {
        perturb >>= 5;
        i = (int64_t)((uint64_t)i * 5 + perturb + 1) & d->mask;
    }
    return i;
}

/* Rebuilds the table with at least `minsize` index slots, compacting deleted entries. */
static bool dict_resize(wk_dict *d, int64_t minsize) {
    int64_t size = 8;
    while (size < minsize) size <<= 1;
    wk_dentry *old = d->entries;
    int64_t n = d->nentries;
    if (!table_alloc(d, size)) return false;
    int64_t j = 0;
    for (int64_t i = 0; i < n; i++) {
        if (old[i].key.tag == WK_NULL) continue;
        d->entries[j] = old[i];
        d->index[free_slot(d, old[i].hash)] = (int32_t)j;
        j++;
    }
    d->nentries = j;
    free(old);
    d->version = wk_dict_next_version();
    return true;
}

/* Entry index of key (-1 missing, -2 error); *slot receives the index-table slot of the
 * entry, or the empty slot where it would go. */
static int64_t dict_find(wk_dict *d, wk_value key, int64_t hash, int64_t *slot) {
restart:
    if (!d->index) { *slot = -1; return -1; }
    uint64_t perturb = (uint64_t)hash;
    int64_t i = hash & d->mask;
    bool kstr = key.tag == WK_OBJ && key.u.o->type == &wk_type_str;
    for (;;) {
        int32_t ix = d->index[i];
        if (ix == EMPTY) { *slot = i; return -1; }
        if (ix >= 0) {
            wk_dentry *e = &d->entries[ix];
            if (same_value(e->key, key)) { *slot = i; return ix; }
            if (e->hash == hash) {
                if (kstr && e->key.tag == WK_OBJ && e->key.u.o->type == &wk_type_str) {
                    if (wk_str_equal(e->key.u.o, key.u.o)) { *slot = i; return ix; }
                } else {
                    wk_value ek = wk_incref(e->key);
                    uint64_t ver = d->version;
                    wk_dentry *ents = d->entries;
                    int r = wk_eq(ek, key);
                    wk_decref(ek);
                    if (r < 0) return -2;
                    if (ver != d->version || ents != d->entries) goto restart;
                    if (r) { *slot = i; return ix; }
                }
            }
        }
        perturb >>= 5;
        i = (int64_t)((uint64_t)i * 5 + perturb + 1) & d->mask;
    }
}

/* Inserts or replaces (key and v borrowed). */
static int dict_insert(wk_obj *o, wk_value key, int64_t hash, wk_value v) {
    wk_dict *d = D(o);
    int64_t slot, ix = dict_find(d, key, hash, &slot);
    if (ix == -2) return -1;
    if (ix >= 0) { wk_assign(&d->entries[ix].value, v); return 0; }
    if (!d->index || d->nentries >= d->usable) {
        if (!dict_resize(d, d->used * 3)) return -1;
        slot = free_slot(d, hash);
    }
    wk_dentry *e = &d->entries[d->nentries];
    e->hash = hash;
    e->key = wk_incref(key);
    e->value = wk_incref(v);
    d->index[slot] = (int32_t)d->nentries++;
    d->used++;
    d->version = wk_dict_next_version();
    return 0;
}

/* Removes the entry ix at index slot, handing its key and value to the caller. */
static void dict_unlink(wk_dict *d, int64_t ix, int64_t slot, wk_value *k, wk_value *v) {
    wk_dentry *e = &d->entries[ix];
    *k = e->key; *v = e->value;
    e->key = WK_NULLV; e->value = WK_NULLV;
    d->index[slot] = DUMMY;
    d->used--;
    d->version = wk_dict_next_version();
}

int wk_dict_pop_key(wk_obj *o, wk_value key, wk_value *out) {
    int64_t h, slot, ix;
    if (!key_hash(key, &h)) return -1;
    ix = dict_find(D(o), key, h, &slot);
    if (ix < 0) return ix == -1 ? 0 : -1;
    wk_value k;
    dict_unlink(D(o), ix, slot, &k, out);
    wk_decref(k);
    return 1;
}

static void dict_clear(wk_obj *o) {
    wk_dict *d = D(o);
    wk_dentry *ents = d->entries;
    int64_t n = d->nentries;
    d->entries = NULL; d->index = NULL; d->mask = 0; d->usable = 0;
    d->used = 0; d->nentries = 0;
    d->version = wk_dict_next_version();
    for (int64_t i = 0; i < n; i++) {
        if (ents[i].key.tag == WK_NULL) continue;
        wk_decref(ents[i].key);
        wk_decref(ents[i].value);
    }
    free(ents);
}

/* ---------------------------------------------------------------- public API */

wk_obj *wk_dict_new(void) {
    wk_obj *o = wk_obj_alloc(&wk_type_dict);
    if (o) D(o)->version = wk_dict_next_version();
    return o;
}

int64_t wk_dict_find_str_ix(wk_obj *o, wk_obj *name) {
    int64_t h, slot;
    if (!key_hash(wk_objv(name), &h)) return -2;
    return dict_find(D(o), wk_objv(name), h, &slot);
}

int wk_dict_lookup(wk_obj *d, wk_value key, wk_value *out) {
    int64_t h, slot;
    if (!key_hash(key, &h)) return -1;
    int64_t ix = dict_find(D(d), key, h, &slot);
    if (ix < 0) return ix == -1 ? 0 : -1;
    *out = D(d)->entries[ix].value;
    return 1;
}

int wk_dict_lookup_str(wk_obj *o, wk_obj *key, wk_value *out) {
    wk_dict *d = D(o);
    int64_t hash = WK_STR(key)->hash;
    if (hash == -1) return wk_dict_lookup(o, wk_objv(key), out);
    if (!d->index) return 0;
    uint64_t perturb = (uint64_t)hash;
    int64_t i = hash & d->mask;
    for (;;) {
        int32_t ix = d->index[i];
        if (ix == EMPTY) return 0;
        if (ix >= 0) {
            wk_dentry *e = &d->entries[ix];
            if (e->key.tag == WK_OBJ && e->key.u.o == key) { *out = e->value; return 1; }
            if (e->hash == hash) {
                if (e->key.tag != WK_OBJ || e->key.u.o->type != &wk_type_str)
                    return wk_dict_lookup(o, wk_objv(key), out);
                if (wk_str_equal(e->key.u.o, key)) { *out = e->value; return 1; }
            }
        }
        perturb >>= 5;
        i = (int64_t)((uint64_t)i * 5 + perturb + 1) & d->mask;
    }
}

wk_value wk_dict_get_s(wk_obj *d, const char *key) {
    wk_value v;
    int r = wk_dict_lookup_str(d, wk_intern(key), &v);
    if (r < 0) wk_err_clear();
    return r > 0 ? v : WK_NULLV;
}

int wk_dict_set(wk_obj *d, wk_value key, wk_value v) {
    int64_t h;
    if (!key_hash(key, &h)) return -1;
    return dict_insert(d, key, h, v);
}

int wk_dict_set_s(wk_obj *d, const char *key, wk_value v) {
    return wk_dict_set(d, wk_objv(wk_intern(key)), v);
}

int wk_dict_del(wk_obj *d, wk_value key) {
    wk_value v;
    int r = wk_dict_pop_key(d, key, &v);
    if (r == 0) wk_raise_value(wk_exc_KeyError, key);
    if (r <= 0) return -1;
    wk_decref(v);
    return 0;
}

int64_t wk_dict_len(wk_obj *d) { return D(d)->used; }

bool wk_dict_next(wk_obj *o, int64_t *pos, wk_value *key, wk_value *val) {
    wk_dict *d = D(o);
    while (*pos < d->nentries) {
        wk_dentry *e = &d->entries[(*pos)++];
        if (e->key.tag == WK_NULL) continue;
        if (key) *key = e->key;
        if (val) *val = e->value;
        return true;
    }
    return false;
}

wk_obj *wk_dict_copy(wk_obj *o) {
    wk_dict *src = D(o);
    wk_dict *d = (wk_dict *)wk_dict_new();
    if (!d || src->used == 0) return &d->ob;
    if (!dict_resize(d, (src->used * 3 + 1) / 2)) { wk_obj_decref(&d->ob); return NULL; }
    for (int64_t i = 0; i < src->nentries; i++) {
        wk_dentry *e = &src->entries[i];
        if (e->key.tag == WK_NULL) continue;
        wk_dentry *n = &d->entries[d->nentries];
        n->hash = e->hash; n->key = wk_incref(e->key); n->value = wk_incref(e->value);
        d->index[free_slot(d, e->hash)] = (int32_t)d->nentries++;
    }
    d->used = d->nentries;
    return &d->ob;
}

/* Copies the entries of dict b into a (overwriting unless `keep`). */
static int merge_dict(wk_obj *a, wk_obj *b, bool keep) {
    if (!D(a)->index && D(b)->used && !dict_resize(D(a), (D(b)->used * 3 + 1) / 2)) return -1;
    for (int64_t i = 0; i < D(b)->nentries; i++) {
        wk_dentry e = D(b)->entries[i];
        if (e.key.tag == WK_NULL) continue;
        wk_incref(e.key); wk_incref(e.value);
        int r = 0;
        if (keep) {
            int64_t slot, ix = dict_find(D(a), e.key, e.hash, &slot);
            r = ix == -2 ? -1 : ix >= 0 ? 0 : dict_insert(a, e.key, e.hash, e.value);
        } else r = dict_insert(a, e.key, e.hash, e.value);
        wk_decref(e.key); wk_decref(e.value);
        if (r < 0) return -1;
    }
    return 0;
}

/* Mapping protocol: for k in m.keys(): a[k] = m[k]. */
static int merge_mapping(wk_obj *a, wk_value m) {
    wk_value keys = wk_call_method_s(m, "keys", NULL, 0);
    if (WK_IS_NULL(keys)) return -1;
    wk_value it = wk_iter(keys);
    wk_decref(keys);
    if (WK_IS_NULL(it)) return -1;
    int r = 0;
    for (wk_value k; r == 0 && !WK_IS_NULL(k = wk_next(it));) {
        wk_value v = wk_getitem(m, k);
        r = WK_IS_NULL(v) ? -1 : wk_dict_set(a, k, v);
        wk_decref(v); wk_decref(k);
    }
    wk_decref(it);
    return r == 0 && !wk_err_occurred() ? 0 : -1;
}

static int merge_pair(wk_obj *a, wk_value item, int64_t n) {
    int64_t len;
    wk_value *kv = wk_seq_items(item, &len);
    wk_value tmp = WK_NULLV;
    if (!kv) {
        if (!wk_typeof(item)->iter) {
            wk_raise(wk_exc_TypeError, "cannot convert dictionary update sequence element #%lld to a sequence", (long long)n);
            return -1;
        }
        tmp = wk_list_from_iter(item);
        if (WK_IS_NULL(tmp)) return -1;
        kv = wk_seq_items(tmp, &len);
    }
    int r = -1;
    if (len != 2)
        wk_raise(wk_exc_ValueError, "dictionary update sequence element #%lld has length %lld; 2 is required",
                 (long long)n, (long long)len);
    else r = wk_dict_set(a, kv[0], kv[1]);
    wk_decref(tmp);
    return r;
}

static int merge_pairs(wk_obj *a, wk_value seq) {
    wk_value it = wk_iter(seq);
    if (WK_IS_NULL(it)) return -1;
    int r = 0;
    int64_t n = 0;
    for (wk_value item; r == 0 && !WK_IS_NULL(item = wk_next(it)); n++) {
        r = merge_pair(a, item, n);
        wk_decref(item);
    }
    wk_decref(it);
    return r == 0 && !wk_err_occurred() ? 0 : -1;
}

bool wk_is_dict_like(wk_value v) { return v.tag == WK_OBJ && wk_isinstance_t(v, &wk_type_dict); }

static bool plain_dict(wk_value v) {
    return wk_is_dict_like(v) && wk_typeof(v)->iter == wk_type_dict.iter;
}

int wk_dict_update(wk_obj *d, wk_value m) {
    if (plain_dict(m)) return merge_dict(d, m.u.o, false);
    int has = wk_hasattr(m, wk_intern("keys"));
    if (has < 0) return -1;
    return has ? merge_mapping(d, m) : merge_pairs(d, m);
}

/* "__main__.f()" / "print()" for keyword-argument errors. */
static void func_str(wk_sbuf *sb, wk_value f) {
    if (f.tag == WK_OBJ && f.u.o->type == &wk_type_method) f = ((wk_method *)f.u.o)->func;
    wk_value q = wk_getattr_opt(f, wk_intern("__qualname__"));
    if (WK_IS_NULL(q) || !wk_is_str(q)) {
        wk_err_clear();
        wk_decref(q);
        wk_sbuf_printf(sb, "%s object", wk_typename(f));
        return;
    }
    wk_value m = wk_getattr_opt(f, wk_intern("__module__"));
    wk_err_clear();
    if (wk_is_str(m) && strcmp(wk_str_cstr(m), "builtins") != 0)
        wk_sbuf_printf(sb, "%s.", wk_str_cstr(m));
    wk_sbuf_printf(sb, "%s()", wk_str_cstr(q));
    wk_decref(q); wk_decref(m);
}

static int kwargs_error(wk_value func, const char *fmt, const char *arg) {
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    func_str(&sb, func);
    wk_raise(wk_exc_TypeError, fmt, sb.data ? sb.data : "", arg);
    wk_sbuf_free(&sb);
    return -1;
}

static int merge_kw_item(wk_obj *d, wk_value k, wk_value v, wk_value func) {
    if (!wk_is_str(k)) { wk_raise(wk_exc_TypeError, "keywords must be strings"); return -1; }
    wk_value old;
    int r = wk_dict_lookup(d, k, &old);
    if (r > 0) return kwargs_error(func, "%s got multiple values for keyword argument '%s'", wk_str_cstr(k));
    return r < 0 ? -1 : wk_dict_set(d, k, v);
}

int wk_dict_merge_kwargs(wk_obj *d, wk_value m, wk_value func) {
    if (!plain_dict(m)) {
        int has = wk_hasattr(m, wk_intern("keys"));
        if (has <= 0)
            return has < 0 ? -1 : kwargs_error(func, "%s argument after ** must be a mapping, not %s", wk_typename(m));
        wk_obj *tmp = wk_dict_new();
        int r = tmp ? merge_mapping(tmp, m) : -1;
        if (r == 0) r = wk_dict_merge_kwargs(d, wk_objv(tmp), func);
        wk_obj_decref(tmp);
        return r;
    }
    int64_t pos = 0;
    wk_value k, v;
    while (wk_dict_next(m.u.o, &pos, &k, &v))
        if (merge_kw_item(d, k, v, func) < 0) return -1;
    return 0;
}

/* ---------------------------------------------------------------- dict slots */

#define DV(v) D((v).u.o)

static void dict_dealloc(wk_obj *o) {
    dict_clear(o);
    wk_obj_free(o);
}

static wk_value dict_new(wk_type *t, const wk_value *args, int nargs, wk_obj *kwnames) {
    (void)args; (void)nargs; (void)kwnames;
    wk_obj *o = wk_obj_alloc(t);
    if (o) D(o)->version = wk_dict_next_version();
    return wk_objv(o);
}

/* dict.update(*args, **kwargs) semantics shared by __init__ and update(). */
static int update_common(wk_obj *d, const char *fname, const wk_value *args, int nargs, wk_obj *kwnames) {
    if (nargs > 1) {
        wk_raise(wk_exc_TypeError, "%s expected at most 1 argument, got %d", fname, nargs);
        return -1;
    }
    if (nargs == 1 && wk_dict_update(d, args[0]) < 0) return -1;
    for (int i = 0; i < wk_nkw(kwnames); i++)
        if (wk_dict_set(d, WK_TUPLE(kwnames)->items[i], args[nargs + i]) < 0) return -1;
    return 0;
}

static int dict_init(wk_value self, const wk_value *args, int nargs, wk_obj *kwnames) {
    return update_common(self.u.o, "dict", args, nargs, kwnames);
}

static wk_value dict_repr(wk_value self) {
    wk_dict *d = DV(self);
    if (d->used == 0) return wk_str_from_c("{}");
    int r = wk_repr_enter(self.u.o);
    if (r) return r < 0 ? WK_NULLV : wk_str_from_c("{...}");
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_addc(&sb, '{');
    int64_t pos = 0, n = 0;
    wk_value k, v;
    bool ok = true;
    while (ok && wk_dict_next(self.u.o, &pos, &k, &v)) {
        if (n++) wk_sbuf_add(&sb, ", ", 2);
        wk_incref(k); wk_incref(v);
        ok = wk_repr_to(&sb, k);
        wk_sbuf_add(&sb, ": ", 2);
        ok = ok && wk_repr_to(&sb, v);
        wk_decref(k); wk_decref(v);
    }
    wk_sbuf_addc(&sb, '}');
    wk_repr_leave(self.u.o);
    if (!ok) { wk_sbuf_free(&sb); return WK_NULLV; }
    return wk_str_from_sbuf(&sb);
}

/* 1 when a and b hold equal items, 0 not, -1 error. */
static int dict_equal(wk_obj *a, wk_obj *b) {
    if (D(a)->used != D(b)->used) return 0;
    int64_t pos = 0;
    wk_value k, v, w;
    while (wk_dict_next(a, &pos, &k, &v)) {
        wk_incref(k); wk_incref(v);
        int r = wk_dict_lookup(b, k, &w);
        if (r > 0) { wk_incref(w); r = wk_eq(v, w); wk_decref(w); }
        wk_decref(k); wk_decref(v);
        if (r <= 0) return r;
    }
    return 1;
}

static wk_value dict_richcmp(wk_value a, wk_value b, wk_cmp_op op) {
    if (!wk_is_dict_like(a) || !wk_is_dict_like(b) || (op != WK_EQ && op != WK_NE))
        return wk_notimplemented();
    int r = dict_equal(a.u.o, b.u.o);
    return r < 0 ? WK_NULLV : wk_bool((r == 1) == (op == WK_EQ));
}

static int64_t dict_len(wk_value self) { return DV(self)->used; }

static wk_value dict_getitem(wk_value self, wk_value key) {
    wk_value v;
    int r = wk_dict_lookup(self.u.o, key, &v);
    if (r > 0) return wk_incref(v);
    if (r < 0) return WK_NULLV;
    if (!wk_is_dict(self)) {
        wk_value miss = wk_type_lookup(wk_typeof(self), wk_intern("__missing__"));
        if (!WK_IS_NULL(miss)) return wk_call_method_s(self, "__missing__", &key, 1);
    }
    return wk_raise_value(wk_exc_KeyError, key);
}

static int dict_setitem(wk_value self, wk_value key, wk_value v) {
    return WK_IS_NULL(v) ? wk_dict_del(self.u.o, key) : wk_dict_set(self.u.o, key, v);
}

static int dict_contains(wk_value self, wk_value key) {
    wk_value v;
    return wk_dict_lookup(self.u.o, key, &v);
}

static wk_value dictiter_new(wk_type *t, wk_obj *d, bool reverse);

static wk_value dict_iter(wk_value self) { return dictiter_new(&wk_type_dictiter, self.u.o, false); }

static wk_value dict_or(wk_value a, wk_value b) {
    if (!wk_is_dict_like(a) || !wk_is_dict_like(b)) return wk_notimplemented();
    wk_obj *r = wk_dict_copy(a.u.o);
    if (r && wk_dict_update(r, b) < 0) { wk_obj_decref(r); return WK_NULLV; }
    return wk_objv(r);
}

static wk_value dict_ior(wk_value a, wk_value b) {
    if (!wk_is_dict_like(a)) return wk_notimplemented();
    return wk_dict_update(a.u.o, b) < 0 ? WK_NULLV : wk_incref(a);
}

/* ---------------------------------------------------------------- dict methods */

#define SELFD (args[0].u.o)

static wk_value m_get(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_args("get", nargs - 1, kw, 1, 2)) return WK_NULLV;
    wk_value v;
    int r = wk_dict_lookup(SELFD, args[1], &v);
    if (r < 0) return WK_NULLV;
    return r ? wk_incref(v) : nargs == 3 ? wk_incref(args[2]) : WK_NONEV;
}

static wk_value m_setdefault(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_args("setdefault", nargs - 1, kw, 1, 2)) return WK_NULLV;
    wk_value v, dflt = nargs == 3 ? args[2] : WK_NONEV;
    int r = wk_dict_lookup(SELFD, args[1], &v);
    if (r < 0) return WK_NULLV;
    if (r) return wk_incref(v);
    return wk_dict_set(SELFD, args[1], dflt) < 0 ? WK_NULLV : wk_incref(dflt);
}

static wk_value m_pop(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_args("pop", nargs - 1, kw, 1, 2)) return WK_NULLV;
    wk_value v;
    int r = wk_dict_pop_key(SELFD, args[1], &v);
    if (r < 0) return WK_NULLV;
    if (r) return v;
    return nargs == 3 ? wk_incref(args[2]) : wk_raise_value(wk_exc_KeyError, args[1]);
}

static wk_value m_popitem(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_noargs("dict.popitem", nargs - 1, kw)) return WK_NULLV;
    wk_dict *d = D(SELFD);
    if (d->used == 0) return wk_raise(wk_exc_KeyError, "popitem(): dictionary is empty");
    int64_t ix = d->nentries - 1;
    while (d->entries[ix].key.tag == WK_NULL) ix--;
    wk_dentry *e = &d->entries[ix];
    uint64_t perturb = (uint64_t)e->hash;
    int64_t slot = e->hash & d->mask;
    while (d->index[slot] != ix) {
        perturb >>= 5;
        slot = (int64_t)((uint64_t)slot * 5 + perturb + 1) & d->mask;
    }
    wk_obj *t = wk_tuple_new(2);
    if (!t) return WK_NULLV;
    dict_unlink(d, ix, slot, &WK_TUPLE(t)->items[0], &WK_TUPLE(t)->items[1]);
    d->nentries = ix;
    return wk_objv(t);
}

static wk_value m_update(const wk_value *args, int nargs, wk_obj *kw) {
    return update_common(SELFD, "update", args + 1, nargs - 1, kw) < 0 ? WK_NULLV : WK_NONEV;
}

static wk_value m_copy(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_noargs("dict.copy", nargs - 1, kw)) return WK_NULLV;
    return wk_objv(wk_dict_copy(SELFD));
}

static wk_value m_clear(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_noargs("dict.clear", nargs - 1, kw)) return WK_NULLV;
    dict_clear(SELFD);
    return WK_NONEV;
}

static wk_value m_fromkeys(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_args("fromkeys", nargs - 1, kw, 1, 2)) return WK_NULLV;
    wk_value v = nargs == 3 ? args[2] : WK_NONEV;
    wk_value d = wk_call0(args[0]);
    wk_value it = WK_IS_NULL(d) ? WK_NULLV : wk_iter(args[1]);
    if (WK_IS_NULL(it)) { wk_decref(d); return WK_NULLV; }
    int r = 0;
    for (wk_value k; r == 0 && !WK_IS_NULL(k = wk_next(it));) {
        r = wk_is_dict(d) ? wk_dict_set(d.u.o, k, v) : wk_setitem(d, k, v);
        wk_decref(k);
    }
    wk_decref(it);
    if (r < 0 || wk_err_occurred()) { wk_decref(d); return WK_NULLV; }
    return d;
}

static wk_value view_new(wk_type *t, wk_value d);

static wk_value m_keys(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_noargs("dict.keys", nargs - 1, kw)) return WK_NULLV;
    return view_new(&wk_type_dict_keys, args[0]);
}

static wk_value m_values(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_noargs("dict.values", nargs - 1, kw)) return WK_NULLV;
    return view_new(&wk_type_dict_values, args[0]);
}

static wk_value m_items(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_noargs("dict.items", nargs - 1, kw)) return WK_NULLV;
    return view_new(&wk_type_dict_items, args[0]);
}

static wk_value m_reversed(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_noargs("dict.__reversed__", nargs - 1, kw)) return WK_NULLV;
    return dictiter_new(&wk_type_dictiter, SELFD, true);
}

static const wk_methoddef dict_methods[] = {
    { "keys", m_keys, 0, "D.keys() -> a set-like object providing a view on D's keys" },
    { "values", m_values, 0, "D.values() -> an object providing a view on D's values" },
    { "items", m_items, 0, "D.items() -> a set-like object providing a view on D's items" },
    { "get", m_get, 0, "Return the value for key if key is in the dictionary, else default." },
    { "setdefault", m_setdefault, 0, "Insert key with a value of default if key is not in the dictionary." },
    { "pop", m_pop, 0, "D.pop(k[,d]) -> v, remove specified key and return the corresponding value." },
    { "popitem", m_popitem, 0, "Remove and return a (key, value) pair as a 2-tuple." },
    { "update", m_update, 0, "D.update([E, ]**F) -> None.  Update D from dict/iterable E and F." },
    { "copy", m_copy, 0, "D.copy() -> a shallow copy of D" },
    { "clear", m_clear, 0, "D.clear() -> None.  Remove all items from D." },
    { "fromkeys", m_fromkeys, WK_METH_CLASS, "Create a new dictionary with keys from iterable and values set to value." },
    { "__reversed__", m_reversed, 0, "Return a reverse iterator over the dict keys." },
    { NULL, NULL, 0, NULL }
};

wk_type wk_type_dict = {
    .ob = { 1, &wk_type_type }, .name = "dict", .base = &wk_type_object,
    .flags = WK_TPFLAG_BASETYPE, .basicsize = sizeof(wk_dict),
    .doc = "dict() -> new empty dictionary\ndict(mapping) -> new dictionary initialized from a mapping object's\n    (key, value) pairs\ndict(iterable) -> new dictionary initialized as if via:\n    d = {}\n    for k, v in iterable:\n        d[k] = v\ndict(**kwargs) -> new dictionary initialized with the name=value pairs\n    in the keyword argument list.  For example:  dict(one=1, two=2)",
    .module = "builtins",
    .dealloc = dict_dealloc, .new = dict_new, .init = dict_init, .repr = dict_repr,
    .richcmp = dict_richcmp, .hash = wk_hash_unhashable,
    .nb = { [WK_NB_OR] = dict_or }, .nb_inplace = { [WK_NB_OR] = dict_ior },
    .len = dict_len, .getitem = dict_getitem, .setitem = dict_setitem,
    .contains = dict_contains, .iter = dict_iter,
};

/* ---------------------------------------------------------------- iterators */

enum { IT_KEYS, IT_VALUES, IT_ITEMS };
typedef struct {
    wk_obj ob;
    wk_obj *dict;        /* NULL once exhausted */
    int64_t pos, used;
    bool reverse;
} dictiter;

static wk_type dictvaliter, dictitemiter;

static wk_value dictiter_new(wk_type *t, wk_obj *d, bool reverse) {
    dictiter *it = (dictiter *)wk_obj_alloc(t);
    if (!it) return WK_NULLV;
    wk_obj_incref(d);
    it->dict = d;
    it->used = D(d)->used;
    it->reverse = reverse;
    it->pos = reverse ? D(d)->nentries - 1 : 0;
    return wk_objv(&it->ob);
}

static void dictiter_dealloc(wk_obj *o) {
    wk_obj_decref(((dictiter *)o)->dict);
    wk_obj_free(o);
}

static wk_value iter_self(wk_value self) { return wk_incref(self); }

/* Next live entry or NULL (exhausted, or error set). */
static wk_dentry *dictiter_step(dictiter *it) {
    wk_dict *d = it->dict ? D(it->dict) : NULL;
    if (!d) return NULL;
    if (d->used != it->used) {
        it->used = -1;
        wk_raise(wk_exc_RuntimeError, "dictionary changed size during iteration");
        return NULL;
    }
    while (it->reverse ? it->pos >= 0 : it->pos < d->nentries) {
        wk_dentry *e = &d->entries[it->reverse ? it->pos-- : it->pos++];
        if (e->key.tag != WK_NULL) return e;
    }
    wk_obj_decref(it->dict);
    it->dict = NULL;
    return NULL;
}

static wk_value dictiter_next(wk_value self) {
    dictiter *it = (dictiter *)self.u.o;
    wk_dentry *e = dictiter_step(it);
    if (!e) return WK_NULLV;
    wk_type *t = self.u.o->type;
    if (t == &dictvaliter) return wk_incref(e->value);
    if (t == &dictitemiter) return wk_objv(wk_tuple_pack(2, e->key, e->value));
    return wk_incref(e->key);
}

#define DICTITER_TYPE(nm) { \
    .ob = { 1, &wk_type_type }, .name = nm, .base = &wk_type_object, \
    .basicsize = sizeof(dictiter), .module = "builtins", .dealloc = dictiter_dealloc, \
    .iter = iter_self, .next = dictiter_next }
wk_type wk_type_dictiter = DICTITER_TYPE("dict_keyiterator");
static wk_type dictvaliter = DICTITER_TYPE("dict_valueiterator");
static wk_type dictitemiter = DICTITER_TYPE("dict_itemiterator");

/* ---------------------------------------------------------------- views */

typedef struct { wk_obj ob; wk_obj *dict; } dictview;
#define VIEWD(v) (((dictview *)(v).u.o)->dict)

static wk_value view_new(wk_type *t, wk_value d) {
    dictview *v = (dictview *)wk_obj_alloc(t);
    if (!v) return WK_NULLV;
    wk_obj_incref(d.u.o);
    v->dict = d.u.o;
    return wk_objv(&v->ob);
}

static void view_dealloc(wk_obj *o) {
    wk_obj_decref(((dictview *)o)->dict);
    wk_obj_free(o);
}

static int64_t view_len(wk_value self) { return D(VIEWD(self))->used; }

static wk_value view_iter(wk_value self) {
    wk_type *t = self.u.o->type;
    wk_type *it = t == &wk_type_dict_values ? &dictvaliter :
                  t == &wk_type_dict_items ? &dictitemiter : &wk_type_dictiter;
    return dictiter_new(it, VIEWD(self), false);
}

static wk_value view_repr(wk_value self) {
    int r = wk_repr_enter(self.u.o);
    if (r) return r < 0 ? WK_NULLV : wk_str_from_c("...");
    wk_value l = wk_list_from_iter(self);
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_printf(&sb, "%s(", self.u.o->type->name);
    bool ok = !WK_IS_NULL(l) && wk_repr_to(&sb, l);
    wk_sbuf_addc(&sb, ')');
    wk_decref(l);
    wk_repr_leave(self.u.o);
    if (!ok) { wk_sbuf_free(&sb); return WK_NULLV; }
    return wk_str_from_sbuf(&sb);
}

static int keys_contains(wk_value self, wk_value key) { return dict_contains(wk_objv(VIEWD(self)), key); }

static int items_contains(wk_value self, wk_value item) {
    if (!wk_is_tuple(item) || WK_TUPLE(item.u.o)->len != 2) return 0;
    wk_value v;
    int r = wk_dict_lookup(VIEWD(self), WK_TUPLE(item.u.o)->items[0], &v);
    if (r <= 0) return r;
    wk_incref(v);
    r = wk_eq(v, WK_TUPLE(item.u.o)->items[1]);
    wk_decref(v);
    return r;
}

static int values_contains(wk_value self, wk_value x) {
    int64_t pos = 0;
    wk_value v;
    while (wk_dict_next(VIEWD(self), &pos, NULL, &v)) {
        wk_incref(v);
        int r = wk_eq(v, x);
        wk_decref(v);
        if (r) return r;
    }
    return 0;
}

static bool setlike(wk_value v) {
    return wk_is_anyset(v) || (v.tag == WK_OBJ &&
           (v.u.o->type == &wk_type_dict_keys || v.u.o->type == &wk_type_dict_items));
}

/* Set operations and comparisons of keys/items views go through real sets. */
static wk_value view_setop(wk_value a, wk_value b, const char *meth) {
    wk_obj *s = wk_set_from_iter(&wk_type_set, a);
    if (!s) return WK_NULLV;
    wk_value r = wk_call_method_s(wk_objv(s), meth, &b, 1);
    if (WK_IS_NULL(r)) { wk_obj_decref(s); return WK_NULLV; }
    wk_decref(r);
    return wk_objv(s);
}

static wk_value view_or(wk_value a, wk_value b) { return view_setop(setlike(a) ? a : b, setlike(a) ? b : a, "update"); }
static wk_value view_and(wk_value a, wk_value b) { return view_setop(setlike(a) ? a : b, setlike(a) ? b : a, "intersection_update"); }
static wk_value view_xor(wk_value a, wk_value b) { return view_setop(setlike(a) ? a : b, setlike(a) ? b : a, "symmetric_difference_update"); }
static wk_value view_sub(wk_value a, wk_value b) { return view_setop(a, b, "difference_update"); }

static wk_value view_richcmp(wk_value a, wk_value b, wk_cmp_op op) {
    if (!setlike(a) || !setlike(b)) return wk_notimplemented();
    wk_obj *sa = wk_set_from_iter(&wk_type_set, a);
    wk_obj *sb = sa ? wk_set_from_iter(&wk_type_set, b) : NULL;
    wk_value r = sb ? wk_richcmp(wk_objv(sa), wk_objv(sb), op) : WK_NULLV;
    wk_obj_decref(sa);
    wk_obj_decref(sb);
    return r;
}

static wk_value m_isdisjoint(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_o("isdisjoint", nargs - 1, kw)) return WK_NULLV;
    wk_obj *s = wk_set_from_iter(&wk_type_set, args[0]);
    if (!s) return WK_NULLV;
    wk_value r = wk_call_method_s(wk_objv(s), "isdisjoint", &args[1], 1);
    wk_obj_decref(s);
    return r;
}

static wk_value m_view_reversed(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_noargs("__reversed__", nargs - 1, kw)) return WK_NULLV;
    wk_type *t = args[0].u.o->type;
    wk_type *it = t == &wk_type_dict_values ? &dictvaliter :
                  t == &wk_type_dict_items ? &dictitemiter : &wk_type_dictiter;
    return dictiter_new(it, VIEWD(args[0]), true);
}

static const wk_methoddef view_methods[] = {
    { "isdisjoint", m_isdisjoint, 0, "Return True if the view and the given iterable have a null intersection." },
    { "__reversed__", m_view_reversed, 0, "Return a reverse iterator over the dict keys." },
    { NULL, NULL, 0, NULL }
};

#define VIEW_TYPE(nm, cont) .ob = { 1, &wk_type_type }, .name = nm, .base = &wk_type_object, \
    .basicsize = sizeof(dictview), .module = "builtins", .dealloc = view_dealloc, \
    .repr = view_repr, .len = view_len, .iter = view_iter, .contains = cont
wk_type wk_type_dict_keys = { VIEW_TYPE("dict_keys", keys_contains), .richcmp = view_richcmp,
    .hash = wk_hash_unhashable,
    .nb = { [WK_NB_OR] = view_or, [WK_NB_AND] = view_and, [WK_NB_XOR] = view_xor, [WK_NB_SUB] = view_sub } };
wk_type wk_type_dict_items = { VIEW_TYPE("dict_items", items_contains), .richcmp = view_richcmp,
    .hash = wk_hash_unhashable,
    .nb = { [WK_NB_OR] = view_or, [WK_NB_AND] = view_and, [WK_NB_XOR] = view_xor, [WK_NB_SUB] = view_sub } };
wk_type wk_type_dict_values = { VIEW_TYPE("dict_values", values_contains) };

bool wk_dict_types_init(void) {
    wk_type *plain[] = { &wk_type_dictiter, &dictvaliter, &dictitemiter, &wk_type_dict_values };
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++)
        if (!wk_type_ready(plain[i])) return false;
    return wk_type_ready(&wk_type_dict) && wk_type_add_methods(&wk_type_dict, dict_methods) &&
           wk_type_ready(&wk_type_dict_keys) && wk_type_add_methods(&wk_type_dict_keys, view_methods) &&
           wk_type_ready(&wk_type_dict_items) && wk_type_add_methods(&wk_type_dict_items, view_methods) &&
           wk_type_add_methods(&wk_type_dict_values, view_methods + 1);
}
