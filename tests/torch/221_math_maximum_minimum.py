# Math: maximum / minimum / fmax / fmin: broadcasting, nan propagation, int/float promotion, errors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


a = torch.tensor([1., 5., float('nan'), -1., 3.])
b = torch.tensor([2., 4., 1., 0., float('nan')])
print(torch.maximum(a, b), torch.minimum(a, b), a.maximum(b), a.minimum(b))
print(torch.fmax(a, b), torch.fmin(a, b))
print(torch.maximum(torch.tensor([[1], [6]]), torch.tensor([2, 5, 8])))
print(torch.maximum(torch.tensor([1, 9]), torch.tensor([2.5, 3.5])), torch.minimum(torch.tensor([True, False]), torch.tensor([True, True])))
print(torch.max(a, b), torch.min(torch.tensor([3, 1]), torch.tensor([2, 2])))
show(lambda: torch.maximum(a, 2.))
show(lambda: torch.maximum(torch.ones(2), torch.ones(3)))
print(torch.maximum(torch.tensor([1., 2.]), torch.tensor(1.5)), torch.minimum(torch.tensor([1, 2], dtype=torch.int32), torch.tensor([0, 5])).dtype)
