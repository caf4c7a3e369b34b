# Augmented assignment.
x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 2; print(x)
x //= 5; print(x)
x %= 3; print(x)
x **= 5; print(x)
x /= 4; print(x)
y = 0b1111
y &= 0b1010; print(y)
y |= 0b0101; print(y)
y ^= 0b0011; print(y)
y <<= 2; print(y)
y >>= 1; print(y)
a = [1, 2]
b = a
a += [3]
print(a, b, a is b)
t = (1, 2)
u = t
t += (3,)
print(t, u, t is u)
s = 'ab'
s *= 3
print(s)
lst = [1]
lst *= 3
print(lst)
d = {'n': 0}
for i in range(5):
    d['n'] += i
print(d)
f = 1.5
f += 1
print(f)
