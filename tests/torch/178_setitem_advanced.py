# Indexing: __setitem__ with advanced indices: broadcasting values, masks with tensors, mixed with slices, errors
# regen-sed: s/must be long, byte or bool tensors/must be long, int, byte or bool tensors/
import torch
def check(f):
    try:
        f()
        print('ok')
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.zeros(3, 4, dtype=torch.int64)
x[[0, 2]] = torch.tensor([1, 2, 3, 4])
x[:, [1, 3]] = torch.tensor([[7], [8], [9]])
print(x)
x[torch.tensor([[0], [1]]), torch.tensor([0, 2])] = -1
print(x)
x[x == 7] = torch.tensor(70)
x[1, x[1] > 0] = 5
print(x)
x[[True, False, True], 0] = torch.tensor([11, 12])
print(x)
y = torch.zeros(2, 3)
y[:, torch.tensor([True, False, True])] = torch.tensor([[1., 2.], [3., 4.]])
y[..., [0]] = 0.5
print(y)
def b1(): x[[0, 1]] = torch.ones(3, 4, dtype=torch.int64)
def b2(): x[x > 0] = torch.tensor([1, 2])
def b3(): x[[5]] = 1
def b4(): x[torch.tensor([0.5])] = 1
for f in [b1, b2, b3, b4]:
    check(f)
