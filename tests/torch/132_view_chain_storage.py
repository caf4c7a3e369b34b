# Shapes: chains of views share one storage; writes through any view are seen by all; data_ptr offsets
import torch
x = torch.arange(24.)
a = x.view(4, 6)
b = a[1:3].t()
c = b.unsqueeze(0).expand(2, 6, 2)
x[7] = -7
print(b[1], c[1, 1])
b[2, 1] = 1000
print(x[15], a[2, 2])
print(b.data_ptr() - x.data_ptr(), b.storage_offset() * x.element_size())
d = a.reshape(24)[::5]
print(d, d.stride(), d.storage_offset())
e = a[:, 1:]
e[0, 0] = 5
print(a[3, 0])
