from abc import ABC, ABCMeta, abstractmethod
import abc
class Shape(ABC):
    @abstractmethod
    def area(self): ...
    @abstractmethod
    def perimeter(self): ...
    def describe(self): return f"{type(self).__name__} area={self.area()}"
class Square(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
    def perimeter(self): return 4 * self.s
class Half(Shape):
    def area(self): return 1
print(Square(3).describe(), Square(2).perimeter(), isinstance(Square(1), Shape), sorted(Shape.__abstractmethods__), Square.__abstractmethods__)
for cls in (Shape, Half):
    try:
        cls()
    except TypeError as e:
        print("TypeError:", e)
class Base(metaclass=ABCMeta):
    @property
    @abstractmethod
    def name(self): ...
    @classmethod
    @abstractmethod
    def make(cls): ...
class Impl(Base):
    @property
    def name(self): return "impl"
    @classmethod
    def make(cls): return cls()
print(Impl.make().name, sorted(Base.__abstractmethods__), type(Base).__name__, type(ABC))
try:
    Base()
except TypeError as e:
    print(e)
class Plain(ABC):
    pass
print(Plain(), Plain.__abstractmethods__) if False else print(type(Plain()).__name__)
print(abc.get_cache_token() >= 0)
Shape()
