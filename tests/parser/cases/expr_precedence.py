x = not a == b
y = -a.b
z = a + b if c else d
w = lambda: a if b else c
v = a or b if c else d
u = a | b < c
t = -2 ** 2
