# Building strings in several ways.
parts = []
for i in range(10):
    parts.append(str(i * i))
print(','.join(parts))
s = ''
for ch in 'abcdef':
    s += ch.upper() + '.'
print(s)
print('-' * 20)
print(''.join(reversed('stressed')))
rows = []
for r in range(1, 4):
    rows.append(' '.join('%3d' % (r * c) for c in range(1, 6)))
print('\n'.join(rows))
bar = lambda n: '#' * n + '.' * (10 - n)
for n in (0, 3, 10):
    print('[%s] %3d%%' % (bar(n), n * 10))
name, items = 'cart', ['apple', 'pear']
print(f'{name}: {len(items)} item{"s" if len(items) != 1 else ""} ({", ".join(items)})')
print('%s=%r' % ('key', 'val'), '{}={!r}'.format('k', 'v'))
doc = '''first
second
third'''
print(' | '.join(line.upper() for line in doc.split('\n')))
print(str(123) + str(4.5) + str(None) + str([1]))
acc = ''
n = 0
while len(acc) < 30:
    acc += str(n)
    n += 1
print(acc, len(acc))
print('x'.join(['a', 'b', 'c']).replace('x', ' + '))
