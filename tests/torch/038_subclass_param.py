# Tensor subclasses through torch.Tensor._make_subclass (how nn.Parameter is built)
import torch
class Parameter(torch.Tensor):
    def __new__(cls, data=None, requires_grad=True):
        if data is None:
            data = torch.empty(0)
        return torch.Tensor._make_subclass(cls, data, requires_grad)
p = Parameter(torch.tensor([1., 2.]))
print(isinstance(p, torch.Tensor), type(p).__name__, p.requires_grad, p.is_leaf)
loss = (p * p).sum()
loss.backward()
print(p.grad)
q = Parameter(torch.ones(2, 2), requires_grad=False)
print(q.requires_grad, q.shape)
p.tag = 'weight'
print(p.tag)
with torch.no_grad():
    p -= 0.1 * p.grad
print(p.data.tolist())
p.data = torch.zeros(3)
print(p.data.tolist(), p.shape)
