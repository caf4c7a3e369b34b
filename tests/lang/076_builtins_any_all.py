# any / all.
print(any([]), all([]), any([0, '', None]), any([0, 1]), all([1, 'a', [0]]), all([1, 0]))
print(any('abc'), all(''), any(x > 5 for x in range(10)), all(x < 5 for x in range(10)))
seen = []
def check(v):
    seen.append(v)
    return v > 2
print(any(check(v) for v in [1, 3, 5, 7]), seen)
seen.clear()
print(all(check(v) for v in [3, 4, 1, 9]), seen)
print(any({0: 'a'}), all({1: 0}), any(range(0)), all(range(1, 5)))
