# state_dict / load_state_dict (strict and not), buffers, dtype conversion, the printed form.
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3)
        self.bn = nn.BatchNorm2d(2)
        self.fc = nn.Linear(2, 3)
        self.register_buffer('step', torch.tensor(0))
        self.register_buffer('cache', torch.zeros(1), persistent=False)

    def forward(self, x):
        x = torch.relu(self.bn(self.conv(x)))
        return self.fc(x.mean((2, 3)))


torch.manual_seed(0)
a = Net()
torch.manual_seed(1)
b = Net()
sd = a.state_dict()
print(list(sd.keys()))
print(type(sd).__name__, sd['fc.bias'], sd['bn.num_batches_tracked'])
print(sd['fc.weight'].requires_grad, sd['fc.weight'].grad_fn)
print(nn.Linear(2, 1).state_dict())
print(sd._metadata if hasattr(sd, '_metadata') else None)
print(a.fc.state_dict())
result = b.load_state_dict(sd)
print(result)
print(all(torch.equal(x, y) for x, y in zip(a.state_dict().values(), b.state_dict().values())))
print(b.fc.weight.requires_grad, isinstance(b.fc.weight, nn.Parameter))
x = torch.randn(2, 1, 5, 5)
with torch.no_grad():
    print(torch.equal(a(x), b(x)))

partial = {k: v for k, v in sd.items() if k.startswith('fc.')}
partial['head.weight'] = torch.zeros(1)
res = Net().load_state_dict(partial, strict=False)
print(res.missing_keys)
print(res.unexpected_keys)
print(res)
missing, unexpected = res
print(len(missing), unexpected)

keep = a.state_dict(keep_vars=True)
print(isinstance(keep['fc.weight'], nn.Parameter), keep['fc.weight'] is a.fc.weight)
print(list(a.fc.state_dict(prefix='head.').keys()))

# conversions keep parameter identity
w = a.fc.weight
a.double()
print(a.fc.weight.dtype, a.fc.weight is w, a.bn.running_mean.dtype, a.step.dtype)
a.to(torch.float32)
print(a.fc.weight.dtype, a.conv.bias.dtype)
a.to('cpu')
a.cpu().float()
print(a.fc.weight.device, a.fc.weight.dtype)
a.to(torch.zeros(1, dtype=torch.float64))
print(a.conv.weight.dtype)
try:
    a.to(torch.int64)
except TypeError as e:
    print('TypeError:', e)
lin = nn.Linear(2, 2).to(dtype=torch.float64)
print(lin.weight.dtype, lin(torch.ones(1, 2, dtype=torch.float64)).dtype)
lin.weight.grad = torch.ones(2, 2, dtype=torch.float64)
lin.float()
print(lin.weight.grad.dtype)
