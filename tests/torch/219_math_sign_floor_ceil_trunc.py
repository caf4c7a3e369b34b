# Math: sign / sgn / floor / ceil / trunc / frac for floats (incl. -0.0, halves, inf, nan) and ints, plus bool errors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


x = torch.tensor([-2.5, -1.5, -0.5, -0.0, 0.0, 0.4, 0.5, 1.5, 2.7, float('inf'), float('-inf'), float('nan')])
print(torch.sign(x))
print(torch.floor(x))
print(torch.ceil(x))
print(torch.trunc(x))
print(torch.frac(torch.tensor([-2.5, 3.75, 0.0])), torch.fix(torch.tensor([-2.5, 3.75])))
print(torch.floor(x.double()), torch.sgn(torch.tensor([-3., 0., 4.])))
i = torch.tensor([-3, 0, 4])
print(torch.sign(i), torch.floor(i), torch.ceil(i), torch.trunc(i), torch.floor(i).dtype)
print(torch.sign(torch.tensor([True, False])))
show(lambda: torch.floor(torch.tensor([True])))
show(lambda: torch.ceil(torch.tensor([False])))
show(lambda: torch.trunc(torch.tensor([True])))
y = torch.tensor([-1.7, 1.7])
print(y.floor_(), torch.tensor([-1.7, 1.7]).ceil_(), torch.tensor([-1.7, 1.7]).trunc_(), torch.tensor([-2., 3.]).sign_())
