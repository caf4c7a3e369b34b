# Backpropagation (cheat sheet) and accumulation
import torch
torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
y = x + 1
z = y * y * 3
z = z.mean()
z.backward()
print(x.grad)
x.grad.zero_()
print(x.grad)
z = (x * x).sum()
z.backward(retain_graph=True)
z.backward()
print(x.grad)
try:
    z.backward()
except RuntimeError as e:
    print("RuntimeError:", e)
w = torch.ones(2, 2, requires_grad=True)
for i in range(3):
    loss = (w * (i + 1)).sum()
    loss.backward()
print(w.grad)
w.grad = None
print(w.grad)
