# Indexing: nested lists, tuples of index tensors with broadcasting, 0-dim index tensors, index tensors on non-contiguous inputs
import torch
x = torch.arange(24).reshape(2, 3, 4)
print(x[[[0, 1], [1, 0]]].shape, x[[0, 1], [[0], [2]]].shape, x[(torch.tensor([1]), torch.tensor([[0, 1, 2]]))].shape)
print(x[torch.tensor(1), 1:], x[torch.tensor(0), torch.tensor(2), torch.tensor(3)], x[1, torch.tensor([0, 2])].shape)
t = x.transpose(0, 2)
print(t[[0, 3], 1], t[t > 20], t[:, [2]].shape)
print(x[..., [0, -1]].shape, x[:, [True, False, True]].shape, x[0][[2, 1, 0]])
print(x[torch.tensor([[True, False, True, False]] * 3).unsqueeze(0).expand(2, 3, 4)])
print(x[1, 1:3][[1, 0]], x.view(-1)[torch.tensor([[5, 6], [7, 8]])])
