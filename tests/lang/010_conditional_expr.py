# Conditional expressions.
for n in range(-2, 3):
    print(n, 'neg' if n < 0 else 'zero' if n == 0 else 'pos')
x = 10
y = x * 2 if x > 5 else x / 2
print(y)
print([i if i % 2 else -i for i in range(6)])
f = lambda v: 'big' if v > 100 else 'small'
print(f(5), f(500))
def side(s):
    print('eval', s)
    return s
r = side('a') if True else side('b')
r = side('c') if False else side('d')
print((1 if x else 2) + 10)
