@dec
def f(): pass
@dec(1)
@a.b.c
class A: pass
@x[0].y
def g(): pass
@(lambda f: f)
def h(): pass
