# Gradient (cheat sheet): requires_grad, detach, requires_grad_
import torch
# 2.x raises AutogradMeta's message for requires_grad_() on an int tensor (1.13: "only Tensors of floating point dtype ...")
# regen-sed: s/^RuntimeError: only Tensors of floating point dtype can require gradients$/RuntimeError: Only Tensors of floating point and complex dtype can require gradients/
torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
print(x)
y = x.detach()
print(y)
print(x.requires_grad_(False))
print(x.requires_grad, y.requires_grad, x.is_leaf)
z = torch.ones(2, requires_grad=True)
w = z * 2
print(w, w.is_leaf, w.requires_grad, z.is_leaf)
print(w.detach().requires_grad, w.detach().is_leaf)
try:
    torch.tensor([1, 2]).requires_grad_()
except RuntimeError as e:
    print("RuntimeError:", e)
