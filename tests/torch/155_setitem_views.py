# Indexing: writes through transposed, strided and selected views, and setitem on non-contiguous tensors
import torch
x = torch.zeros(3, 4)
x.t()[1] = torch.tensor([1., 2., 3.])
print(x)
x[:, ::2] = 5
print(x)
x[1][2] = -1
print(x)
y = torch.arange(12.).reshape(3, 4).t()
y[0] = 100
y[1:3, 1] = torch.tensor([-1., -2.])
print(y, y.is_contiguous())
y[y > 50] = 0
print(y)
z = torch.zeros(2, 3, 4)
z[..., 1] = torch.arange(3.)
z[1, :, 2:] = torch.ones(2)
print(z)
v = torch.zeros(5)
v[[0, 0, 2]] = torch.tensor([1., 2., 3.])
print(v)
