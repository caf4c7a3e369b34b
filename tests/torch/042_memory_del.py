# Wrappers free their tensors at once; views keep storage alive
import torch
x = torch.arange(10)
y = x[2:5]
del x
print(y, y.storage_offset())
z = y.view(3, 1)
del y
z[0, 0] = -1
print(z.flatten())
a = [torch.ones(2) for _ in range(3)]
del a
print('ok')
