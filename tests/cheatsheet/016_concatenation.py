# Cheat sheet "Concatenation" (glue: seed, show).
from cs_glue import show
import torch
torch.manual_seed(0)  # glue

x = torch.randn(2, 3)
y = torch.randn(2, 3)
show(torch.cat([x, y], dim=0).shape)
show(torch.cat([x, y], dim=1).shape)
show(torch.stack([x, y], dim=0).shape)
show(torch.vstack([x, y]).shape)
show(torch.hstack([x, y]).shape)
show(torch.hstack([x, y]))  # glue: the values
