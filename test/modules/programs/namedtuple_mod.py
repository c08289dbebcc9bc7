import sys
from collections import namedtuple
Point = namedtuple("Point", "x y")
p = Point(1, y=2)
print(p, p.x, p.y, p[0], len(p), isinstance(p, tuple), tuple(p), p == (1, 2))
print(Point._fields, Point.__name__, type(p).__name__, repr(Point))
print(p._asdict(), p._replace(x=5), Point._make([3, 4]))
a, b = p
print(a + b, sys.getsizeof(p), hash(p) == hash((1, 2)))
P3 = namedtuple("P3", ["a", "b", "c"], defaults=[0, 9])
print(P3(1), P3(1, 2), P3(1, 2, 3))
try:
    Point(1)
except TypeError as e:
    print("TypeError:", e)
try:
    namedtuple("Bad", "_x")
except ValueError as e:
    print("ValueError:", e)
val = object()
q = Point(val, val)
print(sys.getrefcount(val))
del q
print(sys.getrefcount(val))
