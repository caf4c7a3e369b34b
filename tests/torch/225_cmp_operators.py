# Comparisons: == != < <= > >= and eq/ne/lt/le/gt/ge (+ aliases) on tensors, scalars, broadcasting and mixed dtypes
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


a = torch.tensor([[1, 2, 3], [4, 5, 6]])
b = torch.tensor([3, 2, 1])
print(a == b, a != b, a < b, a <= b, a > b, a >= b)
print(a.eq(2), a.ne(2.5), torch.lt(a, 3.5), a.le(torch.tensor(2)), torch.gt(a, 4), torch.ge(a, True))
print(torch.greater(a, b), torch.less(a, b), torch.greater_equal(a, 5), torch.less_equal(a, 1), torch.not_equal(a, b))
print(torch.tensor([1.5, 2.0]) == torch.tensor([1.5, 2]), torch.tensor([0.1 + 0.2]) == 0.3, torch.tensor([0.1 + 0.2], dtype=torch.float64) == 0.3)
print(torch.tensor([True, False]) == 1, torch.tensor([255], dtype=torch.uint8) == -1, torch.tensor([-1], dtype=torch.int8) < 200)
print((a > 2).dtype, (a > 2).sum(), (a == b).any(), a[a > 2])
c = a.float()
c.gt_(3)
print(c, torch.tensor([1, 5]).lt_(3), torch.tensor([1., 5.]).eq_(torch.tensor([1., 0.])))
show(lambda: a == torch.ones(3, 2))
print(a == 'x', a != None, (a == None) is False)
