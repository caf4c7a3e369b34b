class (A): pass
