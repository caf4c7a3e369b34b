# NumPy bridge: numpy() of views and 0-dim tensors, from_numpy of slices and transposes keeps sharing
import numpy as np
import torch
x = torch.arange(6.).reshape(2, 3)
a = x.numpy()
print(a.shape, a.dtype, a.ndim, a.size)
x[1, 2] = 50
print(a[1, 2], a.tolist())
n = np.arange(12).reshape(3, 4)
t = torch.from_numpy(n)
t[0] += 100
print(n[0].tolist(), t.sum(), t.shape, t.stride())
z = torch.zeros(3, dtype=torch.float64)
za = z.numpy()
za += 1.5
print(z)
b = torch.tensor([True, False]).numpy()
print(b, b.dtype)
print(torch.from_numpy(np.array(3.5)), torch.from_numpy(np.zeros((0, 2))).shape)
