# Rich display: wick's IPython.display._format gives tensors and torch.Size a text/html table
# next to text/plain. Under python3 (no _format) only the text/plain side is checked.
import torch

try:
    from IPython.display import _format
except ImportError:
    _format = None


def bundle(v):
    if _format is None:
        return {'text/plain': repr(v)}, None
    return _format(v)


def check(v, *needles):
    data, _ = bundle(v)
    html = data.get('text/html')
    ok = html is None if _format is None else (html.startswith('<table') and all(n in html for n in needles))
    print(data['text/plain'].splitlines()[0], ok)


x = torch.arange(6.).reshape(2, 3).requires_grad_()
check(x * 2, 'grad_fn=&lt;MulBackward0&gt;', 'torch.float32', '10.0000')
check(torch.arange(30), '&hellip;', '29', 'torch.int64')
check(torch.zeros(2, 2, 2, dtype=torch.int32), 'summarised', '<pre')
check(torch.tensor(3.5), '3.5000')
check(torch.tensor([True, False]), 'True', 'False')
check(torch.zeros(0, 3), 'empty')
check(torch.Size([2, 3]), 'numel 6')
check(torch.ones(3, requires_grad=True), 'requires_grad=True')
