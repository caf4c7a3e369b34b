# with statements and context managers.
class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print('enter', self.name)
        return self.name.upper()
    def __exit__(self, exc_type, exc, tb):
        print('exit', self.name, exc_type.__name__ if exc_type else None, exc)
        return self.suppress
with CM('a') as v:
    print('body', v)
with CM('b'), CM('c') as w:
    print('two items', w)
with CM('d') as x, CM('e') as y:
    print('both', x, y)
try:
    with CM('f'):
        raise ValueError('boom')
except ValueError as e:
    print('propagated', e)
with CM('g', suppress=True):
    raise KeyError('hidden')
print('after suppressed')
def early():
    with CM('h'):
        return 'returned'
print(early())
for i in range(2):
    with CM('loop%d' % i):
        if i == 0:
            continue
        break
class Resource:
    def __init__(self):
        self.open = False
    def __enter__(self):
        self.open = True
        return self
    def __exit__(self, *args):
        self.open = False
r = Resource()
with r as res:
    print('inside', res.open, res is r)
print('outside', r.open)
try:
    with CM('outer'):
        with CM('inner', suppress=True):
            1 / 0
        print('after inner')
        raise RuntimeError('outer error')
except RuntimeError as e:
    print('caught', e)
