# Reductions: mean with dims, keepdim, negative dims, float64, empty tensors (nan), integer-input error, nanmean
import torch
# regen-sed: s/^RuntimeError nanmean(): expected input to have floating point dtype but got Long$/RuntimeError nanmean(): expected input to have floating point or complex dtype but got Long/


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


x = torch.arange(12.).reshape(3, 4)
print(x.mean(), x.mean(0), x.mean(1), x.mean(-1, keepdim=True), torch.mean(x, (0, 1)), x.mean(dim=[0]))
print(x.double().mean(0), torch.tensor([1e8, 1., -1e8]).mean(), torch.tensor([1e8, 1., -1e8], dtype=torch.float64).mean())
print(torch.ones(0).mean(), torch.ones(0, 3).mean(0), torch.ones(0, 3).mean(1), torch.nanmean(torch.tensor([1., float('nan'), 3.])))
print(torch.tensor([float('inf'), 1.]).mean(), torch.tensor([float('inf'), -float('inf')]).mean())
show(lambda: torch.tensor([1, 2, 3]).mean())
show(lambda: torch.tensor([True, False]).mean())
show(lambda: x.mean(2))
show(lambda: torch.nanmean(torch.tensor([1, 2])))
show(lambda: x.mean((1, -1)))
