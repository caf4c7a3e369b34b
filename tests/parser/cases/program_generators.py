def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

for i, v in zip(range(10), fib()):
    print(i, v, sep=": ", end="\n")
