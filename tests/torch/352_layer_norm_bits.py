# 352_layer_norm_bits.py — F.layer_norm / nn.LayerNorm forward and every gradient (input, weight, bias) give PyTorch 1.13's exact bits: RowwiseMoments' cascaded Welford statistics, the fused apply, the backward's row and column sums (odd row lengths, with/without weight or bias, non-contiguous input, float32 and float64).
import math
import torch
import torch.nn as nn
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
def case(shape, nshape, dt, affine, scale=1.0, shift=0.0, transpose=False):
    x = torch.randn(*shape).to(dt) * scale + shift  # float32 draws: wick's float64 randn is not yet PyTorch's bits
    if transpose: x = x.transpose(0, 1)
    x.requires_grad_(True)
    w = (torch.randn(*nshape).to(dt) * 0.5 + 1).requires_grad_(True) if affine in ("wb", "w") else None
    b = torch.randn(*nshape).to(dt).requires_grad_(True) if affine in ("wb", "b") else None
    y = F.layer_norm(x, nshape, w, b, 1e-5)
    g = torch.randn(*y.shape).to(dt)
    y.backward(g)
    parts = [fp(y), fp(x.grad)] + [fp(t.grad) for t in (w, b) if t is not None]
    print(str(dt)[6:], tuple(x.shape), nshape, affine, y.grad_fn.name() if y.grad_fn else None, parts)
for dt in (torch.float32, torch.float64):
    for n in (1, 3, 7, 8, 9, 17, 31, 64, 100, 129, 257, 513, 1000, 2051):
        for affine in ("wb", "", "w", "b"):
            case((5, n), [n], dt, affine, scale=2.0, shift=0.3 * n % 3)
    case((3, 4, 33), [4, 33], dt, "wb", shift=5.0)
    case((6, 37), [6], dt, "wb", transpose=True)
    case((2, 3, 16, 16), [16, 16], dt, "", scale=0.01, shift=100.0)
ln = nn.LayerNorm(512)
x = torch.randn(64, 512, requires_grad=True)
ln(x).sum().backward()
print("module", fp(x.grad), fp(ln.weight.grad), fp(ln.bias.grad))
