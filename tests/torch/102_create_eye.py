# Creation: torch.eye with n, n and m, dtype, and its errors
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
print(torch.eye(3))
print(torch.eye(2, 4))
print(torch.eye(4, 2))
print(torch.eye(3, dtype=torch.int64))
print(torch.eye(2, dtype=torch.bool))
print(torch.eye(0), torch.eye(1))
print(torch.eye(3, m=1))
check(lambda: torch.eye(-1))
check(lambda: torch.eye(2, -2))
