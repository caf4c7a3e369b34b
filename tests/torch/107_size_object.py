# torch.Size: construction, indexing, slicing, arithmetic with tuples, numel, equality, errors
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
s = torch.zeros(2, 3, 4).shape
print(s, repr(s), str(s), type(s).__name__)
print(s[0], s[-1], s[1:], type(s[1:]).__name__)
print(len(s), s.numel(), list(s), tuple(s))
print(s == (2, 3, 4), s == torch.Size([2, 3, 4]), s == [2, 3, 4])
print(torch.Size(), torch.Size([]), torch.Size([5]), torch.Size((1, 2)))
print(s + (5,), type(s + (5,)).__name__)
print(isinstance(s, tuple))
a, b, c = s
print(a, b, c)
print(torch.Size([2, 3]).numel(), torch.Size([]).numel(), torch.Size([0, 4]).numel())
print(torch.zeros(s).shape)
print(3 in s, 5 in s, s.index(4), s.count(2))
print(hash(torch.Size([1, 2])) == hash((1, 2)))
check(lambda: s[3])
check(lambda: torch.Size([1.5]))
check(lambda: torch.Size(['a']))
check(lambda: torch.Size(3))
