# 291_matmul_bits.py — mm/bmm/mv/dot/matmul/addmm/linear and their backward give PyTorch's exact bits (same BLAS calls, transposition flags and small-bmm loop).
import os

# OpenBLAS picks its kernels (and so its rounding) by CPU model; fix them to the AVX2 (Haswell)
# ones, before torch loads OpenBLAS, so that this golden holds on any x86-64 machine with AVX2.
os.environ["OPENBLAS_CORETYPE"] = "Haswell"
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(291)


def fp(t):
    # order-sensitive float64 fingerprint of every element (Python arithmetic), plus a few exact values
    vals = t.detach().flatten().tolist()
    acc = 0.0
    for i, v in enumerate(vals):
        acc += v * (i % 97 + 1)
    return (tuple(t.shape), repr(acc), [repr(v) for v in vals[:2]], [repr(v) for v in vals[-1:]])


def data(*shape, dtype=torch.float32):
    return (torch.randn(*shape) * 3 + 0.5).to(dtype)


def layouts(x):
    # the same matrix as: contiguous, column-major (transposed storage), and a strided slice (copied before BLAS)
    big = torch.zeros(x.shape[0], 2 * x.shape[1], dtype=x.dtype)
    big[:, ::2] = x
    return [("c", x), ("t", x.t().contiguous().t()), ("s", big[:, ::2])]


print("mm")
for m, k, n in [(3, 5, 4), (1, 7, 5), (7, 5, 1), (1, 1, 1), (1, 9, 1), (6, 1, 4), (17, 33, 20), (64, 64, 64),
                (100, 300, 50), (70, 513, 129), (300, 40, 2)]:
    a, b = data(m, k), data(k, n)
    for na, xa in layouts(a):
        for nb, xb in layouts(b):
            print(m, k, n, na + nb, fp(xa @ xb), fp(torch.mm(xa, xb)) == fp(xa @ xb))
for dt in (torch.float64,):
    for m, k, n in [(5, 6, 7), (40, 100, 30), (129, 65, 3)]:
        a, b = data(m, k, dtype=dt), data(k, n, dtype=dt)
        print("f64", m, k, n, fp(a @ b), fp(a.t().contiguous().t() @ b), fp(a @ b.t().contiguous().t()))
# expanded operands (stride 0) and a row of a transposed matrix
e = data(1, 30).expand(8, 30)
w = data(30, 12)
print("expand", fp(e @ w), fp(w.t() @ e.t()))
print("row of t", fp(data(40, 9).t()[3:4] @ data(40, 5)))

print("mv")
for m, k in [(3, 5), (1, 6), (6, 1), (17, 33), (200, 300), (5, 1000)]:
    a, v = data(m, k), data(k)
    vs = torch.zeros(2 * k)
    vs[::2] = v
    for na, xa in layouts(a):
        print(m, k, na, fp(torch.mv(xa, v)), fp(xa @ vs[::2]), fp(torch.matmul(xa, v)))
print("dot")
for n in [1, 2, 7, 16, 33, 1000, 4097, 100000]:
    x, y = data(n), data(2 * n)
    print(n, repr(torch.dot(x, y[::2]).item()), repr((x @ y[:n]).item()), repr(torch.dot(x.double(), y[:n].double()).item()))

print("bmm")
for B, m, k, n in [(2, 3, 5, 4), (3, 7, 7, 7), (2, 5, 20, 3), (4, 1, 50, 7), (2, 10, 10, 10), (3, 8, 13, 9),
                   (2, 40, 70, 30), (5, 1, 300, 1)]:
    a, b = data(B, m, k), data(B, k, n)
    at = a.transpose(1, 2).contiguous().transpose(1, 2)
    bt = b.transpose(1, 2).contiguous().transpose(1, 2)
    print(B, m, k, n, fp(torch.bmm(a, b)), fp(torch.bmm(at, b)), fp(torch.bmm(a, bt)), fp(torch.bmm(at, bt)),
          fp(torch.bmm(a[:, :, :], b[:1].expand(B, k, n))))
print(fp(torch.bmm(data(3, 4, 5, dtype=torch.float64), data(3, 5, 6, dtype=torch.float64))))

print("matmul")
cases = [((7,), (3, 7, 9)), ((5, 7), (3, 7, 9)), ((50, 70), (3, 70, 40)), ((3, 5, 7), (7, 4)), ((3, 5, 7), (7,)),
         ((2, 3, 5, 7), (7, 6)), ((2, 1, 5, 7), (3, 7, 4)), ((4, 3, 20, 30), (4, 3, 30, 20)), ((9,), (9, 4)),
         ((2, 3, 4, 5), (5,)), ((6,), (2, 3, 6, 2))]
for sa, sb in cases:
    a, b = data(*sa), data(*sb)
    print(sa, sb, fp(a @ b))
x = data(3, 9, 7).permute(0, 2, 1)
print("permuted", fp(x @ data(9, 5)), fp(x @ data(9, 50)))

print("addmm")
for m, k, n in [(4, 5, 3), (30, 700, 20), (64, 1000, 70)]:
    bias, a, b = data(n), data(m, k), data(k, n)
    print(m, k, n, fp(torch.addmm(bias, a, b)), fp(torch.addmm(bias, a, b, beta=0.5, alpha=2)),
          fp(torch.addmm(data(m, n), a.t().contiguous().t(), b, alpha=-1)), fp(torch.addmm(bias, a, b, beta=0)))
print(fp(torch.addmm(data(3), data(2, 0), data(0, 3), beta=3)))

print("linear")
for shape, inf, outf in [((5, 7), 7, 3), ((4, 6, 70), 70, 30), ((6, 4, 70), 70, 30), ((64, 800), 800, 100),
                         ((3, 2, 5, 10), 10, 4)]:
    x = data(*shape)
    if shape == (6, 4, 70):
        x = x.transpose(0, 1)
    w, b = data(outf, inf), data(outf)
    print(shape, fp(F.linear(x, w, b)), fp(F.linear(x, w)))

print("backward")
for shape, inf, outf in [((8, 7), 7, 3), ((32, 300), 300, 70), ((4, 5, 40), 40, 9)]:
    lin = torch.nn.Linear(inf, outf)
    x = data(*shape).requires_grad_()
    out = lin(x)
    loss = (out * data(*out.shape)).sum()
    loss.backward()
    print(shape, fp(out), fp(x.grad), fp(lin.weight.grad), fp(lin.bias.grad))
for tr_a, tr_b in [(False, False), (True, False), (False, True), (True, True)]:
    a0, b0 = data(20, 30), data(30, 10)
    a = (a0.t().contiguous().t() if tr_a else a0.clone()).requires_grad_()
    b = (b0.t().contiguous().t() if tr_b else b0.clone()).requires_grad_()
    g = data(20, 10)
    (a @ b).backward(g)
    print(tr_a, tr_b, fp(a.grad), fp(b.grad), a.grad.stride(), b.grad.stride())
a, b = data(3, 6, 8).requires_grad_(), data(3, 8, 5).requires_grad_()
torch.bmm(a, b).backward(data(3, 6, 5))
print("bmm", fp(a.grad), fp(b.grad))
a, v = data(9, 12).requires_grad_(), data(12).requires_grad_()
torch.mv(a, v).backward(data(9))
print("mv", fp(a.grad), fp(v.grad))
a, b = data(5, 7).requires_grad_(), data(3, 7, 9).requires_grad_()
r = a @ b
print(type(r.grad_fn).__name__)
r.backward(data(3, 5, 9))
print("2d@3d", fp(a.grad), fp(b.grad))
