/* ckpt_safetensors.c — the safetensors.torch module: save_file/load_file/save/load in the safetensors format (JSON header + raw little-endian data). */
#include "ckpt.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MAX_HEADER 100000000u

/* dtype codes, in the reference implementation's order (layout sorts by it, descending) */
static const struct { const char *code; int dt; } g_codes[] = {
    { "BOOL", WK_DT_BOOL }, { "U8", WK_DT_U8 }, { "I8", WK_DT_I8 }, { "I16", WK_DT_I16 }, { "U16", -1 },
    { "F16", WK_DT_F16 }, { "BF16", WK_DT_BF16 }, { "I32", WK_DT_I32 }, { "U32", -1 }, { "F32", WK_DT_F32 },
    { "C64", -1 }, { "F64", WK_DT_F64 }, { "I64", WK_DT_I64 }, { "U64", -1 },
};
#define NCODES ((int)(sizeof g_codes / sizeof *g_codes))

static int code_rank(wk_dtype dt) {
    for (int i = 0; i < NCODES; i++) if (g_codes[i].dt == (int)dt) return i;
    return 0;
}

static wk_type *safetensor_error(void) {
    static wk_type *t;
    if (!t) {
        wk_obj *ns = wk_dict_new();
        if (!ns) return NULL;
        t = wk_type_new_class("SafetensorError", wk_exc_Exception, ns, "safetensors_rust");
        wk_obj_decref(ns);
    }
    return t;
}

static wk_value st_error(const char *fmt, const char *arg) {
    wk_type *t = safetensor_error();
    if (!t) return WK_NULLV;
    return wk_raise(t, fmt, arg ? arg : "");
}

/* ================================================================ save */

typedef struct { const char *name; wk_tensor *t; } item;
typedef struct { wk_sbuf header; item *items; int64_t n; } plan;

static int cmp_items(const void *a, const void *b) {
    const item *x = a, *y = b;
    int rx = code_rank(x->t->dtype), ry = code_rank(y->t->dtype);
    if (rx != ry) return ry - rx;
    return strcmp(x->name, y->name);
}

static bool collect(wk_value tensors, plan *p) {
    if (!wk_isinstance_t(tensors, &wk_type_dict)) {
        wk_raise(wk_exc_ValueError, "Expected a dict of [str, torch.Tensor] but received %s", wk_typename(tensors));
        return false;
    }
    int64_t n = wk_dict_len(tensors.u.o), pos = 0;
    p->items = calloc(n ? (size_t)n : 1, sizeof *p->items);
    if (!p->items) { wk_raise_nomem(); return false; }
    wk_value k, v;
    while (wk_dict_next(tensors.u.o, &pos, &k, &v)) {
        if (!wk_is_str(k)) { wk_raise(wk_exc_TypeError, "tensor names must be str, not %s", wk_typename(k)); return false; }
        if (!wk_bind_is_tensor(v)) {
            wk_raise(wk_exc_ValueError, "Key `%s` is invalid, expected torch.Tensor but received %s", wk_str_cstr(k), wk_typename(v));
            return false;
        }
        p->items[p->n++] = (item){ wk_str_cstr(k), wk_bind_t(v) };
    }
    return true;
}

static bool check_items(plan *p) {
    for (int64_t i = 0; i < p->n; i++) {
        wk_tensor *t = p->items[i].t;
        if (!wk_tensor_is_contiguous(t)) {
            wk_raise(wk_exc_ValueError, "You are trying to save a non contiguous tensor: `%s` which is not allowed. It either "
                     "means you are trying to save tensors which are reference of each other in which case it's "
                     "recommended to save only the full tensors, and reslice at load time, or simply call "
                     "`.contiguous()` on your tensor to pack it before saving.", p->items[i].name);
            return false;
        }
        for (int64_t j = 0; j < i; j++)
            if (p->items[j].t->storage == t->storage && wk_tensor_numel(t) && wk_tensor_numel(p->items[j].t)) {
                wk_raise(wk_exc_RuntimeError, "Some tensors share memory, this will lead to duplicate memory on disk and "
                         "potential differences when loading them again: [{'%s', '%s'}].\nA potential way to correctly "
                         "save your model is to use `save_model`.\nMore information at "
                         "https://huggingface.co/docs/safetensors/torch_shared_tensors", p->items[j].name, p->items[i].name);
                return false;
            }
    }
    return true;
}

static int cmp_keys(const void *a, const void *b) {
    return strcmp(wk_str_cstr(*(const wk_value *)a), wk_str_cstr(*(const wk_value *)b));
}

static bool write_metadata(wk_sbuf *sb, wk_value md) {
    if (WK_IS_NULL(md) || WK_IS_NONE(md)) return true;
    if (!wk_isinstance_t(md, &wk_type_dict)) { wk_raise(wk_exc_TypeError, "metadata must be a dict of str to str"); return false; }
    int64_t n = wk_dict_len(md.u.o), pos = 0, i = 0;
    wk_value *keys = calloc(n ? (size_t)n : 1, sizeof *keys), k, v;
    if (!keys) { wk_raise_nomem(); return false; }
    while (wk_dict_next(md.u.o, &pos, &k, &v)) {
        if (!wk_is_str(k) || !wk_is_str(v)) {
            free(keys);
            wk_raise(wk_exc_TypeError, "argument 'metadata': '%s' object cannot be converted to 'PyString'",
                     wk_typename(wk_is_str(k) ? v : k));
            return false;
        }
        keys[i++] = k;
    }
    qsort(keys, (size_t)n, sizeof *keys, cmp_keys);   /* a deterministic order */
    wk_sbuf_adds(sb, "\"__metadata__\":{");
    for (i = 0; i < n; i++) {
        wk_value val = wk_dict_get_s(md.u.o, wk_str_cstr(keys[i]));
        if (i) wk_sbuf_addc(sb, ',');
        wk_json_write_str(sb, wk_str_cstr(keys[i]), (size_t)WK_STR(keys[i].u.o)->len);
        wk_sbuf_addc(sb, ':');
        wk_json_write_str(sb, wk_str_cstr(val), (size_t)WK_STR(val.u.o)->len);
    }
    wk_sbuf_addc(sb, '}');
    free(keys);
    return true;
}

static bool build_header(plan *p, wk_value md) {
    wk_sbuf *sb = &p->header;
    wk_sbuf_addc(sb, '{');
    if (!write_metadata(sb, md)) return false;
    bool comma = !WK_IS_NULL(md) && !WK_IS_NONE(md);
    uint64_t off = 0;
    for (int64_t i = 0; i < p->n; i++) {
        wk_tensor *t = p->items[i].t;
        uint64_t nb = (uint64_t)wk_tensor_numel(t) * wk_dtype_size(t->dtype);
        if (comma) wk_sbuf_addc(sb, ',');
        comma = true;
        wk_json_write_str(sb, p->items[i].name, strlen(p->items[i].name));
        wk_sbuf_printf(sb, ":{\"dtype\":\"%s\",\"shape\":[", g_codes[code_rank(t->dtype)].code);
        for (int d = 0; d < t->ndim; d++) wk_sbuf_printf(sb, d ? ",%lld" : "%lld", (long long)t->shape[d]);
        wk_sbuf_printf(sb, "],\"data_offsets\":[%llu,%llu]}", (unsigned long long)off, (unsigned long long)(off + nb));
        off += nb;
    }
    wk_sbuf_addc(sb, '}');
    while (sb->len % 8) wk_sbuf_addc(sb, ' ');
    if (sb->oom) { wk_raise_nomem(); return false; }
    return true;
}

static bool write_plan(FILE *f, void *ctx) {
    plan *p = ctx;
    unsigned char n8[8];
    for (int i = 0; i < 8; i++) n8[i] = (unsigned char)((uint64_t)p->header.len >> (8 * i));
    bool ok = fwrite(n8, 1, 8, f) == 8 && fwrite(p->header.data, 1, p->header.len, f) == p->header.len;
    for (int64_t i = 0; ok && i < p->n; i++) {
        wk_tensor *t = p->items[i].t;
        int64_t numel = wk_tensor_numel(t);
        if (!numel) continue;
        const void *data;
        bool owned;
        wk_tensor *one = wk_tensor_as_strided(t, 1, &numel, (int64_t[]){1}, t->offset);
        if (!one) { wk_bind_rt_raise(); return false; }
        if (one->storage->device.type == WK_DEV_CPU) { data = wk_tensor_data(one); owned = false; }
        else {
            wk_tensor *cpu = wk_tensor_to_device(one, WK_CPU);
            size_t nb = (size_t)numel * wk_dtype_size(t->dtype);
            void *buf = cpu ? malloc(nb) : NULL;
            if (buf) memcpy(buf, wk_tensor_data(cpu), nb);
            wk_tensor_decref(cpu);
            if (!buf) { wk_tensor_decref(one); if (!cpu) wk_bind_rt_raise(); else wk_raise_nomem(); return false; }
            data = buf;
            owned = true;
        }
        size_t nb = (size_t)numel * wk_dtype_size(t->dtype);
        ok = fwrite(data, 1, nb, f) == nb;
        if (owned) free((void *)data);
        wk_tensor_decref(one);
    }
    if (!ok && !wk_err_occurred()) wk_ckpt_raise_errno(errno ? errno : EIO, NULL);
    return ok;
}

static bool make_plan(wk_value tensors, wk_value md, plan *p) {
    memset(p, 0, sizeof *p);
    wk_sbuf_init(&p->header);
    if (!collect(tensors, p) || !check_items(p)) return false;
    qsort(p->items, (size_t)p->n, sizeof *p->items, cmp_items);
    return build_header(p, md);
}

static void free_plan(plan *p) { wk_sbuf_free(&p->header); free(p->items); }

static wk_value st_save_file(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[3];
    if (!wk_args_parse("save_file", args, nargs, kw, "tensors filename|metadata", a)) return WK_NULLV;
    if (!wk_is_str(a[1])) return wk_raise(wk_exc_TypeError, "argument 'filename': expected str, not %s", wk_typename(a[1]));
    plan p;
    bool ok = make_plan(a[0], a[2], &p) && wk_ckpt_write_atomic(wk_str_cstr(a[1]), write_plan, &p);
    free_plan(&p);
    return ok ? WK_NONEV : WK_NULLV;
}

static wk_value st_save(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    if (!wk_args_parse("save", args, nargs, kw, "tensors|metadata", a)) return WK_NULLV;
    plan p;
    char *buf = NULL;
    size_t len = 0;
    bool ok = make_plan(a[0], a[1], &p);
    FILE *mem = ok ? open_memstream(&buf, &len) : NULL;
    if (ok && !mem) { wk_raise_nomem(); ok = false; }
    if (mem) { ok = write_plan(mem, &p); fclose(mem); }
    free_plan(&p);
    wk_value r = ok ? wk_bytes_new(buf, len) : WK_NULLV;
    free(buf);
    return r;
}

/* ================================================================ load */

typedef struct { const char *name; const wk_json *info; wk_dtype dt; int64_t shape[WK_MAX_DIMS]; int ndim; uint64_t begin, end; } entry;

static int cmp_begin(const void *a, const void *b) {
    const entry *x = a, *y = b;
    return x->begin < y->begin ? -1 : x->begin > y->begin ? 1 : strcmp(x->name, y->name);
}

static int cmp_name(const void *a, const void *b) { return strcmp(((const entry *)a)->name, ((const entry *)b)->name); }

static bool parse_entry(const char *name, const wk_json *info, entry *e) {
    const wk_json *dt = wk_json_get(info, "dtype"), *sh = wk_json_get(info, "shape"), *off = wk_json_get(info, "data_offsets");
    e->name = name;
    e->info = info;
    if (!dt || dt->kind != WK_JSON_STR || !sh || sh->kind != WK_JSON_ARR || sh->n > WK_MAX_DIMS || !off ||
        off->kind != WK_JSON_ARR || off->n != 2)
        return st_error("Error while deserializing header: InvalidHeaderDeserialization", NULL), false;
    int code = -2;
    for (int i = 0; i < NCODES; i++) if (!strcmp(g_codes[i].code, dt->str)) code = g_codes[i].dt;
    if (code == -2) return st_error("Error while deserializing header: InvalidHeaderDeserialization", NULL), false;
    if (code < 0) return st_error("safetensors dtype %s is not supported by wick", dt->str), false;
    e->dt = (wk_dtype)code;
    e->ndim = (int)sh->n;
    for (size_t i = 0; i < sh->n; i++) {
        if (sh->items[i].kind != WK_JSON_NUM || !sh->items[i].is_int || sh->items[i].i < 0)
            return st_error("Error while deserializing header: InvalidHeaderDeserialization", NULL), false;
        e->shape[i] = sh->items[i].i;
    }
    for (int i = 0; i < 2; i++)
        if (off->items[i].kind != WK_JSON_NUM || !off->items[i].is_int || off->items[i].i < 0)
            return st_error("Error while deserializing header: InvalidHeaderDeserialization", NULL), false;
    e->begin = (uint64_t)off->items[0].i;
    e->end = (uint64_t)off->items[1].i;
    return true;
}

/* Validates offsets as the reference reader does: contiguous from 0, sizes match shapes. */
static bool check_layout(entry *es, size_t n, uint64_t data_len) {
    qsort(es, n, sizeof *es, cmp_begin);
    uint64_t at = 0;
    for (size_t i = 0; i < n; i++) {
        if (es[i].begin != at || es[i].end < es[i].begin)
            return st_error("Error while deserializing header: InvalidOffset(\"%s\")", es[i].name), false;
        unsigned __int128 nb = wk_dtype_size(es[i].dt);
        for (int d = 0; d < es[i].ndim; d++) { nb *= (uint64_t)es[i].shape[d]; if (nb > data_len) break; }
        if (nb != es[i].end - es[i].begin)
            return st_error("Error while deserializing header: TensorInvalidInfo", NULL), false;
        at = es[i].end;
    }
    if (at != data_len) return st_error("Error while deserializing header: MetadataIncompleteBuffer", NULL), false;
    return true;
}

static bool check_metadata(const wk_json *md) {
    bool ok = md->kind == WK_JSON_OBJ;
    for (size_t i = 0; ok && i < md->n; i++) ok = md->items[i].kind == WK_JSON_STR;
    if (!ok) st_error("Error while deserializing header: InvalidHeaderDeserialization", NULL);
    return ok;
}

static bool parse_header(const unsigned char *buf, size_t size, wk_json *h, entry **out, size_t *n, size_t *data_off) {
    if (size < 8) return st_error("Error while deserializing header: HeaderTooSmall", NULL), false;
    uint64_t hn = 0;
    for (int i = 0; i < 8; i++) hn |= (uint64_t)buf[i] << (8 * i);
    if (hn > MAX_HEADER) return st_error("Error while deserializing header: HeaderTooLarge", NULL), false;
    if (hn > size - 8) return st_error("Error while deserializing header: InvalidHeaderLength", NULL), false;
    const char *err;
    if (!wk_json_parse((const char *)buf + 8, (size_t)hn, h, &err) || h->kind != WK_JSON_OBJ) {
        if (h->kind != WK_JSON_NULL) wk_json_free(h);
        return st_error("Error while deserializing header: InvalidHeaderDeserialization", NULL), false;
    }
    entry *es = calloc(h->n ? h->n : 1, sizeof *es);
    size_t k = 0;
    bool ok = es != NULL;
    if (!ok) wk_raise_nomem();
    for (size_t i = 0; ok && i < h->n; i++) {
        for (size_t j = 0; ok && j < i; j++)
            if (!strcmp(h->keys[i], h->keys[j])) { st_error("Error while deserializing header: InvalidHeaderDeserialization", NULL); ok = false; }
        if (!ok) break;
        if (!strcmp(h->keys[i], "__metadata__")) ok = check_metadata(&h->items[i]);
        else ok = parse_entry(h->keys[i], &h->items[i], &es[k++]);
    }
    ok = ok && check_layout(es, k, size - 8 - (size_t)hn);
    if (!ok) { free(es); wk_json_free(h); return false; }
    *out = es;
    *n = k;
    *data_off = 8 + (size_t)hn;
    return true;
}

static wk_value build_dict(const unsigned char *buf, entry *es, size_t n, size_t data_off, wk_device dev) {
    qsort(es, n, sizeof *es, cmp_name);
    wk_obj *d = wk_dict_new();
    for (size_t i = 0; d && i < n; i++) {
        wk_tensor *t = wk_tensor_from_data(es[i].ndim, es[i].shape, es[i].dt, buf + data_off + es[i].begin);
        if (t && dev.type != WK_DEV_CPU) {
            wk_tensor *m = wk_tensor_to_device(t, dev);
            wk_tensor_decref(t);
            t = m;
        }
        wk_value v = wk_bind_wrap(t);
        if (WK_IS_NULL(v) || wk_dict_set_s(d, es[i].name, v) != 0) { wk_decref(v); wk_obj_decref(d); return WK_NULLV; }
        wk_decref(v);
    }
    return wk_objv(d);
}

static wk_value load_buffer(const unsigned char *buf, size_t size, wk_value device) {
    wk_device dev = WK_CPU;
    if (!WK_IS_NULL(device) && !wk_bind_device_arg(device, &dev)) return WK_NULLV;
    if (dev.type != WK_DEV_CPU && !wk_bind_device_check(dev)) return WK_NULLV;
    wk_json h;
    entry *es;
    size_t n, off;
    if (!parse_header(buf, size, &h, &es, &n, &off)) return WK_NULLV;
    wk_value r = build_dict(buf, es, n, off, dev);
    free(es);
    wk_json_free(&h);
    return r;
}

static wk_value st_load_file(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    if (!wk_args_parse("load_file", args, nargs, kw, "filename|device", a)) return WK_NULLV;
    if (!wk_is_str(a[0])) return wk_raise(wk_exc_TypeError, "argument 'filename': expected str, not %s", wk_typename(a[0]));
    unsigned char *buf;
    size_t size;
    if (!wk_ckpt_read_file(wk_str_cstr(a[0]), &buf, &size)) return WK_NULLV;
    wk_value r = load_buffer(buf, size, a[1]);
    free(buf);
    return r;
}

static wk_value st_load(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    if (!wk_args_parse("load", args, nargs, kw, "data|device", a)) return WK_NULLV;
    if (!WK_IS_OBJ(a[0]) || a[0].u.o->type != &wk_type_bytes)
        return wk_raise(wk_exc_TypeError, "argument 'data': expected bytes, not %s", wk_typename(a[0]));
    wk_bytes *b = (wk_bytes *)a[0].u.o;
    return load_buffer(b->data, (size_t)b->len, a[1]);
}

static const wk_methoddef g_funcs[] = {
    { "save_file", st_save_file, 0, "save_file(tensors, filename, metadata=None)" },
    { "load_file", st_load_file, 0, "load_file(filename, device='cpu') -> dict of tensors" },
    { "save", st_save, 0, "save(tensors, metadata=None) -> bytes" },
    { "load", st_load, 0, "load(data) -> dict of tensors" },
    { NULL, NULL, 0, NULL },
};

wk_obj *wk_mod_safetensors_torch_init(void) {
    wk_type *err = safetensor_error();
    wk_obj *m = err ? wk_module_new("safetensors.torch") : NULL;
    if (!m) return NULL;
    if (!wk_module_add_funcs(m, g_funcs) || !wk_module_add(m, "SafetensorError", wk_objv(&err->ob))) {
        wk_obj_decref(m);
        return NULL;
    }
    return m;
}
