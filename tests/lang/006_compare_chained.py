# Comparisons and chaining.
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 == 1.0 == True)
x = 5
print(0 <= x < 10, 0 <= x <= 4, x != 5, not x == 5)
calls = []
def v(n):
    calls.append(n)
    return n
print(v(1) < v(0) < v(5))
print(calls)
print('abc' < 'abd', 'a' < 'B', 'Z' < 'a', 'abc' < 'ab', '' < 'a')
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], (1, 'a') < (1, 'b'), [] == [])
print((1, 2) == (1, 2), [1, 2] == (1, 2), {'a': 1} == {'a': 1}, {1, 2} == {2, 1})
print(1 == 1.0, 1 != 1.0, 2 < 2.5, -1 > -1.5, True == 1, False == 0)
print(None == None, None is None, None != 0, 'a' == 97)
print(float('nan') == float('nan'), float('inf') > 10 ** 18)
try:
    print(1 < 'a')
except TypeError as e:
    print('TypeError:', e)
try:
    print([1] < (1,))
except TypeError as e:
    print('TypeError:', e)
a = b = [1]
print(a is b, a == [1], a is [1] is a)
print(1 < 2 == 2 > 1 != 0)
