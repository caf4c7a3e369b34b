# Contiguous Tensors and View vs Reshape (cheat sheet)
import torch
x = torch.randn(2, 3)
print(x.is_contiguous())
y = x.transpose(0, 1)
print(y.is_contiguous())
z = y.contiguous()
print(z.is_contiguous())
x = torch.randn(2, 3, 4)
print(x.is_contiguous())
print(x.view(2, 12).shape)
y = x.transpose(0, 1)
print(y.is_contiguous())
try:
    y.view(3, 8)
except RuntimeError as e:
    print("RuntimeError:", e)
print(y.reshape(3, 8).shape)
print(y.contiguous().view(3, 8).shape)
print(x.view(-1).shape, x.view(4, -1).shape)
try:
    x.view(5, 5)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    x.reshape(4, 2)
except RuntimeError as e:
    print("RuntimeError:", e)
a = torch.arange(6)
b = a.view(2, 3)
b[0, 0] = 100
print(a)
