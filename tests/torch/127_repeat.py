# Shapes: repeat (more dims than the tensor, zeros) and errors
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.tensor([1, 2, 3])
print(x.repeat(2), x.repeat(2, 2), x.repeat(2, 1, 2).shape, x.repeat((1, 2)))
m = torch.tensor([[1, 2], [3, 4]])
print(m.repeat(2, 3), m.repeat(1, 1) is m, m.repeat(0, 2).shape)
print(torch.tensor(5).repeat(3), torch.tensor(5).repeat(()).shape)
check(lambda: m.repeat(2))
