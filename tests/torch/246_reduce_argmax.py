# Reductions: argmax / argmin over the whole tensor (flattened) and along dims, ties (first), nan, keepdim, errors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


x = torch.tensor([[4., 9., 9.], [9., 1., 1.]])
print(x.argmax(), x.argmin(), torch.argmax(x, 0), torch.argmin(x, dim=1), x.argmax(1, keepdim=True), x.t().argmax())
print(torch.tensor([1., float('nan'), 5., float('nan')]).argmax(), torch.tensor([3., float('nan')]).argmin())
print(torch.tensor([2, 7, 7]).argmax(), torch.tensor([0, 5, -2]).argmin())
print(torch.tensor(5.).argmax(), torch.tensor(5.).argmax(0), x.argmax(dim=None), x.argmax(None, keepdim=True))
show(lambda: torch.ones(0).argmax())
show(lambda: torch.ones(0, 3).argmax(1))
show(lambda: x.argmax(2))
print(torch.ones(2, 0).argmax(0))
