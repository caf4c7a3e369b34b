# Reductions: std / var with unbiased True/False, dims, keepdim, single elements (nan), var_mean / std_mean
import torch

torch.manual_seed(3)
x = torch.randn(3, 5)
print(x.std(), x.var(), x.std(unbiased=False), x.var(False), torch.std(x, 0), torch.var(x, 1, keepdim=True))
print(x.std(dim=(0, 1)), x.var(-1, unbiased=False), x.double().std(1))
print(torch.tensor([1.]).std(), torch.tensor([1.]).var(unbiased=False), torch.ones(0).var(), torch.ones(2, 1).std(1))
print(torch.var_mean(x, 1), torch.std_mean(x, dim=0, unbiased=False))
print(torch.tensor([1., 2., 3., 4.]).var(), torch.tensor([1e4, 1e4 + 1, 1e4 + 2]).var(), torch.tensor([1, 2, 3.]).std(0, True))
try:
    torch.tensor([1, 2, 3]).std()
except RuntimeError as e:
    print(type(e).__name__, e)
