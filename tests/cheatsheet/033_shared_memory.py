# Cheat sheet "Shared Memory" (glue: seed, show).
from cs_glue import show
import torch
torch.manual_seed(0)  # glue

x = torch.randn(1, 2, 3)
y = x.numpy()
show(x.add_(1))
show(y)
