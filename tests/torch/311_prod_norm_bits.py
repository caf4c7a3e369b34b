# 311_prod_norm_bits.py — prod (ATen's 4-vector blocks, two-pass whole-tensor split with threads) and 2-norms over a contiguous last dim (8-lane fused accumulation) give PyTorch's exact bits.
import torch

torch.set_num_threads(1)
torch.manual_seed(311)


def r(t):
    v = t.flatten().tolist()
    return [repr(x) for x in v[:3]] + [repr(v[-1]) if v else "-"] + [len(v)]


def p(*s):
    return torch.randn(*s) * 0.05 + 1


for shape in [(5,), (31,), (32,), (33,), (64,), (100,), (1000,), (4097,), (3, 77), (77, 3), (4, 5, 6), (2, 64, 3), (300, 300)]:
    x = p(*shape)
    print(shape, "prod", r(x.prod()), r(x.double().prod()), r(x.prod(-1)), r(x.prod(0)), r(x.double().prod(-1)))
    print(shape, "prod_v", r(x.prod(0, keepdim=True)), r(x.flip(-1).prod(-1)) if x.dim() else "")
    y = torch.randn(*shape) * 3
    print(shape, "norm", r(y.norm()), r(y.double().norm()), r(y.norm(dim=-1)), r(y.norm(dim=0)), r(torch.linalg.vector_norm(y, 2, -1)))
    print(shape, "norm_t", r(y.norm(dim=-1, keepdim=True)), r(y.double().norm(dim=-1)), r(y.norm(p=1)), r(y.norm(float("inf"))))
    if y.dim() >= 2:
        print(shape, "nc", r(y.transpose(0, -1).norm(dim=-1)), r(y[..., ::2].norm(dim=-1)), r(x.transpose(0, -1).prod(-1)), r(x[..., ::2].prod(-1)))
print("int", r(torch.arange(1, 20).prod()), r(torch.arange(1, 13).view(3, 4).prod(1)), r(torch.arange(-5, 5, dtype=torch.int32).prod()))
print("special", r(torch.tensor([1.0, float("nan"), 2.0]).prod()), r(torch.tensor([float("inf"), 0.0] * 20).prod()),
      r(torch.tensor([1e30, 1e30, 3.0]).norm()), r(torch.tensor([1e-30] * 40).norm()), r(torch.tensor([float("nan")] + [1.0] * 40).norm()))
print("empty", r(torch.zeros(0).prod()), r(torch.zeros(0, 4).prod(0)), r(torch.zeros(4, 0).prod(1)), r(torch.zeros(0).norm()), r(torch.zeros(3, 0).norm(dim=1)))
torch.set_num_threads(2)
for n in [40000, 65536, 100001, 300000]:
    x = p(n)
    print("threads2", n, r(x.prod()), r(x.double().prod()), r(x.view(-1, 1).prod(0)))
torch.set_num_threads(3)
x = p(200000)
print("threads3", r(x.prod()), r(x.norm()))
