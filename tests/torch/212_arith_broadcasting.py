# Arithmetic: broadcasting of binary ops across shapes (leading 1s, 0-size dims) and the mismatch messages
import torch


def show(f):
    try:
        r = f()
        print(r.shape, r)
    except Exception as e:
        print(type(e).__name__, e)


a = torch.arange(6.).reshape(2, 3)
show(lambda: a + torch.tensor([10., 20., 30.]))
show(lambda: a + torch.tensor([[100.], [200.]]))
show(lambda: torch.arange(3.).reshape(3, 1, 1) * torch.arange(4.).reshape(1, 4) + 0.5)
show(lambda: torch.ones(2, 0) + torch.ones(1))
show(lambda: torch.ones(0, 3) * torch.ones(2, 1, 3))
show(lambda: a - torch.tensor(1.))
show(lambda: a + torch.ones(2))
show(lambda: torch.ones(2, 3, 4) + torch.ones(5, 4))
show(lambda: torch.ones(2, 3) * torch.ones(3, 3, 2))
show(lambda: torch.ones(0) + torch.ones(2))
print(torch.broadcast_shapes((2, 1), (1, 3)), torch.broadcast_shapes((5, 1, 4), (3, 1)))
show(lambda: torch.broadcast_shapes((2, 3), (4, 3)))
x, y = torch.broadcast_tensors(torch.tensor([1, 2]), torch.tensor([[1], [2], [3]]))
print(x, y, x.stride(), y.stride())
