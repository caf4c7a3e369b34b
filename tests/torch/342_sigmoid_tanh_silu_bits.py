# 342_sigmoid_tanh_silu_bits.py — sigmoid, tanh and silu gradients with PyTorch's bits: grad*(1-y)*y, grad*(1-y*y) (its build fuses the multiply-add), silu's grad*s*(1+x*(1-s)) with the SIMD/scalar split; float32 all layouts, float64 on strided inputs.
import torch
import torch.nn.functional as F
torch.set_num_threads(1)
torch.manual_seed(0)
def ck(t):
    t = t.detach().contiguous()
    if t.dtype == torch.float32: return t.view(torch.int32).long().sum().item()
    return (t.view(torch.int64) % 1000000007).sum().item()
def layouts(dt):
    if dt == torch.float32:
        yield 'c4099', (torch.randn(4099, dtype=dt) * 3)
        yield 'c37', (torch.randn(37, dtype=dt) * 3)
        yield 't', (torch.randn(64, 130, dtype=dt) * 3).t()
    yield 's', (torch.randn(300, 70, dtype=dt) * 3)[:, ::3]
for name, f in [('sigmoid', torch.sigmoid), ('tanh', torch.tanh), ('silu', F.silu)]:
    for dt in (torch.float32, torch.float64):
        for lay, base in layouts(dt):
            x = base.detach().requires_grad_(True)
            y = f(x)
            if name == 'tanh' and dt == torch.float64: continue
            g = torch.randn(y.shape, dtype=dt)
            y.backward(g)
            g1 = x.grad; x.grad = None
            f(x).sum().backward()
            print(name, dt, lay, ck(y), ck(g1), ck(x.grad), y.grad_fn.name())
x = torch.tensor([float('nan'), -0.0, 0.0, float('inf'), -float('inf'), 30.0, -30.0, 100.0, -100.0], requires_grad=True)
for f in (torch.sigmoid, torch.tanh, F.silu):
    y = f(x); y.backward(torch.arange(1.0, 10.0)); print(y.tolist(), x.grad.tolist()); x.grad = None
