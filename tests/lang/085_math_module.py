# math module.
import math
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
print(math.sqrt(2), math.sqrt(16.0), math.isqrt(17) if hasattr(math, 'isqrt') else '')
print(math.floor(2.7), math.floor(-2.7), math.ceil(2.1), math.ceil(-2.1), math.trunc(-2.7), math.trunc(2.7))
print(type(math.floor(1.5)).__name__, type(math.ceil(1.5)).__name__, math.floor(3), math.ceil(-0.5))
print(math.exp(1), math.exp(0), math.log(math.e), math.log(100, 10), math.log(8, 2), math.log2(1024), math.log10(1000), math.log1p(0))
print(math.sin(0), math.cos(0), math.tan(0), math.sin(math.pi / 2), math.cos(math.pi))
print(math.asin(1), math.acos(1), math.atan(1), math.atan2(1, 1), math.atan2(-1, -1))
print(math.sinh(1), math.cosh(1), math.tanh(1), math.tanh(100))
print(math.hypot(3, 4), math.fabs(-3), math.pow(2, 10), math.fmod(7, 3), math.fmod(-7, 3), math.copysign(3, -0.0))
print(math.degrees(math.pi), math.radians(180), math.factorial(10), math.factorial(20), math.gcd(12, 18), math.gcd(0, 5))
print(math.isnan(math.nan), math.isnan(1.0), math.isinf(math.inf), math.isinf(1e308), math.isfinite(1.0), math.isfinite(math.nan))
print(math.isclose(0.1 + 0.2, 0.3), math.isclose(1, 1.1), math.isclose(1, 1.05, rel_tol=0.1))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.prod([1, 2, 3, 4]), math.comb(5, 2), math.perm(5, 2))
print(math.exp(-1), math.log(2), math.sqrt(0.5), math.cos(1), math.sin(1), math.tan(1))
print(math.erf(1), math.gamma(5), math.expm1(1e-10), math.modf(3.25), math.frexp(8.0), math.ldexp(0.5, 4))
for bad in [lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.log(-1), lambda: math.acos(2)]:
    try:
        bad()
    except ValueError as e:
        print('ValueError:', e)
try:
    math.factorial(-1)
except ValueError as e:
    print('ValueError:', e)
try:
    math.exp(1000)
except OverflowError as e:
    print('OverflowError:', e)
try:
    math.floor(math.inf)
except OverflowError as e:
    print('OverflowError:', e)
try:
    math.sqrt('x')
except TypeError as e:
    print('TypeError:', e)
