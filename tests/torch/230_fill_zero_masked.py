# In-place fills: zero_ / fill_ (scalar, 0-dim tensor, dtype casts) and masked_fill / masked_fill_ with broadcast masks and errors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


x = torch.arange(6.).reshape(2, 3)
v = x[:, 1]
print(x.zero_(), v, x.fill_(2.5), x.fill_(torch.tensor(7)), torch.tensor([1, 2]).fill_(3.9), torch.tensor([1, 2]).fill_(True))
print(torch.tensor([True, False]).fill_(0), torch.ones(2, dtype=torch.uint8).fill_(-1), torch.empty(0).fill_(1.))
x = torch.arange(6.).reshape(2, 3)
x[0].fill_(-1)
x.t()[2].zero_()
print(x)
y = torch.arange(6).reshape(2, 3)
print(y.masked_fill(y > 2, -1), y.masked_fill(torch.tensor([True, False, True]), 9), y.masked_fill(torch.tensor([[True], [False]]), 0))
print(y.masked_fill(y % 2 == 0, 2.7), torch.masked_fill(y.float(), y == 1, float('-inf')), y.masked_fill(y > 0, torch.tensor(5)))
y.masked_fill_(y == 4, 40)
print(y)
show(lambda: x.fill_(torch.tensor([1., 2.])))
show(lambda: y.masked_fill(torch.tensor([True, False]), 0))
show(lambda: y.masked_fill(y > 2, torch.tensor([1, 2, 3])))
show(lambda: torch.ones(3).masked_fill_(torch.ones(2, 3, dtype=torch.bool), 0))
