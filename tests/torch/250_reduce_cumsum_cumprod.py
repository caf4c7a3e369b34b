# Scans: cumsum / cumprod along dims (negative), ints promote to int64, bools, dtype=, in-place forms, nan/inf, errors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


x = torch.tensor([[1., 2., 3.], [4., 5., 6.]])
print(x.cumsum(0), x.cumsum(1), torch.cumsum(x, -1), x.cumprod(1), torch.cumprod(x, dim=0))
print(torch.tensor([1, 2, 3], dtype=torch.int32).cumsum(0).dtype, torch.tensor([True, False, True]).cumsum(0), torch.tensor([2, 3], dtype=torch.uint8).cumprod(0))
print(torch.tensor([1., float('nan'), 2.]).cumsum(0), torch.tensor([0., float('inf'), 2.]).cumprod(0), torch.tensor([1e8, 1., -1e8, 1.]).cumsum(0))
print(torch.ones(0).cumsum(0), torch.ones(2, 0).cumprod(1), torch.tensor(5.).cumsum(0), torch.tensor(2.).cumprod(-1))
y = torch.tensor([1., 2., 3.])
y.cumsum_(0)
print(y, y.cumprod_(0), torch.tensor([1, 2]).cumsum_(0))
show(lambda: x.cumsum(2))
show(lambda: torch.tensor([1, 2]).cumsum_(0, dtype=torch.float32))
