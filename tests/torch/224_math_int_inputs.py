# Math: unary float functions on integer/bool tensors promote to the default dtype (float32, or float64 after set_default_dtype)
import torch

i = torch.tensor([1, 4, 9])
for name in ['exp', 'log', 'sqrt', 'rsqrt', 'sin', 'cos', 'tanh', 'sigmoid', 'log2', 'log1p', 'reciprocal', 'erf']:
    r = getattr(torch, name)(i)
    print(name, r, r.dtype)
print(torch.sqrt(torch.tensor([4], dtype=torch.uint8)).dtype, torch.exp(torch.tensor([1], dtype=torch.int8)).dtype)
torch.set_default_dtype(torch.float64)
print(torch.sqrt(i), torch.exp(torch.tensor([True])).dtype, (i / 2).dtype)
torch.set_default_dtype(torch.float32)
print(torch.sqrt(i).dtype, torch.mean(i.float()))
try:
    torch.mean(i)
except RuntimeError as e:
    print(type(e).__name__, e)
