def f():
    if a:
        for x in y:
            while z:
                try:
                    pass
                except E:
                    with q:
                        pass
    return 1
