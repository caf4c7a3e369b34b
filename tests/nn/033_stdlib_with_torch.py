# Standard modules in training code: itertools.chain of parameters into an optimizer, functools.partial
# initialisers with Module.apply, best-model snapshots with copy.deepcopy(state_dict()), EMA copies.
import copy
import itertools
import functools
from collections import OrderedDict, defaultdict
import torch
import torch.nn as nn

torch.manual_seed(0)
enc = nn.Linear(4, 2)
dec = nn.Linear(2, 4)
opt = torch.optim.Adam(itertools.chain(enc.parameters(), dec.parameters()), lr=0.01)
print(len(opt.param_groups[0]['params']))
init = functools.partial(nn.init.constant_, val=0.1)


def init_weights(m, fn):
    if isinstance(m, nn.Linear):
        fn(m.weight)
        nn.init.zeros_(m.bias)


model = nn.Sequential(OrderedDict([('enc', enc), ('act', nn.ReLU()), ('dec', dec)]))
model.apply(functools.partial(init_weights, fn=init))
print(model.enc.weight, model.dec.bias)
x = torch.randn(8, 4)
best = copy.deepcopy(model.state_dict())
ema = copy.deepcopy(model)
history = defaultdict(list)
for step in range(3):
    loss = ((model(x) - x) ** 2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
    history['loss'].append(round(loss.item(), 4))
    with torch.no_grad():
        for pe, pm in zip(ema.parameters(), model.parameters()):
            pe.mul_(0.5).add_(pm, alpha=0.5)
print(dict(history))
print(torch.equal(best['enc.weight'], model.enc.weight), best['enc.weight'][0])
print(ema.dec.bias, ema.enc.weight.requires_grad, ema.enc.weight.grad)
model.load_state_dict(best)
print(model.enc.weight[0], torch.equal(model(x), copy.deepcopy(model)(x)))
print(list(itertools.islice(model.named_parameters(), 2))[1][0], sum(1 for _ in itertools.chain(model.parameters(), ema.parameters())))
