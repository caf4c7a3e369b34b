# Cheat sheet "Arithmetic" (glue: seed, show; device=0 raises without CUDA, so x, y are made on the CPU).
from cs_glue import show, raises
import torch
torch.manual_seed(0)  # glue

with raises():
    x = torch.rand(2, 2, device=0)
with raises():
    y = torch.rand(2, 2, device=0)
x = torch.rand(2, 2)  # glue: CPU fallback
y = torch.rand(2, 2)  # glue: CPU fallback
show(x)
show(y)

show(x + y)
show(torch.add(x, y))
show(x - y)
show(x * y)
show(x / y)
show(x ** 2)
show(x @ y)
show(torch.matmul(x, y))
