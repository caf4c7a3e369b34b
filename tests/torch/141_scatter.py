# Indexing: scatter_/scatter with tensor and scalar src, reduce='add'/'multiply', scatter_add_, errors
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
z = torch.zeros(3, 5)
src = torch.arange(1., 11.).reshape(2, 5)
print(z.scatter_(0, torch.tensor([[0, 1, 2, 0, 0]]), src))
print(torch.zeros(3, 5).scatter(1, torch.tensor([[0, 1], [2, 3]]), src))
print(torch.zeros(2, 4).scatter_(1, torch.tensor([[1], [3]]), 7.5))
print(torch.ones(2, 4).scatter_(1, torch.tensor([[1, 1], [0, 3]]), torch.full((2, 2), 2.), reduce='add'))
print(torch.ones(2, 4).scatter_(1, torch.tensor([[1, 1], [0, 3]]), 3., reduce='multiply'))
print(torch.zeros(5).scatter_add_(0, torch.tensor([0, 1, 0, 4]), torch.tensor([1., 2., 3., 4.])))
print(torch.zeros(2, dtype=torch.int64).scatter_(0, torch.tensor([1]), torch.tensor([9])))
check(lambda: torch.zeros(3).scatter_(0, torch.tensor([3]), torch.ones(1)))
check(lambda: torch.zeros(3).scatter_(0, torch.tensor([0.]), torch.ones(1)))
check(lambda: torch.zeros(3).scatter_(0, torch.tensor([0]), torch.ones(1, dtype=torch.float64)))
check(lambda: torch.zeros(3).scatter_(0, torch.tensor([0]), 1., reduce='max'))
