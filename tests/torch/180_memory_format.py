# Conversion: torch.memory_format objects; clone/contiguous/is_contiguous with contiguous_format and preserve_format
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
print(torch.contiguous_format, torch.preserve_format, repr(torch.channels_last), type(torch.contiguous_format).__name__)
x = torch.arange(6.).reshape(2, 3)
t = x.t()
print(t.clone().stride(), t.clone(memory_format=torch.preserve_format).stride(), t.clone(memory_format=torch.contiguous_format).stride())
print(t.contiguous(memory_format=torch.contiguous_format).stride(), t.is_contiguous(memory_format=torch.contiguous_format))
print(x.contiguous(memory_format=torch.contiguous_format) is x, x.clone(memory_format=torch.contiguous_format).stride())
s = x[:, ::2]
print(s.clone(memory_format=torch.preserve_format).stride(), s.clone(memory_format=torch.contiguous_format).stride())
g = torch.ones(2, 2, requires_grad=True).t()
print(type(g.clone(memory_format=torch.contiguous_format).grad_fn).__name__)
check(lambda: x.clone(memory_format=1))
check(lambda: t.contiguous(memory_format=torch.preserve_format))
check(lambda: x.is_contiguous(memory_format=torch.preserve_format))
