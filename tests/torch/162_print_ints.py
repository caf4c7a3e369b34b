# Printing: integer tensors' common width, negatives, large values, bool in 2-D, wrapping of long int rows
import torch
print(torch.tensor([[1, -20], [300, 4]]), torch.tensor([[True, False], [False, False]]))
print(torch.tensor([-(2 ** 63), 2 ** 63 - 1]))
print(torch.arange(-10, 30, 2))
print(torch.arange(100, dtype=torch.int8))
print(torch.arange(40, dtype=torch.uint8).reshape(2, 20) * 6)
print(torch.tensor([True] * 30))
print(torch.arange(6).reshape(1, 6), torch.arange(6).reshape(6, 1).t())
