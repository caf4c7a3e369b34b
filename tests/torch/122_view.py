# Shapes: view with -1, tuple and varargs, view sharing storage, the non-viewable error, view(dtype)
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.arange(12)
v = x.view(3, 4)
v[0, 0] = 100
print(x[0], v.shape, v.view(-1, 6).shape, v.view((2, 6)).shape, v.view(torch.Size([12])).shape)
print(x.view(2, -1, 3).shape, x.view(12, 1, 1).shape, torch.tensor(5).view(1), torch.tensor([5]).view(()))
print(x.view_as(torch.zeros(4, 3)).shape)
t = v.t()
check(lambda: t.view(12))
check(lambda: t.view(-1))
print(t.view(4, 3) if t.is_contiguous() else t.contiguous().view(12))
print(v[:, :2].view(3, 2) if False else 'skip')
s = torch.arange(24).reshape(2, 3, 4).transpose(1, 2)
print(s.view(2, 4, 3).shape if s.is_contiguous() else s.shape)
print(torch.arange(24).reshape(2, 3, 4)[:, 1:].view(2, 8).shape if False else 'skip')
check(lambda: x.view(5, 3))
check(lambda: x.view(-1, -1))
check(lambda: x.view(-1, 5))
check(lambda: x.view(2, -2))
check(lambda: torch.zeros(0).view(-1, 0))
print(torch.zeros(2, 0).view(0, 5).shape)
