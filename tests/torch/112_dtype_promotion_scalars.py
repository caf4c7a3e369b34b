# Type promotion with Python scalars and 0-dim tensors: categories decide, dimensioned tensors win within one
import torch
dts = [torch.bool, torch.uint8, torch.int8, torch.int32, torch.int64, torch.float16, torch.bfloat16, torch.float32, torch.float64]
for d in dts:
    t = torch.ones(2, dtype=d)
    print(str(d), (t + 1).dtype, (t + 1.5).dtype, (t + True).dtype, (t * 2).dtype)
for d in dts:
    t = torch.ones(2, dtype=d)
    z64 = torch.tensor(1.0, dtype=torch.float64)
    zi = torch.tensor(1, dtype=torch.int64)
    print(str(d), (t + z64).dtype, (t + zi).dtype, (z64 + t).dtype)
print((torch.tensor(1, dtype=torch.int8) + torch.tensor(1, dtype=torch.int64)).dtype)
print((torch.tensor([1], dtype=torch.uint8) + torch.tensor(1, dtype=torch.int8)).dtype)
print((torch.tensor([1], dtype=torch.uint8) + -1))
print(torch.tensor([1, 2]) / 2, (torch.tensor([1, 2]) / 2).dtype)
print(torch.tensor([1, 2]) // 2, torch.tensor([True]) + torch.tensor([True]))
print(torch.tensor([200], dtype=torch.uint8) + torch.tensor([100], dtype=torch.uint8))
print(torch.tensor([100], dtype=torch.int8) * 2)
