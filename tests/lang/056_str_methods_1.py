# str methods: split, join, strip, replace, find, count.
s = '  Hello, World  '
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print('xxhixx'.strip('x'), '--a-b--'.lstrip('-'), 'abcba'.rstrip('ab'), 'abc'.strip('cab'))
print('a,b,,c'.split(','), 'a b  c\n d\t'.split(), 'a,b,c'.split(',', 1), ''.split(), ''.split(','))
print('a-b-c'.rsplit('-', 1), 'one  two'.split(' '), '  lead'.split(), 'x'.split('x'))
print('1 2 3'.split(maxsplit=1), 'a b c'.rsplit(maxsplit=1))
print(', '.join(['a', 'b', 'c']), ''.join('xyz'), '-'.join([]), '+'.join(('1',)))
print('hello'.replace('l', 'L'), 'aaaa'.replace('a', 'b', 2), 'abc'.replace('', '-'), 'x'.replace('y', 'z'))
print('hello'.find('l'), 'hello'.find('z'), 'hello'.rfind('l'), 'hello'.find('l', 3), 'hello'.find(''))
print('hello'.index('e'), 'hello'.rindex('l'), 'hello'.find('lo', 1, 4), 'hello'.find('lo', 1, 5))
try:
    'hello'.index('z')
except ValueError as e:
    print('ValueError:', e)
print('banana'.count('a'), 'banana'.count('an'), 'banana'.count(''), 'aaa'.count('aa'))
print('a\nb\r\nc\n'.splitlines(), 'x\n\ny'.splitlines(), 'a\nb\n'.splitlines(True))
print('key=value=x'.partition('='), 'kv'.partition('='), 'a/b/c'.rpartition('/'), 'abc'.rpartition('/'))
try:
    'a'.split('')
except ValueError as e:
    print('ValueError:', e)
try:
    ','.join([1, 2])
except TypeError as e:
    print('TypeError:', e)
