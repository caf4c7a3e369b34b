# LSTM / GRU bit-compatibility: outputs, final states and every gradient, as digests of exact float reprs.
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


def run(tag, mod, x, hx=None):
    out, state = mod(x) if hx is None else mod(x, hx)
    h, c = state if isinstance(state, tuple) else (state, None)
    loss = out.pow(2).sum() + h.sum() * 0.5
    if c is not None:
        loss = loss + c.sum() * 0.25
    loss.backward()
    show(tag + ' out', out)
    show(tag + ' h_n', h)
    if c is not None:
        show(tag + ' c_n', c)
    for name, p in mod.named_parameters():
        show(tag + ' d' + name, p.grad)
    if x.requires_grad:
        show(tag + ' dx', x.grad)


torch.manual_seed(0)
configs = [dict(), dict(num_layers=2), dict(bidirectional=True),
           dict(num_layers=2, bidirectional=True, batch_first=True), dict(bias=False),
           dict(num_layers=2, dropout=0.3)]
# (input, hidden, steps, batch): hidden 16 runs the vectorised sigmoid, 4 and 7 its scalar tail
for cls in (nn.LSTM, nn.GRU):
    for i, cfg in enumerate(configs):
        for (I, H, T, B) in [(5, 4, 6, 3), (16, 16, 7, 16), (3, 7, 4, 2)]:
            m = cls(I, H, **cfg)
            x = torch.randn(B, T, I) if cfg.get('batch_first') else torch.randn(T, B, I)
            x.requires_grad_(True)
            run('%s %s H=%d' % (cls.__name__, sorted(cfg.items()), H), m, x)

# projections, initial states (with gradients), unbatched input, evaluation without grad
run('proj', nn.LSTM(6, 5, proj_size=3, num_layers=2), torch.randn(4, 2, 6))
lstm = nn.LSTM(4, 6, num_layers=2)
h0 = torch.randn(2, 3, 6, requires_grad=True)
c0 = torch.randn(2, 3, 6, requires_grad=True)
run('lstm h0', lstm, torch.randn(5, 3, 4), (h0, c0))
show('lstm dh0', h0.grad)
show('lstm dc0', c0.grad)
gru = nn.GRU(4, 6, num_layers=2, bidirectional=True)
g0 = torch.randn(4, 3, 6, requires_grad=True)
run('gru h0', gru, torch.randn(5, 3, 4), g0)
show('gru dh0', g0.grad)
out, (h, c) = lstm(torch.randn(5, 4))
show('unbatched out', out)
show('unbatched c', c)
lstm.eval()
with torch.no_grad():
    out, (h, c) = lstm(torch.randn(3, 2, 4))
show('eval out', out)
print(out.requires_grad, out.grad_fn)
