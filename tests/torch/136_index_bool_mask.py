# Indexing: boolean masks (same shape, leading dims, 0-dim True/False), masks from comparisons
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.arange(12.).reshape(3, 4)
print(x[x > 5], x[x % 2 == 0].shape)
print(x[torch.tensor([True, False, True])], x[[True, False, True]])
print(x[:, torch.tensor([False, True, True, False])])
print(x[torch.tensor(True)].shape, x[torch.tensor(False)].shape, x[True].shape, x[False].shape)
print(x[torch.zeros(3, 4, dtype=torch.bool)], x[x > 100].shape)
m = torch.tensor([[True, False, False, True]] * 3)
print(x[m])
print(torch.tensor([1, 2, 3])[torch.tensor([True, False, True], dtype=torch.uint8) > 0])
check(lambda: x[torch.tensor([True, False])])
check(lambda: x[torch.ones(3, 5, dtype=torch.bool)])
check(lambda: x[:, torch.tensor([True, False])])
