# 341_relu_leaky_bits.py — relu and leaky_relu forward and backward with PyTorch's exact bits (threshold_backward: result <= 0 ? 0 : grad, so NaN passes), float32/float64, odd sizes, strided inputs, expanded and random grads.
import torch
import torch.nn.functional as F
torch.set_num_threads(1)
torch.manual_seed(0)
def ck(t):
    t = t.detach().contiguous()
    if t.dtype == torch.float32: return t.view(torch.int32).long().sum().item()
    return (t.view(torch.int64) % 1000000007).sum().item()
def layouts(dt):
    yield 'c4099', (torch.randn(4099, dtype=dt) * 3)
    yield 'c37', (torch.randn(37, dtype=dt) * 3)
    yield 't', (torch.randn(64, 130, dtype=dt) * 3).t()
    yield 's', (torch.randn(300, 70, dtype=dt) * 3)[:, ::3]
ops = [('relu', F.relu), ('leaky.01', F.leaky_relu), ('leaky.1', lambda x: F.leaky_relu(x, 0.1)),
       ('leaky.3', lambda x: F.leaky_relu(x, 0.3)), ('leaky-2', lambda x: F.leaky_relu(x, -2.0)), ('relu_m', torch.relu)]
for name, f in ops:
    for dt in (torch.float32, torch.float64):
        for lay, base in layouts(dt):
            x = base.detach().requires_grad_(True)
            y = f(x)
            g = torch.randn(y.shape, dtype=dt)
            y.backward(g)
            g1 = x.grad; x.grad = None
            f(x).sum().backward()
            print(name, dt, lay, ck(y), ck(g1), ck(x.grad), y.grad_fn.name())
x = torch.tensor([float('nan'), -0.0, 0.0, float('inf'), -float('inf'), 1e-45, -1e-45, 2.0, -3.0], requires_grad=True)
for f in (F.relu, lambda t: F.leaky_relu(t, 0.2)):
    y = f(x); y.backward(torch.arange(1.0, 10.0)); print(y.tolist(), x.grad.tolist()); x.grad = None
