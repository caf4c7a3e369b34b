/* bind_index.c — Tensor.__getitem__ / __setitem__: basic indexing as views, then advanced (tensor, list, mask) indexing. */
#include <string.h>
#include "bind.h"

#define MAX_ITEMS 64

typedef struct {
    wk_tensor *view;             /* result of the basic part (new reference) */
    int nadv;                    /* advanced indices */
    int adv_dim[MAX_ITEMS];      /* their dim in view */
    wk_tensor *adv[MAX_ITEMS];   /* new references */
} indexing;

static void indexing_free(indexing *ix) {
    wk_tensor_decref(ix->view);
    for (int i = 0; i < ix->nadv; i++) wk_tensor_decref(ix->adv[i]);
}

static bool is_adv(wk_value v) { return wk_bind_is_tensor(v) || wk_is_list(v); }

/* Dims an index item consumes from the tensor. */
static int consumes(wk_value v) {
    if (WK_IS_NONE(v) || (WK_IS_OBJ(v) && wk_is(v, wk_ellipsis())) || WK_IS_BOOL(v)) return 0;
    if (wk_bind_is_tensor(v)) {
        wk_tensor *t = wk_bind_t(v);
        return t->dtype == WK_DT_BOOL || t->dtype == WK_DT_U8 ? (t->ndim ? t->ndim : 0) : 1;
    }
    return 1;
}

static bool is_ellipsis(wk_value v) {
    if (!WK_IS_OBJ(v)) return false;
    wk_value e = wk_ellipsis();
    bool r = wk_is(v, e);
    wk_decref(e);
    return r;
}

static bool replace(wk_tensor **cur, wk_tensor *next) {
    if (!next) return wk_bind_rt_fail();
    wk_tensor_decref(*cur);
    *cur = next;
    return true;
}

static bool apply_slice(wk_tensor **cur, int d, wk_value key) {
    wk_slice *s = (wk_slice *)key.u.o;
    int64_t start = 0, stop = 0, step = 1;
    bool hs = !WK_IS_NONE(s->start) && !WK_IS_NULL(s->start), he = !WK_IS_NONE(s->stop) && !WK_IS_NULL(s->stop);
    if ((hs && !wk_as_index(s->start, &start)) || (he && !wk_as_index(s->stop, &stop))) return false;
    if (!WK_IS_NONE(s->step) && !WK_IS_NULL(s->step) && !wk_as_index(s->step, &step)) return false;
    if (step == 0) { wk_raise(wk_exc_ValueError, "slice step cannot be zero"); return false; }
    if (step < 0) { wk_raise(wk_exc_ValueError, "step must be greater than zero"); return false; }
    return replace(cur, wk_op_slice(*cur, d, hs, start, he, stop, step));
}

static bool add_adv(indexing *ix, int d, wk_value key) {
    wk_tensor *t;
    if (wk_bind_is_tensor(key)) t = wk_tensor_incref(wk_bind_t(key));
    else if (!(t = wk_bind_from_data(key, wk_is_list(key) && WK_LIST(key.u.o)->len == 0 ? WK_DT_I64 : WK_NO_DTYPE)))
        return false;   /* an empty list indexes nothing (int64, not the default float) */
    if (ix->nadv == MAX_ITEMS) { wk_tensor_decref(t); wk_raise(wk_exc_IndexError, "too many indices"); return false; }
    ix->adv_dim[ix->nadv] = d;
    ix->adv[ix->nadv++] = t;
    return true;
}

/* NumPy's legacy rule that PyTorch keeps: a short list holding sequences, tensors, slices,
 * None or ... is read as a tuple of indices (x[[[0, 1], [1, 0]]] == x[[0, 1], [1, 0]]). */
static bool list_as_tuple(wk_value key) {
    if (!wk_is_list(key) || WK_LIST(key.u.o)->len >= 32) return false;
    for (int64_t i = 0; i < WK_LIST(key.u.o)->len; i++) {
        wk_value v = WK_LIST(key.u.o)->items[i];
        if (WK_IS_NONE(v) || is_ellipsis(v) || wk_bind_is_tensor(v) || wk_is_list(v) || wk_is_tuple(v) ||
            (WK_IS_OBJ(v) && v.u.o->type == &wk_type_slice))
            return true;
    }
    return false;
}

/* Applies ints, slices, None and ... as views; records advanced indices. */
static bool basic_part(wk_tensor *t, wk_value key, indexing *ix) {
    memset(ix, 0, sizeof *ix);
    ix->view = wk_tensor_incref(t);
    const wk_value *items = &key;
    int64_t n = 1;
    if (wk_is_tuple(key)) { items = WK_TUPLE(key.u.o)->items; n = WK_TUPLE(key.u.o)->len; }
    else if (list_as_tuple(key)) { items = WK_LIST(key.u.o)->items; n = WK_LIST(key.u.o)->len; }
    int total = 0;
    for (int64_t i = 0; i < n; i++) total += consumes(items[i]);
    if (total > t->ndim) {
        if (t->ndim == 0 && WK_IS_OBJ(items[0]) && items[0].u.o->type == &wk_type_slice)
            wk_raise(wk_exc_IndexError, "slice() cannot be applied to a 0-dim tensor.");
        else if (t->ndim == 0 && !wk_bind_is_tensor(items[0]))
            wk_raise(wk_exc_IndexError, "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number");
        else
            wk_raise(wk_exc_IndexError, "too many indices for tensor of dimension %d", t->ndim);
        return false;
    }
    int d = 0, od = 0;   /* dim in the view, dim of the original tensor */
    for (int64_t i = 0; i < n; i++) {
        wk_value k = items[i];
        if (wk_bind_is_tensor(k) && wk_bind_t(k)->ndim == 0 && wk_bind_t(k)->dtype == WK_DT_BOOL)
            k = wk_bool(wk_scalar_to_i64(wk_tensor_get_flat(wk_bind_t(k), 0)) != 0);   /* like a Python bool */
        if (WK_IS_FLOAT(k)) {
            wk_raise(wk_exc_IndexError, "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got float)");
            return false;
        }
        if (WK_IS_NONE(k)) {
            if (!replace(&ix->view, wk_op_unsqueeze(ix->view, d))) return false;
            d++;
            od++;   /* PyTorch's error messages count None as a dim */
        } else if (is_ellipsis(k)) {
            d += t->ndim - total;
            od += t->ndim - total;
        } else if (WK_IS_INT(k) || (WK_IS_OBJ(k) && !is_adv(k) && k.u.o->type != &wk_type_slice && !WK_IS_BOOL(k))) {
            int64_t v;
            if (!WK_IS_INT(k) && !wk_as_index(k, &v)) {
                wk_err_clear();
                wk_raise(wk_exc_IndexError, "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got %s)", wk_typename(k));
                return false;
            }
            if (WK_IS_INT(k)) v = k.u.i;
            int64_t size = ix->view->shape[d];
            if (v < -size || v >= size) {
                wk_raise(wk_exc_IndexError, "index %lld is out of bounds for dimension %d with size %lld", (long long)v, od,
                         (long long)size);
                return false;
            }
            if (!replace(&ix->view, wk_op_select(ix->view, d, v))) return false;
            od++;
        } else if (WK_IS_OBJ(k) && k.u.o->type == &wk_type_slice) {
            if (!apply_slice(&ix->view, d, k)) return false;
            d++;
            od++;
        } else if (WK_IS_BOOL(k)) {   /* x[True] adds a dim of size 1, x[False] one of size 0 */
            if (!replace(&ix->view, wk_op_unsqueeze(ix->view, d))) return false;
            if (!k.u.i && !replace(&ix->view, wk_op_slice(ix->view, d, true, 0, true, 0, 1))) return false;
            d++;
        } else {
            if (!add_adv(ix, d, k)) return false;
            d += consumes(k);
            od += consumes(k);
        }
    }
    return true;
}

/* PyTorch's index list: one entry per dim up to the last advanced index (a mask covers
 * as many dims as it has), NULL for whole dims. */
static int index_list(const indexing *ix, wk_tensor **list) {
    int n = 0, d = 0;
    for (int i = 0; i < ix->nadv; i++) {
        while (d < ix->adv_dim[i]) { list[n++] = NULL; d++; }
        wk_tensor *a = ix->adv[i];
        list[n++] = a;
        d += (a->dtype == WK_DT_BOOL || a->dtype == WK_DT_U8) ? (a->ndim ? a->ndim : 0) : 1;
    }
    return n;
}

wk_value wk_bind_getitem(wk_value self, wk_value key) {
    indexing ix;
    if (!basic_part(wk_bind_t(self), key, &ix)) { indexing_free(&ix); return WK_NULLV; }
    if (ix.nadv == 0) {
        wk_tensor *v = ix.view;
        if (v == wk_bind_t(self)) v = wk_op_view(v, v->ndim, v->shape);
        else wk_tensor_incref(v);
        indexing_free(&ix);
        return wk_bind_wrap(v);
    }
    wk_tensor *list[WK_MAX_DIMS + MAX_ITEMS];
    int n = index_list(&ix, list);
    wk_tensor *r = wk_op_index(ix.view, n, list);
    indexing_free(&ix);
    return wk_bind_wrap(r);
}

int wk_bind_setitem(wk_value self, wk_value key, wk_value v) {
    if (WK_IS_NULL(v)) { wk_raise(wk_exc_TypeError, "'Tensor' object does not support item deletion"); return -1; }
    wk_val val;
    if (wk_bind_is_tensor(v)) val = wk_vt(wk_bind_t(v));
    else if (wk_bind_is_number(v)) { wk_scalar s; wk_bind_scalar(v, &s); val = wk_vs(s); }
    else if (wk_is_str(v)) {
        wk_raise(wk_exc_TypeError, "can't assign a str to a torch.%sTensor", wk_dtype_scalar_name(wk_bind_t(self)->dtype));
        return -1;
    } else {
        wk_tensor *t = wk_bind_from_data(v, (int)wk_bind_t(self)->dtype);
        if (!t) return -1;
        wk_value w = wk_bind_wrap(t);
        if (WK_IS_NULL(w)) return -1;
        int r = wk_bind_setitem(self, key, w);
        wk_decref(w);
        return r;
    }
    indexing ix;
    bool ok = basic_part(wk_bind_t(self), key, &ix);
    wk_tensor *stripped = NULL;   /* PyTorch drops leading size-1 dims of the value first */
    if (ok && val.t && val.t->ndim > 0 && val.t->shape[0] == 1) {
        int lead = 0;
        while (lead < val.t->ndim && val.t->shape[lead] == 1) lead++;
        stripped = wk_op_view(val.t, val.t->ndim - lead, val.t->shape + lead);
        if (!stripped) { indexing_free(&ix); wk_bind_rt_raise(); return -1; }
        val.t = stripped;
    }
    if (ok && ix.nadv == 0) {
        ok = val.t ? wk_op_copy_(ix.view, val.t) : wk_op_fill_(ix.view, val);
        if (!ok) wk_bind_rt_raise();
    } else if (ok) {
        wk_tensor *list[WK_MAX_DIMS + MAX_ITEMS];
        int n = index_list(&ix, list);
        ok = wk_op_index_put_(ix.view, n, list, val, false);
        if (!ok) wk_bind_rt_raise();
    }
    indexing_free(&ix);
    if (stripped) wk_tensor_decref(stripped);
    return ok ? 0 : -1;
}
