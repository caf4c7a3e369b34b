# f-strings.
name, n, pi = 'wick', 42, 3.14159265
print(f'hello {name}', f"n={n}", F'upper F {n}', f'''triple {name}''')
print(f'{n + 1} {n * 2} {n // 5} {pi:.2f} {name.upper()} {len(name)}')
print(f'{name!r} {name!s} {n!r} {[1, "a"]!r} {"q"!r:>6}')
print(f'{n:5d}|{n:<5}|{n:^7}|{n:*>6}|{n:+}|{n:x}|{n:08b}|{n:#o}')
print(f'{pi:10.3f}|{pi:<10.2e}|{pi:g}|{1234567.891:,.2f}|{0.256:.1%}')
w, p = 10, 3
print(f'{pi:{w}.{p}f}|{name:>{w}}|{n:0{p}}')
print(f'{{literal braces}} {{{n}}}')
d = {'key': 'value', 'n': 5}
print(f"{d['key']} {d['n'] * 2} {'nested' + ' str'}")
print(f'{[x * x for x in range(4)]} {sum(i for i in range(5))}')
print(f'{"yes" if n > 10 else "no"} {(lambda x: x * 3)(2)}')
print(f'{n}' f'{n}' 'plain' f"{name}")
items = ['a', 'b']
print(f'{", ".join(items)}', f'{items[0]!r:>5}')
x = 5
print(f'{x=}', f'{x = }', f'{x*2=}')
print(f'{3.0}', f'{1e20}', f'{None}', f'{True}', f'{(1, 2)}')
multi = f'''line1 {n}
line2 {name}'''
print(multi)
class P:
    def __format__(self, spec):
        return 'P[' + spec + ']'
print(f'{P():abc}', f'{P()}', format(P(), 'zz'))
print(f'{n:,}', f'{1234567:_}', f'{-5:05d}', f'{5:=+5d}')
print(f'{"tab":\t^9}|')
print(f'{"é":>3}', rf'raw\n{n}', fr'{name}\t')
