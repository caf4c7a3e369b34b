# format() and help() on a simple function.
print(format(3.14159, '.3f'), format(42, 'x'), format('s', '^5'), format(1234, ','), format(0.5))
def area(w, h=2):
    """Return the area of a w by h rectangle."""
    return w * h
help(area)
def plain(x, *args, key=None, **kw):
    """One line."""
help(plain)
print('after help')
