# Cheat sheet "Gradient" (glue: seed, CPU fallback for device=0, show).
from cs_glue import show, raises
import torch
torch.manual_seed(0)  # glue

with raises():
    x = torch.randn(3, requires_grad=True, device=0)
x = torch.randn(3, requires_grad=True)  # glue: CPU fallback
show(x)

y = x.detach()
show(y)

show(x.requires_grad_(False))
show((x.requires_grad, y.requires_grad))  # glue
