"""string: the character-class constants and capwords (CPython 3.11's values)."""

__all__ = ['ascii_letters', 'ascii_lowercase', 'ascii_uppercase', 'capwords', 'digits',
           'hexdigits', 'octdigits', 'printable', 'punctuation', 'whitespace']

whitespace = ' \t\n\r\v\f'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    """Split s on sep, capitalize each word and join them back with sep (or a space)."""
    return (sep or ' ').join(map(str.capitalize, s.split(sep)))


class Formatter:
    def __init__(self, *args, **kwargs):
        raise NotImplementedError('string.Formatter is not implemented in wick')


class Template:
    def __init__(self, *args, **kwargs):
        raise NotImplementedError('string.Template is not implemented in wick')
