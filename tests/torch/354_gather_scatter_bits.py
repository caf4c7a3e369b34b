# 354_gather_scatter_bits.py — gather/scatter/scatter_add/index_add/index_put_(accumulate) values and gradient bits (float32/float64, duplicate indices, odd sizes, non-contiguous, in place), x[idx] backward, int64 clamp.
import torch
torch.set_num_threads(1)
torch.manual_seed(0)
def fp(t):
    vals = t.detach().double().flatten().tolist(); acc = 0.0
    for i, v in enumerate(vals): acc += v * (i % 89 + 1)
    return repr(acc)
def show(name, t):
    v = t.detach().double().flatten().tolist()
    print(name, t.dtype, tuple(t.shape), fp(t), [repr(e) for e in v[:5]])

for dt in (torch.float32, torch.float64):
    print("== dtype", dt)
    x = torch.randn(37, 45, dtype=dt) * 3
    idx = torch.randint(0, 5, (37, 61))
    idx0 = torch.randint(0, 37, (29, 45))
    # gather forward, both dims, negative dim, non-contiguous input and index
    show("gather1", torch.gather(x, 1, idx[:, :40]))
    show("gather0", torch.gather(x, 0, idx0))
    show("gather-1", x.gather(-1, idx[:20, :7]))
    show("gather_t", torch.gather(x.t(), 1, idx[:45, :9]))
    show("gather_idx_t", torch.gather(x, 0, idx0.t().contiguous().t()[:, :30]))
    x3 = torch.randn(5, 7, 9, dtype=dt)
    i3 = torch.randint(0, 7, (4, 11, 9))
    show("gather3", torch.gather(x3, 1, i3))
    show("gather3_2", torch.gather(x3.permute(2, 0, 1), 2, torch.randint(0, 7, (9, 5, 3))))
    # gather backward: scatter_add with many duplicates
    xg = x.clone().requires_grad_()
    out = torch.gather(xg, 1, idx)
    g = torch.randn(37, 61, dtype=dt)
    out.backward(g)
    print(out.grad_fn.name())
    show("gather_grad", xg.grad)
    xg3 = x3.clone().requires_grad_()
    torch.gather(xg3.transpose(0, 2), 0, torch.randint(0, 9, (20, 7, 5))).backward(torch.randn(20, 7, 5, dtype=dt))
    show("gather3_grad", xg3.grad)
    # scatter_add_ / scatter_ in place, out of place
    src = torch.randn(37, 61, dtype=dt)
    z = torch.zeros(37, 45, dtype=dt)
    z.scatter_add_(1, idx, src)
    show("scatter_add_", z)
    b = x.clone()
    b.scatter_add_(0, idx0, torch.randn(29, 45, dtype=dt))
    show("scatter_add_base", b)
    show("scatter_add_oop", torch.scatter_add(x, 1, idx, src))
    bt = x.clone().t()
    bt.scatter_add_(1, idx[:45, :50], src[:45, :50])
    show("scatter_add_t", bt)
    nd = x.clone()
    nd[:, ::2].scatter_add_(1, idx[:, :30], src[:, :30])
    show("scatter_add_strided", nd)
    s2 = x.clone()
    s2.scatter_(1, idx, src)
    show("scatter_", s2)
    s3 = x.clone()
    s3.scatter_(0, idx0, 2.5)
    show("scatter_value", s3)
    # in-place scatter on a non-leaf with history: gradients and grad_fn names
    xl = x.clone().requires_grad_()
    sl = src.clone().requires_grad_()
    base = xl * 2
    base.scatter_add_(1, idx, sl)
    print(base.grad_fn.name())
    (base * base).sum().backward()
    show("sa_grad_x", xl.grad)
    show("sa_grad_src", sl.grad)
    xl.grad = None; sl.grad = None
    base = xl * 1
    base.scatter_(1, idx, sl)
    print(base.grad_fn.name())
    (base * base).sum().backward()
    show("s_grad_x", xl.grad)
    show("s_grad_src", sl.grad)
    # index_add_ (alpha 1 and other), duplicate rows
    rows = torch.randint(0, 11, (53,))
    vals = torch.randn(53, 45, dtype=dt)
    ia = torch.zeros(11, 45, dtype=dt)
    ia.index_add_(0, rows, vals)
    show("index_add_", ia)
    ib = torch.randn(37, 11, dtype=dt)
    ib.index_add_(1, rows, torch.randn(37, 53, dtype=dt))
    show("index_add_dim1", ib)
    show("index_add_oop", torch.index_add(torch.ones(11, 45, dtype=dt), 0, rows, vals))
    xl = torch.randn(11, 45, dtype=dt).requires_grad_()
    vl = vals.clone().requires_grad_()
    r = xl * 1
    r.index_add_(0, rows, vl)
    print(r.grad_fn.name())
    (r * r).sum().backward()
    show("ia_grad_x", xl.grad)
    show("ia_grad_v", vl.grad)
    # index_put_ accumulate: duplicates, two index tensors, broadcast values
    p = torch.zeros(11, 45, dtype=dt)
    p.index_put_((rows,), vals, accumulate=True)
    show("put_acc", p)
    p2 = torch.randn(11, 45, dtype=dt)
    c0 = torch.randint(0, 11, (200,)); c1 = torch.randint(0, 45, (200,))
    p2.index_put_((c0, c1), torch.randn(200, dtype=dt), accumulate=True)
    show("put_acc2", p2)
    p3 = torch.randn(11, 45, dtype=dt)
    p3.index_put_((rows,), torch.randn(45, dtype=dt), accumulate=True)
    show("put_acc_bcast", p3)
    p4 = torch.randn(11, 45, dtype=dt).t()
    p4.index_put_((torch.randint(0, 45, (70,)),), torch.randn(70, 11, dtype=dt), accumulate=True)
    show("put_acc_t", p4)
    # x[idx] backward (accumulating index_put) with duplicates
    xi = torch.randn(23, 45, dtype=dt, requires_grad=True)
    t = torch.randint(0, 23, (97,))
    y = xi[t]
    print(y.grad_fn.name())
    y.backward(torch.randn(97, 45, dtype=dt))
    show("index_grad", xi.grad)
    xi.grad = None
    xi[:, torch.randint(0, 45, (77,))].backward(torch.randn(23, 77, dtype=dt))
    show("index_grad_cols", xi.grad)
    xi.grad = None
    xi[t[:50], torch.randint(0, 45, (50,))].backward(torch.randn(50, dtype=dt))
    show("index_grad_pairs", xi.grad)
    xi.grad = None
    xi.t()[torch.randint(0, 45, (60,))].backward(torch.randn(60, 23, dtype=dt))
    show("index_grad_t", xi.grad)

print("== int clamp")
xi = torch.randint(-1000, 1000, (37, 45))
for lo, hi in ((0, 511), (None, 7), (-3, None), (5, -5), (-2**40, 2**40)):
    r = xi.clamp(lo, hi)
    print(lo, hi, r.dtype, r.sum().item(), r[3].tolist()[:8])
r = xi.t().clamp(-10, 10)
print(r.sum().item(), r[0].tolist()[:8])
big = torch.tensor([-2**62, 2**62, 0, 9007199254740993, -9007199254740993])
print(big.clamp(-2**53, 2**53).tolist())
print(big.clamp(min=-5).tolist(), big.clamp(max=5).tolist())
print(xi.to(torch.int32).clamp(0, 100).sum().item(), xi.to(torch.int16).clamp(-5, 5).dtype)
print(xi.clamp(0.5, 100.5).dtype)
xc = xi.clone(); xc.clamp_(0, 3); print(xc.sum().item())

print("== integer scatter")
zi = torch.zeros(37, 45, dtype=torch.int64)
zi.scatter_(1, idx, torch.randint(-9, 9, (37, 61)))
print(zi.sum().item(), zi[0].tolist()[:8])
zs = torch.zeros(37, 45, dtype=torch.int32)
zs.scatter_add_(1, idx, torch.randint(-9, 9, (37, 61), dtype=torch.int32))
print(zs.sum().item(), zs[1].tolist()[:8])
zb = torch.zeros(11, 45, dtype=torch.int64)
zb.index_put_((rows,), torch.randint(0, 9, (53, 45)), accumulate=True)
print(zb.sum().item(), zb[2].tolist()[:8])

print("== errors")
x = torch.randn(4, 5)
for f in (lambda: torch.gather(x, 1, torch.tensor([[0, 5]])),
          lambda: torch.gather(x, 1, torch.tensor([[0, -1]])),
          lambda: torch.zeros(4, 5).scatter_add_(1, torch.tensor([[7]]), torch.ones(1, 1)),
          lambda: torch.zeros(4, 5).scatter_(0, torch.tensor([[4]]), torch.ones(1, 1)),
          lambda: torch.zeros(4, 5).index_add_(0, torch.tensor([4]), torch.ones(1, 5)),
          lambda: torch.zeros(4, 5).index_put_((torch.tensor([4]),), torch.ones(5), accumulate=True),
          lambda: torch.zeros(4, 5).scatter_add_(1, torch.tensor([[-1]]), torch.ones(1, 1)),
          lambda: torch.zeros(4, 5).scatter_(1, torch.tensor([[-2]]), 1.0),
          lambda: torch.zeros(4, 5).index_add_(0, torch.tensor([-1]), torch.ones(1, 5)),
          lambda: torch.zeros(4, 5).index_add_(1, torch.tensor([-1]), torch.ones(4, 1)),
          lambda: torch.zeros(4, 5).scatter_add_(1, torch.tensor([[0]]), torch.ones(1, 1, dtype=torch.float64)),
          lambda: torch.zeros(2, 3).scatter_add_(1, torch.zeros(5, 2, dtype=torch.long), torch.ones(5, 2)),
          lambda: torch.zeros(2, 3).scatter_(1, torch.zeros(5, 2, dtype=torch.long), 1.0),
          lambda: torch.zeros(2, 3).scatter_(1, torch.zeros(2, 2, dtype=torch.long), torch.ones(1, 2)),
          lambda: torch.zeros(2, 3).scatter_add(0, torch.zeros(2, 5, dtype=torch.long), torch.ones(2, 5)),
          lambda: torch.zeros(2, 3).index_add_(1, torch.tensor([0, 1]), torch.ones(5, 2)),
          lambda: torch.zeros(2, 3, 4).index_add_(1, torch.tensor([0, 1]), torch.ones(2, 2, 5)),
          lambda: torch.zeros(2, 3).index_add_(0, torch.tensor([0, 1]), torch.ones(2, 3, 1))):
    try:
        f()
        print("no error")
    except Exception as e:
        print(type(e).__name__, e)
v = torch.zeros(4, 5)
v0 = v._version
v.scatter_add_(1, torch.tensor([[1, 1]]), torch.ones(1, 2))
v.index_add_(0, torch.tensor([2]), torch.ones(1, 5))
print(v._version > v0, v.tolist())
print(torch.zeros(2, 3).index_add_(0, torch.tensor([0, 1]), torch.arange(2.).view(2, 1)).tolist())
print(torch.zeros(2, 3).scatter_add_(1, torch.tensor([[2, 2]]), torch.arange(6.).view(2, 3)).tolist())
