# Cheat sheet "Backpropagation" (glue: seed, show; the second backward needs retain_graph, as in PyTorch).
from cs_glue import show, raises
import torch
torch.manual_seed(0)  # glue

x = torch.randn(3, requires_grad=True)
y = x + 1
z = y * y * 3
z = z.mean()
z.backward()
show(x.grad)

show(x.grad.zero_())
with raises():
    z.backward()
show(x.grad)  # glue
