x: int
x: int = 1
(x): int = 1
a.b: str
a[0]: float = 1.0
x: list[int] = []
x: "T" = yield_
