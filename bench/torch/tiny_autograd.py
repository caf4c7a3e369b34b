# tiny_autograd.py — one tiny training step ((w * 3 + b).relu() * w).sum().backward() on 8 elements.
import torch
from benchutil import setup, timeit, checksum

setup()
w = torch.randn(8, requires_grad=True)
b = torch.randn(8, requires_grad=True)


def step():
    ((w * 3 + b).relu() * w).sum().backward()


timeit("autograd_tiny_step", step, 20000, warmup=100)
# grads accumulated over exactly 100 + 3 * 20000 steps
checksum(w.grad.sum().item() / 60100 + b.grad.sum().item() / 60100)
