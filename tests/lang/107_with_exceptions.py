# Interplay of with, try/finally and exceptions.
log = []
class Tracker:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        log.append('enter ' + self.name)
        return self
    def __exit__(self, et, ev, tb):
        log.append('exit %s %s' % (self.name, et.__name__ if et else '-'))
        return False
def work(fail):
    with Tracker('outer'):
        try:
            with Tracker('inner'):
                if fail:
                    raise KeyError('k')
                log.append('body ok')
        finally:
            log.append('finally')
    return 'done'
print(work(False))
print(log)
log.clear()
try:
    work(True)
except KeyError as e:
    print('KeyError', e)
print(log)
class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return None
    def __exit__(self, et, ev, tb):
        return et is not None and issubclass(et, self.types)
with Suppress(ZeroDivisionError, KeyError):
    1 / 0
print('zero suppressed')
try:
    with Suppress(KeyError):
        int('x')
except ValueError as e:
    print('not suppressed:', e)
class BadEnter:
    def __enter__(self):
        raise RuntimeError('enter failed')
    def __exit__(self, *a):
        print('exit must not run')
try:
    with BadEnter():
        print('body must not run')
except RuntimeError as e:
    print('RuntimeError:', e)
class ExitRaises:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        raise ValueError('from exit')
try:
    with ExitRaises():
        raise KeyError('original')
except ValueError as e:
    print('ValueError:', e, 'context:', repr(e.__context__))
def gen():
    with Tracker('gen'):
        yield 1
        yield 2
log.clear()
print(list(gen()), log)
