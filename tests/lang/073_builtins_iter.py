# enumerate, zip, map, filter, reversed, iter, next.
print(list(enumerate('abc')), list(enumerate('ab', 1)), list(enumerate([], 5)), list(enumerate('x', start=10)))
print(list(zip([1, 2, 3], 'ab')), list(zip()), list(zip([1])), list(zip('ab', 'cd', 'ef')))
print(list(map(str, [1, 2])), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])), list(map(abs, (-1, -2))))
print(list(filter(None, [0, 1, '', 'a', None, [], [0]])), list(filter(str.isdigit, 'a1b2')))
print(list(reversed([1, 2, 3])), list(reversed('abc')), list(reversed(range(3))), list(reversed((1, 2))))
it = iter([10, 20, 30])
print(next(it), next(it), next(it), next(it, 'done'), next(it, None))
try:
    next(it)
except StopIteration:
    print('StopIteration')
m = map(lambda x: x * 2, [1, 2, 3])
print(next(m), list(m), list(m))
z = zip('abc', range(100))
print(next(z), list(z))
e = enumerate('xy')
print(next(e), next(e), next(e, 'end'))
print(type(map(str, [])).__name__, type(zip()).__name__, type(filter(None, [])).__name__, type(enumerate([])).__name__)

pairs = [('a', 1), ('b', 2)]
letters, nums = zip(*pairs)
print(letters, nums)
print(dict(zip(*zip(*pairs))))
cnt = 0
def counter():
    global cnt
    cnt += 1
    return cnt
print(list(iter(counter, 4)))
print(list(map(int, '1 2 3'.split())), sum(map(len, ['ab', 'cde'])))
try:
    next([1, 2])
except TypeError as e:
    print('TypeError:', e)
