# Bitwise: & | ^ ~ and bitwise_and / or / xor / not on integer and bool tensors, scalars, and the float errors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


a = torch.tensor([12, 10, -1, 0])
b = torch.tensor([10, 6, 5, 7])
print(a & b, a | b, a ^ b, ~a, torch.bitwise_and(a, 3), torch.bitwise_or(a, b), torch.bitwise_xor(a, -1), torch.bitwise_not(a))
print(torch.tensor([0b1010], dtype=torch.uint8) ^ 0xFF, ~torch.tensor([5], dtype=torch.uint8), ~torch.tensor([5], dtype=torch.int8))
t = torch.tensor([True, False, True])
print(t & torch.tensor([True, True, False]), t | False, t ^ True, ~t, torch.bitwise_not(t), t & 1, (t & 1).dtype)
c = a.clone()
c &= 6
c |= 16
c ^= 1
print(c, a.bitwise_and_(b), a)
show(lambda: torch.tensor([1.5]) & torch.tensor([1.0]))
show(lambda: torch.tensor([1.5]) | 1)
show(lambda: ~torch.tensor([1.5]))
show(lambda: torch.bitwise_not(torch.tensor([1.5])))
show(lambda: torch.tensor([1]) & 1.5)
show(lambda: torch.tensor([1, 2]) & torch.tensor([1, 2, 3]))
