# Math: lerp with scalar and tensor weights, broadcasting, extrapolation, in-place, and dtype errors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


s = torch.tensor([0., 1., 2., 3.])
e = torch.tensor([10., 10., 10., 10.])
print(torch.lerp(s, e, 0.5), torch.lerp(s, e, 0.), torch.lerp(s, e, 1.), s.lerp(e, 2.), s.lerp(e, -0.5))
print(torch.lerp(s, e, torch.tensor([0., 0.25, 0.75, 1.])), torch.lerp(s, e, torch.tensor(0.3)))
print(torch.lerp(torch.zeros(2, 1), torch.ones(3), 0.5), torch.lerp(s.double(), e.double(), 0.1))
print(torch.lerp(torch.tensor([1., float('inf')]), torch.tensor([2., 3.]), 0.5))
t = torch.tensor([1., 2.])
print(t.lerp_(torch.tensor([3., 6.]), 0.5), t)
show(lambda: torch.lerp(torch.tensor([1, 2]), torch.tensor([3, 4]), 0.5))
show(lambda: torch.lerp(s, e.double(), 0.5))
show(lambda: torch.lerp(s, torch.ones(3), 0.5))
show(lambda: torch.lerp(s, e, torch.tensor([0.5], dtype=torch.float64)))
