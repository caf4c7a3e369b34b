# nn.Module: registration, iteration, modes, printing (cheat sheet "Neural Network Module").
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = torch.relu(self.fc1(x))
        x = self.fc2(x)
        return x


torch.manual_seed(0)
model = Net()
print(model)
for name, p in model.named_parameters():
    print(name, tuple(p.shape), p.requires_grad, type(p).__name__, isinstance(p, nn.Parameter))
print(sum(p.numel() for p in model.parameters()))
print([type(m).__name__ for m in model.children()])
print([name for name, _ in model.named_modules()])
print([name for name, _ in model.named_children()])
print(list(model.state_dict().keys()))
print(model.training, model.fc1.training)
model.eval()
print(model.training, model.fc1.training)
model.train()
print(model.training, model.fc2.training)
print(model.fc1.weight is model._parameters['fc1'] if 'fc1' in model._parameters else 'no')
print(model.fc1.in_features, model.fc1.out_features)

x = torch.randn(2, 784)
with torch.no_grad():
    print(model(x))


class Buffered(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer('mean', torch.zeros(3))
        self.register_buffer('scratch', torch.ones(2), persistent=False)
        self.scale = nn.Parameter(torch.tensor([2.0, 3.0, 4.0]))
        self.register_parameter('unused', None)
        self.inner = nn.Sequential(nn.Linear(3, 2), nn.ReLU())
        self.plain = 5

    def forward(self, x):
        return self.inner((x - self.mean) * self.scale)


torch.manual_seed(1)
b = Buffered()
print(b)
print([n for n, _ in b.named_buffers()])
print([n for n, _ in b.named_parameters()])
print([n for n, _ in b.named_parameters(recurse=False)])
print([n for n, _ in b.named_parameters(prefix='top')])
print(list(b.state_dict().keys()))
print(b.state_dict()['mean'])
print(b.unused, b.plain, b.scratch)
print(b.scale)
print(b.mean)
b.mean = torch.tensor([1.0, 1.0, 1.0])
print(b.state_dict()['mean'])
print(b.get_submodule('inner.0'))

# shared parameters appear once
shared = nn.Linear(2, 2)
seq = nn.Sequential(shared, nn.Tanh(), shared)
print(len(list(seq.parameters())), [n for n, _ in seq.named_parameters()])
print([n for n, _ in seq.named_modules()])

# attribute deletion and re-registration
del b.inner
print(hasattr(b, 'inner'), [n for n, _ in b.named_children()])
b.add_module('head', nn.Linear(3, 1))
print([n for n, _ in b.named_children()])
try:
    b.missing
except AttributeError as e:
    print('AttributeError:', e)

# requires_grad_, zero_grad, apply
y = b.head(torch.ones(1, 3)).sum()
y.backward()
print(b.head.weight.grad)
b.zero_grad(set_to_none=False)
print(b.head.weight.grad)
b.zero_grad(set_to_none=True)
print(b.head.weight.grad)
b.requires_grad_(False)
print([p.requires_grad for p in b.parameters()])


def init_weights(m):
    if isinstance(m, nn.Linear):
        nn.init.constant_(m.weight, 0.5)
        nn.init.zeros_(m.bias)
        print('init', m)


b.apply(init_weights)
print(b.head.weight, b.head.bias)
print(nn.Parameter(torch.tensor([1.0, 2.0])))
print(nn.Parameter(torch.zeros(2, 2), requires_grad=False))
print(nn.Identity(54, unused='x'), nn.Identity()(torch.tensor([1.0])))

# a module that adds a forward hook
calls = []
h = model.fc2.register_forward_hook(lambda m, inp, out: calls.append(tuple(out.shape)))
with torch.no_grad():
    model(torch.zeros(3, 784))
h.remove()
with torch.no_grad():
    model(torch.zeros(4, 784))
print(calls)
