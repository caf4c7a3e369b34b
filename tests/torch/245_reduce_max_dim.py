# Reductions: max / min with dim -> torch.return_types named tuples (printing, unpacking, .values/.indices, indexing), ties
import torch

x = torch.tensor([[1., 5., 5.], [3., 2., 3.], [0., 0., -1.]])
r = x.max(dim=1)
print(r)
print(type(r).__name__, r.values, r.indices, r[0], r[1], len(r), tuple(v.shape for v in r))
values, indices = torch.min(x, 0)
print(values, indices)
print(x.max(1, keepdim=True), x.min(dim=-1).indices, torch.max(x, -2).values)
print(torch.tensor([1., float('nan'), 2.]).max(0), torch.tensor([[2, 9], [9, 2]]).max(1), torch.tensor([True, False]).min(0))
print(torch.aminmax(x, dim=0), torch.amax(x, (0, 1)), torch.amin(x, 1, keepdim=True))
print(torch.tensor(3.).max(0), torch.tensor([[1.5]]).max(dim=1))
m = x.max(1)
print(m == m, isinstance(m, tuple), m._fields if hasattr(m, '_fields') else None, repr(m).count('\n'))
try:
    x.max(2)
except IndexError as e:
    print(type(e).__name__, e)
