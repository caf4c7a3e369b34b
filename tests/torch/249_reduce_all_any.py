# Reductions: all / any over the whole tensor and along dims, on bool, int and float (nan counts as true), empty tensors
import torch

b = torch.tensor([[True, False, True], [True, True, True]])
print(b.all(), b.any(), b.all(0), b.all(1), b.any(dim=0), torch.all(b, -1, keepdim=True), torch.any(~b, 1))
i = torch.tensor([[0, 2], [3, 4]])
print(i.all(), i.any(), i.all(1), i.all(1).dtype, torch.tensor([0, 0], dtype=torch.uint8).any(), torch.tensor([1, 2], dtype=torch.uint8).all().dtype)
f = torch.tensor([0.5, float('nan'), -0.0])
print(f.all(), f.any(), f[:2].all(), torch.tensor([0.0, -0.0]).any())
print(torch.ones(0).all(), torch.ones(0).any(), torch.ones(0, 3).all(0), torch.ones(0, 3).any(1), torch.tensor(True).all(0))
print((torch.arange(5) > 2).any().item(), bool((torch.arange(5) >= 0).all()))
