# Arithmetic: pow / ** with tensor and scalar exponents, reflected scalar ** tensor, special values
import torch

x = torch.tensor([0., 1., 2., -2., 0.5])
print(torch.pow(x, 2), x ** 3, x ** 0.5, x ** -1, x ** 0, x.pow(torch.tensor([1., 2., 3., 2., -1.])))
print(2 ** x, 2.5 ** torch.tensor([1, 2]), torch.pow(3, torch.tensor([0, 1, 2])), torch.pow(-1.0, x))
print(torch.tensor([float('nan'), float('inf'), -float('inf')]) ** 0, torch.tensor([0.]) ** -1)
print(torch.tensor([-8.]) ** (1 / 3), torch.tensor([1.]) ** float('nan'), torch.tensor([4.], dtype=torch.float64) ** 0.5)
print(x.pow(2).dtype, torch.tensor([2, 3]).pow(2).dtype, torch.tensor([2, 3]).pow(0.5).dtype, (2 ** torch.tensor([1, 2])).dtype)
print(torch.tensor([2, 3]) ** torch.tensor([2., 0.5]), torch.tensor([2., 3.]) ** torch.tensor([2, 3]))
print(torch.square(torch.tensor([3, -4])), torch.square(x), torch.tensor([2.]).pow(torch.tensor(3.)))
y = torch.tensor([1., 2., 3.])
y **= 2
print(y, y.pow_(0.5), torch.float_power(torch.tensor([2, 3]), 2))
