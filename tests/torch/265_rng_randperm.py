# Random: randperm for several n, dtypes, generator, n = 0 and 1, and errors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


torch.manual_seed(0)
print(torch.randperm(10), torch.randperm(1), torch.randperm(0), torch.randperm(5, dtype=torch.int32), torch.randperm(4, dtype=torch.float64))
print(torch.randperm(100).tolist())
print(torch.randperm(1000).sum(), torch.randperm(7, generator=torch.Generator().manual_seed(3)))
show(lambda: torch.randperm(-1))
show(lambda: torch.randperm(300, dtype=torch.int8))
