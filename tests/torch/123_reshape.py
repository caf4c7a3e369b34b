# Shapes: reshape returns a view when it can, a copy otherwise; reshape_as; errors
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.arange(6.)
r = x.reshape(2, 3)
r[0, 0] = -1
print(x[0], r.shape, r.reshape(-1).shape, x.reshape((3, -1)).shape, torch.reshape(x, (6, 1)).shape)
t = r.t()
c = t.reshape(6)
c[0] = 99
print(c, r[0, 0])
print(t.reshape(3, 2).data_ptr() == t.data_ptr(), t.reshape(2, 3).is_contiguous())
print(x.reshape_as(torch.zeros(3, 2)).shape, torch.tensor(7).reshape(1, 1))
g = torch.arange(4., requires_grad=True)
print(g.reshape(2, 2).grad_fn.__class__.__name__ in ('ViewBackward0', 'ReshapeAliasBackward0'))
print(g.reshape(2, 2).t().reshape(4).grad_fn.__class__.__name__)
check(lambda: x.reshape(4, 2))
check(lambda: x.reshape(-1, -1))
check(lambda: x.reshape(4, -1))
