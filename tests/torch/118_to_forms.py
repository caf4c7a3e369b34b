# Conversion: Tensor.to(dtype), to(device), to(other), to(device, dtype), copy=, keyword forms, no-op identity
# regen-sed: s/hpu, privateuseone device type/hpu, mtia, privateuseone device type/
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.tensor([1.5, -2.5, 3.0])
print(x.to(torch.int64), x.to(torch.float64), x.to(torch.bool), x.to(torch.float16), x.to(torch.uint8))
print(x.to('cpu') is x, x.to(torch.float32) is x, x.to(torch.device('cpu')) is x, x.to(x) is x)
print(x.to(torch.float32, copy=True) is x)
print(x.to(torch.tensor([1], dtype=torch.int32)))
print(x.to('cpu', torch.float64), x.to(device='cpu', dtype=torch.int8), x.to(dtype=torch.bfloat16))
y = x.to(torch.float64)
y[0] = 100
print(x)
print(torch.tensor([300, -1]).to(torch.uint8), torch.tensor([1e10]).to(torch.int32).dtype)
print(torch.tensor([0.1, 0.2]).to(torch.float64))
check(lambda: x.to('cuda'))
check(lambda: x.to('bad'))
check(lambda: x.to(5))
check(lambda: x.to())
