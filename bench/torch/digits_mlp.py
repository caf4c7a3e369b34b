# digits_mlp.py — a real-data workload: one training epoch of the 64-128-10 MLP on the digits (DataLoader shuffle, batch 32, SGD momentum).
import os
import numpy as np
import torch
import torch.nn as nn
import torch.optim as optim
from torch.utils.data import DataLoader, TensorDataset
from benchutil import setup, timeit, checksum

setup()
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'tests', 'nn', 'data',
                    'digits.csv.gz')
table = torch.from_numpy(np.loadtxt(path, delimiter=',')).float()
x, y = table[:, :64], table[:, 64].long()
x = (x - x.mean(0)) / (x.std(0) + 1.0)
model = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10))
criterion = nn.CrossEntropyLoss()
optimizer = optim.SGD(model.parameters(), lr=0.02, momentum=0.9)
loader = DataLoader(TensorDataset(x, y), batch_size=32, shuffle=True)


def epoch():
    model.train()
    for inputs, targets in loader:
        optimizer.zero_grad()
        loss = criterion(model(inputs), targets)
        loss.backward()
        optimizer.step()


def evaluate():
    model.eval()
    with torch.no_grad():
        (model(x).argmax(dim=1) == y).sum().item()


timeit("digits_mlp_epoch", epoch, 3, warmup=1, repeat=3)
timeit("digits_mlp_eval_1797", evaluate, 50, warmup=3, repeat=3)
with torch.no_grad():
    checksum(criterion(model(x), y).item())
