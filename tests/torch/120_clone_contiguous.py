# Conversion: clone copies (strides kept for dense views), contiguous returns self or a packed copy
import torch
x = torch.arange(6.).reshape(2, 3)
c = x.clone()
c[0, 0] = 100
print(x[0, 0], c[0, 0], c.is_contiguous())
t = x.t()
tc = t.clone()
print(tc.stride(), tc.is_contiguous(), tc)
cc = t.contiguous()
print(cc.stride(), cc.is_contiguous(), cc)
print(x.contiguous() is x, t.contiguous() is t)
s = x[:, ::2]
print(s.clone().stride(), s.contiguous().stride(), s.is_contiguous())
r = torch.tensor([1.0, 2.0], requires_grad=True)
print(r.clone(), r.clone().grad_fn.__class__.__name__, r.contiguous() is r)
print(torch.clone(x).shape)
