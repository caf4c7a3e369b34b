#!/usr/bin/python3
# gen_print.py — regenerates data/print.txt: tensors and their repr() from Debian's python3-torch (1.13).
# Usage: /usr/bin/python3 tests/runtime/gen_print.py > tests/runtime/data/print.txt
import math
import torch

DT = {torch.float32: 'float32', torch.float64: 'float64', torch.float16: 'float16',
      torch.bfloat16: 'bfloat16', torch.int64: 'int64', torch.int32: 'int32', torch.int16: 'int16',
      torch.int8: 'int8', torch.uint8: 'uint8', torch.bool: 'bool'}

cases = []

def add(name, t, suffix=None, opts=(4, 1000, 3, 80, None), transpose=False):
    cases.append((name, t, suffix, opts, transpose))

g = torch.Generator().manual_seed(1234)
T = torch.tensor
# §1.11 examples and basics
add('floats', T([1., 2., 3.]))
add('mixed', T([1.5, 2.25, -3.0]))
add('small', T([1e-5, 1.0]))
add('int1000', T([1., 1000.]))
add('int1001', T([1., 1001.]))
add('half500', T([0.5, 500.]))
add('nan', T([float('nan'), 1.5]))
add('bigint', T([1e10, float('inf')]))
add('bools', T([True, False]))
add('int32', T([1, 2], dtype=torch.int32))
add('empty03', torch.zeros(0, 3))
add('empty', T([]))
add('empty20i32', torch.zeros(2, 0, dtype=torch.int32))
add('emptyi64', T([], dtype=torch.int64))
add('empty10', T([[]]))
add('empty0f64', torch.zeros(0, dtype=torch.float64))
add('empty003', torch.zeros(0, 0, 3))
add('mean', T(1.5), suffix='grad_fn=<MeanBackward0>')
add('arange2000', torch.arange(2000))
add('ar9', torch.arange(9, dtype=torch.float64) / 3)
add('ar7grad', torch.arange(7, dtype=torch.float64) / 3, suffix='grad_fn=<DivBackward0>')
add('ar24', torch.arange(24).reshape(2, 3, 4))
add('ar3000', torch.arange(3000).reshape(50, 60))
add('ar40', torch.arange(40.).reshape(2, 20) / 3)
add('param', T([1., 2.]), suffix='requires_grad=True')
add('maxvals', T([5., 3.]))
# zeros / special values
add('zeros', T([0., 0.]))
add('zeronan', T([0., float('nan')]))
add('negzero', T([-0.0, 1.5]))
add('negzero0d', T(-0.0))
add('negzeroint', T([-0.0, 1.0]))
add('allinf', T([float('inf'), -float('inf'), float('nan')]))
add('nanmix', T([float('nan'), 1., float('inf'), -float('inf')]))
add('tiny', T([1e-4, 0.5]))
add('tiny64', T([1e-4, 0.5], dtype=torch.float64))
add('big8', T([1e8, 1.]))
add('big9', T([1e9, 1.]))
add('bigfrac', T([1e8 + 0.5, 1.], dtype=torch.float64))
add('round', T([0.125, 0.375], dtype=torch.float64))
add('negsmall', T([-0.00001, 1.0], dtype=torch.float64))
add('neg', T([-1., -2., 3.]))
add('pi0d', T(3.14159265))
add('two0d', T(2.))
add('seven', T(7))
add('true0d', T(True))
add('nan0d', T(float('nan')))
add('tiny0d', T(1e-10))
add('u8', T([0, 255, 7], dtype=torch.uint8))
add('i8', T([-128, 127, 0], dtype=torch.int8))
add('i16', T([-300, 12], dtype=torch.int16))
add('i64big', T([1000000, -5]))
add('i64huge', T([2**62, -2**62]))
add('i0d32', T(5, dtype=torch.int32))
add('f16', T([1.5, 2.25, 1e-3], dtype=torch.float16))
add('bf16', T([1.5, 2.25, 300.], dtype=torch.bfloat16))
add('f16big', T([65504., 1.], dtype=torch.float16))
add('f64_0d', T(2.5, dtype=torch.float64))
add('bool2d', T([[True, False, True], [False, False, True]]))
# random data of various scales
for i, scale in enumerate([1, 10, 1000, 1e-3, 1e6, 1e-6]):
    add('randn%d' % i, torch.randn(7, generator=g) * scale)
add('randn100', torch.randn(100, generator=g))
add('randn2d', torch.randn(4, 30, generator=g))
add('randn3d', torch.randn(2, 3, 12, generator=g))
add('randn4d', torch.randn(2, 2, 2, 3, generator=g))
add('randn5d', torch.randn(2, 1, 2, 1, 2, generator=g))
add('rand64', torch.rand(3, 9, generator=g, dtype=torch.float64))
add('randint2d', torch.randint(-1000, 1000, (5, 17), generator=g))
add('wide', torch.randn(3, 50, generator=g) * 1e4)
# summarisation
add('sum1001', torch.randn(1001, generator=g))
add('sum1000', torch.arange(1000.))
add('sum3d', torch.arange(1331).reshape(11, 11, 11))
add('sum2x1000', torch.randn(2, 1000, generator=g))
add('sum1000x2', torch.randn(1000, 2, generator=g))
add('sumbool', torch.arange(1200) % 3 == 0)
add('sum4d', torch.randn(8, 8, 8, 8, generator=g))
add('sumsmall', torch.randn(1100, generator=g) * 1e-5)
# strided
add('transposed', torch.arange(12.).reshape(3, 4), transpose=True)
add('transposed3d', torch.randn(4, 3, 2, generator=g), transpose=True)
# options
add('prec2', T([1.23456, 2.5]), opts=(2, 1000, 3, 80, None))
add('prec6', T([1.23456789, 2.5], dtype=torch.float64), opts=(6, 1000, 3, 80, None))
add('prec0', T([1.6, 2.4]), opts=(0, 1000, 3, 80, None))
add('sciT', T([1e-5, 1.0]), opts=(4, 1000, 3, 80, True))
add('sciTneg', T([-1.5e-5, 1.25]), opts=(4, 1000, 3, 80, True))
add('sciF', T([0.5, 2.0]), opts=(4, 1000, 3, 80, False))
add('lw40', torch.arange(30.) / 7, opts=(4, 1000, 3, 40, None))
add('thr5', torch.arange(10), opts=(4, 5, 3, 80, None))
add('edge2', torch.arange(100).reshape(10, 10), opts=(4, 5, 2, 80, None))
add('short', torch.randn(5, generator=g), opts=(2, 1000, 2, 80, None))
add('lw40suffix', torch.arange(5, dtype=torch.float64) / 3, suffix='grad_fn=<DivBackward0>', opts=(4, 1000, 3, 40, None))
add('suffixwrap', torch.arange(8, dtype=torch.int32) * 1000000, suffix='requires_grad=True')

def fmtval(v):
    if isinstance(v, bool):
        return '1' if v else '0'
    if isinstance(v, int):
        return str(v)
    return repr(float(v))

for name, t, suffix, opts, transpose in cases:
    p, thr, edge, lw, sci = opts
    torch.set_printoptions(precision=p, threshold=thr, edgeitems=edge, linewidth=lw, sci_mode=sci)
    src = t
    vals = (t.float() if t.dtype in (torch.float16, torch.bfloat16) else t).reshape(-1).tolist()
    s = repr(t)
    if suffix:
        # Attach the suffix through real autograd where possible is overkill; PyTorch's rule is
        # the same for any suffix, so rebuild the text with torch's own _add_suffixes.
        from torch._tensor_str import _add_suffixes, _tensor_str
        body = s[:-1]
        s = _add_suffixes(body, [suffix], 7, force_newline=False)
    print('case %s' % name)
    print('opts %d %s %d %d %s' % (p, 'inf' if thr == float('inf') else int(thr), edge, lw,
                                   {None: -1, True: 1, False: 0}[sci]))
    print('tensor %s %d %s %d' % (DT[t.dtype], t.dim(), ' '.join(str(x) for x in t.shape) or '-', 1 if transpose else 0))
    print('values %s' % ' '.join(fmtval(v) for v in vals))
    print('suffix %s' % (suffix or '-'))
    lines = s.split('\n')
    print('expect %d' % len(lines))
    for l in lines:
        print(l)
torch.set_printoptions(profile='default')
