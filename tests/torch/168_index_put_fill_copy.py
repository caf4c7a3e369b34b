# Indexing: index_put_/index_put with accumulate, index_fill_ and index_copy_ along a dim; errors
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.zeros(5)
print(x.index_put_((torch.tensor([0, 2]),), torch.tensor([1., 2.])))
print(x.index_put((torch.tensor([0, 0, 4]),), torch.tensor(3.), accumulate=True), x)
m = torch.zeros(2, 3)
print(m.index_put_((torch.tensor([0, 1]), torch.tensor([2, 0])), torch.tensor([7., 8.])))
print(torch.zeros(3, 2).index_fill_(0, torch.tensor([0, 2]), -1), torch.zeros(2, 3).index_fill_(1, torch.tensor([1]), 2.5))
print(torch.zeros(3, 2).index_copy_(0, torch.tensor([2, 0]), torch.tensor([[1., 2.], [3., 4.]])))
print(torch.zeros(2, 3).index_copy_(1, torch.tensor([2, 0]), torch.tensor([[1., 2.], [3., 4.]])))
check(lambda: torch.zeros(3).index_put_((torch.tensor([5]),), torch.tensor(1.)))
check(lambda: torch.zeros(3).index_fill_(0, torch.tensor([3]), 1))
check(lambda: torch.zeros(3).index_fill_(1, torch.tensor([0]), 1))
