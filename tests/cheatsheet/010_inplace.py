# Cheat sheet "In-place Operations" (glue: seed, CPU fallback for device=0, y shown after each op).
from cs_glue import show, raises
import torch
torch.manual_seed(0)  # glue

with raises():
    x = torch.rand(2, 2, device=0)
with raises():
    y = torch.rand(2, 2, device=0)
x = torch.rand(2, 2)  # glue: CPU fallback
y = torch.rand(2, 2)  # glue: CPU fallback
show(y.add_(x))
show(y.sub_(x))
show(y.mul_(x))
show(y.div_(x))
show(y.zero_())
show(y.fill_(5))
show(y)  # glue: the same tensor was changed in place
