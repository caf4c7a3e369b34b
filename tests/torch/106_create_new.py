# Creation: Tensor.new_zeros/new_ones/new_full/new_empty/new_tensor keep dtype unless overridden
# regen-sed: s/tuple of SymInts/tuple of ints/
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
a = torch.tensor([1, 2], dtype=torch.int32)
f = torch.tensor([1.0], dtype=torch.float64)
print(a.new_zeros(3), a.new_ones((2, 2)))
print(f.new_zeros(2, 2), f.new_ones(1))
print(a.new_full((2,), 5), f.new_full((2,), 0.5))
print(a.new_tensor([7, 8]), f.new_tensor([1, 2]))
print(a.new_tensor([1.5]), a.new_tensor([1, 2], dtype=torch.float32))
print(a.new_zeros(2, dtype=torch.bool))
print(a.new_empty(2, 3).shape, a.new_empty(2, 3).dtype)
print(f.new_ones(2, requires_grad=True))
check(lambda: a.new_zeros(-1))
check(lambda: a.new_full(2, 5))
