# Printing: repr of every dtype in 1-D, 2-D and 0-dim forms, with dtype suffixes
import torch
for d in [torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8, torch.bool]:
    v = torch.tensor([0, 1, 2, 100], dtype=d)
    print(v)
    print(v.reshape(2, 2))
    print(torch.tensor(3, dtype=d), str(torch.tensor(7, dtype=d)) == repr(torch.tensor(7, dtype=d)))
print(torch.tensor([1.5, -2.25], dtype=torch.float16), torch.tensor([1.5, -2.25], dtype=torch.bfloat16))
print(torch.tensor([0.1, 0.2], dtype=torch.float64), torch.tensor([1 / 3], dtype=torch.bfloat16))
print(torch.tensor([-128, 127], dtype=torch.int8), torch.tensor([255, 0], dtype=torch.uint8))
print(torch.tensor([2 ** 62, -5]), torch.tensor([-(2 ** 31), 7], dtype=torch.int32))
