# json: every dumps option, loads hooks and error positions, round trips, files.
import json
def show(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
data = {"name": "wick", "n": 3, "pi": 3.14159, "ok": True, "none": None, "list": [1, 2.5, "x", [], {}], "t": (1, 2), "nested": {"b": 1, "a": [1, {"c": None}]}}
print(json.dumps(data))
print(json.dumps(data, indent=2))
print(json.dumps(data, indent='\t', sort_keys=True))
print(json.dumps(data, indent=0))
print(json.dumps(data, separators=(',', ':')))
print(json.dumps(data, indent=2, separators=(', ', ' = ')))
print(json.dumps("h\u00e9llo \U0001f600 \x7f \x01 \"q\" \\ \n\t\r\b\f /"))
print(json.dumps("h\u00e9llo \U0001f600 \x7f \x01", ensure_ascii=False))
print(json.dumps({1: 'a', 2.5: 'b', True: 'c', False: 'd', None: 'e', -0.0: 'f', 1e20: 'g'}))
print(json.dumps([float('nan'), float('inf'), -float('inf'), 1e-7, 1e16, 0.1+0.2, -0.0, 10**15]))
show(lambda: json.dumps([float('nan')], allow_nan=False))
show(lambda: json.dumps({float('inf'): 1}, allow_nan=False))
show(lambda: json.dumps({(1, 2): 3}))
print(json.dumps({(1, 2): 3, 'a': 1}, skipkeys=True))
print(json.dumps({(1, 2): 3}, skipkeys=True), json.dumps({(1, 2): 3}, skipkeys=True, indent=2))
show(lambda: json.dumps(object))
show(lambda: json.dumps({1, 2}))
show(lambda: json.dumps({'b': 1, 2: 3}, sort_keys=True))
print(json.dumps({1, 2}, default=sorted))
print(json.dumps({'s': {3, 1, 2}}, default=lambda o: sorted(o), indent=1))
a = []; a.append(a)
show(lambda: json.dumps(a))
d = {}; d['self'] = d
show(lambda: json.dumps(d))
class Point:
    def __init__(self, x, y): self.x, self.y = x, y
class Enc(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Point): return {'x': o.x, 'y': o.y}
        return super().default(o)
print(json.dumps([Point(1, 2)], cls=Enc))
show(lambda: json.dumps([Point(1, 2), object()], cls=Enc))
print(json.dumps([]), json.dumps({}), json.dumps([], indent=2), json.dumps({}, indent=2), json.dumps([[]], indent=2))
print(json.dumps(None), json.dumps(True), json.dumps(-12), json.dumps("x"), json.dumps(1.0))
# loads
for s in ['{"a": [1, 2.5, "x", null, true, false], "b": {"c": -1e3}}', ' [1 , 2 ] ', '"\\u00e9\\ud83d\\ude00\\n\\/"', '123', '-0', '1.5e+2', '1E2', 'NaN', '[Infinity, -Infinity]', '12345678901234567']:
    show(lambda: json.loads(s))
for s in ['', ' ', '[1,2', '{"a" 1}', '"abc', '"a\x01"', '"\\x"', '"\\u12"', '"\\u12zz"', '[1] x', '{1:2}', '[1,]', '{"a":1,}', '[1 2]', '{"a":1 "b":2}', 'nul', '-', '01', '1.', '1e', '[\n1,\n2,,]', '{\n  "a": tru\n}', '\ufeff1', '"\u00e9\u00e9" x', '[', '{', '{"a"', '{"a":', 'tRue']:
    show(lambda: json.loads(s))
print(json.loads('"a\x01"', strict=False) == 'a\x01')
print(json.loads('{"a": 1, "b": 2}', object_hook=lambda d: sorted(d.items())))
print(json.loads('{"a": 1, "b": 2, "a": 3}', object_pairs_hook=lambda p: p))
print(json.loads('{"a": 1, "a": 3}'))
print(json.loads('[1.5, 2, 3e1]', parse_float=lambda s: 'F' + s, parse_int=lambda s: 'I' + s))
print(json.loads('[NaN, Infinity]', parse_constant=lambda s: 'C' + s))
print(json.loads(b'[1, "\xc3\xa9"]'))
show(lambda: json.loads(5))
try:
    json.loads('[1, 2,\n  3 x]')
except json.JSONDecodeError as e:
    print(e.msg, e.pos, e.lineno, e.colno, isinstance(e, ValueError), type(e).__name__, repr(e.doc))
x = json.loads(json.dumps(data))
print(x, x == dict(data, t=[1, 2]))
for v in [0.1, 1/3, 1e300, 5e-324, 123456789.123456789, 2.0**60]:
    assert json.loads(json.dumps(v)) == v
print(json.loads(json.dumps("\U0001f600\u00e9\x00")) == "\U0001f600\u00e9\x00")
import os
path = os.path.join(os.environ.get('TEST_TMPDIR', os.environ.get('TMPDIR', '/tmp')), 'wick_json_test.json')
with open(path, 'w') as f:
    json.dump(data, f, indent=4, sort_keys=True)
with open(path) as f:
    print(f.read())
with open(path) as f:
    print(json.load(f))
os.remove(path)
