# grad_fn names and next_functions
import torch
x = torch.tensor([1., 2.], requires_grad=True)
y = torch.tensor([3., 4.], requires_grad=True)
m = torch.ones(2, 2, requires_grad=True)
exprs = [x + 1, x + y, x - 1, 1 - x, -x, x * 2, x / 2, x ** 2, x ** y, x.sum(), x.sum(0), x.mean(),
         x.max(), x.min(), x.std(), x.var(), x.prod(), m @ m, m @ x, x @ y, x.exp(), x.log(), x.sqrt(),
         x.abs(), x.sin(), x.cos(), x.tanh(), x.sigmoid(), x.relu(), m.t(), m.transpose(0, 1),
         m.permute(1, 0), x.unsqueeze(0), m[0], m[:, 1], m[0:1], x[torch.tensor([0])], x.clone(),
         torch.cat([x, y]), torch.stack([x, y]), x.clamp(0, 1), x.double(), x.view(2, 1), x.expand(3, 2),
         torch.where(x > 1, x, y), x.masked_fill(x > 1, 0), x.cumsum(0), torch.softmax(x, 0),
         torch.log_softmax(x, 0), m.squeeze(), torch.ones(1, 2, requires_grad=True).squeeze(0)]
for e in exprs:
    print(type(e.grad_fn).__name__, e.grad_fn.name())
z = (x * y).sum()
print(z.grad_fn.next_functions[0][0].name())
nf = z.grad_fn.next_functions[0][0].next_functions
print([(type(n).__name__, i) for n, i in nf])
print(nf[0][0].variable is not None, torch.equal(nf[0][0].variable, x))
print(x.grad_fn, (x + 1).grad_fn is not None)
print(x.double().double().grad_fn.name(), x.float() is x)
