# Comparisons: nan and inf semantics of comparisons, isnan / isinf / isfinite / isposinf / isneginf / nan_to_num
import torch

x = torch.tensor([1., float('nan'), float('inf'), float('-inf'), 0., -0.])
print(x == x, x != x, x < float('inf'), x > float('-inf'), x >= x, x == 0.)
print(torch.isnan(x), torch.isinf(x), torch.isfinite(x), x.isnan().any(), x.isinf().sum())
print(torch.isposinf(x), torch.isneginf(x))
print(torch.nan_to_num(x), torch.nan_to_num(x, nan=0.0, posinf=1e3, neginf=-1e3), x.double().nan_to_num(nan=-1.))
i = torch.tensor([1, 2])
print(torch.isnan(i), torch.isinf(i), torch.isfinite(i), torch.isnan(torch.tensor([True])))
print(torch.tensor([float('nan')]).max(), torch.tensor([1., float('nan')]).argmax(), torch.tensor([float('nan'), 1.]).min())
print(torch.tensor([1e38]) * 10, torch.tensor([1e38], dtype=torch.float64) * 10, torch.tensor([65504.], dtype=torch.float16) * 2)
