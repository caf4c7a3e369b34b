# Cheat sheet "Reshape Tensors" (glue: seed; each expression's value is shown).
from cs_glue import show
import torch
torch.manual_seed(0)  # glue

x = torch.randn(2, 3, 4)
show(x.reshape(6, 4))
show(x.flatten())
show(x.squeeze())
show(x.unsqueeze(0))
show(torch.ones(1, 3, 1).squeeze().shape)  # glue: a squeeze that removes dimensions
