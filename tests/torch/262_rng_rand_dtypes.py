# Random: rand / rand_like over float32 / float64 / float16 / bfloat16, shapes, requires_grad, and integer-dtype errors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


torch.manual_seed(42)
print(torch.rand(5).tolist())
print(torch.rand(2, 3, dtype=torch.float64).tolist())
print(torch.rand(4, dtype=torch.float16), torch.rand(4, dtype=torch.bfloat16))
print(torch.rand((2, 2)), torch.rand([3]), torch.rand(0).shape, torch.rand(()).shape, torch.rand(2, requires_grad=True))
print(torch.rand_like(torch.ones(2, 2, dtype=torch.float64)), torch.rand(size=(2,)))
show(lambda: torch.rand(3, dtype=torch.int64))
show(lambda: torch.rand_like(torch.ones(2, dtype=torch.int32)))
show(lambda: torch.rand(-1))
