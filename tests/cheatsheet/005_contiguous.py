# Cheat sheet "Contiguous Tensors" (glue: seed, show).
from cs_glue import show
import torch
torch.manual_seed(0)  # glue

x = torch.randn(2, 3)
show(x.is_contiguous())
y = x.transpose(0, 1)
show(y.is_contiguous())
z = y.contiguous()
show(z.is_contiguous())
show(torch.equal(y, z))  # glue: same values
