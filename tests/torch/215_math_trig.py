# Math: sin / cos (and tan) for float32/float64/int inputs, large arguments, inf and nan
import math
import torch

x = torch.tensor([0., math.pi / 6, math.pi / 2, math.pi, -math.pi / 4, 100., 1e4, float('inf'), float('nan')])
print(torch.sin(x), torch.cos(x))
print(torch.sin(x.double()), torch.cos(x.double()))
print(x.sin().tolist()[:7], x.cos().tolist()[:7])
i = torch.tensor([0, 1, 2])
print(torch.sin(i), torch.cos(i), torch.tan(torch.tensor([0., 1.])), torch.sin(i).dtype)
y = torch.tensor([1., 2.])
print(y.sin_(), y.cos_(), torch.sin(torch.tensor(0.5, dtype=torch.float64)).item())
print(torch.sin(torch.linspace(0, 6.283185307179586, 9)).tolist())
