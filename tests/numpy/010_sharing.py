# Tensor.numpy() and torch.from_numpy() share memory both ways
import numpy as np
import torch
t = torch.arange(6.0).reshape(2, 3)
a = t.numpy()
print(repr(a), a.dtype, a.shape)
t[0, 0] = 100
a[1, 2] = -5
print(t)
print(repr(a))
t.add_(1)
print(repr(a))
n = np.array([1, 2, 3])
u = torch.from_numpy(n)
print(u, u.dtype)
n[0] = 42
u[2] = 7
print(u)
print(repr(n))
n += 1
print(u)
f = np.ones(3, dtype=np.float32)
g = torch.from_numpy(f)
g.mul_(2)
print(repr(f), g.dtype)
v = torch.arange(12).reshape(3, 4)[:, 1]
w = v.numpy()
print(repr(w))
v[0] = 99
print(repr(w))
back = torch.from_numpy(torch.ones(2, dtype=torch.float64).numpy())
print(back)
