# raise ... from None suppresses the context; the cause chain has three links.
def level1():
    raise KeyError('k1')

def level2():
    try:
        level1()
    except KeyError as e:
        raise ValueError('level2 failed') from e

def level3():
    try:
        level2()
    except ValueError:
        raise RuntimeError('level3 failed') from None

def level4():
    try:
        level3()
    except RuntimeError as e:
        raise TypeError('level4 failed') from e

level4()
