/* ckpt_pickle.c — pickle protocol 2 writer for torch.save's data.pkl (containers, numbers, tensors as _rebuild_tensor_v2 + storage persistent ids). */
#include "ckpt.h"
#include <math.h>
#include <string.h>

#define MAX_DEPTH 1000
#define BATCH 1000

/* Memo: object pointer -> memo index (open addressing, linear probing). */
typedef struct {
    const void **keys;
    uint32_t *vals;
    size_t cap, count;
    uint32_t next;
} memo_t;

typedef struct {
    wk_pickle_out *out;
    memo_t memo;
    int depth;
} enc;

static char OD_KEY;   /* memo key of the collections.OrderedDict global */
static char RT_KEY;   /* ... torch._utils._rebuild_tensor_v2 */

static size_t ptr_hash(const void *p) {
    uint64_t x = (uint64_t)(uintptr_t)p;
    x ^= x >> 33; x *= 0xff51afd7ed558ccdull; x ^= x >> 33;
    return (size_t)x;
}

static bool memo_grow(memo_t *m) {
    size_t cap = m->cap ? 2 * m->cap : 64;
    const void **keys = calloc(cap, sizeof *keys);
    uint32_t *vals = calloc(cap, sizeof *vals);
    if (!keys || !vals) { free(keys); free(vals); return false; }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i]) continue;
        size_t j = ptr_hash(m->keys[i]) & (cap - 1);
        while (keys[j]) j = (j + 1) & (cap - 1);
        keys[j] = m->keys[i];
        vals[j] = m->vals[i];
    }
    free(m->keys); free(m->vals);
    m->keys = keys; m->vals = vals; m->cap = cap;
    return true;
}

static long memo_find(const memo_t *m, const void *p) {
    if (!m->cap) return -1;
    for (size_t j = ptr_hash(p) & (m->cap - 1); m->keys[j]; j = (j + 1) & (m->cap - 1))
        if (m->keys[j] == p) return (long)m->vals[j];
    return -1;
}

/* ---------------------------------------------------------------- opcodes */

static void op(enc *e, int c) { wk_sbuf_addc(&e->out->buf, (char)c); }
static void raw(enc *e, const void *p, size_t n) { wk_sbuf_add(&e->out->buf, p, n); }
static void le32(enc *e, uint32_t v) {
    unsigned char b[4] = { (unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16), (unsigned char)(v >> 24) };
    raw(e, b, 4);
}

/* Records p in the memo and writes BINPUT/LONG_BINPUT. */
static bool memo_put(enc *e, const void *p) {
    memo_t *m = &e->memo;
    if ((m->count + 1) * 2 > m->cap && !memo_grow(m)) { wk_raise_nomem(); return false; }
    size_t j = ptr_hash(p) & (m->cap - 1);
    while (m->keys[j]) j = (j + 1) & (m->cap - 1);
    m->keys[j] = p;
    m->vals[j] = m->next;
    m->count++;
    if (m->next < 256) { op(e, 'q'); op(e, (int)m->next); }
    else { op(e, 'r'); le32(e, m->next); }
    m->next++;
    return true;
}

static void memo_get(enc *e, long idx) {
    if (idx < 256) { op(e, 'h'); op(e, (int)idx); }
    else { op(e, 'j'); le32(e, (uint32_t)idx); }
}

static bool put_global(enc *e, const void *key, const char *module, const char *name) {
    long idx = key ? memo_find(&e->memo, key) : -1;
    if (idx >= 0) { memo_get(e, idx); return true; }
    op(e, 'c');
    wk_sbuf_printf(&e->out->buf, "%s\n%s\n", module, name);
    return key ? memo_put(e, key) : true;
}

static void put_int(enc *e, int64_t v) {
    if (v >= 0 && v < 256) { op(e, 'K'); op(e, (int)v); return; }
    if (v >= 0 && v < 65536) { op(e, 'M'); op(e, (int)(v & 0xff)); op(e, (int)(v >> 8)); return; }
    if (v >= INT32_MIN && v <= INT32_MAX) { op(e, 'J'); le32(e, (uint32_t)(int32_t)v); return; }
    unsigned char b[8];
    uint64_t u = (uint64_t)v;
    for (int i = 0; i < 8; i++) b[i] = (unsigned char)(u >> (8 * i));
    int n = 8;   /* shortest two's complement form */
    while (n > 1 && ((b[n - 1] == 0 && !(b[n - 2] & 0x80)) || (b[n - 1] == 0xff && (b[n - 2] & 0x80)))) n--;
    op(e, 0x8a); op(e, n); raw(e, b, (size_t)n);
}

static void put_float(enc *e, double d) {
    uint64_t u;
    memcpy(&u, &d, 8);
    unsigned char b[8];
    for (int i = 0; i < 8; i++) b[i] = (unsigned char)(u >> (56 - 8 * i));
    op(e, 'G'); raw(e, b, 8);
}

static bool put_str(enc *e, wk_value s) {
    wk_strobj *so = WK_STR(s.u.o);
    long idx = memo_find(&e->memo, so);
    if (idx >= 0) { memo_get(e, idx); return true; }
    op(e, 'X'); le32(e, (uint32_t)so->len); raw(e, so->data, (size_t)so->len);
    return memo_put(e, so);
}

static void put_cstr(enc *e, const char *s) {
    size_t n = strlen(s);
    op(e, 'X'); le32(e, (uint32_t)n); raw(e, s, n);
}

static bool save(enc *e, wk_value v);

/* ---------------------------------------------------------------- containers */

/* After saving a tuple's items: if the tuple got memoized meanwhile (recursion through a
 * list), drop the items and fetch it instead, as pickle does. */
static bool tuple_recursed(enc *e, wk_obj *o, int64_t n, bool marked) {
    long idx = memo_find(&e->memo, o);
    if (idx < 0) return false;
    if (marked) op(e, '1');
    else for (int64_t i = 0; i < n; i++) op(e, '0');
    memo_get(e, idx);
    return true;
}

static bool save_tuple(enc *e, wk_value v) {
    wk_tuple *t = WK_TUPLE(v.u.o);
    if (t->len == 0) { op(e, ')'); return true; }
    bool marked = t->len > 3;
    if (marked) op(e, '(');
    for (int64_t i = 0; i < t->len; i++)
        if (!save(e, t->items[i])) return false;
    if (tuple_recursed(e, v.u.o, t->len, marked)) return true;
    op(e, marked ? 't' : (t->len == 1 ? 0x85 : t->len == 2 ? 0x86 : 0x87));
    return memo_put(e, v.u.o);
}

static bool save_list(enc *e, wk_value v) {
    op(e, ']');
    if (!memo_put(e, v.u.o)) return false;
    wk_list *l = WK_LIST(v.u.o);
    for (int64_t i = 0; i < l->len; i += BATCH) {
        int64_t n = l->len - i < BATCH ? l->len - i : BATCH;
        if (n > 1) op(e, '(');
        for (int64_t k = i; k < i + n && k < l->len; k++)
            if (!save(e, l->items[k])) return false;
        op(e, n > 1 ? 'e' : 'a');
    }
    return true;
}

static bool save_items(enc *e, wk_obj *d) {
    int64_t pos = 0, n = wk_dict_len(d), done = 0;
    wk_value k, x;
    while (done < n) {
        int64_t batch = n - done < BATCH ? n - done : BATCH, i = 0;
        if (batch > 1) op(e, '(');
        while (i < batch && wk_dict_next(d, &pos, &k, &x)) {
            if (!save(e, k) || !save(e, x)) return false;
            i++;
        }
        op(e, batch > 1 ? 'u' : 's');
        done += batch;
        if (i < batch) break;   /* dict shrank while saving (a __repr__-free path cannot, but stay safe) */
    }
    return true;
}

static bool is_ordered_dict(wk_value v) {
    wk_type *t = wk_typeof(v);
    return t != &wk_type_dict && !strcmp(t->name, "OrderedDict");
}

static bool save_dict(enc *e, wk_value v) {
    bool od = is_ordered_dict(v);
    if (od) {
        if (!put_global(e, &OD_KEY, "collections", "OrderedDict")) return false;
        op(e, ')'); op(e, 'R');
    } else {
        op(e, '}');
    }
    if (!memo_put(e, v.u.o) || !save_items(e, v.u.o)) return false;
    wk_obj **dp = od ? wk_obj_dictptr(v.u.o) : NULL;
    if (dp && *dp && wk_dict_len(*dp) > 0) {   /* instance attributes (_metadata) as BUILD state */
        if (!save(e, wk_objv(*dp))) return false;
        op(e, 'b');
    }
    return true;
}

/* ---------------------------------------------------------------- tensors */

static int storage_index(wk_pickle_out *out, wk_tensor *t) {
    for (int i = 0; i < out->nstorages; i++) {
        if (out->storages[i].storage != t->storage) continue;
        if (out->storages[i].dtype != t->dtype) {
            wk_raise(wk_exc_RuntimeError, "torch.save: tensors that view one storage with different dtypes (%s and %s) cannot be saved",
                     wk_dtype_short(out->storages[i].dtype), wk_dtype_short(t->dtype));
            return -1;
        }
        return i;
    }
    if (out->nstorages == out->cap) {
        int cap = out->cap ? 2 * out->cap : 8;
        wk_pickle_storage *ns = realloc(out->storages, (size_t)cap * sizeof *ns);
        if (!ns) { wk_raise_nomem(); return -1; }
        out->storages = ns;
        out->cap = cap;
    }
    wk_pickle_storage *s = &out->storages[out->nstorages];
    s->storage = t->storage;
    s->dtype = t->dtype;
    s->numel = (int64_t)(t->storage->nbytes / wk_dtype_size(t->dtype));
    s->any = t;
    return out->nstorages++;
}

static void put_dims(enc *e, int n, const int64_t *d) {
    if (n == 0) { op(e, ')'); return; }
    if (n > 3) op(e, '(');
    for (int i = 0; i < n; i++) put_int(e, d[i]);
    op(e, n > 3 ? 't' : (n == 1 ? 0x85 : n == 2 ? 0x86 : 0x87));
}

/* _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, OrderedDict()) */
static bool save_tensor_body(enc *e, wk_tensor *t, bool requires_grad) {
    int si = storage_index(e->out, t);
    if (si < 0) return false;
    char key[24], loc[32];
    snprintf(key, sizeof key, "%d", si);
    wk_device d = wk_tensor_device(t);
    if (d.type == WK_DEV_CUDA) snprintf(loc, sizeof loc, "cuda:%d", d.index < 0 ? 0 : d.index);
    else snprintf(loc, sizeof loc, "cpu");
    if (!put_global(e, &RT_KEY, "torch._utils", "_rebuild_tensor_v2")) return false;
    op(e, '(');
    op(e, '(');
    put_cstr(e, "storage");
    if (!put_global(e, NULL, "torch", wk_ckpt_storage_class(t->dtype))) return false;
    put_cstr(e, key);
    put_cstr(e, loc);
    put_int(e, e->out->storages[si].numel);
    op(e, 't');
    op(e, 'Q');
    put_int(e, t->offset);
    put_dims(e, t->ndim, t->shape);
    put_dims(e, t->ndim, t->stride);
    op(e, requires_grad ? 0x88 : 0x89);
    if (!put_global(e, &OD_KEY, "collections", "OrderedDict")) return false;
    op(e, ')'); op(e, 'R');
    op(e, 't'); op(e, 'R');
    return true;
}

static bool is_parameter(wk_value v) {
    wk_type *t = wk_typeof(v);
    return t != &wk_torch_tensor_type && !strcmp(t->name, "Parameter");
}

static bool save_tensor(enc *e, wk_value v) {
    wk_tensor *t = wk_bind_t(v);
    if (is_parameter(v)) {
        if (!put_global(e, NULL, "torch._utils", "_rebuild_parameter") || !save_tensor_body(e, t, false))
            return false;
        op(e, t->requires_grad ? 0x88 : 0x89);
        if (!put_global(e, &OD_KEY, "collections", "OrderedDict")) return false;
        op(e, ')'); op(e, 'R');
        op(e, 0x87); op(e, 'R');
    } else if (!save_tensor_body(e, t, t->requires_grad)) {
        return false;
    }
    return memo_put(e, v.u.o);
}

/* ---------------------------------------------------------------- torch objects */

static bool save_torch_object(enc *e, wk_value v, bool *handled) {
    wk_type *tp = wk_typeof(v);
    *handled = true;
    if (tp == &wk_torch_dtype_type) {
        wk_dtype dt;
        if (!wk_bind_dtype_arg(v, &dt)) return false;
        return put_global(e, NULL, "torch", wk_dtype_short(dt));
    }
    if (tp == &wk_torch_size_type) {
        if (!put_global(e, NULL, "torch", "Size")) return false;
        wk_tuple *t = WK_TUPLE(v.u.o);
        if (t->len == 0) op(e, ')');
        if (t->len > 3) op(e, '(');
        for (int64_t i = 0; i < t->len; i++) if (!save(e, t->items[i])) return false;
        if (t->len > 0) op(e, t->len > 3 ? 't' : (t->len == 1 ? 0x85 : t->len == 2 ? 0x86 : 0x87));
        op(e, 0x85); op(e, 'R');
        return memo_put(e, v.u.o);
    }
    if (tp == &wk_torch_device_type) {
        wk_device d;
        char buf[32];
        if (!wk_bind_device_arg(v, &d)) return false;
        wk_device_str(d, buf, sizeof buf);
        if (!put_global(e, NULL, "torch", "device")) return false;
        put_cstr(e, buf);
        op(e, 0x85); op(e, 'R');
        return true;
    }
    *handled = false;
    return true;
}

/* ---------------------------------------------------------------- dispatch */

static bool save_obj(enc *e, wk_value v) {
    long idx = memo_find(&e->memo, v.u.o);
    if (idx >= 0) { memo_get(e, idx); return true; }
    if (wk_is_str(v)) return put_str(e, v);
    if (wk_bind_is_tensor(v)) return save_tensor(e, v);
    if (wk_is_tuple(v)) return save_tuple(e, v);
    if (wk_isinstance_t(v, &wk_type_list)) return save_list(e, v);
    if (wk_isinstance_t(v, &wk_type_dict)) return save_dict(e, v);
    bool handled;
    if (!save_torch_object(e, v, &handled) || handled) return handled;
    wk_raise(wk_exc_TypeError, "cannot pickle '%s' object", wk_typename(v));
    return false;
}

static bool save(enc *e, wk_value v) {
    switch (v.tag) {
    case WK_NONE: op(e, 'N'); return true;
    case WK_BOOL: op(e, v.u.i ? 0x88 : 0x89); return true;
    case WK_INT: put_int(e, v.u.i); return true;
    case WK_FLOAT: put_float(e, v.u.f); return true;
    case WK_OBJ: break;
    default:
        wk_raise(wk_exc_TypeError, "cannot pickle a missing value");
        return false;
    }
    if (++e->depth > MAX_DEPTH) {
        e->depth--;
        wk_raise(wk_exc_RecursionError, "maximum recursion depth exceeded while pickling an object");
        return false;
    }
    bool ok = save_obj(e, v);
    e->depth--;
    if (ok && e->out->buf.oom) { wk_raise_nomem(); return false; }
    return ok;
}

bool wk_pickle_dump(wk_value obj, wk_pickle_out *out) {
    memset(out, 0, sizeof *out);
    wk_sbuf_init(&out->buf);
    enc e = { out, { NULL, NULL, 0, 0, 0 }, 0 };
    op(&e, 0x80); op(&e, 2);
    bool ok = save(&e, obj);
    op(&e, '.');
    free(e.memo.keys);
    free(e.memo.vals);
    if (ok && out->buf.oom) { wk_raise_nomem(); ok = false; }
    if (!ok) wk_pickle_out_free(out);
    return ok;
}

void wk_pickle_out_free(wk_pickle_out *out) {
    wk_sbuf_free(&out->buf);
    free(out->storages);
    out->storages = NULL;
    out->nstorages = out->cap = 0;
}
