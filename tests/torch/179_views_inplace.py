# Views and in-place ops: fill_/zero_/add_ on views change the base; version counters; detach shares storage
import torch
x = torch.arange(12.).reshape(3, 4)
x[1].fill_(-1)
x[:, 0].zero_()
x.t()[3].add_(100)
x.diagonal().mul_(2) if hasattr(x, 'diagonal') else None
print(x)
d = x.detach()
d[0, 1] = 55
print(x[0, 1], d._version == x._version)
v = x.view(12)
before = x._version
v[0] = 1
print(x._version > before, x[0, 0], v._version == x._version)
u = x.unsqueeze(0).expand(2, 3, 4)
print(u[1, 0, 0], u.stride())
n = x.narrow(1, 1, 2)
n.copy_(torch.ones(3, 2) * 9)
print(x)
