# 293_add_alpha_bits.py — add/sub with alpha != 1 round once (fused multiply-add) as PyTorch's kernels do, on long contiguous rows, tails and in place, float32 and float64.
import torch

torch.manual_seed(296)


def fp(t):
    # order-sensitive float64 fingerprint of every element (Python arithmetic) plus the first and last values
    vals = t.flatten().tolist()
    acc = 0.0
    for i, v in enumerate(vals):
        acc += v * (i % 89 + 1)
    return repr(acc), repr(vals[0]), repr(vals[-1])


for dtype in (torch.float32, torch.float64):
    for n in (1, 7, 8, 9, 31, 1000, 100003):
        # drawn in float32: scalar-path float64 randn follows PyTorch 2.x (log1p), not Debian's 1.13
        x = torch.randn(n).to(dtype) * 3
        y = torch.randn(n).to(dtype) / 7
        print(dtype, n, "add", fp(torch.add(x, y, alpha=0.1)))
        print(dtype, n, "sub", fp(torch.sub(x, y, alpha=-1.37)))
        z = x.clone()
        z.add_(y, alpha=-0.01)
        print(dtype, n, "add_", fp(z))
        z.sub_(y, alpha=3)
        print(dtype, n, "sub_", fp(z))

# the SGD-with-momentum update shape: buf = 0.9*buf + g; p -= lr*buf
p = torch.randn(128, 784)
buf = torch.randn(128, 784)
g = torch.randn(128, 784)
for _ in range(3):
    buf.mul_(0.9).add_(g, alpha=1 - 0.1)
    p.add_(buf, alpha=-0.01)
print("sgd", fp(p), fp(buf))
# strided and broadcast operands take the generic row loop: same rounding
a = torch.randn(64, 33)
b = torch.randn(33)
print("bcast", fp(torch.add(a, b, alpha=0.3)))
print("strided", fp(torch.add(a.t()[:, ::2], a[::2, :].t(), alpha=2.5)))
