# exec_eval_compile.py — compiler regression program; expected output: the .out file (tests/unit/gen_compile_errors.py).
print(eval("1 + 2"), eval("[x*x for x in range(3)]"))
exec("y = 5\ndef q(): return y * 2")
print(y, q())
ns = {}
exec("a = 1\nb = a + 1", ns)
print(ns['b'])
try:
    exec("return 5")
except SyntaxError as e:
    print("SE", e.msg, e.lineno, e.offset, e.text, e.filename)
try:
    compile("def f():\n  nonlocal zz\n", "mod.py", "exec")
except SyntaxError as e:
    print(e, e.end_lineno, e.end_offset)
c = compile("3 * 7", "<x>", "eval")
print(eval(c), c.co_name, c.co_filename)
def f(a, b=1, *c, d, **e):
    "doc"
    x = 1
    def g(): return x
print(f.__code__.co_varnames, f.__code__.co_argcount, f.__code__.co_kwonlyargcount, f.__code__.co_cellvars, f.__code__.co_nlocals)
