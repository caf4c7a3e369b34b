# nn.RNN (tanh and relu) bit-compatibility: outputs, final states and gradients, as digests of exact float reprs.
import torch
import torch.nn as nn


def flat(v, out):
    if isinstance(v, list):
        for e in v:
            flat(e, out)
    else:
        out.append(v)
    return out


def digest(t):
    """A hash of the repr of every element: equal digests mean equal float32 bits."""
    h = 0
    for v in flat(t.tolist(), []):
        for ch in repr(v):
            h = (h * 131 + ord(ch)) % 2147483647
    return h


def show(tag, t):
    vals = flat(t.tolist(), [])
    print(tag, tuple(t.shape), digest(t), [repr(v) for v in vals[:2]])


torch.manual_seed(1)
configs = [dict(), dict(num_layers=2), dict(bidirectional=True),
           dict(num_layers=2, bidirectional=True, batch_first=True), dict(bias=False),
           dict(num_layers=3, dropout=0.5)]
for nl in ('tanh', 'relu'):
    for cfg in configs:
        for (I, H, T, B) in [(5, 4, 6, 3), (12, 12, 5, 8), (3, 7, 4, 2)]:
            m = nn.RNN(I, H, nonlinearity=nl, **cfg)
            x = torch.randn(B, T, I) if cfg.get('batch_first') else torch.randn(T, B, I)
            x.requires_grad_(True)
            h0 = torch.randn(m.num_layers * (2 if m.bidirectional else 1), B, H, requires_grad=True)
            out, h = m(x, h0)
            (out.pow(2).sum() + h.sum() * 0.5).backward()
            tag = '%s %s H=%d' % (nl, sorted(cfg.items()), H)
            show(tag + ' out', out)
            show(tag + ' h_n', h)
            for name, p in m.named_parameters():
                show(tag + ' d' + name, p.grad)
            show(tag + ' dx', x.grad)
            show(tag + ' dh0', h0.grad)
rnn = nn.RNN(4, 3)
out, h = rnn(torch.randn(5, 4))
show('unbatched', out)
print(out.grad_fn is not None, h.shape)
