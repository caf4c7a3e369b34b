/* test_tensor.c — storage/view semantics, strides, PyTorch's view rule and messages, creation, copies, broadcasting, memory statistics. */
#include "rt_util.h"
#include <math.h>
#include <string.h>

static const char *VIEW_ERR = "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.";

static void views(void) {
    wk_tensor *a = rt_arange(24, WK_DT_I64);
    wk_tensor *v = rt_view(a, 3, 2LL, 3LL, 4LL);
    tap_ok(rt_layout_is(v, 3, 2LL, 3LL, 4LL, 12LL, 4LL, 1LL), "view(2,3,4) strides");
    tap_ok(v->storage == a->storage, "views share storage");
    wk_tensor *tr = wk_tensor_transpose(v, 0, 1);
    tap_ok(rt_layout_is(tr, 3, 3LL, 2LL, 4LL, 4LL, 12LL, 1LL) && !wk_tensor_is_contiguous(tr), "transpose(0,1)");
    wk_tensor *bad = rt_view(tr, 2, 3LL, 8LL);
    tap_ok(!bad && wk_rt_errkind() == WK_ERR_RUNTIME && !strcmp(wk_rt_errmsg(), VIEW_ERR), "view across subspaces fails with PyTorch's message");
    wk_tensor *ok = rt_view(tr, 3, 3LL, 2LL, 4LL);
    tap_ok(rt_layout_is(ok, 3, 3LL, 2LL, 4LL, 4LL, 12LL, 1LL), "compatible view of a transposed tensor");
    wk_tensor *r = wk_tensor_reshape(tr, 2, (int64_t[]){3, 8});
    tap_ok(r && wk_tensor_is_contiguous(r) && r->storage != a->storage && rt_at(r, 2) == 2 && rt_at(r, 4) == 12,
           "reshape copies when a view is impossible");
    wk_tensor *inf = rt_view(a, 2, -1LL, 6LL);
    tap_ok(rt_layout_is(inf, 2, 4LL, 6LL, 6LL, 1LL), "view with -1");
    wk_tensor *wrong = rt_view(a, 2, 5LL, 5LL);
    tap_is_str(wk_rt_errmsg(), "shape '[5, 5]' is invalid for input of size 24", "bad view size message");
    tap_ok(!wrong, "bad view size fails");
    wk_tensor_decref(ok); wk_tensor_decref(r); wk_tensor_decref(inf);

    /* slices, select, narrow */
    wk_tensor *m = rt_view(a, 2, 4LL, 6LL);
    wk_tensor *cols = wk_tensor_slice(m, 1, true, 0, true, 2, 1);
    tap_ok(rt_layout_is(cols, 2, 4LL, 2LL, 6LL, 1LL), "m[:, :2]");
    wk_tensor *cv = rt_view(cols, 3, 4LL, 2LL, 1LL);
    tap_ok(rt_layout_is(cv, 3, 4LL, 2LL, 1LL, 6LL, 1LL, 1LL), "view(4,2,1) of a column slice");
    tap_ok(!rt_view(cols, 1, 8LL), "flattening a column slice is not a view");
    wk_tensor *st = wk_tensor_slice(m, 1, true, 1, false, 0, 2);
    tap_ok(rt_layout_is(st, 2, 4LL, 3LL, 6LL, 2LL) && st->offset == 1 && rt_at(st, 4) == 9, "m[:, 1::2]");
    wk_tensor *neg = wk_tensor_slice(m, 0, true, -2, true, 100, 1);
    tap_ok(neg && neg->shape[0] == 2 && neg->offset == 12, "m[-2:100] clamps like Python");
    wk_tensor *emp = wk_tensor_slice(m, 0, true, 3, true, 1, 1);
    tap_ok(emp && emp->shape[0] == 0, "empty slice");
    wk_tensor *sel = wk_tensor_select(m, 1, -1);
    tap_ok(rt_layout_is(sel, 1, 4LL, 6LL) && sel->offset == 5, "select(1, -1)");
    tap_ok(!wk_tensor_select(m, 0, 4) && !strcmp(wk_rt_errmsg(), "index 4 is out of bounds for dimension 0 with size 4"),
           "select out of range: %s", wk_rt_errmsg());
    wk_tensor *nar = wk_tensor_narrow(m, 1, 2, 3);
    tap_ok(rt_layout_is(nar, 2, 4LL, 3LL, 6LL, 1LL) && nar->offset == 2, "narrow(1, 2, 3)");
    tap_ok(!wk_tensor_transpose(m, 0, 2) && !strcmp(wk_rt_errmsg(), "Dimension out of range (expected to be in range of [-2, 1], but got 2)"),
           "bad dim message");
    wk_tensor *off = wk_tensor_slice(a, 0, true, 2, true, 8, 1);
    wk_tensor *ov = rt_view(off, 2, 2LL, 3LL);
    tap_ok(rt_layout_is(ov, 2, 2LL, 3LL, 3LL, 1LL) && ov->offset == 2, "view keeps the storage offset");
    wk_tensor_decref(cols); wk_tensor_decref(cv); wk_tensor_decref(st); wk_tensor_decref(neg); wk_tensor_decref(emp);
    wk_tensor_decref(sel); wk_tensor_decref(nar); wk_tensor_decref(off); wk_tensor_decref(ov);

    /* permute, squeeze, unsqueeze, expand, flatten, unflatten */
    wk_tensor *z = wk_tensor_zeros(3, (int64_t[]){2, 3, 4}, WK_DT_F32, WK_CPU);
    wk_tensor *p = wk_tensor_permute(z, (int64_t[]){2, 0, 1});
    tap_ok(rt_layout_is(p, 3, 4LL, 2LL, 3LL, 1LL, 12LL, 4LL), "permute(2,0,1)");
    wk_tensor *pr = wk_tensor_reshape(p, 2, (int64_t[]){4, 6});
    tap_ok(rt_layout_is(pr, 2, 4LL, 6LL, 1LL, 4LL) && pr->storage == z->storage, "reshape of a permuted tensor stays a view");
    tap_ok(!wk_tensor_permute(z, (int64_t[]){0, 0, 1}), "permute with duplicate dims fails");
    wk_tensor *t2 = wk_tensor_t(m);
    wk_tensor *u1 = wk_tensor_unsqueeze(t2, 1), *u2 = wk_tensor_unsqueeze(t2, 2);
    tap_ok(rt_layout_is(u1, 3, 6LL, 1LL, 4LL, 1LL, 24LL, 6LL) && rt_layout_is(u2, 3, 6LL, 4LL, 1LL, 1LL, 6LL, 1LL),
           "unsqueeze strides follow PyTorch");
    wk_tensor *sq = wk_tensor_squeeze(u1);
    tap_ok(rt_layout_is(sq, 2, 6LL, 4LL, 1LL, 6LL), "squeeze()");
    wk_tensor *sq0 = wk_tensor_squeeze_dim(u1, 0);
    tap_ok(sq0 && sq0->ndim == 3, "squeeze(0) of a non-1 dim is a no-op");
    wk_tensor *ar3 = rt_arange(3, WK_DT_I64);
    wk_tensor *col = rt_view(ar3, 2, 3LL, 1LL);
    wk_tensor_decref(ar3);
    wk_tensor *ex = wk_tensor_expand(col, 3, (int64_t[]){2, 3, 4});
    tap_ok(rt_layout_is(ex, 3, 2LL, 3LL, 4LL, 0LL, 1LL, 0LL), "expand gives stride 0");
    wk_tensor *ex2 = wk_tensor_expand(col, 2, (int64_t[]){3, 4});
    tap_ok(!rt_view(ex2, 1, 12LL), "flattening an expanded tensor is not a view");
    wk_tensor_decref(ex2);
    wk_tensor *z23 = wk_tensor_zeros(2, (int64_t[]){2, 3}, WK_DT_F32, WK_CPU);
    wk_tensor *e2 = wk_tensor_expand(z23, 2, (int64_t[]){4, 3});
    wk_tensor_decref(z23);
    tap_is_str(wk_rt_errmsg(), "The expanded size of the tensor (4) must match the existing size (2) at non-singleton dimension 0.  Target sizes: [4, 3].  Tensor sizes: [2, 3]",
               "expand error message");
    tap_ok(!e2, "bad expand fails");
    wk_tensor *fl = wk_tensor_flatten(z, 1, -1);
    tap_ok(rt_layout_is(fl, 2, 2LL, 12LL, 12LL, 1LL), "flatten(1)");
    wk_tensor *uf = wk_tensor_unflatten(fl, 1, 2, (int64_t[]){-1, 4});
    tap_ok(rt_layout_is(uf, 3, 2LL, 3LL, 4LL, 12LL, 4LL, 1LL), "unflatten(1, (-1, 4))");
    wk_tensor *diag = wk_tensor_diagonal(m, 0, 0, 1);
    tap_ok(rt_layout_is(diag, 1, 4LL, 7LL) && rt_at(diag, 3) == 21, "diagonal");
    wk_tensor *ar5 = rt_arange(5, WK_DT_F32);
    wk_tensor *unf = wk_tensor_unfold(ar5, 0, 2, 1);
    wk_tensor_decref(ar5);
    tap_ok(rt_layout_is(unf, 2, 4LL, 2LL, 1LL, 1LL), "unfold(0, 2, 1)");
    wk_tensor *s0 = wk_tensor_scalar(wk_scalar_float(2.5), WK_DT_F32, WK_CPU);
    wk_tensor *s0v = rt_view(s0, 1, 1LL);
    tap_ok(rt_layout_is(s0v, 1, 1LL, 1LL) && rt_at(s0v, 0) == 2.5, "0-dim tensor views as (1,)");
    tap_ok(!wk_tensor_transpose(s0, 0, 1) || true, "transpose on 0-dim handled");
    wk_rt_errclear();
    wk_tensor_decref(z); wk_tensor_decref(p); wk_tensor_decref(pr); wk_tensor_decref(t2); wk_tensor_decref(u1);
    wk_tensor_decref(u2); wk_tensor_decref(sq); wk_tensor_decref(sq0); wk_tensor_decref(col); wk_tensor_decref(ex);
    wk_tensor_decref(fl); wk_tensor_decref(uf); wk_tensor_decref(diag); wk_tensor_decref(unf);
    wk_tensor_decref(s0); wk_tensor_decref(s0v); wk_tensor_decref(m);
    wk_tensor_decref(a); wk_tensor_decref(v); wk_tensor_decref(tr);
}

static void creation_and_copies(void) {
    wk_tensor *l = wk_tensor_linspace(wk_scalar_int(0), wk_scalar_int(1), 7, WK_DT_F32, WK_CPU);
    tap_ok(l && (float)rt_at(l, 1) == 0.1666666716337204f && (float)rt_at(l, 4) == 0.6666666269302368f && rt_at(l, 6) == 1,
           "linspace float32 matches PyTorch's two-sided formula");
    wk_tensor *li = wk_tensor_linspace(wk_scalar_int(-3), wk_scalar_int(10), 6, WK_DT_I64, WK_CPU);
    int64_t want_li[6] = {-3, 0, 2, 4, 7, 10};
    bool ok = true;
    for (int i = 0; i < 6; i++) ok &= rt_at(li, i) == want_li[i];
    tap_ok(ok, "linspace int64");
    wk_tensor *ar = wk_tensor_arange(wk_scalar_int(0), wk_scalar_int(1), wk_scalar_float(0.1), WK_DT_F32, WK_CPU);
    tap_ok(ar && ar->shape[0] == 10 && (float)rt_at(ar, 3) == 0.30000001192092896f, "arange(0, 1, 0.1)");
    tap_ok(!wk_tensor_arange(wk_scalar_int(0), wk_scalar_int(1), wk_scalar_int(0), WK_DT_I64, WK_CPU) &&
           !strcmp(wk_rt_errmsg(), "step must be nonzero"), "arange step 0");
    wk_tensor *e = wk_tensor_eye(3, 4, WK_DT_F32, WK_CPU);
    tap_ok(e && rt_at(e, 0) == 1 && rt_at(e, 5) == 1 && rt_at(e, 1) == 0 && rt_at(e, 11) == 0, "eye(3, 4)");
    wk_tensor *full = wk_tensor_full(2, (int64_t[]){2, 2}, wk_scalar_float(1.5), WK_DT_F16, WK_CPU);
    tap_ok(rt_at(full, 3) == 1.5, "full float16");
    tap_ok(!wk_tensor_empty(2, (int64_t[]){2, -1}, WK_DT_F32, WK_CPU) &&
           !strcmp(wk_rt_errmsg(), "Trying to create tensor with negative dimension -1: [2, -1]"), "negative dimension");

    /* copy_ with broadcasting and dtype conversion into a strided destination */
    wk_tensor *dst = wk_tensor_zeros(2, (int64_t[]){4, 3}, WK_DT_F64, WK_CPU);
    wk_tensor *dt = wk_tensor_t(dst);
    wk_tensor *row = rt_arange(4, WK_DT_I32);
    tap_ok(wk_tensor_copy_(dt, row), "copy_ int32 row into transposed float64 view");
    tap_ok(rt_at(dst, 0) == 0 && rt_at(dst, 3) == 1 && rt_at(dst, 11) == 3 && rt_at(dst, 2) == 0, "values landed via strides");
    tap_ok(wk_tensor_version(dst) == 1, "copy_ bumps the shared version counter");
    wk_tensor *bad = rt_arange(5, WK_DT_I32);
    tap_ok(!wk_tensor_copy_(dt, bad), "copy_ with mismatched shape fails");
    /* overlapping copy: a[1:] = a[:-1] */
    wk_tensor *a = rt_arange(5, WK_DT_F32);
    wk_tensor *hi = wk_tensor_slice(a, 0, true, 1, false, 0, 1), *lo = wk_tensor_slice(a, 0, false, 0, true, -1, 1);
    wk_tensor_copy_(hi, lo);
    tap_ok(rt_at(a, 0) == 0 && rt_at(a, 1) == 0 && rt_at(a, 4) == 3, "overlapping copy reads the source first");
    /* clone keeps dense strides; contiguous makes row-major */
    wk_tensor *ar12 = rt_arange(12, WK_DT_F32);
    wk_tensor *x = rt_view(ar12, 2, 3LL, 4LL);
    wk_tensor_decref(ar12);
    wk_tensor *xt = wk_tensor_t(x);
    wk_tensor *c = wk_tensor_clone(xt), *cc = wk_tensor_contiguous(xt);
    tap_ok(rt_layout_is(c, 2, 4LL, 3LL, 1LL, 4LL) && rt_at(c, 1) == 4, "clone preserves a transposed layout");
    tap_ok(rt_layout_is(cc, 2, 4LL, 3LL, 3LL, 1LL) && rt_at(cc, 1) == 4, "contiguous is row-major");
    wk_tensor *same = wk_tensor_contiguous(x);
    tap_ok(same == x, "contiguous of a contiguous tensor is itself");
    wk_tensor_decref(same);
    wk_tensor *h = wk_tensor_to_dtype(x, WK_DT_BF16, false);
    tap_ok(h && h->dtype == WK_DT_BF16 && rt_at(h, 11) == 11, "to(bfloat16)");
    tap_ok(!wk_tensor_to_device(x, (wk_device){WK_DEV_CUDA, 0}) && wk_rt_errkind() == WK_ERR_ASSERTION &&
           !strcmp(wk_rt_errmsg(), "Torch not compiled with CUDA enabled"), "moving to CUDA without a backend");
    tap_ok(!wk_backend_available(WK_DEV_CUDA) && wk_backend_device_count(WK_DEV_CUDA) == 0, "cuda not available");

    /* broadcasting of shapes */
    int nout;
    int64_t out[WK_MAX_DIMS];
    tap_ok(wk_broadcast_shapes(2, (int64_t[]){5, 1}, 3, (int64_t[]){2, 1, 4}, &nout, out) && nout == 3 &&
           out[0] == 2 && out[1] == 5 && out[2] == 4, "broadcast (5,1) with (2,1,4)");
    tap_ok(!wk_broadcast_shapes(2, (int64_t[]){2, 3}, 1, (int64_t[]){4}, &nout, out), "broadcast mismatch");
    tap_is_str(wk_rt_errmsg(), "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1", "broadcast message");
    tap_ok(wk_broadcast_shapes(1, (int64_t[]){0}, 2, (int64_t[]){1, 1}, &nout, out) && out[1] == 0, "broadcast with a zero-size dim");

    wk_tensor *vals[] = {l, li, ar, e, full, dst, dt, row, bad, a, hi, lo, x, xt, c, cc, h};
    for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) wk_tensor_decref(vals[i]);
}

static void memory_stats(void) {
    wk_memstats before, mid, after;
    wk_cpu_memory_stats(&before);
    wk_tensor *t = wk_tensor_empty(1, (int64_t[]){1000}, WK_DT_F64, WK_CPU);
    wk_tensor *v = wk_tensor_slice(t, 0, true, 10, true, 20, 1);
    wk_cpu_memory_stats(&mid);
    tap_is_int(mid.allocated - before.allocated, 8000, "allocated grows by the storage size");
    tap_is_int(mid.n_allocs - before.n_allocs, 1, "one allocation (views allocate nothing)");
    tap_ok(mid.peak_allocated >= mid.allocated, "peak >= allocated");
    wk_tensor_decref(t);
    wk_cpu_memory_stats(&after);
    tap_is_int(after.allocated - before.allocated, 8000, "a live view keeps the storage");
    wk_tensor_decref(v);
    wk_cpu_memory_stats(&after);
    tap_is_int(after.allocated, before.allocated, "freed when the last view goes");
    tap_is_int(after.n_frees - before.n_frees, 1, "one free");
    const wk_backend *b = wk_backend_cpu();
    tap_ok(b->abi_version == WK_BACKEND_ABI && !strcmp(b->name, "cpu"), "cpu backend registered");
    wk_backend fake = *b;
    fake.abi_version = 999;
    tap_ok(!wk_backend_register(&fake), "ABI mismatch rejected");
}

int main(void) {
    views();
    creation_and_copies();
    memory_stats();
    return tap_done_testing();
}
