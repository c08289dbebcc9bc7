# Classes: operator dunders on a slotted class, __init_subclass__ through super(), slots down a hierarchy, __getattr__/__setattr__, descriptors with __set_name__, the old sequence protocol, a metaclass with __new__ and __call__, and the class dict in PyType_Ready's order.
import sys, gc
class Vec:
    __slots__ = ('x', 'y')
    def __init__(self, x, y): self.x, self.y = x, y
    def __add__(self, o): return Vec(self.x + o.x, self.y + o.y)
    def __mul__(self, k): return Vec(self.x * k, self.y * k)
    __rmul__ = __mul__
    def __eq__(self, o): return isinstance(o, Vec) and (self.x, self.y) == (o.x, o.y)
    def __hash__(self): return hash((self.x, self.y))
    def __repr__(self): return f'Vec({self.x}, {self.y})'
    def __iter__(self): yield self.x; yield self.y
    def __len__(self): return 2
    def __getitem__(self, i): return (self.x, self.y)[i]
    def __bool__(self): return bool(self.x or self.y)
    def __lt__(self, o): return (self.x, self.y) < (o.x, o.y)
v = Vec(1, 2) + Vec(3, 4) * 2
print(v, 3 * v, list(v), v[1], len(v), bool(Vec(0, 0)), {v: 1}[Vec(7, 10)], sorted([Vec(2, 1), Vec(1, 5)]))
print(sys.getsizeof(v), hasattr(v, '__dict__'), gc.is_tracked(v))
class Base:
    count = 0
    def __init__(self):
        Base.count += 1
    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        cls.registered = True
class Child(Base):
    __slots__ = ('extra',)
class GrandChild(Child):
    pass
Child(); GrandChild()
print(Base.count, Child.registered, sys.getsizeof(Child()), sys.getsizeof(GrandChild()), hasattr(Child(), '__dict__'))
class Dyn:
    def __getattr__(self, name):
        return name.upper()
    def __setattr__(self, name, val):
        object.__setattr__(self, name, val * 2)
d = Dyn(); d.q = 4
print(d.q, d.missing, sys.getsizeof(d))
class Desc:
    def __get__(self, obj, typ=None): return 'desc' if obj else 'class'
    def __set_name__(self, owner, name): self.name = name
class UsesDesc:
    attr = Desc()
print(UsesDesc.attr, UsesDesc().attr, UsesDesc.__dict__['attr'].name)
class Seq:
    def __init__(self, n): self.n = n
    def __getitem__(self, i):
        if i >= self.n: raise IndexError
        return i * i
print(list(Seq(5)), 9 in Seq(5))
class Temp:
    def __enter__(self): return self
    def __exit__(self, *exc): return False
with Temp() as t:
    print(sys.getrefcount(t))
class Meta(type):
    def __new__(mcs, name, bases, ns):
        ns['tag'] = name.lower()
        return super().__new__(mcs, name, bases, ns)
    def __call__(cls, *a):
        inst = super().__call__(*a)
        inst.made_by = 'meta'
        return inst
class Thing(metaclass=Meta):
    def __init__(self, v): self.v = v
th = Thing(3)
print(Thing.tag, th.made_by, th.v, type(Thing).__name__, sys.getsizeof(Thing))
print(isinstance(th, Thing), issubclass(GrandChild, Base), Thing.__mro__, Child.__slots__)
print(sorted(vars(Vec))[:4])
class A0:
    pass
class B:
    "doc"
    __slots__ = ("x",)
    def f(self): pass
class C(A0):
    y = 1
print(list(vars(A0)))
print(list(vars(B)))
print(list(vars(C)))
print(A0.__doc__, B.__doc__, C.__doc__)
class A1:
    def __eq__(s, o): return True
print(list(vars(A1)))
class B1:
    __slots__ = ("b", "a")
    def __eq__(s, o): return True
print(list(vars(B1)))
