# Cheat sheet "Collective Operations" in one process without CUDA or a process group (glue: show/raises, tensor_list).
from cs_glue import show, raises
import torch  # glue
torch.manual_seed(0)  # glue
import torch.distributed as dist

with raises():
    tensor = torch.randn(2, 3).cuda()
tensor = torch.randn(2, 3)  # glue: CPU fallback
tensor_list = [torch.zeros(2, 3)]  # glue

with raises():
    dist.all_reduce(tensor, op=dist.ReduceOp.SUM)
with raises():
    dist.broadcast(tensor, src=0)
with raises():
    dist.all_gather(tensor_list, tensor)
with raises():
    dist.reduce(tensor, dst=0, op=dist.ReduceOp.SUM)
with raises():
    dist.barrier()
show(tensor)  # glue: unchanged
