# Cheat sheet "Slicing" (glue: seed, CPU fallback for device=0, show).
from cs_glue import show, raises
import torch
torch.manual_seed(0)  # glue

with raises():
    x = torch.randn(2, 3, device=0)
x = torch.randn(2, 3)  # glue: CPU fallback
show(x)
show(x[:, 1])
show(x[1, :])
show(x[1, 1].item())

x = torch.triu(torch.ones(5, 5))
show(x[:3, :3])
