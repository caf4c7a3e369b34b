# Indexing: PyTorch's IndexError/TypeError texts for bad indices on 1-D, 2-D and 0-dim tensors
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.arange(6).reshape(2, 3)
check(lambda: x[2])
check(lambda: x[-3])
check(lambda: x[1, 3])
check(lambda: x[1, -4])
check(lambda: x[0, 0, 0])
check(lambda: x[torch.tensor([2])])
check(lambda: x[torch.tensor([[0, 5]])])
check(lambda: x[:, torch.tensor([3])])
check(lambda: x[None, 2])
check(lambda: x[..., 3])
check(lambda: torch.tensor(1)[0])
check(lambda: torch.tensor(1)[:])
check(lambda: torch.zeros(0)[0])
check(lambda: x[(1, 2)])
check(lambda: x[{1: 2}])
check(lambda: x[None, None, None, None, None, None, None, 0].shape)
