x = {}
x = {1: 2}
x = {1: 2, 3: 4,}
x = {**a, 1: 2, **b}
x = {a: b for a, b in c}
