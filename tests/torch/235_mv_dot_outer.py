# mv / dot / vdot / inner / outer (ger): values, dtypes, scalar results, broadcasting rules and errors
import torch
# regen-sed: s/^RuntimeError size mismatch, got 2, 2x3,4$/RuntimeError size mismatch, got input (2), mat (2x3), vec (4)/


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


m = torch.arange(6.).reshape(2, 3)
v = torch.tensor([1., -1., 2.])
print(torch.mv(m, v), m.mv(v), torch.dot(v, v), v.dot(torch.ones(3)), torch.vdot(v, v), torch.inner(v, v))
print(torch.outer(v, torch.tensor([1., 2.])), torch.ger(torch.tensor([1, 2]), torch.tensor([3, 4])), v.outer(v).shape)
print(torch.dot(torch.tensor([1, 2]), torch.tensor([3, 4])))
print(torch.outer(torch.tensor([1, 2]), torch.tensor([0.5, 1.5])), torch.inner(m, v), torch.inner(m, m))
print(torch.dot(v[::2], v[1:]), torch.mv(m.t(), torch.ones(2)), torch.dot(torch.ones(0), torch.ones(0)))
show(lambda: torch.outer(torch.ones(2, 2), torch.ones(2)))
show(lambda: torch.inner(torch.ones(2, 3), torch.ones(2)))
show(lambda: torch.mv(m, torch.ones(4)))
