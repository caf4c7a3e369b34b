# Arithmetic: true division (/, div, divide, true_divide) on ints, floats, zeros, inf and nan
import torch

i = torch.tensor([7, -7, 0, 5])
j = torch.tensor([2, 2, 0, 0])
print(i / j, torch.div(i, j), torch.divide(i, 2), torch.true_divide(i, j))
print((i / j).dtype, (i / 2).dtype, (i.double() / j).dtype)
f = torch.tensor([1., -1., 0., float('inf'), float('nan')])
print(f / 0, f / -0.0, f / float('inf'), 1 / f, -3 / f)
print(torch.tensor([1., 2.], dtype=torch.float64) / 3)
print(torch.tensor([True, False]) / torch.tensor([True, True]))
print(10 / torch.tensor([4, 5]), 10.0 / torch.tensor([4, 0]))
x = torch.tensor([[2., 4.], [6., 8.]])
print(x / x.sum(dim=1, keepdim=True), x / torch.tensor([2., 4.]))
print(x.div(2), x.divide(torch.tensor([[1.], [2.]])))
try:
    print(x / torch.ones(3))
except RuntimeError as e:
    print(type(e).__name__, e)
