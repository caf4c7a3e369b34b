# Splitting: pieces of split/chunk/unbind are views (shared storage, offsets, strides) of the input
import torch
x = torch.arange(12.).reshape(3, 4)
for p in x.split(2, dim=1):
    print(p.shape, p.stride(), p.storage_offset(), p.is_contiguous())
for p in x.chunk(2):
    print(p.shape, p.stride(), p.storage_offset())
for p in x.unbind(1):
    print(p, p.stride(), p.storage_offset())
a, b = x.split([1, 3], dim=1)
b[0, 0] = -1
a.fill_(9)
print(x)
print([t.tolist() for t in torch.arange(7).chunk(3)], [t.numel() for t in torch.arange(6).chunk(4)])
