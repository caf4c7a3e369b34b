# Cheat sheet "Gradient", "Disable Gradient" and "Backpropagation" on the CPU.
import torch

torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
print(x)
y = x.detach()
print(y)
print(x.requires_grad_(False))
print(x.requires_grad, y.requires_grad)

x = torch.randn(3, requires_grad=True)
with torch.no_grad():
    y = x + 1
    print(y)
print(y.requires_grad)
with torch.inference_mode():
    y = x * 2
print(y.requires_grad, y)


@torch.no_grad()
def predict(x):
    return x * 3


print(predict(x))

x = torch.randn(3, requires_grad=True)
y = x + 1
z = y * y * 3
z = z.mean()
print(z)
z.backward(retain_graph=True)
print(x.grad)
x.grad.zero_()
z.backward()
print(x.grad)
z2 = ((x + 1) * (x + 1) * 3).mean()
z2.backward()
print(x.grad)
