# matmul.py — 4096x4096 float32 matrix product on CUDA, without and with TF32 (TFLOP/s).
import torch
import cudautil as cu

N = 4096
if cu.ready(["mm_f32_4096", "mm_tf32_4096"]):
    a = torch.randn(N, N).cuda()
    b = torch.randn(N, N).cuda()
    flop = 2.0 * N * N * N
    total = 0.0
    for tf32, name in ((False, "mm_f32_4096"), (True, "mm_tf32_4096")):
        torch.backends.cuda.matmul.allow_tf32 = tf32
        s = cu.time_events(lambda: a @ b, 20)
        cu.report(name, s, flop / s / 1e12, "TFLOP/s")
        if not tf32:
            total = (a @ b).abs().mean().item()
    torch.backends.cuda.matmul.allow_tf32 = False
    cu.checksum(total)
