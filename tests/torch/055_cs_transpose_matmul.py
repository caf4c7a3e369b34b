# Cheat sheet "Transpose" and "Matrix Multiplication" on the CPU.
import torch

torch.manual_seed(0)
x = torch.randn(2, 6, 2)
print(x.shape)
y = x.transpose(1, 2)
print(y.shape)
print(x.mT.shape)
print(x.permute(2, 0, 1).shape)
print(x.permute(2, 0, 1).is_contiguous(), x.permute(2, 0, 1).stride())

x = torch.randn(1, 2, 3, 4)
print(x @ x.transpose(2, 3))
print(torch.bmm(x[0], x[0].transpose(1, 2)))
print(torch.einsum('bijk,bikl->bijl', x, x.transpose(2, 3)))
