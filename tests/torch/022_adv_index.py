# Advanced Indexing (cheat sheet): masks, index tensors, lists
import torch
torch.manual_seed(0)
x = torch.randn(3, 4)
mask = x > 0
print(x[mask])
x[x > 0] = 0
print(x)
indices = torch.tensor([0, 2])
print(x[indices])
print(x[[0, 1], [1, 2]])
y = torch.arange(12).reshape(3, 4)
print(y[[0, 2]], y[:, [0, 3]], y[torch.tensor([[0, 1], [2, 2]])], y[1, [1, 2]])
print(y[y % 2 == 0], y[torch.tensor([True, False, True])])
print(y[[0, 1], :][:, [2]], y[..., [1]])
z = torch.arange(24).reshape(2, 3, 4)
print(z[:, [0, 2], [1, 3]], z[[0, 1], :, [0, 1]].shape)
