# typing: star import, Protocol/Generic bases (PEP 560 __mro_entries__), subclassing List[int] and list[str].
from typing import *
print(List, Optional[int], Reversible, AbstractSet[int], Self, Never, Text, AnyStr)
import typing
print(all(hasattr(typing, n) for n in typing.__all__))
print(typing.Protocol[typing.TypeVar("T")])
class Proto(Protocol):
    def forward(self, x: int) -> int: ...
class Impl(Proto):
    def forward(self, x): return x * 2
print(Impl().forward(2))
print(typing.Counter[str], typing.DefaultDict[str, int], typing.Deque[int], typing.OrderedDict[str, int])
import collections
print(collections.Counter[str], collections.OrderedDict[str, int])
print(typing.Dict[str, typing.List[typing.Tuple[int, float]]])
T = typing.TypeVar('T')
print(typing.Generic[T], typing.Generic[T].__origin__)
class Box(typing.Generic[T]):
    def __init__(self, v): self.v = v
print(Box[int], Box[int](2).v, Box.__mro__)
class IntList(List[int]):
    pass
print(IntList([1, 2]), IntList.__mro__[:2])
class L2(list[str]):
    pass
print(L2('ab'), L2.__mro__)
class Base:
    pass
class Both(Base, typing.Generic[T]):
    pass
print(Both().__class__.__name__)
try:
    class Bad(typing.Iterable[int]): pass
except TypeError as e: print(type(e).__name__, e)
import typing as t
T=t.TypeVar('T')
class Box2(t.Generic[T]): pass
for a in [t.List, t.List[int], t.Optional[int], t.Union[int,str], t.Callable[[int],str], Box[int], t.Any, t.Literal[1], t.Dict[str, int], t.Tuple[int, ...], Box2[str]]:
    print(getattr(a, '__name__', 'NA'), getattr(a, '__qualname__', 'NA'), getattr(a, '__module__', 'NA'))
