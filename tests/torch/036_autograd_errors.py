# Autograd rules: in-place on a leaf, version counter, int tensors
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.ones(3, requires_grad=True)
def inplace_leaf():
    x.add_(1)
check(inplace_leaf)
def saved_modified():
    a = torch.ones(3, requires_grad=True)
    b = a.exp()
    c = b * 1
    b.add_(1)
    b.sum().backward()
    return a.grad
check(saved_modified)
def version():
    a = torch.ones(2, requires_grad=True)
    b = a.sigmoid()
    b.mul_(2)
    b.sum().backward()
check(version)
check(lambda: torch.zeros(2, dtype=torch.int64, requires_grad=True))
check(lambda: torch.tensor([1, 2]).float().requires_grad_())
with torch.no_grad():
    x.add_(1)
print(x)
check(lambda: x.numpy())
