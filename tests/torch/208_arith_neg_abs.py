# Arithmetic: neg / negative / abs / absolute over float, int and bool tensors, with the bool errors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


f = torch.tensor([1.5, -0.0, 0.0, float('-inf'), float('nan')])
i = torch.tensor([3, -4, 0])
print(-f, torch.neg(f), f.negative(), abs(f), torch.abs(f), f.absolute())
print(-i, i.neg(), abs(i), i.abs().dtype, torch.abs(torch.tensor([-128], dtype=torch.int8)))
print(-torch.tensor([5], dtype=torch.uint8), torch.tensor([-2.5], dtype=torch.float64).abs())
show(lambda: -torch.tensor([True, False]))
show(lambda: torch.neg(torch.tensor([True])))
show(lambda: torch.abs(torch.tensor([True, False])))
print(abs(torch.tensor(-3.)), torch.tensor([-1, 2]).abs_())
g = torch.tensor([1., -2.])
print(g.neg_(), g, g.abs_(), g.negative_())
print(+i, (+i) is i, i.positive())
