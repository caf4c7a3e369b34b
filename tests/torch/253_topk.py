# topk: k, dim, largest, sorted, ties, nan, ints, k=0, named tuple output and errors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


x = torch.tensor([[1., 9., 3., 8.], [7., 2., float('nan'), 4.]])
print(x.topk(2))
print(torch.topk(x, 3, dim=1, largest=False))
print(x.topk(1, dim=0), x.topk(2, largest=True, sorted=True).values)
v, i = torch.tensor([5, 1, 6, 3, 4]).topk(3)
print(v, i, torch.tensor([2., 8., 4.]).topk(0), torch.tensor([3., 1., 2.]).topk(3, sorted=True))
show(lambda: x.topk(5))
show(lambda: x.topk(2, dim=2))
show(lambda: torch.tensor([1., 2.]).topk(-1))
print(torch.tensor(4.).topk(1), torch.tensor([1, 2], dtype=torch.int8).topk(1))
