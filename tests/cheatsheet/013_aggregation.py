# Cheat sheet "Aggregation" (glue: seed, show).
from cs_glue import show
import torch
torch.manual_seed(0)  # glue

x = torch.randn(2, 3, 4)
show(x.sum())
show(x.sum(dim=0).shape)
show(x.sum(dim=-1).shape)
show(x.mean())
show(x.std())
show(x.max())
show(x.min())
show(x.argmax())
show(x.argmin())

show(x.max(dim=1))
