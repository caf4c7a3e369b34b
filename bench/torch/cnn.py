# cnn.py — Conv-BN-ReLU-MaxPool-Linear training step (issue 5: Conv2d 3->64, batch 64, 3x32x32, cross-entropy, Adam).
import torch
import torch.nn as nn
import torch.optim
import torch.nn.functional as F
from benchutil import setup, timeit, checksum

setup()
model = nn.Sequential(nn.Conv2d(3, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(),
                      nn.MaxPool2d(2), nn.Flatten(), nn.Linear(64 * 16 * 16, 10))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
x = torch.randn(64, 3, 32, 32)
y = torch.randint(0, 10, (64,))
losses = []


def step():
    opt.zero_grad()
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    opt.step()
    losses.append(loss.item())


timeit("cnn_step_b64", step, 10, warmup=2, repeat=3)
# the first two (warm-up) losses: independent of how many timed steps ran
checksum(losses[0] + losses[1])
