# Indexing: augmented assignment through indices (x[i] += v) for basic, list, mask and duplicate indices
import torch
x = torch.zeros(3, 4)
x[0] += 1
x[:, 1] += torch.tensor([1., 2., 3.])
x[1:, 2:] *= 0
x[[0, 2], [3, 3]] -= 5
print(x)
x[x < 0] += 10
print(x)
v = torch.zeros(4)
v[[1, 1, 2]] += 1
print(v)
i = torch.arange(6).reshape(2, 3)
i[:, ::2] //= 2
print(i)
b = torch.zeros(2, 2, dtype=torch.bool)
b[0] |= torch.tensor([True, False])
print(b)
