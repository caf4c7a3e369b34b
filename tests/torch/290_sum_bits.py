# 290_sum_bits.py — float32/float64 sum and mean give PyTorch's exact bits (its cascade order), printed with repr.
import torch

torch.set_num_threads(1)
print(torch.get_num_threads())
torch.manual_seed(290)
state = [12345]


def next_size(limit):
    state[0] = (state[0] * 1103515245 + 12345) % 2147483648
    return state[0] % limit


def data(*shape):
    return torch.randn(*shape) * 100 + 3


sizes = [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 127, 128, 129, 511, 512, 513, 4095, 4096, 4097,
         32767, 32768, 32769, 131073, 1048576 + 12345]
sizes += [next_size(300) for _ in range(20)] + [next_size(20000) for _ in range(15)] + [next_size(400000) for _ in range(5)]
for n in sizes:
    x = data(n)
    d = x.double()
    print(n, repr(x.sum().item()), repr(x.mean().item()), repr(d.sum().item()), repr(d.mean().item()))

# dims: trailing (each row one run), leading and middle ("outer" column sums)
for shape, dims in [((3, 5), 1), ((4, 8), 1), ((7, 33), -1), ((2, 3, 100), (1, 2)), ((50, 1000), 1),
                    ((2, 3), 0), ((9, 7), 0), ((17, 12), 0), ((33, 31), 0), ((100, 32), 0), ((70, 40), 0),
                    ((1000, 67), 0), ((300, 129), 0), ((6, 7, 9), (0, 1)), ((3, 40, 5), 1), ((4, 6, 37), 1)]:
    x = data(*shape)
    s, m = x.sum(dims), x.mean(dims, keepdim=True)
    print(shape, dims, [repr(v) for v in s.flatten().tolist()[:6]], repr(s.sum().item()),
          [repr(v) for v in m.flatten().tolist()[-4:]], repr(x.double().sum(dims).flatten()[-1].item()))

# whole-tensor sums with several threads: one chunk per thread, then the chunk sums
for threads in (2, 3):
    torch.set_num_threads(threads)
    print("threads", torch.get_num_threads())
    for n in (32767, 32768, 65537, 100003, 500001):
        x = data(n)
        print(n, repr(x.sum().item()), repr(x.mean().item()), repr(x.double().sum().item()))
torch.set_num_threads(1)

for bad in ("2", 2.0, 0, -3):
    try:
        torch.set_num_threads(bad)
    except RuntimeError as e:
        print(type(e).__name__, e)
print(torch.get_num_threads())
