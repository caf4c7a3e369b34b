# Cheat sheet "Transpose" (glue: seed, CPU fallback for device=0, show). x.T on 3-D is deprecated in PyTorch.
from cs_glue import show, raises
import torch
torch.manual_seed(0)  # glue

with raises():
    x = torch.randn(2, 6, 2, device=0)
x = torch.randn(2, 6, 2)  # glue: CPU fallback
show(x.shape)
y = x.transpose(1, 2)
show(y.shape)
show(x.T.shape)
show(x.permute(2, 0, 1).shape)
show(torch.equal(x.T, x.permute(2, 1, 0)))  # glue: T reverses all dimensions
