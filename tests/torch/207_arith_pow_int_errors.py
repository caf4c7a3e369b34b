# Arithmetic: integer pow (negative exponents, overflow wrap, bool) and its error messages
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


i = torch.tensor([2, -3, 1, 0])
print(i ** 2, i ** 0, torch.pow(i, 3), i.pow(torch.tensor([3, 2, 5, 1])))
show(lambda: i ** -1)
show(lambda: torch.pow(i, -2))
show(lambda: torch.tensor([2]) ** torch.tensor([-1]))
print(torch.tensor([2], dtype=torch.int32) ** 31, torch.tensor([3], dtype=torch.int8) ** 5)
show(lambda: torch.tensor([True, False]) ** 2)
show(lambda: torch.tensor([True, False]) ** torch.tensor([True, True]))
print(torch.tensor([2, 4]) ** -1.0, torch.tensor([2, 4]) ** -0.5)
print(2 ** torch.tensor([-1, 0, 3]), (2 ** torch.tensor([-1, 0, 3])).dtype, (2.0 ** torch.tensor([-1, 0, 3])).dtype)
j = torch.tensor([2, 3])
j **= 2
print(j)
