# 355_log1p_softplus_bits.py — log1p (float32/float64), float64 sigmoid, F.softplus (beta/threshold), F.logsigmoid and BCE-with-logits pos_weight: forward and gradient bits against PyTorch's SLEEF kernels on large samples with specials, contiguous and strided.
import torch
import torch.nn.functional as F
torch.set_num_threads(1)
torch.manual_seed(0)
P = 1000000007
def digest(t):
    """an exact digest of t's bit patterns (NaNs of any payload count as one value)"""
    t = t.detach().flatten()
    t = torch.where(t != t, torch.full_like(t, 12345.0), t)
    bits = t.view(torch.int32 if t.dtype == torch.float32 else torch.int64).tolist()
    acc = 0
    for b in bits:
        acc = (acc * 31 + b % P) % P
    return acc
def show(name, t):
    v = t.detach().flatten()
    print(name, t.dtype, tuple(t.shape), digest(t), v[:3].tolist(), v[-2:].tolist())
def sample(dt):
    parts = [torch.randn(2001, dtype=dt) * s for s in (1e-3, 0.3, 1.0, 4.0, 30.0)]
    parts.append(torch.rand(2001, dtype=dt) * 2 - 1)
    big = 1e38 if dt == torch.float32 else 1e307
    parts.append(torch.tensor([0.0, -0.0, -1.0, -1.5, float('inf'), -float('inf'), float('nan'), big,
                               -0.99999, 25.0, 19.9, 20.1, 5.0, 2.5, -30.0], dtype=dt))
    return torch.cat(parts)
for dt in (torch.float32, torch.float64):
    x = sample(dt)
    print('n', x.numel())
    show('log1p', torch.log1p(x))
    show('log1p strided', torch.log1p(x[::3]))
    show('log1p tail17', torch.log1p(x[100:117]))
    xs = x.clone().requires_grad_()
    y = torch.log1p(xs)
    y.backward(torch.ones_like(y))
    show('log1p grad', xs.grad)
    show('sigmoid', torch.sigmoid(x))
    show('sigmoid tail13', torch.sigmoid(x[1000:1013]))
    show('sigmoid strided', torch.sigmoid(x[::2]))
    for kw in ({}, {'beta': 2.0, 'threshold': 5.0}, {'beta': 0.5, 'threshold': 3.0}):
        for name, inp in (('', x), (' strided', x[1::2]), (' tail', x[3000:3021])):
            xs = inp.clone().requires_grad_() if name != ' strided' else x.clone().requires_grad_()
            src = xs if name != ' strided' else xs[1::2]
            y = F.softplus(src, **kw)
            g = torch.randn(y.shape, dtype=dt)
            y.backward(g)
            show('softplus%s %s' % (name, sorted(kw.items())), y)
            show('softplus grad%s %s' % (name, sorted(kw.items())), xs.grad)
    for name, inp in (('', x), (' tail', x[500:511])):
        xs = inp.clone().requires_grad_()
        y = F.logsigmoid(xs)
        g = torch.randn(y.shape, dtype=dt)
        y.backward(g)
        print(y.grad_fn.name())
        show('logsigmoid' + name, y)
        show('logsigmoid grad' + name, xs.grad)
    xt = x[:6000].reshape(60, 100).t()
    show('logsigmoid transposed', F.logsigmoid(xt))
    # BCE with logits and pos_weight: input and target gradients
    xi = (torch.randn(3001, dtype=dt) * 3).requires_grad_()
    tg = torch.rand(3001, dtype=dt).requires_grad_()
    pw = torch.rand(3001, dtype=dt) * 3
    loss = F.binary_cross_entropy_with_logits(xi, tg, pos_weight=pw, reduction='none')
    loss.backward(torch.randn(3001, dtype=dt))
    show('bce pw loss', loss)
    show('bce pw input grad', xi.grad)
    show('bce pw target grad', tg.grad)
print(F.softplus(torch.tensor([1.0, 30.0], requires_grad=True)).grad_fn.name())
print(torch.log1p(torch.tensor([1.0], requires_grad=True)).grad_fn.name())
