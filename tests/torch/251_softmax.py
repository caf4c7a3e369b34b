# softmax / log_softmax along dims, large values (stability), -inf entries, float64, int input errors, dtype=
import torch

x = torch.tensor([[1., 2., 3.], [1000., 1000., 1000.], [-float('inf'), 0., 0.]])
print(torch.softmax(x, 1), x.softmax(dim=0), torch.log_softmax(x, -1))
print(torch.nn.functional.softmax(x, dim=1).sum(1), x.double().softmax(1), x.log_softmax(0))
print(torch.softmax(torch.tensor([1., 2.]), 0, dtype=torch.float64), torch.softmax(torch.tensor([-float('inf'), -float('inf')]), 0))
print(torch.softmax(torch.tensor(3.), 0), torch.softmax(torch.ones(0, 3), 1), torch.log_softmax(torch.tensor([0., 0., 0., 0.]), 0))
print(torch.softmax(torch.tensor([1, 2, 3]), 0, dtype=torch.float32))
for f in [lambda: torch.softmax(torch.tensor([1, 2, 3]), 0), lambda: torch.log_softmax(torch.tensor([1, 2]), 0), lambda: x.softmax(2)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
