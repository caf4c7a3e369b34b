# Properties: shape, size(), size(dim), dim/ndim, numel, len, dtype, device, is_leaf, requires_grad
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
for t in [torch.tensor(3.0), torch.zeros(5), torch.zeros(2, 3), torch.zeros(2, 0, 4), torch.zeros(1, 1, 1, 1, 1, 1, 1, 1)]:
    print(t.shape, t.size(), t.dim(), t.ndim, t.ndimension(), t.numel(), torch.numel(t), t.nelement())
t = torch.zeros(2, 3, 4)
print(t.size(0), t.size(-1), t.size(dim=1), t.shape[1], len(t))
print(t.dtype, t.device, t.is_leaf, t.requires_grad, t.grad, t.grad_fn, t.is_cuda)
check(lambda: t.size(3))
check(lambda: t.size(-4))
check(lambda: torch.tensor(1.0).size(0))
check(lambda: len(torch.tensor(1.0)))
check(lambda: t.shape[3])
