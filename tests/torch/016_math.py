# Elementwise math functions
import torch
x = torch.tensor([0.5, 1.0, 2.0, 4.0])
for f in [torch.exp, torch.log, torch.log2, torch.log1p, torch.sqrt, torch.rsqrt, torch.sin, torch.cos,
          torch.tanh, torch.sigmoid, torch.relu, torch.sign, torch.floor, torch.ceil, torch.round, torch.neg, torch.abs]:
    print(f(x - 1.5))
print(x.exp(), x.log(), x.sqrt(), x.sigmoid(), x.tanh())
print(torch.clamp(x, 1, 3), torch.clamp(x, min=1.5), torch.clip(x, max=1), x.clamp(0.7, 2.2))
print(torch.maximum(x, torch.tensor(1.5)), torch.minimum(x, torch.tensor([1., 1., 3., 3.])))
print(torch.where(x > 1, x, torch.zeros(4)), torch.where(x > 1, x, 0.0))
print(torch.lerp(x, torch.zeros(4), 0.5))
print(torch.tensor([1, -2, 3]).abs(), torch.tensor([2.5, 3.5, -0.5]).round())
print(torch.pow(x, 2), torch.pow(x, x), x.pow(0.5))
print(torch.tensor([1, 2, 3]).exp())
print(torch.round(torch.tensor([1.2345, 2.3456]), decimals=2))
print(x.masked_fill(x > 1, -1.0), torch.tensor([float('nan'), 1.]).isnan())
