# Math: round (half to even), round with positive/negative decimals, float64, ints and bool errors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


x = torch.tensor([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5, 0.49999997, -0.0, float('inf'), float('nan')])
print(torch.round(x), x.round().dtype)
y = torch.tensor([1.2345, 2.3456, -3.4567, 0.125, 1234.5678])
for d in [0, 1, 2, 3, -1, -2]:
    print(d, torch.round(y, decimals=d))
print(torch.round(y.double(), decimals=2), torch.round(torch.tensor([0.5, 1.5], dtype=torch.float64)))
print(torch.round(torch.tensor([1, -2, 3])), torch.tensor([5, 15]).round())
show(lambda: torch.round(torch.tensor([1, 2]), decimals=1))
show(lambda: torch.round(torch.tensor([True])))
z = torch.tensor([0.25, 0.75])
print(z.round_(), z, torch.tensor([1.26]).round(decimals=1))
print(torch.round(torch.tensor(2.675), decimals=2).item(), round(torch.tensor(2.5).item()))
