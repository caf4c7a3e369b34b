# Type promotion in in-place ops: result must be castable to self's dtype
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
a = torch.tensor([1, 2, 3])
check(lambda: a.add_(1))
check(lambda: a.add_(1.5))
check(lambda: a.mul_(torch.tensor([0.5, 0.5, 0.5])))
check(lambda: a.div_(2))
f = torch.tensor([1.0, 2.0])
check(lambda: f.add_(torch.tensor([1, 2])))
check(lambda: f.add_(torch.tensor([1.0, 2.0], dtype=torch.float64)))
b = torch.tensor([True, False])
check(lambda: b.add_(1))
check(lambda: b.logical_not_())
i8 = torch.tensor([1, 2], dtype=torch.int8)
check(lambda: i8.add_(torch.tensor([1, 1], dtype=torch.int64)))
check(lambda: i8.add_(300))
h = torch.tensor([1.0], dtype=torch.float16)
check(lambda: h.add_(torch.tensor([1.0], dtype=torch.float64)))
def setitem():
    t = torch.zeros(3, dtype=torch.int64)
    t[0] = 2.7
    t[1:] = torch.tensor([1.9, -1.9])
    return t
check(setitem)
