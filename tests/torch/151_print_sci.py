# Printing: scientific-notation decisions (ratio > 1000, > 1e8, < 1e-4), int-valued sci, precision
import torch
for vals in [[1e-5, 1.0], [1e-4, 1.0], [0.5, 600.0], [1.0, 1e8], [1.0, 1.1e8], [2.0, 2e8], [3e-3, 4.0],
             [1.0, 2000.0], [-1e-5, 1e5], [123.0, 1e-2], [1e20, 1.0], [1e-20], [5e-7, float('nan')], [1.5e9]]:
    print(torch.tensor(vals), torch.tensor(vals, dtype=torch.float64))
print(torch.tensor([[1e-6, 2.0], [3.0, 4e6]]))
print(torch.tensor(1e-7), torch.tensor(1e12), torch.tensor(-3e-5))
print(torch.tensor([1e5, 2e5], dtype=torch.float16), torch.tensor([1e-3, 300.], dtype=torch.bfloat16))
