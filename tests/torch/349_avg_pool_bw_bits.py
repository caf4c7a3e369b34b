# 349_avg_pool_bw_bits.py — avg_pool2d / adaptive_avg_pool2d input gradients give PyTorch 1.13's exact bits: grad / divisor in the element type, added per window in output order (overlapping windows, padding, count_include_pad, divisor_override, ceil_mode, uneven adaptive windows, float64).
import math
import torch
import torch.nn.functional as F
torch.set_num_threads(1)
torch.manual_seed(0)
def fp(t):  # every bit of every element (frexp mantissa and exponent), order-sensitive
    acc = 0
    for v in t.detach().flatten().tolist():
        if v != v or v in (math.inf, -math.inf): acc = (acc * 31 + 7) % 1000000007; continue
        m, e = math.frexp(v)
        acc = (acc * 31 + int(m * 2 ** 53) % 1000003 + e) % 1000000007
    return acc
cfgs = [dict(kernel_size=2), dict(kernel_size=3, stride=2), dict(kernel_size=3, stride=1, padding=1),
        dict(kernel_size=3, stride=2, padding=1, count_include_pad=False), dict(kernel_size=(3, 2), stride=(2, 1), divisor_override=7),
        dict(kernel_size=3, stride=2, ceil_mode=True), dict(kernel_size=5, stride=3, padding=2, ceil_mode=True, count_include_pad=False)]
for dt in (torch.float32, torch.float64):
    x = torch.randn(2, 3, 11, 13, dtype=dt, requires_grad=True)
    for c in cfgs:
        out = F.avg_pool2d(x, **c)
        out.backward(torch.randn(out.shape, dtype=dt) * 3)
        print(dt, c, tuple(out.shape), fp(x.grad), out.grad_fn.name())
        x.grad = None
    for osz in ((5, 6), (3, 4), (1, 1), (7, 13)):
        out = F.adaptive_avg_pool2d(x, osz)
        out.backward(torch.randn(out.shape, dtype=dt) * 3)
        print(dt, osz, fp(x.grad), out.grad_fn.name())
        x.grad = None
img = torch.randn(16, 16, 32, 32, requires_grad=True)
F.avg_pool2d(img, 2).sum().backward(); print(fp(img.grad))
x3 = torch.randn(3, 9, 9).permute(0, 2, 1).requires_grad_()
out = F.avg_pool2d(x3, 3, 2); out.backward(torch.randn(out.shape)); print(fp(x3.grad))
