# try / except / else / finally.
def attempt(x):
    try:
        r = 10 / x
    except ZeroDivisionError:
        print('div by zero')
        return 'zero'
    except TypeError as e:
        print('type error:', e)
        return 'type'
    else:
        print('no error', r)
        return 'ok'
    finally:
        print('finally', x)
print(attempt(2))
print(attempt(0))
print(attempt('s'))
try:
    [][1]
except (KeyError, IndexError) as e:
    print('tuple catch', type(e).__name__, e)
try:
    {}['k']
except LookupError as e:
    print('base class catch', type(e).__name__, e.args)
try:
    int('x')
except:
    print('bare except')
def f():
    try:
        return 'try'
    finally:
        print('finally runs before return')
print(f())
def g():
    try:
        return 'try'
    finally:
        return 'finally wins'
print(g())
for i in range(3):
    try:
        if i == 1:
            continue
        print('loop', i)
    finally:
        print('loop finally', i)
try:
    try:
        raise ValueError('inner')
    finally:
        print('inner finally')
except ValueError as e:
    print('outer caught', e)
try:
    raise ValueError('a', 2)
except ValueError as e:
    print(e.args, str(e), repr(e))
try:
    raise KeyError('k')
except KeyError as e:
    print(str(e), repr(e))
e = None
try:
    raise TypeError
except TypeError as err:
    e2 = err
print(type(e2).__name__, repr(e2), e2.args)
try:
    err
except NameError:
    print('err unbound after except')
def nested():
    try:
        try:
            1 / 0
        except ZeroDivisionError:
            raise
    except ZeroDivisionError as e:
        return 're-raised: ' + str(e)
print(nested())
try:
    pass
except Exception:
    print('no')
else:
    print('else without error')
finally:
    print('finally without error')
