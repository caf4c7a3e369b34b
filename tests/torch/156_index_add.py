# Indexing: index_add_/index_add with repeated indices, alpha, other dims, and errors
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
print(torch.ones(3, 2).index_add_(0, torch.tensor([0, 0]), torch.tensor([[1., 2.], [3., 4.]])))
print(torch.zeros(2, 3).index_add(1, torch.tensor([2, 0]), torch.ones(2, 2), alpha=2))
print(torch.zeros(4, dtype=torch.int64).index_add_(0, torch.tensor([3, 3, 1]), torch.tensor([1, 2, 3])))
check(lambda: torch.zeros(3).index_add_(0, torch.tensor([3]), torch.ones(1)))
check(lambda: torch.zeros(3).index_add_(0, torch.tensor([0.]), torch.ones(1)))
