# Miscellaneous torch functions: is_tensor, numel, default dtype, result_type, broadcast helpers
import torch
x = torch.ones(2, 3)
print(torch.is_tensor(x), torch.is_tensor([1]), torch.numel(x))
print(torch.get_default_dtype())
torch.set_default_dtype(torch.float64)
print(torch.tensor([1.5]), torch.zeros(1).dtype, torch.arange(0., 1., 0.5))
torch.set_default_dtype(torch.float32)
print(torch.tensor([1.5]).dtype)
print(torch.result_type(torch.tensor([1]), 1.0), torch.result_type(torch.tensor([1.], dtype=torch.float16), 2))
print(torch.broadcast_shapes((2, 1), (1, 3)), torch.broadcast_to(torch.tensor([1, 2]), (2, 2)))
a, b = torch.broadcast_tensors(torch.tensor([[1], [2]]), torch.tensor([3, 4]))
print(a, b)
print(x.expand(2, 2, 3).shape, torch.tensor([1, 2]).repeat(2, 2))
print(torch.tensor([[1, 2], [3, 4]]).expand_as(torch.zeros(2, 2, 2)).shape)
try:
    torch.ones(2, 3).expand(4, 3)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.ones(3) + torch.ones(4)
except RuntimeError as e:
    print("RuntimeError:", e)
print(torch.pi, torch.inf, torch.tensor([1, 2]).numel())
