# lstm.py — 2-layer LSTM (10 -> 20) forward + backward on a (seq 32, batch 16) input.
import torch
import torch.nn as nn
from benchutil import setup, timeit, checksum

setup()
lstm = nn.LSTM(10, 20, num_layers=2)
x = torch.randn(32, 16, 10)
first = []


def step():
    lstm.zero_grad()
    out, (h, c) = lstm(x)
    loss = out.pow(2).mean() + c.sum() * 0.01
    loss.backward()
    if not first:
        first.append(loss.item())
        first.append(lstm.weight_ih_l0.grad.abs().sum().item())


timeit("lstm_fwd_bwd", step, 20, warmup=2, repeat=3)
checksum(first[0] + first[1])
