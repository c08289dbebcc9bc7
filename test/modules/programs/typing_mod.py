from typing import List, Dict, Optional, Union, Tuple, Callable, Any, Set, TypeVar, Generic, NamedTuple, TypedDict, cast, Iterable, Iterator, ClassVar, Literal, DefaultDict
import typing
print(List[int], Optional[str], Union[int, str], Dict[str, int], Callable[[int], str], Any, Tuple[int, ...], Optional[List[int]], Union[int, None], List)
print(Union[int, int], Union[int, Union[str, float]], Optional[Union[int, str]], Literal["a", 1], Callable[..., int], Iterable[int], ClassVar[int], Set[str], DefaultDict[str, List[int]])
def total(xs: List[int], scale: Optional[float] = None) -> int:
    return sum(xs) * (scale or 1)
print(total([1, 2, 3]), total([1], 2.0))
T = TypeVar('T')
class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []
    def push(self, item: T) -> None:
        self.items.append(item)
    def pop(self) -> T:
        return self.items.pop()
s = Stack[int]()
s.push(1); s.push(2)
print(s.pop(), T, type(s).__name__, Stack[int])
class Employee(NamedTuple):
    name: str
    dept: str = "eng"
    salary: int = 100
    def describe(self) -> str:
        return f"{self.name}@{self.dept}"
e = Employee("ann")
print(e, e.describe(), e._replace(salary=5), Employee._fields, e[0], isinstance(e, tuple), e._asdict())
class Movie(TypedDict):
    title: str
    year: int
m = Movie(title="x", year=1999)
print(m, type(m).__name__, m["year"])
print(cast(int, "s"), List[int] == List[int], typing.get_type_hints(Movie) if False else None)
Vector = List[float]
def scale(v: Vector, k: float) -> Vector:
    return [k * x for x in v]
print(scale([1.0, 2.0], 2), typing.TYPE_CHECKING, List[int]([1, 2]) if False else list())
try:
    Employee()
except TypeError as ex:
    print("TypeError", ex)
