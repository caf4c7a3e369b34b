# printf-style % formatting.
print('%d %i %s %r' % (42, -7, 'str', 'str'))
print('%5d|%-5d|%05d|%+d|% d' % (42, 42, 42, 42, 42))
print('%f|%.2f|%8.3f|%-8.1f|%08.2f|%+.1f' % (3.14159, 3.14159, 3.14159, 3.14159, -3.14159, 2.0))
print('%e|%.3e|%E|%g|%g|%g|%G' % (12345.678, 0.000123, 1.5, 0.0001, 123456789.0, 100.0, 1e-10))
print('%x|%X|%o|%#x|%#o|%08x' % (255, 255, 8, 255, 8, 3054))
print('%c%c' % (72, 'i'), '%%', '100%%' % ())
print('%s and %s' % ('a', 'b'), '%s' % (1,), '%s' % [1, 2], '%s' % ((1, 2),))
print('%(name)s is %(age)d' % {'name': 'Ann', 'age': 30})
print('%10s|%-10s|%.2s' % ('right', 'left', 'truncate'))
print('%r %r %r' % (1.5, None, [1, 'a']))
print('%d' % 3.99, '%s' % 3.0, '%.0f' % 2.5, '%.0f' % 3.5, '%d' % True)
print('%*d|%-*d' % (5, 1, 4, 2), '%.*f' % (2, 1.23456))
print('%s' % 'single', 'value: %s' % None)
print('%5.1f%%' % 12.345)
try:
    '%d' % 'x'
except TypeError as e:
    print('TypeError:', e)
try:
    '%s %s' % ('one',)
except TypeError as e:
    print('TypeError:', e)
try:
    '%s' % (1, 2)
except TypeError as e:
    print('TypeError:', e)
