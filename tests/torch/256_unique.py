# unique: sorted flat output, return_inverse, return_counts, both, floats with nan, bools, 2-D inputs, unique_consecutive
import torch

x = torch.tensor([3, 1, 2, 3, 1, 5, 3])
print(torch.unique(x), x.unique(sorted=True), torch.unique(x, return_inverse=True), torch.unique(x, return_counts=True))
u, inv, cnt = torch.unique(x, return_inverse=True, return_counts=True)
print(u, inv, cnt, torch.equal(u[inv], x))
m = torch.tensor([[2, 1], [1, 2], [3, 3]])
print(torch.unique(m), torch.unique(m, return_inverse=True)[1], torch.tensor([True, False, True]).unique())
print(torch.tensor([1.5, -0.5, 1.5, 0.]).unique(return_counts=True), torch.ones(0).unique(), torch.tensor(4).unique())
