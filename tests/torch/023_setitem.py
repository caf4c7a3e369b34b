# __setitem__ with scalars, tensors and broadcasting
import torch
x = torch.zeros(3, 4)
x[0] = 1
x[1, 2] = 5
x[:, 3] = torch.tensor([7., 8., 9.])
x[2, :2] = torch.tensor([3., 4.])
print(x)
x[x > 4] = -1
print(x)
x[[0, 2], [0, 1]] = 10
print(x)
x[torch.tensor([1])] = torch.tensor([[1., 2., 3., 4.]])
print(x)
x[...] = 2
print(x)
x[:, 1:3] = torch.tensor([5., 6.])
print(x)
y = torch.arange(5)
y[1:3] = 0
y[-1] = 100
y[torch.tensor([True, False, False, False, False])] = 42
print(y)
