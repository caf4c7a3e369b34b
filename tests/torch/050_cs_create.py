# Cheat sheet "Create Tensors" (CPU), and the cuda:0 line's error without CUDA.
import torch

torch.manual_seed(0)
x = torch.tensor([0, 1, 2, 3, 4, 5])
print(x)
x = torch.empty(2, 2)
print(x.shape, x.dtype)
x = torch.rand(2, 2)
print(x)
x = torch.randn(2, 2)
print(x)
x = torch.ones(2, 2)
print(x)
x = torch.zeros(2, 2)
print(x)
x = torch.arange(0, 10, 2)
print(x)
x = torch.linspace(0, 1, 5)
print(x)

device = torch.device("cuda:0")
print(repr(device), device)
try:
    x = torch.tensor([1, 2, 3, 4, 5], device=device)
    print(x)
except (AssertionError, RuntimeError) as e:
    print(type(e).__name__, e)
