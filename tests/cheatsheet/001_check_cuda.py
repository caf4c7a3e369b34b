# Cheat sheet "Check CUDA", on a PyTorch built without CUDA (glue: show/raises, see README.md).
from cs_glue import show, raises
import torch
show(torch.cuda.is_available())
with raises(text=False):
    show(torch.cuda.nccl.version())
show(torch.cuda.device_count())
with raises():
    show(torch.cuda.get_device_name(0))
with raises(text=False):
    show(torch.cuda.set_device(0))
with raises():
    show(torch.cuda.current_device())
