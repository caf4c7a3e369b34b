# while_loops.py — compiler regression program; expected output: the .out file (tests/unit/gen_compile_errors.py).
i = 0
while i < 5:
    i += 1
    if i == 2: continue
    if i == 4: break
    print(i)
else:
    print("else")
j = 0
while j < 3 and not j == 7:
    j += 1
else:
    print("else2", j)
k = 3
while k:
    k -= 1
print(k)
