# Indexing: __setitem__ with scalars, tensors, broadcasting, dtype casts, masks, index lists, and errors
import torch
def check(f):
    try:
        f()
        print('ok')
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.zeros(3, 4)
x[0] = 1
x[1, 1:3] = torch.tensor([5, 6])
x[:, 3] = torch.tensor([7.5, 8.5, 9.5])
x[2] = torch.tensor([[1, 2, 3, 4]])
print(x)
x[x > 5] = -1
print(x)
x[[0, 2], [0, 1]] = torch.tensor([10., 20.])
x[..., 0] = 3
print(x)
x[:] = torch.tensor([1, 2, 3, 4])
print(x)
x[:, None, 1] = torch.tensor([[0.5], [0.25], [0.125]])
print(x)
i = torch.zeros(4, dtype=torch.int64)
i[1] = 2.9
i[2:] = torch.tensor([-1.5, 7.9])
print(i)
b = torch.zeros(3, dtype=torch.bool)
b[1] = 5
print(b)
x[torch.tensor([True, False, True])] = torch.tensor([9., 8., 7., 6.])
print(x)
x[[0, 0]] = torch.tensor([[1., 1., 1., 1.], [2., 2., 2., 2.]]) if False else x[[0, 0]]
def bad1(): x[0] = torch.ones(5)
def bad2(): x[0:2] = torch.ones(3, 4)
def bad3(): x[5] = 1
def bad4(): x[[0, 1]] = torch.ones(3)
def bad5(): x[0] = 'a'
for f in [bad1, bad2, bad3, bad4, bad5]:
    check(f)
