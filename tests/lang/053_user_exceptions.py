# User-defined exception classes.
class AppError(Exception):
    pass
class NotFound(AppError):
    def __init__(self, name):
        super().__init__('not found: ' + name)
        self.name = name
class WithStr(AppError):
    def __init__(self, code):
        self.code = code
    def __str__(self):
        return 'code=%d' % self.code
class Custom(ValueError):
    """A ValueError subclass."""
for exc in [AppError('plain'), NotFound('thing'), WithStr(42), Custom('bad')]:
    try:
        raise exc
    except AppError as e:
        print('AppError branch', type(e).__name__, str(e), e.args)
    except ValueError as e:
        print('ValueError branch', type(e).__name__, str(e), repr(e))
try:
    raise NotFound('x')
except NotFound as e:
    print(e.name, isinstance(e, AppError), isinstance(e, Exception))
print(issubclass(NotFound, AppError), issubclass(Custom, ValueError), NotFound.__mro__[1].__name__)
print(repr(AppError('a')), repr(AppError()), repr(NotFound('n')))
class Multi(Exception):
    def __init__(self, a, b):
        super().__init__(a, b)
        self.a, self.b = a, b
try:
    raise Multi(1, 'two')
except Exception as e:
    print(e, e.args, e.a, e.b)
def thrower(kind):
    if kind == 1:
        raise AppError('one')
    if kind == 2:
        raise NotFound('two')
    return 'fine'
for k in (0, 1, 2):
    try:
        print(thrower(k))
    except NotFound as e:
        print('specific', e)
    except AppError as e:
        print('general', e)
