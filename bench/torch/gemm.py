# gemm.py — fp32 matrix products 512x512 and 1024x1024 (seconds per product).
import torch
from benchutil import setup, timeit, checksum

setup()
total = 0.0
for n, iters in ((512, 20), (1024, 5)):
    a = torch.randn(n, n)
    b = torch.randn(n, n)
    timeit("gemm_f32_%d" % n, lambda: torch.mm(a, b), iters, warmup=2)
    total += torch.mm(a, b).abs().mean().item()
checksum(total)
