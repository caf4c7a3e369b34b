# 315_isclose_fast.py — isclose/allclose of same-shape float tensors (fused kernel) agree with PyTorch at the tolerance edges, with NaN/inf/-0, views, and the composite path for other dtypes and broadcasting.
import torch

torch.manual_seed(315)
x = torch.randn(40, 50)
for dt in (torch.float32, torch.float64):
    a = x.to(dt)
    for scale in (1e-9, 1e-8, 1e-6, 1e-5, 1e-4, 1e-2):
        b = a + scale * torch.randn(40, 50).to(dt)
        c = torch.isclose(a, b)
        print(dt, scale, int(c.sum()), torch.allclose(a, b), int(torch.isclose(a, b, rtol=1e-3, atol=0).sum()),
              int(torch.isclose(a, b, rtol=0, atol=1e-6).sum()), torch.allclose(a.t(), b.t(), 1e-2, 1e-3))
    # exact tolerance edges: |a - b| == atol + rtol * |b|
    e = torch.tensor([1.0, 2.0, 100.0, 0.0, -3.0], dtype=dt)
    for d in (1e-5, 1.00001e-5, 2e-5, 1e-8, 1.1e-8):
        print(dt, "edge", d, torch.isclose(e + d, e).tolist(), torch.isclose(e, e + d).tolist(), torch.allclose(e + d, e))
    s = torch.tensor([float("nan"), float("inf"), float("-inf"), 0.0, -0.0, 1.0, float("nan")], dtype=dt)
    t = torch.tensor([float("nan"), float("inf"), float("inf"), -0.0, 0.0, float("nan"), 1.0], dtype=dt)
    print(dt, "special", torch.isclose(s, t).tolist(), torch.isclose(s, t, equal_nan=True).tolist(),
          torch.allclose(s[:5], t[:5]), torch.allclose(s[:1], t[:1], equal_nan=True), torch.allclose(s[:1], t[:1]))
    print(dt, "views", torch.isclose(a[:, ::3], a[:, ::3] * (1 + 1e-6)).all().item(), torch.isclose(a.t(), a.t().contiguous()).all().item())
    print(dt, "empty", torch.isclose(torch.zeros(0, 3, dtype=dt), torch.zeros(0, 3, dtype=dt)).shape, torch.allclose(torch.zeros(0, dtype=dt), torch.zeros(0, dtype=dt)))
print("bcast", torch.isclose(x, x[:1]).sum().item(), torch.allclose(x[:1].expand(3, 50), x[:1]))
print("int", torch.isclose(torch.arange(5), torch.tensor([0, 1, 3, 3, 5])).tolist(), torch.allclose(torch.arange(3), torch.arange(3)))
for f in (lambda: torch.isclose(x, x.double()), lambda: torch.isclose(x, x, rtol=-1.0), lambda: torch.allclose(x, x, atol=-1.0)):
    try:
        print(f())
    except Exception as ex:
        print(type(ex).__name__, ex)
