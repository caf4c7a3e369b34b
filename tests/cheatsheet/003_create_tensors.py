# Cheat sheet "Create Tensors" (glue: seed, print each x; the cuda:0 lines raise without CUDA).
from cs_glue import show, raises
import torch
torch.manual_seed(0)  # glue

x = torch.tensor([0, 1, 2, 3, 4, 5])
show(x)
x = torch.empty(2, 2)
show((x.shape, x.dtype))  # glue: empty()'s values are whatever memory held
x = torch.rand(2, 2)
show(x)
x = torch.randn(2, 2)
show(x)
x = torch.ones(2, 2)
show(x)
x = torch.zeros(2, 2)
show(x)
x = torch.arange(0, 10, 2)
show(x)
x = torch.linspace(0, 1, 5)
show(x)

device = torch.device("cuda:0")
show(device)  # glue
with raises():
    x = torch.tensor([1, 2, 3, 4, 5], device=device)
show(x)
