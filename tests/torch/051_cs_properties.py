# Cheat sheet "Tensor Properties" and "Contiguous Tensors".
import torch

torch.manual_seed(1)
x = torch.randn(2, 3, 4)
print(x.shape)
print(x.size())
print(x.dtype)
print(x.device)
print(repr(x.device))
print(x.numel())

x = torch.randn(2, 3)
print(x.is_contiguous())
y = x.transpose(0, 1)
print(y.is_contiguous())
z = y.contiguous()
print(z.is_contiguous())
print(torch.equal(y, z), y.stride(), z.stride())
