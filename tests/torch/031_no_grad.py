# Disable Gradient (cheat sheet): no_grad, inference_mode, enable_grad, set_grad_enabled, decorators
import torch
torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
with torch.no_grad():
    y = x + 1
    print(y)
    print(torch.is_grad_enabled())
print(torch.is_grad_enabled(), y.requires_grad)
with torch.inference_mode():
    y = x * 2
print(y.requires_grad)
@torch.no_grad()
def predict(x):
    return x * 3
print(predict(x))
with torch.no_grad():
    with torch.enable_grad():
        print((x * 2).requires_grad)
    print((x * 2).requires_grad)
with torch.set_grad_enabled(False):
    print((x * 2).requires_grad)
print(torch.is_grad_enabled())
torch.set_grad_enabled(False)
print(torch.is_grad_enabled(), (x * 2).requires_grad)
torch.set_grad_enabled(True)
print(torch.is_grad_enabled())
@torch.enable_grad()
def g(x):
    return x * 5
with torch.no_grad():
    print(g(x).requires_grad)
