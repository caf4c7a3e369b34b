# Factories need a size: torch.zeros() is a TypeError, torch.zeros(()) and size=() are 0-dim.
import torch
for name in ["zeros", "ones", "empty", "rand", "randn"]:
    f = getattr(torch, name)
    try:
        f()
        print(name, "no error")
    except TypeError as e:
        print(name, type(e).__name__, str(e).splitlines()[0])
    print(name, f(()).shape, f(size=()).dim(), f(0).shape, f([]).shape)
