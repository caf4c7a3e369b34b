# Shapes: expand with -1, new leading dims, expand_as, strides of 0, writes through expanded views, errors
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.tensor([[1], [2], [3]])
e = x.expand(3, 4)
print(e, e.stride(), e.is_contiguous())
print(x.expand(-1, 2).shape, x.expand(2, 3, 2).shape, x.expand(2, 3, 2).stride(), x.expand((3, 1)).shape)
print(x.expand_as(torch.zeros(2, 3, 5)).shape)
print(torch.tensor(7).expand(2, 2), torch.tensor([5]).expand(3))
print(torch.zeros(0, 1).expand(0, 4).shape)
x[0, 0] = 9
print(e[0])
check(lambda: x.expand(4, 4))
check(lambda: x.expand(3))
check(lambda: x.expand(-1, -1, 4))
check(lambda: torch.zeros(2, 3).expand(4, 3))
