/* ops_elementwise.c — table-driven unary/binary/ternary ops: promotion, broadcasting, dispatch, in-place forms and their derivatives. */
#include "autograd_impl.h"
#include "ops.h"
#include "cpu_kernels.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ================================================================== operand preparation */

static wk_device val_device(wk_val a, wk_val b) {
    if (a.t && (a.t->ndim > 0 || !b.t)) return wk_tensor_device(a.t);
    if (b.t) return wk_tensor_device(b.t);
    return a.t ? wk_tensor_device(a.t) : WK_CPU;
}

static void rt_add(wk_result_type *rt, wk_val v) {
    if (v.t) wk_result_type_tensor(rt, v.t->dtype, v.t->ndim);
    else wk_result_type_scalar(rt, v.s.kind);
}

wk_dtype wk_op_result_type(wk_val a, wk_val b) {
    wk_result_type rt;
    wk_result_type_init(&rt);
    rt_add(&rt, a);
    rt_add(&rt, b);
    return wk_result_type_get(&rt);
}

/* Devices of tensor operands must agree, except 0-dim CPU tensors (like wrapped numbers). */
static bool check_devices(int n, const wk_val *v) {
    wk_tensor *ts[4];
    int k = 0;
    bool any_big = false;
    for (int i = 0; i < n; i++) if (v[i].t && v[i].t->ndim > 0) any_big = true;
    for (int i = 0; i < n; i++) {
        if (!v[i].t) continue;
        if (any_big && v[i].t->ndim == 0 && wk_tensor_device(v[i].t).type == WK_DEV_CPU) continue;
        ts[k++] = v[i].t;
    }
    return wk_ops_same_device(k, ts);
}

/* The operand as a tensor of dtype dt on dev (not broadcast). New reference. */
static wk_tensor *converted(wk_val v, wk_dtype dt, wk_device dev) {
    if (!v.t) return wk_tensor_scalar(v.s, dt, dev);
    if (wk_device_eq(wk_tensor_device(v.t), dev)) return wk_tensor_to_dtype(v.t, dt, false);
    wk_tensor *m = wk_tensor_to_device(v.t, dev);
    wk_tensor *t = m ? wk_tensor_to_dtype(m, dt, false) : NULL;
    wk_tensor_decref(m);
    return t;
}

/* The operand as a tensor of dtype dt on dev, broadcast to (ndim, shape). New reference. */
static wk_tensor *operand(wk_val v, wk_dtype dt, wk_device dev, int ndim, const int64_t *shape) {
    wk_tensor *t = converted(v, dt, dev);
    if (!t) return NULL;
    wk_tensor *e = wk_tensor_expand(t, ndim, shape);
    wk_tensor_decref(t);
    return e;
}

/* A kernel input that costs no allocation in the common cases: the tensor itself when it
 * already has the dtype, device and shape; else a header on the caller's stack (a broadcast
 * view, or a CPU scalar stored in buf). Kernels only read it; it must not escape (never
 * saved, aliased or returned). */
typedef struct opnd {
    const wk_tensor *t;  /* what the kernel reads */
    wk_tensor *owned;    /* conversion to release, or NULL */
    wk_tensor hdr;
    wk_storage st;
    uint64_t buf;
} opnd;

static void hdr_init(opnd *o, const wk_tensor *src, wk_dtype dt, int ndim) {
    wk_tensor *h = &o->hdr;
    h->refcount = 1;
    h->storage = src ? src->storage : &o->st;
    h->offset = src ? src->offset : 0;
    h->ndim = ndim;
    h->dtype = dt;
    h->version = src ? src->version : NULL;
    h->requires_grad = false;
    h->grad = h->grad_fn = NULL;
    o->t = h;
}

/* View of src broadcast to (ndim, shape), which the caller has checked to be valid. */
static void hdr_expand(opnd *o, const wk_tensor *src, int ndim, const int64_t *shape) {
    hdr_init(o, src, src->dtype, ndim);
    int lead = ndim - src->ndim;
    for (int d = 0; d < ndim; d++) {
        o->hdr.shape[d] = shape[d];
        o->hdr.stride[d] = d < lead || src->shape[d - lead] != shape[d] ? 0 : src->stride[d - lead];
    }
}

static bool opnd_init(opnd *o, wk_val v, wk_dtype dt, wk_device dev, int ndim, const int64_t *shape) {
    o->owned = NULL;
    if (!v.t && dev.type == WK_DEV_CPU) {
        o->st = (wk_storage){.refcount = 1, .device = WK_CPU, .data = &o->buf, .nbytes = sizeof o->buf};
        wk_dtype_store_scalar(dt, &o->buf, v.s);
        hdr_init(o, NULL, dt, ndim);
        for (int d = 0; d < ndim; d++) { o->hdr.shape[d] = shape[d]; o->hdr.stride[d] = 0; }
        return true;
    }
    const wk_tensor *src = v.t;
    if (!src || src->dtype != dt || !wk_device_eq(wk_tensor_device(src), dev)) {
        if (!(o->owned = converted(v, dt, dev))) return false;
        src = o->owned;
    }
    if (src->ndim == ndim && !memcmp(src->shape, shape, sizeof(int64_t) * (size_t)ndim)) o->t = src;
    else hdr_expand(o, src, ndim, shape);
    return true;
}

static void opnd_release(opnd *o) { wk_tensor_decref(o->owned); }

static bool bshape(int n, const wk_val *v, int *nd, int64_t *shape) {
    *nd = 0;
    for (int i = 0; i < n; i++) {
        if (!v[i].t) continue;
        int64_t tmp[WK_MAX_DIMS];
        int tn;
        if (!wk_broadcast_shapes(*nd, shape, v[i].t->ndim, v[i].t->shape, &tn, tmp)) return false;
        *nd = tn;
        memcpy(shape, tmp, sizeof(int64_t) * (size_t)tn);
    }
    return true;
}

static const wk_backend *backend_of(wk_device dev) { return wk_backend_get(dev); }

/* ================================================================== in-place driver */

/* A history-carrying clone of self (same grad_fn edge) used as the operand of the out-of-place
 * op that an in-place op records. */
static wk_tensor *clone_with_edge(wk_tensor *self) {
    bool was = wk_grad_enabled();
    wk_grad_set_enabled(false);
    wk_tensor *c = wk_tensor_clone(self);
    wk_grad_set_enabled(was);
    if (!c) return NULL;
    wk_ameta *m = wk_ag_meta(self);
    if (m && m->grad_fn) {
        wk_ameta *cm = wk_ag_meta_get(c);
        if (!cm) { wk_tensor_decref(c); return NULL; }
        cm->grad_fn = wk_node_incref(m->grad_fn);
        cm->output_nr = m->output_nr;
    }
    c->requires_grad = self->requires_grad;
    return c;
}

typedef wk_tensor *(*oop_fn)(wk_tensor *self, void *ctx);

/* Runs an in-place op as "r = f(self); self.copy_(r)" and, when recording, moves r's grad_fn
 * onto self. others: the other tensor operands (for requires_grad). */
static bool inplace_apply(wk_tensor *self, int n, wk_tensor *const *others, oop_fn f, void *ctx) {
    if (!wk_ag_check_inplace(self)) return false;
    bool rec = wk_ag_needs(1, &self) || wk_ag_needs(n, others);
    wk_tensor *src = rec ? clone_with_edge(self) : self;
    if (!src) return false;
    wk_tensor *r = f(src, ctx);
    bool ok = r != NULL;
    if (ok && !wk_same_shape(r, self)) {
        char a[256], b[256];
        wk_shape_str(a, sizeof a, self->ndim, self->shape);
        wk_shape_str(b, sizeof b, r->ndim, r->shape);
        ok = wk_rt_err(WK_ERR_RUNTIME, "output with shape %s doesn't match the broadcast shape %s", a, b);
    }
    if (ok && !wk_dtype_can_cast(r->dtype, self->dtype))
        ok = wk_rt_err(WK_ERR_RUNTIME, "result type %s can't be cast to the desired output type %s",
                       wk_dtype_scalar_name(r->dtype), wk_dtype_scalar_name(self->dtype));
    if (ok) ok = wk_tensor_copy_(self, r);
    if (ok && rec && wk_autograd_grad_fn(r)) wk_ag_rebase(wk_autograd_grad_fn(r), self);
    wk_tensor_decref(r);
    if (src != self) wk_tensor_decref(src);
    return ok;
}

/* ================================================================== binary ops */

enum { K_ARITH, K_TRUEDIV, K_FLOAT, K_CMP, K_LOGIC, K_BIT, K_ROUNDDIV };

static bool bw_add(wk_node *n, wk_tensor *const *g, wk_tensor **gin);
static bool bw_mul(wk_node *n, wk_tensor *const *g, wk_tensor **gin);
static bool bw_div(wk_node *n, wk_tensor *const *g, wk_tensor **gin);
static bool bw_zero(wk_node *n, wk_tensor *const *g, wk_tensor **gin);
static bool bw_rem(wk_node *n, wk_tensor *const *g, wk_tensor **gin);
static bool bw_pow(wk_node *n, wk_tensor *const *g, wk_tensor **gin);
static bool bw_minmax(wk_node *n, wk_tensor *const *g, wk_tensor **gin);
static bool bw_atan2(wk_node *n, wk_tensor *const *g, wk_tensor **gin);

typedef struct {
    const char *name;
    wk_binary_op kern;
    unsigned char kind;
    const char *gname[3]; /* tensor-tensor, tensor-scalar, scalar-tensor */
    wk_backward_fn bw;
    unsigned char save;   /* bit0: save a, bit1: save b, bit2: save result */
} bdesc;

static const bdesc g_bin[WK_OP_NBINOPS] = {
    [WK_OP_ADD] = {"add", WK_BIN_ADD, K_ARITH, {"AddBackward0", "AddBackward0", "AddBackward0"}, bw_add, 0},
    [WK_OP_SUB] = {"sub", WK_BIN_SUB, K_ARITH, {"SubBackward0", "SubBackward0", "RsubBackward1"}, bw_add, 0},
    [WK_OP_MUL] = {"mul", WK_BIN_MUL, K_ARITH, {"MulBackward0", "MulBackward0", "MulBackward0"}, bw_mul, 3},
    [WK_OP_DIV] = {"div", WK_BIN_DIV, K_TRUEDIV, {"DivBackward0", "DivBackward0", "DivBackward0"}, bw_div, 3},
    [WK_OP_DIV_TRUNC] = {"div_trunc", WK_BIN_DIV_TRUNC, K_ROUNDDIV, {"DivBackward2", "DivBackward3", "DivBackward2"}, bw_zero, 0},
    [WK_OP_DIV_FLOOR] = {"div_floor", WK_BIN_DIV_FLOOR, K_ROUNDDIV, {"DivBackward2", "DivBackward3", "DivBackward2"}, bw_zero, 0},
    [WK_OP_REMAINDER] = {"remainder", WK_BIN_REMAINDER, K_ARITH, {"RemainderBackward1", "RemainderBackward0", "RemainderBackward1"}, bw_rem, 3},
    [WK_OP_FMOD] = {"fmod", WK_BIN_FMOD, K_ARITH, {"FmodBackward1", "FmodBackward0", "FmodBackward1"}, bw_rem, 3},
    [WK_OP_POW] = {"pow", WK_BIN_POW, K_ARITH, {"PowBackward1", "PowBackward0", "PowBackward2"}, bw_pow, 7},
    [WK_OP_MAXIMUM] = {"maximum", WK_BIN_MAXIMUM, K_ARITH, {"MaximumBackward0", "MaximumBackward0", "MaximumBackward0"}, bw_minmax, 3},
    [WK_OP_MINIMUM] = {"minimum", WK_BIN_MINIMUM, K_ARITH, {"MinimumBackward0", "MinimumBackward0", "MinimumBackward0"}, bw_minmax, 3},
    [WK_OP_ATAN2] = {"atan2", WK_BIN_ATAN2, K_FLOAT, {"Atan2Backward0", "Atan2Backward0", "Atan2Backward0"}, bw_atan2, 3},
    [WK_OP_BITAND] = {"bitwise_and", WK_BIN_BITAND, K_BIT, {0}, NULL, 0},
    [WK_OP_BITOR] = {"bitwise_or", WK_BIN_BITOR, K_BIT, {0}, NULL, 0},
    [WK_OP_BITXOR] = {"bitwise_xor", WK_BIN_BITXOR, K_BIT, {0}, NULL, 0},
    [WK_OP_EQ] = {"eq", WK_BIN_EQ, K_CMP, {0}, NULL, 0},
    [WK_OP_NE] = {"ne", WK_BIN_NE, K_CMP, {0}, NULL, 0},
    [WK_OP_LT] = {"lt", WK_BIN_LT, K_CMP, {0}, NULL, 0},
    [WK_OP_LE] = {"le", WK_BIN_LE, K_CMP, {0}, NULL, 0},
    [WK_OP_GT] = {"gt", WK_BIN_GT, K_CMP, {0}, NULL, 0},
    [WK_OP_GE] = {"ge", WK_BIN_GE, K_CMP, {0}, NULL, 0},
    [WK_OP_LOGICAL_AND] = {"logical_and", WK_BIN_LOGICAL_AND, K_LOGIC, {0}, NULL, 0},
    [WK_OP_LOGICAL_OR] = {"logical_or", WK_BIN_LOGICAL_OR, K_LOGIC, {0}, NULL, 0},
    [WK_OP_LOGICAL_XOR] = {"logical_xor", WK_BIN_LOGICAL_XOR, K_LOGIC, {0}, NULL, 0},
};

static bool check_alpha(wk_dtype dt, wk_scalar alpha) {
    if (alpha.kind == WK_SCALAR_FLOAT && !wk_dtype_is_float(dt))
        return wk_rt_err(WK_ERR_RUNTIME, "For integral input tensors, argument alpha must not be a floating point number.");
    if (alpha.kind == WK_SCALAR_BOOL && dt != WK_DT_BOOL)
        return wk_rt_err(WK_ERR_RUNTIME, "Boolean alpha only supported for Boolean results.");
    return true;
}

/* PyTorch's CPU kernels for these ops have no Bool variant. */
static bool binary_bool_ok(wk_binop op) {
    static const char *const kernel[WK_OP_NBINOPS] = {
        [WK_OP_DIV_FLOOR] = "div_floor_cpu", [WK_OP_DIV_TRUNC] = "div_trunc_cpu",
        [WK_OP_REMAINDER] = "remainder_cpu", [WK_OP_FMOD] = "fmod_cpu", [WK_OP_POW] = "pow",
    };
    if (!kernel[op]) return true;
    return wk_rt_err(WK_ERR_RUNTIME, "\"%s\" not implemented for 'Bool'", kernel[op]);
}

static bool val_is_bool(wk_val v) { return v.t ? v.t->dtype == WK_DT_BOOL : v.s.kind == WK_SCALAR_BOOL; }

/* PyTorch's sub_check: no bool operand on either side of a subtraction. */
static bool sub_bool_ok(wk_val a, wk_val b) {
    bool ba = val_is_bool(a), bb = val_is_bool(b);
    if (ba && bb)
        return wk_rt_err(WK_ERR_RUNTIME, "Subtraction, the `-` operator, with two bool tensors is not supported. "
                         "Use the `^` or `logical_xor()` operator instead.");
    if (ba || bb)
        return wk_rt_err(WK_ERR_RUNTIME, "Subtraction, the `-` operator, with a bool tensor is not supported. "
                         "If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.");
    return true;
}

/* The kernel of a binary op. A float32/float64 tensor to a Python-number power runs
 * PyTorch's pow_tensor_scalar kernel (exponents 0, 1, 2, 3, -2, 0.5, -0.5, -1 computed
 * by multiplications, sqrt or division, each with their own rounding). */
static bool run_binary(const wk_backend *be, wk_binop op, wk_val b, wk_tensor *out, const wk_tensor *x,
                       const wk_tensor *y, double al) {
    if (op == WK_OP_POW && !b.t && x->dtype == out->dtype && (x->dtype == WK_DT_F32 || x->dtype == WK_DT_F64)) {
        double p[2] = {wk_scalar_to_f64(b.s), 0};
        return be->unary(WK_UOP_POW_SCALAR, out, x, p);
    }
    return be->binary(g_bin[op].kern, out, x, y, al);
}

static wk_tensor *binary_impl(wk_binop op, wk_val a, wk_val b, wk_scalar alpha) {
    if ((unsigned)op >= WK_OP_NBINOPS) { wk_rt_err(WK_ERR_VALUE, "bad binary op"); return NULL; }
    const bdesc *d = &g_bin[op];
    if (!a.t && !b.t) { wk_rt_err(WK_ERR_TYPE, "%s(): at least one operand must be a tensor", d->name); return NULL; }
    wk_val v[2] = {a, b};
    if (!check_devices(2, v)) return NULL;
    wk_dtype ct = wk_op_result_type(a, b), ot;
    if ((d->kind == K_TRUEDIV || d->kind == K_FLOAT) && !wk_dtype_is_float(ct)) ct = wk_dtype_default_float();
    ot = (d->kind == K_CMP || d->kind == K_LOGIC) ? WK_DT_BOOL : ct;
    if ((op == WK_OP_ADD || op == WK_OP_SUB) && !check_alpha(ct, alpha)) return NULL;
    if (ct == WK_DT_BOOL && !binary_bool_ok(op)) return NULL;
    if (op == WK_OP_SUB && !sub_bool_ok(a, b)) return NULL;
    if (op == WK_OP_POW && !wk_dtype_is_float(ct) && !b.t && b.s.kind == WK_SCALAR_INT && b.s.v.i < 0) {
        wk_rt_err(WK_ERR_RUNTIME, "Integers to negative integer powers are not allowed.");
        return NULL;
    }
    int nd;
    int64_t shape[WK_MAX_DIMS];
    if (!bshape(2, v, &nd, shape)) return NULL;
    wk_device dev = val_device(a, b);
    const wk_backend *be = backend_of(dev);
    if (!be) return NULL;
    opnd x, y;
    bool okx = opnd_init(&x, a, ct, dev, nd, shape), oky = okx && opnd_init(&y, b, ct, dev, nd, shape);
    const wk_tensor *lay[2] = {a.t, b.t};
    wk_tensor *out = oky ? wk_tensor_empty_for(2, lay, nd, shape, ot, dev) : NULL;
    double al = wk_scalar_to_f64(alpha);
    if (out && !run_binary(be, op, b, out, x.t, y.t, al)) { wk_tensor_decref(out); out = NULL; }
    if (okx) opnd_release(&x);
    if (oky) opnd_release(&y);
    if (!out || !d->bw) return out;
    wk_tensor *ins[2] = {a.t, b.t};
    if (!wk_ag_needs(2, ins) || !wk_dtype_is_float(ot)) return out;
    int form = !b.t ? 1 : !a.t ? 2 : 0;
    wk_node *n = wk_ag_node(d->gname[form], d->bw, 2, ins, 1);
    if (!n) { wk_tensor_decref(out); return NULL; }
    n->iv[0] = op;
    n->iv[1] = form;
    n->dv[0] = al;
    n->dv[1] = a.t ? (b.t ? 0 : wk_scalar_to_f64(b.s)) : wk_scalar_to_f64(a.s);
    wk_ag_set_output(n, 0, out);
    wk_ag_save(n, (d->save & 1) ? a.t : NULL);
    wk_ag_save(n, (d->save & 2) ? b.t : NULL);
    wk_ag_save(n, (d->save & 4) ? out : NULL);
    wk_node_decref(n);
    return out;
}

wk_tensor *wk_op_binary(wk_binop op, wk_val a, wk_val b) { return binary_impl(op, a, b, wk_scalar_int(1)); }
wk_tensor *wk_op_add(wk_val a, wk_val b, wk_scalar alpha) { return binary_impl(WK_OP_ADD, a, b, alpha); }
wk_tensor *wk_op_sub(wk_val a, wk_val b, wk_scalar alpha) { return binary_impl(WK_OP_SUB, a, b, alpha); }

static bool parse_rounding(const char *mode, wk_binop *op) {
    if (!mode) { *op = WK_OP_DIV; return true; }
    if (!strcmp(mode, "trunc")) { *op = WK_OP_DIV_TRUNC; return true; }
    if (!strcmp(mode, "floor")) { *op = WK_OP_DIV_FLOOR; return true; }
    return wk_rt_err(WK_ERR_RUNTIME, "div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '%s'", mode);
}

wk_tensor *wk_op_div(wk_val a, wk_val b, const char *rounding_mode) {
    wk_binop op;
    if (!parse_rounding(rounding_mode, &op)) return NULL;
    /* scalar / tensor records as reciprocal then mul, like PyTorch */
    if (op == WK_OP_DIV && !a.t && b.t && wk_ag_needs(1, &b.t)) {
        wk_tensor *bf = wk_dtype_is_float(b.t->dtype) ? wk_tensor_incref(b.t) : wk_op_to_dtype(b.t, wk_dtype_default_float(), false);
        wk_tensor *r = bf ? wk_op_unary(WK_UOP_RECIPROCAL, bf) : NULL;
        wk_tensor *o = r ? wk_op_binary(WK_OP_MUL, wk_vt(r), a) : NULL;
        wk_tensor_decref(bf);
        wk_tensor_decref(r);
        return o;
    }
    return binary_impl(op, a, b, wk_scalar_int(1));
}

typedef struct { wk_binop op; wk_val b; wk_scalar alpha; } bin_ctx;

static wk_tensor *bin_oop(wk_tensor *self, void *c) {
    bin_ctx *k = c;
    return binary_impl(k->op, wk_vt(self), k->b, k->alpha);
}

static bool binary_inplace(wk_binop op, wk_tensor *self, wk_val b, wk_scalar alpha) {
    const bdesc *d = &g_bin[op];
    if (!wk_ag_check_inplace(self)) return false;
    wk_dtype ct = wk_op_result_type(wk_vt(self), b);
    if (ct == WK_DT_BOOL && !binary_bool_ok(op)) return false;
    if (op == WK_OP_SUB && !sub_bool_ok(wk_vt(self), b)) return false;
    bool fast = !wk_ag_needs(1, &self) && !(b.t && wk_ag_needs(1, &b.t)) && ct == self->dtype &&
                (d->kind == K_ARITH || d->kind == K_ROUNDDIV || d->kind == K_BIT ||
                 (d->kind == K_TRUEDIV && wk_dtype_is_float(ct)) || (d->kind == K_FLOAT && wk_dtype_is_float(ct)));
    if (fast && b.t && !wk_device_eq(wk_tensor_device(b.t), wk_tensor_device(self)) && b.t->ndim > 0) fast = false;
    if (fast && (op == WK_OP_ADD || op == WK_OP_SUB) && !check_alpha(ct, alpha)) return false;
    if (fast) {
        const wk_backend *be = backend_of(wk_tensor_device(self));
        if (!be) return false;
        opnd y;
        int nd;
        int64_t shape[WK_MAX_DIMS];
        wk_val v[2] = {wk_vt(self), b};
        bool fits = bshape(2, v, &nd, shape) && nd == self->ndim &&
                    !memcmp(shape, self->shape, sizeof(int64_t) * (size_t)nd);
        if (!fits) {
            /* not broadcastable to self: let the general path produce PyTorch's message */
            wk_rt_errclear();
        } else if (opnd_init(&y, b, ct, wk_tensor_device(self), self->ndim, self->shape)) {
            bool ok = run_binary(be, op, b, self, self, y.t, wk_scalar_to_f64(alpha));
            opnd_release(&y);
            if (ok) wk_tensor_bump_version(self);
            return ok;
        } else return false;
    }
    bin_ctx k = {op, b, alpha};
    wk_tensor *others[1] = {b.t};
    return inplace_apply(self, 1, others, bin_oop, &k);
}

bool wk_op_binary_(wk_binop op, wk_tensor *self, wk_val b) {
    if ((unsigned)op >= WK_OP_NBINOPS) return wk_rt_err(WK_ERR_VALUE, "bad binary op");
    return binary_inplace(op, self, b, wk_scalar_int(1));
}
bool wk_op_add_(wk_tensor *self, wk_val b, wk_scalar alpha) { return binary_inplace(WK_OP_ADD, self, b, alpha); }
bool wk_op_sub_(wk_tensor *self, wk_val b, wk_scalar alpha) { return binary_inplace(WK_OP_SUB, self, b, alpha); }
bool wk_op_div_(wk_tensor *self, wk_val b, const char *rounding_mode) {
    wk_binop op;
    if (!parse_rounding(rounding_mode, &op)) return false;
    return binary_inplace(op, self, b, wk_scalar_int(1));
}

/* ------------------------------------------------------------------ binary derivatives */
/* Operand i of a binary node as a tensor (the saved value, or the scalar as a 0-dim double). */
static wk_tensor *bin_operand(wk_scope *s, wk_node *n, int i) {
    bool scalar = (i == 0 && n->iv[1] == 2) || (i == 1 && n->iv[1] == 1);
    if (scalar) return x_own(s, wk_tensor_scalar(wk_scalar_float(n->dv[1]), WK_DT_F64, n->out[0].device));
    return wk_ag_saved(n, i);
}

static bool finish(wk_scope *s, wk_tensor **gin, int n, wk_tensor *const *res) {
    bool ok = true;
    for (int i = 0; i < n; i++) {
        gin[i] = res[i] ? wk_tensor_incref(res[i]) : NULL;
    }
    if (wk_rt_errkind() != WK_ERR_NONE) ok = false;
    x_free(s);
    return ok;
}

#define WANT(i) (n->next[i].fn != NULL)

static bool bw_add(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    double sign = n->iv[0] == WK_OP_SUB ? -1 : 1;
    wk_tensor *r[2] = {NULL, NULL};
    if (WANT(0)) r[0] = n->iv[1] == 2 && sign < 0 ? x_un(&s, WK_UOP_NEG, g[0]) : g[0];  /* rsub: scalar - x */
    if (WANT(1)) r[1] = sign * n->dv[0] == 1 ? g[0] : x_bins(&s, WK_OP_MUL, g[0], sign * n->dv[0]);
    return finish(&s, gin, 2, r);
}

static bool bw_mul(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    wk_tensor *r[2] = {NULL, NULL};
    if (WANT(0)) r[0] = x_bin(&s, WK_OP_MUL, g[0], bin_operand(&s, n, 1));
    if (WANT(1)) r[1] = x_bin(&s, WK_OP_MUL, g[0], bin_operand(&s, n, 0));
    return finish(&s, gin, 2, r);
}

static bool bw_div(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    wk_tensor *r[2] = {NULL, NULL}, *b = bin_operand(&s, n, 1);
    if (WANT(0)) r[0] = x_bin(&s, WK_OP_DIV, g[0], b);
    if (WANT(1)) {  /* -g * a / b^2 */
        wk_tensor *a = bin_operand(&s, n, 0);
        r[1] = x_un(&s, WK_UOP_NEG, x_bin(&s, WK_OP_DIV, x_bin(&s, WK_OP_MUL, g[0], a), x_bin(&s, WK_OP_MUL, b, b)));
    }
    return finish(&s, gin, 2, r);
}

static bool bw_zero(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    wk_tensor *r[2] = {NULL, NULL};
    for (int i = 0; i < 2; i++) if (WANT(i)) r[i] = x_zeros(&s, &n->in[i]);
    (void)g;
    return finish(&s, gin, 2, r);
}

static bool bw_rem(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    wk_tensor *r[2] = {NULL, NULL};
    if (WANT(0)) r[0] = g[0];
    if (WANT(1)) {
        wk_binop q = n->iv[0] == WK_OP_FMOD ? WK_OP_DIV_TRUNC : WK_OP_DIV_FLOOR;
        r[1] = x_un(&s, WK_UOP_NEG, x_bin(&s, WK_OP_MUL, g[0], x_bin(&s, q, bin_operand(&s, n, 0), bin_operand(&s, n, 1))));
    }
    return finish(&s, gin, 2, r);
}

static bool bw_pow(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    wk_tensor *r[2] = {NULL, NULL}, *a = bin_operand(&s, n, 0), *b = bin_operand(&s, n, 1);
    wk_tensor *const gx[2] = {g[0], a};
    if (WANT(0) && n->iv[1] == 1 && a && !wk_ag_needs(2, gx)) {  /* tensor ** scalar: zeros_like(a) or one fused pass */
        bool done = false;
        r[0] = n->dv[1] == 0 ? x_zeros(&s, &n->in[0]) : x_own(&s, wk_cpu_act_grad(WK_ABW_POW, g[0], a, n->dv[1], &done));
        if (n->dv[1] == 0 || done) return finish(&s, gin, 2, r);
    }
    if (WANT(0)) {  /* g * b * a^(b-1), zero where b == 0 */
        wk_tensor *t = x_bin(&s, WK_OP_MUL, g[0], x_bin(&s, WK_OP_MUL, b, x_bin(&s, WK_OP_POW, a, x_bins(&s, WK_OP_SUB, b, 1))));
        bool nonzero_exp = n->iv[1] == 1 && n->dv[1] != 0;  /* tensor ** nonzero scalar: no mask */
        r[0] = nonzero_exp ? t : x_where(&s, x_bins(&s, WK_OP_EQ, b, 0), x_bins(&s, WK_OP_MUL, t, 0), t);
    }
    if (WANT(1)) {  /* g * a^b * log(a), zero where a == 0 and b >= 0 */
        wk_tensor *res = wk_ag_saved(n, 2);
        wk_tensor *t = x_bin(&s, WK_OP_MUL, g[0], x_bin(&s, WK_OP_MUL, res, x_un(&s, WK_UOP_LOG, a)));
        wk_tensor *mask = x_bin(&s, WK_OP_LOGICAL_AND, x_bins(&s, WK_OP_EQ, a, 0), x_bins(&s, WK_OP_GE, b, 0));
        r[1] = x_where(&s, mask, x_bins(&s, WK_OP_MUL, t, 0), t);
    }
    return finish(&s, gin, 2, r);
}

static bool bw_minmax(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    wk_tensor *r[2] = {NULL, NULL}, *a = bin_operand(&s, n, 0), *b = bin_operand(&s, n, 1);
    bool mx = n->iv[0] == WK_OP_MAXIMUM;
    wk_tensor *half = x_bins(&s, WK_OP_MUL, g[0], 0.5), *eq = x_bin(&s, WK_OP_EQ, a, b);
    wk_tensor *a_wins = x_bin(&s, mx ? WK_OP_GT : WK_OP_LT, a, b), *b_wins = x_bin(&s, mx ? WK_OP_LT : WK_OP_GT, a, b);
    wk_tensor *zero = x_bins(&s, WK_OP_MUL, g[0], 0);
    if (WANT(0)) r[0] = x_where(&s, eq, half, x_where(&s, a_wins, g[0], zero));
    if (WANT(1)) r[1] = x_where(&s, eq, half, x_where(&s, b_wins, g[0], zero));
    return finish(&s, gin, 2, r);
}

static bool bw_atan2(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    wk_tensor *r[2] = {NULL, NULL}, *a = bin_operand(&s, n, 0), *b = bin_operand(&s, n, 1);
    wk_tensor *den = x_bin(&s, WK_OP_ADD, x_bin(&s, WK_OP_MUL, a, a), x_bin(&s, WK_OP_MUL, b, b));
    wk_tensor *gd = x_bin(&s, WK_OP_DIV, g[0], den);
    if (WANT(0)) r[0] = x_bin(&s, WK_OP_MUL, gd, b);
    if (WANT(1)) r[1] = x_un(&s, WK_UOP_NEG, x_bin(&s, WK_OP_MUL, gd, a));
    return finish(&s, gin, 2, r);
}

/* ================================================================== unary ops */

enum { U_FLOAT, U_KEEP, U_BOOL, U_NONDIFF };
enum { S_NONE, S_IN, S_OUT };

typedef struct {
    const char *gname;
    unsigned char kind, save;
} udesc;

static const udesc g_un[WK_UOP_COUNT] = {
    [WK_UOP_NEG] = {"NegBackward0", U_KEEP, S_NONE}, [WK_UOP_ABS] = {"AbsBackward0", U_KEEP, S_IN},
    [WK_UOP_SIGN] = {"SignBackward0", U_KEEP, S_NONE}, [WK_UOP_SQUARE] = {"PowBackward0", U_KEEP, S_IN},
    [WK_UOP_RECIPROCAL] = {"ReciprocalBackward0", U_FLOAT, S_OUT}, [WK_UOP_EXP] = {"ExpBackward0", U_FLOAT, S_OUT},
    [WK_UOP_EXP2] = {"Exp2Backward0", U_FLOAT, S_OUT}, [WK_UOP_EXPM1] = {"Expm1Backward0", U_FLOAT, S_OUT},
    [WK_UOP_LOG] = {"LogBackward0", U_FLOAT, S_IN}, [WK_UOP_LOG2] = {"Log2Backward0", U_FLOAT, S_IN},
    [WK_UOP_LOG10] = {"Log10Backward0", U_FLOAT, S_IN}, [WK_UOP_LOG1P] = {"Log1PBackward0", U_FLOAT, S_IN},
    [WK_UOP_SQRT] = {"SqrtBackward0", U_FLOAT, S_OUT}, [WK_UOP_RSQRT] = {"RsqrtBackward0", U_FLOAT, S_OUT},
    [WK_UOP_SIN] = {"SinBackward0", U_FLOAT, S_IN}, [WK_UOP_COS] = {"CosBackward0", U_FLOAT, S_IN},
    [WK_UOP_TAN] = {"TanBackward0", U_FLOAT, S_OUT}, [WK_UOP_ASIN] = {"AsinBackward0", U_FLOAT, S_IN},
    [WK_UOP_ACOS] = {"AcosBackward0", U_FLOAT, S_IN}, [WK_UOP_ATAN] = {"AtanBackward0", U_FLOAT, S_IN},
    [WK_UOP_SINH] = {"SinhBackward0", U_FLOAT, S_IN}, [WK_UOP_COSH] = {"CoshBackward0", U_FLOAT, S_IN},
    [WK_UOP_TANH] = {"TanhBackward0", U_FLOAT, S_OUT}, [WK_UOP_SIGMOID] = {"SigmoidBackward0", U_FLOAT, S_OUT},
    [WK_UOP_RELU] = {"ReluBackward0", U_KEEP, S_OUT}, [WK_UOP_ERF] = {"ErfBackward0", U_FLOAT, S_IN},
    [WK_UOP_FLOOR] = {"FloorBackward0", U_KEEP, S_NONE}, [WK_UOP_CEIL] = {"CeilBackward0", U_KEEP, S_NONE},
    [WK_UOP_ROUND] = {"RoundBackward0", U_KEEP, S_NONE}, [WK_UOP_TRUNC] = {"TruncBackward0", U_KEEP, S_NONE},
    [WK_UOP_FRAC] = {"FracBackward0", U_KEEP, S_NONE}, [WK_UOP_GELU] = {"GeluBackward0", U_FLOAT, S_IN},
    [WK_UOP_SILU] = {"SiluBackward0", U_FLOAT, S_IN}, [WK_UOP_SOFTPLUS] = {"SoftplusBackward0", U_FLOAT, S_IN},
    [WK_UOP_LOGICAL_NOT] = {NULL, U_BOOL, S_NONE}, [WK_UOP_BITWISE_NOT] = {NULL, U_NONDIFF, S_NONE},
    [WK_UOP_CLAMP] = {"ClampBackward1", U_KEEP, S_IN}, [WK_UOP_POW_SCALAR] = {"PowBackward0", U_KEEP, S_IN},
    [WK_UOP_RPOW_SCALAR] = {"PowBackward2", U_KEEP, S_OUT}, [WK_UOP_LEAKY_RELU] = {"LeakyReluBackward0", U_FLOAT, S_IN},
    [WK_UOP_ELU] = {"EluBackward0", U_FLOAT, S_OUT}, [WK_UOP_ROUND_DECIMALS] = {"RoundBackward1", U_KEEP, S_NONE},
    [WK_UOP_ISNAN] = {NULL, U_BOOL, S_NONE}, [WK_UOP_ISINF] = {NULL, U_BOOL, S_NONE},
    [WK_UOP_ISFINITE] = {NULL, U_BOOL, S_NONE},
};

static bool bw_unary(wk_node *n, wk_tensor *const *g, wk_tensor **gin);

/* The unary ops PyTorch refuses on bool tensors, with its messages (CPU kernel names). */
static bool unary_bool_ok(wk_unary_op op) {
    const char *k = NULL;
    switch (op) {
    case WK_UOP_NEG:
        return wk_rt_err(WK_ERR_RUNTIME, "Negation, the `-` operator, on a bool tensor is not supported. If you are "
                         "trying to invert a mask, use the `~` or `logical_not()` operator instead.");
    case WK_UOP_RELU: return wk_rt_err(WK_ERR_RUNTIME, "Boolean inputs not supported for relu");
    case WK_UOP_ABS: k = "abs_cpu"; break;
    case WK_UOP_FLOOR: k = "floor_vml_cpu"; break;
    case WK_UOP_CEIL: k = "ceil_vml_cpu"; break;
    case WK_UOP_ROUND: k = "round_vml_cpu"; break;
    case WK_UOP_TRUNC: k = "trunc_vml_cpu"; break;
    default: return true;
    }
    return wk_rt_err(WK_ERR_RUNTIME, "\"%s\" not implemented for 'Bool'", k);
}

static wk_tensor *unary_impl(wk_unary_op op, wk_tensor *a, const double *params) {
    if ((unsigned)op >= WK_UOP_COUNT) { wk_rt_err(WK_ERR_VALUE, "bad unary op"); return NULL; }
    if (a->dtype == WK_DT_BOOL) {
        if (!unary_bool_ok(op)) return NULL;
        if (op == WK_UOP_BITWISE_NOT) op = WK_UOP_LOGICAL_NOT;  /* ~True is False, not ~1 */
    }
    const udesc *d = &g_un[op];
    wk_dtype ct = a->dtype == WK_DT_BOOL && op == WK_UOP_SQUARE ? WK_DT_I64 : a->dtype;  /* pow(b, 2) promotes */
    if (d->kind == U_FLOAT && !wk_dtype_is_float(ct)) ct = wk_dtype_default_float();
    wk_dtype ot = d->kind == U_BOOL ? WK_DT_BOOL : ct;
    wk_device dev = wk_tensor_device(a);
    const wk_backend *be = backend_of(dev);
    if (!be) return NULL;
    wk_tensor *x = wk_tensor_to_dtype(a, ct, false);
    const wk_tensor *lay[1] = {a};
    wk_tensor *out = x ? wk_tensor_empty_for(1, lay, a->ndim, a->shape, ot, dev) : NULL;
    if (out && !be->unary(op, out, x, params)) { wk_tensor_decref(out); out = NULL; }
    wk_tensor_decref(x);
    if (!out || !d->gname || !wk_dtype_is_float(ot) || !wk_ag_needs(1, &a)) return out;
    wk_node *n = wk_ag_node(d->gname, bw_unary, 1, &a, 1);
    if (!n) { wk_tensor_decref(out); return NULL; }
    n->iv[0] = op;
    if (params) { n->dv[0] = params[0]; n->dv[1] = params[1]; }
    wk_ag_set_output(n, 0, out);
    wk_ag_save(n, d->save == S_IN ? a : d->save == S_OUT ? out : NULL);
    wk_node_decref(n);
    return out;
}

wk_tensor *wk_op_unary(wk_unary_op op, wk_tensor *a) {
    static const double none[2] = {0, 0};
    return unary_impl(op, a, none);
}

typedef struct { wk_unary_op op; double p[2]; } un_ctx;
static wk_tensor *un_oop(wk_tensor *self, void *c) {
    un_ctx *k = c;
    return unary_impl(k->op, self, k->p);
}

static bool unary_inplace(wk_unary_op op, wk_tensor *self, const double *p) {
    un_ctx k = {op, {p ? p[0] : 0, p ? p[1] : 0}};
    if ((unsigned)op < WK_UOP_COUNT && wk_dtype_is_float(self->dtype) && g_un[op].kind != U_BOOL &&
        !wk_ag_needs(1, &self)) {
        if (!wk_ag_check_inplace(self)) return false;
        /* nothing to record and the result keeps self's dtype: write straight into self */
        const wk_backend *be = backend_of(wk_tensor_device(self));
        if (!be || !be->unary(op, self, self, k.p)) return false;
        wk_tensor_bump_version(self);
        return true;
    }
    return inplace_apply(self, 0, NULL, un_oop, &k);
}

bool wk_op_unary_(wk_unary_op op, wk_tensor *self) { return unary_inplace(op, self, NULL); }

wk_tensor *wk_op_round(wk_tensor *a, int64_t decimals) {
    if (decimals == 0) return wk_op_unary(WK_UOP_ROUND, a);
    double p[2] = {(double)decimals, 0};
    return unary_impl(WK_UOP_ROUND_DECIMALS, a, p);
}

wk_tensor *wk_op_leaky_relu(wk_tensor *a, double slope) {
    double p[2] = {slope, 0};
    return unary_impl(WK_UOP_LEAKY_RELU, a, p);
}

wk_tensor *wk_op_elu(wk_tensor *a, double alpha) {
    double p[2] = {alpha, 0};
    return unary_impl(WK_UOP_ELU, a, p);
}

wk_tensor *wk_op_softplus(wk_tensor *a, double beta, double threshold) {
    if (beta == 1 && threshold == 20) return wk_op_unary(WK_UOP_SOFTPLUS, a);
    /* general beta/threshold: where(beta*x > threshold, x, log1p(exp(beta*x)) / beta) */
    wk_tensor *bx = wk_op_binary(WK_OP_MUL, wk_vt(a), wk_vf(beta));
    wk_tensor *sp = bx ? wk_op_unary(WK_UOP_SOFTPLUS, bx) : NULL;
    wk_tensor *sc = sp ? wk_op_binary(WK_OP_DIV, wk_vt(sp), wk_vf(beta)) : NULL;
    wk_tensor *big = bx ? wk_op_binary(WK_OP_GT, wk_vt(bx), wk_vf(threshold)) : NULL;
    wk_tensor *r = sc && big ? wk_op_where(big, wk_vt(a), wk_vt(sc)) : NULL;
    wk_tensor_decref(bx); wk_tensor_decref(sp); wk_tensor_decref(sc); wk_tensor_decref(big);
    return r;
}

/* ------------------------------------------------------------------ unary derivatives */
/* The fused CPU kernel of a unary op's derivative (cpu_act_bw.c), or -1. */
static int fused_bw_op(wk_unary_op op, double p0) {
    switch (op) {
    case WK_UOP_RELU: return WK_ABW_RELU;
    case WK_UOP_LEAKY_RELU: return WK_ABW_LEAKY_RELU;
    case WK_UOP_SIGMOID: return WK_ABW_SIGMOID;
    case WK_UOP_TANH: return WK_ABW_TANH;
    case WK_UOP_SILU: return WK_ABW_SILU;
    case WK_UOP_GELU: return WK_ABW_GELU;
    case WK_UOP_POW_SCALAR: return p0 != 0 ? WK_ABW_POW : -1;
    default: return -1;
    }
}

static bool bw_unary(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    wk_tensor *v = g_un[n->iv[0]].save != S_NONE ? wk_ag_saved(n, 0) : NULL, *G = g[0], *r = NULL;
    if (g_un[n->iv[0]].save != S_NONE && !v) return false;
    double p0 = n->dv[0], p1 = n->dv[1];
    int fop = fused_bw_op((wk_unary_op)n->iv[0], p0);
    wk_tensor *const gv[2] = {G, v};
    if (fop >= 0 && !wk_ag_needs(2, gv)) {  /* a fused pass records no history: not for create_graph */
        bool done = false;
        gin[0] = wk_cpu_act_grad((wk_act_bw_op)fop, G, v, p0, &done);
        if (done) return gin[0] != NULL;
    }
#define MUL(a, b) x_bin(&s, WK_OP_MUL, a, b)
#define DIV(a, b) x_bin(&s, WK_OP_DIV, a, b)
#define MULS(a, c) x_bins(&s, WK_OP_MUL, a, c)
#define ADDS(a, c) x_bins(&s, WK_OP_ADD, a, c)
#define RSUB(c, a) x_sbin(&s, WK_OP_SUB, c, a)
#define UN(op, a) x_un(&s, op, a)
    switch ((wk_unary_op)n->iv[0]) {
    case WK_UOP_NEG: r = UN(WK_UOP_NEG, G); break;
    case WK_UOP_ABS: r = MUL(G, UN(WK_UOP_SIGN, v)); break;
    case WK_UOP_SQUARE: r = MUL(G, MULS(v, 2)); break;
    case WK_UOP_RECIPROCAL: r = UN(WK_UOP_NEG, MUL(G, MUL(v, v))); break;
    case WK_UOP_EXP: r = MUL(G, v); break;
    case WK_UOP_EXP2: r = MUL(G, MULS(v, M_LN2)); break;
    case WK_UOP_EXPM1: r = MUL(G, ADDS(v, 1)); break;
    case WK_UOP_LOG: r = DIV(G, v); break;
    case WK_UOP_LOG2: r = DIV(G, MULS(v, M_LN2)); break;
    case WK_UOP_LOG10: r = DIV(G, MULS(v, M_LN10)); break;
    case WK_UOP_LOG1P: r = DIV(G, ADDS(v, 1)); break;
    case WK_UOP_SQRT: r = DIV(G, MULS(v, 2)); break;
    case WK_UOP_RSQRT: r = MUL(G, MULS(MUL(v, MUL(v, v)), -0.5)); break;
    case WK_UOP_SIN: r = MUL(G, UN(WK_UOP_COS, v)); break;
    case WK_UOP_COS: r = UN(WK_UOP_NEG, MUL(G, UN(WK_UOP_SIN, v))); break;
    case WK_UOP_TAN: r = MUL(G, ADDS(MUL(v, v), 1)); break;
    case WK_UOP_ASIN: r = MUL(G, UN(WK_UOP_RSQRT, RSUB(1, MUL(v, v)))); break;
    case WK_UOP_ACOS: r = UN(WK_UOP_NEG, MUL(G, UN(WK_UOP_RSQRT, RSUB(1, MUL(v, v))))); break;
    case WK_UOP_ATAN: r = DIV(G, ADDS(MUL(v, v), 1)); break;
    case WK_UOP_SINH: r = MUL(G, UN(WK_UOP_COSH, v)); break;
    case WK_UOP_COSH: r = MUL(G, UN(WK_UOP_SINH, v)); break;
    case WK_UOP_TANH: r = MUL(G, RSUB(1, MUL(v, v))); break;
    case WK_UOP_SIGMOID: r = MUL(G, MUL(v, RSUB(1, v))); break;
    case WK_UOP_RELU: r = x_wheres(&s, x_bins(&s, WK_OP_GT, v, 0), G, 0); break;
    case WK_UOP_ERF: r = MUL(G, MULS(UN(WK_UOP_EXP, UN(WK_UOP_NEG, MUL(v, v))), M_2_SQRTPI)); break;
    case WK_UOP_FRAC: r = G; break;
    case WK_UOP_GELU: {  /* Phi(x) + x * phi(x) */
        wk_tensor *cdf = MULS(ADDS(UN(WK_UOP_ERF, MULS(v, M_SQRT1_2)), 1), 0.5);
        wk_tensor *pdf = MULS(UN(WK_UOP_EXP, MULS(MUL(v, v), -0.5)), 0.5 * M_2_SQRTPI * M_SQRT1_2);
        r = MUL(G, x_bin(&s, WK_OP_ADD, cdf, MUL(v, pdf)));
        break;
    }
    case WK_UOP_SILU: {
        wk_tensor *sg = UN(WK_UOP_SIGMOID, v);
        r = MUL(G, MUL(sg, ADDS(MUL(v, RSUB(1, sg)), 1)));
        break;
    }
    case WK_UOP_SOFTPLUS: r = x_where(&s, x_bins(&s, WK_OP_GT, v, 20), G, MUL(G, UN(WK_UOP_SIGMOID, v))); break;
    case WK_UOP_CLAMP: {
        wk_tensor *keep = NULL;
        if (!isnan(p0)) keep = x_bins(&s, WK_OP_GE, v, p0);
        if (!isnan(p1)) {
            wk_tensor *hi = x_bins(&s, WK_OP_LE, v, p1);
            keep = keep ? x_bin(&s, WK_OP_LOGICAL_AND, keep, hi) : hi;
        }
        r = keep ? x_wheres(&s, keep, G, 0) : G;
        break;
    }
    case WK_UOP_POW_SCALAR:
        r = p0 == 0 ? x_zeros(&s, &n->in[0]) : MUL(G, MULS(x_bins(&s, WK_OP_POW, v, p0 - 1), p0));
        break;
    case WK_UOP_RPOW_SCALAR: r = MUL(G, MULS(v, log(p0))); break;
    case WK_UOP_LEAKY_RELU: r = x_where(&s, x_bins(&s, WK_OP_GT, v, 0), G, MULS(G, p0)); break;
    case WK_UOP_ELU: r = x_where(&s, x_bins(&s, WK_OP_GT, v, 0), G, MUL(G, ADDS(v, p0))); break;
    default: r = MULS(G, 0); break;  /* sign, floor, ceil, round, trunc: zero */
    }
#undef MUL
#undef DIV
#undef MULS
#undef ADDS
#undef RSUB
#undef UN
    gin[0] = x_ret(&s, r);
    return gin[0] != NULL;
}

/* ================================================================== clamp */

static bool bw_clamp_t(wk_node *n, wk_tensor *const *g, wk_tensor **gin);

static wk_tensor *clamp_impl(wk_tensor *a, const wk_val *mn, const wk_val *mx) {
    if (!mn && !mx) { wk_rt_err(WK_ERR_RUNTIME, "torch.clamp: At least one of 'min' or 'max' must not be None"); return NULL; }
    if ((!mn || !mn->t) && (!mx || !mx->t)) {
        wk_result_type rt;
        wk_result_type_init(&rt);
        wk_result_type_tensor(&rt, a->dtype, a->ndim);
        if (mn) wk_result_type_scalar(&rt, mn->s.kind);
        if (mx) wk_result_type_scalar(&rt, mx->s.kind);
        wk_dtype ct = wk_result_type_get(&rt);
        wk_tensor *x = ct == a->dtype ? wk_tensor_incref(a) : wk_op_to_dtype(a, ct, false);
        /* an absent bound is an infinite one; two bounds with a NaN give NaN everywhere
         * (PyTorch fills the result), one NaN bound alone changes nothing */
        double p[2] = {mn ? wk_scalar_to_f64(mn->s) : -INFINITY, mx ? wk_scalar_to_f64(mx->s) : INFINITY};
        if (mn && mx && (isnan(p[0]) || isnan(p[1]))) p[0] = p[1] = NAN;
        wk_tensor *r = x ? unary_impl(WK_UOP_CLAMP, x, p) : NULL;
        wk_tensor_decref(x);
        return r;
    }
    /* tensor bounds: min(max(a, lo), hi) computed without history, one ClampBackward0 node */
    bool was = wk_grad_enabled();
    wk_grad_set_enabled(false);
    wk_tensor *lo = mn ? wk_op_binary(WK_OP_MAXIMUM, wk_vt(a), *mn) : wk_tensor_incref(a);
    wk_tensor *r = lo && mx ? wk_op_binary(WK_OP_MINIMUM, wk_vt(lo), *mx) : (lo ? wk_tensor_incref(lo) : NULL);
    wk_tensor_decref(lo);
    wk_grad_set_enabled(was);
    wk_tensor *ins[3] = {a, mn ? mn->t : NULL, mx ? mx->t : NULL};
    if (!r || !wk_ag_needs(3, ins) || !wk_dtype_is_float(r->dtype)) return r;
    wk_node *n = wk_ag_node("ClampBackward0", bw_clamp_t, 3, ins, 1);
    if (!n) { wk_tensor_decref(r); return NULL; }
    n->iv[0] = mn != NULL;
    n->iv[1] = mx != NULL;
    n->dv[0] = mn && !mn->t ? wk_scalar_to_f64(mn->s) : 0;
    n->dv[1] = mx && !mx->t ? wk_scalar_to_f64(mx->s) : 0;
    wk_ag_set_output(n, 0, r);
    wk_ag_save(n, a);
    wk_ag_save(n, ins[1]);
    wk_ag_save(n, ins[2]);
    wk_node_decref(n);
    return r;
}

static wk_tensor *bound(wk_scope *s, wk_node *n, int i) {
    wk_tensor *t = n->saved[i].t ? wk_ag_saved(n, i) : NULL;
    if (t || n->released) return t;
    return x_own(s, wk_tensor_scalar(wk_scalar_float(n->dv[i - 1]), WK_DT_F64, n->out[0].device));
}

static bool bw_clamp_t(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    wk_tensor *a = wk_ag_saved(n, 0), *r[3] = {NULL, NULL, NULL};
    if (!a) return false;
    wk_tensor *lo = n->iv[0] ? bound(&s, n, 1) : NULL, *hi = n->iv[1] ? bound(&s, n, 2) : NULL;
    wk_tensor *below = lo ? x_bin(&s, WK_OP_LT, a, lo) : NULL, *above = hi ? x_bin(&s, WK_OP_GT, a, hi) : NULL;
    wk_tensor *out = below ? below : above;
    if (below && above) out = x_bin(&s, WK_OP_LOGICAL_OR, below, above);
    if (WANT(0)) r[0] = x_where(&s, out, x_bins(&s, WK_OP_MUL, g[0], 0), g[0]);
    if (WANT(1) && below) r[1] = x_where(&s, below, g[0], x_bins(&s, WK_OP_MUL, g[0], 0));
    if (WANT(2) && above) r[2] = x_where(&s, above, g[0], x_bins(&s, WK_OP_MUL, g[0], 0));
    return finish(&s, gin, 3, r);
}

wk_tensor *wk_op_clamp(wk_tensor *a, const wk_val *min, const wk_val *max) { return clamp_impl(a, min, max); }

typedef struct { const wk_val *mn, *mx; } clamp_ctx;
static wk_tensor *clamp_oop(wk_tensor *self, void *c) {
    clamp_ctx *k = c;
    return clamp_impl(self, k->mn, k->mx);
}

bool wk_op_clamp_(wk_tensor *self, const wk_val *min, const wk_val *max) {
    clamp_ctx k = {min, max};
    wk_tensor *others[2] = {min ? min->t : NULL, max ? max->t : NULL};
    return inplace_apply(self, 2, others, clamp_oop, &k);
}

/* ================================================================== where / lerp */

static bool bw_where(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    wk_tensor *c = wk_ag_saved(n, 0), *r[3] = {NULL, NULL, NULL};
    if (!c) return false;
    wk_tensor *zero = x_bins(&s, WK_OP_MUL, g[0], 0);
    if (WANT(1)) r[1] = x_where(&s, c, g[0], zero);
    if (WANT(2)) r[2] = x_where(&s, c, zero, g[0]);
    return finish(&s, gin, 3, r);
}

wk_tensor *wk_op_where(wk_tensor *cond, wk_val a, wk_val b) {
    if (cond->dtype != WK_DT_BOOL && cond->dtype != WK_DT_U8) {
        wk_rt_err(WK_ERR_RUNTIME, "where expected condition to be a boolean tensor, but got a tensor with dtype %s",
                  wk_dtype_scalar_name(cond->dtype));
        return NULL;
    }
    wk_val v[3] = {wk_vt(cond), a, b};
    if (!check_devices(3, v)) return NULL;
    wk_dtype ct = wk_op_result_type(a, b);
    int nd;
    int64_t shape[WK_MAX_DIMS];
    if (!bshape(3, v, &nd, shape)) return NULL;
    wk_device dev = wk_tensor_device(cond);
    if (a.t && a.t->ndim) dev = wk_tensor_device(a.t);
    else if (b.t && b.t->ndim) dev = wk_tensor_device(b.t);
    const wk_backend *be = backend_of(dev);
    if (!be) return NULL;
    wk_tensor *c = operand(wk_vt(cond), WK_DT_BOOL, dev, nd, shape);
    opnd x, y;
    bool okx = c && opnd_init(&x, a, ct, dev, nd, shape), oky = okx && opnd_init(&y, b, ct, dev, nd, shape);
    const wk_tensor *lay[3] = {cond, a.t, b.t};
    wk_tensor *out = oky ? wk_tensor_empty_for(3, lay, nd, shape, ct, dev) : NULL;
    if (out && !be->ternary(WK_TER_WHERE, out, c, x.t, y.t, 0)) { wk_tensor_decref(out); out = NULL; }
    if (okx) opnd_release(&x);
    if (oky) opnd_release(&y);
    wk_tensor *ins[3] = {NULL, a.t, b.t};
    if (out && wk_ag_needs(3, ins) && wk_dtype_is_float(ct)) {
        wk_node *n = wk_ag_node("WhereBackward0", bw_where, 3, ins, 1);
        if (n) {
            wk_ag_set_output(n, 0, out);
            wk_ag_save(n, c);
            wk_node_decref(n);
        } else { wk_tensor_decref(out); out = NULL; }
    }
    wk_tensor_decref(c);
    return out;
}

static bool bw_lerp(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    wk_tensor *r[3] = {NULL, NULL, NULL};
    wk_tensor *w = n->iv[0] ? wk_ag_saved(n, 2) : x_own(&s, wk_tensor_scalar(wk_scalar_float(n->dv[0]), WK_DT_F64, n->out[0].device));
    if (WANT(0)) r[0] = x_bin(&s, WK_OP_MUL, g[0], x_sbin(&s, WK_OP_SUB, 1, w));
    if (WANT(1)) r[1] = x_bin(&s, WK_OP_MUL, g[0], w);
    if (WANT(2)) r[2] = x_bin(&s, WK_OP_MUL, g[0], x_bin(&s, WK_OP_SUB, wk_ag_saved(n, 1), wk_ag_saved(n, 0)));
    return finish(&s, gin, 3, r);
}

static const char *cpp_name(wk_dtype dt) {
    static const char *const names[WK_NDTYPES] = {
        [WK_DT_BOOL] = "bool", [WK_DT_U8] = "unsigned char", [WK_DT_I8] = "signed char", [WK_DT_I16] = "short int",
        [WK_DT_I32] = "int", [WK_DT_I64] = "long int", [WK_DT_F16] = "c10::Half", [WK_DT_BF16] = "c10::BFloat16",
        [WK_DT_F32] = "float", [WK_DT_F64] = "double"};
    return names[dt];
}

wk_tensor *wk_op_lerp(wk_tensor *start, wk_tensor *end, wk_val weight) {
    if (end->dtype != start->dtype || (weight.t && weight.t->dtype != start->dtype)) {
        wk_tensor *bad = end->dtype != start->dtype ? end : weight.t;
        wk_rt_err(WK_ERR_RUNTIME, "expected dtype %s for `%s` but got dtype %s", cpp_name(start->dtype),
                  bad == end ? "end" : "weight", cpp_name(bad->dtype));
        return NULL;
    }
    if (!wk_dtype_is_float(start->dtype)) {
        wk_rt_err(WK_ERR_RUNTIME, "\"lerp_kernel_%s\" not implemented for '%s'", weight.t ? "tensor" : "scalar",
                  wk_dtype_scalar_name(start->dtype));
        return NULL;
    }
    wk_val v[3] = {wk_vt(start), wk_vt(end), weight};
    if (!check_devices(3, v)) return NULL;
    int nd;
    int64_t shape[WK_MAX_DIMS];
    if (!bshape(3, v, &nd, shape)) return NULL;
    wk_device dev = wk_tensor_device(start);
    const wk_backend *be = backend_of(dev);
    if (!be) return NULL;
    wk_dtype dt = start->dtype;
    opnd o[3];
    int k = 0;
    while (k < 3 && opnd_init(&o[k], v[k], dt, dev, nd, shape)) k++;
    const wk_tensor *lay[3] = {start, end, weight.t};
    wk_tensor *out = k == 3 ? wk_tensor_empty_for(3, lay, nd, shape, dt, dev) : NULL;
    if (out && !be->ternary(WK_TER_LERP, out, o[0].t, o[1].t, o[2].t, 0)) { wk_tensor_decref(out); out = NULL; }
    while (k > 0) opnd_release(&o[--k]);
    wk_tensor *ins[3] = {start, end, weight.t};
    if (!out || !wk_ag_needs(3, ins)) return out;
    wk_node *n = wk_ag_node(weight.t ? "LerpBackward1" : "LerpBackward0", bw_lerp, 3, ins, 1);
    if (!n) { wk_tensor_decref(out); return NULL; }
    n->iv[0] = weight.t != NULL;
    n->dv[0] = weight.t ? 0 : wk_scalar_to_f64(weight.s);
    wk_ag_set_output(n, 0, out);
    wk_ag_save(n, start);
    wk_ag_save(n, end);
    wk_ag_save(n, weight.t);
    wk_node_decref(n);
    return out;
}

/* self + value*t1*t2 or self + value*t1/t2 in one kernel, rounded like PyTorch's CPU
 * addcmul/addcdiv. For operands of one floating dtype that need no autograd (the caller
 * checks; bind_pointwise.c composes differentiable ops otherwise). */
wk_tensor *wk_op_addc_fused(wk_tensor *self, wk_tensor *t1, wk_tensor *t2, double value, bool div) {
    wk_val v[3] = {wk_vt(self), wk_vt(t1), wk_vt(t2)};
    if (!check_devices(3, v)) return NULL;
    int nd;
    int64_t shape[WK_MAX_DIMS];
    if (!bshape(3, v, &nd, shape)) return NULL;
    wk_device dev = wk_tensor_device(self);
    const wk_backend *be = backend_of(dev);
    if (!be) return NULL;
    opnd o[3];
    int k = 0;
    while (k < 3 && opnd_init(&o[k], v[k], self->dtype, dev, nd, shape)) k++;
    const wk_tensor *lay[3] = {self, t1, t2};
    wk_tensor *out = k == 3 ? wk_tensor_empty_for(3, lay, nd, shape, self->dtype, dev) : NULL;
    if (out && !be->ternary(div ? WK_TER_ADDCDIV : WK_TER_ADDCMUL, out, o[0].t, o[1].t, o[2].t, value)) {
        wk_tensor_decref(out);
        out = NULL;
    }
    while (k > 0) opnd_release(&o[--k]);
    return out;
}

/* ================================================================== fills and masks */

static bool scalar_of(wk_val v, const char *what, wk_scalar *out) {
    if (!v.t) { *out = v.s; return true; }
    if (v.t->ndim != 0) {
        if (!strcmp(what, "fill_"))
            return wk_rt_err(WK_ERR_RUNTIME, "fill_ only supports 0-dimension value tensor but got tensor with %d dimensions.", v.t->ndim);
        return wk_rt_err(WK_ERR_RUNTIME, "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with %d dimension(s).", v.t->ndim);
    }
    *out = wk_tensor_get_flat(v.t, 0);
    return true;
}

static bool bw_masked_fill(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    wk_tensor *m = wk_ag_saved(n, 0), *r[2] = {NULL, NULL};
    if (!m) return false;
    wk_tensor *zero = x_bins(&s, WK_OP_MUL, g[0], 0);
    if (WANT(0)) r[0] = x_where(&s, m, zero, g[0]);
    if (WANT(1)) r[1] = x_sum_dims(&s, x_where(&s, m, g[0], zero), 0xffffffffu, false);
    return finish(&s, gin, 2, r);
}

wk_tensor *wk_op_masked_fill(wk_tensor *a, wk_tensor *mask, wk_val value) {
    if (mask->dtype != WK_DT_BOOL) {
        wk_rt_err(WK_ERR_RUNTIME, "masked_fill_ only supports boolean masks, but got mask with dtype %s", wk_dtype_short(mask->dtype));
        return NULL;
    }
    wk_scalar sv;
    if (!scalar_of(value, "masked_fill", &sv)) return NULL;
    wk_val v[2] = {wk_vt(mask), wk_vt(a)};   /* PyTorch broadcasts mask (a) against self (b) */
    if (!check_devices(2, v)) return NULL;
    int nd;
    int64_t shape[WK_MAX_DIMS];
    if (!bshape(2, v, &nd, shape)) return NULL;
    const wk_backend *be = backend_of(wk_tensor_device(a));
    if (!be) return NULL;
    wk_tensor *out = wk_tensor_empty(nd, shape, a->dtype, wk_tensor_device(a));
    wk_tensor *m = operand(wk_vt(mask), WK_DT_BOOL, wk_tensor_device(a), nd, shape);
    bool ok = out && m && wk_tensor_copy_(out, a) && be->masked_fill(out, m, sv);
    if (!ok) { wk_tensor_decref(out); wk_tensor_decref(m); return NULL; }
    out->version->value = 0;
    wk_tensor *ins[2] = {a, value.t};
    if (wk_ag_needs(2, ins) && wk_dtype_is_float(a->dtype)) {
        wk_node *n = wk_ag_node("MaskedFillBackward0", bw_masked_fill, 2, ins, 1);
        if (n) {
            wk_ag_set_output(n, 0, out);
            wk_ag_save(n, m);
            wk_node_decref(n);
        } else { wk_tensor_decref(out); out = NULL; }
    }
    wk_tensor_decref(m);
    return out;
}

typedef struct { wk_tensor *mask; wk_val value; } mf_ctx;
static wk_tensor *mf_oop(wk_tensor *self, void *c) {
    mf_ctx *k = c;
    return wk_op_masked_fill(self, k->mask, k->value);
}

bool wk_op_masked_fill_(wk_tensor *self, wk_tensor *mask, wk_val value) {
    mf_ctx k = {mask, value};
    wk_tensor *others[1] = {value.t};
    return inplace_apply(self, 1, others, mf_oop, &k);
}

static bool bw_fill(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    wk_tensor *r[2] = {NULL, NULL};
    if (WANT(0)) r[0] = x_bins(&s, WK_OP_MUL, g[0], 0);
    if (WANT(1)) r[1] = x_sum_dims(&s, g[0], 0xffffffffu, false);
    return finish(&s, gin, 2, r);
}

static bool fill_impl(wk_tensor *self, wk_val value, const char *gname) {
    wk_scalar sv;
    if (!scalar_of(value, "fill_", &sv)) return false;
    if (!wk_ag_check_inplace(self)) return false;
    wk_tensor *ins[2] = {self, value.t};
    bool rec = wk_ag_needs(2, ins);
    wk_node *n = rec ? wk_ag_node(value.t ? "FillBackward3" : gname, bw_fill, 2, ins, 1) : NULL;
    if (rec && !n) return false;
    bool ok = wk_tensor_fill_(self, sv);
    if (ok && n) wk_ag_rebase(n, self);
    wk_node_decref(n);
    return ok;
}

bool wk_op_fill_(wk_tensor *self, wk_val value) { return fill_impl(self, value, "FillBackward2"); }
bool wk_op_zero_(wk_tensor *self) { return fill_impl(self, wk_vi(0), "ZeroBackward0"); }

static bool bw_copy(wk_node *n, wk_tensor *const *g, wk_tensor **gin) {
    wk_scope s = {0};
    wk_tensor *r[2] = {NULL, NULL};
    if (WANT(0)) r[0] = x_bins(&s, WK_OP_MUL, g[0], 0);
    if (WANT(1)) {
        r[1] = g[0];
        if (!wk_device_eq(n->in[1].device, wk_tensor_device(g[0])))
            r[1] = x_own(&s, wk_tensor_to_device(g[0], n->in[1].device));
    }
    return finish(&s, gin, 2, r);
}

bool wk_op_copy_(wk_tensor *self, wk_tensor *src) {
    if (!wk_ag_check_inplace(self)) return false;
    wk_tensor *ins[2] = {self, src};
    bool rec = wk_ag_needs(2, ins);
    wk_node *n = rec ? wk_ag_node("CopyBackwards", bw_copy, 2, ins, 1) : NULL;
    if (rec && !n) return false;
    bool ok = wk_tensor_copy_(self, src);
    if (ok && n) wk_ag_rebase(n, self);
    wk_node_decref(n);
    return ok;
}
