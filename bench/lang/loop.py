# A numeric loop of 10**7 integer additions. Prints a checksum only.
def run(n):
    total = 0
    for i in range(n):
        total += i
    return total

print(run(10000000))
