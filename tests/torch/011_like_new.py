# *_like and new_* factories
import torch
x = torch.tensor([[1, 2], [3, 4]], dtype=torch.int32)
print(torch.zeros_like(x), torch.ones_like(x))
print(torch.full_like(x, 9), torch.empty_like(x).shape)
print(torch.zeros_like(x, dtype=torch.float32))
y = torch.tensor([1.5, 2.5], dtype=torch.float64)
print(y.new_zeros(3), y.new_ones((2, 2)))
print(y.new_full((2,), 4), y.new_tensor([1, 2]))
print(y.new_empty(2).dtype)
print(torch.as_tensor([1, 2, 3]), torch.as_tensor(y) is not None)
z = torch.as_tensor(y)
z[0] = 100
print(y)
print(torch.Tensor(2, 3).shape, torch.Tensor([1, 2]))
