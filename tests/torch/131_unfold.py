# Shapes: Tensor.unfold windows (size, step) on 1-D and 2-D, view semantics, errors
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.arange(7.)
print(x.unfold(0, 2, 1))
print(x.unfold(0, 3, 2), x.unfold(0, 3, 2).stride())
print(x.unfold(0, 7, 1), x.unfold(0, 1, 3))
m = torch.arange(12).reshape(3, 4)
print(m.unfold(1, 2, 2).shape, m.unfold(1, 2, 2))
print(m.unfold(0, 2, 1).shape, m.unfold(-1, 3, 1).stride())
u = x.unfold(0, 2, 2)
u[0, 1] = 100
print(x)
print(torch.tensor(3.).unfold(0, 1, 1))
check(lambda: x.unfold(0, 8, 1))
check(lambda: x.unfold(0, 2, 0))
check(lambda: x.unfold(1, 2, 1))
