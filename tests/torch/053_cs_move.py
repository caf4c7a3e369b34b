# Cheat sheet "Move Tensors" on a machine without CUDA: the CPU path and the errors.
import torch

torch.manual_seed(3)
x = torch.randn(2, 3)
for f in (lambda: x.to('cuda'), lambda: x.cuda(), lambda: x.to('cuda:0'),
          lambda: torch.zeros(2, device='cuda'), lambda: torch.randn(2, device=0)):
    try:
        f()
        print('no error')
    except (AssertionError, RuntimeError) as e:
        print(type(e).__name__, e)
x_cpu = x.to('cpu')
print(x_cpu is x)
x_cpu = x.cpu()
print(x_cpu is x)
device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')
print(device)
x = x.to(device)
print(x)
print(x.is_cuda, x.get_device(), x.device)
