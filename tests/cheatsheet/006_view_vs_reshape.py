# Cheat sheet "View vs Reshape" (glue: seed, show, the view error caught).
from cs_glue import show, raises
import torch
torch.manual_seed(0)  # glue

x = torch.randn(2, 3, 4)
show(x.is_contiguous())
show(x.view(2, 12).shape)

y = x.transpose(0, 1)
show(y.is_contiguous())
with raises():
    show(y.view(3, 8))

show(y.reshape(3, 8).shape)
show(y.contiguous().view(3, 8).shape)
show(y.reshape(3, 8))  # glue: the values
