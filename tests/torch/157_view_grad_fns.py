# Shapes and indexing record PyTorch's grad_fn names; the backward of views scatters back into the base
# regen-sed: s/'ReshapeAliasBackward0'/'ViewBackward0'/
import torch
x = torch.arange(6., requires_grad=True)
m = x.view(2, 3)
ops = [m.t(), m.transpose(0, 1), m.permute(1, 0), m.unsqueeze(0), m.unsqueeze(0).squeeze(0), m.unsqueeze(1).squeeze(),
       m[:, :1].expand(2, 4), m[0], m[:, 1], m[0:1], m[[0, 1]], m[m > 2], m.clone(), m.t().contiguous(),
       m.narrow(1, 0, 2), m.select(0, 1), m.flatten(), m.t().reshape(6)]
print([type(o.grad_fn).__name__ for o in ops])
print(type(m.grad_fn).__name__, m.is_leaf, x.is_leaf)
(m.t()[1] * torch.tensor([1., 10.])).sum().backward()
print(x.grad)
x.grad = None
m.expand(4, 2, 3).sum().backward()
print(x.grad)
x.grad = None
torch.cat([m[0], m[1, :1]]).sum().backward()
print(x.grad)
parts = x.split(2)
print([type(p.grad_fn).__name__ for p in parts], type(torch.stack([x, x]).grad_fn).__name__, type(torch.cat([x, x]).grad_fn).__name__)
