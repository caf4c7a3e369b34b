# 64-bit-safe integer edge cases (no value leaves the signed 64-bit range).
big = 9223372036854775807
print(big, -big, -big - 1, big // 2, big % 1000, big - 1, str(big), len(str(big)))
print(2 ** 62 + (2 ** 62 - 1), -(2 ** 62) * 2, (-2) ** 63)
print(int('9223372036854775807'), int('-9223372036854775808'), hex(big), format(big, ','))
print(big // -1, big % -7, -big // 7, divmod(big, 10 ** 9), 10 ** 18 * 9)
print(3037000499 * 3037000499, 4611686018427387904 // 3, 1 << 62, (1 << 62) >> 61)
print(abs(-big), max(big, -big), big == 2 ** 63 - 1, float(big), int(9.2e18))
print(-7 // 2, -7 % 2, 7 // -2, 7 % -2, -1 // 10 ** 18, -1 % 10 ** 18)
print(sum(range(1, 1000001)), sum(i * i for i in range(100000)))
f = 1
for i in range(1, 21):
    f *= i
print(f)
print(round(big / 10 ** 10), int(1e18), int(-1e18))
