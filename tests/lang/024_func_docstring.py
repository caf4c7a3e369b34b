# Docstrings and function attributes.
def documented(x):
    """Return x doubled."""
    return x * 2
def undocumented():
    return 1
def multi():
    """First line.

    Second paragraph.
    """
print(documented.__doc__)
print(undocumented.__doc__)
print(repr(multi.__doc__))
print(documented.__name__, undocumented.__name__)
class K:
    """Class docstring."""
    def m(self):
        """Method docstring."""
print(K.__doc__)
print(K.m.__doc__)
print(K.__name__)
def notdoc():
    x = 1
    "not a docstring"
    return x
print(notdoc.__doc__)
print(documented(21))
