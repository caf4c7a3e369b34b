# Creation: torch.as_tensor shares memory with a tensor of the same dtype, copies otherwise
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
a = torch.tensor([1.0, 2.0, 3.0])
b = torch.as_tensor(a)
b[0] = 10
print(a, b is a)
c = torch.as_tensor(a, dtype=torch.float64)
c[1] = 20
print(a, c)
print(torch.as_tensor([1, 2, 3]), torch.as_tensor([[1.5], [2.5]]))
print(torch.as_tensor(3), torch.as_tensor(2.5, dtype=torch.float16))
print(torch.as_tensor((True, False)))
print(torch.as_tensor([1, 2], device='cpu'))
d = torch.as_tensor(a, device='cpu')
d[2] = 30
print(a)
check(lambda: torch.as_tensor([[1, 2], [3]]))
check(lambda: torch.as_tensor('x'))
