# Random: torch.normal in its forms (tensor means / stds, scalar with size), random_ and exponential_ when present
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


torch.manual_seed(12)
print(torch.normal(torch.tensor([0., 10., 100.]), torch.tensor([1., 0.1, 0.01])))
print(torch.normal(2.0, 3.0, size=(4,)), torch.normal(torch.zeros(3), 2.0), torch.normal(1.0, torch.ones(3)))
print(torch.empty(5, dtype=torch.int64).random_(0, 10), torch.empty(3).random_(5), torch.empty(3, dtype=torch.int32).random_())
print(torch.empty(4).exponential_(), torch.empty(3, dtype=torch.float64).exponential_(2.0))
show(lambda: torch.normal(torch.zeros(2), torch.tensor([-1., 1.])))
show(lambda: torch.empty(2).exponential_(-1))
show(lambda: torch.normal(torch.zeros(2), -1.0))
