# Indexing: Ellipsis and None in every position, combined with ints and slices
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.arange(24).reshape(2, 3, 4)
print(x[..., 0].shape, x[0, ...].shape, x[..., 1, :].shape, x[...].shape, x[1, ..., 2])
print(x[None].shape, x[:, None].shape, x[..., None].shape, x[None, ..., None].shape, x[0, None, :, None].shape)
print(x[None, 1, None, 2].shape, x[None, 1, None, 2])
print(torch.tensor(5)[None], torch.tensor(5)[...], torch.tensor(5)[None, None].shape)
print(x[1, ..., None, ::2].shape, x[..., None, None].stride())
check(lambda: x[..., ...])
check(lambda: x[0, 0, 0, ...,  0])
check(lambda: x[1.5])
