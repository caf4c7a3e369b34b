# Conversion: copy_ with broadcasting, dtype change, into views, and its errors
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
a = torch.zeros(2, 3)
a.copy_(torch.tensor([1, 2, 3]))
print(a)
a.copy_(torch.tensor([[7.5], [8.5]]))
print(a)
a.copy_(torch.tensor(4))
print(a)
b = torch.zeros(3, dtype=torch.int32)
b.copy_(torch.tensor([1.9, -2.9, 3.5]))
print(b)
c = torch.zeros(2, 4)
c[:, 1:3].copy_(torch.ones(2, 2))
print(c)
c.t()[0].copy_(torch.tensor([5, 6]))
print(c)
d = torch.zeros(2, dtype=torch.bool)
d.copy_(torch.tensor([0.0, 0.1]))
print(d)
print(torch.zeros(3).copy_(torch.arange(3)).dtype)
check(lambda: torch.zeros(2, 3).copy_(torch.ones(3, 2)))
check(lambda: torch.zeros(3).copy_(torch.ones(2, 3)))
check(lambda: torch.tensor([1.0, 2.0], requires_grad=True).copy_(torch.ones(2)))
