# backward(gradient=...), non-scalar errors, autograd.grad, autograd.backward
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.tensor([1., 2., 3.], requires_grad=True)
y = x * x
check(lambda: y.backward())
y.backward(gradient=torch.tensor([1., 0.1, 0.01]))
print(x.grad)
check(lambda: torch.tensor([1., 2.]).sum().backward())
a = torch.tensor(2.0, requires_grad=True)
b = a ** 3
g, = torch.autograd.grad(b, a)
print(g, a.grad)
c = torch.tensor([1., 2.], requires_grad=True)
d = torch.tensor([3., 4.], requires_grad=True)
out = (c * d).sum()
print(torch.autograd.grad(out, [c, d]))
e = (c ** 2).sum()
torch.autograd.backward(e)
print(c.grad)
torch.autograd.backward([(d * 2).sum()], [torch.tensor(0.5)])
print(d.grad)
check(lambda: torch.autograd.grad((c * 2).sum(), [c, d]))
print(torch.autograd.grad((c * 2).sum(), [c, d], allow_unused=True))
