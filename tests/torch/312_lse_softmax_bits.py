# 312_lse_softmax_bits.py — logsumexp (amax, exp(x - m), cascade sum, log, + m) and softmax/log_softmax along a non-last dim give PyTorch's exact bits, with inf/NaN rows.
import torch

torch.set_num_threads(1)
torch.manual_seed(312)


def r(t):
    v = t.flatten().tolist()
    return [repr(x) for x in v[:3]] + [repr(v[-1]) if v else "-"] + [len(v)]


for shape in [(5,), (33,), (7, 9), (9, 7), (3, 17, 40), (2, 3, 4, 5), (64, 64), (300, 130)]:
    x = torch.randn(*shape) * 4
    for d in range(x.dim()):
        print(shape, d, "lse", r(x.logsumexp(d)), r(x.double().logsumexp(d)), r(x.logsumexp(d, keepdim=True)))
        print(shape, d, "sm", r(x.softmax(d)), r(x.log_softmax(d)), r(x.double().softmax(d)), r(x.double().log_softmax(d)))
    if x.dim() >= 2:
        print(shape, "lse_multi", r(x.logsumexp((0, 1))), r(x.transpose(0, -1).logsumexp(0)), r(x.transpose(0, -1).softmax(0)), r(x.transpose(0, -1).log_softmax(0)))
s = torch.tensor([[float("-inf"), float("-inf"), float("-inf")], [1.0, float("inf"), 2.0], [float("nan"), 0.0, 1.0], [float("inf"), float("inf"), 0.0]])
for d in (0, 1):
    print("special", d, r(s.logsumexp(d)), r(s.softmax(d)), r(s.log_softmax(d)))
print("int", r(torch.arange(12).view(3, 4).logsumexp(1)), r(torch.arange(6).logsumexp(0)))
print("empty", r(torch.zeros(0, 3).logsumexp(0)), r(torch.zeros(0, 3).logsumexp(1)), r(torch.zeros(0, 3).softmax(0)))
x = torch.randn(4, 5, requires_grad=True)
y = x.logsumexp(1)
y.sum().backward()
print("grad", y.grad_fn.name(), r(x.grad))
# backward along a non-last dim (and the last, for comparison)
for shape, d in [((7, 9), 0), ((9, 7), 0), ((3, 17, 40), 1), ((3, 17, 40), 0), ((64, 64), 0), ((33, 20), 1), ((300, 130), 0)]:
    for dt in (torch.float32, torch.float64):
        x = (torch.randn(*shape) * 3).to(dt).requires_grad_()
        g = torch.randn(*shape).to(dt)
        gs, = torch.autograd.grad(x.softmax(d), x, g)
        gl, = torch.autograd.grad(x.log_softmax(d), x, g)
        print(shape, d, dt, "bw", r(gs), r(gl))
