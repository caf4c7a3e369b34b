# Indexing: index_select on each dim with int64/int32 indices, errors
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.arange(12).reshape(3, 4)
print(x.index_select(0, torch.tensor([2, 0])), torch.index_select(x, 1, torch.tensor([3, 3, 0])))
print(x.index_select(-1, torch.tensor([1], dtype=torch.int32)), x.index_select(0, torch.tensor([], dtype=torch.int64)).shape)
print(torch.tensor([5, 6, 7]).index_select(0, torch.tensor(1)) if False else 'skip')
check(lambda: x.index_select(0, torch.tensor([3])))
check(lambda: x.index_select(0, torch.tensor([-1])))
check(lambda: x.index_select(0, torch.tensor([0.0])))
check(lambda: x.index_select(2, torch.tensor([0])))
check(lambda: x.index_select(0, torch.tensor([[0]])))
