# str.format.
print('{} {} {}'.format(1, 'two', 3.0))
print('{0} {1} {0}'.format('a', 'b'), '{1}{0}'.format('x', 'y'))
print('{name} is {age}'.format(name='Bob', age=7), '{0} {k}'.format(1, k=2))
class Pt:
    def __init__(self):
        self.x, self.y = 3, 4
print('{0.x},{0.y}'.format(Pt()), '{p.x}'.format(p=Pt()))
print('{0[1]} {0[0]} {d[k]}'.format(['a', 'b'], d={'k': 'v'}))
print('{0!r} {1!s} {0!r:>8}'.format('q', 'q'), '{0!r}'.format(1.0), '{!r} {!s}'.format('a', 'b'))
print('{:>{w}}|{:.{p}f}|{:{fill}^{w}}'.format('r', 3.14159, 'c', w=6, p=2, fill='~'))
print('{{}} {{{}}}'.format(5))
print('{:5}|{:<5}|{:05}'.format(1, 2, 3))
print('{:,} {:.3e} {:%}'.format(1234567, 1234.5, 0.25))
print('{}'.format([1, {'a': (2, 3)}]), '{}'.format(None))
fmt = 'Row {idx:02d}: {val:>6.2f}'
for i, v in enumerate([1.5, 22.25, -3.0]):
    print(fmt.format(idx=i, val=v))
try:
    '{} {}'.format(1)
except IndexError as e:
    print('IndexError:', e)
try:
    '{missing}'.format(x=1)
except KeyError as e:
    print('KeyError:', e)
try:
    '{0} {}'.format(1, 2)
except ValueError as e:
    print('ValueError:', e)
