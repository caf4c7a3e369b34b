# launch.py — 2x2 float32 add on CUDA, launch and interpreter included (us/op): 10000 adds,
# then torch.cuda.synchronize(), timed on the wall clock.
import torch
import cudautil as cu

if cu.ready(["add_2x2_launch"]):
    a = torch.ones(2, 2, device="cuda")
    b = torch.full((2, 2), 0.5, device="cuda")
    out = [a + b]

    def step():
        out[0] = a + b

    s = cu.time_wall(step, 10000)
    cu.report("add_2x2_launch", s, s * 1e6, "us/op")
    cu.checksum(out[0].sum().item())
