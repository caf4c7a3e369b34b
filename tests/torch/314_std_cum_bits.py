# 314_std_cum_bits.py — float32 std/var (double accumulation) and cumsum/cumprod (double running value) match PyTorch's bits on odd sizes, views, NaN/inf and empty inputs.
import torch

torch.set_num_threads(1)
torch.manual_seed(314)


def r(t):
    v = t.flatten().tolist()
    return [repr(x) for x in v[:3]] + [repr(v[-1]) if v else "-"] + [len(v)]


for shape in [(5,), (33,), (7, 9), (9, 7), (3, 17, 40), (64, 64), (300, 130), (5000,)]:
    x = torch.randn(*shape) * 5 + 2
    print(shape, "std", r(x.std()), r(x.var()), r(x.std(unbiased=False)), r(x.var(-1)), r(x.std(0)), r(x.var(0, keepdim=True)))
    if x.dim() >= 2:
        print(shape, "std_v", r(x.t().std(0)) if x.dim() == 2 else "", r(x[..., ::2].var(-1)), r(x.var((0, 1))), r(x.std(-1, correction=0)))
    for d in range(x.dim()):
        p = x * 0.02 + 1
        print(shape, d, "cum", r(x.cumsum(d)), r(p.cumprod(d)), r(x.double().cumsum(d)), r(p.double().cumprod(d)))
    print(shape, "cum_v", r(x.flip(-1).cumsum(-1)), r(x.cumsum(-1, dtype=torch.float64)), r((x * 10).long().cumsum(-1)))
s = torch.tensor([[1.0, float("nan"), 2.0], [float("inf"), 1.0, 2.0], [3.0, 3.0, 3.0]])
print("special", r(s.std(1)), r(s.var(0)), r(s.cumsum(1)), r(s.cumprod(0)))
print("empty", r(torch.zeros(0).cumsum(0)), r(torch.zeros(3, 0).cumsum(1)), r(torch.zeros(0, 3).std(0)), r(torch.zeros(0).var()))
print("one", r(torch.ones(1).std()), r(torch.ones(4, 1).var(1)), r(torch.ones(4, 1).var(1, unbiased=False)))
