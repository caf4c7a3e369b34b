# Reductions: prod over all / one dim / keepdim, ints (int64 result, overflow wrap), bools, zeros, inf/nan, empty, errors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


x = torch.tensor([[1., 2., 3.], [4., 0.5, -1.]])
print(x.prod(), x.prod(0), x.prod(1), torch.prod(x, -1, keepdim=True), x.prod(dim=0).shape)
print(torch.tensor([2, 3, 4], dtype=torch.int32).prod(), torch.tensor([2, 3], dtype=torch.int8).prod().dtype, torch.tensor([True, True]).prod())
print(torch.tensor([2 ** 40, 2 ** 30]).prod(), torch.tensor([0., float('inf')]).prod(), torch.tensor([float('nan'), 0.]).prod())
print(torch.ones(0).prod(), torch.ones(0, 2).prod(0), torch.ones(2, 0).prod(1), torch.tensor(3.).prod(0))
show(lambda: x.prod(2))
