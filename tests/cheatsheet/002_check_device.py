# Cheat sheet "Check Device", on a PyTorch built without CUDA (glue: show/raises, see README.md).
from cs_glue import show, raises
import torch
tensor = torch.tensor([0, 1, 2, 3, 4, 5])
show(tensor.device)
with raises():
    tensor = tensor.to('cuda')
show(tensor.device)
