# 040_fast_kernels.py — the CNN step's fast paths against PyTorch: 2x2 max pooling (ties, NaN, -inf, ceil_mode, odd sizes), relu/where, batch norm, fused Adam.
import torch
import torch.nn as nn
import torch.nn.functional as F


def vals(t, nd=5):
    return [round(v, nd) for v in t.reshape(-1).tolist()]


torch.manual_seed(1)
print('max_pool2d 2x2')
for shape, ceil in [((2, 3, 8, 8), False), ((1, 2, 7, 9), True), ((2, 2, 6, 13), False), ((1, 1, 5, 5), True)]:
    x = torch.randint(-2, 3, shape).float()
    x[x < -1] = float('nan')
    x[x > 1.5] = float('-inf')
    for t in (x, torch.randint(-3, 4, shape).float(), torch.relu(torch.randn(shape))):
        p, i = F.max_pool2d(t, 2, ceil_mode=ceil, return_indices=True)
        print(shape, ceil, [str(v) for v in p.reshape(-1).tolist()][:24])
        print('  indices', i.reshape(-1).tolist()[:24], int(i.sum()))
        t = torch.nan_to_num(t, nan=0.5).clone().requires_grad_()
        g = torch.autograd.grad(F.max_pool2d(t, 2, ceil_mode=ceil), [t], torch.ones(p.shape))[0]
        print('  grad', vals(g)[:24], float(g.sum()))

print('relu and where')
a = torch.randn(6, 10)
a[0, :4] = torch.tensor([-0.0, float('inf'), float('-inf'), 0.0])
print([str(v) for v in torch.relu(a).reshape(-1).tolist()][:12])
x = a.clone().requires_grad_()
print(vals(torch.autograd.grad(torch.relu(x), [x], torch.randn(a.shape))[0]))
print(torch.where(a > 0, a, -a)[:2], torch.where(a.t() > 0, a.t(), 2.5)[:2])

print('batch_norm')
bn = nn.BatchNorm2d(5)
x = (torch.randn(6, 5, 7, 9) * 3 + 1).requires_grad_()
y = bn(x)
gx, gw, gb = torch.autograd.grad(y, [x, bn.weight, bn.bias], torch.randn(y.shape))
print(vals(y[0, :, 0], 4), vals(gx[1, :, 2], 4), vals(gw, 3), vals(gb, 3))
print(vals(bn.running_mean, 5), vals(bn.running_var, 5))
bn.eval()
print(vals(bn(x)[2, :, 3, :3], 4))

print('adam (fused update, strided linear grad)')
model = nn.Sequential(nn.Conv2d(2, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                      nn.Linear(4 * 4 * 4, 3))
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
xb, yb = torch.randn(5, 2, 8, 8), torch.tensor([0, 1, 2, 1, 0])
for step in range(5):
    opt.zero_grad()
    loss = F.cross_entropy(model(xb), yb)
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 5))
print(vals(model[5].weight[0, :8], 5), vals(model[1].weight, 5))  # (conv bias: its gradient is rounding noise under batch norm)
