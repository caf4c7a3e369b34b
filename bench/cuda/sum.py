# sum.py — sum of 2^28 float32 on CUDA (1 GiB read per sum: GB/s).
import torch
import cudautil as cu

N = 1 << 28
if cu.ready(["sum_f32_2p28"]):
    x = torch.full((N,), 0.5, device="cuda")
    out = [x.sum()]

    def step():
        out[0] = x.sum()

    s = cu.time_events(step, 20)
    cu.report("sum_f32_2p28", s, 4 * N / s / 1e9, "GB/s")
    cu.checksum(out[0].item())
