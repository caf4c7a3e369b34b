# Random: torch.Generator objects: manual_seed chaining, independence from the global stream, device, initial_seed
import torch

g = torch.Generator()
print(g.device, type(g.manual_seed(5)).__name__, g.manual_seed(5) is g, g.initial_seed())
torch.manual_seed(0)
x = torch.rand(2, generator=g)
y = torch.rand(2)
torch.manual_seed(0)
print(x, torch.equal(y, torch.rand(2)))
g2 = torch.Generator().manual_seed(5)
print(torch.equal(torch.rand(2, generator=g2), torch.rand(2, generator=torch.Generator().manual_seed(5))))
print(torch.randn(3, generator=torch.Generator().manual_seed(1)), torch.randperm(5, generator=torch.Generator().manual_seed(1)))
print(torch.default_generator.manual_seed(3) is torch.default_generator, torch.rand(1), torch.Generator(device='cpu').device)
