# format() builtin and format specs.
print(format(42), format(42, 'd'), format(42, '5'), format(42, '<5') + '|', format(42, '^6') + '|')
print(format(-42, '06d'), format(42, '+d'), format(42, ' d'), format(-42, '=8d'), format(42, '*^9'))
print(format(255, 'x'), format(255, 'X'), format(255, '#x'), format(255, 'b'), format(8, 'o'), format(65, 'c'))
print(format(1234567, ','), format(1234567, '_'), format(-1234567.891, ',.2f'), format(255, '_b'))
print(format(3.14159, '.2f'), format(3.14159, '8.3f'), format(3.14159, '<8.1f') + '|', format(-0.5, '+.1f'))
print(format(12345.6789, 'e'), format(12345.6789, '.2E'), format(0.000012, '.3g'), format(12345678.9, '.3g'))
print(format(0.5, '%'), format(0.125, '.1%'), format(2.0, 'g'), format(1e-5, 'g'), format(1e16, 'g'), format(123.0, 'g'))
print(format(1.0, ''), format(1e16, ''), format(0.1, '.17f'), format(2.5, '.0f'), format(3.5, '.0f'))
print(format(float('inf'), 'f'), format(float('nan'), '.2f'), format(-float('inf'), '>6'))
print(format('abc', '>6') + '|', format('abc', '<6') + '|', format('abc', '^7') + '|', format('abcdef', '.3'), format('ab', '-^6'))
print(format(True), format(True, 'd'), format(None), format(7, '.2f'), format(7.0, 'd') if False else '')
print(format(1.5, '10') + '|', format(12, '10') + '|', format('s', '10') + '|')
print('{:>8.3f}|{:<+6d}|{:^10s}|{:08.2f}'.format(3.14159, 7, 'mid', -2.5))
print(format(123456789, ',d'), format(-9876.5, ',.1f'), format(1000000.0, ',.0f'))
print(format(0.1, 'g'), format(100000.0, 'g'), format(1000000.0, 'g'), format(1.23456789e-7, 'g'))
print(format(42, '#b'), format(42, '#o'), format(0, '#x'), format(-255, '#06x'))
try:
    format('s', 'd')
except ValueError as e:
    print('ValueError:', e)
try:
    format(1.5, 'd')
except ValueError as e:
    print('ValueError:', e)
