# 322_copy_tiled.py — contiguous copies of transposed and permuted tensors (the tiled copy path) keep every value and PyTorch's strides for each dtype, odd sizes, 3-D/4-D permutes, slices, expands and NaN/inf.
import torch

torch.manual_seed(322)
for dt in [torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int64, torch.int32, torch.int16, torch.uint8, torch.bool]:
    for shape in [(8, 8), (37, 53), (100, 9), (9, 100), (1, 40), (40, 1), (0, 12), (65, 33)]:
        x = (torch.randn(*shape) * 50).to(dt)
        c = x.t().contiguous()
        same = all(c[j, i].item() == x[i, j].item() for i in range(0, shape[0], 7) for j in range(0, shape[1], 5))
        print(dt, shape, c.stride(), c.is_contiguous(), same, torch.equal(c, x.t()), torch.equal(c.t(), x))
y = torch.randn(6, 35, 41)
y[0, 1, 2] = float('nan')
y[1, 2, 3] = float('inf')
y[2, 3, 4] = -0.0
for perm in [(0, 2, 1), (2, 0, 1), (1, 2, 0), (2, 1, 0), (1, 0, 2)]:
    p = y.permute(*perm)
    c = p.contiguous()
    print(perm, c.stride(), str(c[:, 1, :3].tolist()) == str(p[:, 1, :3].tolist()), c.flatten()[::97].tolist()[:8], torch.equal(c.nan_to_num(), p.nan_to_num()))
z = torch.randn(2, 9, 10, 11)
for perm in [(0, 2, 3, 1), (0, 3, 1, 2), (3, 2, 1, 0)]:
    c = z.permute(*perm).contiguous()
    print(perm, c.shape, c.stride(), torch.equal(c, z.permute(*perm)), c.sum(dtype=torch.float64).item())
print(z.permute(0, 2, 3, 1).contiguous(memory_format=torch.contiguous_format).stride())
s = torch.randn(50, 60)[3:40:2, 5:55:3]
print(s.t().contiguous().stride(), torch.equal(s.t().contiguous(), s.t()), s.t().contiguous()[4].tolist()[:5])
e = torch.randn(30, 1).expand(30, 20)
print(e.t().contiguous().stride(), torch.equal(e.t().contiguous(), e.t()))
w = torch.zeros(40, 30)
w.t().copy_(torch.arange(1200.0).view(30, 40))
print(w[:3, :4].tolist(), w.sum().item())
g = torch.randn(20, 30, requires_grad=True)
(g.t().contiguous() * torch.arange(20.0)).sum().backward()
print(g.grad[:3, :3].tolist())
