# print(): sep, end, file, flush.
import sys
print()
print('a', 'b', 'c')
print('a', 'b', 'c', sep='')
print('a', 'b', sep=', ', end='!\n')
print('no newline', end='')
print(' -- continued')
print(1, 2.5, None, True, [1], (2,), {'k': 'v'}, 'str', sep='|')
print('to stdout', file=sys.stdout)
print('to stderr', file=sys.stderr)
print('err', 'line', sep='-', end='\n', file=sys.stderr)
print('flushed', flush=True)
print(*range(5), sep=' < ')
print('multi\nline')
print('', end='')
print(sep='x')
print('end', end='\n\n')
print(None)
print('tab\tsep', 'x', sep='\t')
try:
    print('x', sep=5)
except TypeError as e:
    print('TypeError:', e)
