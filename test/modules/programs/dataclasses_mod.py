from dataclasses import dataclass, field, fields, asdict, astuple, replace, is_dataclass, FrozenInstanceError
import dataclasses, sys

@dataclass
class Point:
    x: int
    y: int = 0

@dataclass
class Item:
    name: str
    price: float
    tags: list = field(default_factory=list)
    qty: int = 1
    def total(self): return self.price * self.qty

p = Point(1, 2)
print(p, Point(3), p == Point(1, 2), p != Point(2, 1), p.x, Point.__init__.__qualname__, Point.__match_args__)
it = Item("apple", 0.5, qty=4)
it.tags.append("fruit")
print(it, it.total(), Item("b", 1.0).tags is not it.tags)
print([f.name for f in fields(Item)], asdict(it), astuple(p), replace(p, y=10), is_dataclass(p), is_dataclass(Point), is_dataclass(1))

@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    patch: int = 0
vs = [Version(1, 2), Version(1, 0, 5), Version(0, 9)]
print(sorted(vs), Version(1) < Version(1, 1), max(vs), hash(Version(1, 2)) == hash(Version(1, 2)), len({Version(1), Version(1)}))
try:
    vs[0].major = 5
except FrozenInstanceError as e:
    print("FrozenInstanceError", e)
try:
    Version(1) < Point(1)
except TypeError as e:
    print("TypeError", e)
print(Point.__hash__, Version.__hash__ is not None)

@dataclass
class Node:
    value: int
    children: list = field(default_factory=list)
    parent: "Node" = field(default=None, repr=False, compare=False)
    def add(self, v):
        n = Node(v, parent=self); self.children.append(n); return n
root = Node(1); c = root.add(2); c.add(3)
print(root)

@dataclass(slots=True)
class Slotted:
    a: int
    b: str = "x"
s = Slotted(1)
print(s, Slotted.__slots__, hasattr(s, '__dict__'), sys.getsizeof(s), sys.getsizeof(Point(1, 2)))

@dataclass
class WithPost:
    a: int
    b: int = field(init=False)
    def __post_init__(self):
        self.b = self.a * 2
print(WithPost(5))

@dataclass
class Base:
    x: int
    y: int = 1
@dataclass
class Derived(Base):
    z: int = 2
print(Derived(0), Derived(1, 2, 3), [f.name for f in fields(Derived)])

@dataclass(eq=False, repr=False)
class NoEq:
    v: int
print(NoEq(1) == NoEq(1), type(repr(NoEq(1))).__name__)

@dataclass
class Inventory:
    items: dict = field(default_factory=dict)
    def add(self, name, n): self.items[name] = self.items.get(name, 0) + n
inv = Inventory(); inv.add("a", 2); inv.add("a", 3)
print(inv, asdict(inv))
errors = []
try:
    @dataclass
    class Bad:
        a: int = 1
        b: int
except TypeError as e:
    print("TypeError", e)
try:
    @dataclass
    class Bad2:
        items: list = []
except ValueError as e:
    print("ValueError", e)
try:
    Point()
except TypeError as e:
    print("TypeError", e)
try:
    replace(WithPost(1), b=3)
except ValueError as e:
    print("ValueError", e)
