# bool() of tensors follows Tensor.__bool__ (and its error for several elements).
import torch

print(bool(torch.tensor([1])), bool(torch.tensor(0.)), bool(torch.tensor([True])))
for t in (torch.tensor([1, 2]), torch.zeros(2, 2), torch.tensor([])):
    try:
        print(bool(t))
    except RuntimeError as e:
        print('RuntimeError:', e)
print(not torch.tensor(0), bool(torch.tensor(-0.5)))
