# mlp.py — the cheat-sheet MLP (784-128-10, ReLU, cross-entropy, SGD momentum) training step.
import torch
import torch.nn as nn
import torch.optim
import torch.nn.functional as F
from benchutil import setup, timeit, checksum

setup()
model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
last = [0.0]
total = 0.0
for batch, iters in ((64, 200), (1024, 20)):
    x = torch.randn(batch, 784)
    y = torch.randint(0, 10, (batch,))

    def step():
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        last[0] = loss.item()

    timeit("mlp_step_b%d" % batch, step, iters, warmup=5, repeat=1)
    total += last[0]
checksum(total)
