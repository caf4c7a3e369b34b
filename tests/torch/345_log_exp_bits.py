# 345_log_exp_bits.py — float32 log (SLEEF's bits, 8 lanes at a time and scalar on the rest) and exp/log gradients (grad * result, grad / x) with PyTorch's bits, odd sizes, strided rows and special values.
import torch
torch.set_num_threads(1)
torch.manual_seed(0)
def ck(t):
    t = t.detach().contiguous()
    if t.dtype == torch.float32: return t.view(torch.int32).long().sum().item()
    return (t.view(torch.int64) % 1000000007).sum().item()
for n in (1, 7, 8, 9, 15, 16, 17, 4099):
    x = (torch.randn(n) * 30).exp()
    print(n, ck(x.log()), ck(x[::2].log()), ck(torch.log(x[1:])))
sp = torch.tensor([0.0, -0.0, -1.0, float('inf'), -float('inf'), float('nan'), 1.0, 1e-45, 1e-40, 1.17549435e-38, 3.4e38, 0.5, 2.0, 1.0000001, 0.99999994, 7.0])
print(sp.log().tolist())
for dt in (torch.float32, torch.float64):
    for f, name in ((torch.exp, 'exp'), (torch.log, 'log')):
        x = (torch.rand(300, 70, dtype=dt) * 4 + 0.01)
        for lay, xs in (('c', x), ('s', x[:, ::3])):
            xs = xs.detach().requires_grad_(True)
            y = f(xs); g = torch.randn(y.shape, dtype=dt); y.backward(g)
            print(name, dt, lay, ck(y), ck(xs.grad), y.grad_fn.name())
