# Creation: torch.tensor from nested lists and scalars, dtype inference, dtype= and requires_grad=
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
for v in [3, 2.5, True, [1, 2], [1.0, 2], [True, False], [[1, 2], [3, 4]], [True, 2], [True, 2.5],
          [[[1]], [[2]]], [], [[]], [[], []]]:
    t = torch.tensor(v)
    print(repr(v), '->', t, t.dtype, tuple(t.shape))
for dt in [torch.float64, torch.float16, torch.bfloat16, torch.int32, torch.int16, torch.int8, torch.uint8, torch.bool]:
    print(torch.tensor([[0, 1], [2, 3]], dtype=dt))
print(torch.tensor([1.7, -2.7], dtype=torch.int64))
print(torch.tensor([0.0, 0.5, 2.0], dtype=torch.bool))
t = torch.tensor([1.0, 2.0], requires_grad=True)
print(t, t.requires_grad, t.is_leaf)
t = torch.tensor(5.0, requires_grad=True, dtype=torch.float64)
print(t)
print(torch.tensor((1, 2, 3)), torch.tensor([(1, 2), (3, 4)]))
print(torch.tensor([torch.tensor(1.5), 2.0]) if False else 'skip')
check(lambda: torch.tensor([[1, 2], [3]]))
check(lambda: torch.tensor([1, 2], requires_grad=True))
check(lambda: torch.tensor([1, 'a']))
check(lambda: torch.tensor(None))
