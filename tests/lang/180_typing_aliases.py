# typing: alias reprs, __origin__/__args__, Union/Optional rules, TypeVar, isinstance, NamedTuple, get_type_hints
import typing as t
from typing import List, Optional, Tuple, NamedTuple, Dict, Union, Callable, Any
print(t.Tuple[()].__args__, repr(t.Tuple[()]), t.Tuple[int,...].__args__)
print(t.Callable[..., int].__args__, repr(t.Callable[..., int]), repr(t.Callable))
print(repr(t.Optional[t.Union[int,str]]), repr(t.Union[int,None,str]))
print(repr(t.List['int']), repr(t.Literal['a',1]), t.Literal['a',1].__args__, t.Literal[1].__origin__)
print(repr(t.Final[int]), t.Final[int].__origin__, t.Final[int].__args__, repr(t.ClassVar), repr(t.Any), repr(t.Type[int]), t.Type[int].__origin__)
print(repr(t.Iterable), t.Iterable.__origin__, repr(t.Generator[int,None,None]), repr(t.Mapping[str,int]))
T=t.TypeVar('T'); print(repr(T), repr(t.List[T]), t.List[T].__parameters__, repr(t.Dict[str,T][int]), repr(t.TypeVar('U', bound=int).__bound__))
print(repr(t.Sequence), repr(t.Set[int]), repr(t.FrozenSet[int]), repr(t.Dict), t.Dict.__origin__, repr(t.Union), repr(t.Optional))
for f in [lambda: t.List[int](), lambda: t.List(), lambda: isinstance(1, t.List[int]), lambda: isinstance(1, t.Any),
          lambda: t.Optional[int, str], lambda: t.Union[()], lambda: t.List[int, str], lambda: t.Dict[int]]:
    try: f()
    except Exception as e: print(type(e).__name__, e)
print(isinstance([], t.List), isinstance([], t.Iterable), isinstance(3, t.Iterable), isinstance({}, t.Mapping), isinstance(len, t.Callable))
print(t.Union[int, str] == t.Union[str, int], t.List[int] == t.List[int], t.List[int]==list[int], t.Union[int, int])
print(list[int], dict[str, int], list[int].__origin__, tuple[int, ...])
print(t.Optional[int].__args__, t.Union[int, str].__origin__)
print(t.get_type_hints(lambda: 0))
print(repr(t.Callable[[], None]), t.Callable[[], None].__args__)
print(repr(t.Annotated[int, 'x']))
class P(NamedTuple):
    x: int
    y: float = 0.0
    def norm(self): return self.x + self.y
p = P(1)
print(p, p.x, p.y, p.norm(), P._fields, P._field_defaults, P.__annotations__, isinstance(p, tuple), p._replace(x=3), p._asdict())
print(P(2, y=5), P(*[3, 4]), len(p), p[0], P.__name__, P.__new__.__qualname__)
Q = NamedTuple('Q', [('a', int), ('b', str)])
print(Q(1, 'z'), Q.__annotations__, Q._fields)
R = NamedTuple('R', a=int)
print(R(5), R.__annotations__)
try:
    class Bad(NamedTuple):
        x: int = 1
        y: int
except TypeError as e: print(type(e).__name__, e)
try: P(1, 2, 3)
except TypeError as e: print(type(e).__name__, e)
try: p.x = 5
except AttributeError as e: print(type(e).__name__, e)
def f(a: List[int], b: Optional[str] = None) -> Dict[str, 'int']: return {}
print(f.__annotations__)
print(t.get_type_hints(f))
print(t.cast(int, 'x'), t.TYPE_CHECKING)
@t.overload
def g(x: int) -> int: ...
@t.overload
def g(x: str) -> str: ...
def g(x): return x
print(g(3))
@t.no_type_check
def h(): pass
print(h.__no_type_check__)
class Box(t.Generic[T]):
    def __init__(self, v: T): self.v = v
print(repr(Box[int]), Box[int](3).v, Box(4).v)
print(t.get_origin(List[int]), t.get_args(Dict[str, int]), t.get_args(Callable[[int], str]), t.get_origin(int))
print(isinstance(3, Union[int, str]), isinstance(3.0, Optional[int]))
print(repr(Tuple[int, str]), Tuple[int, str].__origin__)
print(Union[int, None] == Optional[int], hash(List[int]) == hash(List[int]))
