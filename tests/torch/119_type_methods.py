# Conversion: float/double/half/bfloat16/long/int/short/char/byte/bool methods, type(), type_as
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.tensor([-1.7, 0.0, 2.5])
for m in ['float', 'double', 'half', 'bfloat16', 'long', 'int', 'short', 'char', 'byte', 'bool']:
    r = getattr(x, m)()
    print(m, r, r.dtype)
print(x.float() is x, x.long().long().dtype)
print(x.type(), torch.tensor([1]).type(), torch.tensor([True]).type(), x.double().type(), x.half().type())
print(x.type(torch.int32), x.type('torch.DoubleTensor'))
i = torch.tensor([1, 2])
print(i.type_as(x), x.type_as(i), i.type_as(torch.zeros(1, dtype=torch.float16)))
check(lambda: x.type_as([1]))
check(lambda: x.type('torch.NopeTensor'))
