# torch.return_types named tuples: fields, unpacking, indexing, printing
import torch
x = torch.tensor([[1., 5., 2.], [7., 3., 4.]])
r = torch.max(x, 1)
print(r)
print(r.values, r.indices, r[0], r[1], len(r))
v, i = torch.min(x, dim=0)
print(v, i)
print(type(r).__name__, isinstance(r, tuple))
print(torch.sort(x, 1))
print(x.topk(1, dim=1))
print(torch.max(x, 1, keepdim=True))
m = torch.arange(12.).reshape(2, 6)
print(m.max(1))
