# Cheat sheet "Neural Network Module" (glue: seed, show; model.to('cuda') raises without CUDA).
from cs_glue import show, raises
import torch
torch.manual_seed(0)  # glue
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = torch.relu(self.fc1(x))
        x = self.fc2(x)
        return x

model = Net()
with raises():
    model.to('cuda')
show(model)  # glue
show(sum(p.numel() for p in model.parameters()))  # glue
show(model(torch.randn(2, 784)))  # glue
