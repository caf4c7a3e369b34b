# Indexing: integers, negative integers, slices with steps, views not copies
import torch
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ':', e)
x = torch.arange(20).reshape(4, 5)
print(x[0], x[-1], x[1, 2], x[-1, -1], x[1][2])
print(x[1:3], x[:, 1:4:2], x[::2, ::-1] if False else x[::2, ::3])
print(x[5:], x[:, 10:].shape, x[-10:2], x[2:1].shape, x[:, -3:-1])
s = x[1:, ::2]
print(s.stride(), s.storage_offset(), s.is_contiguous())
s[0, 0] = -5
print(x[1, 0])
print(x[1:2, 3:4], x[3, 1:], type(x[1, 2]).__name__, x[1, 2].dim())
print(x[:].data_ptr() == x.data_ptr())
check(lambda: x[4])
check(lambda: x[-5])
check(lambda: x[0, 5])
check(lambda: x[::-1])
check(lambda: x[::0])
check(lambda: x[0, 0, 0])
check(lambda: torch.tensor(5)[0])
