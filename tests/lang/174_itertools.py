# itertools: every building block, lazy evaluation and argument errors.
import itertools as it
from itertools import *
print(list(islice(count(), 5)), list(islice(count(2, 3), 3)), repr(count()), repr(count(1, 2)), repr(count(1.5)))
c = count(5); next(c); print(repr(c))
print(list(islice(cycle('ab'), 5)), list(repeat('x', 3)), repr(repeat(1)), repr(repeat(1, 2)))
print(list(chain('ab', [1, 2])), list(chain.from_iterable(['ab', 'cd'])), list(chain()))
print(list(islice('abcdefg', 2)), list(islice('abcdefg', 2, 4)), list(islice('abcdefg', 2, None)), list(islice('abcdefg', 0, None, 2)), list(islice('abc', None)))
print(list(product('ab', range(2))), list(product(range(2), repeat=2)), list(product()))
print(list(permutations(range(3))), list(permutations('abc', 2)), list(permutations('a', 2)))
print(list(combinations('abcd', 2)), list(combinations(range(4), 3)), list(combinations('ab', 3)), list(combinations('ab', 0)))
print(list(combinations_with_replacement('abc', 2)), list(combinations_with_replacement('', 2)))
print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3], lambda a, b: a * b)), list(accumulate([1, 2], initial=100)), list(accumulate([])))
print([(k, list(g)) for k, g in groupby('AAAABBBCCDAABBB')], [k for k, g in groupby('AAAABBBCCD')])
print([(k, list(g)) for k, g in groupby([1, 2, 3, 4, 5, 6], key=lambda x: x // 3)])
gs = list(groupby('aabb')); print([(k, list(g)) for k, g in gs])
print(list(zip_longest('ABCD', 'xy', fillvalue='-')), list(zip_longest('ab', [1])), list(zip_longest()))
print(list(starmap(pow, [(2, 5), (3, 2)])), list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
a, b = tee(iter([1, 2, 3])); print(list(a), list(b), len(tee('ab', 3)))
a, b = tee(range(4)); print(next(a), next(a), next(b), list(a), list(b))
print(list(pairwise('ABCDE')), list(pairwise('A')), list(compress('ABCDEF', [1, 0, 1, 0, 1, 1])), list(filterfalse(lambda x: x % 2, range(10))))
for bad in [lambda: islice('a', -1), lambda: islice('a', 1, 'x'), lambda: islice('a', 0, 1, 0), lambda: permutations('a', -1),
            lambda: combinations('a', -2), lambda: product('a', repeat=-1), lambda: tee('a', -1), lambda: islice(1, 2),
            lambda: list(chain(1)), lambda: combinations(3, 1), lambda: islice('a'), lambda: next(zip_longest(1))]:
    try:
        bad()
        print('no error')
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
gen = (x * x for x in count(1))
print(list(islice(gen, 3)), next(gen))
print(list(zip(count(10, -1), 'abc')), list(map(lambda a, b: a + b, 'ab', repeat('!'))))
print(type(count()), type(repeat(1)), type(chain()), isinstance(chain(), chain))
it = iter(range(10))
print(list(islice(it, 3)), list(islice(it, 3)), next(it))
first = dropwhile(lambda c: c != 'c', 'abcdcb')
print(''.join(first), list(accumulate([3, 1, 4, 1, 5], max)), list(accumulate('abc')))
print(list(product([1, 2], 'x', [True])), len(list(permutations(range(5), 3))), len(list(combinations(range(10), 4))))
print(list(chain.from_iterable(permutations('ab'))), [''.join(p) for p in product('01', repeat=3)])
grouped = {k: [x for x in g] for k, g in groupby(sorted('bananas'))}
print(grouped)
print(sum(1 for _ in combinations_with_replacement(range(4), 3)), list(islice(cycle([]), 3)))
