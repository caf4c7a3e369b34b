#!/usr/bin/python3
# gen_rng.py — regenerates data/rng.txt: seeded CPU random streams from Debian's python3-torch (1.13).
# Usage: /usr/bin/python3 tests/runtime/gen_rng.py > tests/runtime/data/rng.txt
# Line pairs: "rng <name> <seed> <op> <dtype> <n> <a> <b>" then "want <values>" (floats as hex bit
# patterns, integers in decimal). 1.13-only behaviour (fp64 scalar randn, wide randint) is tested
# by the C side in 1.13 compatibility mode.
import struct
import torch

DT = {'float32': torch.float32, 'float64': torch.float64, 'float16': torch.float16,
      'bfloat16': torch.bfloat16, 'int64': torch.int64, 'int32': torch.int32, 'uint8': torch.uint8,
      'bool': torch.bool}

def hexes(t):
    out = []
    if t.dtype == torch.float32:
        out = ['%08x' % struct.unpack('<I', struct.pack('<f', v))[0] for v in t.tolist()]
    elif t.dtype == torch.float64:
        out = ['%016x' % struct.unpack('<Q', struct.pack('<d', v))[0] for v in t.tolist()]
    elif t.dtype in (torch.float16, torch.bfloat16):
        out = ['%04x' % v for v in t.view(torch.int16).tolist()]
        out = ['%04x' % (int(v, 16) & 0xffff) for v in out]
    else:
        out = [str(int(v)) for v in t.tolist()]
    return ' '.join(out)

def run(op, dt, n, a, b):
    d = DT[dt]
    if op == 'rand':
        return torch.rand(n, dtype=d)
    if op == 'uniform':
        return torch.empty(n, dtype=d).uniform_(a, b)
    if op == 'normal':
        return torch.empty(n, dtype=d).normal_(a, b)
    if op == 'normal_t':  # non-contiguous (every other element of a 2n buffer)
        buf = torch.zeros(2 * n, dtype=d)
        buf[::2].normal_(a, b)
        return buf
    if op == 'randn31':   # randn(3) then randn(1): the cached Box-Muller value
        torch.randn(3, dtype=d)
        return torch.randn(1, dtype=d)
    if op == 'randint':
        return torch.randint(int(a), int(b), (n,), dtype=d)
    if op == 'randperm':
        return torch.randperm(n, dtype=d)
    if op == 'bernoulli':
        return torch.zeros(n, dtype=d).bernoulli_(a)
    if op == 'bernoulli_t':
        return torch.bernoulli(torch.full((n,), a, dtype=d))
    if op == 'random64':
        return torch.empty(n, dtype=torch.int64).random_()
    raise ValueError(op)

cases = []
for seed in (0, 42, 123, 2**32 + 7):
    for n in (1, 5, 17):
        cases.append(('rand', 'float32', n, 0, 1, seed))
    cases.append(('rand', 'float64', 5, 0, 1, seed))
    cases.append(('rand', 'float16', 5, 0, 1, seed))
    cases.append(('rand', 'bfloat16', 5, 0, 1, seed))
    for n in (1, 2, 3, 7, 15, 16, 17, 20, 31, 32, 33, 100, 1000):
        cases.append(('normal', 'float32', n, 0, 1, seed))
    for n in (3, 16, 20, 37):
        cases.append(('normal', 'float64', n, 0, 1, seed))
    cases.append(('normal', 'float32', 40, 2.5, 0.5, seed))
    cases.append(('normal', 'float32', 5, -1.0, 3.0, seed))
    cases.append(('normal', 'float64', 21, 1.5, 2.0, seed))
    cases.append(('normal', 'float16', 5, 0, 1, seed))
    cases.append(('normal', 'float16', 20, 0, 1, seed))
    cases.append(('normal', 'bfloat16', 20, 0, 1, seed))
    cases.append(('normal_t', 'float32', 20, 0, 1, seed))
    cases.append(('randn31', 'float32', 1, 0, 1, seed))
    cases.append(('uniform', 'float32', 50, -0.0357, 0.0357, seed))
    cases.append(('uniform', 'float32', 20, 2.0, 7.5, seed))
    cases.append(('uniform', 'float64', 20, -3.0, 1.0 / 3.0, seed))
    cases.append(('uniform', 'float16', 10, -1.0, 2.0, seed))
    cases.append(('uniform', 'bfloat16', 10, -1.0, 2.0, seed))
    cases.append(('randint', 'int64', 20, 0, 10, seed))
    cases.append(('randint', 'int64', 10, -5, 5, seed))
    cases.append(('randint', 'int32', 10, 0, 2**20, seed))
    cases.append(('randint', 'int64', 10, 0, 2**31, seed))
    cases.append(('randint', 'int64', 5, 0, 2**40, seed))
    cases.append(('randint', 'float32', 5, 0, 100, seed))
    for n in (1, 2, 5, 10, 100):
        cases.append(('randperm', 'int64', n, 0, 0, seed))
    cases.append(('bernoulli', 'float32', 30, 0.3, 0, seed))
    cases.append(('bernoulli', 'bool', 20, 0.5, 0, seed))
    cases.append(('bernoulli_t', 'float32', 30, 0.3, 0, seed))
    cases.append(('bernoulli_t', 'float64', 30, 0.7, 0, seed))
    cases.append(('random64', 'int64', 4, 0, 0, seed))

for i, (op, dt, n, a, b, seed) in enumerate(cases):
    torch.manual_seed(seed)
    t = run(op, dt, n, a, b)
    print('rng %s_%d %d %s %s %d %r %r' % (op, i, seed, op, dt, n, float(a), float(b)))
    print('want %s' % hexes(t))
