# Ellipsis and the keys __getitem__ receives.
print(...)
print(Ellipsis, ... is Ellipsis, repr(...), type(...).__name__)
class Probe:
    def __getitem__(self, key):
        return key
p = Probe()
print(p[1])
print(p[1:2])
print(p[::2])
print(p[1, 2])
print(p[...])
print(p[..., 0])
print(p[1:2, ...])
print(p[:, None])
print(p[1:2:3, 4, ::-1])
print(p['key'])
print(p[(1,)])
print(p[()])
def stub():
    ...
print(stub())
