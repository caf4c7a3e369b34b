# Creation: zeros_like, ones_like, full_like, empty_like, rand_like with dtype overrides
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
a = torch.tensor([[1, 2, 3], [4, 5, 6]])
f = torch.tensor([1.5, 2.5], dtype=torch.float64)
print(torch.zeros_like(a), torch.ones_like(a))
print(torch.zeros_like(f), torch.ones_like(f))
print(torch.full_like(a, 9), torch.full_like(f, 0.25))
print(torch.full_like(a, 2.7))
print(torch.zeros_like(a, dtype=torch.float32))
print(torch.ones_like(f, dtype=torch.bool))
e = torch.empty_like(a)
print(e.shape, e.dtype)
torch.manual_seed(0)
print(torch.rand_like(f))
print(torch.randn_like(torch.zeros(2, 2)))
t = torch.ones_like(torch.zeros(2), requires_grad=True)
print(t)
nc = torch.arange(6.).reshape(2, 3).t()
z = torch.zeros_like(nc)
print(z.shape, z.stride(), z.is_contiguous())
check(lambda: torch.rand_like(a))
check(lambda: torch.zeros_like([1, 2]))
