#!/usr/bin/python3
"""gen_nn.py — writes tests/runtime/data/nn_cases.txt (expected values for test_nn.c) with Debian's PyTorch.

Run: /usr/bin/python3 tests/runtime/gen_nn.py   (python3-torch 1.13)

File format, one record per line:
  case OP NAME p0 p1 ...        an op call with numeric parameters (meaning per OP: see test_nn.c)
  i NAME DT NDIM D0.. V0..      differentiable input (float32 'f')
  k NAME DT NDIM D0.. V0..      constant input (targets, indices, running stats, states)
  o NAME DT NDIM D0.. V0..      expected value: out, out2, out3 (extra outputs), go (gradient fed
                                to out), g_X (PyTorch's gradient of input X), after_X (X after the call)
Inputs are passed to the op in file order.
"""
import os
import torch
import torch.nn.functional as F

torch.manual_seed(1234)
LINES = []
RED = {"none": 0, "mean": 1, "sum": 2}


def fmt(t):
    t = t.detach()
    dt = "l" if t.dtype == torch.int64 else "f"
    vals = t.reshape(-1).tolist()
    body = " ".join(str(int(v)) if dt == "l" else "%.7g" % v for v in vals)
    return "%s %d %s %s" % (dt, t.dim(), " ".join(str(s) for s in t.shape), body)


def case(op, name, params, inputs, fn, consts=(), grad=True):
    """inputs/consts: lists of (name, tensor); fn(*tensors in file order) -> out or tuple."""
    LINES.append("case %s %s %s" % (op, name, " ".join(repr(float(p)) for p in params)))
    order = []
    for kind, items in (("i", inputs), ("k", consts)):
        for n, t in items:
            order.append((kind, n, t))
    leaves = []
    for kind, n, t in order:
        LINES.append("%s %s %s" % (kind, n, fmt(t)))
        leaves.append(t.clone().requires_grad_(kind == "i" and grad))
    consts_before = {n: t.clone() for kind, n, t in order if kind == "k"}
    args = leaves
    r = fn(*args)
    outs = r if isinstance(r, tuple) else (r,)
    for j, o in enumerate(outs):
        LINES.append("o %s %s" % ("out" if j == 0 else "out%d" % (j + 1), fmt(o)))
    for (kind, n, _), t in zip(order, leaves):
        if kind == "k" and not torch.equal(t, consts_before[n]):
            LINES.append("o after_%s %s" % (n, fmt(t)))
    if grad and outs[0].requires_grad:
        go = torch.randn(outs[0].shape)
        outs[0].backward(go)
        LINES.append("o go %s" % fmt(go))
        for (kind, n, _), t in zip(order, leaves):
            if kind == "i" and t.grad is not None:
                LINES.append("o g_%s %s" % (n, fmt(t.grad)))


def rn(*s):
    return torch.randn(*s)


# ---------------------------------------------------------------- convolution
def conv2d_case(name, n, c, h, w, o, k, stride=1, pad=0, dil=1, groups=1, bias=True, mode=0):
    kh, kw = (k, k) if isinstance(k, int) else k
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (pad, pad) if isinstance(pad, int) else pad
    dh, dw = (dil, dil) if isinstance(dil, int) else dil
    ins = [("x", rn(n, c, h, w)), ("w", rn(o, c // groups, kh, kw))]
    if bias:
        ins.append(("b", rn(o)))
    padding = ["", "same", "valid"][mode] or (ph, pw)
    case("conv2d", name, [sh, sw, ph, pw, dh, dw, groups, mode], ins,
         lambda x, w, b=None: F.conv2d(x, w, b, (sh, sw), padding, (dh, dw), groups))


conv2d_case("basic", 2, 3, 5, 5, 4, 3)
conv2d_case("stride_pad", 2, 3, 7, 6, 4, 3, stride=2, pad=1)
conv2d_case("rect_asym", 1, 2, 7, 8, 3, (2, 3), stride=(2, 1), pad=(1, 0), dil=(1, 2))
conv2d_case("dilation", 1, 2, 7, 7, 3, 3, dil=2, pad=2, bias=False)
conv2d_case("groups", 1, 4, 5, 5, 6, 3, pad=1, groups=2)
conv2d_case("depthwise", 1, 3, 5, 5, 3, 3, stride=2, groups=3)
conv2d_case("pointwise", 2, 4, 3, 4, 3, 1)
conv2d_case("same_even", 1, 2, 5, 6, 3, (2, 4), mode=1)
conv2d_case("same_dil", 1, 2, 6, 6, 2, 3, dil=2, mode=1)
conv2d_case("valid", 1, 2, 5, 5, 2, 3, mode=2)
case("conv2d", "unbatched", [1, 1, 1, 1, 1, 1, 1, 0], [("x", rn(2, 5, 5)), ("w", rn(3, 2, 3, 3)), ("b", rn(3))],
     lambda x, w, b: F.conv2d(x, w, b, 1, 1))
case("conv1d", "basic", [2, 1, 1, 1, 0], [("x", rn(2, 3, 9)), ("w", rn(4, 3, 3)), ("b", rn(4))],
     lambda x, w, b: F.conv1d(x, w, b, 2, 1))
case("conv1d", "groups_dil", [1, 0, 2, 2, 0], [("x", rn(2, 4, 9)), ("w", rn(4, 2, 3))],
     lambda x, w: F.conv1d(x, w, None, 1, 0, 2, 2))
case("conv1d", "same", [1, 0, 1, 1, 1], [("x", rn(1, 2, 7)), ("w", rn(3, 2, 4))],
     lambda x, w: F.conv1d(x, w, None, 1, "same"))


# ---------------------------------------------------------------- pooling
def maxpool_case(name, shape, k, stride, pad=0, dil=1, ceil=False):
    kh, kw = (k, k) if isinstance(k, int) else k
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (pad, pad) if isinstance(pad, int) else pad
    case("max_pool2d", name, [kh, kw, sh, sw, ph, pw, dil, dil, ceil], [("x", rn(*shape))],
         lambda x: F.max_pool2d(x, (kh, kw), (sh, sw), (ph, pw), dil, ceil, True))


maxpool_case("k2", (2, 3, 6, 6), 2, 2)
maxpool_case("k3s2p1", (2, 2, 7, 7), 3, 2, 1)
maxpool_case("ceil", (1, 2, 7, 6), 2, 2, ceil=True)
maxpool_case("ceil_pad", (1, 2, 8, 7), 3, 2, pad=1, ceil=True)
maxpool_case("dil", (1, 2, 9, 9), 3, 1, dil=2)
maxpool_case("rect3d", (3, 6, 7), (2, 3), (1, 2), pad=(1, 1))


def avgpool_case(name, shape, k, stride, pad=0, ceil=False, cip=True, div=0):
    kh, kw = (k, k) if isinstance(k, int) else k
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    case("avg_pool2d", name, [kh, kw, sh, sw, pad, pad, ceil, cip, div], [("x", rn(*shape))],
         lambda x: F.avg_pool2d(x, (kh, kw), (sh, sw), pad, ceil, cip, div or None))


avgpool_case("k2", (1, 3, 6, 6), 2, 2)
avgpool_case("pad_cip", (1, 2, 7, 7), 3, 2, pad=1)
avgpool_case("pad_nocip", (1, 2, 7, 7), 3, 2, pad=1, cip=False)
avgpool_case("ceil", (1, 2, 7, 6), 3, 2, pad=1, ceil=True, cip=False)
avgpool_case("ceil_cip", (1, 2, 8, 5), (2, 3), (2, 2), ceil=True)
avgpool_case("divisor", (1, 2, 6, 6), 3, 2, pad=1, div=5)
for name, shape, osz in (("even", (1, 3, 6, 6), (3, 2)), ("uneven", (1, 2, 7, 5), (3, 4)), ("one", (2, 3, 5, 5), (1, 1))):
    case("adaptive_avg_pool2d", name, list(osz), [("x", rn(*shape))], lambda x, osz=osz: F.adaptive_avg_pool2d(x, osz))


# ---------------------------------------------------------------- normalisation
def bn_case(name, shape, training, affine=True, stats=True, mom=0.1, eps=1e-5):
    C = shape[1]
    ins = [("x", rn(*shape))] + ([("w", rn(C)), ("b", rn(C))] if affine else [])
    consts = [("rm", rn(C)), ("rv", torch.rand(C) + 0.5)] if stats else []
    case("batch_norm", name, [training, mom, eps, affine, stats], ins,
         lambda *a: F.batch_norm(a[0], a[-2] if stats else None, a[-1] if stats else None,
                                 a[1] if affine else None, a[2] if affine else None, training, mom, eps), consts)


bn_case("train4d", (3, 4, 3, 3), True)
bn_case("train2d", (5, 3), True, mom=0.3)
bn_case("train3d_noaffine", (2, 3, 4), True, affine=False)
bn_case("eval", (3, 4, 2, 2), False)
bn_case("nostats", (4, 3, 2), True, stats=False)
case("layer_norm", "last", [1e-5, 1], [("x", rn(3, 4, 5)), ("w", rn(5)), ("b", rn(5))], lambda x, w, b: F.layer_norm(x, (5,), w, b))
case("layer_norm", "two", [1e-3, 2], [("x", rn(2, 3, 4))], lambda x: F.layer_norm(x, (3, 4), eps=1e-3))

# ---------------------------------------------------------------- embedding, linear, dropout
case("embedding", "plain", [0, 0], [("w", rn(6, 3))], lambda w, i: F.embedding(i, w),
     [("i", torch.tensor([[1, 5, 1], [0, 2, 4]]))])
case("embedding", "padding", [1, 1], [("w", rn(6, 3))], lambda w, i: F.embedding(i, w, padding_idx=1),
     [("i", torch.tensor([1, 5, 1, 3, 1]))])
case("linear", "bias2d", [], [("x", rn(4, 5)), ("w", rn(3, 5)), ("b", rn(3))], F.linear)
case("linear", "nobias3d", [], [("x", rn(2, 3, 5)), ("w", rn(4, 5))], F.linear)
case("linear", "bias3d", [], [("x", rn(2, 3, 5)), ("w", rn(4, 5)), ("b", rn(4))], F.linear)
case("linear", "bias1d", [], [("x", rn(5)), ("w", rn(4, 5)), ("b", rn(4))], F.linear)
for name, p, feat, shape in (("half", 0.5, 0, (6, 6)), ("p03", 0.3, 0, (4, 7)), ("p1", 1.0, 0, (3, 3)),
                             ("feature", 0.4, 1, (3, 4, 2, 2))):
    def drop(x, p=p, feat=feat):
        torch.manual_seed(123)
        return (F.dropout2d if feat else F.dropout)(x, p, True)
    case("dropout", name, [123, p, feat], [("x", rn(*shape))], drop)


# ---------------------------------------------------------------- losses
def tgt(n, c, *rest):
    return torch.randint(0, c, (n,) + rest)


for red in ("mean", "sum", "none"):
    case("nll_loss", red, [RED[red], -100], [("x", rn(5, 4).log_softmax(1))],
         lambda x, t, red=red: F.nll_loss(x, t, reduction=red), [("t", tgt(5, 4))])
t = tgt(6, 4)
t[1] = t[4] = 2
case("nll_loss", "weight_ignore", [1, 2], [("x", rn(6, 4))],
     lambda x, t, wt: F.nll_loss(x, t, wt, ignore_index=2), [("t", t), ("wt", torch.rand(4) + 0.2)])
case("nll_loss", "img_none", [0, -100], [("x", rn(2, 3, 2, 3))], lambda x, t: F.nll_loss(x, t, reduction="none"),
     [("t", tgt(2, 3, 2, 3))])
case("nll_loss", "seq_mean", [1, -100], [("x", rn(2, 3, 4))], lambda x, t: F.nll_loss(x, t), [("t", tgt(2, 3, 4))])
case("nll_loss", "seq_none", [0, -100], [("x", rn(2, 3, 4))], lambda x, t: F.nll_loss(x, t, reduction="none"),
     [("t", tgt(2, 3, 4))])
case("nll_loss", "single", [1, -100], [("x", rn(5))], lambda x, t: F.nll_loss(x, t), [("t", torch.tensor(3))])
for red in ("mean", "sum", "none"):
    case("cross_entropy", red, [RED[red], -100, 0], [("x", rn(5, 4))],
         lambda x, t, red=red: F.cross_entropy(x, t, reduction=red), [("t", tgt(5, 4))])
t = tgt(6, 5)
t[0] = t[3] = 1
for red in ("mean", "sum", "none"):
    case("cross_entropy", "ls_w_ign_" + red, [RED[red], 1, 0.2], [("x", rn(6, 5))],
         lambda x, t, wt, red=red: F.cross_entropy(x, t, wt, ignore_index=1, reduction=red, label_smoothing=0.2),
         [("t", t), ("wt", torch.rand(5) + 0.2)])
    case("cross_entropy", "ls_" + red, [RED[red], -100, 0.1], [("x", rn(4, 3))],
         lambda x, t, red=red: F.cross_entropy(x, t, reduction=red, label_smoothing=0.1), [("t", tgt(4, 3))])
    case("cross_entropy", "probs_" + red, [RED[red], -100, 0.15], [("x", rn(4, 3))],
         lambda x, t, wt, red=red: F.cross_entropy(x, t, wt, reduction=red, label_smoothing=0.15),
         [("t", torch.rand(4, 3).softmax(1)), ("wt", torch.rand(3) + 0.5)])
case("cross_entropy", "img", [1, -100, 0], [("x", rn(2, 3, 2, 2))], lambda x, t: F.cross_entropy(x, t), [("t", tgt(2, 3, 2, 2))])

PW = {"mse_loss": F.mse_loss, "l1_loss": F.l1_loss}
for op in ("mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss"):
    for red in ("mean", "sum", "none"):
        beta = 0.7 if op != "mse_loss" and op != "l1_loss" else 0

        def f(x, t, op=op, red=red, beta=beta):
            if op == "smooth_l1_loss":
                return F.smooth_l1_loss(x, t, reduction=red, beta=beta)
            if op == "huber_loss":
                return F.huber_loss(x, t, reduction=red, delta=beta)
            return PW[op](x, t, reduction=red)
        case(op, red, [RED[red], beta], [("x", rn(3, 4)), ("t", rn(3, 4))], f)
case("mse_loss", "broadcast", [1, 0], [("x", rn(3, 4)), ("t", rn(4))], lambda x, t: F.mse_loss(x, t.expand(3, 4)))
case("smooth_l1_loss", "beta0", [1, 0], [("x", rn(3, 4)), ("t", rn(3, 4))], lambda x, t: F.smooth_l1_loss(x, t, beta=0.0))
for red in ("mean", "sum", "none"):
    case("binary_cross_entropy", red, [RED[red], 0], [("x", torch.rand(3, 4) * 0.9 + 0.05), ("t", torch.rand(3, 4))],
         lambda x, t, wt, red=red: F.binary_cross_entropy(x, t, wt, reduction=red), [("wt", torch.rand(3, 4))])
    case("binary_cross_entropy_with_logits", red, [RED[red], 0], [("x", rn(3, 4)), ("t", torch.rand(3, 4))],
         lambda x, t, wt, pw, red=red: F.binary_cross_entropy_with_logits(x, t, wt, reduction=red, pos_weight=pw),
         [("wt", torch.rand(4)), ("pw", torch.rand(4) * 3)])
case("binary_cross_entropy_with_logits", "plain", [1, 0], [("x", rn(5)), ("t", torch.rand(5))],
     lambda x, t: F.binary_cross_entropy_with_logits(x, t))

# ---------------------------------------------------------------- activations
ACTS = [("gelu_tanh", [], lambda x: F.gelu(x, approximate="tanh")), ("gelu", [], F.gelu), ("silu", [], F.silu),
        ("hardtanh", [-0.5, 0.8], lambda x: F.hardtanh(x, -0.5, 0.8)), ("relu6", [0, 6], lambda x: F.relu6(x * 4)),
        ("softplus", [2, 1.5], lambda x: F.softplus(x, 2, 1.5)), ("elu", [1.3, 1, 1], lambda x: F.elu(x, 1.3)),
        ("selu", [1.6732632423543772, 1.0507009873554805, 1], F.selu), ("celu", [0.7], lambda x: F.celu(x, 0.7)),
        ("hardsigmoid", [], lambda x: F.hardsigmoid(x * 4)), ("hardswish", [], lambda x: F.hardswish(x * 4)),
        ("mish", [], F.mish), ("logsigmoid", [], F.logsigmoid), ("hardshrink", [0.4], lambda x: F.hardshrink(x, 0.4)),
        ("softshrink", [0.4], lambda x: F.softshrink(x, 0.4)), ("leaky_relu", [0.02], lambda x: F.leaky_relu(x, 0.02))]
for name, ps, fn in ACTS:
    x = rn(3, 5)
    if name in ("relu6", "hardsigmoid", "hardswish"):
        case("act", name, ps, [("x", x)], lambda x, fn=fn: fn(x / 4))
    else:
        case("act", name, ps, [("x", x)], fn)

# ---------------------------------------------------------------- recurrent
def rnn_params(mod):
    return [(n, p.detach().clone()) for n, p in mod.named_parameters()]


for kind, name, I, H, L, bidir, bf, bias, T, B in (("lstm", "one", 3, 4, 1, False, False, True, 4, 2),
                                                   ("lstm", "stack_bidir_bf", 3, 2, 2, True, True, True, 3, 2),
                                                   ("lstm", "nobias", 2, 3, 1, False, False, False, 3, 1),
                                                   ("gru", "one", 3, 4, 1, False, False, True, 4, 2),
                                                   ("gru", "stack_bidir", 2, 3, 2, True, False, True, 3, 2)):
    mod = (torch.nn.LSTM if kind == "lstm" else torch.nn.GRU)(I, H, L, bias=bias, batch_first=bf, bidirectional=bidir)
    D = 2 if bidir else 1
    x = rn(B, T, I) if bf else rn(T, B, I)
    ps = rnn_params(mod)
    h0 = rn(L * D, B, H)
    c0 = rn(L * D, B, H)

    def run(*a, kind=kind, mod=mod, ps=ps):
        x, h0 = a[0], a[1]
        c0 = a[2] if kind == "lstm" else None
        params = a[3:] if kind == "lstm" else a[2:]
        with torch.no_grad():
            for (n, _), p in zip(ps, params):
                getattr(mod, n).data = p
        # rebuild with the differentiable params
        out = torch._VF.lstm(x, (h0, c0), list(params), bias, L, 0.0, False, bidir, bf) if kind == "lstm" else \
            torch._VF.gru(x, h0, list(params), bias, L, 0.0, False, bidir, bf)
        return tuple(out)
    ins = [("x", x), ("h0", h0)] + ([("c0", c0)] if kind == "lstm" else []) + ps
    case(kind, name, [L, bidir, bf, bias], ins, run, grad=False)
case("lstm_cell", "cell", [], [("x", rn(2, 3)), ("h", rn(2, 4)), ("c", rn(2, 4)), ("wih", rn(16, 3)), ("whh", rn(16, 4)),
                               ("bih", rn(16)), ("bhh", rn(16))],
     lambda x, h, c, wih, whh, bih, bhh: torch.lstm_cell(x, (h, c), wih, whh, bih, bhh), grad=False)
case("gru_cell", "cell", [], [("x", rn(2, 3)), ("h", rn(2, 4)), ("wih", rn(12, 3)), ("whh", rn(12, 4)),
                              ("bih", rn(12)), ("bhh", rn(12))],
     lambda x, h, wih, whh, bih, bhh: torch.gru_cell(x, h, wih, whh, bih, bhh))

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "nn_cases.txt")
with open(out, "w") as f:
    f.write("# generated by tests/runtime/gen_nn.py with torch %s — do not edit\n" % torch.__version__)
    f.write("\n".join(LINES) + "\n")
print("wrote", out, os.path.getsize(out), "bytes")
