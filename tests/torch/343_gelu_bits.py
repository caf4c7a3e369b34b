# 343_gelu_bits.py — gelu gradients with PyTorch's bits: approximate='tanh' (fused multiply-adds as its x86-64 build, SLEEF tanh on blocks of 16, libm on the rest) in float32, approximate='none' on strided inputs, and its backward on contiguous float32 (oneDNN's formula in PyTorch).
import torch
import torch.nn.functional as F
torch.set_num_threads(1)
torch.manual_seed(0)
def ck(t):
    t = t.detach().contiguous()
    if t.dtype == torch.float32: return t.view(torch.int32).long().sum().item()
    return (t.view(torch.int64) % 1000000007).sum().item()
gt = lambda x: F.gelu(x, approximate='tanh')
cases = [('tanh', gt, torch.float32, 'c4099', lambda dt: torch.randn(4099, dtype=dt) * 3),
         ('tanh', gt, torch.float32, 'c37', lambda dt: torch.randn(37, dtype=dt) * 3),
         ('tanh', gt, torch.float32, 't', lambda dt: (torch.randn(64, 130, dtype=dt) * 3).t()),
         ('tanh', gt, torch.float32, 's', lambda dt: (torch.randn(300, 70, dtype=dt) * 3)[:, ::3]),
         ('none', F.gelu, torch.float32, 's', lambda dt: (torch.randn(300, 70, dtype=dt) * 3)[:, ::3]),
         ('none', F.gelu, torch.float64, 's', lambda dt: (torch.randn(300, 70, dtype=dt) * 3)[:, ::3])]
for name, f, dt, lay, mk in cases:
    x = mk(dt).detach().requires_grad_(True)
    y = f(x)
    g = torch.randn(y.shape, dtype=dt)
    y.backward(g)
    g1 = x.grad; x.grad = None
    f(x).sum().backward()
    print(name, dt, lay, ck(y), ck(g1), ck(x.grad), y.grad_fn.name())
# contiguous float32 approximate='none': PyTorch runs oneDNN's kernels; its backward is matched
# (erf by Abramowitz-Stegun, oneDNN's exp), its forward is not (grads only here)
for n in (4099, 37, 2, 16):
    x = (torch.randn(n) * 3).requires_grad_(True)
    y = F.gelu(x); g = torch.randn(n); y.backward(g)
    g1 = x.grad; x.grad = None
    F.gelu(x).sum().backward()
    print('none c', n, ck(g1), ck(x.grad))
x = torch.tensor([float('nan'), -0.0, 0.0, float('inf'), -float('inf'), 30.0, -30.0, 1e-30, -12.0, 12.0], requires_grad=True)
F.gelu(x).backward(torch.ones(10)); print(x.grad.tolist())
try:
    F.gelu(torch.randn(3), approximate='bad')
except RuntimeError as e:
    print('RuntimeError', e)
