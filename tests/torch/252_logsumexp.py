# logsumexp over dims (int, tuple, keepdim), stability with large values, -inf rows, int input, float64
import torch

x = torch.tensor([[1., 2., 3.], [1000., 1000., -1000.], [-float('inf'), -float('inf'), -float('inf')]])
print(torch.logsumexp(x, 1), x.logsumexp(0), x.logsumexp(dim=(0, 1)), torch.logsumexp(x, -1, keepdim=True))
print(x.double().logsumexp(1), torch.logsumexp(torch.tensor([float('inf'), 1.]), 0), torch.logsumexp(torch.tensor([float('nan'), 1.]), 0))
print(torch.logsumexp(torch.tensor([1, 2, 3]), 0), torch.logsumexp(torch.ones(0), 0), torch.logsumexp(torch.tensor(2.), 0))
try:
    x.logsumexp(3)
except IndexError as e:
    print(type(e).__name__, e)
