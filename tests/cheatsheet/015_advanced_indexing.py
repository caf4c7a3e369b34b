# Cheat sheet "Advanced Indexing" (glue: seed, show).
from cs_glue import show
import torch
torch.manual_seed(0)  # glue

x = torch.randn(3, 4)
mask = x > 0
show(x[mask])

x[x > 0] = 0
show(x)  # glue

indices = torch.tensor([0, 2])
show(x[indices])
show(x[[0, 1], [1, 2]])
