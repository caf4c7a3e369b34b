# 045_softmax_ce_bits.py — float32 softmax / log_softmax / cross_entropy / nll_loss (class indices) forward and input gradients give PyTorch's exact bits.
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(45)


def bits_hash(t):
    """A hash of the exact float32 / float64 bits (any 1-ulp change alters it)."""
    h = 0
    f64 = t.dtype == torch.float64
    for b in t.detach().contiguous().reshape(-1).view(torch.int64 if f64 else torch.int32).tolist():
        h = (h * 31 + (b & (0xFFFFFFFFFFFF if f64 else 0xFFFFFFFF))) % 2147483647
    return h


def show(tag, t):
    v = t.detach().reshape(-1).tolist()
    ends = [repr(v[0]), repr(v[-1])] if v else []
    print(tag, list(t.shape), bits_hash(t), *ends)


def logits(*shape, scale=3.0):
    return (torch.randn(*shape) * scale).requires_grad_()


def check(tag, fn, x):
    y = fn(x)
    show(tag + " fw", y)
    g = torch.randn(y.shape)
    gx, = torch.autograd.grad(y, x, g)
    show(tag + " bw", gx)


# rows of 1..40 classes (8-wide vectors and their tails), batches of 1..70
for cols in [1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 24, 31, 33, 40]:
    for rows in [1, 3, 16, 37, 70]:
        x = logits(rows, cols, scale=1.0 + cols % 4 * 4)
        check("softmax(-1) %dx%d" % (rows, cols), lambda t: F.softmax(t, -1), x)
        check("log_softmax(-1) %dx%d" % (rows, cols), lambda t: F.log_softmax(t, -1), x)

# along other dims: vectors across the inner positions, libm's exp on the inner tail
for shape in [(5, 3), (9, 8), (40, 17), (4, 9, 11), (3, 17, 5), (2, 8, 16), (6, 5, 1)]:
    x = logits(*shape)
    for dim in range(len(shape)):
        check("softmax(%d) %s" % (dim, shape), lambda t: torch.softmax(t, dim), x)
        check("log_softmax(%d) %s" % (dim, shape), lambda t: torch.log_softmax(t, dim), x)

# a vector, a 1-element row, equal logits, large magnitudes
check("softmax vec", lambda t: F.softmax(t, 0), logits(19))
check("log_softmax 1x1", lambda t: F.log_softmax(t, 1), logits(1, 1))
check("softmax equal", lambda t: F.softmax(t, 1), torch.full((3, 10), 2.5, requires_grad=True))
check("log_softmax big", lambda t: F.log_softmax(t, 1), logits(8, 12, scale=60.0))

# transposed, expanded and 0-dim inputs; empty ones
xt = torch.randn(6, 10).t().requires_grad_()
check("log_softmax transposed", lambda t: F.log_softmax(t, 1), xt)
check("softmax transposed dim0", lambda t: F.softmax(t, 0), xt)
check("log_softmax expanded", lambda t: F.log_softmax(t.expand(3, 9), -1), logits(1, 9))
check("softmax 0-dim", lambda t: torch.softmax(t, 0), torch.randn(()).requires_grad_())
print(F.log_softmax(torch.zeros(0, 3), 1).shape, F.softmax(torch.zeros(3, 0), 1).shape)

# double backward (create_graph=True) goes through the differentiable formulas
xd = torch.randn(4, 6, requires_grad=True)
for fn in (F.softmax, F.log_softmax):
    g, = torch.autograd.grad((fn(xd, 1) * torch.arange(6.)).sum(), xd, create_graph=True)
    h, = torch.autograd.grad((g ** 2).sum(), xd)
    print("double backward", [round(v, 4) for v in h.reshape(-1).tolist()[:6]])

# cross_entropy / nll_loss with class indices: the cascade sum crosses 16 and 256 samples
for n, c in [(1, 3), (16, 3), (17, 4), (70, 3), (300, 10), (64, 33)]:
    x = logits(n, c)
    t = torch.randint(0, c, (n,))
    w = torch.rand(c) + 0.5
    for red in ["mean", "sum", "none"]:
        check("ce %s %dx%d" % (red, n, c), lambda v: F.cross_entropy(v, t, reduction=red), x)
        check("ce w %s %dx%d" % (red, n, c), lambda v: F.cross_entropy(v, t, weight=w, reduction=red), x)
        check("nll ignore %s %dx%d" % (red, n, c),
              lambda v: F.nll_loss(F.log_softmax(v, 1), t, ignore_index=1, reduction=red), x)
        check("nll w ignore %s %dx%d" % (red, n, c),
              lambda v: F.nll_loss(F.log_softmax(v, 1), t, weight=w, ignore_index=0, reduction=red), x)
    check("ce smooth %dx%d" % (n, c), lambda v: F.cross_entropy(v, t, label_smoothing=0.1), x)
    check("ce smooth w sum %dx%d" % (n, c),
          lambda v: F.cross_entropy(v, t, weight=w, label_smoothing=0.2, reduction="sum"), x)

# no batch dim, and spatial targets (N, C, d...)
check("ce vec", lambda v: F.cross_entropy(v, torch.tensor(2)), logits(5))
x3, t3 = logits(4, 5, 7), torch.randint(0, 5, (4, 7))
check("ce 3d", lambda v: F.cross_entropy(v, t3), x3)
check("ce 3d none", lambda v: F.cross_entropy(v, t3, reduction="none"), x3)
x4, t4 = logits(3, 4, 5, 6), torch.randint(0, 4, (3, 5, 6))
check("ce 4d", lambda v: F.cross_entropy(v, t4, ignore_index=2), x4)
check("ce 4d w sum", lambda v: F.cross_entropy(v, t4, weight=torch.rand(4), reduction="sum"), x4)

# float64 (4-wide vectors, SLEEF's double exp/log); data drawn in float32
for shape in [(3, 5), (7, 9), (70, 17), (2, 40), (4, 9, 11)]:
    x = logits(*shape).detach().double().requires_grad_()
    for dim in (0, -1):
        check("f64 softmax(%d) %s" % (dim, shape), lambda t: F.softmax(t, dim), x)
        check("f64 log_softmax(%d) %s" % (dim, shape), lambda t: F.log_softmax(t, dim), x)
for n, c in [(17, 4), (300, 10)]:
    x = logits(n, c).detach().double().requires_grad_()
    t = torch.randint(0, c, (n,))
    w = (torch.rand(c) + 0.5).double()
    for red in ["mean", "sum", "none"]:
        check("f64 ce w %s %dx%d" % (red, n, c), lambda v: F.cross_entropy(v, t, weight=w, reduction=red), x)
        check("f64 nll ignore %s %dx%d" % (red, n, c),
              lambda v: F.nll_loss(F.log_softmax(v, 1), t, ignore_index=1, reduction=red), x)

# nn.CrossEntropyLoss on an MLP's logits: the loss and every parameter gradient
model = torch.nn.Sequential(torch.nn.Linear(4, 16), torch.nn.ReLU(), torch.nn.Linear(16, 3))
xb, yb = torch.randn(16, 4), torch.randint(0, 3, (16,))
loss = torch.nn.CrossEntropyLoss()(model(xb), yb)
loss.backward()
print("mlp loss", repr(loss.item()))
for name, p in model.named_parameters():
    show("mlp grad " + name, p.grad)
