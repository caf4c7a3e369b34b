# Creation: torch.arange dtype inference, steps, negative steps, float steps and errors
import torch
def check(f):
    try:
        t = f()
        print(t, t.dtype)
    except Exception as e:
        print(type(e).__name__ + ':', e)
check(lambda: torch.arange(5))
check(lambda: torch.arange(2, 7))
check(lambda: torch.arange(1, 10, 3))
check(lambda: torch.arange(10, 0, -2))
check(lambda: torch.arange(5.0))
check(lambda: torch.arange(0, 1, 0.25))
check(lambda: torch.arange(1, 2.5, 0.5))
check(lambda: torch.arange(0, 5, dtype=torch.float64))
check(lambda: torch.arange(0, 5, 2, dtype=torch.int32))
check(lambda: torch.arange(-3, 3))
check(lambda: torch.arange(0))
check(lambda: torch.arange(3, 3))
check(lambda: torch.arange(0.0, 1.0, 0.1))
check(lambda: torch.arange(start=1, end=4))
check(lambda: torch.arange(4, requires_grad=True, dtype=torch.float32))
check(lambda: torch.arange(0, 10, 0))
check(lambda: torch.arange(0, 10, -1))
check(lambda: torch.arange(10, 0))
check(lambda: torch.arange(0, 4, dtype=torch.bool))
check(lambda: torch.arange(float('inf')))
check(lambda: torch.arange(float('nan')))
