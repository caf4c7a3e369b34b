# softmax, log_softmax, topk, sort, argsort, unique
import torch
x = torch.tensor([[1., 2., 3.], [1., 1., 4.]])
print(torch.softmax(x, dim=1), x.softmax(0))
print(torch.log_softmax(x, 1))
print(x.topk(2))
print(torch.topk(x, 1, dim=0, largest=False))
print(x.sort(dim=1, descending=True))
print(torch.sort(torch.tensor([3, 1, 2])))
print(x.argsort(1), torch.argsort(torch.tensor([3, 1, 2]), descending=True))
print(torch.unique(torch.tensor([3, 1, 2, 3, 1])))
print(torch.tensor([2, 2, 1]).unique(return_counts=True))
v, i = torch.tensor([5., 1., 3.]).sort()
print(v, i)
