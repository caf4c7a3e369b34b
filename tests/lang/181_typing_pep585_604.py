# Builtin generics (list[int]) and X | Y unions, mixed with typing's aliases.
import typing
from typing import List, Optional, Union
print(list[int], dict[str, list[int]], tuple[int, ...], tuple[()], set[float], frozenset[str])
print(list[int].__origin__, list[int].__args__, dict[str, int].__args__, list[int].__parameters__)
print(list[int]([1, 2]), dict[str, int](a=1), list[int] == list[int], list[int] == list[str])
print(hash(list[int]) == hash(list[int]), list[int] != List[int], list[int].append)
for f in [lambda: isinstance([], list[int]), lambda: issubclass(list, list[int])]:
    try: f()
    except TypeError as e: print(type(e).__name__, e)
print(int | None, int | str | None, (int | str) | (str | float), list[int] | None, int | int)
print(None | int, (int | None).__args__, (int | str) == (str | int), hash(int | str) == hash(str | int))
print(isinstance(3, int | str), isinstance(3.0, int | str), issubclass(bool, int | None))
print(typing.Optional[int] | str, int | List[int], Union[int, str | None], Optional[int | str])
try: 3 | int
except TypeError as e: print(type(e).__name__, e)
try: int | 3
except TypeError as e: print(type(e).__name__, e)
def f(x: int | None = None, *args: str, y: list[float] = [], **kw: dict[str, int]) -> tuple[int, str] | None:
    return None
print(f.__annotations__)
print(typing.get_type_hints(f))
f.__annotations__ = {'z': int}
print(f.__annotations__)
def g(): pass
print(g.__annotations__, g.__annotations__ is g.__annotations__)
class C:
    a: int
    b: 'list[str]' = []
print(C.__annotations__, typing.get_type_hints(C))
