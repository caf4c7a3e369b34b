# typing annotations on an nn.Module (Optional[torch.Tensor], X | None) and json-saved metrics/configs.
import torch
import torch.nn as nn
from typing import Optional, List, Tuple, Dict
class Net(nn.Module):
    def __init__(self, sizes: List[int], dropout: Optional[float] = None) -> None:
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])])
    def forward(self, x: torch.Tensor, mask: Optional[torch.Tensor] = None) -> Tuple[torch.Tensor, Dict[str, float]]:
        for l in self.layers:
            x = torch.relu(l(x))
        return x, {'n': float(x.numel())}
torch.manual_seed(0)
net = Net([4, 3, 2])
out, info = net(torch.ones(1, 4))
print(out.shape, info)
print(Net.forward.__annotations__)
print(Optional[torch.Tensor], List[nn.Module], torch.Tensor | None)
import typing
print(typing.get_type_hints(Net.__init__))
import json, os
config = {'sizes': [4, 3, 2], 'lr': 0.01, 'betas': (0.9, 0.999), 'device': str(out.device), 'dtype': str(out.dtype)}
metrics = {'loss': round(out.sum().item(), 4), 'per_class': [round(v, 4) for v in out[0].tolist()], 'shape': list(out.shape)}
path = os.path.join(os.environ.get('TMPDIR', '/tmp'), 'wick_typing_json_%d.json' % os.getpid())
with open(path, 'w') as f:
    json.dump({'config': config, 'metrics': metrics}, f, indent=2, sort_keys=True)
with open(path) as f:
    back = json.load(f)
os.remove(path)
print(back['config'], back['metrics']['shape'], back['config']['betas'])
for bad in [out, {'w': net.layers[0].weight}, torch.float32]:
    try: json.dumps(bad)
    except TypeError as e: print(type(e).__name__, e)
print(json.dumps({k: v.shape[0] for k, v in net.state_dict().items()}, sort_keys=True))
