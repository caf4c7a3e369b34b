# Indexing errors (IndexError messages as PyTorch)
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.arange(6).reshape(2, 3)
check(lambda: x[5])
check(lambda: x[:, 3])
check(lambda: x[0, 0, 0])
check(lambda: x[torch.tensor([0, 5])])
check(lambda: torch.tensor(3)[0])
check(lambda: x.sum(2))
check(lambda: x.transpose(0, 2))
check(lambda: x[-3])
check(lambda: x.index_select(0, torch.tensor([2])))
check(lambda: x[torch.tensor([True, False, True])])
