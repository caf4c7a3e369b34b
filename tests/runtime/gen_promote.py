#!/usr/bin/python3
# gen_promote.py — regenerates data/promote.txt: torch.result_type for every dtype pair and operand kind.
# Usage: /usr/bin/python3 tests/runtime/gen_promote.py > tests/runtime/data/promote.txt
# Kinds: t = 1-D tensor, z = 0-dim tensor, s = Python scalar (bool/int/float).
import torch

DTS = [torch.bool, torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64,
       torch.float16, torch.bfloat16, torch.float32, torch.float64]
NAME = lambda d: str(d).replace('torch.', '')
SCALARS = [('bool', True), ('int', 2), ('float', 2.5)]

for a in DTS:
    for b in DTS:
        for ka in 'tz':
            for kb in 'tz':
                x = torch.ones(2, dtype=a) if ka == 't' else torch.ones((), dtype=a)
                y = torch.ones(2, dtype=b) if kb == 't' else torch.ones((), dtype=b)
                print('%s%s %s %s %s' % (ka, kb, NAME(a), NAME(b), NAME(torch.result_type(x, y))))
    for ka in 'tz':
        for sname, sval in SCALARS:
            x = torch.ones(2, dtype=a) if ka == 't' else torch.ones((), dtype=a)
            print('%ss %s %s %s' % (ka, NAME(a), sname, NAME(torch.result_type(x, sval))))
