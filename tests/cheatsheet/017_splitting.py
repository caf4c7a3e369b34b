# Cheat sheet "Splitting" (glue: seed, show).
from cs_glue import show
import torch
torch.manual_seed(0)  # glue

x = torch.randn(6, 4)
chunks = torch.split(x, 2, dim=0)
show(len(chunks))
show(chunks[1])  # glue
chunks = torch.chunk(x, 3, dim=0)
show(len(chunks))
show(chunks[2])  # glue
tensors = x.unbind(dim=0)
show(len(tensors))
show(tensors[5])  # glue
