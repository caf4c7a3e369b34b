# Random: randint with low/high, size forms, dtypes, large ranges, randint_like, generator, and argument errors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


torch.manual_seed(0)
print(torch.randint(0, 10, (3,)), torch.randint(10, (2, 4)), torch.randint(-5, 5, size=(6,)), torch.randint(3, 4, (2,)))
print(torch.randint(0, 2 ** 20, (3,)), torch.randint(-2 ** 40, 2 ** 40, (2,)), torch.randint(2 ** 32, 2 ** 33, (2,)))
print(torch.randint(0, 5, (4,), dtype=torch.int32), torch.randint(0, 200, (3,), dtype=torch.uint8))
print(torch.randint(0, 10, (3,), dtype=torch.float32), torch.randint_like(torch.zeros(2, 2), 7), torch.randint_like(torch.zeros(3), 2, 5))
print(torch.randint(0, 10, (3,), generator=torch.Generator().manual_seed(8)), torch.randint(5, ()).shape)
show(lambda: torch.randint(5, 5, (2,)))
show(lambda: torch.randint(5, 2, (2,)))
show(lambda: torch.randint(-1, 5, (2,), dtype=torch.uint8))
show(lambda: torch.randint(0, 300, (2,), dtype=torch.uint8))
