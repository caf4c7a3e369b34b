# Indexing: masked_select, masked_fill(_) with broadcasting masks, scalar and 0-dim values, errors
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.arange(6.).reshape(2, 3)
m = x > 2
print(x.masked_select(m), torch.masked_select(x, torch.tensor([True, False, True])))
print(x.masked_fill(m, -1), x.masked_fill(torch.tensor([[True], [False]]), 0.5))
print(x.masked_fill(m, torch.tensor(9.)), torch.masked_fill(x, ~m, 100))
y = torch.zeros(2, 3, dtype=torch.int64)
y.masked_fill_(torch.tensor([False, True, False]), 4)
print(y, y.masked_fill(y > 0, 2.7))
print(x)
check(lambda: x.masked_fill(torch.tensor([True, False]), 0.))
check(lambda: x.masked_fill(m, torch.tensor([1., 2.])))
check(lambda: x.masked_select(torch.tensor([True, False])))
