# open() for text read and write; files go to $TEST_TMPDIR.
import os
tmp = os.environ['TEST_TMPDIR']
path = os.path.join(tmp, 'wick_open_test.txt')
f = open(path, 'w')
n = f.write('line one\n')
f.write('line two\n')
f.close()
print('wrote', n)
with open(path) as f:
    print(repr(f.read()))
with open(path, 'a') as f:
    f.write('third é\n')
with open(path, 'r') as f:
    print(repr(f.readline()))
    print(f.readlines())
with open(path) as f:
    for i, line in enumerate(f):
        print(i, line.rstrip('\n'))
with open(path, 'w') as f:
    print('via print', 1, 2, file=f)
    f.write('x' * 3)
with open(path) as f:
    data = f.read()
print(repr(data), len(data))
with open(path, encoding='utf-8') as f:
    print(f.read(3), repr(f.read(2)))
print(os.path.exists(path), os.path.isfile(path))
with open('081_builtins_open.py') as f:
    print(f.readline().rstrip())
try:
    open(os.path.join(tmp, 'does_not_exist.txt'))
except FileNotFoundError as e:
    print('FileNotFoundError', e.errno, e.strerror)
try:
    open(os.path.join(tmp, 'does_not_exist.txt'))
except OSError as e:
    print('OSError caught', type(e).__name__)
f = open(os.path.join(tmp, 'closed.txt'), 'w')
f.close()
try:
    f.write('x')
except ValueError as e:
    print('ValueError:', e)
