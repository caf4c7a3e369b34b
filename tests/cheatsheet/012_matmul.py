# Cheat sheet "Matrix Multiplication" (glue: seed, CPU fallback for device=0, show; bmm wants 3-D).
from cs_glue import show, raises
import torch
torch.manual_seed(0)  # glue

with raises():
    x = torch.randn(1, 2, 3, 4, device=0)
x = torch.randn(1, 2, 3, 4)  # glue: CPU fallback
show(x @ x.transpose(2, 3))

with raises():
    show(torch.bmm(x, x.transpose(2, 3)))
show(torch.einsum('bijk,bikl->bijl', x, x.transpose(2, 3)))
show(torch.bmm(x[0], x[0].transpose(1, 2)))  # glue: bmm on the 3-D batch
