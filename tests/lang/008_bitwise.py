# Bitwise operators on ints.
a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a, ~0, ~-1)
print(1 << 10, 1 << 62, 1024 >> 3, -16 >> 2, -1 >> 10, 7 >> 100)
print(-5 & 0xFF, -5 | 2, -5 ^ 3)
print(format(a & b, 'b'), format(a | b, '08b'), hex(255), hex(-255), hex(0))
print(True & False, True | False, True ^ True)
x = 0
for i in range(8):
    x |= 1 << i
print(x)
x &= ~0b1010
print(x)
x ^= 0xFF
print(x)
x <<= 3
x >>= 1
print(x)
try:
    1 << -1
except ValueError as e:
    print('ValueError:', e)
print(6 & 3 | 8 ^ 1, (6 & 3) | (8 ^ 1))
print(1 + 2 << 3, 1 + (2 << 3))
