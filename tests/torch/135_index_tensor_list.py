# Indexing: integer tensors and lists (advanced indexing copies), negative indices, multi-dim index tensors
# regen-sed: s/must be long, byte or bool tensors/must be long, int, byte or bool tensors/
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.arange(12).reshape(3, 4) * 10
print(x[[0, 2]], x[torch.tensor([2, 0, 2])], x[[-1]], x[torch.tensor([[0, 1], [2, 2]])].shape)
print(x[[0, 1], [1, 3]], x[torch.tensor([0, 2]), torch.tensor([3, 0])], x[[0, 2], -1])
print(x[torch.tensor(1)], x[torch.tensor([1])].shape, x[[True, False, True]] if False else 'skip')
c = x[[0, 1]]
c[0, 0] = 999
print(x[0, 0])
print(x[:, [3, 0]], x[1:, [0, 0, 1]], x[[[0], [2]], [1, 3]])
print(x[torch.tensor([], dtype=torch.int64)].shape, x[[]].shape)
check(lambda: x[[0, 3]])
check(lambda: x[torch.tensor([-4])])
check(lambda: x[[0, 1], [0, 1, 2]])
check(lambda: x[torch.tensor([0.0, 1.0])])
check(lambda: x[:, [4]])
