# Sequential, ModuleList, ModuleDict: indexing, slicing, len, append, printing.
import torch
import torch.nn as nn

torch.manual_seed(0)
seq = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Dropout(0.1), nn.Linear(8, 2))
print(seq)
print(len(seq), seq[0], seq[-1], type(seq[1:]).__name__)
print(seq[1:])
print(seq[::2])
seq.append(nn.Softmax(dim=1))
print(len(seq), seq[4])
seq[2] = nn.Identity()
print(seq)
del seq[2]
print(seq)
print([type(m).__name__ for m in seq])
seq.eval()
with torch.no_grad():
    print(seq(torch.randn(3, 4)))

named = nn.Sequential()
named.add_module('conv', nn.Conv2d(1, 2, 3))
named.add_module('act', nn.ReLU())
named.add_module('pool', nn.MaxPool2d(2))
print(named)
print(named.conv, list(named.state_dict().keys()))

layers = nn.ModuleList([nn.Linear(3, 3) for _ in range(3)])
layers.append(nn.Tanh())
layers.extend([nn.ReLU(), nn.Sigmoid()])
layers.insert(1, nn.Identity())
print(layers)
print(len(layers), layers[1], layers[-1], type(layers[2:4]).__name__, len(layers[2:4]))
del layers[0]
print([type(m).__name__ for m in layers])
layers += nn.ModuleList([nn.GELU()])
print(len(layers), [n for n, _ in layers.named_parameters()])


class Tower(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Sequential(nn.Linear(2, 2), nn.ReLU())
                                     for _ in range(2)])
        self.heads = nn.ModuleDict({'cls': nn.Linear(2, 3), 'reg': nn.Linear(2, 1)})

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return {k: head(x) for k, head in self.heads.items()}


tower = Tower()
print(tower)
print(list(tower.state_dict().keys()))
with torch.no_grad():
    out = tower(torch.ones(2, 2))
print(sorted(out.keys()), out['cls'].shape, out['reg'])
heads = tower.heads
print(len(heads), 'cls' in heads, 'x' in heads, list(heads.keys()), list(heads))
heads['extra'] = nn.Tanh()
print(list(heads.keys()), heads['extra'])
print(heads.pop('extra'), list(heads.keys()))
heads.update([('a', nn.ReLU())])
print(heads)
nested = nn.Sequential(nn.Sequential(nn.Linear(1, 1)), nn.ModuleList([nn.ReLU()]), nn.ModuleDict())
print(nested)
print(nn.Sequential())
print(nn.ModuleList())
plist = nn.ParameterList([nn.Parameter(torch.ones(2)), nn.Parameter(torch.zeros(3, 1))])
print(len(plist), [n for n, _ in plist.named_parameters()], plist[1].shape)
