# Cheat sheet "Tensor Properties" (glue: seed, show).
from cs_glue import show
import torch
torch.manual_seed(0)  # glue

x = torch.randn(2, 3, 4)
show(x.shape)
show(x.size())
show(x.dtype)
show(x.device)
show(x.numel())
