#!/usr/bin/python3
# gen.py — regenerates the checkpoint fixtures in tests/ckpt/data with Debian's python3-torch (1.13).
# Usage: /usr/bin/python3 tests/ckpt/gen.py
# Writes data/*.pt (torch.save), data/evil*.pt (files that must be refused), data/hand.safetensors
# (written from the format description, no safetensors package here) and data/expected.txt, the
# values test_ckpt.c checks. Lines of expected.txt:
#   T <file> <path> <dtype> <shape> <stride> <offset> <requires_grad> <values as hex bits...>
#   R <file> <path> <repr of a non-tensor value>
#   S <file> <pathA> <pathB>        (the two tensors share one storage)
# Paths are '/'-separated keys (dict keys, list/tuple indices; '.' is the whole object).
import json
import math
import os
import pickle
import struct
import sys

import torch
import torch.nn as nn

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data')
DTN = {torch.float32: 'float32', torch.float64: 'float64', torch.float16: 'float16',
       torch.bfloat16: 'bfloat16', torch.int64: 'int64', torch.int32: 'int32', torch.int16: 'int16',
       torch.int8: 'int8', torch.uint8: 'uint8', torch.bool: 'bool'}
lines = []


def hexes(t):
    t = t.detach().contiguous().reshape(-1)
    if t.dtype == torch.float32:
        return ['%08x' % struct.unpack('<I', struct.pack('<f', v))[0] for v in t.tolist()]
    if t.dtype == torch.float64:
        return ['%016x' % struct.unpack('<Q', struct.pack('<d', v))[0] for v in t.tolist()]
    if t.dtype in (torch.float16, torch.bfloat16):
        return ['%04x' % (v & 0xffff) for v in t.view(torch.int16).tolist()]
    return [str(int(v)) for v in t.tolist()]


def dims(xs):
    return '[' + ','.join(str(x) for x in xs) + ']'


def walk(fname, obj, path):
    if isinstance(obj, torch.Tensor):
        lines.append(' '.join(['T', fname, path or '.', DTN[obj.dtype], dims(obj.shape),
                               dims(obj.stride()), str(obj.storage_offset()),
                               str(int(obj.requires_grad))] + hexes(obj)))
    elif isinstance(obj, dict):
        for k, v in obj.items():
            walk(fname, v, (path + '/' if path else '') + str(k))
    elif isinstance(obj, (list, tuple)) and any(isinstance(x, (torch.Tensor, dict, list, tuple)) for x in obj):
        for i, v in enumerate(obj):
            walk(fname, v, (path + '/' if path else '') + str(i))
    else:
        lines.append('R %s %s %r' % (fname, path or '.', obj))


def save(fname, obj, shared=()):
    torch.save(obj, os.path.join(HERE, fname))
    back = torch.load(os.path.join(HERE, fname))
    walk(fname, back, '')
    for a, b in shared:
        lines.append('S %s %s %s' % (fname, a, b))


def tensors():
    x = torch.arange(6, dtype=torch.float64).view(2, 3) / 4 - 0.5
    return {
        'f32': x.float(), 'f64': x * math.pi, 'f16': x.half() * 3, 'bf16': x.bfloat16() * 7,
        'i64': torch.tensor([0, -5, 2 ** 40, -2 ** 63, 2 ** 63 - 1]),
        'i32': torch.tensor([[1, -2], [3, 2 ** 31 - 1]], dtype=torch.int32),
        'i16': torch.tensor([-32768, 7], dtype=torch.int16),
        'i8': torch.tensor([-128, 127, 0], dtype=torch.int8),
        'u8': torch.tensor([0, 200, 255], dtype=torch.uint8),
        'bool': torch.tensor([True, False, True]),
        'scalar': torch.tensor(3.5), 'empty': torch.zeros(0, 3),
        'special': torch.tensor([float('nan'), float('inf'), -float('inf'), -0.0]),
    }


def model():
    torch.manual_seed(0)
    m = nn.Sequential(nn.Linear(4, 3), nn.BatchNorm1d(3), nn.ReLU(), nn.Linear(3, 2))
    return m


def checkpoint():
    m = model()
    opt = torch.optim.Adam(m.parameters(), lr=0.01)
    torch.manual_seed(1)
    x, y = torch.randn(5, 4), torch.tensor([0, 1, 1, 0, 1])
    loss = None
    for _ in range(2):
        opt.zero_grad()
        loss = nn.functional.cross_entropy(m(x), y)
        loss.backward()
        opt.step()
    return {'epoch': 5, 'model_state_dict': m.state_dict(),
            'optimizer_state_dict': opt.state_dict(), 'loss': loss}


def shared():
    base = torch.arange(12, dtype=torch.float32)
    return {'base': base, 'win': base[2:8].view(2, 3), 'tr': base.view(3, 4).t(),
            'step': base[::3], 'exp': torch.tensor([1.5, 2.5]).expand(3, 2),
            'last': base[11]}


def misc():
    lst = [1, 2]
    p = nn.Parameter(torch.tensor([1.0, -1.0]))
    rg = torch.tensor([2.0, 4.0], requires_grad=True)
    return {'none': None, 't': True, 'f': False, 'ints': [0, 255, 256, 65535, 65536, -1, -129,
            2 ** 31, -2 ** 31 - 1, 2 ** 62, -2 ** 63], 'floats': [0.1, -2.5e-300, 1e300, float('inf')],
            'str': 'h\u00e9llo \u2603', 'tuple': (1, 'a', (2.5,)), 'empty': ([], {}, ()),
            'twice': [lst, lst], 'intkeys': {0: 'a', 7: 'b'}, 'param': p, 'rg': rg,
            'dtype': torch.float16, 'size': torch.Size([2, 3])}


class Evil:
    def __reduce__(self):
        return (os.system, ('touch /tmp/wick_ckpt_owned',))


def write_safetensors(path, tensors, metadata):
    # our own reading of the format: sorted by (alignment desc, name), compact JSON, space padding
    order = ['I64', 'F64', 'F32', 'I32', 'BF16', 'F16', 'I16', 'I8', 'U8', 'BOOL']
    code = {torch.float64: 'F64', torch.int64: 'I64', torch.float32: 'F32', torch.int32: 'I32',
            torch.bfloat16: 'BF16', torch.float16: 'F16', torch.int16: 'I16', torch.uint8: 'U8',
            torch.int8: 'I8', torch.bool: 'BOOL'}
    names = sorted(tensors, key=lambda n: (order.index(code[tensors[n].dtype]), n))
    head, data = {}, b''
    if metadata is not None:
        head['__metadata__'] = metadata
    for n in names:
        t = tensors[n].contiguous()
        raw = t.reshape(-1).view(torch.uint8).numpy().tobytes() if t.numel() else b''
        head[n] = {'dtype': code[t.dtype], 'shape': list(t.shape), 'data_offsets': [len(data), len(data) + len(raw)]}
        data += raw
    h = json.dumps(head, separators=(',', ':')).encode()
    h += b' ' * (-len(h) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(h)) + h + data)


def main():
    os.makedirs(HERE, exist_ok=True)
    save('tensors.pt', tensors())
    save('state_dict.pt', model().state_dict())
    save('checkpoint.pt', checkpoint())
    save('shared.pt', shared(), [('base', 'win'), ('base', 'tr'), ('base', 'step'), ('base', 'last')])
    save('misc.pt', misc(), [('twice/0', 'twice/1')])
    save('scalar.pt', torch.tensor([[1.25, -2.0]]))
    torch.save({'w': torch.ones(2), 'x': Evil()}, os.path.join(HERE, 'evil_global.pt'))
    # a pickle with a REDUCE of an allowed-looking name that is not a rebuild function
    with open(os.path.join(HERE, 'evil_pickle.pkl'), 'wb') as f:
        pickle.dump({'a': Evil()}, f, protocol=2)
    st = {'weight': torch.arange(6, dtype=torch.float32).view(2, 3) / 8,
          'bias': torch.tensor([0.5, -1.0]), 'num_batches_tracked': torch.tensor(7),
          'h': torch.tensor([1.5], dtype=torch.float16), 'mask': torch.tensor([True, False])}
    write_safetensors(os.path.join(HERE, 'hand.safetensors'), st, {'format': 'pt'})
    for k, v in st.items():
        walk('hand.safetensors', v, k)
    with open(os.path.join(HERE, 'expected.txt'), 'w') as f:
        f.write('# generated by tests/ckpt/gen.py with torch %s\n' % torch.__version__)
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    sys.exit(main())
