# dataclasses: generated __init__/__repr__/__eq__/order/hash, field(), frozen, kw_only, asdict/astuple/replace.
from dataclasses import dataclass, field, fields, asdict, astuple, replace, is_dataclass, FrozenInstanceError
import dataclasses


@dataclass
class Point:
    x: int
    y: int = 0


p = Point(1, 2)
print(p, Point(5), Point(y=3, x=4), p == Point(1, 2), p != Point(2, 1), p == (1, 2))
print(Point.__hash__, Point.y, Point.__match_args__, is_dataclass(p), is_dataclass(Point), is_dataclass(1))
print([(f.name, f.type, f.default is dataclasses.MISSING) for f in fields(Point)], Point.__init__.__qualname__)
p.x = 10
print(p, asdict(p), astuple(p), replace(p, y=7), p)


@dataclass
class Config:
    name: str
    layers: list = field(default_factory=list)
    lr: float = 1e-3
    tag: str = field(default='t', repr=False)
    hidden: int = field(default=0, compare=False)
    steps: int = field(init=False, default=100)

    def __post_init__(self):
        self.layers.append(len(self.name))


a = Config('abc')
b = Config('abc')
print(a, a.layers is b.layers, a == b, a.steps, Config('x', [9], lr=0.5, hidden=3) == Config('x', [9], lr=0.5))
print(asdict(a), astuple(a))
print('layers' in Config.__dict__, Config.lr, Config.tag)


@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0


vs = [Version(1, 2), Version(0, 9), Version(1, 0)]
print(sorted(vs), max(vs), Version(1) < Version(1, 1), Version(2) >= Version(1, 9))
print(hash(Version(1, 2)) == hash((1, 2)), {Version(1): 'one'}[Version(1, 0)])
try:
    vs[0].major = 5
except FrozenInstanceError as e:
    print('FrozenInstanceError', e, isinstance(e, AttributeError))
try:
    del vs[0].minor
except AttributeError as e:
    print(type(e).__name__, e)


@dataclass
class Base:
    a: int
    b: str = 'b'


@dataclass
class Child(Base):
    c: float = 1.5


print(Child(1), Child(1, 'z', 2.5), [f.name for f in fields(Child)], Child(1) == Base(1))


@dataclass(kw_only=True)
class KW:
    a: int
    b: int = 2


print(KW(a=1), KW(b=3, a=0))


@dataclass
class Mixed:
    a: int
    b: int = field(default=5, kw_only=True)
    c: int = 3


print(Mixed(1), Mixed(1, 2, b=9))


@dataclass(eq=False)
class NoEq:
    v: int


print(NoEq(1) == NoEq(1), NoEq(1).__hash__ is not None)


@dataclass(repr=False)
class NoRepr:
    v: int


print(repr(NoRepr(1)).startswith('<__main__.NoRepr object'))


@dataclass
class Nested:
    p: Point
    pts: list
    d: dict


n = Nested(Point(1, 2), [Point(3, 4)], {'k': Point(5, 6)})
print(n)
print(asdict(n))
print(astuple(n))


@dataclass
class Outer:
    @dataclass
    class Inner:
        v: int = 1
    w: int = 2


print(Outer.Inner(), Outer())
for bad in [lambda: Point(), lambda: Point(1, 2, 3), lambda: Point(1, z=2), lambda: replace(a, steps=1),
            lambda: fields(1), lambda: asdict(Point), lambda: KW(1),
            lambda: field(default=1, default_factory=list), lambda: dataclass(order=True, eq=False)(type('Z', (), {}))]:
    try:
        bad()
        print('no error')
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    @dataclass
    class Bad:
        a: int = 1
        b: int
except TypeError as e:
    print('TypeError', e)
try:
    @dataclass
    class Bad2:
        items: list = []
except ValueError as e:
    print('ValueError', e)
print(fields(Point)[0].default_factory is dataclasses.MISSING, fields(Point)[1].default)
