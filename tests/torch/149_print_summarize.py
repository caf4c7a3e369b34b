# Printing: summarisation above the threshold for 1-D, 2-D, 3-D, int and float, and edge cases at 1000/1001
import torch
print(torch.arange(1000.)[-3:], torch.arange(1000).shape)
print(torch.arange(1001))
print(torch.arange(2000))
print(torch.arange(3000).reshape(50, 60))
print(torch.arange(3000.).reshape(50, 60) / 7)
print(torch.arange(2 * 7 * 100).reshape(2, 7, 100))
print(torch.arange(12 * 100).reshape(12, 100)[:, :5].shape, torch.arange(1200).reshape(100, 12))
print(torch.ones(10, 101, dtype=torch.bool))
print(torch.arange(1001.) * 1e-6)
print(torch.arange(20 * 60).reshape(20, 60) % 3 == 0)
