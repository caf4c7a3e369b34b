# Arithmetic: mul / multiply and PyTorch's result-type rules for tensor-tensor, tensor-scalar and 0-dim operands
import torch

f = torch.tensor([1.5, -2.0, 3.0])
i = torch.tensor([2, 3, -4])
b = torch.tensor([True, False, True])
print(torch.mul(f, i), torch.multiply(i, 3), i.mul(2.5), b * b, b * 3, b * 1.5)
print((i * 2).dtype, (i * 2.0).dtype, (b * b).dtype, (b * 2).dtype, (i.int() * i).dtype)
print((i.to(torch.int8) * torch.tensor(1000)).dtype, i.to(torch.int8) * torch.tensor(100))
print((f * torch.tensor(2., dtype=torch.float64)).dtype, (f * torch.tensor([2.], dtype=torch.float64)).dtype)
print((i * torch.tensor(2.5)).dtype, (i.int() * torch.tensor(2.5, dtype=torch.float64)).dtype)
print((f.half() * 2.0).dtype, (f.half() * f).dtype, (torch.tensor([1], dtype=torch.uint8) * torch.tensor([1], dtype=torch.int8)).dtype)
print(torch.result_type(i, 2.0), torch.result_type(f, i), torch.result_type(b, 1))
print(torch.promote_types(torch.int32, torch.float16), torch.promote_types(torch.uint8, torch.int8))
print(torch.can_cast(torch.float32, torch.int64), torch.can_cast(torch.int64, torch.float32))
x = torch.tensor([[1.], [2.]])
print(x * f, torch.mul(x, 0))
print(f * float('inf'), i * 0, torch.tensor([0.]) * float('inf'))
try:
    print(torch.ones(2, 3) * torch.ones(3, 2))
except RuntimeError as e:
    print(type(e).__name__, e)
