# Indexing: mixed basic and advanced indexing; where the advanced dims land in the result
import torch
x = torch.arange(60).reshape(3, 4, 5)
idx = torch.tensor([0, 2])
print(x[idx, 1:3].shape, x[1:, idx].shape, x[:, :, idx].shape, x[idx, :, idx].shape, x[..., idx].shape)
print(x[idx, 1, idx], x[:, [1, 2], [0, 4]].shape, x[[0, 1], :, [1, 2]].shape)
print(x[None, idx].shape, x[idx, None].shape, x[0, :, idx])
print(x[x[:, 0, 0] > 10].shape, x[1, x[1, :, 0] > 25].shape)
print(x[torch.tensor([[0], [1]]), torch.tensor([1, 2])].shape)
print(x[1, [0, 1], 2:4])
