# Concatenation (cheat sheet)
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.randn(2, 3)
y = torch.randn(2, 3)
print(torch.cat([x, y], dim=0).shape)
print(torch.cat([x, y], dim=1).shape)
print(torch.stack([x, y], dim=0).shape)
print(torch.vstack([x, y]).shape)
print(torch.hstack([x, y]).shape)
a = torch.tensor([1, 2])
b = torch.tensor([3, 4])
print(torch.cat((a, b)), torch.stack((a, b), 1), torch.vstack((a, b)), torch.hstack((a, b)))
check(lambda: torch.cat([torch.ones(2, 3), torch.ones(2, 4)]))
check(lambda: torch.stack([torch.ones(2), torch.ones(3)]))
print(torch.cat([torch.ones(2, dtype=torch.int64), torch.ones(2)]))
