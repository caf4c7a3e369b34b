# Shapes: narrow (negative start, tensor start), select, and their errors
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.arange(12).reshape(3, 4)
print(x.narrow(0, 1, 2), x.narrow(1, -2, 2), torch.narrow(x, 1, 0, 0).shape, x.narrow(-1, 1, 3).stride())
print(x.narrow(0, torch.tensor(1), 1))
n = x.narrow(1, 1, 2)
n[0, 0] = 77
print(x[0])
print(x.select(0, 1), x.select(1, -1), torch.select(x, 0, 2), x.select(1, 0).stride())
print(torch.tensor([5, 6]).select(0, 1))
check(lambda: x.narrow(0, 2, 2))
check(lambda: x.narrow(0, 4, 0))
check(lambda: x.narrow(0, -4, 1))
check(lambda: x.narrow(2, 0, 1))
check(lambda: x.narrow(0, 0, -1))
check(lambda: x.select(0, 3))
check(lambda: x.select(1, -5))
check(lambda: torch.tensor(5).select(0, 0))
