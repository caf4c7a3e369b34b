# Cheat sheet "Move Tensors" without CUDA (glue: seed, show; the cuda lines raise, x_gpu falls back to x).
from cs_glue import show, raises
import torch
torch.manual_seed(0)  # glue

x = torch.randn(2, 3)
with raises():
    x_gpu = x.to('cuda')
with raises():
    x_gpu = x.cuda()
x_gpu = x  # glue: no GPU, so the "GPU" tensor is x itself
x_cpu = x_gpu.to('cpu')
show(x_cpu is x)
x_cpu = x_gpu.cpu()
show(x_cpu is x)

device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')
x = x.to(device)
show(device)
show(x)
