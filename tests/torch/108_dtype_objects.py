# torch.dtype objects: names, aliases, is_floating_point, is_signed, itemsize via element_size, equality
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
dts = [torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int64, torch.int32,
       torch.int16, torch.int8, torch.uint8, torch.bool]
for d in dts:
    print(repr(d), str(d), d.is_floating_point, d.is_signed, torch.zeros(1, dtype=d).element_size())
print(torch.float, torch.double, torch.half, torch.long, torch.int, torch.short)
print(torch.float is torch.float32, torch.long == torch.int64, torch.float32 != torch.float64)
print(type(torch.float32).__name__)
print(torch.get_default_dtype())
print(torch.is_floating_point(torch.zeros(1)), torch.is_floating_point(torch.zeros(1, dtype=torch.int64)))
d = {torch.float32: 'f', torch.int64: 'l'}
print(d[torch.float], d[torch.long])
