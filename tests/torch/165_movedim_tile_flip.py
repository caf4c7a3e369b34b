# Shapes: movedim/moveaxis with ints and tuples, tile padding, flip over one and several dims; errors
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.arange(24).reshape(2, 3, 4)
print(x.movedim(0, 2).shape, x.movedim((0, 1), (2, 0)).shape, torch.movedim(x, -1, 0).shape, x.moveaxis(1, -1).stride())
print(x.movedim(0, 2)[1], torch.movedim(x, (0, 2), (2, 0)).shape, x.movedim(1, 1).shape)
m = torch.tensor([[1, 2], [3, 4]])
print(m.tile((2,)), m.tile((2, 1)), m.tile((1, 2, 2)).shape, torch.tile(torch.tensor([1, 2]), (3,)))
print(m.flip(0), m.flip([0, 1]), torch.flip(m, (1,)), x.flip(-1)[0, 0], m.flip(dims=(1,)))
f = torch.tensor([1., 2., 3.], requires_grad=True)
(f.flip(0) * torch.tensor([1., 10., 100.])).sum().backward()
print(f.grad, type(f.flip(0).grad_fn).__name__, f.flip(0, 0) if False else '')
check(lambda: x.movedim(0, 3))
check(lambda: x.movedim((0, 0), (1, 2)))
check(lambda: x.movedim((0, 1), (2,)))
check(lambda: m.flip(2))
check(lambda: m.flip(0, 0))
