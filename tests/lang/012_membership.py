# in / not in.
print(2 in [1, 2, 3], 4 in [1, 2, 3], 4 not in [1, 2, 3])
print(1 in (1, 2), 'b' in ('a', 'b'))
print('ell' in 'hello', 'xyz' in 'hello', '' in 'abc', 'H' not in 'hello')
d = {'a': 1, 'b': 2}
print('a' in d, 1 in d, 'c' not in d, 1 in d.values(), ('a', 1) in d.items())
s = {1, 2, 3}
print(2 in s, 5 in s)
print(5 in range(10), 10 in range(10), 4 in range(0, 10, 2), 5 in range(0, 10, 2))
print(1.0 in [1, 2], True in [1], None in [None], [1] in [[1], [2]])
print(3 in iter([1, 2, 3]), 3 in (x * 3 for x in range(3)))
try:
    print(1 in 5)
except TypeError as e:
    print('TypeError:', e)
try:
    print([] in {1})
except TypeError as e:
    print('TypeError:', e)
