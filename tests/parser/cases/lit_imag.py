a = 1j
b = 2.5j
c = 1e3J
d = .5j
