# NumPy bridge (torch side): tensor.numpy() and torch.from_numpy() share memory both ways; dtypes map
import numpy as np
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
t = torch.ones(3)
a = t.numpy()
print(a, a.dtype, type(a).__name__)
t.add_(1)
print(a)
a[0] = 10
print(t)
for d in [torch.float32, torch.float64, torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8, torch.bool, torch.float16]:
    print(d, torch.zeros(2, dtype=d).numpy().dtype)
n = np.array([[1, 2], [3, 4]])
u = torch.from_numpy(n)
print(u, u.dtype)
n[0, 0] = 99
print(u)
u[1, 1] = -1
print(n)
for arr in [np.zeros(2), np.zeros(2, dtype=np.float32), np.arange(3), np.array([True, False]), np.array([1, 2], dtype=np.int32),
            np.array([1, 2], dtype=np.uint8), np.array([1.5], dtype=np.float16)]:
    print(torch.from_numpy(arr), torch.from_numpy(arr).dtype)
print(torch.tensor(np.array([1.5, 2.5])), torch.as_tensor(np.array([1, 2])).dtype)
print(torch.arange(6).reshape(2, 3).numpy().shape, torch.tensor(2.5).numpy(), torch.tensor(2.5).numpy().shape)
check(lambda: torch.tensor([1.], requires_grad=True).numpy())
check(lambda: torch.from_numpy([1, 2]))
print(torch.tensor([1.], requires_grad=True).detach().numpy())
