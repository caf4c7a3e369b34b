# memory_bound.py — elementwise add and full sum over 16M float32 elements (memory bound).
import torch
from benchutil import setup, timeit, checksum

setup()
n = 16 * 1024 * 1024
x = torch.rand(n)
y = torch.rand(n)
out = [None]


def add():
    out[0] = x + y


timeit("add_16M_f32", add, 10, warmup=2)
timeit("sum_16M_f32", lambda: x.sum(), 10, warmup=2)
checksum(out[0][::4096].sum().item() + x.sum().item() / n)
