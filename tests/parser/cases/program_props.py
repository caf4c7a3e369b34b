class P:
    @property
    def x(self):
        return self._x
    @x.setter
    def x(self, v):
        self._x = v
    @staticmethod
    def s(): return 1
    @classmethod
    def c(cls): return cls()
    def __add__(self, o): return P()
    def __repr__(self): return f"P({self._x!r})"
