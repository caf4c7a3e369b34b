# Random: interleaved rand / randn / randint / randperm / bernoulli_ calls consume the MT19937 stream exactly like PyTorch
import torch

torch.manual_seed(2024)
out = []
out.append(torch.rand(3).tolist())
out.append(torch.randn(2).tolist())
out.append(torch.randint(0, 1000, (4,)).tolist())
out.append(torch.randn(1).tolist())
out.append(torch.randperm(6).tolist())
out.append(torch.rand(2, dtype=torch.float64).tolist())
out.append(torch.zeros(5).bernoulli_(0.5).tolist())
out.append(torch.randn(17).tolist()[:4])
out.append([round(v, 12) for v in torch.randn(3, dtype=torch.float64).tolist()])  # last bits: log vs log1p (1.13 vs 2.x)
out.append(torch.rand(1).tolist())
for o in out:
    print(o)
x = torch.empty(4, 5)
torch.manual_seed(3)
x.t().normal_()
print(x)
torch.manual_seed(3)
print(torch.empty(20).normal_().view(4, 5))
