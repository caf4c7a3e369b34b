# matmul family under autograd: grad_fn names per case (dot, mv, mm, bmm, batched, einsum) and gradients of a small product
import torch

a = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
v = torch.tensor([1., -1.], requires_grad=True)
b3 = torch.ones(3, 2, 2, requires_grad=True)
for r in [v @ v, a @ v, a @ a, b3 @ a, torch.bmm(b3, b3), torch.mm(a, a.t()), torch.mv(a, v), torch.dot(v, v), torch.outer(v, v)]:
    print(type(r.grad_fn).__name__, r.shape)
y = (a @ a @ v).sum()
y.backward()
print(a.grad, v.grad)
w = torch.tensor([[0.5, -1.]], requires_grad=True)
(torch.einsum('ij,jk->ik', w, a) ** 2).sum().backward()
print(w.grad, type(torch.einsum('ij,jk->ik', w, a).grad_fn).__name__)
print(type(torch.triu(a).grad_fn).__name__, type(torch.tril(a, -1).sum().grad_fn).__name__, (v @ a).shape)
