# list methods.
a = [3, 1, 2]
a.append(4)
a.extend([5, 6])
a.extend((7,))
a.extend(range(8, 10))
a.insert(0, 0)
a.insert(100, 'end')
a.insert(-1, 'before-end')
print(a)
a.remove('end')
a.remove('before-end')
print(a.pop(), a.pop(0), a.pop(-2), a)
print(a.index(2), a.index(5, 3), a.count(1), [1, 1, 2].count(1))
a.sort()
print(a)
a.sort(reverse=True)
print(a)
a.reverse()
print(a)
words = ['banana', 'Apple', 'cherry', 'apple']
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
words.sort(key=lambda w: (len(w), w))
print(words)
b = a.copy()
b.append(99)
print(len(a), len(b))
b.clear()
print(b)
pairs = [(2, 'b'), (1, 'z'), (2, 'a'), (1, 'y')]
pairs.sort(key=lambda p: p[0])
print(pairs)
try:
    [1, 2].remove(3)
except ValueError as e:
    print('ValueError:', e)
try:
    [].pop()
except IndexError as e:
    print('IndexError:', e)
try:
    [1].index(3)
except ValueError as e:
    print('ValueError:', e)
try:
    [1, 'a'].sort()
except TypeError as e:
    print('TypeError:', e)
try:
    [1].pop(5)
except IndexError as e:
    print('IndexError:', e)
print(a.sort() is None, list.append, 'ok') if False else print('methods return None:', [].sort(), [].reverse())
