# einsum: repeated indices (trace, diagonal), ellipsis broadcasting, implicit output ordering, and error messages
import torch


def show(f):
    try:
        r = f()
        print(r.shape, r)
    except Exception as e:
        print(type(e).__name__, e)


m = torch.arange(9.).reshape(3, 3)
print(torch.einsum('ii', m), torch.einsum('ii->i', m), torch.einsum('ii->', m), torch.einsum('iji->j', torch.arange(27.).reshape(3, 3, 3)))
t = torch.arange(24.).reshape(2, 3, 4)
print(torch.einsum('...ij->...ji', t).shape, torch.einsum('b...,b...->b', t, t), torch.einsum('...j,j->...', t, torch.ones(4)))
print(torch.einsum('i...->...', t).shape, torch.einsum('...', t).shape, torch.einsum('ij...,jk->ik...', torch.ones(2, 3, 5), torch.ones(3, 4)).shape)
print(torch.einsum('ba', torch.ones(2, 3)).shape, torch.einsum('ij,jk', torch.ones(2, 3), torch.ones(3, 4)).shape, torch.einsum('ji,jk', torch.ones(3, 2), torch.ones(3, 4)).shape)
print(torch.einsum('i,i', torch.tensor([1., 2.]), torch.tensor([3., 4.])), torch.einsum('ij,ij', m, m), torch.einsum('kj,ji', torch.ones(2, 3), torch.ones(3, 4)).shape)
print(torch.einsum('...ii->...i', torch.arange(8.).reshape(2, 2, 2)), torch.einsum('i,j', torch.ones(2), torch.ones(3)).shape)
show(lambda: torch.einsum('ij,jk->ik', torch.ones(2, 3), torch.ones(4, 5)))
show(lambda: torch.einsum('ij->ik', torch.ones(2, 3)))
show(lambda: torch.einsum('ijk', torch.ones(2, 3)))
show(lambda: torch.einsum('ij,jk->ik', torch.ones(2, 3)))
show(lambda: torch.einsum('ij->ii', torch.ones(2, 3)))
show(lambda: torch.einsum('i1', torch.ones(2, 3)))
show(lambda: torch.einsum('ii', torch.ones(2, 3)))
