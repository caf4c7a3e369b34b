"""json.decoder: JSONDecodeError and JSONDecoder (the scanner is C: _json.decode)."""

import _json

__all__ = ['JSONDecoder', 'JSONDecodeError']


class JSONDecodeError(ValueError):
    """Subclass of ValueError with msg, doc, pos, lineno and colno."""

    def __init__(self, msg, doc, pos):
        lineno = doc.count('\n', 0, pos) + 1
        colno = pos - doc.rfind('\n', 0, pos)
        errmsg = '%s: line %d column %d (char %d)' % (msg, lineno, colno, pos)
        ValueError.__init__(self, errmsg)
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno

    def __reduce__(self):
        return self.__class__, (self.msg, self.doc, self.pos)


class JSONDecoder:
    """Decodes JSON text; the hooks are called as CPython's decoder calls them."""

    def __init__(self, *, object_hook=None, parse_float=None, parse_int=None,
                 parse_constant=None, strict=True, object_pairs_hook=None):
        self.object_hook = object_hook
        self.parse_float = None if parse_float is float else parse_float
        self.parse_int = None if parse_int is int else parse_int
        self.parse_constant = parse_constant
        self.strict = strict
        self.object_pairs_hook = object_pairs_hook

    def decode(self, s):
        return _json.decode(s, self.strict, self.object_hook, self.object_pairs_hook,
                            self.parse_float, self.parse_int, self.parse_constant,
                            JSONDecodeError)

    def raw_decode(self, s, idx=0):
        """Decodes one JSON value starting at s[idx]; returns (value, end index)."""
        return _json.raw_decode(s, idx, self.strict, self.object_hook, self.object_pairs_hook,
                                self.parse_float, self.parse_int, self.parse_constant,
                                JSONDecodeError)
