# Cheat sheet "Concatenation" and "Splitting".
import torch

torch.manual_seed(0)
x = torch.randn(2, 3)
y = torch.randn(2, 3)
print(torch.cat([x, y], dim=0).shape)
print(torch.cat([x, y], dim=1).shape)
print(torch.stack([x, y], dim=0).shape)
print(torch.vstack([x, y]).shape)
print(torch.hstack([x, y]).shape)
print(torch.cat([x, y], dim=1))

x = torch.randn(6, 4)
chunks = torch.split(x, 2, dim=0)
print(len(chunks), [c.shape for c in chunks])
chunks = torch.chunk(x, 3, dim=0)
print(len(chunks), chunks[1])
tensors = x.unbind(dim=0)
print(len(tensors), tensors[5])
