# dict insert and lookup with int and str keys. Prints a checksum only.
def run(n):
    d = {}
    for i in range(n):
        d[i * 7919 % 1000003] = i
    total = 0
    for i in range(n):
        total += d.get(i, 1)
    names = {}
    for i in range(n // 10):
        names['k' + str(i)] = i
    for i in range(n // 10):
        total += names['k' + str(i)]
    return total + len(d) + len(names)

print(run(1000000))
