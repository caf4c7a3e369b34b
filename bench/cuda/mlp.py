# mlp.py — bench/torch/mlp.py's training step (784-128-10, ReLU, cross-entropy, SGD
# momentum) on CUDA; data and weights drawn on the CPU (same bits in both), then moved.
import torch
import torch.nn as nn
import torch.optim
import torch.nn.functional as F
import cudautil as cu

if cu.ready(["mlp_step_b64", "mlp_step_b1024"]):
    model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10)).cuda()
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    last = [0.0]
    total = 0.0
    for batch, iters in ((64, 200), (1024, 50)):
        x = torch.randn(batch, 784).cuda()
        y = torch.randint(0, 10, (batch,)).cuda()

        def step():
            opt.zero_grad()
            loss = F.cross_entropy(model(x), y)
            loss.backward()
            opt.step()
            last[0] = loss.item()

        s = cu.time_wall(step, iters, warmup=5, repeat=1)
        cu.report("mlp_step_b%d" % batch, s, s * 1e6, "us")
        total += last[0]
    cu.checksum(total)
