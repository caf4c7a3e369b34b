# Printing: 0-dim, empty shapes, negative zero, inf/nan, integer-valued floats, widths
import torch
print(torch.tensor(3.14159), torch.tensor(2.), torch.tensor(-0.), torch.tensor(float('nan')), torch.tensor(1e-10))
print(torch.tensor([]), torch.zeros(0, 3), torch.zeros(2, 0, dtype=torch.int32), torch.tensor([], dtype=torch.int64))
print(torch.zeros(0, dtype=torch.bool), torch.zeros(0, 2, 2, dtype=torch.float64), torch.tensor([[]]))
print(torch.tensor([-0., 0.]), torch.tensor([-0., 1.5]), torch.tensor([0., -0.]).sum())
print(torch.tensor([float('nan'), 1., float('inf'), float('-inf')]), torch.tensor([float('inf'), float('-inf')]))
print(torch.tensor([0., 0.]), torch.tensor([0., float('nan')]), torch.tensor([float('nan')] * 3))
print(torch.tensor([1., 1000.]), torch.tensor([1., 1001.]), torch.tensor([0.5, 500.]), torch.tensor([-1., 10., -100.]))
print(torch.tensor([1e10, float('inf')]), torch.tensor([123456789.]), torch.tensor([99999999.]), torch.tensor([1e8, 1.]))
print(torch.tensor([12345.678]), torch.tensor([-0.001, 0.5]), torch.tensor([0.00011, 1.]))
print(torch.tensor([1000000, -5]), torch.tensor([-1, 10, -100]), torch.tensor([True]), torch.tensor(False))
print(torch.tensor([[1.5, float('nan')], [float('-inf'), -2.]]))
print(torch.tensor([1e-5, 1.0]), torch.tensor([1e-4, 0.5]), torch.tensor([1e-3, 1.]))
