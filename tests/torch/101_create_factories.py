# Creation: zeros/ones/full/empty with sizes as varargs, tuples, lists, torch.Size, dtype and requires_grad
# regen-sed: s/tuple of SymInts/tuple of ints/
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
print(torch.zeros(2, 3))
print(torch.zeros((2, 3)), torch.zeros([3]))
print(torch.zeros(torch.Size([1, 2])))
print(torch.zeros(()), torch.zeros([]))
print(torch.zeros(0), torch.zeros(2, 0, 3))
print(torch.ones(3, dtype=torch.int32), torch.ones(2, dtype=torch.bool))
print(torch.ones(2, 2, dtype=torch.float64, requires_grad=True))
print(torch.zeros(size=(2,)))
print(torch.full((2, 2), 7))
print(torch.full((2, 2), 7.5))
print(torch.full((3,), True))
print(torch.full((2,), 3, dtype=torch.float16))
print(torch.full([], 2.0))
e = torch.empty(3, 4)
print(e.shape, e.dtype, e.device)
e = torch.empty((2, 2), dtype=torch.int8)
print(e.shape, e.dtype)
check(lambda: torch.zeros(-1))
check(lambda: torch.ones(2, -3))
check(lambda: torch.zeros(2.5))
check(lambda: torch.zeros('a'))
check(lambda: torch.full((2,), 1.5, dtype=torch.int64))
check(lambda: torch.full((2,), 300, dtype=torch.uint8))
check(lambda: torch.empty(2, 3, dtype=torch.float32, requires_grad=True).shape)
check(lambda: torch.zeros(2, dtype=torch.int64, requires_grad=True))
