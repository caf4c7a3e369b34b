# Cheat sheet "Distributed Training" in one process with no launcher environment (glue: show/raises, see README.md).
from cs_glue import show, raises
import torch  # glue
import torch.distributed as dist
show(dist.is_available())
show(dist.is_nccl_available())
show(dist.is_initialized())

with raises():
    dist.init_process_group(backend='nccl')

show(dist.is_initialized())
with raises():
    show(dist.get_rank())
with raises():
    show(dist.get_world_size())
with raises():
    show(dist.get_backend())
