# Random: rand_like / randn_like / randint_like keep shape and dtype (or take dtype=), float64 and float16 streams
import torch

torch.manual_seed(8)
base = torch.zeros(2, 3, dtype=torch.float64)
print(torch.rand_like(base), torch.randn_like(base), torch.randint_like(base, 10))
print(torch.rand_like(base, dtype=torch.float32), torch.randint_like(torch.zeros(4, dtype=torch.int32), -3, 3))
print(torch.randn(3, dtype=torch.float16), torch.rand(3, dtype=torch.bfloat16), torch.randn_like(torch.zeros(18, dtype=torch.float16))[-3:])
print(torch.randint(0, 10, (3,), dtype=torch.float64), torch.randint(0, 2, (5,)).bool())
try:
    torch.randn_like(torch.zeros(2, dtype=torch.int64))
except RuntimeError as e:
    print(type(e).__name__, e)
