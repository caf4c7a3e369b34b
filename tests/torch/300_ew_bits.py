# 300_ew_bits.py — exp, log, pow with a scalar exponent, clamp, gelu-tanh, dtype casts, arange/linspace and randn give PyTorch's exact bits (vectorised rows, tails, strided rows, NaN/inf, empty, integer dtypes).
import torch

torch.set_num_threads(1)
torch.manual_seed(300)


def fp(t):
    # order-sensitive float64 fingerprint of the finite values, plus a count of the others
    vals = t.flatten().tolist()
    acc = 0.0
    odd = 0
    for i, v in enumerate(vals):
        if v == v and v not in (float("inf"), float("-inf")):
            acc += v * (i % 89 + 1)
        else:
            odd += 1
    return repr(acc), odd, repr(vals[0]) if vals else "-", repr(vals[-1]) if vals else "-"


def show(t):
    return " ".join(repr(v) for v in t.flatten().tolist())


special = [float("nan"), float("inf"), -float("inf"), 0.0, -0.0, 1e-40, -1e-40, 88.7, 88.73, 89.0, -87.3,
           -103.9, -104.5, 100.5, -100.0, 1.0, -1.0, 0.5, 3.4e38, -3.4e38, 2.0, 1e-20, 65504.0, 1e5, 300.7]


def inputs(dt):
    xs = [(torch.randn(n) * 4).to(dt) for n in (0, 1, 7, 8, 15, 16, 17, 33, 1000, 4099)]
    big = (torch.randn(64, 33) * 30).to(dt)
    return xs + [big, big.t(), big[:, ::3], (torch.rand(5000) * 200 - 100).to(dt)]


ops = [
    ("exp", lambda x: x.exp()), ("exp_", lambda x: x.clone().exp_()), ("log", lambda x: x.abs().log()),
    ("pow2", lambda x: x.pow(2)), ("pow3", lambda x: x ** 3), ("pow-2", lambda x: x ** -2),
    ("pow0.5", lambda x: x.pow(0.5)), ("pow-0.5", lambda x: x.pow(-0.5)), ("pow-1", lambda x: x.pow(-1)),
    ("pow0", lambda x: x.pow(0)), ("pow1", lambda x: x.pow(1)), ("pow2.0", lambda x: x.pow(2.0)),
    ("pow_3", lambda x: x.clone().pow_(3)), ("sqrt", lambda x: x.abs().sqrt()),
    ("clamp", lambda x: x.clamp(-0.5, 0.5)), ("clamp_lo", lambda x: x.clamp(min=0.1)),
    ("clamp_hi", lambda x: x.clamp(max=-0.3)), ("clip", lambda x: x.clip(-2, 3)), ("clamp_rev", lambda x: x.clamp(1, -1)),
    ("clamp_", lambda x: x.clone().clamp_(-1, 1)), ("clamp_min", lambda x: x.clamp_min(0.25)),
    ("clamp_max", lambda x: x.clamp_max(0.25)),
    ("double", lambda x: x.double()), ("float", lambda x: x.float()), ("bool", lambda x: x.bool().float()),
    ("long", lambda x: x.clamp(-1e6, 1e6).long().double()), ("int", lambda x: x.int().double()),
]
for dt in (torch.float32, torch.float64):
    for name, f in ops:
        print(dt, name, [fp(f(x)) for x in inputs(dt)])
        print(dt, name, "special", show(f(torch.tensor(special, dtype=dt))))
    if dt == torch.float32:  # gelu(approximate='tanh'); float64 would need SLEEF's double tanh (not built)
        g = lambda x: torch.nn.functional.gelu(x, approximate="tanh")
        print(dt, "gelu_tanh", [fp(g(x)) for x in inputs(dt)], show(g(torch.tensor(special, dtype=dt))))
# gelu(approximate='none') is not here: PyTorch runs contiguous float32 gelu through oneDNN's
# JIT kernel, whose bits are not built

# NaN bounds: clamp with two bounds and clamp_min/clamp_max give NaN; one bound alone changes nothing
x = torch.tensor([1.0, -2.0, float("nan"), 5.0])
nan = float("nan")
print(x.clamp(nan, 1), x.clamp(0, nan), x.clamp(min=nan), x.clamp(max=nan), x.clamp_min(nan), x.clamp_max(nan))
print(torch.tensor([1, 2, 3, -7]).clamp(min=nan), torch.tensor([1, 2, 3, -7]).clamp(1.5, 2.5),
      torch.tensor([1, 2, 3, -7]).clamp(0, 2), torch.tensor([1, 2], dtype=torch.uint8).clamp(min=3))
w = torch.tensor([0.3, -4.0, 2.0], requires_grad=True)
r = w.clamp(-1, 1) ** 3
r.sum().backward()
print(r, w.grad)

# casts out of range: x86-64's integer indefinite, small integers through int32
c = torch.tensor([300.7, 1e10, -1.5, -300.7, float("nan"), float("inf"), 70000.5, -3e9, 2.5e9, 1e19, -0.0, 0.5])
for dt in (torch.int8, torch.uint8, torch.int16, torch.int32, torch.int64, torch.bool):
    print(dt, c.to(dt).tolist(), c.double().to(dt).tolist(), c[::2].to(dt).tolist())
i = torch.tensor([2 ** 40 + 1, -3, 2 ** 53 + 1, -2 ** 62 - 1])
print(show(i.float()), show(i.double()), show(i.int().float()), show(torch.tensor([True, False]).double()))

# arange and linspace: vector blocks built from their first value
for args in [(10,), (1, 10, 3), (10, 0, -3), (0.0, 1.0, 0.1), (-1.5, 2.7, 0.3), (0, 1000.5, 0.7), (5, 1, -0.37)]:
    for dt in (None, torch.float64, torch.int64, torch.int32):
        try:
            print(args, dt, fp(torch.arange(*args, dtype=dt)), torch.arange(*args, dtype=dt)[:3].tolist())
        except RuntimeError as e:
            print(args, dt, type(e).__name__, e)
for a, b, n in [(0, 1, 5), (0, 1, 1001), (-3, 7, 101), (2, -5, 16), (0, 10, 1), (0, 1, 0), (1.5, 2.25, 33)]:
    for dt in (None, torch.float64):
        print(a, b, n, dt, fp(torch.linspace(a, b, n, dtype=dt)))

# randn (float32): the 16-wide Box-Muller with its tail block
for seed in (0, 42):
    torch.manual_seed(seed)
    for n in (16, 17, 31, 100, 4097):
        print(seed, n, fp(torch.randn(n)))
    print(show(torch.randn(20)), fp(torch.empty(1000).normal_(1.5, 0.3)), fp(torch.empty(53).uniform_(-2, 3)))
