# Reductions: norm with p = 2 (default), 1, inf, -inf, 0, 3, 'fro', along dims with keepdim, and linalg.vector_norm
import torch
# regen-sed: s/^RuntimeError norm(): input dtype should be either floating point or complex. Got Long instead.$/RuntimeError linalg.vector_norm: Expected a floating point or complex tensor as input. Got Long/

x = torch.tensor([[3., -4., 0.], [1., 2., -2.]])
print(x.norm(), torch.norm(x), x.norm(1), x.norm(p=float('inf')), x.norm(float('-inf')), x.norm(0), x.norm(3), x.norm('fro'))
print(x.norm(dim=1), x.norm(p=1, dim=0), x.norm(2, 1, keepdim=True), torch.norm(x, dim=(0, 1)), x.norm(p=0.5, dim=1))
print(x.double().norm(), torch.zeros(3).norm())
print(torch.linalg.vector_norm(x), torch.linalg.vector_norm(x, ord=1, dim=1), torch.linalg.norm(torch.tensor([3., 4.])))
print(torch.ones(0).norm(), torch.tensor([float('nan'), 1.]).norm(), torch.tensor([float('inf'), 1.]).norm())
try:
    torch.tensor([1, 2]).norm()
except RuntimeError as e:
    print(type(e).__name__, e)
