# Shapes: squeeze (all, one dim, non-size-1 dim), unsqueeze at every position, negative dims, errors
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.zeros(1, 3, 1, 2)
print(x.squeeze().shape, x.squeeze(0).shape, x.squeeze(2).shape, x.squeeze(1).shape, x.squeeze(-2).shape)
print(torch.squeeze(x).shape, torch.squeeze(x, 0).shape, torch.zeros(1).squeeze().shape, torch.zeros(1, 1).squeeze(0).shape)
print(torch.tensor(4).squeeze(), torch.tensor(4).squeeze(0), torch.tensor(4).unsqueeze(0))
y = torch.arange(6).reshape(2, 3)
for d in [0, 1, 2, -1, -2, -3]:
    print(d, y.unsqueeze(d).shape, y.unsqueeze(d).stride())
print(torch.unsqueeze(y, 1).shape, y[None].shape, y.unsqueeze(0).unsqueeze(0).shape)
u = y.unsqueeze(1)
u[0, 0, 0] = 50
print(y[0, 0])
check(lambda: y.unsqueeze(3))
check(lambda: y.unsqueeze(-4))
check(lambda: x.squeeze(4))
check(lambda: torch.tensor(1).unsqueeze(2))
