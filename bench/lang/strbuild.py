# String building: += of small pieces, join, formatting. Prints a checksum only.
def run(n):
    s = ''
    for i in range(n):
        s += str(i % 10)
    parts = []
    for i in range(n):
        parts.append('%d,' % (i % 100))
    t = ''.join(parts)
    u = [f'{i}:{i * 2}' for i in range(n // 4)]
    return len(s) + s.count('7') + len(t) + t.count('9') + len('|'.join(u))

print(run(1000000))
