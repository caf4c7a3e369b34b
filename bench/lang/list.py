# list append and indexing. Prints a checksum only.
def run(n):
    xs = []
    for i in range(n):
        xs.append(i * 3 % 1000)
    total = 0
    for i in range(n):
        total += xs[i]
    for i in range(0, n, 7):
        xs[i] = xs[n - 1 - i]
    return total + xs[n // 2] + len(xs)

print(run(2000000))
