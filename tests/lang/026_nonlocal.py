# nonlocal.
def counter():
    n = 0
    def step():
        nonlocal n
        n += 1
        return n
    return step
s = counter()
print(s(), s(), s())
def outer():
    x = 1
    def middle():
        nonlocal x
        x = 2
        def inner():
            nonlocal x
            x = 3
        inner()
        return x
    r = middle()
    return r, x
print(outer())
def accum():
    total = 0
    items = []
    def add(v):
        nonlocal total
        total += v
        items.append(v)
        return total
    return add, items
add, items = accum()
add(3); add(4)
print(add(5), items)
def no_nonlocal():
    x = 1
    def inner():
        x = 2
        return x
    inner()
    return x
print(no_nonlocal())
