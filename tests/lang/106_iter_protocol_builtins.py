# Iterating built-in containers and iterator exhaustion.
d = {'one': 1, 'two': 2, 'three': 3}
it = iter(d)
print(next(it), next(it), list(it), list(it))
print(list(iter(d.values())), list(iter(d.items()))[0])
s = 'abc'
si = iter(s)
print(next(si), ''.join(si))
t = iter((1, 2, 3))
a, *rest = t
print(a, rest)
r = iter(range(3))
print(list(r), next(r, 'exhausted'))
lst = [1, 2, 3]
li = iter(lst)
lst.append(4)
print(list(li))
z = zip(iter([1, 2, 3]), iter('ab'))
print(list(z))
e = enumerate(iter(['x', 'y']))
print(list(e))
gen = (i for i in range(3))
print(1 in gen, list(gen))
m = map(str.upper, iter(['a', 'b']))
print(list(m))
nested = iter([iter([1, 2]), iter([3])])
print([list(x) for x in nested])
print(sorted(iter({3, 1, 2})), sum(iter([1, 2, 3])), max(iter([5, 9, 2])))
print(list(zip(*[iter(range(6))] * 2)))
