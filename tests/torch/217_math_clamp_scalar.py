# Math: clamp / clip with scalar min and max (either, both, min > max), int tensors, nan, in-place, errors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


x = torch.tensor([-3., -1., 0., 0.5, 2., 10., float('nan'), float('inf')])
print(torch.clamp(x, -1, 2), torch.clamp(x, min=0), torch.clamp(x, max=1), x.clamp(0.25, 0.75))
print(torch.clip(x, -2, 2), x.clip(min=1), torch.clamp(x, 3, 1))
i = torch.tensor([-5, 0, 5, 10])
print(torch.clamp(i, 0, 7), i.clamp(min=2), i.clamp(-1.5, 2.5), i.clamp(max=3).dtype, i.clamp(0.5).dtype)
print(torch.clamp(x, min=float('nan')), torch.clamp(torch.tensor([1., 2.]), torch.tensor(1.5)))
y = torch.tensor([-2., 0., 2.])
print(y.clamp_(-1, 1), y, y.clip_(max=0.5), y.clamp_(min=0))
show(lambda: torch.clamp(x))
show(lambda: x.clamp())
print(torch.clamp(torch.tensor([True, False]), 0, 1), torch.clamp(torch.tensor([1., 2.], dtype=torch.float64), 1.5).dtype)
