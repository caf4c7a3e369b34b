/* autograd_views.c — in-place ops on views: CopySlices on the base and AsStridedBackward0 for the modified view. */
#include "autograd_impl.h"
#include "ops.h"
#include <stdlib.h>
#include <string.h>

/* Geometry of a tensor inside its storage, kept in a node's ext array. */
typedef struct geom {
    int ndim;
    const int64_t *shape, *stride;
    int64_t offset;
} geom;

#define GEOM_INTS (2 + 2 * WK_MAX_DIMS)

static int64_t *put_geom(int64_t *p, const wk_tensor *t) {
    *p++ = t->ndim;
    memcpy(p, t->shape, sizeof(int64_t) * (size_t)t->ndim);
    p += t->ndim;
    memcpy(p, t->stride, sizeof(int64_t) * (size_t)t->ndim);
    p += t->ndim;
    *p++ = t->offset;
    return p;
}

static const int64_t *get_geom(const int64_t *p, geom *g) {
    g->ndim = (int)*p++;
    g->shape = p;
    p += g->ndim;
    g->stride = p;
    p += g->ndim;
    g->offset = *p++;
    return p;
}

/* Records the base and view geometries in n->ext. */
static bool store_geoms(wk_node *n, const wk_tensor *base, const wk_tensor *view) {
    int64_t *p = malloc(sizeof(int64_t) * 2 * GEOM_INTS);
    if (!p) return wk_rt_err(WK_ERR_OOM, "out of memory");
    n->ext = p;
    n->n_ext = (int)(put_geom(put_geom(p, base), view) - p);
    return true;
}

/* A buffer laid out like the base (zeros or g's values) and, in *region, the view's place in it. */
static wk_tensor *base_buffer(const wk_node *n, wk_tensor *g, wk_dtype dt, wk_device dev, wk_tensor **region) {
    geom b, v;
    get_geom(get_geom(n->ext, &b), &v);
    wk_tensor *buf = wk_tensor_empty_strided(b.ndim, b.shape, b.stride, dt, dev);
    bool ok = buf && (g ? wk_tensor_copy_(buf, g) : wk_tensor_fill_(buf, wk_scalar_int(0)));
    *region = ok ? wk_tensor_as_strided(buf, v.ndim, v.shape, v.stride, buf->offset + v.offset - b.offset) : NULL;
    if (!*region) { wk_tensor_decref(buf); return NULL; }
    return buf;
}

/* Gradient of the base after base[view] was overwritten by the in-place op (edge 1): the view's
 * part goes to the op, the rest to the base's previous history (edge 0). */
static bool bw_copy_slices(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_tensor *region, *buf = base_buffer(n, g[0], g[0]->dtype, wk_tensor_device(g[0]), &region);
    if (!buf) return false;
    bool ok = true;
    if (n->next[1].fn) ok = (gin[1] = wk_tensor_clone(region)) != NULL;
    if (ok && n->next[0].fn) {
        ok = wk_tensor_fill_(region, wk_scalar_int(0));
        gin[0] = ok ? wk_tensor_incref(buf) : NULL;
    }
    wk_tensor_decref(region);
    wk_tensor_decref(buf);
    return ok;
}

/* Gradient of a view (re-expressed as as_strided of its base) with respect to the base. */
static bool bw_as_strided(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_tensor *region, *buf = base_buffer(n, NULL, g[0]->dtype, wk_tensor_device(g[0]), &region);
    bool ok = buf && wk_tensor_copy_(region, g[0]);
    wk_tensor_decref(region);
    if (!ok) { wk_tensor_decref(buf); return false; }
    gin[0] = buf;
    return true;
}

static bool view_node(const char *name, wk_backward_fn bw, wk_tensor *base, wk_tensor *view, wk_node **out) {
    wk_tensor *ins[2] = {base, NULL};
    wk_node *n = wk_ag_node(name, bw, bw == bw_copy_slices ? 2 : 1, ins, 1);
    if (!n) return false;
    if (!store_geoms(n, base, view)) { wk_node_decref(n); return false; }
    *out = n;
    return true;
}

bool wk_ag_copy_slices(wk_node *n, wk_tensor *base, wk_tensor *self) {
    if (!wk_tensor_is_dense(base) || base->storage != self->storage) return false;
    wk_node *cs, *as;
    if (!view_node("CopySlices", bw_copy_slices, base, self, &cs)) return false;
    cs->next[1] = (wk_edge){wk_node_incref(n), 0};
    wk_tmeta_of(&cs->in[1], self);
    wk_ag_reset_history(cs, 0, base);
    wk_node_decref(cs);
    if (!view_node("AsStridedBackward0", bw_as_strided, base, self, &as)) return false;
    wk_ag_reset_history(as, 0, self);
    wk_node_decref(as);
    return true;
}
