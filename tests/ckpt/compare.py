#!/usr/bin/python3
# compare.py — loads a checkpoint written by PyTorch and its copy re-saved by wick, in real PyTorch,
# and checks they are the same: structure, numbers, tensors (dtype, shape, strides, offsets, bits,
# requires_grad, Parameter) and which tensors share a storage. Usage: compare.py ORIG.pt WICK.pt
# --param-as-tensor: WICK.pt may hold a tensor with requires_grad where ORIG.pt holds an
# nn.Parameter (wick's C unit test runs without torch.nn). Exit status 0 when equal; the first
# difference is printed.
import sys
from collections import OrderedDict

import torch

PARAM_AS_TENSOR = False

def bits(t):
    t = t.detach()
    if t.dtype.is_floating_point:
        t = t.contiguous().view({2: torch.int16, 4: torch.int32, 8: torch.int64}[t.element_size()])
    return t.tolist()


def same(a, b, path, shares):
    if isinstance(a, torch.Tensor):
        if not isinstance(b, torch.Tensor):
            return '%s: tensor vs %s' % (path, type(b).__name__)
        for what in ('dtype', 'shape', 'requires_grad'):
            if getattr(a, what) != getattr(b, what):
                return '%s: %s %s vs %s' % (path, what, getattr(a, what), getattr(b, what))
        if a.stride() != b.stride() or a.storage_offset() != b.storage_offset():
            return '%s: layout %s+%d vs %s+%d' % (path, a.stride(), a.storage_offset(), b.stride(), b.storage_offset())
        if isinstance(a, torch.nn.Parameter) != isinstance(b, torch.nn.Parameter) and not PARAM_AS_TENSOR:
            return '%s: Parameter type differs' % path
        if bits(a) != bits(b):
            return '%s: values differ' % path
        shares.append((path, a.storage().data_ptr(), b.storage().data_ptr()))
        return None
    if isinstance(a, dict):
        if not isinstance(b, dict) or list(a.keys()) != list(b.keys()):
            return '%s: dict keys %r vs %r' % (path, list(a.keys()), list(b.keys()) if isinstance(b, dict) else b)
        for k in a:
            r = same(a[k], b[k], '%s/%s' % (path, k), shares)
            if r:
                return r
        return None
    if isinstance(a, (list, tuple)):
        if type(a) != type(b) or len(a) != len(b):
            return '%s: %r vs %r' % (path, type(a), type(b))
        for i, (x, y) in enumerate(zip(a, b)):
            r = same(x, y, '%s/%d' % (path, i), shares)
            if r:
                return r
        return None
    if type(a) != type(b) or (a != b and not (a != a and b != b)):
        return '%s: %r vs %r' % (path, a, b)
    return None


def main():
    global PARAM_AS_TENSOR
    args = sys.argv[1:]
    PARAM_AS_TENSOR = args[0] == '--param-as-tensor'
    if PARAM_AS_TENSOR:
        args = args[1:]
    a, b = torch.load(args[0]), torch.load(args[1])
    shares = []
    r = same(a, b, '', shares)
    if not r:   # the same partition of tensors into shared storages
        for i, (p, sa, sb) in enumerate(shares):
            for q, ta, tb in shares[:i]:
                if (sa == ta) != (sb == tb):
                    r = 'storage sharing of %s and %s differs' % (q, p)
    print(r or 'same')
    return 1 if r else 0


if __name__ == '__main__':
    sys.exit(main())
