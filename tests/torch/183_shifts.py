import torch
def err(f):
    try:
        r = f()
        print("ok", r)
    except Exception as e:
        print(type(e).__name__, str(e).split("\n")[0])
a = torch.tensor([1, -8, 5, -1, 100])
print(a << torch.tensor([1, 2, 3, 4, 5]), a >> torch.tensor([1, 2, 3, 0, 5]))
print(a << 2, a >> 1, a << 0)
b = torch.tensor([1, -8, 5, -1, 100], dtype=torch.int8)
print(b << 3, b >> 1, (b << 3).dtype)
print(b << torch.tensor([1, 2, 7, 8, 9], dtype=torch.int8))
print(b >> torch.tensor([1, 2, 7, 8, 9], dtype=torch.int8))
print((b << torch.tensor(2)).dtype, (b << torch.tensor([2])).dtype)
u = torch.tensor([255, 128, 3], dtype=torch.uint8)
print(u << 1, u >> 1, u >> 7, (u << 2).dtype)
print(2 << u[2:], 1000 >> u[2:])
s = torch.tensor([[1, 2], [3, 4]], dtype=torch.int16)
print(s << torch.tensor([1, 14], dtype=torch.int16), s >> torch.tensor([[1], [2]], dtype=torch.int16))
i32 = torch.tensor([7, -7, 1 << 30], dtype=torch.int32)
print(i32 << 1, i32 >> 2, i32 << torch.tensor([1, 2, 1], dtype=torch.int32))
print(torch.bitwise_left_shift(a, 2), torch.bitwise_right_shift(a, torch.tensor([1])))
print(a.bitwise_left_shift(1), a.bitwise_right_shift(2))
print(a.__lshift__(1), a.__rshift__(1), torch.tensor([1, 8, 5]).__rlshift__(3), torch.tensor([1, 8, 5]).__rrshift__(1000))
print(torch.tensor([True]) << 1)
c = a.clone()
c <<= 2
print(c)
c >>= 1
print(c)
c.bitwise_left_shift_(1)
print(c)
c.bitwise_right_shift_(torch.tensor([1, 1, 2, 2, 3]))
print(c)
d = b.clone()
d <<= torch.tensor([1, 2, 3, 4, 5])
print(d)
e = torch.tensor([True, False])
err(lambda: a << 1.5)
err(lambda: torch.tensor([1.]) << 1)
err(lambda: a >> torch.tensor([1.]))
err(lambda: torch.tensor([1.5]) >> torch.tensor([1.]))
def ish():
    global e
    e <<= 1
err(ish)
def ish2():
    f = torch.tensor([1, 2])
    f <<= torch.tensor([[1, 2], [3, 4]])
err(ish2)
err(lambda: a << "x")
# Counts past the width: 1.13 leaves them undefined (x86 masks the count); wick follows 2.x,
# which gives 0 for << and sign fill for >> (numbers printed by PyTorch for the 2.x values).
# regen-sed: s/^tensor(\[-9223372036854775808,                   -8,                  320\]) tensor(\[ 0, -8,  0\])$/tensor([-9223372036854775808,                    0,                    0]) tensor([ 0, -1,  0])/
# regen-sed: s/^tensor(\[ 0, -8, 10,  0,  0\], dtype=torch.int8) tensor(\[ 0, -8,  2, -1,  0\], dtype=torch.int8)$/tensor([0, 0, 0, 0, 0], dtype=torch.int8) tensor([ 0, -1,  0, -1,  0], dtype=torch.int8)/
w = torch.tensor([1, -8, 5])
print(w << torch.tensor([63, 64, 70]), w >> torch.tensor([63, 64, 70]))
print(b << torch.tensor([31, 32, 33, 40, -1], dtype=torch.int8), b >> torch.tensor([31, 32, 33, 40, -1], dtype=torch.int8))
print(u << torch.tensor([8, 200, 2], dtype=torch.uint8), u >> torch.tensor([8, 200, 2], dtype=torch.uint8))
