# 351_interpolate.py — F.interpolate / nn.Upsample: nearest 1-D/2-D with PyTorch's output and gradient bits; bilinear (align_corners False/True) against a float64 composition of index_select ops (PyTorch's FMA build rounds its float kernel differently); grad_fn names, reprs, errors.
import torch
import torch.nn as nn
import torch.nn.functional as F
torch.set_num_threads(1)
torch.manual_seed(0)
def fp(t):
    vals = t.detach().flatten().tolist(); acc = 0.0
    for i, v in enumerate(vals): acc += v * (i % 89 + 1)
    return repr(acc)
def taps(n_in, n_out, ac, sf):
    """PyTorch's source indices and weights of linear interpolation along one dim."""
    if ac:
        s = (n_in - 1) / (n_out - 1) if n_out > 1 else 0.0
    else:
        s = 1.0 / sf if sf else n_in / n_out
    i0, i1, l0, l1 = [], [], [], []
    for o in range(n_out):
        r = s * o if ac else max(s * (o + 0.5) - 0.5, 0.0)
        if n_in == n_out:
            r = float(o)
        a = int(r)
        i0.append(a); i1.append(a + (1 if a < n_in - 1 else 0)); l1.append(r - a); l0.append(1.0 - (r - a))
    return (torch.tensor(i0), torch.tensor(i1), torch.tensor(l0, dtype=torch.float64), torch.tensor(l1, dtype=torch.float64))
def ref_bilinear(x, oh, ow, ac, sf):
    a0, a1, h0, h1 = taps(x.shape[2], oh, ac, sf[0])
    b0, b1, w0, w1 = taps(x.shape[3], ow, ac, sf[1])
    xd = x.double()
    rows = xd.index_select(2, a0) * h0.view(-1, 1) + xd.index_select(2, a1) * h1.view(-1, 1)
    return rows.index_select(3, b0) * w0 + rows.index_select(3, b1) * w1
def close(a, b):
    return bool((a.double() - b).abs().max() <= 1e-5 * (1 + b.abs().max()))
cases = [
    dict(scale_factor=2), dict(scale_factor=3), dict(scale_factor=1.7), dict(scale_factor=(0.6, 2.5)),
    dict(size=(9, 13)), dict(size=4), dict(size=(5, 7)), dict(scale_factor=(1, 2)),
]
for dt in (torch.float32, torch.float64):
    x0 = torch.randn(2, 3, 5, 7, dtype=dt)
    for src in ('contig', 'strided'):
        x = (x0 if src == 'contig' else torch.randn(2, 7, 3, 5, dtype=dt).permute(0, 2, 3, 1)).requires_grad_()
        for mode, ac in (('nearest', None), ('bilinear', False), ('bilinear', True)):
            for kw in cases:
                y = F.interpolate(x, mode=mode, align_corners=ac, **kw)
                g = torch.randn(y.shape, dtype=dt)
                y.backward(g)
                if mode == 'nearest':
                    print(dt, src, mode, ac, kw, tuple(y.shape), y.grad_fn.name(), fp(y), fp(x.grad))
                else:
                    sf = kw.get('scale_factor')
                    sf = (None, None) if sf is None else (sf if isinstance(sf, tuple) else (sf, sf))
                    sf = (None, None) if ac else sf
                    xr = x.detach().double().requires_grad_()
                    r = ref_bilinear(xr, y.shape[2], y.shape[3], ac, sf)
                    r.backward(g.double())
                    print(dt, src, mode, ac, kw, tuple(y.shape), y.grad_fn.name(), close(y, r), close(x.grad, xr.grad))
                x.grad = None
    x1 = torch.randn(2, 3, 11, dtype=dt, requires_grad=True)
    for kw in (dict(scale_factor=2), dict(scale_factor=0.7), dict(size=4), dict(size=[25]), dict(scale_factor=2.3)):
        y = F.interpolate(x1, **kw)
        y.backward(torch.randn(y.shape, dtype=dt))
        print(dt, '1d', kw, tuple(y.shape), y.grad_fn.name(), fp(y), fp(x1.grad))
        x1.grad = None
x = torch.randn(1, 2, 64, 64, requires_grad=True)
y = F.interpolate(x, scale_factor=2, mode='bilinear')
gb = torch.randn(y.shape)
y.backward(gb)
xr = x.detach().double().requires_grad_()
r = ref_bilinear(xr, 128, 128, False, (2, 2))
r.backward(gb.double())
print('big', close(y, r), close(x.grad, xr.grad))
y = F.interpolate(x, size=(37, 45), mode='bilinear', align_corners=True)
print('small', close(y, ref_bilinear(x, 37, 45, True, (None, None))))
y = F.interpolate(x, scale_factor=2, recompute_scale_factor=True)
print('recompute', tuple(y.shape), fp(y))
print(F.interpolate(torch.arange(6.).view(1, 1, 2, 3), scale_factor=2))
print(F.interpolate(torch.arange(6.).view(1, 1, 2, 3), size=(3, 5), mode='bilinear', align_corners=True))
print(F.interpolate(torch.arange(12.).view(1, 1, 3, 4), scale_factor=2, mode='bilinear'))
print(nn.Upsample(scale_factor=2), nn.Upsample(size=(3, 4), mode='bilinear'), nn.Upsample(scale_factor=(2, 3)))
print(nn.UpsamplingNearest2d(scale_factor=2), nn.UpsamplingBilinear2d(size=3))
print(nn.Sequential(nn.Conv2d(1, 2, 3), nn.Upsample(scale_factor=2, mode='bilinear', align_corners=False)))
up = nn.UpsamplingBilinear2d(scale_factor=2)
print(close(up(x), ref_bilinear(x, 128, 128, True, (None, None))), up(x).shape)
x = torch.randn(1, 2, 3, 4)
bad = [
    (x, dict(size=3, scale_factor=2)), (x, dict()), (x, dict(size=[1, 2, 3])),
    (x, dict(scale_factor=2, align_corners=True)), (x, dict(scale_factor=[2])),
    (x[0], dict(scale_factor=2, mode='bilinear')), (x, dict(size=0)), (x, dict(size=(0, 2), mode='bilinear')),
    (x, dict(scale_factor=2, mode='bicubicx')), (x, dict(scale_factor=2, mode='linear')),
    (torch.zeros(1, 2, 3), dict(size=0)), (torch.zeros(1, 2, 3, 4, dtype=torch.long), dict(scale_factor=2)),
    (torch.zeros(1, 2, 3, 4, dtype=torch.long), dict(scale_factor=2, mode='bilinear')),
    (x, dict(size=2, recompute_scale_factor=True)),
    (torch.zeros(2), dict(size=2)),
]
for inp, kw in bad:
    try:
        F.interpolate(inp, **kw)
        print("no error", kw)
    except Exception as e:
        print(type(e).__name__, e)
print(F.interpolate(torch.zeros(0, 2, 3, 4), scale_factor=2).shape)
