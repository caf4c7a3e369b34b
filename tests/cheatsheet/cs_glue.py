# cs_glue.py — glue shared by the cheat-sheet programs: echo a value the way the interactive prompt does, report an expected exception.


def show(value):
    """What `>>> expr` echoes: the repr, nothing for None."""
    if value is not None:
        print(repr(value))


class raises:
    """`with raises(): LINE` runs a snippet line that CPU-only PyTorch rejects and prints the exception.

    text=False prints only the exception's type, for errors whose PyTorch message names
    PyTorch's private C module (torch._C) rather than anything a user wrote."""

    def __init__(self, text=True):
        self.text = text

    def __enter__(self):
        return self

    def __exit__(self, typ, val, tb):
        if typ is None:
            print('no error')
            return False
        print(typ.__name__ + (': ' + str(val) if self.text else ''))
        return True
