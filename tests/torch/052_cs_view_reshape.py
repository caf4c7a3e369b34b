# Cheat sheet "View vs Reshape" and "Reshape Tensors".
import torch

torch.manual_seed(2)
x = torch.randn(2, 3, 4)
print(x.is_contiguous())
print(x.view(2, 12).shape)
y = x.transpose(0, 1)
print(y.is_contiguous())
try:
    y.view(3, 8)
except RuntimeError as e:
    print('RuntimeError:', e)
print(y.reshape(3, 8).shape)
print(y.contiguous().view(3, 8).shape)
print(torch.equal(y.reshape(3, 8), y.contiguous().view(3, 8)))

x = torch.randn(2, 3, 4)
print(x.reshape(6, 4).shape)
print(x.flatten().shape)
print(x.squeeze().shape)
print(x.unsqueeze(0).shape)
w = torch.zeros(1, 3, 1, 2)
print(w.squeeze().shape, w.squeeze(0).shape, w.unsqueeze(-1).shape)
print(x.reshape(6, 4)[1])
