# Shapes: combinations of view ops keep numel and element order; contiguity after each step
import torch
x = torch.arange(2 * 3 * 4).reshape(2, 3, 4)
steps = [lambda t: t.transpose(0, 2), lambda t: t.unsqueeze(1), lambda t: t.expand(-1, 2, -1, -1),
         lambda t: t[:, 0], lambda t: t.permute(2, 1, 0), lambda t: t.flatten(1), lambda t: t.t(),
         lambda t: t.reshape(-1), lambda t: t.unfold(0, 4, 4), lambda t: t.narrow(0, 1, 2)]
t = x
for f in steps:
    t = f(t)
    print(tuple(t.shape), t.stride(), t.is_contiguous(), t.numel(), t.flatten()[:6].tolist())
print(t)
