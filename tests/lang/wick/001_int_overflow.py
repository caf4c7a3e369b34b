# wick-specific test: wick ints are signed 64-bit and raise OverflowError
# instead of silently wrapping or growing into bigints. CPython has
# arbitrary-precision ints, so it cannot produce this expected output; the
# .out file next to this program is written by hand. Only the exception type
# is printed, so the wording of wick's messages is left open.
import math

def check(label, fn):
    try:
        r = fn()
        print(label, 'ok', r)
    except OverflowError as e:
        print(label, type(e).__name__)

big = 9223372036854775807
small = -big - 1
check('fits max', lambda: big)
check('fits min', lambda: small)
check('pow', lambda: 2 ** 63)
check('pow negative base', lambda: (-2) ** 63)
check('pow huge', lambda: 10 ** 100)
check('add', lambda: big + 1)
check('sub', lambda: small - 1)
check('mul', lambda: 3037000500 * 3037000500)
check('mul negative', lambda: -4611686018427387905 * 2)
check('neg', lambda: -small)
check('abs', lambda: abs(small))
check('floordiv', lambda: small // -1)
check('lshift', lambda: 1 << 63)
check('lshift big', lambda: 3 << 62)
check('sum', lambda: sum([big, 1]))
check('factorial 20', lambda: math.factorial(20))
check('factorial 21', lambda: math.factorial(21))
check('int from str', lambda: int('9223372036854775808'))
check('int from float', lambda: int(1e19))
check('round float', lambda: round(1e19))

def aug():
    x = big
    x += 1
    return x
check('augmented add', aug)

def loop():
    x = 1
    for i in range(100):
        x *= 3
    return x
check('loop mul', loop)
check('near edge ok', lambda: (big - 1) + 1)
check('mod ok', lambda: small % -1)
print('done')
