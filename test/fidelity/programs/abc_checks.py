# isinstance/issubclass consult a metaclass's __instancecheck__/__subclasscheck__: abc's registry, the builtin containers registered with collections.abc, type.__subclasses__().
import collections.abc as c
from abc import ABC, abstractmethod
print(isinstance({}, c.Mapping), isinstance({}, c.MutableMapping), isinstance([], c.Sequence), isinstance((), c.MutableSequence), isinstance('s', c.Sequence), isinstance(set(), c.Set), isinstance(frozenset(), c.MutableSet), issubclass(list, c.MutableSequence), isinstance(1, c.Sequence))
class Shape(ABC):
    @abstractmethod
    def area(self): ...
class Sq(Shape):
    def area(self): return 4
class Other: pass
Shape.register(Other)
print(isinstance(Sq(), Shape), isinstance(Other(), Shape), issubclass(Other, Shape), isinstance(3, Shape))
class A0: pass
class B0(A0): pass
print(A0.__subclasses__(), type.__subclasses__(A0))
