x = a < b <= c > d >= e == f != g
y = a in b
z = a not in b
w = a is b
v = a is not b
