# Arithmetic: remainder / % (sign of divisor) versus fmod (sign of dividend), ints and floats
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


a = torch.tensor([7, -7, 7, -7, 0])
b = torch.tensor([3, 3, -3, -3, 5])
print(torch.remainder(a, b), a % b, torch.fmod(a, b), a.fmod(-3), a.remainder(4))
x = torch.tensor([5.5, -5.5, 5.5, -5.5, 0.0, -0.0])
print(torch.remainder(x, 2), torch.fmod(x, 2), torch.remainder(x, -2), torch.fmod(x, -2))
print(x % 1.5, 10 % torch.tensor([3, -3]), 10.5 % torch.tensor([3., -3.]))
print(torch.fmod(torch.tensor([1., float('inf'), float('nan')]), 0.0), torch.remainder(torch.tensor([1., -1.]), float('inf')))
print(torch.fmod(x, torch.tensor(2.5)), torch.remainder(a, 2.5), torch.remainder(a, 2).dtype)
y = torch.tensor([7, -7])
y %= 3
print(y, torch.tensor([7., -7.]).fmod_(3), torch.tensor([7., -7.]).remainder_(-3))
show(lambda: torch.remainder(torch.tensor([1, 2]), 0))
show(lambda: torch.fmod(torch.tensor([1, 2]), torch.tensor([0, 1])))
show(lambda: torch.tensor([1, 2]).fmod_(1.5))
