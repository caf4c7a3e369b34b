"""itertools: the iterator building blocks of CPython 3.11 (lazy, arguments checked eagerly)."""
import sys as _sys

__all__ = ['accumulate', 'chain', 'combinations', 'combinations_with_replacement', 'compress',
           'count', 'cycle', 'dropwhile', 'filterfalse', 'groupby', 'islice', 'pairwise',
           'permutations', 'product', 'repeat', 'starmap', 'takewhile', 'tee', 'zip_longest']


def _check_r(r):
    if not isinstance(r, int):
        raise TypeError("'" + type(r).__name__ + "' object cannot be interpreted as an integer")
    if r < 0:
        raise ValueError('r must be non-negative')


class count:
    """count(start=0, step=1) --> start, start+step, start+2*step, ..."""

    def __init__(self, start=0, step=1):
        for v in (start, step):
            if not isinstance(v, (int, float)):
                raise TypeError('a number is required')
        self._n = start
        self._step = step

    def __iter__(self):
        return self

    def __next__(self):
        n = self._n
        self._n = n + self._step
        return n

    def __repr__(self):
        if self._step == 1 and type(self._step) is int:
            return 'count(' + repr(self._n) + ')'
        return 'count(' + repr(self._n) + ', ' + repr(self._step) + ')'


class repeat:
    """repeat(object [,times]) -> object for the specified number of times, or forever."""

    def __init__(self, object, times=None):
        if times is not None and not isinstance(times, int):
            raise TypeError("'" + type(times).__name__ + "' object cannot be interpreted as an integer")
        self._obj = object
        self._left = None if times is None else max(times, 0)

    def __iter__(self):
        return self

    def __next__(self):
        if self._left is None:
            return self._obj
        if self._left <= 0:
            raise StopIteration
        self._left -= 1
        return self._obj

    def __length_hint__(self):
        if self._left is None:
            raise TypeError('len() of unsized object')
        return self._left

    def __repr__(self):
        if self._left is None:
            return 'repeat(' + repr(self._obj) + ')'
        return 'repeat(' + repr(self._obj) + ', ' + str(self._left) + ')'


class chain:
    """chain(*iterables) --> the items of each iterable in turn."""

    def __init__(self, *iterables):
        self._sources = iter(iterables)
        self._active = None

    @classmethod
    def from_iterable(cls, iterable):
        self = cls()
        self._sources = iter(iterable)
        return self

    def __iter__(self):
        return self

    def __next__(self):
        while True:
            if self._active is None:
                self._active = iter(next(self._sources))
            try:
                return next(self._active)
            except StopIteration:
                self._active = None


def _cycle(it):
    saved = []
    for x in it:
        yield x
        saved.append(x)
    while saved:
        for x in saved:
            yield x


def cycle(iterable):
    """cycle(iterable) --> the items of iterable, then those items again, forever."""
    return _cycle(iter(iterable))


def _islice_arg(v, what):
    if v is None:
        return None
    if not isinstance(v, int) or v < 0 or v > _sys.maxsize:
        raise ValueError(what + ' for islice() must be None or an integer: 0 <= x <= sys.maxsize.')
    return v


def _islice(it, start, stop, step):
    i = 0
    nxt = start
    for x in it:
        if stop is not None and i >= stop:
            return
        if i == nxt:
            yield x
            nxt += step
        i += 1
        if stop is not None and i >= stop:
            return


def islice(iterable, *args):
    """islice(iterable, stop) or islice(iterable, start, stop[, step])."""
    if not 1 <= len(args) <= 3:
        if not args:
            raise TypeError('islice expected at least 2 arguments, got 1')
        raise TypeError('islice expected at most 4 arguments, got ' + str(len(args) + 1))
    if len(args) == 1:
        start, stop, step = None, _islice_arg(args[0], 'Stop argument'), None
    else:
        start = _islice_arg(args[0], 'Indices')
        stop = _islice_arg(args[1], 'Stop argument')
        step = args[2] if len(args) == 3 else None
    if step is not None and (not isinstance(step, int) or step <= 0):
        raise ValueError('Step for islice() must be a positive integer or None.')
    it = iter(iterable)
    return _islice(it, start or 0, stop, step or 1)


def _product(pools):
    result = [[]]
    for pool in pools:
        result = [x + [y] for x in result for y in pool]
    for prod in result:
        yield tuple(prod)


def product(*iterables, repeat=1):
    """product(*iterables, repeat=1) --> the cartesian product as tuples."""
    if not isinstance(repeat, int):
        raise TypeError("'" + type(repeat).__name__ + "' object cannot be interpreted as an integer")
    if repeat < 0:
        raise ValueError('repeat argument cannot be negative')
    pools = [tuple(pool) for pool in iterables] * repeat
    return _product(pools)


def _permutations(pool, r):
    n = len(pool)
    if r > n:
        return
    indices = list(range(n))
    cycles = list(range(n, n - r, -1))
    yield tuple(pool[i] for i in indices[:r])
    while n:
        for i in reversed(range(r)):
            cycles[i] -= 1
            if cycles[i] == 0:
                indices[i:] = indices[i + 1:] + indices[i:i + 1]
                cycles[i] = n - i
            else:
                j = cycles[i]
                indices[i], indices[-j] = indices[-j], indices[i]
                yield tuple(pool[i] for i in indices[:r])
                break
        else:
            return


def permutations(iterable, r=None):
    """permutations(iterable, r=None) --> successive r-length permutations as tuples."""
    pool = tuple(iterable)
    if r is None:
        r = len(pool)
    _check_r(r)
    return _permutations(pool, r)


def _combinations(pool, r, replace):
    n = len(pool)
    if (r > n and not replace) or (n == 0 and r > 0):
        return
    indices = [0] * r if replace else list(range(r))
    yield tuple(pool[i] for i in indices)
    while True:
        for i in reversed(range(r)):
            if indices[i] != (n - 1 if replace else i + n - r):
                break
        else:
            return
        if replace:
            indices[i:] = [indices[i] + 1] * (r - i)
        else:
            indices[i] += 1
            for j in range(i + 1, r):
                indices[j] = indices[j - 1] + 1
        yield tuple(pool[i] for i in indices)


def combinations(iterable, r):
    """combinations(iterable, r) --> r-length tuples in sorted order, no repeated elements."""
    pool = tuple(iterable)
    _check_r(r)
    return _combinations(pool, r, False)


def combinations_with_replacement(iterable, r):
    """combinations_with_replacement(iterable, r) --> r-length tuples, elements may repeat."""
    pool = tuple(iterable)
    _check_r(r)
    return _combinations(pool, r, True)


def _accumulate(it, func, initial):
    total = initial
    if initial is None:
        try:
            total = next(it)
        except StopIteration:
            return
    yield total
    for x in it:
        total = total + x if func is None else func(total, x)
        yield total


def accumulate(iterable, func=None, *, initial=None):
    """accumulate(iterable, func=operator.add, *, initial=None) --> running totals."""
    return _accumulate(iter(iterable), func, initial)


class _Group:
    """The shared state of groupby and its groups."""

    def __init__(self, it, keyfunc):
        self.it = it
        self.keyfunc = keyfunc
        self.done = False
        self.tgtkey = self.currkey = self.currvalue = _marker = object()
        self.marker = _marker
        self.id = None

    def advance(self):
        self.currvalue = next(self.it)
        self.currkey = self.currvalue if self.keyfunc is None else self.keyfunc(self.currvalue)


def _grouper(state, tgtkey, gid):
    while state.id is gid and state.currkey == tgtkey:
        yield state.currvalue
        try:
            state.advance()
        except StopIteration:
            state.done = True
            return


def _groupby(state):
    while True:
        state.id = object()
        while state.currkey is state.marker or state.currkey == state.tgtkey:
            if state.done:
                return
            try:
                state.advance()
            except StopIteration:
                state.done = True
                return
        state.tgtkey = state.currkey
        yield state.currkey, _grouper(state, state.tgtkey, state.id)


def groupby(iterable, key=None):
    """groupby(iterable, key=None) --> (key, group) pairs for runs of equal keys."""
    return _groupby(_Group(iter(iterable), key))


def _zip_longest(its, fillvalue):
    active = len(its)
    if not active:
        return
    while True:
        values = []
        for i, it in enumerate(its):
            try:
                value = next(it)
            except StopIteration:
                active -= 1
                if not active:
                    return
                its[i] = repeat(fillvalue)
                value = fillvalue
            values.append(value)
        yield tuple(values)


def zip_longest(*iterables, fillvalue=None):
    """zip_longest(*iterables, fillvalue=None) --> tuples, shorter iterables padded."""
    return _zip_longest([iter(x) for x in iterables], fillvalue)


def _starmap(function, it):
    for args in it:
        yield function(*args)


def starmap(function, iterable):
    """starmap(function, iterable) --> function(*args) for each args in iterable."""
    return _starmap(function, iter(iterable))


def _takewhile(predicate, it):
    for x in it:
        if not predicate(x):
            return
        yield x


def takewhile(predicate, iterable):
    """takewhile(predicate, iterable) --> items while predicate(item) is true."""
    return _takewhile(predicate, iter(iterable))


def _dropwhile(predicate, it):
    for x in it:
        if not predicate(x):
            yield x
            break
    for x in it:
        yield x


def dropwhile(predicate, iterable):
    """dropwhile(predicate, iterable) --> items from the first where predicate is false."""
    return _dropwhile(predicate, iter(iterable))


def _filterfalse(predicate, it):
    for x in it:
        if not (bool(x) if predicate is None else predicate(x)):
            yield x


def filterfalse(predicate, iterable):
    """filterfalse(predicate, iterable) --> items for which predicate(item) is false."""
    return _filterfalse(predicate, iter(iterable))


def _compress(data, selectors):
    for d, s in zip(data, selectors):
        if s:
            yield d


def compress(data, selectors):
    """compress(data, selectors) --> data items whose selector is true."""
    return _compress(iter(data), iter(selectors))


def _pairwise(it):
    try:
        a = next(it)
    except StopIteration:
        return
    for b in it:
        yield a, b
        a = b


def pairwise(iterable):
    """pairwise(iterable) --> (s0, s1), (s1, s2), ..."""
    return _pairwise(iter(iterable))


class _TeeLink:
    __slots__ = ('value', 'next')

    def __init__(self):
        self.value = None
        self.next = None


def _tee(it, link):
    while True:
        if link.next is None:
            try:
                value = next(it)
            except StopIteration:
                return
            link.value = value
            link.next = _TeeLink()
        value = link.value
        link = link.next
        yield value


def tee(iterable, n=2):
    """tee(iterable, n=2) --> n independent iterators over one iterable."""
    if not isinstance(n, int):
        raise TypeError("'" + type(n).__name__ + "' object cannot be interpreted as an integer")
    if n < 0:
        raise ValueError('n must be >= 0')
    it = iter(iterable)
    head = _TeeLink()
    return tuple(_tee(it, head) for _ in range(n))
