# 320_sort_topk_order.py — sort (plain and stable), argsort and topk (partial-sort and nth-element paths, sorted or not) give PyTorch's values and indices, tie order and NaN order included, for every dtype, views, expanded and empty tensors.
import torch

torch.manual_seed(320)


def show(name, r):
    v, i = r
    print(name, v.dtype, tuple(v.shape), i.flatten().tolist(), v.flatten().tolist())


cases = [torch.randint(0, 5, (3, 40)), torch.randint(0, 3, (2, 700)), torch.randint(-50, 50, (5, 33)).to(torch.int32)]
f = torch.randint(0, 4, (3, 100)).float()
f[0, 3] = float('nan')
f[1, ::7] = float('nan')
f[2, 5] = -0.0
f[2, 6] = float('inf')
f[2, 7] = -float('inf')
cases.append(f)
cases.append(torch.randn(6, 17).double())
cases.append(torch.randn(20, 9).t())
cases.append(torch.randint(0, 2, (2, 50)).bool())
cases.append(torch.randint(0, 4, (2, 3, 30)).to(torch.uint8))
cases.append(torch.randint(-3, 3, (2, 45)).to(torch.int16))
cases.append(torch.randint(0, 3, (2, 45)).half())
cases.append(torch.zeros(1).expand(40))
cases.append(torch.zeros(0, 5))
cases.append(torch.tensor(2.5))
cases.append(torch.tensor([2**53 + 1, 2**53, -2**62, 2**62 + 1, 2**62], dtype=torch.int64))
for n, x in enumerate(cases):
    for d in ([-1, 0] if x.dim() > 0 else [0]):
        for desc in (False, True):
            show("sort%d d%d %s" % (n, d, desc), x.sort(dim=d, descending=desc))
            show("stable%d d%d %s" % (n, d, desc), x.sort(dim=d, descending=desc, stable=True))
        print("argsort", x.argsort(dim=d).flatten().tolist())
        L = x.shape[d] if x.dim() else 1
        for k in sorted(set([0, 1, 2, 3, L // 2, L, L // 64])):
            for lg in (True, False):
                try:
                    show("topk%d d%d k%d %s" % (n, d, k, lg), x.topk(k, dim=d, largest=lg))
                except RuntimeError as e:
                    print(type(e).__name__, e)
                    continue
                v, i = x.topk(k, dim=d, largest=lg, sorted=False)
                show("unsorted%d d%d k%d %s" % (n, d, k, lg), (v, i))
# larger rows: both topk paths on random floats with NaNs, and a sort's ties
x = torch.randn(4, 1000)
x[0, ::9] = float('nan')
x[1] = x[1].round()
for k in (5, 15, 16, 17, 400):
    v, i = x.topk(k, 1)
    print(k, i.tolist(), v[:, :3].tolist())
    v, i = x.topk(k, 1, largest=False, sorted=False)
    print(k, i.tolist())
v, i = x[1:2].sort(descending=True)
print(i.tolist())
try:
    torch.randn(3).topk(4)
except RuntimeError as e:
    print(type(e).__name__, e)
y = torch.randn(5, 6, requires_grad=True)
v, i = y.topk(2, 0)
v.sum().backward()
print(v.grad_fn.name(), y.grad.tolist())
