# Cheat sheet "DistributedDataParallel" in one process without CUDA (glue: Net, device, local_rank, loader, criterion, optimizer).
from cs_glue import show, raises
import torch  # glue
torch.manual_seed(0)  # glue
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP


class Net(nn.Module):  # glue: the Net of "Neural Network Module", smaller
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 3)

    def forward(self, x):
        return self.fc1(x)


device = torch.device('cpu')  # glue
local_rank = 0  # glue
train_loader = [(torch.randn(2, 4), torch.tensor([0, 2]))]  # glue
criterion = nn.CrossEntropyLoss()  # glue

model = Net().to(device)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)  # glue
with raises():
    model = DDP(model, device_ids=[local_rank])
with raises():
    model = DDP(model)
show(type(model).__name__)  # glue: DDP could not wrap it, the loop trains the plain model

for inputs, targets in train_loader:
    outputs = model(inputs)
    loss = criterion(outputs, targets)
    loss.backward()
    optimizer.step()
show(loss)  # glue
