# matmul / @ / mm / bmm / mv / dot error messages: shape mismatches, wrong dims, dtype mismatches, 0-dim operands
import torch
# regen-sed: s/^RuntimeError size mismatch, got 6, 6x4,5$/RuntimeError size mismatch, got input (6), mat (6x4), vec (5)/
# regen-sed: s/^RuntimeError expected scalar type Float but found Long$/RuntimeError expected m1 and m2 to have the same dtype, but got: float != long int/
# regen-sed: s/^RuntimeError size mismatch, got 2, 2x3,2$/RuntimeError size mismatch, got input (2), mat (2x3), vec (2)/


def show(f):
    try:
        r = f()
        print(r.shape, r)
    except Exception as e:
        print(type(e).__name__, e)


show(lambda: torch.ones(2, 3) @ torch.ones(4, 5))
show(lambda: torch.ones(3) @ torch.ones(4))
show(lambda: torch.ones(2, 3, 4) @ torch.ones(2, 5, 6))
show(lambda: torch.ones(2, 3, 4) @ torch.ones(3, 4, 5))
show(lambda: torch.ones(4) @ torch.ones(2, 3))
show(lambda: torch.ones(2, 3, 4) @ torch.ones(5))
show(lambda: torch.tensor(2.) @ torch.ones(2))
show(lambda: torch.ones(2) @ torch.tensor(3.))
show(lambda: torch.ones(2, 2) @ torch.ones(2, 2, dtype=torch.int64))
show(lambda: torch.ones(2) @ torch.ones(2, dtype=torch.int64))
show(lambda: torch.mm(torch.ones(2, 3), torch.ones(3)))
show(lambda: torch.mm(torch.ones(2), torch.ones(2, 3)))
show(lambda: torch.mm(torch.ones(2, 3), torch.ones(4, 2)))
show(lambda: torch.bmm(torch.ones(2, 3), torch.ones(2, 3)))
show(lambda: torch.bmm(torch.ones(2, 3, 4), torch.ones(3, 4, 5)))
show(lambda: torch.bmm(torch.ones(2, 3, 4), torch.ones(2, 5, 6)))
show(lambda: torch.mv(torch.ones(2, 3), torch.ones(2, 3)))
show(lambda: torch.mv(torch.ones(3), torch.ones(3)))
show(lambda: torch.dot(torch.ones(2, 2), torch.ones(2, 2)))
show(lambda: torch.dot(torch.ones(3), torch.ones(4)))
show(lambda: torch.dot(torch.ones(3), torch.ones(3, dtype=torch.float64)))
show(lambda: torch.matmul(torch.ones(2), [1., 2.]))
