# 344_pow_bits.py — x.pow(scalar) gradients with PyTorch's bits: grad * (e * x.pow(e - 1)) with pow's fast exponents (x, x*x, x*x*x, 1/(x*x), sqrt, 1/sqrt, 1/x), zeros for e == 0; float32/float64, contiguous and strided.
import torch
torch.set_num_threads(1)
torch.manual_seed(0)
def ck(t):
    t = t.detach().contiguous()
    if t.dtype == torch.float32: return t.view(torch.int32).long().sum().item()
    return (t.view(torch.int64) % 1000000007).sum().item()
def layouts(dt):
    yield 'c4099', torch.rand(4099, dtype=dt) * 3 + 0.1, True
    yield 'c37', torch.randn(37, dtype=dt) * 3, True
    yield 's', (torch.randn(300, 70, dtype=dt) * 3)[:, ::3], False
for e in (2, 3, 2.0, 1, 0, -1, 0.5, 4, -2):
    for dt in (torch.float32, torch.float64):
        for lay, base, contig in layouts(dt):
            if e == 0.5: base = base.abs()
            # general exponents (forward of 4, backward of -2) in PyTorch: SLEEF's pow on contiguous rows, float32 not matched
            if (contig and e in (4, -2)) or (e == 4 and dt == torch.float32): continue
            x = base.detach().requires_grad_(True)
            y = x.pow(e)
            g = torch.randn(y.shape, dtype=dt)
            y.backward(g)
            g1 = x.grad; x.grad = None
            (x ** e).sum().backward()
            print(e, dt, lay, ck(y), ck(g1), ck(x.grad), y.grad_fn.name())
for e in (1.5, 4, -2.5, 7):  # general exponents, forward and backward on strided float32 rows
    x = (torch.rand(300, 70) * 3 + 0.05)[:, ::3].requires_grad_(True)
    y = x.pow(e); y.backward(torch.randn(y.shape)); print(e, ck(y), ck(x.grad))
x = torch.tensor([0.0, -0.0, float('nan'), float('inf'), -2.0, 3.0], requires_grad=True)
for e in (2, 3, 0, -1, 0.5):
    y = x.pow(e); y.backward(torch.ones(6)); print(e, y.tolist(), x.grad.tolist()); x.grad = None
