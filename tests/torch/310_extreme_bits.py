# 310_extreme_bits.py — max/min/amax/amin and max/min/argmax/argmin along a dim (contiguous fast paths): values, first-index ties, NaN rules, integer dtypes, odd sizes, views.
import torch

torch.set_num_threads(1)
torch.manual_seed(310)


def r(t):
    v = t.flatten().tolist()
    return [repr(x) for x in v[:4]] + [repr(v[-1]) if v else "-"] + [len(v)]


def show(tag, x):
    print(tag, "all", r(x.max()), r(x.min()))
    for d in range(x.dim()):
        print(tag, d, r(x.amax(d)), r(x.amin(d)), r(x.argmax(d)), r(x.argmin(d)))
        v, i = x.max(d)
        w, j = x.min(d, keepdim=True)
        print(tag, d, "vi", r(v), r(i), r(w), r(j))
    if x.dim() >= 2:
        print(tag, "multi", r(x.amax((0, 1))), r(x.amin((-1, -2))))
    print(tag, "flat", r(x.argmax()), r(x.argmin()))


for shape in [(7,), (33,), (100,), (5, 37), (37, 5), (3, 17, 40), (2, 3, 4, 5), (1, 70), (70, 1), (300, 300)]:
    x = torch.randn(*shape)
    show(("f32", shape), x)
    show(("f64", shape), x.double())
    show(("i64", shape), (x * 10).long())
    show(("i32", shape), (x * 10).int())
    show(("u8", shape), (x * 10).abs().to(torch.uint8))
    show(("i8", shape), (x * 10).to(torch.int8))
    show(("i16", shape), (x * 10).to(torch.int16))

# ties keep the first index; NaN wins and the first NaN is chosen
t = torch.tensor([[1.0, 3.0, 3.0, -2.0, 3.0], [float("nan"), 1.0, float("nan"), 5.0, 2.0], [0.0, -0.0, 0.0, -1.0, -1.0]])
show("ties", t)
show("ties_t", t.t().contiguous())
n = torch.randn(40, 50)
n[3, 7] = float("nan")
n[20, 40] = float("nan")
n[21, 40] = float("nan")
show("nan", n)
show("inf", torch.tensor([[float("inf"), 1.0, float("-inf")], [float("-inf"), float("-inf"), float("-inf")]]))
# views: transposed, sliced, expanded
z = torch.randn(30, 41)
show("t", z.t())
show("s", z[:, ::3])
show("e", z[:1].expand(4, 41))
show("1", torch.randn(1))
show("0d", torch.tensor(2.5))
# empty results and errors
e = torch.zeros(0, 3)
print(r(e.amax(0) if False else e.amax(1)), r(e.max(1)[0]), r(e.argmax(1)))
for f in (lambda: e.max(), lambda: e.amax(0), lambda: e.argmax(0), lambda: e.max(0)):
    try:
        print(f())
    except Exception as ex:
        print(type(ex).__name__, ex)
