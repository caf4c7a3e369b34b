# retain_grad, register_hook (observe and replace), handle.remove, detach_
import torch
x = torch.tensor([1., 2., 3.], requires_grad=True)
y = x * 2
y.retain_grad()
seen = []
h = y.register_hook(lambda g: seen.append(g.clone()))
z = (y * y).sum()
z.backward()
print(y.grad, x.grad, seen, y.retains_grad)
x.grad = None
h2 = x.register_hook(lambda g: g * 10)
(x * 1).sum().backward()
print(x.grad)
h2.remove()
x.grad = None
(x * 1).sum().backward()
print(x.grad)
w = x * 3
w.detach_()
print(w.requires_grad, w.grad_fn, w.is_leaf)
try:
    torch.ones(2).register_hook(lambda g: g)
except RuntimeError as e:
    print("RuntimeError:", e)
