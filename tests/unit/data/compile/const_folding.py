# const_folding.py — compiler regression program; expected output: the .out file (tests/unit/gen_compile_errors.py).
t = (1, 2, (3, -4.5, 'a'), None, -7, 2**10)
print(t, 3 in [1, 2, 3], 5 not in [1, (2, 3)], [x for x in [1, 2]], ())
for q in [1, 'b', -2.0]: print(q)
print((1,), (x := 1, 2), [*(1, 2)], 1 < 2 in [True])
def f(): return (1, 2)
print(f() is f(), f())
