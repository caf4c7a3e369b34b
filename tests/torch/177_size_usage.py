# torch.Size passed back into factories and shape methods, compared, sliced, unpacked and printed
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.zeros(2, 3, 4)
s = x.shape
print(torch.ones(s).shape, torch.zeros(s[1:]).shape, x.view(s[0], -1).shape, x.reshape(s[::-1]).shape, x.expand(2, *s).shape)
print(x.new_zeros(s).shape, torch.full(s, 1.5).shape, torch.empty(s[:1]).shape, x.view(torch.Size([6, 4])).shape)
print(s == torch.Size([2, 3, 4]), s != (2, 3), s[-2:] == (3, 4), s > (1, 9), max(s), sum(s), sorted(s))
print(f'{s}', str(s), '%s' % (s,), [s], {'s': s}, s * 2 if False else tuple(s) * 2)
print(x.size() == x.shape, x.size()[1], type(x.size()).__name__, torch.Size(x.stride()))
print(torch.Size([2, 3]) + torch.Size([4]), torch.Size(range(3)), torch.Size((i * 2 for i in range(3))))
check(lambda: torch.Size([-1]))
check(lambda: torch.Size([2])[5])
