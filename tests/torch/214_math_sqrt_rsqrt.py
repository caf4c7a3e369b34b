# Math: sqrt / rsqrt over float and int inputs (negatives -> nan, zeros -> 0/inf), in-place forms and errors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


x = torch.tensor([0., -0., 1., 2., 4., -1., 1e-20, float('inf'), float('nan')])
print(torch.sqrt(x), torch.rsqrt(x))
print(torch.sqrt(x.double()), torch.rsqrt(torch.tensor([0.25, 1e-8], dtype=torch.float64)))
print(torch.sqrt(torch.tensor([4, 9, 2])), torch.rsqrt(torch.tensor([4, 0])), torch.sqrt(torch.tensor([True])))
print(torch.tensor(2.).sqrt().item(), torch.tensor(3.).rsqrt().item())
y = torch.tensor([16., 25.])
print(y.sqrt_(), y.rsqrt_(), y)
show(lambda: torch.tensor([4, 9]).sqrt_())
show(lambda: torch.tensor([4, 9]).rsqrt_())
show(lambda: torch.sqrt([4.0]))
