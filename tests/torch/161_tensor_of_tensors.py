# Creation: torch.tensor from lists of 0-dim and 1-D tensors and from tensors (copies), torch.Tensor legacy forms
import torch
a = torch.tensor(1.5)
b = torch.tensor([1, 2])
print(torch.tensor([a, a * 2]), torch.tensor([torch.tensor(1), torch.tensor(2)]))
c = torch.tensor(b)
c[0] = 100
print(b, c)
print(torch.tensor(torch.tensor([1., 2.]), dtype=torch.int32))
print(torch.Tensor([1, 2]), torch.Tensor(2, 3).shape, torch.Tensor().shape, torch.Tensor([[1], [2]]).dtype)
print(torch.tensor([[torch.tensor(1.), 2.], [3, torch.tensor(4)]]))
