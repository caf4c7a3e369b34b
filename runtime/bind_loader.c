/* bind_loader.c — torch._C._loader.RowLoader: DataLoader's threaded batches of TensorDataset rows (runtime/loader.c) for torch/utils/data/dataloader.py. */
#include "bind.h"
#include "loader.h"

typedef struct {
    wk_obj ob;
    wk_loader *l;   /* NULL once closed */
    int nsrc;
} rowloader;

static wk_type g_rowloader_type;

static rowloader *self_of(const wk_value *args) { return (rowloader *)args[0].u.o; }

static bool open_loader(rowloader *r) {
    if (r->l) return true;
    wk_raise(wk_exc_ValueError, "RowLoader is closed");
    return false;
}

/* The sources: a list or tuple of CPU tensors that do not require grad. */
static bool source_args(wk_value seq, wk_tensor **ts, int *n) {
    if (!wk_is_list(seq) && !wk_is_tuple(seq)) {
        wk_raise(wk_exc_TypeError, "RowLoader(): tensors must be a list or tuple, not %s", wk_typename(seq));
        return false;
    }
    int64_t len = wk_is_list(seq) ? WK_LIST(seq.u.o)->len : WK_TUPLE(seq.u.o)->len;
    const wk_value *items = wk_is_list(seq) ? WK_LIST(seq.u.o)->items : WK_TUPLE(seq.u.o)->items;
    if (len < 1 || len > 64) {
        wk_raise(wk_exc_ValueError, "RowLoader(): expected 1 to 64 tensors, got %lld", (long long)len);
        return false;
    }
    for (int64_t i = 0; i < len; i++) {
        if (!wk_bind_tensor_arg("RowLoader", "tensors", 1, items[i], &ts[i])) return false;
        if (ts[i]->requires_grad || ts[i]->storage->device.type != WK_DEV_CPU) {
            wk_raise(wk_exc_ValueError, "RowLoader(): tensors must be CPU tensors that do not require grad");
            return false;
        }
    }
    *n = (int)len;
    return true;
}

static wk_value rowloader_new(wk_type *type, const wk_value *args, int nargs, wk_obj *kw) {
    (void)type;
    wk_value a[3];
    wk_tensor *ts[64];
    int n = 0;
    int64_t workers, cap;
    if (!wk_args_parse("RowLoader", args, nargs, kw, "tensors num_workers capacity", a) ||
        !source_args(a[0], ts, &n) || !wk_bind_int_arg("RowLoader", "num_workers", a[1], &workers) ||
        !wk_bind_int_arg("RowLoader", "capacity", a[2], &cap))
        return WK_NULLV;
    if (workers < 1 || cap < 1 || cap > 1 << 20)
        return wk_raise(wk_exc_ValueError, "RowLoader(): num_workers must be >= 1 and capacity in [1, 2**20]");
    rowloader *r = (rowloader *)wk_obj_alloc(&g_rowloader_type);
    if (!r) return WK_NULLV;
    r->nsrc = n;
    r->l = wk_loader_new(n, ts, workers > WK_LOADER_MAX_WORKERS ? WK_LOADER_MAX_WORKERS : (int)workers, (int)cap);
    if (!r->l) { wk_obj_decref(&r->ob); return wk_bind_rt_raise(); }
    return wk_objv(&r->ob);
}

static void rowloader_dealloc(wk_obj *o) {
    wk_loader_free(((rowloader *)o)->l);   /* stops and joins the workers */
    wk_obj_free(o);
}

/* Plain ints in [-rows, rows) (negatives wrapped as t[i] does) into idx; false when the
 * batch has anything else (the caller then makes it itself, raising what PyTorch raises). */
static bool plain_indices(wk_value seq, int64_t rows, int64_t **out, int64_t *n) {
    if (!wk_is_list(seq) && !wk_is_tuple(seq)) return false;
    int64_t len = wk_is_list(seq) ? WK_LIST(seq.u.o)->len : WK_TUPLE(seq.u.o)->len;
    const wk_value *items = wk_is_list(seq) ? WK_LIST(seq.u.o)->items : WK_TUPLE(seq.u.o)->items;
    if (len < 1) return false;
    int64_t *idx = malloc((size_t)len * sizeof *idx);
    if (!idx) return false;
    for (int64_t i = 0; i < len; i++) {
        int64_t v = items[i].u.i;
        if (!WK_IS_INT(items[i]) || v < -rows || v >= rows) { free(idx); return false; }
        idx[i] = v < 0 ? v + rows : v;
    }
    *out = idx;
    *n = len;
    return true;
}

/* put(indices) -> True when the batch was queued for the workers, False when the caller
 * must make it (indices that are not plain in-range ints, or an empty batch). */
static wk_value rowloader_put(const wk_value *args, int nargs, wk_obj *kw) {
    rowloader *r = self_of(args);
    wk_value a[1];
    int64_t *idx = NULL, n = 0;
    if (!wk_args_parse("put", args + 1, nargs - 1, kw, "indices", a) || !open_loader(r)) return WK_NULLV;
    if (!plain_indices(a[0], wk_loader_rows(r->l), &idx, &n)) return WK_FALSEV;
    bool ok = wk_loader_put(r->l, idx, n);
    free(idx);
    return ok ? WK_TRUEV : wk_bind_rt_raise();
}

static bool keep_waiting(void *ctx) { (void)ctx; return !wk_interrupt_pending; }

/* take(timeout=0) -> tuple of tensors for the oldest queued batch; None when nothing is
 * queued; False when timeout (seconds, > 0) passed first. KeyboardInterrupt while waiting
 * leaves the batch queued. */
static wk_value rowloader_take(const wk_value *args, int nargs, wk_obj *kw) {
    rowloader *r = self_of(args);
    wk_value a[1];
    double timeout = 0;
    if (!wk_args_parse("take", args + 1, nargs - 1, kw, "|timeout", a) || !open_loader(r)) return WK_NULLV;
    if (!WK_IS_NULL(a[0]) && !WK_IS_NONE(a[0])) {
        wk_scalar s;
        if (!wk_bind_scalar(a[0], &s)) return WK_NULLV;
        timeout = wk_scalar_to_f64(s);
    }
    wk_tensor *out[64];
    for (;;) {
        switch (wk_loader_take(r->l, out, timeout, keep_waiting, NULL)) {
        case WK_LOADER_OK: return wk_bind_tuple_of(out, r->nsrc);
        case WK_LOADER_EMPTY: return WK_NONEV;
        case WK_LOADER_TIMEOUT: return WK_FALSEV;
        case WK_LOADER_STOPPED:
            if (!wk_check_interrupt()) return WK_NULLV;   /* KeyboardInterrupt */
            break;                                         /* already handled: wait on */
        default: return wk_bind_rt_raise();
        }
    }
}

/* close(): stops and joins the workers, drops queued batches; idempotent. */
static wk_value rowloader_close(const wk_value *args, int nargs, wk_obj *kw) {
    rowloader *r = self_of(args);
    if (!wk_args_none("close", nargs - 1, kw)) return WK_NULLV;
    wk_loader_free(r->l);
    r->l = NULL;
    return WK_NONEV;
}

static wk_value rowloader_pending(wk_value self) {
    rowloader *r = (rowloader *)self.u.o;
    return wk_int(r->l ? wk_loader_pending(r->l) : 0);
}

static const wk_methoddef rowloader_methods[] = {
    { "put", rowloader_put, 0, NULL }, { "take", rowloader_take, 0, NULL },
    { "close", rowloader_close, 0, NULL }, { NULL, NULL, 0, NULL }
};
static const wk_getsetdef rowloader_getsets[] = {
    { "pending", rowloader_pending, NULL, "batches queued and not yet taken" }, { NULL, NULL, NULL, NULL }
};

static wk_type g_rowloader_type = {
    .ob = { (int64_t)1 << 60, &wk_type_type }, .name = "RowLoader", .base = &wk_type_object,
    .basicsize = sizeof(rowloader), .module = "torch._C._loader", .dealloc = rowloader_dealloc,
    .new = rowloader_new,
};

/* torch._C._loader (also in sys.modules); torch._C must exist already (bind_nn.c). */
bool wk_bind_loader_module(wk_obj *torch) {
    static bool ready;
    if (!ready && (!wk_type_ready(&g_rowloader_type) || !wk_type_add_methods(&g_rowloader_type, rowloader_methods) ||
                   !wk_type_add_getsets(&g_rowloader_type, rowloader_getsets)))
        return false;
    ready = true;
    wk_value c = wk_getattr_s(wk_objv(torch), "_C");
    if (WK_IS_NULL(c)) return false;
    wk_obj *m = wk_module_new("torch._C._loader");
    bool ok = m && wk_module_add(m, "RowLoader", wk_objv(&g_rowloader_type.ob)) &&
              wk_module_add(c.u.o, "_loader", wk_objv(m)) &&
              wk_dict_set_s(wk_vm_state.modules, "torch._C._loader", wk_objv(m)) == 0;
    if (m) wk_obj_decref(m);
    wk_decref(c);
    return ok;
}
