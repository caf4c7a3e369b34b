# Joining: cat along each dim, negative dims, empty tensors, dtype promotion, and its errors
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
a = torch.tensor([[1, 2], [3, 4]])
b = torch.tensor([[5, 6]])
print(torch.cat([a, b]), torch.cat((a, a), dim=1), torch.cat([a, a], -1).shape, torch.concat([a, b]).shape)
print(torch.cat([a, torch.zeros(0, 2, dtype=torch.int64)]).shape, torch.cat([torch.tensor([]), torch.tensor([1., 2.])]))
print(torch.cat([a, a.float()]).dtype, torch.cat([a, torch.tensor([[True, False]])]).dtype)
print(torch.cat([torch.tensor([1.5])]), torch.cat([a.t(), a], 1))
check(lambda: torch.cat([a, torch.zeros(2, 3)]))
check(lambda: torch.cat([a, torch.zeros(2)]))
check(lambda: torch.cat([]))
check(lambda: torch.cat([a, a], dim=2))
check(lambda: torch.cat(a))
check(lambda: torch.cat([torch.tensor(1), torch.tensor(2)]))
