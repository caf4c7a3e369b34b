# Reductions: sum / prod / cumsum with dtype= (int -> float, float -> double, overflow avoided) and dtype errors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


i = torch.tensor([100, 100, 100], dtype=torch.int8)
print(i.sum(), i.sum(dtype=torch.int8), i.sum(dtype=torch.float32), torch.sum(i, 0, dtype=torch.float64))
f = torch.tensor([0.1, 0.2, 0.3])
print(f.sum(dtype=torch.float64), f.sum(dtype=torch.float64).item(), f.sum().item())
print(torch.tensor([2, 3]).prod(dtype=torch.float32), torch.tensor([[1, 2], [3, 4]]).prod(1, dtype=torch.float64))
print(torch.cumsum(torch.tensor([1, 2, 3]), 0, dtype=torch.float32), torch.tensor([True, True]).cumsum(0), torch.tensor([1, 2], dtype=torch.int8).cumsum(0).dtype)
print(torch.tensor([1.5, 2.5]).sum(dtype=torch.float16))
print(torch.mean(torch.tensor([1, 2, 4]), dtype=torch.float64), torch.tensor([1., 2.]).mean(dtype=torch.float64).dtype)
show(lambda: torch.tensor([1.5, 2.5]).sum(dtype=torch.int64))
show(lambda: torch.tensor([1, 2]).mean(dtype=torch.int64))
