# op_sweep_reduce.py — reductions and normalisation on 512x512 float32 (max/min/argmax, amax, sum, std/var, softmax over dims 0/1, logsumexp, norm, prod, cumsum, layer_norm, equal, allclose, isclose).
import torch
import torch.nn.functional as F
from benchutil import setup, timeit, checksum

setup()
x = torch.randn(512, 512)
y = torch.randn(512, 512)
xp = x * 0.01 + 1
ops = [
    ("sum1", lambda: x.sum(1)),
    ("mean", lambda: x.mean()),
    ("max", lambda: x.max()),
    ("min", lambda: x.min()),
    ("amax1", lambda: x.amax(1)),
    ("max1", lambda: x.max(1)[0]),
    ("max0", lambda: x.max(0)[0]),
    ("argmax1", lambda: x.argmax(1)),
    ("argmin0", lambda: x.argmin(0)),
    ("std", lambda: x.std()),
    ("var1", lambda: x.var(1)),
    ("softmax0", lambda: x.softmax(0)),
    ("log_softmax0", lambda: x.log_softmax(0)),
    ("softmax1", lambda: x.softmax(1)),
    ("logsumexp1", lambda: x.logsumexp(1)),
    ("norm", lambda: x.norm()),
    ("norm_dim1", lambda: x.norm(dim=1)),
    ("prod1", lambda: xp.prod(1)),
    ("cumsum1", lambda: x.cumsum(1)),
    ("cumsum0", lambda: x.cumsum(0)),
    ("cumprod1", lambda: xp.cumprod(1)),
    ("layer_norm", lambda: F.layer_norm(x, (512,))),
    ("isclose", lambda: torch.isclose(x, y)),
]
total = 0.0
for name, fn in ops:
    timeit(name, fn, 100)
    total += float(fn().double().sum().item())
timeit("equal_unequal", lambda: torch.equal(x, y), 100)
timeit("equal_same", lambda: torch.equal(x, x), 100)
timeit("allclose", lambda: torch.allclose(x, x), 100)
total += torch.equal(x, x.clone()) + torch.allclose(x, x * (1 + 1e-7))
checksum(total / 1e6)
