# typing in the annotations of an nn.Module-style class and a training helper.
from typing import Any, Callable, Dict, Iterable, Iterator, List, NamedTuple, Optional, Sequence, Tuple, TypeVar, Union, get_type_hints, cast, TYPE_CHECKING
import typing

if TYPE_CHECKING:
    import nothing_like_this_exists

T = TypeVar('T')
Batch = Tuple[List[float], int]

class Metrics(NamedTuple):
    loss: float
    accuracy: float = 0.0
    tags: Tuple[str, ...] = ()

    def summary(self) -> str:
        return f'loss={self.loss:.3f} acc={self.accuracy:.2f}'

class Layer:
    weight: List[List[float]]
    bias: Optional[List[float]]
    activation: Callable[[float], float]

    def __init__(self, n_in: int, n_out: int, bias: bool = True,
                 activation: Optional[Callable[[float], float]] = None) -> None:
        self.weight = [[0.1 * (i + j) for j in range(n_in)] for i in range(n_out)]
        self.bias = [0.0] * n_out if bias else None
        self.activation = activation or (lambda v: max(v, 0.0))

    def forward(self, x: Sequence[float]) -> List[float]:
        out: List[float] = []
        for i, row in enumerate(self.weight):
            v = sum(w * xi for w, xi in zip(row, x))
            if self.bias is not None:
                v += self.bias[i]
            out.append(self.activation(v))
        return out

class Model:
    def __init__(self, sizes: Sequence[int]) -> None:
        self.layers: List[Layer] = [Layer(a, b) for a, b in zip(sizes, sizes[1:])]
        self.history: Dict[str, List[float]] = {'loss': []}

    def __call__(self, x: List[float]) -> List[float]:
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def parameters(self) -> Iterator[List[float]]:
        for layer in self.layers:
            yield from layer.weight

def first(items: Iterable[T]) -> Optional[T]:
    for it in items:
        return it
    return None

def evaluate(model: Model, data: List[Batch], loss_fn: Callable[[List[float], int], float]) -> Metrics:
    total = 0.0
    correct = 0
    for x, y in data:
        out = model(x)
        total += loss_fn(out, y)
        correct += int(max(range(len(out)), key=lambda i: out[i]) == y)
    return Metrics(total / len(data), correct / len(data), ('eval',))

model = Model([3, 4, 2])
data: List[Batch] = [([1.0, 2.0, 3.0], 1), ([0.5, -1.0, 2.0], 0)]
m = evaluate(model, data, lambda out, y: sum((o - (i == y)) ** 2 for i, o in enumerate(out)))
print(m)
print(m.summary(), m._asdict(), m._replace(loss=0.5))
print(Metrics(1.0), Metrics._fields, Metrics._field_defaults)
print(first(model.parameters()), first([]), cast(int, '3'))
print(get_type_hints(Layer.__init__))
print(get_type_hints(Layer))
print(get_type_hints(evaluate))
print(get_type_hints(Metrics))
print(Layer.__annotations__)
print(Model.__init__.__annotations__, first.__annotations__)
print(isinstance(model.layers, List), isinstance(m, tuple), isinstance(m, Sequence), isinstance({}, typing.Mapping))
print(Batch, typing.get_origin(Batch), typing.get_args(Batch))
