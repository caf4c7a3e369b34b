# Creation: torch.linspace steps, dtypes, reversed ranges, one/zero steps, errors
import torch
def check(f):
    try:
        t = f()
        print(t, t.dtype)
    except Exception as e:
        print(type(e).__name__ + ':', e)
check(lambda: torch.linspace(0, 1, 5))
check(lambda: torch.linspace(-1, 1, steps=4))
check(lambda: torch.linspace(10, 0, 6))
check(lambda: torch.linspace(0, 1, 1))
check(lambda: torch.linspace(0, 1, 0))
check(lambda: torch.linspace(0, 10, 11, dtype=torch.int64))
check(lambda: torch.linspace(0, 1, 3, dtype=torch.float64))
check(lambda: torch.linspace(0, 1, 7))
check(lambda: torch.linspace(3, 3, 3))
check(lambda: torch.linspace(0, 1, -1))
