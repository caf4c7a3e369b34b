# Random: multinomial with and without replacement, 1-D and 2-D probabilities, unnormalised weights, and errors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


torch.manual_seed(0)
w = torch.tensor([0.1, 0.2, 0.3, 0.4])
print(torch.multinomial(w, 2), torch.multinomial(w, 4), torch.multinomial(w, 10, replacement=True))
print(torch.multinomial(torch.tensor([[1., 0., 3.], [0., 5., 5.]]), 2), torch.multinomial(torch.tensor([[1., 2.], [3., 4.]]), 5, True))
print(w.multinomial(3, generator=torch.Generator().manual_seed(2)), torch.multinomial(w.double(), 1))
print(torch.multinomial(torch.tensor([0., 0., 1.]), 1), torch.multinomial(torch.tensor([0., 1., 1.]), 2))
show(lambda: torch.multinomial(w, 5))
show(lambda: torch.multinomial(torch.tensor([-1., 2.]), 1))
show(lambda: torch.multinomial(torch.tensor([0., 0.]), 1))
show(lambda: torch.multinomial(torch.ones(2, 2, 2), 1))
show(lambda: torch.multinomial(torch.tensor([1, 2]), 1))
show(lambda: torch.multinomial(w, 0))
show(lambda: torch.multinomial(torch.tensor([0., 1., 0.]), 2))
