# Optimizer updates bit-identical to PyTorch's on tensors large enough for its vectorised
# kernels (and odd-sized tails): 20 steps with seeded gradients, then an integer
# fingerprint of every bit of every parameter. 009_optim covers the small-tensor cases.
import torch
import torch.nn as nn
import torch.optim as optim
from gen_digits import fingerprint


class Params(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.randn(128, 64))
        self.b = nn.Parameter(torch.randn(37))
        self.c = nn.Parameter(torch.randn(5))


builds = [
    ('sgd momentum', lambda ps: optim.SGD(ps, lr=0.02, momentum=0.9)),
    ('sgd nesterov wd', lambda ps: optim.SGD(ps, lr=0.05, momentum=0.8, nesterov=True,
                                             weight_decay=0.01)),
    ('sgd dampening', lambda ps: optim.SGD(ps, lr=0.05, momentum=0.5, dampening=0.3)),
    ('adam', lambda ps: optim.Adam(ps, lr=0.01)),
    ('adam wd amsgrad', lambda ps: optim.Adam(ps, lr=0.01, weight_decay=0.1, amsgrad=True)),
    ('adamw', lambda ps: optim.AdamW(ps, lr=0.003, weight_decay=0.05)),
    ('adamw amsgrad', lambda ps: optim.AdamW(ps, lr=0.01, amsgrad=True, betas=(0.8, 0.99))),
    ('rmsprop', lambda ps: optim.RMSprop(ps, lr=0.01)),
    ('rmsprop centered momentum wd', lambda ps: optim.RMSprop(ps, lr=0.01, momentum=0.9,
                                                               centered=True, weight_decay=0.1)),
]
for name, build in builds:
    torch.manual_seed(0)
    model = Params()
    opt = build(model.parameters())
    g = torch.Generator().manual_seed(7)
    for _ in range(20):
        for p in model.parameters():
            p.grad = torch.randn(p.shape, generator=g)
        opt.step()
    print(f'{name}: {fingerprint(model)}')
