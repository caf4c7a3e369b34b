# Comparisons and logical ops
import torch
a = torch.tensor([1, 2, 3])
b = torch.tensor([3, 2, 1])
print(a == b, a != b, a < b, a <= b, a > b, a >= b)
print(a == 2, 2 < a, a.eq(b), a.gt(1), torch.lt(a, b), a.ne(2), a.ge(b), a.le(b))
print(torch.logical_and(a > 1, b > 1), torch.logical_or(a > 2, b > 2), torch.logical_not(a > 1), torch.logical_xor(a > 1, b > 1))
print(torch.equal(a, b), torch.equal(a, a.clone()), torch.allclose(a.float(), a.float() + 1e-9))
print(torch.isclose(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.1])))
print((a > 1).any(), (a > 1).all(), (a > 0).all())
print(a == None, a != None)
print(torch.tensor([1.5]) == torch.tensor([1.5, 2.0]))
