# state_dict() is a collections.OrderedDict: odict_keys/values/items, equality, copies, load back.
import collections
import torch
import torch.nn as nn

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(2, 3), nn.BatchNorm1d(3), nn.Linear(3, 1))
sd = net.state_dict()
print(type(sd), isinstance(sd, collections.OrderedDict), isinstance(sd, dict))
print(sd.keys())
print(type(sd.keys()).__name__, type(sd.values()).__name__, type(sd.items()).__name__)
print(len(sd.keys()), '0.weight' in sd.keys(), list(reversed(sd.keys()))[:2])
print([k for k, v in sd.items() if v.dim() == 1])
print(sd._metadata)
print(nn.Linear(1, 1).state_dict().keys())
empty = nn.ReLU().state_dict()
print(empty, empty.keys(), len(empty))
sd2 = net.state_dict()
print(list(sd2) == list(sd), sd2.keys() == sd.keys())
sd2.move_to_end('0.weight')
print(list(sd2.keys())[-1], list(sd2) == list(sd))
net.load_state_dict(sd2)
print(net[0].weight.equal(sd['0.weight']))
od = collections.OrderedDict([('b', 1), ('a', 2)])
print(od, od.keys(), od.values(), od.items())
print(od == collections.OrderedDict([('a', 2), ('b', 1)]), od == {'a': 2, 'b': 1})
m2 = nn.Sequential(collections.OrderedDict([('fc', nn.Linear(2, 2)), ('act', nn.Tanh())]))
print(m2)
print(m2.state_dict().keys())
