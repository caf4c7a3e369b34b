# sort: ascending / descending, dims, stable=True with ties, nan placement, ints and bools, named tuple, errors
import torch

x = torch.tensor([[3., 1., 2., 1.], [float('nan'), -1., float('inf'), 0.]])
print(x.sort())
print(torch.sort(x, descending=True), x.sort(0).indices)
s = torch.tensor([2, 1, 2, 1, 2, 1, 0, 2])
print(s.sort(stable=True), torch.sort(s, descending=True, stable=True).indices, torch.sort(s, stable=True, dim=0).values)
print(torch.tensor([True, False, True]).sort(), torch.tensor([-0., 0., -0.]).sort(stable=True).indices, torch.tensor(5.).sort())
v, idx = torch.tensor([[9, 3], [4, 8]]).sort(dim=-1, descending=True)
print(v, idx, torch.ones(0).sort())
try:
    x.sort(dim=2)
except IndexError as e:
    print(type(e).__name__, e)
