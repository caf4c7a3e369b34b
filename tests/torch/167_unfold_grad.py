# Shapes: unfold records UnfoldBackward0 and its gradient adds overlapping windows back together
import torch
x = torch.arange(6., requires_grad=True)
u = x.unfold(0, 3, 1)
print(u, type(u.grad_fn).__name__)
u.sum().backward()
print(x.grad)
x.grad = None
(x.unfold(0, 2, 2) * torch.tensor([1., 10.])).sum().backward()
print(x.grad)
m = torch.arange(12., requires_grad=True).reshape(3, 4)
m.retain_grad()
m.unfold(1, 2, 1).sum().backward()
print(m.grad)
