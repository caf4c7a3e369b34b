def f():
    """Docstring."""
    return 1
class A:
    "doc"
