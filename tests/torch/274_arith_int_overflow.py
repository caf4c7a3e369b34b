# Arithmetic: integer overflow wraps (two's complement) for int8/int16/int32/int64/uint8 add, sub, mul, neg, sum and cumsum
import torch

for dt in [torch.int8, torch.int16, torch.int32, torch.uint8]:
    info = torch.iinfo(dt)
    t = torch.tensor([info.max, info.min], dtype=dt)
    print(dt, t + 1, t - 1, t * 2, -t if dt != torch.uint8 else t, t.sum().dtype, t.abs())
big = torch.tensor([2 ** 62, 2 ** 62])
print(big + big, big * 4, big.sum(), torch.tensor([-2 ** 63]) - 1, torch.tensor([-2 ** 63]).abs())
print(torch.tensor([100, 100], dtype=torch.int8).cumsum(0), torch.tensor([100, 100], dtype=torch.int8).cumsum(0, dtype=torch.int8))
print(torch.iinfo(torch.int64).max, torch.iinfo(torch.uint8), torch.finfo(torch.float32).eps, torch.finfo(torch.float16).max)
