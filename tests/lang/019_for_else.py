# for loops with break/continue/else.
for i in range(5):
    if i == 3:
        break
    print('i', i)
else:
    print('not printed')
for i in range(3):
    print('j', i)
else:
    print('else after full loop')
for i in range(10):
    if i % 2:
        continue
    print('even', i)
for i in []:
    print('never')
else:
    print('empty else')
def find(items, target):
    for idx, v in enumerate(items):
        if v == target:
            print('found at', idx)
            break
    else:
        print('not found')
find([4, 5, 6], 5)
find([4, 5, 6], 7)
for a in range(3):
    for b in range(3):
        if b == 2:
            break
        if a == b:
            continue
        print('pair', a, b)
for ch in 'abc':
    print(ch, end=' ')
print()
for k in {'x': 1, 'y': 2}:
    print('key', k)
for k, v in {'x': 1, 'y': 2}.items():
    print(k, '=', v)
for i in range(3):
    pass
print('loop var after loop', i)
