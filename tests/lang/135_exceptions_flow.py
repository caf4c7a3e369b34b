# Exceptions crossing loops, functions and finally blocks.
def first_bad(items):
    for i, v in enumerate(items):
        try:
            int(v)
        except ValueError:
            return i
        finally:
            print('checked', v)
    return -1
print(first_bad(['1', '2', 'x', '4']))
results = []
for v in ['1', 'a', '3', 'b']:
    try:
        results.append(int(v))
    except ValueError:
        results.append(None)
        continue
    finally:
        results.append('|')
print(results)
def retry(n):
    attempts = 0
    while True:
        attempts += 1
        try:
            if attempts < n:
                raise ConnectionError('try %d' % attempts)
            return 'succeeded after %d' % attempts
        except ConnectionError as e:
            print('retrying:', e)
print(retry(3))
def cleanup_order():
    out = []
    try:
        try:
            out.append('try')
            raise KeyError('a')
        except KeyError:
            out.append('except')
            raise ValueError('b')
        finally:
            out.append('inner finally')
    except ValueError:
        out.append('outer except')
    finally:
        out.append('outer finally')
    return out
print(cleanup_order())
def break_in_finally():
    for i in range(3):
        try:
            raise ValueError(i)
        finally:
            break
    return 'swallowed by break'
print(break_in_finally())
count = 0
while True:
    try:
        count += 1
        if count == 3:
            break
    finally:
        print('finally', count)
print('exceptions as values:', [type(e).__name__ for e in (ValueError(), KeyError(), OSError())])
err = None
try:
    raise ValueError('saved')
except ValueError as e:
    err = e
print(repr(err), err.args)
