import enum
from enum import Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique
class C(Enum):
    R = 1
    G = 2
class P(Flag):
    R = 4
    W = 2
    X = 1
class I(IntEnum):
    A = 1
    B = 2
print(repr(C), repr(C.R), str(C.R), f'{C.R}', C.R.name, C.R.value, list(C), len(C), C(1), C['G'], C.__members__)
print(repr(P.R|P.W), str(P.R|P.W), P(3), P(0), repr(P(7)), list(P.R|P.X), P.R in (P.R|P.W), bool(P(0)), ~P.R)
print(repr(I.A), str(I.A), f'{I.A}', I.A + 1, I.A == 1, I(2), sorted([I.B, I.A]), I.A < I.B)
for f in [lambda: C(5), lambda: C.R < C.G, lambda: C['Z']]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
print(C.R in C, hash(C.R) == hash('R'), C.R is C(1), type(C.R), C.R.__class__.__name__, C.R == C.R, C.R != C.G, C.R == 1)
class Color(Enum):
    RED = auto()
    GREEN = auto()
    BLUE = auto()
    def describe(self):
        return f"{self.name.lower()} ({self.value})"
    @classmethod
    def default(cls):
        return cls.RED
print(list(Color), Color.BLUE.describe(), Color.default(), [c.value for c in Color])
class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
    @property
    def gravity(self):
        return 6.673e-11 * self.mass / (self.radius * self.radius)
print(Planet.EARTH, Planet.EARTH.value, round(Planet.EARTH.gravity, 3), Planet.MERCURY.mass)
class Status(StrEnum):
    ACTIVE = auto()
    DONE = "done"
print(Status.ACTIVE, repr(Status.ACTIVE), Status.DONE == "done", Status("done"), f"{Status.DONE}", Status.ACTIVE.upper())
class Perm(IntFlag):
    R = 4
    W = 2
    X = 1
print(Perm.R | Perm.W, repr(Perm.R | Perm.W), Perm.R | 1, int(Perm.R | Perm.X), Perm.W in (Perm.R | Perm.W))
class Shape(Enum):
    SQUARE = 2
    ALIAS = 2
    CIRCLE = 3
print(list(Shape), Shape.ALIAS, Shape(2), Shape.__members__.keys() if False else list(Shape.__members__))
try:
    @unique
    class Mist(Enum):
        ONE = 1
        TWO = 1
except ValueError as e:
    print("ValueError", e)
Animal = Enum('Animal', 'ANT BEE CAT')
print(list(Animal), Animal.BEE.value)
class W(Enum):
    MON = 1
    TUE = 2
    def __str__(self): return self.name.title()
print(W.MON, [str(w) for w in W], W.TUE.value)
counts = {C.R: 3, C.G: 4}
print(counts, sorted(counts, key=lambda c: c.value))
class Pri(IntEnum):
    LOW = 1
    MID = 5
    HIGH = 10
class Coord(Enum):
    def __new__(cls, value, label):
        obj = object.__new__(cls)
        obj._value_ = value
        obj.label = label
        return obj
    N = (0, "north")
    S = (1, "south")
print(Coord.N, Coord.N.value, Coord.S.label, Coord(1))
tasks = [("b", Pri.HIGH), ("a", Pri.LOW), ("c", Pri.MID)]
print(sorted(tasks, key=lambda t: t[1]), max(Pri), Pri.HIGH > Pri.MID, Pri.LOW + Pri.MID, Pri(5).name)
class State(Enum):
    IDLE = auto()
    RUNNING = auto()
    def next(self):
        members = list(type(self))
        return members[(members.index(self) + 1) % len(members)]
s = State.IDLE
for _ in range(3):
    print(s, s.value); s = s.next()
print(Pri.__members__, reversed(list(Pri))[0] if False else list(reversed(Pri)))
if Pri.MID == Pri.LOW: print("low")
elif Pri.MID == 5: print("mid")
print(isinstance(Pri.LOW, int), isinstance(State.IDLE, State), State.IDLE is State['IDLE'], State.IDLE.name)
