# Properties: stride, storage_offset, is_contiguous for views, element_size (nbytes is 2.x-only)
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.arange(24).reshape(2, 3, 4)
for v in [x, x[1], x[:, 1], x[..., 2], x.transpose(0, 2), x[:, ::2], x[1:, 1:, 1:], x.permute(2, 0, 1), x[0, 0, 1:2], torch.tensor(5)]:
    print(tuple(v.shape), v.stride(), v.storage_offset(), v.is_contiguous())
print(x.stride(0), x.stride(-1), x.stride(dim=1))
for d in [torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8, torch.bool]:
    t = torch.zeros(3, 2, dtype=d)
    print(d, t.element_size(), t.element_size() * t.numel())
e = torch.zeros(0, 3)
print(e.stride(), e.is_contiguous())
print(torch.zeros(3, 1).t().is_contiguous(), torch.zeros(1, 3).expand(4, 3).stride())
check(lambda: x.stride(3))
