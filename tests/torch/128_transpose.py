# Shapes: transpose/swapaxes/swapdims, t on 0/1/2-D, T and mT, views sharing storage, errors
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.arange(24).reshape(2, 3, 4)
print(x.transpose(0, 2).shape, x.transpose(-1, 0).stride(), torch.transpose(x, 1, 2).shape, x.transpose(1, 1).shape)
print(x.swapaxes(0, 1).shape, x.swapdims(1, 2).shape)
m = torch.arange(6).reshape(2, 3)
print(m.t(), torch.t(m).stride(), m.T, m.mT.shape, x.mT.shape)
v = torch.tensor([1, 2, 3])
print(v.t(), torch.tensor(5).t(), v.T)
mt = m.t()
mt[0, 1] = 50
print(m)
print(m.t_() if False else 'skip')
check(lambda: x.t())
check(lambda: x.transpose(0, 3))
check(lambda: v.mT)
check(lambda: x.transpose(-4, 0))
