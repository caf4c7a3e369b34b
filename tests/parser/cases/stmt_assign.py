a = 1
a = b = c = 2
a, b = b, a
(a, b) = [c, d]
[a, b] = 1, 2
a.b = 1
a[0] = 1
a[1:2] = []
(a) = 1
((a, b), c) = x
