# triu / tril with positive and negative diagonal, non-square, batched, int tensors, in-place forms, errors
import torch
# regen-sed: s/^IndexError Dimension out of range (expected to be in range of \[-1, 0\], but got -2)$/RuntimeError triu: input tensor must have at least 2 dimensions/
# regen-sed: s/^IndexError Dimension specified as -2 but tensor has no dimensions$/RuntimeError tril: input tensor must have at least 2 dimensions/


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


m = torch.arange(1, 13).reshape(3, 4)
for k in [0, 1, -1, 2, -2, 5, -5]:
    print(k, torch.triu(m, k), torch.tril(m, diagonal=k))
print(torch.tril(torch.ones(2, 3, 3)), torch.triu(torch.ones(3, 3), 1).bool())
print(m.float().triu(), m.tril(-1).sum(), torch.triu(torch.ones(0, 3)), torch.tril(torch.tensor([[True, True], [True, True]])))
x = torch.ones(3, 3)
x.triu_(1)
y = torch.ones(3, 3)
y.tril_(-1)
print(x + y, torch.ones(4, 4).t().triu(1))
show(lambda: torch.triu(torch.ones(3)))
show(lambda: torch.tril(torch.tensor(1.)))
print(torch.tril_indices(3, 3), torch.triu_indices(3, 4, 1), torch.tril_indices(4, 3, -1), torch.triu_indices(2, 5, offset=-1))
show(lambda: torch.tril_indices(-1, 3))
show(lambda: torch.triu_indices(2, -2))
mask = torch.triu(torch.ones(4, 4), diagonal=1).bool()
print(torch.zeros(4, 4).masked_fill(mask, float('-inf')))
