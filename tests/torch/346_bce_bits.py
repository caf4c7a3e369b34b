# 346_bce_bits.py — F.binary_cross_entropy(_with_logits) give PyTorch 1.13's exact bits: values and input/target gradients (weight, pos_weight, reductions, float64, non-contiguous input, clamped logs) and its errors.
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
def near(t):  # 6 significant digits of a weighted sum (runtime log1p is not yet ATen's Sleef bits)
    vals = t.detach().flatten().tolist(); acc = 0.0
    for i, v in enumerate(vals): acc += v * (i % 89 + 1)
    return '%.6g' % acc
def run(f, x, t, red, **kw):
    l = f(x, t, reduction=red, **kw)
    if red == 'none': l.backward(torch.rand(l.shape, dtype=l.dtype))
    else: l.backward()
    print(red, fp(l), fp(x.grad), near(t.grad) if 'pos_weight' in kw else fp(t.grad), l.grad_fn.name())
    x.grad = None; t.grad = None
for dt in (torch.float32, torch.float64):
    for shape in ((7,), (256, 512), (3, 5, 33)):
        print(dt, shape)
        x = (torch.randn(*shape, dtype=dt) * 4).requires_grad_(); t = torch.rand(*shape, dtype=dt, requires_grad=True)
        w = torch.rand(shape[-1], dtype=dt); pw = torch.rand(shape[-1], dtype=dt) * 3
        p = torch.rand(*shape, dtype=dt).requires_grad_()
        for red in ('mean', 'sum', 'none'):
            run(F.binary_cross_entropy_with_logits, x, t, red)
            run(F.binary_cross_entropy_with_logits, x, t, red, weight=w, pos_weight=pw)
            run(F.binary_cross_entropy_with_logits, x, t, red, pos_weight=pw)
            run(F.binary_cross_entropy, p, t, red)
            run(F.binary_cross_entropy, p, t, red, weight=w)
xt = torch.randn(33, 5).t().requires_grad_(); tt = torch.rand(33, 5).t().requires_grad_()
run(F.binary_cross_entropy_with_logits, xt, tt, 'mean', pos_weight=torch.rand(33))
pt = torch.rand(33, 5).t().requires_grad_()
run(F.binary_cross_entropy, pt, tt, 'sum')
edge = torch.tensor([0.0, 1.0, 1e-45, 1 - 2 ** -24, 0.5, 1e-30, 0.999], requires_grad=True)
te = torch.tensor([0.0, 1.0, 1.0, 0.0, 0.5, 0.3, 1.0], requires_grad=True)
l = F.binary_cross_entropy(edge, te, reduction='none'); l.sum().backward()
print(l.tolist(), edge.grad.tolist(), te.grad.tolist())
big = torch.tensor([-100.0, -30.0, 0.0, 30.0, 100.0, float('inf'), -float('inf')], requires_grad=True)
l = F.binary_cross_entropy_with_logits(big, te.detach(), reduction='none'); l.sum().backward()
print(l.tolist(), big.grad.tolist())
m = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor([2.0, 0.5, 1.0]))
print(m(torch.randn(4, 3), torch.rand(4, 3)).item(), torch.nn.BCELoss()(torch.rand(4, 3), torch.rand(4, 3)).item())
x = torch.rand(3)
for args, kw in (((x, torch.tensor([0.5, 2, 0.])), {}), ((x * 2, x), {}), ((x.double(), x), {}), ((x, torch.rand(2, 3)), {}),
                 ((x, x), {'weight': torch.rand(2, 3)})):
    try: print(F.binary_cross_entropy(*args, reduction='none', **kw))
    except Exception as e: print(type(e).__name__, e)
for kw in ({'pos_weight': torch.rand(2, 3)}, {'weight': torch.rand(2, 3)}, {'weight': torch.rand(4)}):
    try: print(F.binary_cross_entropy_with_logits(x, x, **kw))
    except Exception as e: print(type(e).__name__, e)
try: print(F.binary_cross_entropy_with_logits(x, torch.rand(2, 3)))
except Exception as e: print(type(e).__name__, e)
for t in (torch.tensor([0, 1, 1], dtype=torch.int32), torch.tensor([True, False, True]), torch.rand(3, dtype=torch.float64)):
    try: l = F.binary_cross_entropy_with_logits(x.requires_grad_(), t); l.backward(); print(l.dtype, x.grad.dtype, fp(l), fp(x.grad))
    except Exception as e: print(type(e).__name__, e)
