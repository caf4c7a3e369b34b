# Reductions: max / min / amax / amin / aminmax over the whole tensor, nan handling, ints, bools, empty-tensor errors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


x = torch.tensor([[3., -1., 7.], [7., 0., -5.]])
print(x.max(), x.min(), torch.max(x), torch.min(x), x.amax(), x.amin(), torch.aminmax(x))
print(torch.tensor([1., float('nan'), 3.]).max(), torch.tensor([1., float('nan')]).amin(), torch.tensor([float('-inf'), 2.]).min())
print(torch.tensor([5, 2, 9]).max(), torch.tensor([True, False]).max(), torch.tensor([3], dtype=torch.uint8).min(), torch.tensor(4.).max())
print(x.max().item(), type(x.max().item()), x.int().min().item())
show(lambda: torch.ones(0).max())
show(lambda: torch.ones(0, 3).min())
show(lambda: torch.ones(0).amax())
show(lambda: torch.ones(2, 0).max(1))
print(torch.ones(2, 0).amax(0), torch.ones(0, 3).max(1))
