# while loops with break/continue/else.
n = 0
while n < 5:
    n += 1
    if n == 2:
        continue
    print('n', n)
else:
    print('while else runs')
k = 0
while True:
    k += 1
    if k > 3:
        break
print('k', k)
m = 10
while m > 0:
    m -= 3
    if m == 4:
        print('break at 4')
        break
else:
    print('not reached')
x = 0
while x < 0:
    print('never')
else:
    print('else on false condition')
# Collatz
c, steps = 27, 0
while c != 1:
    c = c // 2 if c % 2 == 0 else 3 * c + 1
    steps += 1
print('collatz steps', steps)
