# Math: how nan flows through max/min/amax, clamp, maximum/minimum, sort/topk/argmax, sum/mean/cumsum and comparisons
import torch

x = torch.tensor([1., float('nan'), -2., 5.])
print(x.max(), x.min(), x.amax(), x.argmax(), x.argmin(), x.max(0), x.sort(), x.sort(descending=True).values)
print(x.topk(2), x.sum(), x.mean(), x.cumsum(0), x.cumprod(0), x.prod())
print(torch.clamp(x, 0, 3), torch.maximum(x, torch.zeros(4)), torch.minimum(x, torch.zeros(4)), torch.relu(x), torch.sigmoid(x))
print(x > 0, x == x, torch.where(x > 0, x, torch.zeros(4)), torch.nan_to_num(x), x.isnan().nonzero())
print(torch.unique(torch.tensor([float('nan'), 1., float('nan')])), torch.softmax(x, 0), torch.logsumexp(x, 0))
