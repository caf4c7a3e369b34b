# float32 unary math rounds like PyTorch's CPU kernels (last bits checked through tolist).
import torch

torch.manual_seed(0)
x = torch.rand(203) * 20 - 10
for name in ['exp', 'tanh', 'sigmoid', 'sinh', 'cosh']:
    r = getattr(torch, name)(x)
    print(name, r.tolist())
p = torch.rand(203) * 50 + 1e-3
print('log', torch.log(p).tolist())
print(torch.exp(torch.tensor([4., 0.5, 1., 2.])), torch.nn.functional.silu(x).tolist())
print(torch.tensor([0., -0., float('inf'), float('-inf'), float('nan'), 100., -110.]).exp())
print(torch.tensor([0., -1., float('inf'), 1e-40]).log())
