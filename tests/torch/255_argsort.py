# argsort: dims, descending, stable ties, nan, round trip with gather, ints
import torch

torch.manual_seed(5)
x = torch.randint(0, 4, (3, 6))
print(x, x.argsort(), torch.argsort(x, dim=0), x.argsort(1, descending=True), torch.sort(x, stable=True).indices)
idx = x.sort(dim=1, stable=True).indices
print(torch.equal(torch.gather(x, 1, idx), x.sort(dim=1, stable=True).values))
print(torch.tensor([1., float('nan'), 0., float('-inf')]).argsort(), torch.tensor([3, 1, 2]).argsort(descending=True))
print(torch.tensor(1.).argsort(), torch.ones(0).argsort(), torch.tensor([[1., 0.]]).argsort(-1))
