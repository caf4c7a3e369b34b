# Reductions: result shapes of every reduction with keepdim True/False over int, negative and tuple dims
import torch

x = torch.ones(2, 3, 4)
for name in ['sum', 'mean', 'amax', 'amin', 'std', 'var', 'logsumexp', 'nansum', 'norm']:
    f = getattr(x, name)
    if name == 'norm':
        shapes = [f(dim=d, keepdim=k).shape for d in [0, -1, (0, 2)] for k in [False, True]]
    else:
        shapes = [f(d, keepdim=k).shape for d in [0, -1, (0, 2)] for k in [False, True]]
    print(name, shapes)
for name in ['max', 'min', 'argmax', 'argmin', 'prod', 'all', 'any', 'cumsum']:
    f = getattr(x, name)
    if name == 'cumsum':
        print(name, f(1).shape, f(-1).shape)
    elif name in ('all', 'any'):
        print(name, f(1).shape, f(1, keepdim=True).shape, f().shape)
    else:
        r = f(1)
        print(name, (r.values if isinstance(r, tuple) else r).shape, (f(-1, keepdim=True)[0] if isinstance(r, tuple) else f(-1, keepdim=True)).shape)
