# The "Distributed Training", "DistributedDataParallel" and "Collective Operations" lines on a real one-process gloo group (glue: env:// variables, show/raises).
from cs_glue import show, raises
import os  # glue
import torch  # glue
import torch.distributed as dist
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP
torch.manual_seed(0)  # glue

for var, value in (('RANK', '0'), ('WORLD_SIZE', '1'), ('MASTER_ADDR', '127.0.0.1'), ('MASTER_PORT', '29517')):
    with raises():  # glue: env:// wants each variable in turn
        dist.init_process_group(backend='gloo')
    os.environ[var] = value
with raises():
    dist.init_process_group(backend='nccl')
with raises():
    dist.init_process_group(backend='foo')
with raises():
    dist.destroy_process_group()
show(dist.is_initialized())
dist.init_process_group(backend='gloo')  # glue: the cheat sheet's line with the CPU backend
with raises():
    dist.init_process_group(backend='gloo')
show(dist.is_initialized())
show(dist.get_rank())
show(dist.get_world_size())
show(dist.get_backend())
show((dist.Backend.GLOO, dist.Backend('NCCL'), dist.ReduceOp.SUM == dist.ReduceOp.SUM, dist.ReduceOp.SUM == dist.ReduceOp.MAX))

tensor = torch.randn(2, 3)
tensor_list = [torch.zeros(2, 3)]  # glue
show(dist.all_reduce(tensor, op=dist.ReduceOp.SUM))
show(dist.broadcast(tensor, src=0))
show(dist.all_gather(tensor_list, tensor))
show(dist.reduce(tensor, dst=0, op=dist.ReduceOp.SUM))
show(dist.barrier())
show(tensor)  # glue: the one-process results
show(tensor_list)
work = dist.all_reduce(tensor, op=dist.ReduceOp.MAX, async_op=True)  # glue: errors and async
show((work.wait(), work.is_completed()))
for f in (lambda: dist.all_reduce(tensor, op=dist.ReduceOp.AVG), lambda: dist.all_reduce([tensor]),
          lambda: dist.broadcast(tensor, src=1), lambda: dist.reduce(tensor, dst=1),
          lambda: dist.all_gather([tensor, tensor], tensor), lambda: dist.all_gather(tensor, tensor)):
    with raises():
        f()


class Net(nn.Module):  # glue: a small Net
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(3, 2)

    def forward(self, x):
        return self.fc1(x)


device = torch.device('cpu')  # glue
model = Net().to(device)
model = DDP(model)  # glue: device_ids=[local_rank] is for one GPU per process
show(model)
show(list(model.state_dict()))
show((model.device_ids, model.output_device, isinstance(model, nn.Module)))
criterion = nn.MSELoss()  # glue
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)  # glue
train_loader = [(torch.randn(4, 3), torch.randn(4, 2)) for _ in range(2)]  # glue
for inputs, targets in train_loader:
    outputs = model(inputs)
    loss = criterion(outputs, targets)
    loss.backward()
    optimizer.step()
    show(loss)  # glue
with model.no_sync():  # glue
    model(torch.randn(4, 3)).sum().backward()
show(model.module.fc1.weight.grad)
with raises():
    DDP(nn.Linear(2, 2).requires_grad_(False))
with raises():
    DDP(nn.Linear(2, 2), device_ids=[0, 1])
dist.destroy_process_group()
show(dist.is_initialized())
