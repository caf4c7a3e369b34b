def f():
    global a
    global a, b, c
    def g():
        nonlocal x
        nonlocal x, y
