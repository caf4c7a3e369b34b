# Attribute, subscript and slice assignment targets.
class Box:
    pass
b = Box()
b.x = 1
b.y = b.x + 1
b.x += 10
print(b.x, b.y)
lst = [0, 1, 2, 3, 4, 5]
lst[0] = 'a'
lst[-1] = 'z'
lst[1] += 100
print(lst)
lst[1:3] = ['p', 'q', 'r']
print(lst)
lst[::2] = [7, 7, 7, 7]
print(lst)
lst[:] = []
print(lst)
d = {}
d['k'] = 1
d['k'] += 1
d[(1, 2)] = 'tuple key'
print(d)
m = [[0] * 3 for _ in range(2)]
m[1][2] = 5
print(m)
b.items = [1, 2]
b.items[0] = 'first'
print(b.items)
x = [1, 2, 3, 4, 5]
x[1:4] = []
print(x)
x[1:1] = [9, 9]
print(x)
try:
    x[::2] = [1]
except ValueError as e:
    print('ValueError:', e)
obj, obj.attr = Box(), 5
print(obj.attr)
i = 0
arr = [10, 20]
i, arr[i] = 1, 99
print(i, arr)
