# TypeErrors for bad arguments
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.ones(2, 2)
check(lambda: x + 'a')
check(lambda: x * [1, 2])
check(lambda: torch.add(1, 2))
check(lambda: torch.matmul(x, 3))
check(lambda: len(x.T))
