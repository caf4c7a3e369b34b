# 340_mse_bits.py — F.mse_loss gives PyTorch's exact bits: (x - t)*(x - t) then the runtime's mean/sum, and gradients norm*(x - t)*grad (broadcast targets, float64, double backward).
import torch
import torch.nn.functional as F
torch.set_num_threads(1)
torch.manual_seed(0)
def fp(t):
    vals = t.detach().flatten().tolist(); acc = 0.0
    for i, v in enumerate(vals): acc += v * (i % 89 + 1)
    return repr(acc)
for dt in (torch.float32, torch.float64):
    for shape in ((7,), (256, 512), (3, 1, 33)):
        x = torch.randn(*shape, dtype=dt, requires_grad=True); t = torch.randn(*shape, dtype=dt, requires_grad=True)
        for red in ('mean', 'sum', 'none'):
            l = F.mse_loss(x, t, reduction=red)
            (l.sum() if red == 'none' else l).backward()
            print(dt, shape, red, fp(l), fp(x.grad), fp(t.grad), l.grad_fn.name() if red != 'none' else '')
            x.grad = None; t.grad = None
x = torch.randn(3, requires_grad=True); t = torch.randn(2, 3)
l = F.mse_loss(x, t); l.backward(); print("bcast", fp(l), fp(x.grad))
g = torch.autograd.grad(F.mse_loss(x, t), x, create_graph=True)[0]
g.sum().backward(); print("double", fp(g), fp(x.grad))
