# In-place Operations (cheat sheet)
import torch
torch.manual_seed(1)
x = torch.rand(2, 2)
y = torch.rand(2, 2)
print(y.add_(x))
print(y.sub_(x))
print(y.mul_(x))
print(y.div_(x))
print(y.zero_())
print(y.fill_(5))
z = torch.ones(3)
z += 1
print(z)
z *= torch.tensor([1., 2., 3.])
print(z)
z -= 0.5
z /= 2
print(z)
w = z
w += 1
print(z is w, z)
i = torch.tensor([1, 2])
try:
    i += 0.5
except RuntimeError as e:
    print("RuntimeError:", e)
i += 3
print(i)
print(torch.ones(2).exp_(), torch.tensor([4.]).sqrt_(), torch.tensor([-1., 2.]).clamp_(min=0))
