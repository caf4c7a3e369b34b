# Random: randn scalar Box-Muller path (< 16 elements, cached value), vectorised path (>= 16, tail block), float64, randn_like
import torch

torch.manual_seed(42)
print(torch.randn(3).tolist())
print(torch.randn(1).tolist())
torch.manual_seed(42)
print(torch.randn(4).tolist())
torch.manual_seed(42)
print(torch.randn(16).tolist())
torch.manual_seed(42)
print(torch.randn(20).tolist())
torch.manual_seed(0)
print(torch.randn(2, 3), torch.randn(35))
torch.manual_seed(1)
print(torch.randn(5, dtype=torch.float64).tolist(), torch.randn(17, dtype=torch.float64).tolist()[-3:])
torch.manual_seed(2)
print(torch.randn_like(torch.zeros(3, 7)), torch.randn(4, dtype=torch.float16))
try:
    torch.randn(2, dtype=torch.int64)
except RuntimeError as e:
    print(type(e).__name__, e)
