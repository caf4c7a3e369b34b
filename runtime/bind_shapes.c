/* bind_shapes.c — Tensor methods built from views and indexing: movedim/moveaxis, tile, flip, tensor_split, take, index_put_/index_fill_/index_copy_. */
#include <stdlib.h>
#include <string.h>
#include "bind.h"

#define SELF(args) wk_bind_t((args)[0])
#define PARSE(name, spec, out) wk_args_parse(name, args + 1, nargs - 1, kw, spec, out)

/* An int or a sequence of ints as a list of dims wrapped to ndim; duplicates refused. */
static bool dim_list(const char *what, wk_value v, int ndim, int *n, int64_t *out) {
    if (WK_IS_INT(v)) { *n = 1; out[0] = v.u.i; }
    else if (!wk_bind_int_list("movedim", v, n, out, WK_MAX_DIMS)) return false;
    for (int i = 0; i < *n; i++) {
        int d;
        if (!wk_wrap_dim(out[i], ndim ? ndim : 1, &d)) return wk_bind_rt_fail();
        out[i] = d;
        for (int j = 0; j < i; j++)
            if (out[j] == d) {
                char buf[256];
                wk_shape_str(buf, sizeof buf, *n, out);
                wk_raise(wk_exc_RuntimeError, "movedim: repeated dim in `%s` (%s)", what, buf);
                return false;
            }
    }
    return true;
}

/* movedim(source, destination): source dims land at destination, the rest keep their order. */
static wk_value m_movedim(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    wk_tensor *t = SELF(args);
    int ns, nd;
    int64_t src[WK_MAX_DIMS], dst[WK_MAX_DIMS], perm[WK_MAX_DIMS];
    if (!PARSE("movedim", "source destination", a) || !dim_list("source", a[0], t->ndim, &ns, src) ||
        !dim_list("destination", a[1], t->ndim, &nd, dst))
        return WK_NULLV;
    if (ns != nd) {
        char sb[256], db[256];
        wk_shape_str(sb, sizeof sb, ns, src);
        wk_shape_str(db, sizeof db, nd, dst);
        return wk_raise(wk_exc_RuntimeError, "movedim: Invalid source or destination dims: source (%s dims) should contain the same number of dims as destination (%s dims)", sb, db);
    }
    if (t->ndim == 0) return wk_bind_wrap(wk_op_view(t, 0, NULL));
    bool used_src[WK_MAX_DIMS] = { false }, used_dst[WK_MAX_DIMS] = { false };
    for (int i = 0; i < ns; i++) { perm[dst[i]] = src[i]; used_src[src[i]] = used_dst[dst[i]] = true; }
    for (int d = 0, s = 0; d < t->ndim; d++) {
        if (used_dst[d]) continue;
        while (used_src[s]) s++;
        perm[d] = s++;
    }
    return wk_bind_wrap(wk_op_permute(t, perm));
}

/* tile(dims): repeat with dims padded by leading 1s to the tensor's rank. */
static wk_value m_tile(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    wk_tensor *t = SELF(args);
    int n;
    int64_t reps[WK_MAX_DIMS + 1];
    if (!PARSE("tile", "dims", a) || !wk_bind_int_list("tile", a[0], &n, reps, WK_MAX_DIMS)) return WK_NULLV;
    if (n < t->ndim) {
        int pad = t->ndim - n;
        memmove(reps + pad, reps, (size_t)n * sizeof *reps);
        for (int i = 0; i < pad; i++) reps[i] = 1;
        n = t->ndim;
    }
    return wk_bind_wrap(wk_op_repeat(t, n, reps));
}

/* flip(*dims) / flip(dims): a copy with the listed dims reversed. */
static wk_value m_flip(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    wk_tensor *t = SELF(args);
    int n;
    int64_t dims[WK_MAX_DIMS];
    if (!wk_bind_kwargs("flip", args + 1, nargs - 1, kw, "|$dims", a)) return WK_NULLV;
    if (!WK_IS_NULL(a[0]) || (nargs == 2 && !WK_IS_INT(args[1]))) {   /* flip(dims=(0, 1)) / flip((0, 1)) */
        if (!wk_bind_int_list("flip", !WK_IS_NULL(a[0]) ? a[0] : args[1], &n, dims, WK_MAX_DIMS)) return WK_NULLV;
    } else {                                                            /* flip(0, 1) */
        if (nargs - 1 > WK_MAX_DIMS) return wk_raise(wk_exc_RuntimeError, "flip: too many dims");
        n = nargs - 1;
        for (int i = 0; i < n; i++)
            if (!wk_bind_int_arg("flip", "dims", args[1 + i], &dims[i])) return WK_NULLV;
    }
    return wk_bind_wrap(wk_op_flip(t, n, dims));
}

/* tensor_split(sections | indices, dim=0): views made with narrow. */
static wk_value m_tensor_split(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    wk_tensor *t = SELF(args);
    int64_t dim = 0, idx[1024];
    int n;
    if (!PARSE("tensor_split", "indices_or_sections|dim", a)) return WK_NULLV;
    if (!WK_IS_NULL(a[1]) && !wk_bind_int_arg("tensor_split", "dim", a[1], &dim)) return WK_NULLV;
    int d;
    if (t->ndim == 0)
        return wk_raise(wk_exc_RuntimeError, "tensor_split expected at least a 1-dimensional tensor, but got a tensor with 0 dims");
    if (!wk_wrap_dim(dim, t->ndim, &d)) return wk_bind_rt_raise();
    int64_t size = t->shape[d];
    if (WK_IS_INT(a[0])) {
        int64_t sections = a[0].u.i;
        if (sections <= 0) return wk_raise(wk_exc_RuntimeError, "number of sections must be larger than 0, got %lld", (long long)sections);
        if (sections > 1024) return wk_raise(wk_exc_NotImplementedError, "tensor_split into more than 1024 sections is not supported in wick");
        n = (int)sections - 1;
        for (int64_t i = 0, at = 0; i < n; i++) { at += size / sections + (i < size % sections); idx[i] = at; }
    } else if (!wk_bind_int_list("tensor_split", a[0], &n, idx, 1023)) {
        return WK_NULLV;
    }
    wk_tensor **parts = calloc((size_t)n + 1, sizeof *parts);
    if (!parts) return wk_raise_nomem();
    int64_t start = 0;
    bool ok = true;
    for (int i = 0; i <= n && ok; i++) {
        int64_t end = i < n ? idx[i] : size;   /* piece i spans [idx[i-1], idx[i]), clamped, maybe empty */
        if (end < 0) end += size;
        end = end < 0 ? 0 : end > size ? size : end;
        ok = (parts[i] = wk_op_narrow(t, d, start, end > start ? end - start : 0)) != NULL;
        start = end;
    }
    if (!ok) {
        for (int i = 0; i <= n; i++) wk_tensor_decref(parts[i]);
        free(parts);
        return wk_bind_rt_raise();
    }
    wk_value r = wk_bind_tuple_of(parts, n + 1);
    free(parts);
    return r;
}

/* take(index): elements of the flattened tensor, shaped like index. */
static wk_value m_take(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[1];
    wk_tensor *t = SELF(args), *ix;
    if (!PARSE("take", "index", a) || !wk_bind_tensor_arg("take", "index", 1, a[0], &ix)) return WK_NULLV;
    return wk_bind_wrap(wk_op_take(t, ix));
}

/* Number or tensor value for the index writes. */
static bool value_arg(wk_value v, wk_val *out) {
    wk_scalar sc;
    if (wk_bind_is_tensor(v)) { *out = wk_vt(wk_bind_t(v)); return true; }
    if (!wk_bind_scalar(v, &sc)) return false;
    *out = wk_vs(sc);
    return true;
}

/* self[indices] = values (accumulate: +=), in place or on a clone. */
static wk_value index_put_call(const wk_value *args, int nargs, wk_obj *kw, bool inplace) {
    const char *f = inplace ? "index_put_" : "index_put";
    wk_value a[3];
    wk_val val;
    bool acc = false;
    if (!PARSE(f, "indices values|accumulate", a) || !value_arg(a[1], &val) || !wk_bind_bool_arg(a[2], false, &acc))
        return WK_NULLV;
    if (!wk_is_tuple(a[0]) && !wk_is_list(a[0]))
        return wk_raise(wk_exc_TypeError, "%s(): argument 'indices' (position 1) must be tuple of Tensors, not %s", f, wk_typename(a[0]));
    wk_obj *seq = a[0].u.o;
    int64_t n = wk_is_tuple(a[0]) ? WK_TUPLE(seq)->len : WK_LIST(seq)->len;
    const wk_value *items = wk_is_tuple(a[0]) ? WK_TUPLE(seq)->items : WK_LIST(seq)->items;
    wk_tensor *ix[WK_MAX_DIMS];
    if (n > SELF(args)->ndim) return wk_raise(wk_exc_IndexError, "too many indices for tensor of dimension %d", SELF(args)->ndim);
    for (int64_t i = 0; i < n; i++) {
        if (WK_IS_NONE(items[i])) { ix[i] = NULL; continue; }
        if (!wk_bind_tensor_arg(f, "indices", 1, items[i], &ix[i])) return WK_NULLV;
    }
    wk_tensor *t = inplace ? wk_tensor_incref(SELF(args)) : wk_op_clone(SELF(args));
    if (!t) return wk_bind_rt_raise();
    if (!wk_op_index_put_(t, (int)n, ix, val, acc)) { wk_tensor_decref(t); return wk_bind_rt_raise(); }
    if (inplace) { wk_tensor_decref(t); return wk_incref(args[0]); }
    return wk_bind_wrap(t);
}
static wk_value m_index_put_(const wk_value *args, int nargs, wk_obj *kw) { return index_put_call(args, nargs, kw, true); }
static wk_value m_index_put(const wk_value *args, int nargs, wk_obj *kw) { return index_put_call(args, nargs, kw, false); }

/* index_fill_(dim, index, value) / index_copy_(dim, index, source): self[:, ..., index] = value. */
static wk_value index_dim_write(const wk_value *args, int nargs, wk_obj *kw, const char *f, bool copy) {
    wk_value a[3];
    wk_tensor *t = SELF(args), *index, *list[WK_MAX_DIMS];
    int64_t dim;
    int d;
    wk_val val;
    if (!PARSE(f, copy ? "dim index source" : "dim index value", a) || !wk_bind_int_arg(f, "dim", a[0], &dim) ||
        !wk_bind_tensor_arg(f, "index", 2, a[1], &index) || !value_arg(a[2], &val))
        return WK_NULLV;
    if (!wk_wrap_dim(dim, t->ndim ? t->ndim : 1, &d)) return wk_bind_rt_raise();
    if (index->ndim > 1) return wk_raise(wk_exc_IndexError, "%s(): Index is supposed to be a vector", f);
    if (index->dtype != WK_DT_I64) return wk_raise(wk_exc_RuntimeError, "%s(): Expected dtype int64 for index", f);
    if (copy && !val.t) return wk_raise(wk_exc_TypeError, "%s(): argument 'source' (position 3) must be Tensor, not %s", f, wk_typename(a[2]));
    if (t->ndim == 0) return wk_raise(wk_exc_NotImplementedError, "%s on a 0-dim tensor is not supported in wick", f);
    for (int i = 0; i < d; i++) list[i] = NULL;
    list[d] = index;
    return wk_op_index_put_(t, d + 1, list, val, false) ? wk_incref(args[0]) : wk_bind_rt_raise();
}
static wk_value m_index_fill_(const wk_value *args, int nargs, wk_obj *kw) { return index_dim_write(args, nargs, kw, "index_fill_", false); }
static wk_value m_index_copy_(const wk_value *args, int nargs, wk_obj *kw) { return index_dim_write(args, nargs, kw, "index_copy_", true); }

const wk_methoddef wk_bind_shape_methods[] = {
    { "index_put_", m_index_put_, 0, NULL }, { "index_put", m_index_put, 0, NULL },
    { "index_fill_", m_index_fill_, 0, NULL }, { "index_copy_", m_index_copy_, 0, NULL },
    { "movedim", m_movedim, 0, NULL }, { "moveaxis", m_movedim, 0, NULL }, { "tile", m_tile, 0, NULL },
    { "flip", m_flip, 0, NULL }, { "tensor_split", m_tensor_split, 0, NULL }, { "take", m_take, 0, NULL },
    { NULL, NULL, 0, NULL }
};
