# index_select, gather, scatter_, scatter_add, masked_select, nonzero, index_add_
import torch
x = torch.arange(12.).reshape(3, 4)
print(torch.index_select(x, 0, torch.tensor([0, 2])), x.index_select(1, torch.tensor([3])))
print(torch.gather(x, 1, torch.tensor([[0], [1], [2]])))
z = torch.zeros(3, 4)
print(z.scatter_(1, torch.tensor([[0], [1], [2]]), 5.0))
print(torch.zeros(2, 3).scatter_add(0, torch.tensor([[0, 1, 0]]), torch.ones(1, 3)))
print(torch.masked_select(x, x > 8), x.nonzero()[:3], torch.nonzero(torch.tensor([0, 1, 0, 2])))
print(torch.zeros(3).index_add_(0, torch.tensor([0, 0, 2]), torch.tensor([1., 2., 3.])))
print(torch.where(torch.tensor([0, 1, 1])))
