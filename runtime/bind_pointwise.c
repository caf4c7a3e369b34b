/* bind_pointwise.c — addcmul/addcdiv (and in-place forms) and lerp_ as Tensor methods and torch functions, composed from differentiable runtime ops. */
#include <string.h>
#include "bind.h"

#define SELF(args) wk_bind_t((args)[0])

/* self + value * t1 * t2 (mul) or self + value * t1 / t2 (div), in PyTorch's order of
 * evaluation: (value * t1) first, then * or / t2, then the addition. */
static wk_tensor *addc_term(bool div, wk_tensor *t1, wk_tensor *t2, wk_scalar value) {
    wk_tensor *vt = wk_op_binary(WK_OP_MUL, wk_vs(value), wk_vt(t1));
    if (!vt) return NULL;
    wk_tensor *r = wk_op_binary(div ? WK_OP_DIV : WK_OP_MUL, wk_vt(vt), wk_vt(t2));
    wk_tensor_decref(vt);
    return r;
}

static bool addc_value(const char *f, wk_value v, wk_scalar *out) {
    *out = wk_scalar_int(1);
    if (WK_IS_NULL(v) || WK_IS_NONE(v)) return true;
    if (!wk_bind_is_number(v)) {
        wk_raise(wk_exc_TypeError, "%s(): argument 'value' must be Number, not %s", f, wk_typename(v));
        return false;
    }
    return wk_bind_scalar(v, out);
}

/* The one-kernel form (PyTorch's CPU rounding: addcmul is a fused multiply-add) when the
 * operands are CPU tensors of one floating dtype and no gradient is recorded; NULL with no
 * error when it does not apply (or, in place, when the result would not fit self). */
static wk_tensor *addc_fused(wk_tensor *self, wk_tensor *t1, wk_tensor *t2, wk_scalar value, bool div,
                             bool inplace, bool *failed) {
    *failed = false;
    if (self->dtype != t1->dtype || self->dtype != t2->dtype || !wk_dtype_is_float(self->dtype)) return NULL;
    if (wk_tensor_device(self).type != WK_DEV_CPU) return NULL;
    if (wk_grad_enabled() && (self->requires_grad || t1->requires_grad || t2->requires_grad)) return NULL;
    wk_tensor *r = wk_op_addc_fused(self, t1, t2, wk_scalar_to_f64(value), div);
    if (!r) { *failed = true; return NULL; }
    if (inplace && (r->ndim != self->ndim || memcmp(r->shape, self->shape, sizeof(int64_t) * (size_t)r->ndim))) {
        wk_tensor_decref(r);
        return NULL;
    }
    return r;
}

static wk_value addc_call(const wk_value *args, int nargs, wk_obj *kw, bool div, bool inplace) {
    const char *f = div ? (inplace ? "addcdiv_" : "addcdiv") : (inplace ? "addcmul_" : "addcmul");
    wk_value a[3];
    wk_tensor *t1, *t2;
    wk_scalar value;
    if (!wk_args_parse(f, args + 1, nargs - 1, kw, "tensor1 tensor2|$value", a) ||
        !wk_bind_tensor_arg(f, "tensor1", 2, a[0], &t1) || !wk_bind_tensor_arg(f, "tensor2", 3, a[1], &t2) ||
        !addc_value(f, a[2], &value))
        return WK_NULLV;
    bool failed;
    wk_tensor *fused = addc_fused(SELF(args), t1, t2, value, div, inplace, &failed);
    if (failed) return wk_bind_rt_raise();
    if (fused && !inplace) return wk_bind_wrap(fused);
    if (fused) {
        bool ok = wk_op_copy_(SELF(args), fused);
        wk_tensor_decref(fused);
        return ok ? wk_incref(args[0]) : wk_bind_rt_raise();
    }
    wk_tensor *term = addc_term(div, t1, t2, value);
    if (!term) return wk_bind_rt_raise();
    if (inplace) {
        bool ok = wk_op_add_(SELF(args), wk_vt(term), wk_scalar_int(1));
        wk_tensor_decref(term);
        if (!ok) return wk_bind_rt_raise();
        return wk_incref(args[0]);
    }
    wk_tensor *r = wk_op_add(wk_vt(SELF(args)), wk_vt(term), wk_scalar_int(1));
    wk_tensor_decref(term);
    return wk_bind_wrap(r);
}

static wk_value m_addcmul(const wk_value *args, int nargs, wk_obj *kw) { return addc_call(args, nargs, kw, false, false); }
static wk_value m_addcmul_(const wk_value *args, int nargs, wk_obj *kw) { return addc_call(args, nargs, kw, false, true); }
static wk_value m_addcdiv(const wk_value *args, int nargs, wk_obj *kw) { return addc_call(args, nargs, kw, true, false); }
static wk_value m_addcdiv_(const wk_value *args, int nargs, wk_obj *kw) { return addc_call(args, nargs, kw, true, true); }

/* self.lerp_(end, weight): computed out of place, then copied back (version bump, autograd). */
static wk_value m_lerp_(const wk_value *args, int nargs, wk_obj *kw) {
    wk_value a[2];
    wk_tensor *end;
    if (!wk_args_parse("lerp_", args + 1, nargs - 1, kw, "end weight", a) ||
        !wk_bind_tensor_arg("lerp_", "end", 1, a[0], &end))
        return WK_NULLV;
    wk_val w;
    wk_scalar s;
    if (wk_bind_is_tensor(a[1])) w = wk_vt(wk_bind_t(a[1]));
    else if (wk_bind_is_number(a[1]) && wk_bind_scalar(a[1], &s)) w = wk_vs(s);
    else return wk_raise(wk_exc_TypeError, "lerp_(): argument 'weight' must be Tensor or Number, not %s", wk_typename(a[1]));
    wk_tensor *r = wk_op_lerp(SELF(args), end, w);
    if (!r) return wk_bind_rt_raise();
    bool ok = wk_op_copy_(SELF(args), r);
    wk_tensor_decref(r);
    if (!ok) return wk_bind_rt_raise();
    return wk_incref(args[0]);
}

const wk_methoddef wk_bind_pointwise_methods[] = {
    { "addcmul", m_addcmul, 0, NULL }, { "addcmul_", m_addcmul_, 0, NULL },
    { "addcdiv", m_addcdiv, 0, NULL }, { "addcdiv_", m_addcdiv_, 0, NULL },
    { "lerp_", m_lerp_, 0, NULL },
    { NULL, NULL, 0, NULL }
};
