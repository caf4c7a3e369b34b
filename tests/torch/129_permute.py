import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.arange(24).reshape(2, 3, 4)
p = x.permute(2, 0, 1)
print(p.shape, p.stride(), p.is_contiguous(), p[1, 1])
print(x.permute((1, 2, 0)).shape, x.permute(-1, -2, -3).shape, torch.permute(x, (0, 2, 1)).shape)
print(x.permute(0, 1, 2) is x, x.permute(0, 1, 2).shape)
check(lambda: x.permute(0, 1))
check(lambda: x.permute(0, 1, 1))
check(lambda: x.permute(0, 1, 3))
