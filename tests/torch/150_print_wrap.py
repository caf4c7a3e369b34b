# Printing: line wrapping of long rows, wide values, suffix wrapping with dtype/grad_fn/requires_grad
import torch
print(torch.arange(30.) / 3)
print(torch.arange(40.).reshape(2, 20) / 3)
print(torch.arange(9, dtype=torch.float64) / 3)
print(torch.arange(7, dtype=torch.float64, requires_grad=True) / 3)
print(torch.arange(50))
print(torch.arange(30, dtype=torch.int16) * 1000)
print(torch.full((3, 12), 123456.5))
print(torch.tensor([1., 2.], requires_grad=True), torch.tensor([1., 2.], requires_grad=True) * 2)
print(torch.tensor([1., 2.], requires_grad=True).mean(), torch.ones(2, 2, dtype=torch.float64, requires_grad=True).sum())
print(torch.linspace(0, 1, 13, dtype=torch.float64, requires_grad=True) * 2)
print(torch.zeros(0, 3, requires_grad=True), torch.zeros(0, dtype=torch.float64, requires_grad=True))
