# 347_smooth_l1_huber_bits.py — F.smooth_l1_loss / F.huber_loss give PyTorch 1.13's exact bits: values and both gradients (vector blocks and scalar tails of its backward kernel, beta/delta, reductions, float64, broadcast targets) and its errors.
import math
import torch
import torch.nn.functional as F
torch.set_num_threads(1)
torch.manual_seed(0)
def fp(t):  # every bit of every element (frexp mantissa and exponent), order-sensitive
    acc = 0
    for v in t.detach().flatten().tolist():
        if v != v or v in (math.inf, -math.inf): acc = (acc * 31 + (7 if v != v else 11 if v > 0 else 13)) % 1000000007; continue
        m, e = math.frexp(v)
        acc = (acc * 31 + int(m * 2 ** 53) % 1000003 + e) % 1000000007
    return acc
def run(f, x, t, red, **kw):
    l = f(x, t, reduction=red, **kw)
    if red == 'none': l.backward(torch.rand(l.shape, dtype=l.dtype))
    else: l.backward()
    print(red, kw, fp(l), fp(x.grad), fp(t.grad), l.grad_fn.name())
    x.grad = None; t.grad = None
for dt in (torch.float32, torch.float64):
    for shape in ((7,), (37,), (64, 300), (3, 5, 33)):
        print(dt, shape)
        x = (torch.randn(*shape, dtype=dt) * 2).requires_grad_(); t = torch.randn(*shape, dtype=dt, requires_grad=True)
        for red in ('mean', 'sum', 'none'):
            run(F.smooth_l1_loss, x, t, red)
            run(F.smooth_l1_loss, x, t, red, beta=0.3)
            run(F.huber_loss, x, t, red)
            run(F.huber_loss, x, t, red, delta=2.5)
x = torch.randn(4, 33, requires_grad=True); t = torch.randn(33, requires_grad=True)
run(F.huber_loss, x, t, 'mean', delta=0.7)
run(F.smooth_l1_loss, x, t, 'sum', beta=0.7)
x = torch.tensor([1.0, 2.0, float('nan'), float('inf'), 0.5], requires_grad=True); t = torch.tensor([1.0, 1.0, 0.0, 0.0, 0.0], requires_grad=True)
for f in (F.smooth_l1_loss, F.huber_loss):
    l = f(x, t, reduction='none'); l.sum().backward(); print(l.tolist(), x.grad.tolist(), t.grad.tolist()); x.grad = None; t.grad = None
print(torch.nn.SmoothL1Loss(beta=0.5)(torch.randn(5), torch.randn(5)).item(), torch.nn.HuberLoss(delta=0.5)(torch.randn(5), torch.randn(5)).item())
print(F.smooth_l1_loss(torch.randn(5), torch.randn(5), beta=0.0).item())
for f, kw in ((F.smooth_l1_loss, {'beta': -1.0}), (F.huber_loss, {'delta': 0.0}), (F.huber_loss, {'delta': -1.0})):
    try: print(f(torch.randn(3), torch.randn(3), **kw))
    except Exception as e: print(type(e).__name__, e)
try: print(F.smooth_l1_loss(torch.randn(3), torch.randn(4)))
except Exception as e: print(type(e).__name__, e)
