# Arithmetic (in-place): add_ sub_ mul_ div_ pow_ with alpha/rounding_mode, augmented assignment identity, views
import torch

x = torch.tensor([1., 2., 3., 4.])
y = x
x.add_(1).mul_(2).sub_(torch.tensor(1.), alpha=2).div_(2)
print(x, y is x, x.data_ptr() == y.data_ptr())
v = x[1:3]
v.add_(100)
print(x)
x[::2].mul_(-1)
print(x)
m = torch.ones(2, 3)
m.add_(torch.tensor([1., 2., 3.]))
m.t().mul_(torch.tensor([1., 10.]))
print(m)
i = torch.tensor([7, 8, 9])
i.add_(2, alpha=3)
i.sub_(torch.tensor([1, 1, 1]))
i.mul_(2)
i.div_(4, rounding_mode='floor')
print(i)
k = torch.tensor([10, -10])
k //= 3
k %= 3
k *= 4
print(k)
f = torch.tensor([2.])
f.pow_(3).add_(1).sqrt_()
print(f)
try:
    torch.ones(2).add_(torch.ones(2, 2))
except RuntimeError as e:
    print(type(e).__name__, e)
