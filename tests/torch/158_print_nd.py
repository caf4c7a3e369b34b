# Printing: 3-D and 4-D nesting, blank lines between blocks, size-1 dims, mixed widths
import torch
print(torch.arange(24).reshape(2, 3, 4))
print(torch.arange(16.).reshape(2, 2, 2, 2) / 4)
print(torch.zeros(1, 1, 1), torch.ones(2, 1, 2, dtype=torch.int8))
print(torch.tensor([[[-1.5, 2.0]], [[3.25, -400.0]]]))
print(torch.arange(8).reshape(2, 2, 2) == 3)
print(torch.zeros(2, 0, 2), torch.zeros(1, 2, 0, dtype=torch.int64))
print(torch.arange(2 * 3 * 1 * 2).reshape(2, 3, 1, 2).double())
