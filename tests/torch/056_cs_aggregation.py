# Cheat sheet "Aggregation".
import torch

torch.manual_seed(0)
x = torch.randn(2, 3, 4)
print(x.sum())
print(x.sum(dim=0).shape)
print(x.sum(dim=-1).shape)
print(x.mean())
print(x.std())
print(x.max())
print(x.min())
print(x.argmax())
print(x.argmin())
print(x.max(dim=1))
values, indices = x.max(dim=1)
print(values.shape, indices.dtype)
print(x.min(dim=2, keepdim=True))
print(x.sum(dim=(0, 2)), x.mean(dim=-1, keepdim=True).shape)
