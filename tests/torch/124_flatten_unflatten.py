# Shapes: flatten with start_dim/end_dim, torch.flatten, unflatten with -1, and their errors
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.arange(24).reshape(2, 3, 4)
print(x.flatten().shape, x.flatten(1).shape, x.flatten(0, 1).shape, x.flatten(start_dim=-2).shape, x.flatten(end_dim=-2).shape)
print(torch.flatten(x, 1, 2).shape, torch.tensor(3).flatten(), torch.zeros(2, 0, 3).flatten().shape)
print(x.flatten(1, 1) is x, x.flatten(1, 1).shape)
print(x.transpose(0, 1).flatten().tolist()[:6])
print(x.unflatten(2, (2, 2)).shape, x.unflatten(-1, (2, -1)).shape, x.flatten().unflatten(0, (4, 6)).shape)
print(torch.unflatten(x, 1, (3, 1)).shape)
check(lambda: x.flatten(2, 1))
check(lambda: x.flatten(0, 3))
check(lambda: x.unflatten(2, (3, 2)))
check(lambda: x.unflatten(5, (2, 2)))
