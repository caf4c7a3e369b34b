# Slicing of lists, tuples, strings; slice objects.
lst = list(range(10))
print(lst[2:5], lst[:3], lst[7:], lst[-3:], lst[:-7], lst[::3], lst[::-1])
print(lst[8:2:-2], lst[-1:-4:-1], lst[5:5], lst[5:1], lst[100:], lst[-100:2])
print(lst[1:9:3], lst[::-3], lst[-2::-4])
s = 'abcdefgh'
print(s[1:4], s[::-1], s[::2], s[-3:], s[:0], s[3:100])
t = (0, 1, 2, 3, 4)
print(t[1:3], t[::-2], t[:], type(t[1:2]).__name__)
print(lst[2], lst[-1], s[0], s[-1], t[-5])
sl = slice(1, 8, 2)
print(sl, sl.start, sl.stop, sl.step, lst[sl], s[sl])
print(slice(5), slice(None, 3), slice(1, None, -1))
print(lst[slice(None, None, -2)])
copy = lst[:]
copy.append(99)
print(len(lst), len(copy))
try:
    lst[::0]
except ValueError as e:
    print('ValueError:', e)
try:
    lst[20]
except IndexError as e:
    print('IndexError:', e)
try:
    s[20]
except IndexError as e:
    print('IndexError:', e)
try:
    t[9]
except IndexError as e:
    print('IndexError:', e)
nested = [[1, 2, 3], [4, 5, 6]]
print(nested[1][::-1], nested[-1][-1])
print(range(10)[2:8:2], list(range(10)[::-3]))
print(slice(1, 2) == slice(1, 2), slice(1, 2, 3).indices(10), slice(None, None, -1).indices(5))
