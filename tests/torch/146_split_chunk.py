# Splitting: split by size and by list of sizes, chunk (uneven), unbind; views and errors
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.arange(10)
print(x.split(3), torch.split(x, [2, 3, 5]), x.split(10), x.split(20))
m = torch.arange(12).reshape(3, 4)
print(m.split(2, dim=1), m.split([1, 2]), type(m.split(2)).__name__)
print(x.chunk(3), x.chunk(4), torch.chunk(x, 20), m.chunk(2, dim=1))
print(m.unbind(), m.unbind(1), torch.unbind(torch.tensor([1, 2])))
p = x.split(4)[1]
p[0] = 100
print(x)
print(torch.zeros(0).split(2), torch.zeros(0, 3).chunk(2))
check(lambda: x.split([2, 3]))
check(lambda: x.split(0))
check(lambda: x.chunk(0))
check(lambda: x.split(3, dim=1))
check(lambda: torch.tensor(5).unbind())
check(lambda: x.split(-1))
