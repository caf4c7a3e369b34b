# Cheat sheet "Slicing" and "Advanced Indexing".
import torch

torch.manual_seed(0)
x = torch.randn(2, 3)
print(x)
print(x[:, 1])
print(x[1, :])
print(x[1, 1].item())
x = torch.triu(torch.ones(5, 5))
print(x[:3, :3])

torch.manual_seed(1)
x = torch.randn(3, 4)
mask = x > 0
print(mask)
print(x[mask])
x[x > 0] = 0
print(x)
indices = torch.tensor([0, 2])
print(x[indices])
print(x[[0, 1], [1, 2]])
