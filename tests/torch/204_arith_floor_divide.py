# Arithmetic: floor_divide and // (floor semantics) for ints, floats, scalars and reflected operands
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


a = torch.tensor([7, -7, 7, -7, 1])
b = torch.tensor([2, 2, -2, -2, 3])
print(torch.floor_divide(a, b), a // b, a // 3, 17 // b, a.floor_divide(-2))
f = torch.tensor([7.5, -7.5, 0.5, -0.0])
print(f // 2, f // -2, torch.floor_divide(f, 0.3), 5.0 // f)
print(f // 0, (a // 2.0).dtype, (a // b).dtype)
c = torch.tensor([9, -9])
c //= 4
print(c)
d = torch.tensor([9., -9.])
d //= 4
print(d)
show(lambda: a // torch.tensor([0, 1, 1, 1, 1]))
show(lambda: torch.tensor([True, False]) // torch.tensor([True, True]))
show(lambda: a // torch.ones(2))
