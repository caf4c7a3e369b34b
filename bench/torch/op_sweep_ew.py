# op_sweep_ew.py — elementwise and creation ops on 512x512 float32 (exp, pow, clamp, gelu, casts, fills, arange, randn).
import torch
import torch.nn.functional as F
from benchutil import setup, timeit, checksum

setup()
x = torch.randn(512, 512)
xd = x.double()
xs = x.abs() + 0.1
ops = [
    ("exp", lambda: x.exp()),
    ("dbl_exp", lambda: xd.exp()),
    ("dbl_log", lambda: xs.double().log()),
    ("pow2", lambda: x.pow(2)),
    ("pow3", lambda: x ** 3),
    ("pow_half", lambda: xs.pow(0.5)),
    ("pow_m1", lambda: x.pow(-1)),
    ("clamp", lambda: x.clamp(-0.5, 0.5)),
    ("clamp_min", lambda: x.clamp(min=0.0)),
    ("gelu", lambda: F.gelu(x)),
    ("gelu_tanh", lambda: F.gelu(x, approximate="tanh")),
    ("to_double", lambda: x.double()),
    ("to_float", lambda: xd.float()),
    ("to_long", lambda: x.long()),
    ("to_half", lambda: x.half()),
    ("to_bool", lambda: x.bool()),
    ("zeros", lambda: torch.zeros(512, 512)),
    ("ones", lambda: torch.ones(512, 512)),
    ("full", lambda: torch.full((512, 512), 2.5)),
    ("arange", lambda: torch.arange(262144)),
    ("arange_f", lambda: torch.arange(0.0, 26214.4, 0.1)),
    ("linspace", lambda: torch.linspace(0, 1, 262144)),
    ("randn", lambda: torch.randn(512, 512)),
]
total = 0.0
for name, fn in ops:
    timeit(name, fn, 100)
    total += float(fn().double().sum().item()) if name != "randn" else 0.0
checksum(total / 1e6)
