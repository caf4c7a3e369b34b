# Arithmetic: torch.add / torch.sub with alpha, dtype promotion of alpha, and their errors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


a = torch.tensor([1., 2., 3.])
b = torch.tensor([10., 20., 30.])
i = torch.tensor([1, 2, 3])
print(torch.add(a, b, alpha=2), a.add(b, alpha=-0.5), torch.add(a, 5, alpha=3))
print(torch.sub(b, a, alpha=2), b.sub(a, alpha=0.25), torch.sub(a, 1))
print(torch.add(i, i, alpha=3), torch.sub(i, 2, alpha=2), torch.add(i, a, alpha=2))
print(torch.add(i, 2.5), torch.add(i, True), torch.add(torch.tensor([True]), torch.tensor([True])))
print(torch.subtract(b, a), torch.subtract(b, a, alpha=3))
show(lambda: torch.add(i, i, alpha=0.5))
show(lambda: torch.sub(torch.tensor([True, False]), torch.tensor([True, True])))
show(lambda: torch.tensor([True]) - True)
show(lambda: torch.add(torch.tensor([True]), torch.tensor([True]), alpha=2))
show(lambda: torch.add(a, torch.ones(2)))
r = torch.add(a, b, alpha=2)
print(r.dtype, torch.add(i, 1).dtype, torch.add(i, 1.0).dtype, torch.add(i.int(), 1).dtype)
print(torch.add(torch.tensor([1, 2], dtype=torch.int8), 200))
print(torch.add(torch.tensor([250], dtype=torch.uint8), 10))
print(torch.add(a.double(), a), torch.add(a.half(), 1))
