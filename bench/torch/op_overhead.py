# op_overhead.py — per-op dispatch overhead on 2x2 float32 tensors: add, mul, matmul, sum.
import torch
from benchutil import setup, timeit, checksum

setup()
x = torch.rand(2, 2)
y = torch.rand(2, 2)
N = 100000
acc = [0.0]


def add():
    return x + y


def mul():
    return x * y


def matmul():
    return x @ y


def total():
    return x.sum()


timeit("op_add_2x2", add, N)
timeit("op_mul_2x2", mul, N)
timeit("op_matmul_2x2", matmul, N)
timeit("op_sum_2x2", total, N)
checksum((add() + mul() + matmul()).sum().item() + total().item())
