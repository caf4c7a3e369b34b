# Gradients passed to backward()/autograd.grad take the output's dtype (PyTorch's validate_outputs).
import torch
import torch.nn.functional as F
x = torch.randn(4, 3, dtype=torch.float64, requires_grad=True)
y = F.mse_loss(x, torch.zeros(4, 3, dtype=torch.float64), reduction='none')
y.backward(torch.ones(4, 3, dtype=torch.float32))
print(x.grad.dtype, torch.allclose(x.grad, 2 * x.detach()))
z = (x * 2).sum()
z.backward(torch.tensor(3.0, dtype=torch.float32))
print(x.grad.dtype)
w = torch.randn(3, requires_grad=True)
(w * 1).backward(torch.ones(3, dtype=torch.float64))
print(w.grad.dtype, w.grad)
g = torch.autograd.grad((w * 2).sum(), w, grad_outputs=torch.tensor(1, dtype=torch.float64))
print(g[0].dtype)
