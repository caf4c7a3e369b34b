# 313_equal_fast.py — torch.equal stops at the first difference and follows == (NaN unequal, -0 == 0) for every dtype, views and mixed dtypes.
import torch

torch.manual_seed(313)
x = torch.randn(50, 60)
y = x.clone()
print(torch.equal(x, y), torch.equal(x, torch.randn(50, 60)), torch.equal(x, x.t().contiguous().t()))
y[49, 59] += 1
print(torch.equal(x, y), torch.equal(x[:, :59], y[:, :59]), torch.equal(x[:49], y[:49]))
print(torch.equal(x.t(), x.t().contiguous()), torch.equal(x[:, ::2], x[:, ::2].clone()), torch.equal(x[:1].expand(5, 60), x[:1].repeat(5, 1)))
print(torch.equal(torch.tensor([float("nan")]), torch.tensor([float("nan")])), torch.equal(torch.tensor([0.0]), torch.tensor([-0.0])))
for dt in [torch.float64, torch.float16, torch.bfloat16, torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8, torch.bool]:
    a = (x * 3).to(dt)
    b = a.clone()
    c = a.clone()
    c[10, 10] = 1 if dt != torch.bool else not bool(c[10, 10])
    print(dt, torch.equal(a, b), torch.equal(a, c) == bool((a == c).all()), torch.equal(a.t(), b.t()))
print(torch.equal(torch.tensor([1, 2]), torch.tensor([1.0, 2.0])), torch.equal(torch.tensor([1, 2]), torch.tensor([1.0, 2.5])))
print(torch.equal(torch.zeros(0, 3), torch.zeros(0, 3)), torch.equal(torch.zeros(2, 3), torch.zeros(3, 2)), torch.equal(torch.tensor(1.0), torch.tensor(1.0)))
print(torch.equal(torch.zeros(3), torch.zeros(1).expand(3)), torch.equal(torch.ones(2, 3), torch.ones(3)))
