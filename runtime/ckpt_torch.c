/* ckpt_torch.c — torch.save / torch.load: PyTorch's zip archive layout (data.pkl, data/<key>, version, byteorder, ...), map_location, atomic saves. */
#include "ckpt.h"
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ================================================================ save */

typedef struct {
    wk_pickle_out po;
    char archive[256];
    const char *path;          /* for error messages (NULL for file objects) */
} save_ctx;

/* Archive folder: basename without its last extension ("archive" for file objects). */
static void archive_name(const char *path, char *out, size_t cap) {
    const char *base = path ? strrchr(path, '/') : NULL;
    base = base ? base + 1 : path;
    if (!base || !*base) { snprintf(out, cap, "archive"); return; }
    snprintf(out, cap, "%s", base);
    char *dot = strrchr(out, '.');
    if (dot && dot != out) *dot = 0;
    if (!*out || *out == '.') snprintf(out, cap, "archive");
}

static void serialization_id(char out[41]) {
    static uint64_t counter;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t x = (uint64_t)ts.tv_sec * 1000000007ull ^ (uint64_t)ts.tv_nsec ^ (uint64_t)getpid() << 32 ^ ++counter;
    for (int i = 0; i < 40; i++) {
        x += 0x9e3779b97f4a7c15ull;
        uint64_t z = x;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        out[i] = (char)('0' + (z ^ (z >> 31)) % 10);
    }
    out[40] = 0;
}

static bool add_rec(wk_zip_writer *w, const save_ctx *c, const char *rec, const void *data, size_t n) {
    char name[512];
    snprintf(name, sizeof name, "%s/%s", c->archive, rec);
    return wk_zip_add(w, name, data, n);
}

static bool write_storages(wk_zip_writer *w, save_ctx *c) {
    for (int i = 0; i < c->po.nstorages; i++) {
        wk_pickle_storage *s = &c->po.storages[i];
        const void *data;
        bool owned;
        if (!wk_ckpt_storage_bytes(s->any, s->numel, &data, &owned)) return false;
        char rec[32];
        snprintf(rec, sizeof rec, "data/%d", i);
        bool ok = add_rec(w, c, rec, data, (size_t)s->numel * wk_dtype_size(s->dtype));
        if (owned) free((void *)data);
        if (!ok) return false;
    }
    return true;
}

/* Records in PyTorch 2.x order. */
static bool write_archive(FILE *f, void *ctxp) {
    save_ctx *c = ctxp;
    wk_zip_writer w;
    wk_zip_writer_init(&w, f);
    char sid[41];
    serialization_id(sid);
    bool ok = add_rec(&w, c, "data.pkl", c->po.buf.data, c->po.buf.len) &&
              add_rec(&w, c, ".format_version", "1", 1) &&
              add_rec(&w, c, ".storage_alignment", "64", 2) &&
              add_rec(&w, c, "byteorder", "little", 6);
    ok = ok && write_storages(&w, c);
    ok = ok && add_rec(&w, c, "version", "3\n", 2) && add_rec(&w, c, ".data/serialization_id", sid, 40) &&
         wk_zip_finish(&w);
    int err = w.err;
    wk_zip_writer_free(&w);
    if (!ok && !wk_err_occurred()) wk_ckpt_raise_errno(err ? err : EIO, c->path);
    return ok;
}

/* torch.save to an object with write(): the archive is built in memory, then written once. */
static bool save_to_fileobj(save_ctx *c, wk_value fobj) {
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem) { wk_raise_nomem(); return false; }
    bool ok = write_archive(mem, c);
    if (fclose(mem) != 0 && ok) { wk_raise_nomem(); ok = false; }
    if (ok) {
        wk_value b = wk_bytes_new(buf, len);
        wk_value r = WK_IS_NULL(b) ? WK_NULLV : wk_call_method_s(fobj, "write", &b, 1);
        ok = !WK_IS_NULL(r);
        wk_decref(r);
        wk_decref(b);
    }
    free(buf);
    return ok;
}

wk_value wk_ckpt_save(wk_value obj, wk_value f) {
    bool is_path = wk_is_str(f);
    if (!is_path) {
        wk_value wr = WK_IS_OBJ(f) ? wk_getattr_opt(f, wk_intern("write")) : WK_NULLV;
        if (WK_IS_NULL(wr)) {
            if (wk_err_occurred()) return WK_NULLV;
            return wk_raise(wk_exc_AttributeError, "'%s' object has no attribute 'write'", wk_typename(f));
        }
        wk_decref(wr);
    }
    save_ctx c;
    memset(&c, 0, sizeof c);
    c.path = is_path ? wk_str_cstr(f) : NULL;
    archive_name(c.path, c.archive, sizeof c.archive);
    if (!wk_pickle_dump(obj, &c.po)) return WK_NULLV;
    bool ok = is_path ? wk_ckpt_write_atomic(c.path, write_archive, &c) : save_to_fileobj(&c, f);
    wk_pickle_out_free(&c.po);
    return ok ? WK_NONEV : WK_NULLV;
}

/* ================================================================ load */

typedef struct {
    char key[64];
    wk_tensor *base;
} cached_storage;

typedef struct {
    wk_zip_reader zip;
    char prefix[512];
    bool big_endian;
    wk_value map_location;     /* borrowed; WK_NULL or None = restore where saved */
    cached_storage *cache;
    int ncache, cap;
} load_ctx;

static wk_value rt_error(void) { return wk_bind_rt_raise(); }

static const wk_zip_entry *record(load_ctx *c, const char *rec) {
    char name[sizeof c->prefix + 128];
    snprintf(name, sizeof name, "%s/%s", c->prefix, rec);
    return wk_zip_find(&c->zip, name);
}

static void byteswap(unsigned char *p, size_t n, size_t es) {
    for (size_t i = 0; i + es <= n; i += es)
        for (size_t a = 0, b = es - 1; a < b; a++, b--) {
            unsigned char t = p[i + a]; p[i + a] = p[i + b]; p[i + b] = t;
        }
}

/* The device a location tag ("cpu", "cuda:0") is restored to under map_location. */
static bool target_device(load_ctx *c, const char *location, wk_device *out, bool *explicit_map) {
    wk_value m = c->map_location;
    *explicit_map = false;
    if (!WK_IS_NULL(m) && !WK_IS_NONE(m) && (wk_is_str(m) || m.u.o->type == &wk_torch_device_type)) {
        *explicit_map = true;
        return wk_bind_device_arg(m, out);
    }
    if (!WK_IS_NULL(m) && wk_isinstance_t(m, &wk_type_dict)) {
        wk_value loc = wk_str_from_c(location), v;
        int found = WK_IS_NULL(loc) ? -1 : wk_dict_lookup(m.u.o, loc, &v);
        wk_decref(loc);
        if (found < 0) return false;
        if (found) { *explicit_map = true; return wk_bind_device_arg(v, out); }
    }
    if (!wk_device_parse(location, out)) {
        wk_raise(wk_exc_RuntimeError, "don't know how to restore data location of torch.storage.UntypedStorage (tagged with %s)", location);
        return false;
    }
    return true;
}

static bool check_restore(wk_device d, bool explicit_map) {
    if (d.type != WK_DEV_CUDA) return true;
    if (explicit_map) return wk_bind_device_check(d);
    if (!wk_backend_available(WK_DEV_CUDA)) {
        wk_raise(wk_exc_RuntimeError, "Attempting to deserialize object on a CUDA device but torch.cuda.is_available() "
                 "is False. If you are running on a CPU-only machine, please use torch.load with "
                 "map_location=torch.device('cpu') to map your storages to the CPU.");
        return false;
    }
    int n = wk_backend_device_count(WK_DEV_CUDA);
    if (d.index >= n) {
        wk_raise(wk_exc_RuntimeError, "Attempting to deserialize object on CUDA device %d but torch.cuda.device_count() "
                 "is %d. Please use torch.load with map_location to map your storages to an existing device.", d.index, n);
        return false;
    }
    return true;
}

/* map_location(storage, location) for a callable: the storage is passed as a 1-D CPU tensor;
 * the result (a tensor over the whole storage) replaces it; None keeps the default. */
static wk_tensor *map_with_callable(load_ctx *c, wk_tensor *cpu, const char *location, bool *used) {
    *used = false;
    wk_value m = c->map_location;
    if (WK_IS_NULL(m) || WK_IS_NONE(m) || wk_is_str(m) || wk_isinstance_t(m, &wk_type_dict) ||
        m.u.o->type == &wk_torch_device_type)
        return cpu;
    wk_value t = wk_bind_wrap(wk_tensor_incref(cpu)), loc = wk_str_from_c(location);
    wk_value r = WK_IS_NULL(t) || WK_IS_NULL(loc) ? WK_NULLV : wk_call2(m, t, loc);
    wk_decref(t);
    wk_decref(loc);
    if (WK_IS_NULL(r)) { wk_tensor_decref(cpu); return NULL; }
    if (WK_IS_NONE(r)) return cpu;
    wk_tensor *rt = wk_bind_is_tensor(r) ? wk_bind_t(r) : NULL;
    if (!rt || rt->ndim != 1 || rt->shape[0] != cpu->shape[0] || rt->offset != 0 || rt->dtype != cpu->dtype ||
        (rt->shape[0] > 1 && rt->stride[0] != 1)) {
        wk_decref(r);
        wk_tensor_decref(cpu);
        wk_raise(wk_exc_TypeError, "map_location callable must return the storage it was given (or a copy of it on another device)");
        return NULL;
    }
    *used = true;
    wk_tensor_incref(rt);
    wk_decref(r);
    wk_tensor_decref(cpu);
    return rt;
}

/* Reads data/<key> into a CPU tensor of numel elements. */
static wk_tensor *read_storage(load_ctx *c, const char *key, wk_dtype dt, int64_t numel) {
    char rec[96];
    snprintf(rec, sizeof rec, "data/%s", key);
    const wk_zip_entry *e = record(c, rec);
    if (!e) {
        wk_raise(wk_exc_RuntimeError, "PytorchStreamReader failed locating file %s: file not found", rec);
        return NULL;
    }
    const unsigned char *p;
    size_t n;
    if (!wk_zip_read(&c->zip, e, &p, &n)) { rt_error(); return NULL; }
    size_t es = wk_dtype_size(dt);
    if ((uint64_t)numel > (uint64_t)n / es || (size_t)numel * es != n) {
        wk_raise(wk_exc_RuntimeError, "PytorchStreamReader failed reading file %s: record has %zu bytes, but the "
                 "storage needs %lld elements of %zu bytes", rec, n, (long long)numel, es);
        return NULL;
    }
    wk_tensor *t = wk_tensor_empty(1, &numel, dt, WK_CPU);
    if (!t) { rt_error(); return NULL; }
    if (n) memcpy(wk_tensor_data(t), p, n);
    if (c->big_endian && es > 1) byteswap(wk_tensor_data(t), n, es);
    return t;
}

static wk_tensor *load_storage(void *ctxp, const char *key, wk_dtype dt, int64_t numel, const char *location) {
    load_ctx *c = ctxp;
    for (int i = 0; i < c->ncache; i++)
        if (!strcmp(c->cache[i].key, key)) {
            if (c->cache[i].base->dtype != dt) { wk_pickle_error("storage %s used with two dtypes", key); return NULL; }
            return wk_tensor_incref(c->cache[i].base);
        }
    if (strlen(key) >= sizeof c->cache[0].key) { wk_pickle_error("storage key too long"); return NULL; }
    if (c->ncache == c->cap) {
        int cap = c->cap ? 2 * c->cap : 16;
        cached_storage *nc = realloc(c->cache, (size_t)cap * sizeof *nc);
        if (!nc) { wk_raise_nomem(); return NULL; }
        c->cache = nc;
        c->cap = cap;
    }
    wk_tensor *t = read_storage(c, key, dt, numel);
    bool used = false;
    if (t) t = map_with_callable(c, t, location, &used);
    if (t && !used) {
        wk_device d;
        bool explicit_map;
        if (!target_device(c, location, &d, &explicit_map) || !check_restore(d, explicit_map)) {
            wk_tensor_decref(t);
            return NULL;
        }
        if (d.type != WK_DEV_CPU) {
            wk_tensor *moved = wk_tensor_to_device(t, d);
            wk_tensor_decref(t);
            if (!moved) { rt_error(); return NULL; }
            t = moved;
        }
    }
    if (!t) return NULL;
    snprintf(c->cache[c->ncache].key, sizeof c->cache[0].key, "%s", key);
    c->cache[c->ncache++].base = t;
    return wk_tensor_incref(t);
}

static bool set_prefix(load_ctx *c) {
    if (!c->zip.n) {
        wk_raise(wk_exc_RuntimeError, "PytorchStreamReader failed locating file data.pkl: file not found");
        return false;
    }
    const char *first = c->zip.entries[0].name, *slash = strchr(first, '/');
    size_t n = slash ? (size_t)(slash - first) : 0;
    if (n >= sizeof c->prefix) n = 0;
    memcpy(c->prefix, first, n);
    c->prefix[n] = 0;
    const wk_zip_entry *bo = record(c, "byteorder");
    const unsigned char *p;
    size_t len;
    if (bo && wk_zip_read(&c->zip, bo, &p, &len)) c->big_endian = len == 3 && !memcmp(p, "big", 3);
    else if (bo) return rt_error(), false;
    return true;
}

static wk_value load_archive(load_ctx *c, const unsigned char *data, size_t n) {
    if (n >= 2 && data[0] == 0x80)
        return wk_raise(wk_exc_RuntimeError, "this file uses the legacy (pre-1.6, non-zip) torch.save format, which "
                        "wick cannot load; re-save it with PyTorch >= 1.6 (the zip format is the default)");
    if (!wk_zip_open(&c->zip, data, n)) return rt_error();
    if (!set_prefix(c)) return WK_NULLV;
    const wk_zip_entry *pk = record(c, "data.pkl");
    if (!pk) return wk_raise(wk_exc_RuntimeError, "PytorchStreamReader failed locating file data.pkl: file not found");
    const unsigned char *p;
    size_t len;
    if (!wk_zip_read(&c->zip, pk, &p, &len)) return rt_error();
    return wk_pickle_load(p, len, load_storage, c);
}

static bool valid_map_location(wk_value m) {
    if (WK_IS_NULL(m) || WK_IS_NONE(m) || wk_is_str(m) || wk_isinstance_t(m, &wk_type_dict) || wk_callable(m) ||
        (WK_IS_OBJ(m) && m.u.o->type == &wk_torch_device_type))
        return true;
    wk_raise(wk_exc_TypeError, "map_location should be a string, a torch.device, a dict or a callable, not %s", wk_typename(m));
    return false;
}

static bool read_source(wk_value f, unsigned char **data, size_t *n) {
    if (wk_is_str(f)) return wk_ckpt_read_file(wk_str_cstr(f), data, n);
    wk_value b = WK_IS_OBJ(f) ? wk_call_method_s(f, "read", NULL, 0) : WK_NULLV;
    if (WK_IS_NULL(b)) {
        if (!wk_err_occurred()) wk_raise(wk_exc_TypeError, "torch.load expects a path or a file object, not %s", wk_typename(f));
        return false;
    }
    bool ok = WK_IS_OBJ(b) && b.u.o->type == &wk_type_bytes;
    if (ok) {
        wk_bytes *by = (wk_bytes *)b.u.o;
        *n = (size_t)by->len;
        *data = malloc(*n ? *n : 1);
        if (*data) memcpy(*data, by->data, *n);
        else { wk_raise_nomem(); ok = false; }
    } else {
        wk_raise(wk_exc_TypeError, "read() should return bytes, not %s", wk_typename(b));
    }
    wk_decref(b);
    return ok;
}

wk_value wk_ckpt_load(wk_value f, wk_value map_location, wk_value weights_only) {
    if (!valid_map_location(map_location)) return WK_NULLV;
    unsigned char *data;
    size_t n;
    if (!read_source(f, &data, &n)) return WK_NULLV;
    load_ctx c;
    memset(&c, 0, sizeof c);
    c.map_location = map_location;
    wk_pickle_set_explicit_unsafe(WK_IS_BOOL(weights_only) && !weights_only.u.i);
    wk_value r = load_archive(&c, data, n);
    wk_pickle_set_explicit_unsafe(false);
    for (int i = 0; i < c.ncache; i++) wk_tensor_decref(c.cache[i].base);
    free(c.cache);
    wk_zip_close(&c.zip);
    free(data);
    return r;
}

/* ================================================================ torch.save / torch.load */

wk_value wk_ckpt_save_fn(const wk_value *args, int nargs, wk_obj *kwnames) {
    wk_value a[6];
    if (!wk_args_parse("save", args, nargs, kwnames,
                       "obj f|pickle_module pickle_protocol _use_new_zipfile_serialization _disable_byteorder_record", a))
        return WK_NULLV;
    if (WK_IS_BOOL(a[4]) && !a[4].u.i)
        return wk_raise(wk_exc_NotImplementedError, "wick writes only the zip format of torch.save "
                        "(_use_new_zipfile_serialization=False is not supported)");
    return wk_ckpt_save(a[0], a[1]);
}

wk_value wk_ckpt_load_fn(const wk_value *args, int nargs, wk_obj *kwnames) {
    wk_value a[5];
    if (!wk_args_parse("load", args, nargs, kwnames, "f|map_location pickle_module $weights_only mmap", a))
        return WK_NULLV;
    if (!WK_IS_NULL(a[2]) && !WK_IS_NONE(a[2]))
        return wk_raise(wk_exc_RuntimeError, "Can not safely load weights when explicit pickle_module is specified");
    return wk_ckpt_load(a[0], a[1], a[3]);
}

const wk_methoddef wk_ckpt_torch_funcs[] = {
    { "save", wk_ckpt_save_fn, 0, "torch.save(obj, f): writes PyTorch's zip checkpoint format (atomically for paths)." },
    { "load", wk_ckpt_load_fn, 0, "torch.load(f, map_location=None, *, weights_only=True): loads tensors and containers only." },
    { NULL, NULL, 0, NULL },
};
