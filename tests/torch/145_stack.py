# Joining: stack at every dim, vstack/hstack/dstack on 1-D and 2-D, and the errors
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.tensor([1, 2, 3])
y = torch.tensor([4, 5, 6])
print(torch.stack([x, y]), torch.stack((x, y), dim=1), torch.stack([x, y], -1).shape, torch.stack([x]).shape)
print(torch.stack([torch.tensor(1.), torch.tensor(2.)]), torch.stack([x, y.double()]).dtype)
print(torch.vstack([x, y]), torch.hstack([x, y]), torch.vstack([x.reshape(1, 3), y]).shape)
m = torch.ones(2, 2)
print(torch.hstack([m, torch.zeros(2, 1)]), torch.vstack([m, torch.zeros(1, 2)]).shape)
check(lambda: torch.stack([x, torch.tensor([1, 2])]))
check(lambda: torch.stack([]))
check(lambda: torch.stack([x, y], dim=3))
check(lambda: torch.vstack([torch.ones(2, 2), torch.ones(2, 3)]))
check(lambda: torch.hstack([torch.ones(2, 2), torch.ones(3, 2)]))
