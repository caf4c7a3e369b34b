# Random: get_state / set_state on Generator objects and torch.get_rng_state / set_rng_state round trips, state errors
import torch


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


g = torch.Generator().manual_seed(11)
st = g.get_state()
print(type(st).__name__, st.dtype, st.shape)
a = torch.rand(3, generator=g)
b = torch.randn(20, generator=g)
g.set_state(st)
print(torch.equal(a, torch.rand(3, generator=g)), torch.equal(b, torch.randn(20, generator=g)))
torch.manual_seed(4)
torch.randn(1)
s = torch.get_rng_state()
c = torch.randn(3)
torch.set_rng_state(s)
print(torch.equal(c, torch.randn(3)), s.shape, torch.get_rng_state().dtype)
h = torch.Generator()
h.set_state(g.get_state())
print(torch.equal(torch.rand(4, generator=g), torch.rand(4, generator=h)))
show(lambda: g.set_state(torch.zeros(10, dtype=torch.uint8)))
show(lambda: g.set_state(torch.zeros(5056)))
show(lambda: g.set_state([1, 2]))
