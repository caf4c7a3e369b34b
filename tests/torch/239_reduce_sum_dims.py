# Reductions: sum with dim int / tuple / negative / keepdim, empty dims, int and bool inputs, nansum
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


x = torch.arange(24.).reshape(2, 3, 4)
print(x.sum(), x.sum(0), x.sum(-1), x.sum(dim=1, keepdim=True).shape, torch.sum(x, (0, 2)), x.sum((-1, -3), keepdim=True))
print(x.sum(()), x.sum([]).shape, torch.sum(x, dim=(1,)), x.sum(dim=(0, 1, 2)))
i = torch.tensor([[1, 2], [3, 4]], dtype=torch.int32)
print(i.sum(), i.sum().dtype, i.sum(0).dtype, torch.tensor([True, True, False]).sum(), torch.tensor([200, 100], dtype=torch.uint8).sum())
print(torch.ones(0, 3).sum(), torch.ones(0, 3).sum(0), torch.ones(0, 3).sum(1), torch.tensor(5.).sum(0), torch.tensor(5.).sum(-1))
print(torch.nansum(torch.tensor([1., float('nan'), 2.])), torch.tensor([1., float('nan')]).sum())
show(lambda: x.sum(3))
show(lambda: x.sum((0, 0)))
show(lambda: x.sum(-4))
show(lambda: torch.tensor(5.).sum(1))
