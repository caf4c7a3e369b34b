# Logical: logical_and / or / xor / not on bool, int and float tensors, out dtypes, in-place forms and errors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


p = torch.tensor([True, True, False, False])
q = torch.tensor([True, False, True, False])
print(torch.logical_and(p, q), torch.logical_or(p, q), torch.logical_xor(p, q), torch.logical_not(p))
i = torch.tensor([0, 1, 2, -3])
f = torch.tensor([0., 0.5, float('nan'), -0.])
print(torch.logical_and(i, f), torch.logical_or(i, f), torch.logical_xor(i, f), torch.logical_not(f), torch.logical_not(i))
print(p.logical_and(i), torch.logical_not(torch.tensor([[0], [7]])), torch.logical_or(torch.tensor([[True], [False]]), q))
r = torch.tensor([1., 0., 2.])
print(r.logical_not_(), r.dtype, p.clone().logical_and_(q), p.clone().logical_or_(q), p.clone().logical_xor_(q))
show(lambda: torch.logical_and(p, torch.ones(3)))
show(lambda: torch.logical_and(p, True))
print(p & q, p | q, p ^ q, ~p, not torch.tensor(False))
