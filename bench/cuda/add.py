# add.py — elementwise add of two 2^28-float32 CUDA tensors (3 GiB moved per add: GB/s).
import torch
import cudautil as cu

N = 1 << 28
if cu.ready(["add_f32_2p28"]):
    a = torch.full((N,), 1.5, device="cuda")
    b = torch.full((N,), 0.25, device="cuda")
    out = [a + b]

    def step():
        out[0] = a + b

    s = cu.time_events(step, 10)
    cu.report("add_f32_2p28", s, 3 * 4 * N / s / 1e9, "GB/s")
    cu.checksum(out[0].sum().item())
