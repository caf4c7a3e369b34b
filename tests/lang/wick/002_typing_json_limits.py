# wick-specific: what typing and json do not support raises a clear error.
# CPython cannot produce this output: its json keeps a lone surrogate (wick strs are
# UTF-8, so it becomes U+FFFD) and reads big ints; the .out file is written by hand.
import typing, json
class Proto(typing.Protocol):
    def forward(self, x): ...
for f in [lambda: typing.runtime_checkable(Proto), lambda: typing.TypedDict('X', {'a': int})]:
    try: f()
    except NotImplementedError as e: print(type(e).__name__, e)
try:
    class Movie(typing.TypedDict):
        title: str
except NotImplementedError as e: print(type(e).__name__, e)
print(repr(json.loads('"\\ud800"')))
try: json.loads('123456789012345678901234567890')
except OverflowError as e: print(type(e).__name__, e)
