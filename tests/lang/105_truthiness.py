# Truth values in conditions, while loops and boolean operators.
values = [0, 1, -1, 0.0, 0.5, '', 'a', [], [0], (), (0,), {}, {0: 0}, set(), {0}, None, True, False, range(0), range(2)]
for v in values:
    print(repr(v).ljust(10), 'truthy' if v else 'falsy', bool(v))
stack = [1, 2, 3]
while stack:
    print('pop', stack.pop())
class Z:
    def __len__(self):
        return 0
class T:
    pass
print(bool(Z()), bool(T()), not Z(), Z() or 'fallback', T() and 'second')
s = ''
print(s or 'empty string default', [] or {} or 0 or 'last')
