# raise ... from ..., __cause__, __context__, __suppress_context__.
class AppError(Exception):
    pass
def load(key):
    data = {'a': 1}
    try:
        return data[key]
    except KeyError as e:
        raise AppError('missing ' + key) from e
try:
    load('b')
except AppError as e:
    print('caught', e)
    print('cause', type(e.__cause__).__name__, e.__cause__)
    print('context is cause', e.__context__ is e.__cause__, e.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError('during handling')
except ValueError as e:
    print('implicit context', type(e.__context__).__name__, e.__cause__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError('no context') from None
except ValueError as e:
    print('from None', e.__cause__, e.__suppress_context__, type(e.__context__).__name__)
try:
    raise RuntimeError('direct') from KeyError('k')
except RuntimeError as e:
    print(repr(e.__cause__), e.__context__)
e = ValueError('x')
print(e.__cause__, e.__context__, e.__suppress_context__)
try:
    raise TypeError('t') from ValueError
except TypeError as e:
    print(type(e.__cause__).__name__, repr(e.__cause__))
