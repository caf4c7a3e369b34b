# Shapes: which layouts view() accepts (transposes, slices, expands) and PyTorch's error text for the rest
import torch
def check(f):
    try:
        r = f()
        print(tuple(r.shape), r.stride())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.arange(24.).reshape(2, 3, 4)
check(lambda: x.transpose(0, 1).view(3, 8))
check(lambda: x.transpose(0, 1).view(3, 2, 2, 2))
check(lambda: x.transpose(1, 2).view(2, 12))
check(lambda: x.transpose(1, 2).view(2, 4, 3))
check(lambda: x[:, 1:].view(2, 8))
check(lambda: x[:, :, 1:].view(-1))
check(lambda: x[:, :, 1:].view(2, 3, 3))
check(lambda: x[:, :2].view(2, 2, 2, 2))
check(lambda: x[::2].view(12))
check(lambda: x[:, ::2].view(2, 8))
check(lambda: torch.ones(3, 1).expand(3, 4).view(12))
check(lambda: torch.ones(3, 1).expand(3, 4).view(3, 2, 2))
check(lambda: torch.ones(1, 4).expand(3, 4).view(3, 4, 1))
check(lambda: x.permute(2, 0, 1).view(4, 6))
check(lambda: x.permute(1, 2, 0).view(12, 2))
