# Unary operators.
x = 5
print(-x, +x, ~x, not x, --x, -(-x), ~~x)
f = 2.5
print(-f, +f, -0.0, +(-0.0))
print(-True, +False, ~True)
print(- 3 ** 2, (-3) ** 2, -3 * -3)
print(not not [], not not [1])
y = -x
y = +y
print(y, abs(y), -abs(y))
print(-(1 + 2) * 3, -1 - -1)
