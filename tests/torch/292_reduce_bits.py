# 292_reduce_bits.py — float sums/means of strided, transposed and permuted inputs, over middle dims, and with dtype= (converted first) give PyTorch's exact bits.
import torch

torch.set_num_threads(1)
torch.manual_seed(292)


def d(*s):
    return torch.randn(*s) * 100 + 3


def r(t):
    v = t.flatten().tolist()
    return [repr(x) for x in v[:3]] + [repr(v[-1]) if v else "-"]


for shape in [(100000,), (300, 700), (7, 9, 11), (2, 3, 4, 5), (33, 65)]:
    x = d(*shape)
    print(shape, "f64", r(x.sum(dtype=torch.float64)), r(x.sum(-1, dtype=torch.float64)), r(x.mean(0, dtype=torch.float64)))
    xi = (x * 10).long()
    print(shape, "int->f", r(xi.sum(dtype=torch.float32)), r(xi.sum(-1, dtype=torch.float64)))
    if x.dim() >= 2:
        xt = x.transpose(0, -1)
        print(shape, "t", r(xt.sum()), r(xt.sum(0)), r(xt.sum(-1)), r(xt.mean(1)), r(xt.sum((0, -1))))
        s = x[..., ::2]
        print(shape, "s", r(s.sum()), r(s.sum(0)), r(s.sum(-1)), r(s.mean(-1, keepdim=True)))
        s = x[1:, 1:]
        print(shape, "n", r(s.sum()), r(s.sum(0)), r(s.sum(-1)))
        e = x[..., :1].expand(*x.shape)
        print(shape, "e", r(e.sum()), r(e.sum(0)), r(e.sum(-1)))
    print(shape, "step", r(x.flatten()[::3].sum()), r(x.flatten()[::3].double().sum()))
y = d(6, 50, 40).permute(2, 0, 1)
print("perm", r(y.sum(1)), r(y.sum((0, 2))), r(y.sum(2)), r(y.mean((1, 2))))
z = d(10, 3)
print("nc", r(z.sum(1)), r(z.mean(1)), r(d(64, 10).sum(1)), r(d(128, 100).sum(1)))
print("empty", r(torch.zeros(0, 3).sum(0)), r(torch.zeros(3, 0).t().sum(0)), r(torch.zeros(2,0).mean(1)))
# (N, C) row sums (losses), column sums, transposed and sliced tensors, a middle dim
for shape in [(64, 10), (37, 3), (128, 7), (5, 1000), (1000, 5), (16, 16)]:
    x = d(*shape)
    print("rows", shape, r(x.sum(1)), r(x.mean(1)), r(x.sum(0)))
    print("t", shape, r(x.t().sum(1)), r(x.t().sum(0)), r(x.t().sum()), r(x.t().mean(1)))
    print("col", shape, repr(x[:, 0].sum().item()), repr(x[::2].sum().item()), r(x[:, 1:].sum(1)))
    y = d(4, shape[0], shape[1])
    print("mid", shape, r(y.sum(1)), r(y.permute(1, 0, 2).sum(0)), r(y.transpose(1, 2).sum(2)), r(y.mean(1)))

# several threads: whole-tensor sums of strided inputs take ATen's two passes (one chunk per
# thread, then the chunk sums); dim sums split over kept dims keep their order
for threads in (2, 3):
    torch.set_num_threads(threads)
    for shape in [(300, 700), (40, 50, 60), (1000, 33), (3, 20000), (20000, 3)]:
        x = d(*shape)
        xt = x.transpose(0, -1)
        print("threads", threads, shape, repr(xt.sum().item()), repr(x[..., ::2].sum().item()),
              repr(x[1:, 1:].mean().item()), r(xt.sum(0)), r(xt.sum(-1)), r(x.permute(*range(x.dim() - 1, -1, -1)).sum(-1)),
              r(x[..., ::2].sum(0)), r(x[..., :1].expand(*x.shape).sum(0)))
torch.set_num_threads(1)
