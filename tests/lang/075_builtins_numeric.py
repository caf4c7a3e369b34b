# abs, round, divmod, pow, int, float, bool, hex, chr, ord.
print(abs(-3), abs(3.5), abs(-0.0), abs(True))
print(round(3.7), round(-3.7), round(2.5), round(3.5), round(-2.5), round(7), type(round(2.6)).__name__)
print(round(3.14159, 2), round(2.675, 2), round(1234.5678, -2), round(1250, -2), round(1350, -2), round(-1.005, 2))
print(round(5, 1), round(0.5, 0), type(round(5.0, 1)).__name__, round(1e20 / 3, 3))
print(divmod(17, 5), divmod(-17, 5), divmod(17.5, 5), divmod(0, 3))
print(pow(2, 8), pow(2.0, 3), pow(2, -2), pow(7, 2, 5), pow(-2, 3, 5), pow(3, 0), pow(0, 0))
print(int('42'), int('-17'), int('  8  '), int('ff', 16), int('0xff', 16), int('777', 8), int('1010', 2), int('z', 36), int('1_000'))
print(int(3.99), int(-3.99), int(True), int(), int('0b101', 0), int('0o17', 0), int('+5'))
print(float('3.5'), float('-1e3'), float(' 2 '), float(7), float('inf'), float('-inf'), float('nan'), float(), float('1_0.5'))
print(bool(), bool(0), bool(2), bool(''), bool('0'), bool([]), bool(0.0), bool(-0.0), bool(1e-300))
print(hex(0), hex(255), hex(-1), hex(2 ** 40), chr(97), chr(0x41), ord('a'), ord('\n'), ord('é'))
for bad in ['abc', '1.5', '', '0x10']:
    try:
        int(bad)
    except ValueError as e:
        print('ValueError:', e)
try:
    float('x1')
except ValueError as e:
    print('ValueError:', e)
try:
    int('9', 8)
except ValueError as e:
    print('ValueError:', e)
try:
    chr(-1)
except ValueError as e:
    print('ValueError:', e)
try:
    ord('ab')
except TypeError as e:
    print('TypeError:', e)
try:
    int(float('inf'))
except OverflowError as e:
    print('OverflowError:', e)
try:
    int(float('nan'))
except ValueError as e:
    print('ValueError:', e)
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print('ZeroDivisionError:', e)
try:
    int([1])
except TypeError as e:
    print('TypeError:', e)
